import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/connect';
import { hashPassword } from '../../src/lib/server/auth/password';
import { badCredentialsMessage, signIn, throttledMessage } from '../../src/lib/server/auth/sign-in';
import { THROTTLE } from '../../src/lib/server/auth/throttle';
import * as users from '../../src/lib/server/db/users';
import { freshDb } from './helpers';

let db: Database;
const T0 = new Date('2026-03-01T08:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

beforeEach(async () => {
	db = await freshDb();
	await users.insertUser(db, { username: 'wang', display_name: '王', role: 'evaluator', agency_id: null, password_hash: await hashPassword('right-password-1') });
});
afterEach(() => db.destroy());

describe('sign-in throttle', () => {
	it('refuses the right password with 429 after 5 failures for the username, then lets it in after 15 minutes', async () => {
		for (let i = 0; i < THROTTLE.perUsername; i++) {
			expect(await signIn(db, 'wang', 'wrong', { ip: `10.0.0.${i}`, now: at(i) })).toMatchObject({ ok: false, status: 400, message: badCredentialsMessage() });
		}
		const blocked = await signIn(db, 'wang', 'right-password-1', { ip: '10.0.0.99', now: at(6) });
		expect(blocked).toEqual({ ok: false, status: 429, message: throttledMessage() });
		expect(throttledMessage()).toBe('登录尝试过于频繁，请稍后再试');
		expect(await db.selectFrom('sessions').selectAll().execute()).toHaveLength(0);
		// 15 minutes after the 5th failure (minute 4) the window has passed.
		expect((await signIn(db, 'wang', 'right-password-1', { ip: '10.0.0.99', now: at(4 + 15 + 1) })).ok).toBe(true);
	});

	it('treats an unknown username exactly like a known one (no enumeration)', async () => {
		const known: unknown[] = [];
		const unknown: unknown[] = [];
		for (let i = 0; i < 6; i++) {
			known.push(await signIn(db, 'wang', 'wrong', { ip: '1.1.1.1', now: at(i) }));
			unknown.push(await signIn(db, 'nobody', 'wrong', { ip: '2.2.2.2', now: at(i) }));
		}
		expect(unknown).toEqual(known);
		expect(known[5]).toMatchObject({ status: 429 });
	});

	it('counts usernames case-insensitively and per IP across usernames', async () => {
		for (let i = 0; i < 5; i++) await signIn(db, i % 2 ? 'WANG' : 'wang', 'wrong', { ip: `10.1.0.${i}`, now: at(0) });
		expect(await signIn(db, 'wang', 'right-password-1', { ip: '10.9.9.9', now: at(1) })).toMatchObject({ status: 429 });
		// an IP spraying many usernames
		for (let i = 0; i < THROTTLE.perIp; i++) await signIn(db, `user${i}`, 'wrong', { ip: '6.6.6.6', now: at(2) });
		await users.insertUser(db, { username: 'li', display_name: '李', role: 'evaluator', agency_id: null, password_hash: await hashPassword('li-password-1') });
		expect(await signIn(db, 'li', 'li-password-1', { ip: '6.6.6.6', now: at(3) })).toMatchObject({ status: 429 });
		expect((await signIn(db, 'li', 'li-password-1', { ip: '7.7.7.7', now: at(3) })).ok).toBe(true);
	});

	it('a success resets the username budget; throttled attempts are audited', async () => {
		for (let i = 0; i < 4; i++) await signIn(db, 'wang', 'wrong', { ip: '1.2.3.4', now: at(i) });
		expect((await signIn(db, 'wang', 'right-password-1', { ip: '1.2.3.4', now: at(5) })).ok).toBe(true);
		for (let i = 0; i < 4; i++) await signIn(db, 'wang', 'wrong', { ip: '1.2.3.4', now: at(6 + i) });
		expect((await signIn(db, 'wang', 'right-password-1', { ip: '1.2.3.4', now: at(11) })).ok).toBe(true);
		for (let i = 0; i < 5; i++) await signIn(db, 'wang', 'wrong', { ip: '1.2.3.4', now: at(12) });
		await signIn(db, 'wang', 'wrong', { ip: '1.2.3.4', now: at(13) });
		const actions = (await db.selectFrom('audit_log').select('action').orderBy('id').execute()).map((r) => r.action);
		expect(actions.at(-1)).toBe('login_throttled');
		expect(actions.filter((a) => a === 'login')).toHaveLength(2);
	});
});

describe('audit log is append-only in the database', () => {
	it('refuses UPDATE and DELETE', async () => {
		await signIn(db, 'wang', 'wrong', { now: at(0) });
		await expect(db.updateTable('audit_log').set({ action: 'x' }).execute()).rejects.toThrow(/append-only/);
		await expect(db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
		expect(await db.selectFrom('audit_log').selectAll().execute()).toHaveLength(1);
	});
});
