import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requirePermission } from '$lib/server/auth/policy';
import { getDb } from '$lib/server/bootstrap';
import { roundList } from '$lib/server/export/service';

/** `[{ id, name, period, status }]`, newest period first. */
export const GET: RequestHandler = async ({ locals }) => {
	requirePermission(locals.user, 'dashboards.view');
	return json(await roundList(await getDb()));
};
