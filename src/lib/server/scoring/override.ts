/**
 * An evaluator's level for one indicator, with a required reason. The machine level stays beside
 * it; totals and rankings follow because they are sums over the effective level; every change is
 * in the overrides history and the audit log (who, when, before, after).
 */
import type { Database } from '../db/connect';
import { appendAudit } from '../db/audit';
import * as reports from '../db/reports';
import * as rubrics from '../db/rubrics';
import { frozenProblem } from '../rounds/integrity';
import { m } from '../../paraglide/messages.js';

const MIN_REASON = 4;
const MAX_REASON = 1000;

/** Refusals carry a message in the request's language (Chinese outside a request). */
export type OverrideResult = { ok: true; score: number } | { ok: false; status: 400 | 404 | 409; message: string };

export async function setOverride(
	db: Database,
	input: { reportId: number; indicatorId: string; level: number; reason: string },
	user: { id: number; username: string },
	opts: { resolution?: 'kept' | 'replaced' } = {}
): Promise<OverrideResult> {
	const reason = input.reason.trim();
	if (![0, 1, 2].includes(input.level)) return { ok: false, status: 400, message: m.sv_override_level_invalid() };
	if (reason.length < MIN_REASON) return { ok: false, status: 400, message: m.sv_override_reason_short({ min: MIN_REASON }) };
	if (reason.length > MAX_REASON) return { ok: false, status: 400, message: m.sv_override_reason_long({ max: MAX_REASON }) };
	const report = await db
		.selectFrom('reports')
		.innerJoin('rounds', 'rounds.id', 'reports.round_id')
		.select(['reports.id', 'reports.round_id', 'rounds.rubric_id', 'rounds.status'])
		.where('reports.id', '=', input.reportId)
		.executeTakeFirst();
	if (!report) return { ok: false, status: 404, message: m.err_report_not_found() };
	const frozen = frozenProblem(report);
	if (frozen) return { ok: false, ...frozen };
	const rubric = await rubrics.findRubric(db, report.rubric_id);
	const def = rubric?.definition.dimensions.flatMap((d) => d.indicators).find((i) => i.id === input.indicatorId);
	if (!def) return { ok: false, status: 404, message: m.sv_indicator_not_found() };
	const row = await db
		.selectFrom('scores')
		.selectAll()
		.where('report_id', '=', input.reportId)
		.where('rubric_id', '=', report.rubric_id)
		.where('indicator_id', '=', input.indicatorId)
		.executeTakeFirst();
	if (!row) return { ok: false, status: 404, message: m.sv_indicator_not_scored() };
	const score = (def.points * input.level) / 2;
	await db.transaction().execute(async (trx) => {
		await trx
			.insertInto('overrides')
			.values({
				report_id: input.reportId,
				rubric_id: report.rubric_id,
				indicator_id: input.indicatorId,
				level_before: row.level,
				level: input.level,
				reason,
				user_id: user.id,
				created_at: new Date().toISOString()
			})
			.execute();
		await trx
			.updateTable('scores')
			.set({ level: input.level, score, max: def.points, overridden: 1 })
			.where('report_id', '=', input.reportId)
			.where('rubric_id', '=', report.rubric_id)
			.where('indicator_id', '=', input.indicatorId)
			.execute();
		// A new decision settles any review waiting on this indicator (issue 14).
		await trx
			.updateTable('override_reviews')
			.set({ resolved_at: new Date().toISOString(), resolved_by: user.id, resolution: opts.resolution ?? 'replaced' })
			.where('report_id', '=', input.reportId)
			.where('rubric_id', '=', report.rubric_id)
			.where('indicator_id', '=', input.indicatorId)
			.where('resolved_at', 'is', null)
			.execute();
		await reports.refreshTotals(trx, input.reportId, report.rubric_id);
		await appendAudit(trx, {
			userId: user.id,
			username: user.username,
			action: 'override',
			entity: 'report',
			entityId: input.reportId,
			before: { indicator: input.indicatorId, level: row.level, machineLevel: row.machine_level, score: row.score },
			after: { indicator: input.indicatorId, level: input.level, score, reason }
		});
	});
	return { ok: true, score };
}

