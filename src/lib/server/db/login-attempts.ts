/**
 * Sign-in attempts: the raw material of the sign-in throttle. Kysely only, executor first.
 * An attempt is written BEFORE its password is checked (as a failure) and turned into a success
 * afterwards, so the throttle's decision and its record are one step (see auth/throttle.ts).
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema';

type Executor = Kysely<DB> | Transaction<DB>;

/** Records an attempt; returns its id (to mark it a success once the password is right). */
export async function recordAttempt(
	db: Executor,
	a: { username: string; ip: string | null; success: boolean },
	at = new Date()
): Promise<number> {
	const row = await db
		.insertInto('login_attempts')
		.values({ at: at.toISOString(), username: a.username, ip: a.ip, success: a.success ? 1 : 0 })
		.returning('id')
		.executeTakeFirstOrThrow();
	return Number(row.id);
}

export async function markSuccess(db: Executor, id: number): Promise<void> {
	await db.updateTable('login_attempts').set({ success: 1 }).where('id', '=', id).execute();
}

/** How many failures, and the latest one's time, for a key since `since` and since the key's latest success. */
export interface FailureCount {
	n: number;
	last: string | null;
}

async function lastSuccess(db: Executor, where: { username?: string; ip?: string | null }): Promise<string | null> {
	let q = db.selectFrom('login_attempts').select((eb) => eb.fn.max('at').as('at')).where('success', '=', 1);
	if (where.username != null) q = q.where('username', '=', where.username);
	if (where.ip != null) q = q.where('ip', '=', where.ip);
	return (await q.executeTakeFirst())?.at ?? null;
}

async function failures(db: Executor, where: { username?: string; ip?: string | null }, from: string): Promise<FailureCount> {
	let q = db
		.selectFrom('login_attempts')
		.select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('at').as('last')])
		.where('success', '=', 0)
		.where('at', '>', from);
	if (where.username != null) q = q.where('username', '=', where.username);
	if (where.ip != null) q = q.where('ip', '=', where.ip);
	const row = await q.executeTakeFirstOrThrow();
	return { n: Number(row.n), last: row.last ?? null };
}

/** Failures for a username since `since`, not counting those before its latest success. */
export async function failuresForUsername(db: Executor, username: string, since: Date): Promise<FailureCount> {
	const ok = await lastSuccess(db, { username });
	const from = ok && ok > since.toISOString() ? ok : since.toISOString();
	return failures(db, { username }, from);
}

/** Failures for a username from one source (IP) since `since`, not counting those before that pair's latest success. */
export async function failuresForPair(db: Executor, username: string, ip: string, since: Date): Promise<FailureCount> {
	const ok = await lastSuccess(db, { username, ip });
	const from = ok && ok > since.toISOString() ? ok : since.toISOString();
	return failures(db, { username, ip }, from);
}

/** Failures from an IP since `since` (a success does not reset it: one office may share an IP). */
export async function failuresForIp(db: Executor, ip: string, since: Date): Promise<FailureCount> {
	return failures(db, { ip }, since.toISOString());
}

/** Drops attempts older than `before` (they no longer count for anything). */
export async function pruneAttempts(db: Executor, before: Date): Promise<void> {
	await db.deleteFrom('login_attempts').where('at', '<', before.toISOString()).execute();
}
