import type { RequestHandler } from './$types';
import { requirePermission } from '$lib/server/auth/policy';
import { serveRoundExport } from '$lib/server/export/route';

/** 考核结果_{period}.xlsx: the results workbook (排名, 指标得分, 缺失项, 说明). */
export const GET: RequestHandler = async (event) => {
	const user = requirePermission(event.locals.user, 'export.all');
	return serveRoundExport(event, user, { kind: 'xlsx' });
};
