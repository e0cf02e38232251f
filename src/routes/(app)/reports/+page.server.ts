import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/bootstrap';
import { can } from '$lib/server/auth/policy';
import { roundContext } from '$lib/server/results/dashboard';
import { restrictContext } from '$lib/server/rounds/visibility';
import { clampPage, pageParam } from '$lib/paging';

const PAGE = 50;

export const load: PageServerLoad = async ({ locals, url }) => {
	const db = await getDb();
	const ctx = await restrictContext(db, await roundContext(db, url), locals.user);
	const staff = can(locals.user, 'dashboards.view');
	const status = url.searchParams.get('status') ?? '';
	const q = (url.searchParams.get('q') ?? '').trim();
	const requested = pageParam(url.searchParams.get('page'));
	if (!ctx.round) return { ctx, staff, rows: [], total: 0, page: 1, pages: 1, filter: { status, q } };
	let query = db
		.selectFrom('reports')
		.leftJoin('agencies', 'agencies.id', 'reports.agency_id')
		.innerJoin('rounds', 'rounds.id', 'reports.round_id')
		.where('reports.round_id', '=', ctx.round.id);
	if (!staff) {
		// Agency users see their own agency's reports, and only once the round is published.
		query = query.where('reports.agency_id', '=', locals.user?.agencyId ?? -1).where('rounds.status', '=', 'published');
	}
	if (status === 'needs_agency') query = query.where('reports.status', '=', 'needs_agency');
	else if (status === 'held') query = query.where('reports.held', 'is not', null).where('reports.withdrawn_at', 'is', null);
	else if (status === 'superseded') query = query.where('reports.superseded', '=', 1).where('reports.held', 'is', null);
	else if (status === 'late') query = query.where('reports.late', '=', 1);
	if (q) query = query.where((eb) => eb.or([eb('agencies.name', 'like', `%${q}%`), eb('reports.file_name', 'like', `%${q}%`)]));
	const count = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
	const total = Number(count?.n ?? 0);
	const { page: pageNo, pages, offset } = clampPage(requested, total, PAGE);
	const rows = await query
		.select(['reports.id', 'reports.file_name', 'reports.file_type', 'reports.report_type', 'reports.period', 'reports.status', 'reports.late', 'reports.superseded', 'reports.held', 'reports.imported_at', 'agencies.name as agency_name', 'agencies.id as agency_id'])
		.orderBy('reports.id', 'desc')
		.limit(PAGE)
		.offset(offset)
		.execute();
	const ids = rows.map((r) => r.id);
	const sums = ids.length
		? await db
				.selectFrom('scores')
				.select((eb) => ['report_id', eb.fn.sum<number>('score').as('total'), eb.fn.sum<number>('max').as('max')])
				.where('report_id', 'in', ids)
				.where('rubric_id', '=', ctx.round.rubric_id)
				.groupBy('report_id')
				.execute()
		: [];
	const byId = new Map(sums.map((s) => [s.report_id, s]));
	return {
		ctx,
		staff,
		rows: rows.map(({ held, ...r }) => ({ ...r, held: held != null, total: byId.get(r.id) ? Number(byId.get(r.id)?.total) : null, max: byId.get(r.id) ? Number(byId.get(r.id)?.max) : null })),
		total,
		page: pageNo,
		pages,
		filter: { status, q }
	};
};
