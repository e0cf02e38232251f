import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requirePermission } from '$lib/server/auth/policy';
import { config } from '$lib/server/env';
import { serveRoundExport } from '$lib/server/export/route';
import { noticeOptionsFrom } from '$lib/server/export/service';

/**
 * 考核结果通报_{period}.docx: the notice of results. Query: `issuer` (default ZWGK_ISSUER),
 * `date` (2026-11-23 or 2026年11月23日; default today), `bands` (90,80,60).
 */
export const GET: RequestHandler = async (event) => {
	const user = requirePermission(event.locals.user, 'export.all');
	const o = noticeOptionsFrom(event.url.searchParams, { issuer: config.issuer });
	if (!o.ok) error(o.status, o.message);
	return serveRoundExport(event, user, { kind: 'notice', options: o.options });
};
