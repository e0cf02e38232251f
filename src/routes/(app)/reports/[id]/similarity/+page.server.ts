import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/bootstrap';
import { requirePermission } from '$lib/server/auth/policy';
import { pairView } from '$lib/server/similarity/view';
import { m } from '$lib/paraglide/messages.js';

/** The side-by-side reuse view (issue 15): staff only — it shows another agency's text. */
export const load: PageServerLoad = async ({ params, url, locals }) => {
	requirePermission(locals.user, 'dashboards.view');
	const id = Number(params.id);
	const w = url.searchParams.get('with');
	const other = w && /^\d+$/.test(w) ? Number(w) : null;
	if (!Number.isInteger(id)) error(404, m.err_report_not_found());
	const view = await pairView(await getDb(), id, other);
	if (!view) error(404, m.err_report_not_found());
	return { view };
};
