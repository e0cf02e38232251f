import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/bootstrap';
import { requirePermission } from '$lib/server/auth/policy';
import { auditActions, auditUsernames, queryAudit } from '$lib/server/db/audit-query';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const PAGE_SIZE = 50;

/** The audit log: read-only here and everywhere in the app (the database refuses updates and deletes). */
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
		page,
		pageSize: PAGE_SIZE
	});
	return {
		filter,
		rows: r.rows.map((x) => ({
			id: x.id,
			at: x.at,
			username: x.username,
			action: x.action,
			entity: x.entity,
			entityId: x.entity_id,
			before: x.before,
			after: x.after,
			ip: x.ip
		})),
		total: r.total,
		page: r.page,
		pages: Math.max(1, Math.ceil(r.total / r.pageSize)),
		actions: await auditActions(db),
		usernames: await auditUsernames(db)
	};
};
