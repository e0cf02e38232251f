/**
 * decode → analyze → persist, one transaction per file: a failure rolls back that file only.
 * Duplicates are found by the SHA-256 of the normalized text (the same report sent as UTF-8, GBK,
 * html or docx is one report). The original bytes are kept for re-analysis under another rubric.
 */
import type { AnalysisResult } from '../../analysis/analyze';
import type { RubricDefinition } from '../../analysis/rubric';
import type { Database } from '../db/connect';
import { appendAudit } from '../db/audit';
import * as agencies from '../db/agencies';
import * as reports from '../db/reports';
import * as rounds from '../db/rounds';
import * as rubrics from '../db/rubrics';
import { previousRoundChecks } from '../scoring/cross-round';
import type { Round } from '../db/schema';
import { joinList, warningText } from '../../i18n/labels';
import { m } from '../../paraglide/messages.js';
import { getLocale } from '../../paraglide/runtime.js';
import { sha256Hex, type ParseOutcome } from './parse-task';
import { getImportPool } from './pool';
import { AgencyIndex, type RegistryAgency } from './resolve-agency';
import { afterImport } from '../similarity/service';
import { currentReportOf, type ReplacedReport } from '../rounds/report-fix';
import { agencyWithAliases, holdReasons, holdText, type HoldReason } from './submission-check';
import { config } from '../env';
import { formatDate } from '../../time';

export type IngestOutcome =
	| {
			status: 'imported';
			fileName: string;
			reportId: number;
			agencyId: number;
			agencyName: string;
			period: string | null;
			type: string;
			total: number;
			max: number;
			late: boolean;
			warnings: string[];
			/** issue 14: why the report is held for a supervisor (not counted); empty or absent when it counts */
			held?: string[];
	  }
	| { status: 'duplicate'; fileName: string; reportId: number; agencyName: string | null; message: string }
	| {
			status: 'needs_agency';
			fileName: string;
			reportId: number;
			extracted: string | null;
			candidates: RegistryAgency[];
			period: string | null;
			type: string;
			total: number;
			max: number;
			message: string;
	  }
	| { status: 'failed'; fileName: string; message: string }
	/** not saved: it would replace the agency's current report (ask, then repeat with `confirmReplace`) */
	| { status: 'replaces'; fileName: string; agencyId: number; agencyName: string; replaces: ReplacedReport; message: string };

/** Per-batch state: the round, its rubric, and the agency index (kept current as files go in). */
export interface IngestContext {
	db: Database;
	round: Round;
	rubric: RubricDefinition;
	index: AgencyIndex;
	userId: number | null;
	username: string | null;
	maxFileBytes?: number;
}

export async function createIngestContext(
	db: Database,
	roundId: number,
	user: { id: number | null; username: string | null },
	maxFileBytes?: number
): Promise<IngestContext> {
	const round = await rounds.findRound(db, roundId);
	if (!round) throw new Error(m.ix_round_id_not_found({ id: roundId }));
	const rubric = await rubrics.findRubric(db, round.rubric_id);
	if (!rubric) throw new Error(m.ix_round_rubric_not_found({ id: roundId }));
	const list = (await agencies.listAgencies(db)).filter((a) => a.merged_into == null); // a merged agency's name is an alias of its target
	const index = new AgencyIndex(
		list.map((a) => ({ id: a.id, name: a.name, region: a.region })),
		await agencies.listAliases(db)
	);
	return { db, round, rubric: rubric.definition, index, userId: user.id, username: user.username, maxFileBytes };
}

/** Fewer Chinese characters than this is not a report (a stray file, an empty template). */
export const MIN_CJK_CHARS = 100;

export { sha256Hex, textFingerprint } from './parse-task';

/**
 * Decode + analyse one file in the import pool (worker threads; see pool.ts), in the current
 * request's language. Never rejects for a bad file.
 */
export function parseForIngest(ctx: IngestContext, fileName: string, bytes: Uint8Array): Promise<ParseOutcome> {
	return getImportPool().run({ bytes, fileName, rubric: ctx.rubric, locale: getLocale(), decode: { maxBytes: ctx.maxFileBytes } });
}

function warningsOf(a: AnalysisResult, round: Round): string[] {
	const w = a.meta.warnings.map(warningText);
	if (a.meta.period && a.meta.period !== round.period) w.push(m.ix_period_mismatch({ period: a.meta.period, roundPeriod: round.period }));
	return w;
}

/** The submission checks of a report filed under `agencyId` (see submission-check.ts). */
async function holdFor(ctx: IngestContext, a: AnalysisResult, agencyId: number): Promise<HoldReason[]> {
	const agency = await agencyWithAliases(ctx.db, agencyId);
	if (!agency) return [];
	return holdReasons({ namedAgency: a.meta.agency, period: a.meta.period }, agency, ctx.round, ctx.index);
}

