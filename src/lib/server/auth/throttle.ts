/**
 * Sign-in throttling (issue 6): after too many failures in a window, further attempts for that
 * username or from that IP are refused with one message, whether or not the user exists.
 */
import type { Database } from '../db/connect';
import * as attempts from '../db/login-attempts';
import { m } from '../../paraglide/messages.js';

export const THROTTLE = {
	windowMs: 15 * 60 * 1000,
	/** failures per username within the window (reset by a successful sign-in) */
	perUsername: 5,
	/** failures per IP within the window (higher: an office shares one address) */
	perIp: 20
} as const;

/** The one refusal for a throttled sign-in, in the request's language (Chinese outside a request). */
export function throttledMessage(): string {
	return m.sv_throttled();
}

/** The key a username is counted under: trimmed, lower-cased (so Admin and admin share a budget). */
export function throttleKey(username: string): string {
	return username.trim().toLowerCase();
}

export async function isThrottled(db: Database, username: string, ip: string | null, now = new Date()): Promise<boolean> {
	const since = new Date(now.getTime() - THROTTLE.windowMs);
	if ((await attempts.failuresForUsername(db, throttleKey(username), since)) >= THROTTLE.perUsername) return true;
	if (ip && (await attempts.failuresForIp(db, ip, since)) >= THROTTLE.perIp) return true;
	return false;
}

export async function noteAttempt(
	db: Database,
	username: string,
	ip: string | null,
	success: boolean,
	now = new Date()
): Promise<void> {
	await attempts.recordAttempt(db, { username: throttleKey(username), ip, success }, now);
	// Keep the table small: attempts older than a day count for nothing.
	if (Math.random() < 0.02) await attempts.pruneAttempts(db, new Date(now.getTime() - 24 * 3600 * 1000));
}
