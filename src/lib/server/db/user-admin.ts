/** User changes and a user's sessions (issue 6). Kysely only, executor first. */
import type { Kysely } from 'kysely';
import type { DB, Role } from './schema';

type Executor = Kysely<DB>;

export async function setRole(db: Executor, id: number, role: Role, agencyId: number | null): Promise<void> {
	await db.updateTable('users').set({ role, agency_id: agencyId }).where('id', '=', id).execute();
}

export async function setDisabled(db: Executor, id: number, disabled: boolean): Promise<void> {
	await db.updateTable('users').set({ disabled: disabled ? 1 : 0 }).where('id', '=', id).execute();
}

export async function setPasswordHash(db: Executor, id: number, hash: string): Promise<void> {
	await db.updateTable('users').set({ password_hash: hash }).where('id', '=', id).execute();
}

export async function setDisplayName(db: Executor, id: number, name: string): Promise<void> {
	await db.updateTable('users').set({ display_name: name }).where('id', '=', id).execute();
}

export async function countActiveAdmins(db: Executor): Promise<number> {
	const row = await db
		.selectFrom('users')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('role', '=', 'admin')
		.where('disabled', '=', 0)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export function listUserSessions(db: Executor, userId: number) {
	return db
		.selectFrom('sessions')
		.select(['id', 'created_at', 'expires_at', 'ip', 'user_agent'])
		.where('user_id', '=', userId)
		.orderBy('created_at', 'desc')
		.execute();
}

/** Deletes one session, only when it belongs to `userId`; true when one was deleted. */
export async function deleteOwnSession(db: Executor, userId: number, sessionId: string): Promise<boolean> {
	const r = await db.deleteFrom('sessions').where('id', '=', sessionId).where('user_id', '=', userId).executeTakeFirst();
	return Number(r.numDeletedRows) > 0;
}

/** Deletes every session of a user except `keepId`. */
export async function deleteOtherSessions(db: Executor, userId: number, keepId: string): Promise<number> {
	const r = await db.deleteFrom('sessions').where('user_id', '=', userId).where('id', '!=', keepId).executeTakeFirst();
	return Number(r.numDeletedRows);
}