/**
 * Imports one file into the round. Never throws for a bad file: the outcome says what happened.
 * @example const ctx = await createIngestContext(db, roundId, user); const r = await ingestFile(ctx, 'a.docx', bytes);
 */
export async function ingestFile(
	ctx: IngestContext,
	fileName: string,
	bytes: Uint8Array,
	opts: { agencyId?: number | null; now?: Date; parsed?: Promise<ParseOutcome>; askBeforeReplace?: boolean } = {}
): Promise<IngestOutcome> {
	// Decoding and analysis run in a worker thread (pool.ts); this thread only writes rows.
	const parsed = await (opts.parsed ?? parseForIngest(ctx, fileName, bytes));
	if (!parsed.ok) return { status: 'failed', fileName, message: parsed.message };
	const { decoded, analysis: a } = parsed;
	if (a.meta.warnings.some((w) => w.code === 'empty' || w.code === 'binary')) {
		return { status: 'failed', fileName, message: joinList(a.meta.warnings.map(warningText)) };
	}
	const { normalized, textHash: hash } = parsed;
	const cjk = normalized.match(/[\u4e00-\u9fff]/g)?.length ?? 0;
	if (cjk < MIN_CJK_CHARS) {
		return { status: 'failed', fileName, message: m.ix_too_short({ count: cjk }) };
	}
	const dup = await reports.findReportByTextHash(ctx.db, ctx.round.id, hash);
	if (dup) {
		return {
			status: 'duplicate',
			fileName,
			reportId: dup.id,
			agencyName: dup.agency_name,
			message: m.ix_duplicate_of({ name: dup.agency_name ?? dup.file_name })
		};
	}

	let agencyId: number | null = opts.agencyId ?? null;
	let candidates: RegistryAgency[] = [];
	if (agencyId == null) {
		const r = ctx.index.resolve(a.meta.agency);
		if (r.ok) agencyId = r.agencyId;
		else candidates = r.candidates;
	}
	// Issue 14 submission checks: a report naming another agency, or another period, is held, not counted.
	const hold = agencyId != null ? await holdFor(ctx, a, agencyId) : [];
	// Issue 14: replacing an agency's current report is asked first (the web import; an agency's own resubmission is not).
	// A held report replaces nothing, so nothing is asked.
	if (opts.askBeforeReplace && agencyId != null && hold.length === 0) {
		const current = await currentReportOf(ctx.db, ctx.round.id, agencyId);
		if (current) {
			const name = (await agencies.findAgency(ctx.db, agencyId))?.name ?? '';
			return { status: 'replaces', fileName, agencyId, agencyName: name, replaces: current, message: m.rf_would_replace({ agency: name, file: current.fileName }) };
		}
	}
	// issue 12: this year's tables against the agency's report of the previous round
	if (agencyId != null) a.checks.push(...(await previousRoundChecks(ctx.db, ctx.round, agencyId, a.tables)));
	const now = opts.now ?? new Date();
	// The deadline is a day in the office's time zone.
	const late = !!ctx.round.deadline && formatDate(now, config.timeZone) > ctx.round.deadline.slice(0, 10);

	try {
		const reportId = await ctx.db.transaction().execute(async (trx) => {
			if (agencyId != null && hold.length === 0) {
				await trx
					.updateTable('reports')
					.set({ superseded: 1 })
					.where('round_id', '=', ctx.round.id)
					.where('agency_id', '=', agencyId)
					.execute();
			}
			const id = await reports.insertReport(
				trx,
				{
					roundId: ctx.round.id,
					agencyId,
					fileName,
					fileType: decoded.format,
					sha256: sha256Hex(bytes),
					textSha256: hash,
					bytes,
					encoding: decoded.encoding,
					originalText: decoded.text,
					normalizedText: normalized,
					docTables: decoded.tables ?? null,
					status: agencyId == null ? 'needs_agency' : 'scored',
					late,
					importedBy: ctx.userId
				},
				a
			);
			await reports.writeScores(trx, id, ctx.round.rubric_id, a);
			// Held: kept and scored, but superseded (out of every count) until a supervisor releases it.
			if (hold.length) await trx.updateTable('reports').set({ held: JSON.stringify(hold), superseded: 1 }).where('id', '=', id).execute();
			await appendAudit(trx, {
				userId: ctx.userId,
				username: ctx.username,
				action: 'import',
				entity: 'report',
				entityId: id,
				after: { fileName, roundId: ctx.round.id, agencyId, total: a.score.total, max: a.score.max, ...(hold.length ? { held: hold.map(holdText) } : {}) }
			});
			return id;
		});
		// issue 15: reuse figures, after the report's own transaction (a failure is logged, never fails the import)
		await afterImport(ctx.db, reportId);
		if (agencyId == null) {
			return {
				status: 'needs_agency',
				fileName,
				reportId,
				extracted: a.meta.agency,
				candidates,
				period: a.meta.period,
				type: a.meta.type,
				total: a.score.total,
				max: a.score.max,
				message: a.meta.agency ? m.ix_agency_unresolved_named({ name: a.meta.agency }) : m.ix_agency_unresolved()
			};
		}
		const agency = await agencies.findAgency(ctx.db, agencyId);
		return {
			status: 'imported',
			fileName,
			reportId,
			agencyId,
			agencyName: agency?.name ?? '',
			period: a.meta.period,
			type: a.meta.type,
			total: a.score.total,
			max: a.score.max,
			late,
			warnings: warningsOf(a, ctx.round),
			held: hold.map(holdText)
		};
	} catch (e) {
		const msg = e instanceof Error ? e.message : String(e);
		if (/UNIQUE/i.test(msg)) return { status: 'duplicate', fileName, reportId: 0, agencyName: null, message: m.ix_duplicate_in_round() };
		console.error(`import of ${fileName} failed`, e);
		return { status: 'failed', fileName, message: m.ix_save_failed({ reason: msg }) };
	}
}

