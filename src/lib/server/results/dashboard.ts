/**
 * Data of the dashboard pages, aggregated in SQL: a handful of queries per page, never one per
 * agency. Pure data out (no formatter functions): chart options are built in the components.
 */
import type { Kysely } from 'kysely';
import * as rounds from '../db/rounds';
import * as rubrics from '../db/rubrics';
import type { DB, Round } from '../db/schema';
import { missingAgencies, roundTotals, rubricDefs, type AgencyTotal } from './round-results';
import type { DimensionDef, IndicatorDef } from './types';

type Executor = Kysely<DB>;

export interface RoundOption {
	id: number;
	name: string;
	period: string;
	status: Round['status'];
	statusLabel: string;
}

export interface RoundContext {
	rounds: RoundOption[];
	round: Round | null;
	dimensions: DimensionDef[];
	indicators: IndicatorDef[];
}

/** The round named by `?round=` or else the newest round that has scored reports (or the newest). */
export async function roundContext(db: Executor, url: URL, param = 'round'): Promise<RoundContext> {
	const list = await rounds.listRounds(db);
	const wanted = Number(url.searchParams.get(param));
	let round = list.find((r) => r.id === wanted) ?? null;
	if (!round && list.length) {
		const withReports = await db
			.selectFrom('reports')
			.select('round_id')
			.where('status', '=', 'scored')
			.groupBy('round_id')
			.execute();
		const ids = new Set(withReports.map((r) => r.round_id));
		round = list.find((r) => ids.has(r.id)) ?? list[0];
	}
	const rubric = round ? await rubrics.findRubric(db, round.rubric_id) : undefined;
	const defs = rubric ? rubricDefs(rubric.definition) : { dimensions: [], indicators: [] };
	return {
		rounds: list.map((r) => ({ id: r.id, name: r.name, period: r.period, status: r.status, statusLabel: rounds.ROUND_STATUS_LABELS[r.status] })),
		round: round ?? null,
		...defs
	};
}

export interface RankedRow extends AgencyTotal {
	previousRank: number | null;
	previousRate: number | null;
	/** previousRank - rank: positive = moved up */
	rankChange: number | null;
}

/** Totals with the previous round's rank and rate beside them. */
export async function rankedWithChange(db: Executor, round: Round): Promise<{ rows: RankedRow[]; previous: Round | null }> {
	const rows = await roundTotals(db, round);
	const prev = (await rounds.previousRound(db, round)) ?? null;
	const before = prev ? new Map((await roundTotals(db, prev)).map((p) => [p.agencyId, p])) : new Map<number, AgencyTotal>();
	return {
		previous: prev,
		rows: rows.map((r) => {
			const p = before.get(r.agencyId);
			return { ...r, previousRank: p?.rank ?? null, previousRate: p?.rate ?? null, rankChange: p ? p.rank - r.rank : null };
		})
	};
}

export interface IndicatorGap {
	id: string;
	name: string;
	missing: number;
	partial: number;
	met: number;
}

/** Per indicator: how many agencies miss it, meet it partially, meet it (one grouped query). */
export async function indicatorGaps(db: Executor, round: Round, indicators: IndicatorDef[]): Promise<IndicatorGap[]> {
	const rows = await db
		.selectFrom('scores')
		.innerJoin('reports', 'reports.id', 'scores.report_id')
		.where('reports.round_id', '=', round.id)
		.where('reports.status', '=', 'scored')
		.where('reports.superseded', '=', 0)
		.where('reports.agency_id', 'is not', null)
		.where('scores.rubric_id', '=', round.rubric_id)
		.where('scores.level', 'is not', null)
		.select((eb) => ['scores.indicator_id as id', 'scores.level as level', eb.fn.countAll<number>().as('n')])
		.groupBy(['scores.indicator_id', 'scores.level'])
		.execute();
	const by = new Map(indicators.map((i) => [i.id, { id: i.id, name: i.name, missing: 0, partial: 0, met: 0 }]));
	for (const r of rows) {
		const g = by.get(r.id);
		if (!g) continue;
		if (r.level === 0) g.missing += Number(r.n);
		else if (r.level === 1) g.partial += Number(r.n);
		else g.met += Number(r.n);
	}
	return [...by.values()];
}

