import type { PageServerLoad } from './$types';
import { agencyOptions } from '$lib/server/agency-order';
import { getDb } from '$lib/server/bootstrap';
import { requirePermission } from '$lib/server/auth/policy';
import { rankedWithChange, roundContext, trendsData } from '$lib/server/results/dashboard';
import { scoreRate } from '$lib/server/results/types';

/** The extracted metrics shown over time; the page labels them by id in the UI language. */
const METRICS = ['published_items', 'interpretations', 'messages_received', 'messages_closed', 'opinion_items', 'applications_received', 'trainings', 'trainees'] as const;

export const load: PageServerLoad = async ({ locals, url }) => {
	requirePermission(locals.user, 'dashboards.view');
	const db = await getDb();
	const ctx = await roundContext(db, url);
	const all = ctx.round ? (await rankedWithChange(db, ctx.round)).rows : [];
	let ids = (url.searchParams.get('a') ?? '').split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0).slice(0, 10);
	if (!ids.length) ids = all.slice(0, 5).map((r) => r.agencyId);
	const t = await trendsData(db, ids);
	const rounds = t.rounds;
	const dimSeries = ctx.dimensions.map((d) => ({
		name: d.name,
		values: rounds.map((r) => {
			const row = t.dimRows.find((x) => x.roundId === r.id && x.dimensionId === d.id);
			return row && Number(row.max) > 0 ? Math.round((Number(row.score) / Number(row.max)) * 1000) / 10 : null;
		})
	}));
	const names = new Map(t.agencyRows.map((r) => [r.agencyId, r.name]));
	const agencySeries = ids
		.filter((id) => names.has(id))
		.map((id) => ({
			id,
			name: names.get(id) ?? String(id),
			values: rounds.map((r) => {
				const row = t.agencyRows.find((x) => x.roundId === r.id && x.agencyId === id);
				return row ? scoreRate(Number(row.score), Number(row.max)) : null;
			})
		}));
	const metricTable = METRICS.map((id) => ({
		id,
		values: rounds.map((r) => {
			const row = t.metricRows.find((x) => x.roundId === r.id && x.metricId === id);
			return row ? { sum: Math.round(Number(row.sum)), reports: Number(row.n) } : null;
		})
	}));
	const asked = url.searchParams.get('m') ?? '';
	const metric = METRICS.find((id) => id === asked) ?? 'published_items';
	return {
		ctx,
		rounds: rounds.map((r) => ({ name: r.name, period: r.period })),
		dimSeries,
		agencySeries,
		choices: agencyOptions(all.map((r) => ({ id: r.agencyId, name: r.agencyName }))),
		selected: ids,
		metricTable,
		metric
	};
};
