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

/** Bounds of what one entry stores (issue 13): the log is append-only, so nothing unbounded goes in. */
export const AUDIT_LIMITS = { username: 64, action: 64, entityId: 128, ip: 64, detailChars: 8192 } as const;

function clip(v: string | null | undefined, max: number): string | null {
	return v == null ? null : v.length > max ? `${v.slice(0, max - 1)}…` : v;
}

/** JSON of a before/after detail, replaced by a marked preview when longer than the limit. */
function detail(v: unknown): string | null {
	if (v === undefined) return null;
	const json = JSON.stringify(v);
	if (json.length <= AUDIT_LIMITS.detailChars) return json;
	return JSON.stringify({ truncated: true, chars: json.length, preview: json.slice(0, 1000) });
}

export async function appendAudit(db: Kysely<DB>, e: AuditEntry, at = new Date()): Promise<void> {
	await db
		.insertInto('audit_log')
		.values({
			at: at.toISOString(),
			user_id: e.userId,
			username: clip(e.username, AUDIT_LIMITS.username),
			action: clip(e.action, AUDIT_LIMITS.action) ?? '',
			entity: e.entity ?? null,
			entity_id: e.entityId == null ? null : clip(String(e.entityId), AUDIT_LIMITS.entityId),
			before: detail(e.before),
			after: detail(e.after),
			ip: clip(e.ip, AUDIT_LIMITS.ip)
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