export async function overviewData(db: Executor, ctx: RoundContext) {
	const round = ctx.round!;
	const { rows, previous } = await rankedWithChange(db, round);
	const missing = await missingAgencies(db, round.id);
	const expected = rows.length + missing.length;
	const avg = (xs: number[]) => (xs.length ? Math.round((xs.reduce((s, x) => s + x, 0) / xs.length) * 10) / 10 : null);
	const dimensionAverages = ctx.dimensions.map((d) => ({
		id: d.id,
		name: d.name,
		max: d.max,
		avg: avg(rows.map((r) => r.dimensions[d.id] ?? 0))
	}));
	const gaps = await indicatorGaps(db, round, ctx.indicators);
	const movers = rows.filter((r) => r.previousRate !== null).map((r) => ({ agencyId: r.agencyId, name: r.agencyName, rate: r.rate, delta: Math.round((r.rate - (r.previousRate ?? 0)) * 10) / 10, rankChange: r.rankChange }));
	movers.sort((a, b) => b.delta - a.delta);
	const review = await db
		.selectFrom('reports')
		.select((eb) => [eb.fn.countAll<number>().as('n')])
		.where('round_id', '=', round.id)
		.where('status', '=', 'needs_agency')
		.executeTakeFirst();
	return {
		received: rows.length,
		expected,
		late: rows.filter((r) => r.late).length,
		needsAgency: Number(review?.n ?? 0),
		missing,
		averageRate: avg(rows.map((r) => r.rate)),
		averageTotal: avg(rows.map((r) => r.total)),
		rates: rows.map((r) => r.rate),
		dimensionAverages,
		topGaps: [...gaps].sort((a, b) => b.missing - a.missing || b.partial - a.partial).slice(0, 5),
		risers: movers.filter((m) => m.delta > 0).slice(0, 5),
		fallers: movers.filter((m) => m.delta < 0).reverse().slice(0, 5),
		previous: previous ? { id: previous.id, name: previous.name } : null
	};
}

/**
 * The heatmap's data, compact: per agency one string of levels in indicator order ('0', '1', '2',
 * '-' for not applicable, ' ' for no row), so 2,000 agencies × 22 indicators stay small on the wire.
 */
export async function gapsData(db: Executor, ctx: RoundContext, filter: { group?: string | null }) {
	const round = ctx.round!;
	let totals = await roundTotals(db, round);
	if (filter.group) totals = totals.filter((t) => t.group === filter.group);
	// The levels of every report are kept beside its totals: one short row a report, no score rows.
	const levelRows = await db
		.selectFrom('report_totals as t')
		.innerJoin('reports', 'reports.id', 't.report_id')
		.where('reports.round_id', '=', round.id)
		.where('reports.superseded', '=', 0)
		.where('reports.status', '=', 'scored')
		.where('t.rubric_id', '=', round.rubric_id)
		.select(['t.report_id as reportId', 't.levels as levels'])
		.execute();
	const rows = levelRows.flatMap((r) =>
		Object.entries(JSON.parse(r.levels) as Record<string, number | null>).map(([indicatorId, level]) => ({ reportId: r.reportId, indicatorId, level }))
	);
	const agencyIndex = new Map(totals.map((t, i) => [t.reportId, i]));
	const indIndex = new Map(ctx.indicators.map((d, i) => [d.id, i]));
	const grid = totals.map(() => Array.from({ length: ctx.indicators.length }, () => ' '));
	const counts = ctx.indicators.map((d) => ({ id: d.id, name: d.name, missing: 0, partial: 0, met: 0, na: 0 }));
	for (const r of rows) {
		const a = agencyIndex.get(r.reportId);
		const i = indIndex.get(r.indicatorId);
		if (a === undefined || i === undefined) continue;
		grid[a][i] = r.level === null ? '-' : String(r.level);
		const k = counts[i];
		if (r.level === 0) k.missing++;
		else if (r.level === 1) k.partial++;
		else if (r.level === 2) k.met++;
		else k.na++;
	}
	return {
		agencies: totals.map((t) => ({ id: t.agencyId, name: t.agencyName, reportId: t.reportId, rate: t.rate })),
		levels: grid.map((g) => g.join('')),
		counts
	};
}

