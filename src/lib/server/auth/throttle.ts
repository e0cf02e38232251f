/**
 * Sign-in throttling (issues 6 and 13). Every password check — sign-in and the current-password
 * check on /account — first goes through `reserveAttempt`, which in ONE transaction decides whether
 * the attempt may be evaluated and, if so, records it as a failure before the password is even
 * looked at; a right password then turns that row into a success. So parallel guesses count: of 30
 * at once, exactly `perSource.free` are evaluated.
 *
 * Three budgets, each a few free failures and then a delay that doubles with every further failure
 * (counted from the latest one) up to a cap — never a hard lock:
 * - per username AND source (IP): the attacker's own budget; long cap.
 * - per username over all sources: a stranger elsewhere can slow the real user down by at most
 *   `perUsername.maxDelayMs` (a minute), never lock them out: they pass with the right password.
 * - per source over all usernames: one address spraying many names.
 * A success resets the username budgets; the source budget only expires (an office shares one IP).
 *
 * Dialects: on SQLite the transaction runs on Kysely's single connection, so reservations are
 * serialized. On PostgreSQL it asks for SERIALIZABLE, under which two reservations that would both
 * pass on the same counts cannot both commit (the loser errors and is treated as throttled).
 */
import type { Database } from '../db/connect';
import * as attempts from '../db/login-attempts';
import { m } from '../../paraglide/messages.js';

interface Budget {
	/** failures allowed without any delay */
	free: number;
	/** delay after the first failure past `free`; doubles with each further one */
	baseDelayMs: number;
	maxDelayMs: number;
}

export const THROTTLE = {
	/** failures older than this count for nothing */
	windowMs: 15 * 60 * 1000,
	perSource: { free: 5, baseDelayMs: 30_000, maxDelayMs: 15 * 60 * 1000 } satisfies Budget,
	perUsername: { free: 10, baseDelayMs: 5_000, maxDelayMs: 60_000 } satisfies Budget,
	perIp: { free: 20, baseDelayMs: 30_000, maxDelayMs: 15 * 60 * 1000 } satisfies Budget
} as const;

/** The one refusal for a throttled sign-in, in the request's language (Chinese outside a request). */
export function throttledMessage(): string {
	return m.sv_throttled();
}

/** The key a username is counted under: trimmed, lower-cased (so Admin and admin share a budget). */
export function throttleKey(username: string): string {
	return username.trim().toLowerCase();
}

/** How long after the latest failure the next attempt must wait (0 while within the free failures). */
export function delayFor(b: Budget, failures: number): number {
	if (failures < b.free) return 0;
	return Math.min(b.maxDelayMs, b.baseDelayMs * 2 ** Math.min(30, failures - b.free));
}

function waiting(b: Budget, c: attempts.FailureCount, now: Date): boolean {
	const d = delayFor(b, c.n);
	return d > 0 && c.last != null && now.getTime() - Date.parse(c.last) < d;
}

export type Reservation = { ok: true; attemptId: number } | { ok: false };

/**
 * Decides whether a password check may run now and, if so, records it (as a failure until
 * `settleAttempt` says otherwise) — one transaction, so the decision and the record cannot be split
 * by parallel requests.
 */
export async function reserveAttempt(db: Database, username: string, ip: string | null, now = new Date()): Promise<Reservation> {
	const key = throttleKey(username);
	const since = new Date(now.getTime() - THROTTLE.windowMs);
	try {
		const r = await db
			.transaction()
			.setIsolationLevel('serializable')
			.execute(async (trx): Promise<Reservation> => {
				if (waiting(THROTTLE.perUsername, await attempts.failuresForUsername(trx, key, since), now)) return { ok: false };
				if (ip) {
					if (waiting(THROTTLE.perSource, await attempts.failuresForPair(trx, key, ip, since), now)) return { ok: false };
					if (waiting(THROTTLE.perIp, await attempts.failuresForIp(trx, ip, since), now)) return { ok: false };
				}
				return { ok: true, attemptId: await attempts.recordAttempt(trx, { username: key, ip, success: false }, now) };
			});
		// Keep the table small: attempts older than a day count for nothing.
		if (r.ok && Math.random() < 0.02) await attempts.pruneAttempts(db, new Date(now.getTime() - 24 * 3600 * 1000));
		return r;
	} catch (e) {
		// A serialization failure (PostgreSQL) means another attempt won the race: refuse this one.
		if (/serializ|could not serialize|40001/i.test(String((e as Error)?.message ?? e))) return { ok: false };
		throw e;
	}
}

/** After the check: a right password turns the reserved failure into a success. */
export async function settleAttempt(db: Database, r: Extract<Reservation, { ok: true }>, success: boolean): Promise<void> {
	if (success) await attempts.markSuccess(db, r.attemptId);
}
