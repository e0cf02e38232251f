/**
 * The results of one assessment round, as every consumer sees them: dashboards, exports (xlsx,
 * docx, csv), and the JSON API. Built by `results/round-results.ts` from a handful of SQL queries.
 */
export type Level = 0 | 1 | 2;

export interface RoundInfo {
	id: number;
	name: string; // 2019年度政务公开考核
	period: string; // '2019' | '2017H1'
	status: 'draft' | 'open' | 'review' | 'published';
	rubric: { id: number; key: string; version: number; name: string };
}

export interface DimensionDef {
	id: string; // 'fd'
	name: string; // 五公开覆盖
	max: number; // 30
}

export interface IndicatorDef {
	id: string; // 'fd.decision'
	name: string; // 决策公开
	dimensionId: string;
	points: number;
	description: string; // the rubric's wording
}

export interface IndicatorResult {
	level: Level | null; // effective level (override when present); null = not applicable
	machineLevel: Level | null;
	score: number;
	max: number; // 0 when not applicable
	overridden: boolean;
	/** The first evidence sentence that decided the level, or null when none was found. */
	evidence: string | null;
}

export interface AgencyResult {
	agencyId: number;
	agencyName: string;
	group: string | null; // 盟直部门, 旗县市区…
	region: string | null;
	reportId: number;
	late: boolean;
	total: number;
	max: number; // reduced when an indicator is not applicable
	dimensions: Record<string, number>; // dimension id → score
	rank: number; // 1-based, by total desc, ties share a rank
	groupRank: number; // rank within its group
	previousTotal: number | null; // same agency in the previous round
	previousRank: number | null;
	indicators: Record<string, IndicatorResult>; // indicator id → result
	/**
	 * Reuse (issue 15): share of the report's own text found in the agency's previous report
	 * (与上一轮重复率), and the closest other agency of the round with its share (left out when the
	 * results are one agency's own). null: not computed. Shown and exported; scores do not use it.
	 */
	reuse?: { previousShare: number | null; peerAgencyName: string | null; peerShare: number | null } | null;
}

export interface RoundResults {
	round: RoundInfo;
	generatedAt: string; // ISO
	generatedBy: string | null; // display name
	dimensions: DimensionDef[];
	indicators: IndicatorDef[];
	agencies: AgencyResult[]; // sorted by rank
	/** Active agencies with no scored report in the round (未报送). */
	missing: { agencyId: number; agencyName: string; group: string | null }[];
}

/** The ranking basis: the score as a percentage of the agency's own maximum (n/a items reduce it). */
export function scoreRate(total: number, max: number): number {
	return max > 0 ? Math.round((total / max) * 1000) / 10 : 0;
}

/** An evidence sentence for a table cell or a list: white space folded, long spans (a whole table) cut. */
export function clipEvidence(text: string | null | undefined, max = 160): string | null {
	if (!text) return null;
	const t = text.replace(/\s+/g, ' ').trim();
	return t.length > max ? `${t.slice(0, max)}…` : t;
}
