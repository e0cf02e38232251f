/**
 * An agency's own result in a round: total, dimension scores and the 整改清单 (indicators missing or
 * partial, with the rubric's wording). Callers check `canSeeScores` first: agencies see it only
 * once the round is published.
 */
import type { Database } from '../db/connect';
import * as rubrics from '../db/rubrics';
import type { Round } from '../db/schema';
import * as subs from '../db/submissions';

export interface OwnGap {
	id: string;
	name: string;
	description: string;
	dimension: string;
	level: 0 | 1;
	points: number;
	lost: number;
}

export interface OwnResult {
	reportId: number;
	fileName: string;
	total: number;
	max: number;
	rubricName: string;
	dimensions: { id: string; name: string; score: number; max: number }[];
	gaps: OwnGap[];
}

const r2 = (x: number) => Math.round(x * 100) / 100;

export async function ownResult(db: Database, round: Round, agencyId: number): Promise<OwnResult | null> {
	const report = await subs.currentReport(db, round.id, agencyId);
	if (!report || report.status !== 'scored') return null;
	const rubric = await rubrics.findRubric(db, round.rubric_id);
	if (!rubric) return null;
	const scores = await subs.reportScores(db, report.id, round.rubric_id);
	if (scores.length === 0) return null;
	const byId = new Map(scores.map((s) => [s.indicator_id, s]));
	const dimensions: OwnResult['dimensions'] = [];
	const gaps: OwnGap[] = [];
	let total = 0;
	let max = 0;
	for (const d of rubric.definition.dimensions) {
		let ds = 0;
		let dm = 0;
		for (const ind of d.indicators) {
			const s = byId.get(ind.id);
			if (!s) continue;
			ds += s.score;
			dm += s.max;
			if (s.level === 0 || s.level === 1) {
				gaps.push({
					id: ind.id,
					name: ind.name,
					description: ind.description,
					dimension: d.name,
					level: s.level,
					points: ind.points,
					lost: r2(s.max - s.score)
				});
			}
		}
		dimensions.push({ id: d.id, name: d.name, score: r2(ds), max: r2(dm) });
		total += ds;
		max += dm;
	}
	gaps.sort((a, b) => b.lost - a.lost || a.id.localeCompare(b.id));
	return { reportId: report.id, fileName: report.file_name, total: r2(total), max: r2(max), rubricName: rubric.definition.name, dimensions, gaps };
}
