import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/bootstrap';
import { requirePermission } from '$lib/server/auth/policy';
import { clampPage, pageParam } from '$lib/paging';
import { groupsOf, rankedWithChange, roundContext } from '$lib/server/results/dashboard';

const SORTABLE = new Set(['rank', 'name', 'total', 'rate', 'change']);
const PAGE_SIZE = 100;

export const load: PageServerLoad = async ({ locals, url }) => {
	requirePermission(locals.user, 'dashboards.view');
	const db = await getDb();
	const ctx = await roundContext(db, url);
	const { groups, regions } = await groupsOf(db);
	const group = url.searchParams.get('group') || null;
	const region = url.searchParams.get('region') || null;
	const sortParam = url.searchParams.get('sort') ?? 'rank';
	const sort = SORTABLE.has(sortParam) || ctx.dimensions.some((d) => d.id === sortParam) ? sortParam : 'rank';
	const dir = url.searchParams.get('dir') === 'desc' ? 'desc' : 'asc';
	// ?print=1: the print view, every filtered row on one page (issue 14).
	const print = url.searchParams.get('print') === '1';
	if (!ctx.round) return { ctx, groups, regions, filter: { group, region, sort, dir }, rows: [], count: 0, page: 1, pages: 1, chart: { ids: [], names: [], rates: [] }, previous: null, print, generatedAt: new Date().toISOString() };
	const { rows, previous } = await rankedWithChange(db, ctx.round);
	let shown = rows;
	if (group) shown = shown.filter((r) => r.group === group);
	if (region) shown = shown.filter((r) => (r.region ?? '').split('/').includes(region));
	const key = (r: (typeof rows)[number]): number | string =>
		sort === 'name' ? r.agencyName : sort === 'total' ? r.total : sort === 'rate' ? r.rate : sort === 'change' ? (r.rankChange ?? -9999) : sort === 'rank' ? (group ? r.groupRank : r.rank) : (r.dimensions[sort] ?? 0);
	shown = [...shown].sort((a, b) => {
		const x = key(a);
		const y = key(b);
		const c = typeof x === 'string' || typeof y === 'string' ? String(x).localeCompare(String(y), 'zh-CN') : x - y;
		return dir === 'asc' ? c : -c;
	});
	// The table shows a page of rows; the chart gets every filtered agency in compact columns.
	const size = print ? Math.max(1, shown.length) : PAGE_SIZE;
	const pages = Math.max(1, Math.ceil(shown.length / size));
	const page = print ? 1 : clampPage(pageParam(url.searchParams.get('page')), shown.length, size).page;
	const chart = { ids: shown.map((r) => r.agencyId), names: shown.map((r) => r.agencyName), rates: shown.map((r) => r.rate) };
	return {
		ctx,
		groups,
		regions,
		filter: { group, region, sort, dir },
		rows: shown.slice((page - 1) * size, page * size).map(({ region: _r, ...row }) => row),
		count: shown.length,
		page,
		pages,
		chart,
		previous: previous ? { id: previous.id, name: previous.name } : null,
		print,
		generatedAt: new Date().toISOString()
	};
};
