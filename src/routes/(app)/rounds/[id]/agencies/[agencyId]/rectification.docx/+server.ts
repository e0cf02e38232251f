import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { can } from '$lib/server/auth/policy';
import { getDb } from '$lib/server/bootstrap';
import { config } from '$lib/server/env';
import { serveRoundExport } from '$lib/server/export/route';
import { noticeOptionsFrom, parseId, rectificationAccess, roundStatus } from '$lib/server/export/service';

/**
 * 整改通知_{agency}_{period}.docx: one agency's rectification notice. Staff with 'export.all' may
 * download any agency's; an agency user only its own, and only once the round is published.
 */
export const GET: RequestHandler = async (event) => {
	const user = event.locals.user;
	if (!user) error(401, '未登录或登录已过期');
	const staff = can(user, 'export.all');
	if (!staff && user.role !== 'agency') error(403, '您没有权限执行此操作');
	const agencyId = parseId(event.params.agencyId);
	if (agencyId == null) error(404, '单位不存在');
	const roundId = parseId(event.params.id);
	if (roundId == null) error(404, '考核轮次不存在');
	const db = await getDb();
	const status = await roundStatus(db, roundId);
	// Another agency's notice is refused before anything about the round is revealed.
	const access = rectificationAccess(user, staff, agencyId, status);
	if (access === 'forbidden') error(403, '您没有权限执行此操作');
	if (status == null) error(404, '考核轮次不存在');
	if (access === 'unpublished') error(403, '该轮次考核结果尚未发布，暂不能下载整改通知书');
	const o = noticeOptionsFrom(event.url.searchParams, { issuer: config.issuer });
	if (!o.ok) error(o.status, o.message);
	return serveRoundExport(event, user, { kind: 'rectification', agencyId, options: { issuer: o.options.issuer, date: o.options.date } });
};
