/**
 * Submission checks (issue 14): a report is held for a supervisor, not counted, when
 * - the agency it names (its title or signature, `meta.agency`) is not the agency that submitted it
 *   or that the importer chose, or
 * - its period (`meta.period`) is not the round's.
 * The agency sees why; a supervisor releases it (it then counts, replacing the agency's current
 * report) or withdraws it. A report that names no agency or no period is not held for that: the
 * checks only act on what the report says.
 */
import type { Database } from '../db/connect';
import { appendAudit } from '../db/audit';
import * as agencies from '../db/agencies';
import { agencyKey, type AgencyIndex } from './resolve-agency';
import { m } from '../../paraglide/messages.js';

export type HoldCode = 'agency_mismatch' | 'period_mismatch';
export interface HoldReason {
	code: HoldCode;
	params: Record<string, string>;
}

/** Same period: equal, or a year and one of its halves ("2024" / "2024H1") — the half is not the report's to tell. */
function samePeriod(a: string, b: string): boolean {
	if (a === b) return true;
	const ya = a.slice(0, 4);
	const yb = b.slice(0, 4);
	return ya === yb && (a.length === 4 || b.length === 4);
}

/**
 * Why this report must be held (empty: it counts). `named` is the agency the report names,
 * `agency` the agency it is filed under (with its aliases), `index` the registry.
 */
export function holdReasons(
	report: { namedAgency: string | null; period: string | null },
	agency: { id: number; name: string; aliases: readonly string[] },
	round: { period: string },
	index: AgencyIndex
): HoldReason[] {
	const out: HoldReason[] = [];
	const named = report.namedAgency?.trim();
	if (named) {
		const own = [agency.name, ...agency.aliases].map(agencyKey).filter(Boolean);
		const key = agencyKey(named);
		// The report may shorten the name (县应急管理局 for 武定县应急管理局) or lengthen it (…人民政府办公室).
		const ownName = own.some((k) => k === key || k.endsWith(key) || key.endsWith(k));
		const resolved = index.resolve(named);
		const other = resolved.ok && resolved.agencyId !== agency.id && resolved.how !== 'suffix';
		if (other || (!ownName && !(resolved.ok && resolved.agencyId === agency.id))) {
			out.push({ code: 'agency_mismatch', params: { named, agency: agency.name } });
		}
	}
	if (report.period && !samePeriod(report.period, round.period)) {
		out.push({ code: 'period_mismatch', params: { period: report.period, roundPeriod: round.period } });
	}
	return out;
}

/** A hold reason in the request's language. */
export function holdText(r: HoldReason): string {
	return r.code === 'agency_mismatch'
		? m.hold_agency_mismatch({ named: r.params.named ?? '', agency: r.params.agency ?? '' })
		: m.hold_period_mismatch({ period: r.params.period ?? '', roundPeriod: r.params.roundPeriod ?? '' });
}

/** The stored reasons of a report row (`reports.held`), [] when it is not held. */
export function parseHeld(raw: string | null | undefined): HoldReason[] {
	if (!raw) return [];
	try {
		const v = JSON.parse(raw) as unknown;
		return Array.isArray(v) ? (v as HoldReason[]) : [];
	} catch {
		return [];
	}
}

/** The agency with its aliases, as `holdReasons` wants it. */
export async function agencyWithAliases(db: Database, agencyId: number): Promise<{ id: number; name: string; aliases: string[] } | null> {
	const a = await agencies.findAgency(db, agencyId);
	if (!a) return null;
	const aliases = (await db.selectFrom('agency_aliases').select('alias').where('agency_id', '=', agencyId).execute()).map((x) => x.alias);
	return { id: a.id, name: a.name, aliases };
}

export type ReleaseResult = { ok: true } | { ok: false; status: 404 | 409; message: string };

/**
 * A supervisor releases a held report: it becomes the agency's current report (the one it replaces
 * is superseded, kept) and counts from now on; audited with the reasons it was held for.
 */
export async function releaseHeld(db: Database, reportId: number, user: { id: number | null; username: string | null }, note = ''): Promise<ReleaseResult> {
	const r = await db
		.selectFrom('reports')
		.innerJoin('rounds', 'rounds.id', 'reports.round_id')
		.select(['reports.id', 'reports.round_id', 'reports.agency_id', 'reports.held', 'reports.withdrawn_at', 'rounds.status as round_status'])
		.where('reports.id', '=', reportId)
		.executeTakeFirst();
	if (!r) return { ok: false, status: 404, message: m.err_report_not_found() };
	if (r.round_status === 'published') return { ok: false, status: 409, message: m.sv_round_frozen() };
	if (!r.held || r.withdrawn_at) return { ok: false, status: 409, message: m.hold_not_held() };
	await db.transaction().execute(async (trx) => {
		if (r.agency_id != null) {
			await trx.updateTable('reports').set({ superseded: 1 }).where('round_id', '=', r.round_id).where('agency_id', '=', r.agency_id).where('id', '!=', r.id).execute();
		}
		await trx.updateTable('reports').set({ held: null, superseded: 0 }).where('id', '=', r.id).execute();
		await appendAudit(trx, {
			userId: user.id,
			username: user.username,
			action: 'report_release',
			entity: 'report',
			entityId: r.id,
			before: { held: parseHeld(r.held).map(holdText) },
			after: { agencyId: r.agency_id, ...(note.trim() ? { reason: note.trim() } : {}) }
		});
	});
	return { ok: true };
}
