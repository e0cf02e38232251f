import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/bootstrap';
import { config } from '$lib/server/env';
import { requirePermission } from '$lib/server/auth/policy';
import { auditActionLabel, auditActions, auditUsernames, queryAudit, readableAudit } from '$lib/server/db/audit-query';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const PAGE_SIZE = 50;

/**
 * The audit log, readable (issue 14): names instead of ids, actions and fields in words, times and
 * date filters in the office's time zone. Read-only here and everywhere (the database refuses
 * updates and deletes). Administrators, supervisors and evaluators read it.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	requirePermission(locals.user, 'audit.view');
	const db = await getDb();
	const p = url.searchParams;
	const filter = {
		username: (p.get('user') ?? '').trim(),
		action: (p.get('action') ?? '').trim(),
		from: DATE.test(p.get('from') ?? '') ? (p.get('from') as string) : '',
		to: DATE.test(p.get('to') ?? '') ? (p.get('to') as string) : ''
	};
	const page = Math.max(1, Math.floor(Number(p.get('page')) || 1));
	const r = await queryAudit(db, {
		username: filter.username || undefined,
		action: filter.action || undefined,
		from: filter.from || undefined,
		to: filter.to || undefined,
		timeZone: config.timeZone,
		page,
		pageSize: PAGE_SIZE
	});
	const rows = await readableAudit(db, r.rows);
	return {
		filter,
		rows: rows.map((x) => ({ ...x, actionLabel: auditActionLabel(x.action) })),
		total: r.total,
		page: r.page,
		pages: Math.max(1, Math.ceil(r.total / r.pageSize)),
		actions: (await auditActions(db)).map((a) => ({ value: a, label: auditActionLabel(a) })),
		usernames: await auditUsernames(db)
	};
};
