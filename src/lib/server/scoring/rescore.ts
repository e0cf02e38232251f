/**
 * Re-analyses every report of a round under a rubric version from the stored original text, into
 * new score rows for that version (rows of other versions stay: history is never rewritten), and
 * makes that version the round's.
 *
 * Human decisions survive (issue 14): an evaluator's override is kept when the re-scored machine
 * level of its indicator is unchanged (carried into the new version as a new override row with the
 * same level and reason); otherwise it waits as 待复核 in override_reviews with the old and new
 * machine level, and the machine level applies until an evaluator keeps or drops it. Nothing is
 * deleted. `planRescore` says beforehand how many are kept and how many need review.
 */
import { analyze, type AnalysisResult } from '../../analysis/analyze';
import type { Database } from '../db/connect';
import { appendAudit } from '../db/audit';
import * as reports from '../db/reports';
import * as rubrics from '../db/rubrics';
import { previousRoundChecks } from './cross-round';
import { afterRescore } from '../similarity/service';

export interface OverrideFate {
	reportId: number;
	indicatorId: string;
	overrideId: number;
	level: number;
	reason: string;
	userId: number | null;
	oldMachineLevel: number | null;
	/** undefined: the indicator is not in the new version */
	newMachineLevel: number | null | undefined;
	fate: 'kept' | 'review';
	/** already waiting for review before this re-score */
	wasPending: boolean;
}

export interface RescorePlan {
	roundId: number;
	fromRubricId: number;
	rubricId: number;
	reports: number;
	kept: number;
	needsReview: number;
	overrides: OverrideFate[];
	analyses: Map<number, AnalysisResult>;
}

/**
 * Analyses a round's reports under `rubricId` without writing, and says what becomes of each override.
 * @example const p = await planRescore(db, 3, 2); p.kept; p.needsReview
 */
export async function planRescore(db: Database, roundId: number, rubricId: number): Promise<RescorePlan> {
	const rubric = await rubrics.findRubric(db, rubricId);
	if (!rubric) throw new Error(`考评细则版本 ${rubricId} 不存在`);
	const round = await db.selectFrom('rounds').selectAll().where('id', '=', roundId).executeTakeFirst();
	if (!round) throw new Error(`考核轮次 ${roundId} 不存在`);
	const from = round.rubric_id;
	const rows = await db.selectFrom('reports').select(['id', 'original_text', 'doc_tables', 'file_name', 'agency_id']).where('round_id', '=', roundId).execute();
	const analyses = new Map<number, AnalysisResult>();
	for (const r of rows) {
		const a = analyze(reports.reportDocument(r), rubric.definition, { fileName: r.file_name });
		// issue 12: this year's tables against the agency's report of the previous round
		if (r.agency_id != null) a.checks.push(...(await previousRoundChecks(db, round, r.agency_id, a.tables)));
		analyses.set(r.id, a);
	}

	const ids = rows.map((r) => r.id);
	const [ovs, machine, pending] = ids.length
		? await Promise.all([
				db
					.selectFrom('overrides')
					.select(['id', 'report_id', 'indicator_id', 'level', 'reason', 'user_id'])
					.where('report_id', 'in', ids)
					.where('rubric_id', '=', from)
					.orderBy('id')
					.execute(),
				db.selectFrom('scores').select(['report_id', 'indicator_id', 'machine_level']).where('report_id', 'in', ids).where('rubric_id', '=', from).execute(),
				db
					.selectFrom('override_reviews')
					.select(['report_id', 'indicator_id', 'old_machine_level'])
					.where('report_id', 'in', ids)
					.where('rubric_id', '=', from)
					.where('resolved_at', 'is', null)
					.execute()
			])
		: [[], [], []];
	const key = (r: number, i: string) => `${r}\u0000${i}`;
	// Overrides dropped at review (resolution 'dismissed') are not carried any further.
	const dismissed = ids.length
		? new Set((await db.selectFrom('override_reviews').select('override_id').where('report_id', 'in', ids).where('resolution', '=', 'dismissed').execute()).map((d) => d.override_id))
		: new Set<number>();
	const latest = new Map<string, (typeof ovs)[number]>();
	for (const o of ovs) {
		if (dismissed.has(o.id)) latest.delete(key(o.report_id, o.indicator_id));
		else latest.set(key(o.report_id, o.indicator_id), o);
	}
	const machineBefore = new Map(machine.map((s) => [key(s.report_id, s.indicator_id), s.machine_level]));
	const pendingBy = new Map(pending.map((p) => [key(p.report_id, p.indicator_id), p]));

	const overrides: OverrideFate[] = [];
	for (const o of latest.values()) {
		const k = key(o.report_id, o.indicator_id);
		const waiting = pendingBy.get(k);
		const oldMachine = waiting ? waiting.old_machine_level : (machineBefore.get(k) ?? null);
		const ind = analyses.get(o.report_id)?.indicators.find((i) => i.id === o.indicator_id);
		const newMachine = ind ? ind.level : undefined;
		overrides.push({
			reportId: o.report_id,
			indicatorId: o.indicator_id,
			overrideId: o.id,
			level: o.level,
			reason: o.reason,
			userId: o.user_id,
			oldMachineLevel: oldMachine,
			newMachineLevel: newMachine,
			fate: !waiting && newMachine !== undefined && newMachine === oldMachine ? 'kept' : 'review',
			wasPending: !!waiting
		});
	}
	return {
		roundId,
		fromRubricId: from,
		rubricId,
		reports: rows.length,
		kept: overrides.filter((o) => o.fate === 'kept').length,
		needsReview: overrides.filter((o) => o.fate === 'review').length,
		overrides,
		analyses
	};
}

