import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { can } from '$lib/server/auth/policy';
import { getDb } from '$lib/server/bootstrap';
import { config } from '$lib/server/env';
import { serveRoundExport } from '$lib/server/export/route';
import { noticeOptionsFrom, parseId, rectificationAccess, roundStatus } from '$lib/server/export/service';
import { m } from '$lib/paraglide/messages.js';

/**
 * 整改通知_{agency}_{period}.docx: one agency's rectification notice. Staff with 'export.all' may
 * download any agency's; an agency user only its own, and only once the round is published.
 */
export const GET: RequestHandler = async (event) => {
	const user = event.locals.user;
	if (!user) error(401, m.err_unauthenticated());
	const staff = can(user, 'export.all');
	if (!staff && user.role !== 'agency') error(403, m.err_forbidden());
	const agencyId = parseId(event.params.agencyId);
	if (agencyId == null) error(404, m.err_agency_not_found());
	const roundId = parseId(event.params.id);
	if (roundId == null) error(404, m.err_round_not_found());
	const db = await getDb();
	const status = await roundStatus(db, roundId);
	// Another agency's notice is refused before anything about the round is revealed.
	const access = rectificationAccess(user, staff, agencyId, status);
	if (access === 'forbidden') error(403, m.err_forbidden());
	if (status == null) error(404, m.err_round_not_found());
	if (access === 'unpublished') error(403, m.sv_rectification_unpublished());
	const o = noticeOptionsFrom(event.url.searchParams, { issuer: config.issuer });
	if (!o.ok) error(o.status, o.message);
	return serveRoundExport(event, user, { kind: 'rectification', agencyId, options: { issuer: o.options.issuer, date: o.options.date } });
};
