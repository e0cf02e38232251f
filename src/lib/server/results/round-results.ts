/**
 * The results of a round, aggregated in SQL (a handful of queries, never one per agency):
 * the current report of each agency, its totals and dimension scores under the round's rubric
 * version, ranks (by score rate, ties share a rank), and the previous round's ranks.
 */
import type { Kysely } from 'kysely';
import type { Span } from '../../analysis/analyze';
import type { RubricDefinition } from '../../analysis/rubric';
import * as rounds from '../db/rounds';
import { expectedInRound } from '../db/rounds';
import * as rubrics from '../db/rubrics';
import { figuresFor } from '../similarity/service';
import type { DB, Round } from '../db/schema';
import { clipEvidence, scoreRate, type AgencyResult, type DimensionDef, type IndicatorDef, type Level, type RoundResults } from './types';

type Executor = Kysely<DB>;

export function rubricDefs(def: RubricDefinition): { dimensions: DimensionDef[]; indicators: IndicatorDef[] } {
	return {
		dimensions: def.dimensions.map((d) => ({ id: d.id, name: d.name, max: d.indicators.reduce((s, i) => s + i.points, 0) })),
		indicators: def.dimensions.flatMap((d) =>
			d.indicators.map((i) => ({ id: i.id, name: i.name, dimensionId: d.id, points: i.points, description: i.description }))
		)
	};
}

export interface AgencyTotal {
	agencyId: number;
	agencyName: string;
	group: string | null;
	region: string | null;
	reportId: number;
	late: boolean;
	total: number;
	max: number;
	rate: number;
	dimensions: Record<string, number>;
	rank: number;
	groupRank: number;
}

/** Competition ranking (1, 2, 2, 4) by rate, then total. */
function assignRanks<T extends { rate: number; total: number; rank: number; groupRank: number; group: string | null }>(rows: T[]): T[] {
	rows.sort((a, b) => b.rate - a.rate || b.total - a.total);
	rows.forEach((r, i) => (r.rank = i > 0 && rows[i - 1].rate === r.rate && rows[i - 1].total === r.total ? rows[i - 1].rank : i + 1));
	const byGroup = new Map<string, T[]>();
	for (const r of rows) {
		const k = r.group ?? '';
		byGroup.set(k, [...(byGroup.get(k) ?? []), r]);
	}
	for (const list of byGroup.values()) {
		list.forEach((r, i) => (r.groupRank = i > 0 && list[i - 1].rate === r.rate && list[i - 1].total === r.total ? list[i - 1].groupRank : i + 1));
	}
	return rows;
}

/** Totals and dimension scores of every agency with a current scored report in the round. */
export async function roundTotals(db: Executor, round: Pick<Round, 'id' | 'rubric_id'>, opts: { agencyId?: number } = {}): Promise<AgencyTotal[]> {
	let base = db
		.selectFrom('report_totals as t')
		.innerJoin('reports', 'reports.id', 't.report_id')
		.where('reports.round_id', '=', round.id)
		.where('reports.superseded', '=', 0)
		.where('reports.status', '=', 'scored')
		.where('reports.agency_id', 'is not', null)
		.where('t.rubric_id', '=', round.rubric_id);
	if (opts.agencyId != null) base = base.where('reports.agency_id', '=', opts.agencyId);
	// Two flat queries joined here: cheaper than joining the agency names into every dimension row.
	const [dims, names] = await Promise.all([
		base.select(['reports.agency_id as agencyId', 'reports.id as reportId', 'reports.late as late', 't.total as total', 't.max as max', 't.dimensions as dimensions']).execute(),
		db.selectFrom('agencies').select(['id', 'name', 'group_name', 'region']).execute()
	]);
	const agencyById = new Map(names.map((a) => [a.id, a]));
	const by = new Map<number, AgencyTotal>();
	for (const d of dims) {
		const agencyId = d.agencyId as number;
		const info = agencyById.get(agencyId);
		by.set(agencyId, {
			agencyId,
			agencyName: info?.name ?? '',
			group: info?.group_name ?? null,
			region: info?.region ?? null,
			reportId: d.reportId,
			late: !!d.late,
			total: Number(d.total),
			max: Number(d.max),
			rate: 0,
			dimensions: JSON.parse(d.dimensions) as Record<string, number>,
			rank: 0,
			groupRank: 0
		});
	}
	const rows = [...by.values()];
	for (const r of rows) {
		r.total = Math.round(r.total * 100) / 100;
		r.rate = scoreRate(r.total, r.max);
	}
	return assignRanks(rows);
}

/** Expected agencies (the round's stored roster once published, else the active ones) without a current scored report (未报送). */
export async function missingAgencies(db: Executor, roundId: number) {
	return db
		.selectFrom('agencies')
		.select(['agencies.id as agencyId', 'agencies.name as agencyName', 'agencies.group_name as group'])
		.where((eb) => expectedInRound(eb, roundId))
		.where(({ not, exists, selectFrom }) =>
			not(
				exists(
					selectFrom('reports')
						.select('reports.id')
						.whereRef('reports.agency_id', '=', 'agencies.id')
						.where('reports.round_id', '=', roundId)
						.where('reports.status', '=', 'scored')
						.where('reports.superseded', '=', 0)
				)
			)
		)
		.orderBy('agencies.group_name')
		.orderBy('agencies.name')
		.execute();
}