/**
 * Re-scores a round (see the module comment). Returns how many reports were re-scored and how
 * many overrides were kept or now wait for review.
 * @example const r = await rescoreRound(db, 3, 2, user); // { reports: 40, kept: 3, needsReview: 1 }
 */
export async function rescoreRound(
	db: Database,
	roundId: number,
	rubricId: number,
	user: { id: number | null; username: string | null },
	opts: { plan?: RescorePlan } = {}
): Promise<{ reports: number; kept: number; needsReview: number }> {
	const plan = opts.plan ?? (await planRescore(db, roundId, rubricId));
	const now = new Date().toISOString();
	const sameVersion = plan.fromRubricId === rubricId;
	await db.transaction().execute(async (trx) => {
		// Decisions first: writeScores then applies the kept overrides and skips the ones under review.
		for (const o of plan.overrides) {
			if (o.fate === 'kept') {
				if (!sameVersion) {
					await trx
						.insertInto('overrides')
						.values({
							report_id: o.reportId,
							rubric_id: rubricId,
							indicator_id: o.indicatorId,
							level_before: o.newMachineLevel ?? null,
							level: o.level,
							reason: o.reason,
							user_id: o.userId,
							created_at: now
						})
						.execute();
				}
				continue;
			}
			const open = await trx
				.selectFrom('override_reviews')
				.select('id')
				.where('report_id', '=', o.reportId)
				.where('rubric_id', '=', rubricId)
				.where('indicator_id', '=', o.indicatorId)
				.where('resolved_at', 'is', null)
				.executeTakeFirst();
			if (open) {
				await trx.updateTable('override_reviews').set({ new_machine_level: o.newMachineLevel ?? null }).where('id', '=', open.id).execute();
			} else {
				await trx
					.insertInto('override_reviews')
					.values({
						report_id: o.reportId,
						rubric_id: rubricId,
						indicator_id: o.indicatorId,
						override_id: o.overrideId,
						level: o.level,
						old_machine_level: o.oldMachineLevel,
						new_machine_level: o.newMachineLevel ?? null,
						created_at: now
					})
					.execute();
			}
		}
		for (const [id, a] of plan.analyses) {
			await reports.writeScores(trx, id, rubricId, a);
			await trx
				.updateTable('reports')
				.set({ meta: JSON.stringify(a.meta), analysis: JSON.stringify(reports.analysisDocument(a)) })
				.where('id', '=', id)
				.execute();
		}
		await trx.updateTable('rounds').set({ rubric_id: rubricId }).where('id', '=', roundId).execute();
		await appendAudit(trx, {
			userId: user.id,
			username: user.username,
			action: 'rescore',
			entity: 'round',
			entityId: roundId,
			before: { rubricId: plan.fromRubricId },
			after: { rubricId, reports: plan.reports, overridesKept: plan.kept, overridesToReview: plan.needsReview }
		});
	});
	// issue 15: the round's reuse figures again (a failure is logged, the re-score stands)
	await afterRescore(db, roundId);
	return { reports: plan.reports, kept: plan.kept, needsReview: plan.needsReview };
}
