/**
 * An evaluator's level for one indicator, with a required reason. The machine level stays beside
 * it; totals and rankings follow because they are sums over the effective level; every change is
 * in the overrides history and the audit log (who, when, before, after).
 */
import type { Database } from '../db/connect';
import { appendAudit } from '../db/audit';
import * as reports from '../db/reports';
import * as rubrics from '../db/rubrics';
import { m } from '../../paraglide/messages.js';

const MIN_REASON = 4;
const MAX_REASON = 1000;

/** Refusals carry a message in the request's language (Chinese outside a request). */
export type OverrideResult = { ok: true; score: number } | { ok: false; status: 400 | 404 | 409; message: string };

export async function setOverride(
	db: Database,
	input: { reportId: number; indicatorId: string; level: number; reason: string },
	user: { id: number; username: string }
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
	if (report.status === 'published') return { ok: false, status: 409, message: m.sv_override_frozen() };
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
