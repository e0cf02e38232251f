import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/bootstrap';
import { can } from '$lib/server/auth/policy';
import { overviewData, roundContext } from '$lib/server/results/dashboard';
import { reuseList } from '$lib/server/similarity/service';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (!can(locals.user, 'dashboards.view')) redirect(303, '/submit');
	const db = await getDb();
	const ctx = await roundContext(db, url);
	if (!ctx.round) return { ctx, overview: null };
	return { ctx, overview: await overviewData(db, ctx), reuse: await reuseList(db, ctx.round.id) };
};
