/**
 * Creating, editing and deleting rounds with one validation (issue 14): a name, a period (2024 or
 * 2024H1), an optional deadline that is a real date after the period's end, and no second round
 * with the same name and period. A published round is frozen; a round is deleted only while empty.
 */
import type { Database } from '../db/connect';
import { appendAudit } from '../db/audit';
import * as rounds from '../db/rounds';
import { frozenProblem } from './integrity';
import { m } from '../../paraglide/messages.js';

export const MAX_ROUND_NAME = 100;

export interface RoundFields {
	name: string;
	period: string;
	deadline: string | null;
}

/** The last day of a period: 2024 → 2024-12-31, 2024H1 → 2024-06-30. */
export function periodEnd(period: string): string {
	const y = period.slice(0, 4);
	return period.endsWith('H1') ? `${y}-06-30` : `${y}-12-31`;
}

/** Reads and normalises the round fields of a form. */
export function roundFields(form: FormData): RoundFields {
	return {
		name: String(form.get('name') ?? '').trim(),
		period: String(form.get('period') ?? '').trim().toUpperCase(),
		deadline: String(form.get('deadline') ?? '').trim() || null
	};
}

/** Why these fields are not a valid round (request's language), or null. `exceptId`: the round being edited. */
export async function roundProblem(db: Database, f: RoundFields, exceptId?: number): Promise<string | null> {
	if (!f.name) return m.ix_round_name_required();
	if (f.name.length > MAX_ROUND_NAME) return m.sv_round_name_too_long({ max: MAX_ROUND_NAME });
	if (!rounds.isPeriod(f.period)) return m.ix_period_invalid();
	if (f.deadline) {
		if (!/^\d{4}-\d{2}-\d{2}$/.test(f.deadline) || Number.isNaN(Date.parse(f.deadline)) || new Date(f.deadline).toISOString().slice(0, 10) !== f.deadline) {
			return m.ix_deadline_invalid();
		}
		const end = periodEnd(f.period);
		if (f.deadline <= end) return m.re_deadline_before_end({ end });
	}
	let q = db.selectFrom('rounds').select('id').where('name', '=', f.name).where('period', '=', f.period);
	if (exceptId != null) q = q.where('id', '!=', exceptId);
	if (await q.executeTakeFirst()) return m.re_duplicate({ name: f.name, period: f.period });
	return null;
}

export type EditResult = { ok: true } | { ok: false; status: 400 | 404 | 409; message: string };

/** Edits name, period and deadline of a round that is not published; audited with before and after. */
export async function editRound(db: Database, id: number, f: RoundFields, user: { id: number | null; username: string | null }, ip?: string | null): Promise<EditResult> {
	const round = await rounds.findRound(db, id);
	if (!round) return { ok: false, status: 404, message: m.err_round_not_found() };
	const frozen = frozenProblem(round);
	if (frozen) return { ok: false, ...frozen };
	const problem = await roundProblem(db, f, id);
	if (problem) return { ok: false, status: 400, message: problem };
	await db.transaction().execute(async (trx) => {
		await trx.updateTable('rounds').set({ name: f.name, period: f.period, deadline: f.deadline }).where('id', '=', id).execute();
		await appendAudit(trx, {
			userId: user.id,
			username: user.username,
			action: 'round_update',
			entity: 'round',
			entityId: id,
			before: { name: round.name, period: round.period, deadline: round.deadline },
			after: f,
			ip: ip ?? null
		});
	});
	return { ok: true };
}

/** Deletes a round that has no report at all (withdrawn ones count: they can still be restored). */
export async function deleteRound(db: Database, id: number, user: { id: number | null; username: string | null }, ip?: string | null): Promise<EditResult> {
	const round = await rounds.findRound(db, id);
	if (!round) return { ok: false, status: 404, message: m.err_round_not_found() };
	const frozen = frozenProblem(round);
	if (frozen) return { ok: false, ...frozen };
	const n = await db.selectFrom('reports').select((eb) => eb.fn.countAll<number>().as('n')).where('round_id', '=', id).executeTakeFirstOrThrow();
	if (Number(n.n) > 0) return { ok: false, status: 409, message: m.re_not_empty({ count: Number(n.n) }) };
	await db.transaction().execute(async (trx) => {
		await trx.deleteFrom('round_agencies').where('round_id', '=', id).execute();
		await trx.deleteFrom('rounds').where('id', '=', id).execute();
		await appendAudit(trx, {
			userId: user.id,
			username: user.username,
			action: 'round_delete',
			entity: 'round',
			entityId: id,
			before: { name: round.name, period: round.period, deadline: round.deadline, status: round.status },
			ip: ip ?? null
		});
	});
	return { ok: true };
}
