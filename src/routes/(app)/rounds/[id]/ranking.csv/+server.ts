import type { RequestHandler } from './$types';
import { requirePermission } from '$lib/server/auth/policy';
import { serveRoundExport } from '$lib/server/export/route';

/** 排名_{period}.csv: the ranking, UTF-8 with a BOM. */
export const GET: RequestHandler = async (event) => {
	const user = requirePermission(event.locals.user, 'export.all');
	return serveRoundExport(event, user, { kind: 'ranking-csv' });
};
