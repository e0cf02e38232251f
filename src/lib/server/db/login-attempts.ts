/** Sign-in attempts: the raw material of the sign-in throttle (issue 6). Kysely only, executor first. */
import type { Kysely } from 'kysely';
import type { DB } from './schema';

type Executor = Kysely<DB>;

export async function recordAttempt(
	db: Executor,
	a: { username: string; ip: string | null; success: boolean },
	at = new Date()
): Promise<void> {
	await db
		.insertInto('login_attempts')
		.values({ at: at.toISOString(), username: a.username, ip: a.ip, success: a.success ? 1 : 0 })
		.execute();
}

/** Failures for a username since `since`, not counting those before its latest success. */
export async function failuresForUsername(db: Executor, username: string, since: Date): Promise<number> {
	const lastOk = await db
		.selectFrom('login_attempts')
		.select((eb) => eb.fn.max('at').as('at'))
		.where('username', '=', username)
		.where('success', '=', 1)
		.executeTakeFirst();
	const from = lastOk?.at && lastOk.at > since.toISOString() ? lastOk.at : since.toISOString();
	const row = await db
		.selectFrom('login_attempts')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('username', '=', username)
		.where('success', '=', 0)
		.where('at', '>', from)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** Failures from an IP since `since` (a success does not reset it: one office may share an IP). */
export async function failuresForIp(db: Executor, ip: string, since: Date): Promise<number> {
	const row = await db
		.selectFrom('login_attempts')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('ip', '=', ip)
		.where('success', '=', 0)
		.where('at', '>', since.toISOString())
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** Drops attempts older than `before` (they no longer count for anything). */
export async function pruneAttempts(db: Executor, before: Date): Promise<void> {
	await db.deleteFrom('login_attempts').where('at', '<', before.toISOString()).execute();
}
