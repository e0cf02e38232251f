import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requirePermission } from '$lib/server/auth/policy';
import { getDb } from '$lib/server/bootstrap';
import { reuseList } from '$lib/server/similarity/service';
import { m } from '$lib/paraglide/messages.js';

/**
 * The round's reports above the reuse thresholds (issue 15): `{ thresholds, items: [{ reportId,
 * agencyId, agencyName, kind: 'previous' | 'peer', share, otherReportId, otherAgencyName }], more }`.
 * Staff only: it names other agencies.
 */
export const GET: RequestHandler = async ({ locals, params }) => {
	requirePermission(locals.user, 'dashboards.view');
	const id = Number(params.id);
	const db = await getDb();
	if (!Number.isInteger(id) || !(await db.selectFrom('rounds').select('id').where('id', '=', id).executeTakeFirst())) error(404, m.err_round_not_found());
	return json(await reuseList(db, id), { headers: { 'cache-control': 'private, no-store' } });
};