export interface PendingReview {
	id: number;
	reportId: number;
	indicatorId: string;
	level: number;
	reason: string;
	oldMachineLevel: number | null;
	newMachineLevel: number | null;
	createdAt: string;
	by: string | null;
}

/** Overrides waiting for review (待复核) of a report, or of every report of a round, under the round's rubric version. */
export async function pendingReviews(db: Database, where: { reportId?: number; roundId?: number }): Promise<(PendingReview & { agencyName: string | null; fileName: string })[]> {
	let q = db
		.selectFrom('override_reviews as v')
		.innerJoin('reports', 'reports.id', 'v.report_id')
		.innerJoin('rounds', (j) => j.onRef('rounds.id', '=', 'reports.round_id').onRef('rounds.rubric_id', '=', 'v.rubric_id'))
		.innerJoin('overrides as o', 'o.id', 'v.override_id')
		.leftJoin('users', 'users.id', 'o.user_id')
		.leftJoin('agencies', 'agencies.id', 'reports.agency_id')
		.select([
			'v.id',
			'v.report_id',
			'v.indicator_id',
			'v.level',
			'o.reason',
			'v.old_machine_level',
			'v.new_machine_level',
			'v.created_at',
			'users.display_name',
			'agencies.name as agency_name',
			'reports.file_name'
		])
		.where('v.resolved_at', 'is', null)
		.where('reports.withdrawn_at', 'is', null);
	if (where.reportId != null) q = q.where('v.report_id', '=', where.reportId);
	if (where.roundId != null) q = q.where('reports.round_id', '=', where.roundId);
	const rows = await q.orderBy('v.id').execute();
	return rows.map((r) => ({
		id: r.id,
		reportId: r.report_id,
		indicatorId: r.indicator_id,
		level: r.level,
		reason: r.reason,
		oldMachineLevel: r.old_machine_level,
		newMachineLevel: r.new_machine_level,
		createdAt: r.created_at,
		by: r.display_name,
		agencyName: r.agency_name,
		fileName: r.file_name
	}));
}

/**
 * Settles an override waiting for review: `keep` applies the evaluator's level again (a new override
 * row with the same reason), `dismiss` leaves the new machine level. Both audited.
 */
export async function resolveReview(
	db: Database,
	reviewId: number,
	decision: 'keep' | 'dismiss',
	user: { id: number; username: string }
): Promise<OverrideResult> {
	const v = await db
		.selectFrom('override_reviews as v')
		.innerJoin('overrides as o', 'o.id', 'v.override_id')
		.innerJoin('reports', 'reports.id', 'v.report_id')
		.innerJoin('rounds', 'rounds.id', 'reports.round_id')
		.select(['v.id', 'v.report_id', 'v.indicator_id', 'v.level', 'v.rubric_id', 'v.resolved_at', 'v.new_machine_level', 'o.reason', 'rounds.status', 'rounds.rubric_id as round_rubric_id'])
		.where('v.id', '=', reviewId)
		.executeTakeFirst();
	if (!v || v.resolved_at || v.rubric_id !== v.round_rubric_id) return { ok: false, status: 404, message: m.sv_review_not_found() };
	const frozen = frozenProblem(v);
	if (frozen) return { ok: false, ...frozen };
	if (decision === 'keep') {
		return setOverride(db, { reportId: v.report_id, indicatorId: v.indicator_id, level: v.level, reason: v.reason }, user, { resolution: 'kept' });
	}
	await db.transaction().execute(async (trx) => {
		await trx.updateTable('override_reviews').set({ resolved_at: new Date().toISOString(), resolved_by: user.id, resolution: 'dismissed' }).where('id', '=', v.id).execute();
		await appendAudit(trx, {
			userId: user.id,
			username: user.username,
			action: 'override_dismiss',
			entity: 'report',
			entityId: v.report_id,
			before: { indicator: v.indicator_id, level: v.level, reason: v.reason },
			after: { indicator: v.indicator_id, machineLevel: v.new_machine_level }
		});
	});
	return { ok: true, score: 0 };
}
