/**
 * An evaluator's level for one indicator, with a required reason. The machine level stays beside
 * it; totals and rankings follow because they are sums over the effective level; every change is
 * in the overrides history and the audit log (who, when, before, after).
 */
import type { Database } from '../db/connect';
import { appendAudit } from '../db/audit';
import * as reports from '../db/reports';
import * as rubrics from '../db/rubrics';

export type OverrideResult = { ok: true; score: number } | { ok: false; status: 400 | 404 | 409; message: string };

export async function setOverride(
	db: Database,
	input: { reportId: number; indicatorId: string; level: number; reason: string },
	user: { id: number; username: string }
): Promise<OverrideResult> {
	const reason = input.reason.trim();
	if (![0, 1, 2].includes(input.level)) return { ok: false, status: 400, message: '等级只能是 0（缺失）、1（部分）或 2（达标）' };
	if (reason.length < 4) return { ok: false, status: 400, message: '请填写调整理由（至少 4 个字）' };
	if (reason.length > 1000) return { ok: false, status: 400, message: '调整理由过长（最多 1000 字）' };
	const report = await db
		.selectFrom('reports')
		.innerJoin('rounds', 'rounds.id', 'reports.round_id')
		.select(['reports.id', 'reports.round_id', 'rounds.rubric_id', 'rounds.status'])
		.where('reports.id', '=', input.reportId)
		.executeTakeFirst();
	if (!report) return { ok: false, status: 404, message: '报告不存在' };
	if (report.status === 'published') return { ok: false, status: 409, message: '本轮次已发布，成绩已冻结；如需调整，请考核管理员先重新开放评审' };
	const rubric = await rubrics.findRubric(db, report.rubric_id);
	const def = rubric?.definition.dimensions.flatMap((d) => d.indicators).find((i) => i.id === input.indicatorId);
	if (!def) return { ok: false, status: 404, message: '指标不存在' };
	const row = await db
		.selectFrom('scores')
		.selectAll()
		.where('report_id', '=', input.reportId)
		.where('rubric_id', '=', report.rubric_id)
		.where('indicator_id', '=', input.indicatorId)
		.executeTakeFirst();
	if (!row) return { ok: false, status: 404, message: '该报告尚无此指标的评分' };
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