export interface IndicatorRow {
	reportId: number;
	indicatorId: string;
	level: number | null;
	machineLevel: number | null;
	score: number;
	max: number;
	overridden: boolean;
	evidence?: string;
}

/** Every indicator row of the round's current reports (one query). */
export async function roundIndicatorRows(db: Executor, round: Pick<Round, 'id' | 'rubric_id'>, opts: { withEvidence?: boolean; agencyId?: number } = {}): Promise<IndicatorRow[]> {
	let q = db
		.selectFrom('scores')
		.innerJoin('reports', 'reports.id', 'scores.report_id')
		.where('reports.round_id', '=', round.id)
		.where('reports.status', '=', 'scored')
		.where('reports.superseded', '=', 0)
		.where('reports.agency_id', 'is not', null)
		.where('scores.rubric_id', '=', round.rubric_id)
		.select(['scores.report_id', 'scores.indicator_id', 'scores.level', 'scores.machine_level', 'scores.score', 'scores.max', 'scores.overridden']);
	if (opts.agencyId != null) q = q.where('reports.agency_id', '=', opts.agencyId);
	if (opts.withEvidence) {
		const rows = await q
			.leftJoin('score_evidence as e', (j) =>
				j.onRef('e.report_id', '=', 'scores.report_id').onRef('e.rubric_id', '=', 'scores.rubric_id').onRef('e.indicator_id', '=', 'scores.indicator_id')
			)
			.select('e.evidence')
			.execute();
		return rows.map((r) => ({
			reportId: r.report_id,
			indicatorId: r.indicator_id,
			level: r.level,
			machineLevel: r.machine_level,
			score: r.score,
			max: r.max,
			overridden: !!r.overridden,
			evidence: clipEvidence(r.evidence ? (JSON.parse(r.evidence) as Span[])[0]?.text : null) ?? undefined
		}));
	}
	const rows = await q.execute();
	return rows.map((r) => ({
		reportId: r.report_id,
		indicatorId: r.indicator_id,
		level: r.level,
		machineLevel: r.machine_level,
		score: r.score,
		max: r.max,
		overridden: !!r.overridden
	}));
}

/**
 * The full results of a round, for exports and the JSON API.
 * @example const r = await roundResults(db, 3, { generatedBy: '张三' });
 */
export async function roundResults(
	db: Executor,
	roundId: number,
	opts: { generatedBy?: string | null; withEvidence?: boolean; agencyId?: number } = {}
): Promise<RoundResults | null> {
	const round = await rounds.findRound(db, roundId);
	if (!round) return null;
	const rubric = await rubrics.findRubric(db, round.rubric_id);
	if (!rubric) return null;
	const { dimensions, indicators } = rubricDefs(rubric.definition);
	const totals = await roundTotals(db, round);
	const prevRound = await rounds.previousRound(db, round);
	const prev = prevRound ? await roundTotals(db, prevRound) : [];
	const prevBy = new Map(prev.map((p) => [p.agencyId, p]));
	const rows = await roundIndicatorRows(db, round, { withEvidence: opts.withEvidence ?? true, agencyId: opts.agencyId });
	const byReport = new Map<number, IndicatorRow[]>();
	for (const r of rows) byReport.set(r.reportId, [...(byReport.get(r.reportId) ?? []), r]);

	const agencies: AgencyResult[] = totals
		.filter((t) => opts.agencyId == null || t.agencyId === opts.agencyId)
		.map((t) => {
			const p = prevBy.get(t.agencyId);
			const ind: AgencyResult['indicators'] = {};
			for (const r of byReport.get(t.reportId) ?? []) {
				ind[r.indicatorId] = {
					level: r.level as Level | null,
					machineLevel: r.machineLevel as Level | null,
					score: r.score,
					max: r.max,
					overridden: r.overridden,
					evidence: r.evidence ?? null
				};
			}
			return {
				agencyId: t.agencyId,
				agencyName: t.agencyName,
				group: t.group,
				region: t.region,
				reportId: t.reportId,
				late: t.late,
				total: t.total,
				max: t.max,
				dimensions: t.dimensions,
				rank: t.rank,
				groupRank: t.groupRank,
				previousTotal: p?.total ?? null,
				previousRank: p?.rank ?? null,
				indicators: ind
			};
		});
	// issue 15: reuse figures beside the scores (an agency's own results never name another agency)
	const reuse = await figuresFor(db, agencies.map((a) => a.reportId));
	for (const a of agencies) {
		const f = reuse.get(a.reportId);
		const own = opts.agencyId != null;
		a.reuse = f ? { previousShare: f.previous?.share ?? null, peerAgencyName: own ? null : (f.peer?.agencyName ?? null), peerShare: own ? null : (f.peer?.share ?? null) } : null;
	}
	const missing = opts.agencyId == null ? await missingAgencies(db, round.id) : [];
	return {
		round: {
			id: round.id,
			name: round.name,
			period: round.period,
			status: round.status,
			rubric: { id: rubric.id, key: rubric.key, version: rubric.version, name: rubric.name }
		},
		generatedAt: new Date().toISOString(),
		generatedBy: opts.generatedBy ?? null,
		dimensions,
		indicators,
		agencies,
		missing
	};
}
