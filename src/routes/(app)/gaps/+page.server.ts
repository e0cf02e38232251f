import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/bootstrap';
import { requirePermission } from '$lib/server/auth/policy';
import { gapsData, groupsOf, roundContext } from '$lib/server/results/dashboard';

export const load: PageServerLoad = async ({ locals, url }) => {
	requirePermission(locals.user, 'dashboards.view');
	const db = await getDb();
	const ctx = await roundContext(db, url);
	const { groups } = await groupsOf(db);
	const group = url.searchParams.get('group') || null;
	const sort = url.searchParams.get('sort') === 'name' ? 'name' : url.searchParams.get('sort') === 'gaps' ? 'gaps' : 'rate';
	if (!ctx.round) return { ctx, groups, filter: { group, sort }, gaps: null };
	return { ctx, groups, filter: { group, sort }, gaps: await gapsData(db, ctx, { group }) };
};
