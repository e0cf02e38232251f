/**
 * Sessions as the Lucia guide writes them: a random token in the cookie, only its SHA-256 in the
 * database, a 30-day sliding expiry (renewed when less than 15 days are left).
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { Database } from '../db/connect';
import type { Role } from '../db/schema';

export const SESSION_COOKIE = 'zwgk_session';
const DAY_MS = 24 * 60 * 60 * 1000;
export const SESSION_DAYS = 30;

export interface SessionUser {
	id: number;
	username: string;
	displayName: string;
	role: Role;
	agencyId: number | null;
}
export interface SessionInfo {
	id: string;
	userId: number;
	expiresAt: Date;
}
export type SessionValidation =
	| { session: SessionInfo; user: SessionUser; fresh: boolean }
	| { session: null; user: null; fresh: false };

export function generateSessionToken(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdFromToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function createSession(
	db: Database,
	token: string,
	userId: number,
	extra: { userAgent?: string | null; ip?: string | null } = {},
	now = new Date()
): Promise<SessionInfo> {
	const session: SessionInfo = {
		id: sessionIdFromToken(token),
		userId,
		expiresAt: new Date(now.getTime() + SESSION_DAYS * DAY_MS)
	};
	await db
		.insertInto('sessions')
		.values({
			id: session.id,
			user_id: userId,
			expires_at: session.expiresAt.toISOString(),
			created_at: now.toISOString(),
			user_agent: extra.userAgent?.slice(0, 300) ?? null,
			ip: extra.ip ?? null
		})
		.execute();
	return session;
}

/** Looks the token up; deletes it when expired; extends it when past half its life. */
export async function validateSessionToken(db: Database, token: string, now = new Date()): Promise<SessionValidation> {
	const id = sessionIdFromToken(token);
	const row = await db
		.selectFrom('sessions')
		.innerJoin('users', 'users.id', 'sessions.user_id')
		.select([
			'sessions.id as sessionId',
			'sessions.expires_at',
			'users.id as userId',
			'users.username',
			'users.display_name',
			'users.role',
			'users.agency_id',
			'users.disabled'
		])
		.where('sessions.id', '=', id)
		.executeTakeFirst();
	if (!row) return { session: null, user: null, fresh: false };
	const expiresAt = new Date(row.expires_at);
	if (now.getTime() >= expiresAt.getTime() || row.disabled) {
		await db.deleteFrom('sessions').where('id', '=', id).execute();
		return { session: null, user: null, fresh: false };
	}
	let fresh = false;
	if (now.getTime() >= expiresAt.getTime() - (SESSION_DAYS / 2) * DAY_MS) {
		expiresAt.setTime(now.getTime() + SESSION_DAYS * DAY_MS);
		await db.updateTable('sessions').set({ expires_at: expiresAt.toISOString() }).where('id', '=', id).execute();
		fresh = true;
	}
	return {
		session: { id, userId: row.userId, expiresAt },
		user: {
			id: row.userId,
			username: row.username,
			displayName: row.display_name,
			role: row.role,
			agencyId: row.agency_id
		},
		fresh
	};
}

export async function invalidateSession(db: Database, sessionId: string): Promise<void> {
	await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function invalidateUserSessions(db: Database, userId: number): Promise<void> {
	await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

/** The cookie options; `secure` when the app is served over https. */
export function sessionCookieOptions(expiresAt: Date, secure: boolean) {
	return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure, expires: expiresAt };
}