export async function groupsOf(db: Executor): Promise<{ groups: string[]; regions: string[] }> {
	const rows = await db.selectFrom('agencies').select(['group_name', 'region']).where('active', '=', 1).execute();
	const groups = [...new Set(rows.map((r) => r.group_name).filter((g): g is string => !!g))].sort();
	const regions = [...new Set(rows.map((r) => r.region?.split('/')[1] ?? r.region).filter((g): g is string => !!g))].sort();
	return { groups, regions };
}

/** Per round: average score per dimension and average rate (one grouped query over all rounds). */
export async function trendsData(db: Executor, agencyIds: number[]) {
	const list = (await rounds.listRounds(db)).slice().reverse(); // oldest first
	const dimRows = await db
		.selectFrom('scores')
		.innerJoin('reports', 'reports.id', 'scores.report_id')
		.innerJoin('rounds', (j) => j.onRef('rounds.id', '=', 'reports.round_id').onRef('rounds.rubric_id', '=', 'scores.rubric_id'))
		.where('reports.status', '=', 'scored')
		.where('reports.superseded', '=', 0)
		.where('reports.agency_id', 'is not', null)
		.select((eb) => [
			'reports.round_id as roundId',
			'scores.dimension_id as dimensionId',
			eb.fn.sum<number>('scores.score').as('score'),
			eb.fn.sum<number>('scores.max').as('max'),
			eb.fn.count<number>('scores.report_id').distinct().as('reports')
		])
		.groupBy(['reports.round_id', 'scores.dimension_id'])
		.execute();
	const agencyRows = agencyIds.length
		? await db
				.selectFrom('report_totals as scores')
				.innerJoin('reports', 'reports.id', 'scores.report_id')
				.innerJoin('rounds', (j) => j.onRef('rounds.id', '=', 'reports.round_id').onRef('rounds.rubric_id', '=', 'scores.rubric_id'))
				.innerJoin('agencies', 'agencies.id', 'reports.agency_id')
				.where('reports.status', '=', 'scored')
				.where('reports.superseded', '=', 0)
				.where('reports.agency_id', 'in', agencyIds)
				.select((eb) => [
					'reports.round_id as roundId',
					'reports.agency_id as agencyId',
					'agencies.name as name',
					eb.fn.sum<number>('scores.total').as('score'),
					eb.fn.sum<number>('scores.max').as('max')
				])
				.groupBy(['reports.round_id', 'reports.agency_id', 'agencies.name'])
				.execute()
		: [];
	const metricRows = await db
		.selectFrom('report_metrics')
		.innerJoin('reports', 'reports.id', 'report_metrics.report_id')
		.where('reports.status', '=', 'scored')
		.where('reports.superseded', '=', 0)
		.select((eb) => [
			'reports.round_id as roundId',
			'report_metrics.metric_id as metricId',
			eb.fn.sum<number>('report_metrics.value').as('sum'),
			eb.fn.countAll<number>().as('n')
		])
		.groupBy(['reports.round_id', 'report_metrics.metric_id'])
		.execute();
	return { rounds: list.map((r) => ({ id: r.id, name: r.name, period: r.period })), dimRows, agencyRows, metricRows };
}
