/** The audit log: append-only from the application (no update or delete is exported). */
import type { Kysely } from 'kysely';
import type { DB } from './schema';

export interface AuditEntry {
	userId: number | null;
	username: string | null;
	action: string;
	entity?: string | null;
	entityId?: string | number | null;
	before?: unknown;
	after?: unknown;
	ip?: string | null;
}

export async function appendAudit(db: Kysely<DB>, e: AuditEntry, at = new Date()): Promise<void> {
	await db
		.insertInto('audit_log')
		.values({
			at: at.toISOString(),
			user_id: e.userId,
			username: e.username,
			action: e.action,
			entity: e.entity ?? null,
			entity_id: e.entityId == null ? null : String(e.entityId),
			before: e.before === undefined ? null : JSON.stringify(e.before),
			after: e.after === undefined ? null : JSON.stringify(e.after),
			ip: e.ip ?? null
		})
		.execute();
}

export interface AuditFilter {
	userId?: number;
	action?: string;
	from?: string;
	to?: string;
	limit?: number;
}

export function listAudit(db: Kysely<DB>, f: AuditFilter = {}) {
	let q = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc');
	if (f.userId != null) q = q.where('user_id', '=', f.userId);
	if (f.action) q = q.where('action', '=', f.action);
	if (f.from) q = q.where('at', '>=', f.from);
	if (f.to) q = q.where('at', '<=', f.to);
	return q.limit(f.limit ?? 200).execute();
}
