import type { PageServerLoad } from './$types';
import { agencyOptions } from '$lib/server/agency-order';
import { getDb } from '$lib/server/bootstrap';
import { requirePermission } from '$lib/server/auth/policy';
import * as agencies from '$lib/server/db/agencies';
import * as rounds from '$lib/server/db/rounds';
import { rubricDefs } from '$lib/server/results/round-results';
import * as rubrics from '$lib/server/db/rubrics';
import { scoreRate } from '$lib/server/results/types';
import type { Database } from '$lib/server/db/connect';

/** One side of the comparison: an agency's current report in a round, with its indicator levels. */
async function side(db: Database, agencyId: number, roundId: number) {
	const round = await rounds.findRound(db, roundId);
	const agency = await agencies.findAgency(db, agencyId);
	if (!round || !agency) return null;
	const report = await db
		.selectFrom('reports')
		.select('id')
		.where('round_id', '=', roundId)
		.where('agency_id', '=', agencyId)
		.where('status', '=', 'scored')
		.where('superseded', '=', 0)
		.executeTakeFirst();
	const rows = report
		? await db.selectFrom('scores').select(['indicator_id', 'dimension_id', 'level', 'score', 'max']).where('report_id', '=', report.id).where('rubric_id', '=', round.rubric_id).execute()
		: [];
	const total = rows.reduce((s, r) => s + r.score, 0);
	const max = rows.reduce((s, r) => s + r.max, 0);
	const dims: Record<string, number> = {};
	for (const r of rows) dims[r.dimension_id] = (dims[r.dimension_id] ?? 0) + r.score;
	return {
		label: `${agency.name} · ${round.name}`,
		agencyId,
		roundId,
		reportId: report?.id ?? null,
		total: Math.round(total * 100) / 100,
		max,
		rate: scoreRate(total, max),
		dims,
		levels: Object.fromEntries(rows.map((r) => [r.indicator_id, { level: r.level, score: r.score, max: r.max }]))
	};
}

export const load: PageServerLoad = async ({ locals, url }) => {
	requirePermission(locals.user, 'dashboards.view');
	const db = await getDb();
	const list = await rounds.listRounds(db);
	const all = await agencies.listAgencies(db);
	const num = (k: string) => Number(url.searchParams.get(k)) || null;
	const mode = url.searchParams.get('mode') === 'rounds' ? 'rounds' : 'agencies';
	const a = num('a');
	const b = num('b');
	const r1 = num('r1') ?? list[0]?.id ?? null;
	const r2 = num('r2') ?? list[1]?.id ?? null;
	const left = a && r1 ? await side(db, a, r1) : null;
	const right = mode === 'agencies' ? (b && r1 ? await side(db, b, r1) : null) : a && r2 ? await side(db, a, r2) : null;
	const rubricRound = list.find((r) => r.id === r1) ?? list[0];
	const rubric = rubricRound ? await rubrics.findRubric(db, rubricRound.rubric_id) : undefined;
	const defs = rubric ? rubricDefs(rubric.definition) : { dimensions: [], indicators: [] };
	return {
		mode,
		params: { a, b, r1, r2 },
		rounds: list.map((r) => ({ id: r.id, name: r.name })),
		agencies: agencyOptions(all.map((x) => ({ id: x.id, name: x.name }))),
		left,
		right,
		...defs
	};
};