/**
 * Imports files one after another, as `ingestFile` does, but keeps the pool busy: while one file's
 * rows are written the next ones are already being parsed (as many as the pool has workers), so a
 * batch uses every core. Outcomes come in order; the caller's code between two outcomes (e.g. creating
 * an agency for a `needs_agency` one) runs before the next file is written.
 * @example for await (const r of ingestEach(ctx, files)) results.push(r);
 */
export async function* ingestEach(
	ctx: IngestContext,
	files: Iterable<{ fileName: string; bytes: Uint8Array; agencyId?: number | null }>,
	opts: Omit<NonNullable<Parameters<typeof ingestFile>[3]>, 'parsed' | 'agencyId'> = {}
): AsyncGenerator<IngestOutcome> {
	// `files` is read lazily, never more than the pool's workers + 1 ahead (a CLI may walk 1,000 files).
	const it = files[Symbol.iterator]();
	const ahead = Math.max(1, getImportPool().size) + 1;
	const queue: { fileName: string; bytes: Uint8Array; agencyId?: number | null; parsed: Promise<ParseOutcome> }[] = [];
	const fill = () => {
		while (queue.length < ahead) {
			const next = it.next();
			if (next.done) return;
			queue.push({ ...next.value, parsed: parseForIngest(ctx, next.value.fileName, next.value.bytes) });
		}
	};
	for (fill(); queue.length > 0; fill()) {
		const f = queue.shift()!;
		yield await ingestFile(ctx, f.fileName, f.bytes, { ...opts, agencyId: f.agencyId, parsed: f.parsed });
	}
}

/**
 * Assigns a needs-agency report to an agency (optionally creating it) and remembers the name the
 * report used as an alias, so the next import of that agency resolves by itself.
 */
export async function assignAgency(
	db: Database,
	reportId: number,
	agencyId: number,
	user: { id: number | null; username: string | null }
): Promise<{ ok: true } | { ok: false; message: string }> {
	const report = await reports.findReport(db, reportId);
	if (!report) return { ok: false, message: m.err_report_not_found() };
	const agency = await agencies.findAgency(db, agencyId);
	if (!agency) return { ok: false, message: m.err_agency_not_found() };
	const meta = JSON.parse(report.meta) as AnalysisResult['meta'];
	await db.transaction().execute(async (trx) => {
		await trx
			.updateTable('reports')
			.set({ superseded: 1 })
			.where('round_id', '=', report.round_id)
			.where('agency_id', '=', agencyId)
			.where('id', '!=', reportId)
			.execute();
		await trx.updateTable('reports').set({ agency_id: agencyId, status: 'scored', superseded: 0 }).where('id', '=', reportId).execute();
		if (meta.agency && meta.agency !== agency.name) await agencies.addAlias(trx, agencyId, meta.agency);
		await appendAudit(trx, {
			userId: user.id,
			username: user.username,
			action: 'assign_agency',
			entity: 'report',
			entityId: reportId,
			before: { agencyId: report.agency_id },
			after: { agencyId, alias: meta.agency }
		});
	});
	// issue 15: with an agency the report has a previous report to compare with
	await afterImport(db, reportId);
	return { ok: true };
}
