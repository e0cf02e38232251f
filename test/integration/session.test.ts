import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/connect';
import { hashPassword } from '../../src/lib/server/auth/password';
import {
	SESSION_DAYS,
	createSession,
	generateSessionToken,
	invalidateSession,
	invalidateUserSessions,
	sessionIdFromToken,
	validateSessionToken
} from '../../src/lib/server/auth/session';
import { badCredentialsMessage, signIn } from '../../src/lib/server/auth/sign-in';
import * as users from '../../src/lib/server/db/users';
import { freshDb } from './helpers';

const DAY = 86_400_000;
let db: Database;
let userId: number;

beforeEach(async () => {
	db = await freshDb();
	userId = await users.insertUser(db, {
		username: 'zhang',
		display_name: '张评审',
		role: 'evaluator',
		agency_id: null,
		password_hash: await hashPassword('correct-horse-1')
	});
});
afterEach(() => db.destroy());

describe('sessions', () => {
	it('stores only the SHA-256 of the token and validates it back to the user', async () => {
		const token = generateSessionToken();
		expect(token).toMatch(/^[a-z2-7]{32}$/);
		const s = await createSession(db, token, userId);
		const row = await db.selectFrom('sessions').selectAll().executeTakeFirstOrThrow();
		expect(row.id).toBe(sessionIdFromToken(token));
		expect(row.id).not.toContain(token);
		const v = await validateSessionToken(db, token);
		expect(v.user?.username).toBe('zhang');
		expect(v.user?.role).toBe('evaluator');
		expect(v.session?.expiresAt.getTime()).toBe(s.expiresAt.getTime());
		expect(v.fresh).toBe(false);
	});

	it('rejects an unknown token', async () => {
		expect((await validateSessionToken(db, 'no-such-token')).user).toBeNull();
	});

	it('expires after 30 days and deletes the row', async () => {
		const token = generateSessionToken();
		const start = new Date('2026-01-01T00:00:00Z');
		await createSession(db, token, userId, {}, start);
		const later = new Date(start.getTime() + SESSION_DAYS * DAY + 1000);
		expect((await validateSessionToken(db, token, later)).session).toBeNull();
		expect(await db.selectFrom('sessions').selectAll().execute()).toHaveLength(0);
	});

	it('slides: a session used in its second half is extended by 30 days', async () => {
		const token = generateSessionToken();
		const start = new Date('2026-01-01T00:00:00Z');
		await createSession(db, token, userId, {}, start);
		const day20 = new Date(start.getTime() + 20 * DAY);
		const v = await validateSessionToken(db, token, day20);
		expect(v.fresh).toBe(true);
		expect(v.session?.expiresAt.toISOString()).toBe(new Date(day20.getTime() + SESSION_DAYS * DAY).toISOString());
	});

	it('sign-out invalidates one session; a user-wide invalidation removes all', async () => {
		const a = generateSessionToken();
		const b = generateSessionToken();
		const sa = await createSession(db, a, userId);
		await createSession(db, b, userId);
		await invalidateSession(db, sa.id);
		expect((await validateSessionToken(db, a)).user).toBeNull();
		expect((await validateSessionToken(db, b)).user).not.toBeNull();
		await invalidateUserSessions(db, userId);
		expect((await validateSessionToken(db, b)).user).toBeNull();
	});

	it('a disabled user loses its sessions', async () => {
		const token = generateSessionToken();
		await createSession(db, token, userId);
		await db.updateTable('users').set({ disabled: 1 }).where('id', '=', userId).execute();
		expect((await validateSessionToken(db, token)).user).toBeNull();
	});
});

describe('sign-in', () => {
	it('succeeds with the right password and audits it', async () => {
		const r = await signIn(db, 'zhang', 'correct-horse-1', { ip: '127.0.0.1' });
		expect(r.ok).toBe(true);
		const log = await db.selectFrom('audit_log').selectAll().execute();
		expect(log.map((l) => l.action)).toEqual(['login']);
	});

	it('gives the same message for a wrong password and an unknown user, and audits both', async () => {
		const wrong = await signIn(db, 'zhang', 'wrong-password');
		const unknown = await signIn(db, 'li', 'correct-horse-1');
		expect(wrong).toEqual({ ok: false, status: 400, message: badCredentialsMessage() });
		expect(unknown).toEqual(wrong);
		const log = await db.selectFrom('audit_log').select(['action', 'username']).execute();
		expect(log).toEqual([
			{ action: 'login_failed', username: 'zhang' },
			{ action: 'login_failed', username: 'li' }
		]);
		expect(await db.selectFrom('sessions').selectAll().execute()).toHaveLength(0);
	});

	it('asks for both fields when one is empty', async () => {
		expect(await signIn(db, '', 'x')).toMatchObject({ ok: false, message: '请输入用户名和密码' });
	});
});
