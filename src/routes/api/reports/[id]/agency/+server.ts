import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/bootstrap';
import { requirePermission } from '$lib/server/auth/policy';
import * as agencies from '$lib/server/db/agencies';
import { assignAgency } from '$lib/server/import/ingest';
import { m } from '$lib/paraglide/messages.js';

/** Assigns a report whose agency could not be determined: `{ agencyId }` or `{ newAgency: name }`. */
export const POST: RequestHandler = async ({ params, request, locals }) => {
	const user = requirePermission(locals.user, 'import.run');
	const db = await getDb();
	const body = (await request.json().catch(() => null)) as { agencyId?: unknown; newAgency?: unknown } | null;
	if (!body) error(400, m.ix_bad_request());
	let agencyId = typeof body.agencyId === 'number' ? body.agencyId : null;
	if (agencyId == null) {
		const name = typeof body.newAgency === 'string' ? body.newAgency.trim() : '';
		if (!name) error(400, m.ix_choose_or_new_agency());
		const existing = await agencies.findAgencyByName(db, name);
		agencyId = existing ? existing.id : await agencies.insertAgency(db, { name });
	}
	const r = await assignAgency(db, Number(params.id), agencyId, { id: user.id, username: user.username });
	if (!r.ok) error(404, r.message);
	const agency = await agencies.findAgency(db, agencyId);
	return json({ ok: true, agencyId, agencyName: agency?.name ?? '' });
};
