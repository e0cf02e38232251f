/** Reading the audit log page by page with filters (issue 6). Read-only: the log is append-only. */
import type { Kysely } from 'kysely';
import type { DB } from './schema';

export interface AuditQuery {
	/** matches the username recorded with the entry (exact) */
	username?: string;
	/** exact action, or a prefix ending in '*' (e.g. 'round_*') */
	action?: string;
	/** inclusive dates, YYYY-MM-DD (UTC) */
	from?: string;
	to?: string;
	page?: number;
	pageSize?: number;
}

export async function queryAudit(db: Kysely<DB>, q: AuditQuery) {
	const pageSize = Math.min(Math.max(q.pageSize ?? 50, 1), 500);
	const page = Math.max(q.page ?? 1, 1);
	let base = db.selectFrom('audit_log');
	if (q.username) base = base.where('username', '=', q.username);
	if (q.action) base = q.action.endsWith('*') ? base.where('action', 'like', q.action.slice(0, -1).replace(/[%_]/g, '') + '%') : base.where('action', '=', q.action);
	if (q.from) base = base.where('at', '>=', q.from);
	if (q.to) base = base.where('at', '<', nextDay(q.to));
	const countRow = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
	const rows = await base
		.selectAll()
		.orderBy('id', 'desc')
		.limit(pageSize)
		.offset((page - 1) * pageSize)
		.execute();
	return { rows, total: Number(countRow.n), page, pageSize };
}

function nextDay(d: string): string {
	const t = new Date(`${d.slice(0, 10)}T00:00:00Z`);
	if (Number.isNaN(t.getTime())) return d;
	return new Date(t.getTime() + 86_400_000).toISOString().slice(0, 10);
}

export async function auditActions(db: Kysely<DB>): Promise<string[]> {
	const rows = await db.selectFrom('audit_log').select('action').distinct().orderBy('action').execute();
	return rows.map((r) => r.action);
}

export async function auditUsernames(db: Kysely<DB>): Promise<string[]> {
	const rows = await db.selectFrom('audit_log').select('username').distinct().where('username', 'is not', null).orderBy('username').execute();
	return rows.map((r) => r.username).filter((u): u is string => !!u);
}
