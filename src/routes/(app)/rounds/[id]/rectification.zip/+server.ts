import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requirePermission } from '$lib/server/auth/policy';
import { config } from '$lib/server/env';
import { serveRoundExport } from '$lib/server/export/route';
import { noticeOptionsFrom, parseBelow } from '$lib/server/export/service';
import { m } from '$lib/paraglide/messages.js';

/**
 * 整改通知_{period}.zip: one rectification notice per agency whose total is below `below`
 * (default 60). Query also: `issuer`, `date`. 409 when no agency is below the threshold.
 */
export const GET: RequestHandler = async (event) => {
	const user = requirePermission(event.locals.user, 'export.all');
	const below = parseBelow(event.url.searchParams.get('below'));
	if (below == null) error(400, m.sv_below_invalid());
	const o = noticeOptionsFrom(event.url.searchParams, { issuer: config.issuer });
	if (!o.ok) error(o.status, o.message);
	return serveRoundExport(event, user, { kind: 'rectification-zip', below, options: o.options });
};
