import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/bootstrap';
import { can, requirePermission } from '$lib/server/auth/policy';
import { appendAudit } from '$lib/server/db/audit';
import * as agencies from '$lib/server/db/agencies';
import { findReport } from '$lib/server/db/reports';
import { findRound } from '$lib/server/db/rounds';
import { assertNotFrozen } from '$lib/server/rounds/integrity';
import { reassignReport } from '$lib/server/rounds/report-fix';
import { m } from '$lib/paraglide/messages.js';

/**
 * Assigns a report to an agency: `{ agencyId }` or `{ newAgency: name }` (creating an agency needs
 * the agency-management permission), and `replace: true` to confirm replacing the agency's current
 * report (otherwise 409 `{ replaces }`). A published round answers the frozen 409.
 */
export const POST: RequestHandler = async ({ params, request, locals }) => {
	const user = requirePermission(locals.user, 'import.run');
	const db = await getDb();
	const body = (await request.json().catch(() => null)) as { agencyId?: unknown; newAgency?: unknown; replace?: unknown } | null;
	if (!body) error(400, m.ix_bad_request());
	const report = await findReport(db, Number(params.id));
	if (!report) error(404, m.err_report_not_found());
	const round = await findRound(db, report.round_id);
	if (!round) error(404, m.err_round_not_found());
	assertNotFrozen(round);
	let agencyId = typeof body.agencyId === 'number' ? body.agencyId : null;
	if (agencyId == null) {
		const name = typeof body.newAgency === 'string' ? body.newAgency.trim() : '';
		if (!name) error(400, m.ix_choose_or_new_agency());
		const existing = await agencies.findAgencyByName(db, name);
		if (existing) agencyId = existing.id;
		else {
			if (!can(user, 'agencies.manage')) error(403, m.rf_no_agency_create());
			agencyId = await agencies.insertAgency(db, { name });
			await appendAudit(db, { userId: user.id, username: user.username, action: 'agency_create', entity: 'agency', entityId: agencyId, after: { name } });
		}
	}
	const r = await reassignReport(db, report.id, agencyId, { id: user.id, username: user.username }, { confirmReplace: body.replace === true });
	if (!r.ok) {
		if ('replaces' in r) return json({ error: 'replaces', message: r.message, replaces: r.replaces }, { status: 409 });
		error(r.status, r.message);
	}
	const agency = await agencies.findAgency(db, agencyId);
	return json({ ok: true, agencyId, agencyName: agency?.name ?? '' });
};
