import type { RequestHandler } from './$types';
import { requirePermission } from '$lib/server/auth/policy';
import { serveRoundExport } from '$lib/server/export/route';

/** 指标得分_{period}.csv: one row per agency × indicator, UTF-8 with a BOM. */
export const GET: RequestHandler = async (event) => {
	const user = requirePermission(event.locals.user, 'export.all');
	return serveRoundExport(event, user, { kind: 'indicator-csv' });
};
