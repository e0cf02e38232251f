/** Sign-in as one service: the form action and the tests call the same function. */
import type { Database } from '../db/connect';
import { appendAudit } from '../db/audit';
import * as users from '../db/users';
import { burnVerify, verifyPassword } from './password';
import { createSession, generateSessionToken, type SessionInfo } from './session';
import { reserveAttempt, settleAttempt, throttledMessage } from './throttle';
import { m } from '../../paraglide/messages.js';

export type SignInResult =
	| { ok: true; token: string; session: SessionInfo; userId: number }
	| { ok: false; status: 400 | 429; message: string };

/** Longest user name anyone can have (user creation enforces it too); longer input is refused unread. */
export const MAX_USERNAME_LENGTH = 64;
/** Longest password accepted at sign-in (argon2 would take any length; nobody types more). */
export const MAX_PASSWORD_LENGTH = 256;

/** One message for an unknown user and a wrong password (no user enumeration), in the request's language. */
export function badCredentialsMessage(): string {
	return m.sv_bad_credentials();
}
export { throttledMessage };

export async function signIn(
	db: Database,
	username: string,
	password: string,
	ctx: { ip?: string | null; userAgent?: string | null; now?: Date } = {}
): Promise<SignInResult> {
	if (!username || !password) return { ok: false, status: 400, message: m.sv_credentials_required() };
	// Too long to be anyone's: refused before anything is stored or echoed (no audit row, no attempt).
	if (username.length > MAX_USERNAME_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
		return { ok: false, status: 400, message: badCredentialsMessage() };
	}
	const ip = ctx.ip ?? null;
	const now = ctx.now ?? new Date();
	// Decided and recorded in one step before the password is looked at, the same for known and
	// unknown names (no enumeration).
	const reservation = await reserveAttempt(db, username, ip, now);
	if (!reservation.ok) {
		await appendAudit(db, { userId: null, username, action: 'login_throttled', entity: 'user', ip }, now);
		return { ok: false, status: 429, message: throttledMessage() };
	}
	const user = await users.findUserByUsername(db, username);
	const valid = user && !user.disabled ? await verifyPassword(user.password_hash, password) : (await burnVerify(password), false);
	if (!user || !valid) {
		await appendAudit(
			db,
			{ userId: user?.id ?? null, username, action: 'login_failed', entity: 'user', entityId: user?.id ?? null, ip },
			now
		);
		return { ok: false, status: 400, message: badCredentialsMessage() };
	}
	await settleAttempt(db, reservation, true);
	const token = generateSessionToken();
	const session = await createSession(db, token, user.id, { ip, userAgent: ctx.userAgent }, now);
	await appendAudit(db, { userId: user.id, username: user.username, action: 'login', entity: 'user', entityId: user.id, ip }, now);
	return { ok: true, token, session, userId: user.id };
}
