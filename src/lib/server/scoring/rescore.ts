/**
 * Re-analyses every report of a round under a rubric version from the stored original text, into
 * new score rows for that version (rows of other versions stay: history is never rewritten), and
 * makes that version the round's.
 */
import { analyze } from '../../analysis/analyze';
import type { Database } from '../db/connect';
import { appendAudit } from '../db/audit';
import * as reports from '../db/reports';
import * as rubrics from '../db/rubrics';
import { previousRoundChecks } from './cross-round';
import { afterRescore } from '../similarity/service';

export async function rescoreRound(
	db: Database,
	roundId: number,
	rubricId: number,
	user: { id: number | null; username: string | null }
): Promise<{ reports: number }> {
	const rubric = await rubrics.findRubric(db, rubricId);
	if (!rubric) throw new Error(`考评细则版本 ${rubricId} 不存在`);
	const rows = await db.selectFrom('reports').select(['id', 'original_text', 'doc_tables', 'file_name', 'agency_id']).where('round_id', '=', roundId).execute();
	const before = await db.selectFrom('rounds').selectAll().where('id', '=', roundId).executeTakeFirst();
	if (!before) throw new Error(`考核轮次 ${roundId} 不存在`);
	await db.transaction().execute(async (trx) => {
		for (const r of rows) {
			const a = analyze(reports.reportDocument(r), rubric.definition, { fileName: r.file_name });
			// issue 12: this year's tables against the agency's report of the previous round
			if (r.agency_id != null) a.checks.push(...(await previousRoundChecks(trx, before, r.agency_id, a.tables)));
			await reports.writeScores(trx, r.id, rubricId, a);
			await trx
				.updateTable('reports')
				.set({ meta: JSON.stringify(a.meta), analysis: JSON.stringify(reports.analysisDocument(a)) })
				.where('id', '=', r.id)
				.execute();
		}
		await trx.updateTable('rounds').set({ rubric_id: rubricId }).where('id', '=', roundId).execute();
		await appendAudit(trx, {
			userId: user.id,
			username: user.username,
			action: 'rescore',
			entity: 'round',
			entityId: roundId,
			before: { rubricId: before.rubric_id },
			after: { rubricId, reports: rows.length }
		});
	});
	// issue 15: the round's reuse figures again (a failure is logged, the re-score stands)
	await afterRescore(db, roundId);
	return { reports: rows.length };
}
