/**
 * Re-scores a round's current reports under a draft rubric in memory (nothing is written) and
 * says how totals and ranks would move against the round's stored scores.
 */
import { analyze } from '../../analysis/analyze';
import { reportDocument } from '../db/reports';
import type { RubricDefinition } from '../../analysis/rubric';
import type { Database } from '../db/connect';
import type { Round } from '../db/schema';
import { roundTotals } from '../results/round-results';
import { scoreRate } from '../results/types';

export interface PreviewRow {
	agencyName: string;
	before: number;
	beforeMax: number;
	after: number;
	afterMax: number;
	delta: number;
	rankBefore: number;
	rankAfter: number;
	/** positive: moves up */
	rankMove: number;
}

const r2 = (x: number) => Math.round(x * 100) / 100;

/** Standard competition ranking (1, 2, 2, 4) by descending value. */
export function ranks(values: number[]): number[] {
	return values.map((v) => 1 + values.filter((x) => x > v + 1e-9).length);
}

export async function previewRound(db: Database, round: Round, draft: RubricDefinition): Promise<PreviewRow[]> {
	const current = await roundTotals(db, round);
	if (current.length === 0) return [];
	const texts = await db
		.selectFrom('reports')
		.select(['id', 'original_text', 'doc_tables', 'file_name'])
		.where('id', 'in', current.map((c) => c.reportId))
		.execute();
	const byId = new Map(texts.map((t) => [t.id, t]));
	const rows = current.map((c) => {
		const t = byId.get(c.reportId);
		const a = t ? analyze(reportDocument(t), draft, { fileName: t.file_name }) : null;
		return {
			agencyName: c.agencyName,
			before: r2(Number(c.total)),
			beforeMax: r2(Number(c.max)),
			after: a ? a.score.total : 0,
			afterMax: a ? a.score.max : 0
		};
	});
	// Ranked by score rate (total ÷ own max), as the rankings page ranks.
	const rb = ranks(rows.map((r) => scoreRate(r.before, r.beforeMax)));
	const ra = ranks(rows.map((r) => scoreRate(r.after, r.afterMax)));
	return rows
		.map((r, i) => ({ ...r, delta: r2(r.after - r.before), rankBefore: rb[i], rankAfter: ra[i], rankMove: rb[i] - ra[i] }))
		.sort((a, b) => a.rankAfter - b.rankAfter || a.agencyName.localeCompare(b.agencyName, 'zh'));
}
