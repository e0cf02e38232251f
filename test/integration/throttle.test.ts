import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/connect';
import { hashPassword } from '../../src/lib/server/auth/password';
import { badCredentialsMessage, signIn, throttledMessage } from '../../src/lib/server/auth/sign-in';
import { delayFor, THROTTLE } from '../../src/lib/server/auth/throttle';
import { changeOwnPassword } from '../../src/lib/server/auth/user-admin';
import * as users from '../../src/lib/server/db/users';
import { freshDb } from './helpers';

let db: Database;
let wangId: number;
const T0 = new Date('2026-03-01T08:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const sec = (s: number) => new Date(T0.getTime() + s * 1000);

beforeEach(async () => {
	db = await freshDb();
	wangId = await users.insertUser(db, { username: 'wang', display_name: '王', role: 'evaluator', agency_id: null, password_hash: await hashPassword('right-password-1') });
});
afterEach(() => db.destroy());

const actions = async () => (await db.selectFrom('audit_log').select('action').orderBy('id').execute()).map((r) => r.action);

describe('sign-in throttle: decided and recorded in one step', () => {
	it('of 30 parallel wrong passwords from one source exactly the free number are evaluated', async () => {
		const results = await Promise.all(Array.from({ length: 30 }, () => signIn(db, 'wang', 'wrong', { ip: '10.0.0.1', now: T0 })));
		expect(results.filter((r) => !r.ok && r.status === 400)).toHaveLength(THROTTLE.perSource.free);
		expect(results.filter((r) => !r.ok && r.status === 429)).toHaveLength(30 - THROTTLE.perSource.free);
		const a = await actions();
		expect(a.filter((x) => x === 'login_failed')).toHaveLength(THROTTLE.perSource.free);
		expect(a.filter((x) => x === 'login_throttled')).toHaveLength(30 - THROTTLE.perSource.free);
	});

	it('the right password among 30 parallel guesses only gets in when it was one of the evaluated ones', async () => {
		const guesses = Array.from({ length: 30 }, (_, i) => (i === 20 ? 'right-password-1' : `guess-${i}`));
		const results = await Promise.all(guesses.map((p) => signIn(db, 'wang', p, { ip: '10.0.0.1', now: T0 })));
		const evaluated = results.filter((r) => r.ok || r.status === 400).length;
		expect(evaluated).toBe(THROTTLE.perSource.free);
		expect(results[20].ok).toBe(false);
		expect(await db.selectFrom('sessions').selectAll().execute()).toHaveLength(0);
	});

	it('past the free failures the delay grows (30 s, 60 s, …) instead of locking', async () => {
		for (let i = 0; i < THROTTLE.perSource.free; i++) await signIn(db, 'wang', 'wrong', { ip: '1.1.1.1', now: sec(i) });
		const last = THROTTLE.perSource.free - 1;
		expect(await signIn(db, 'wang', 'right-password-1', { ip: '1.1.1.1', now: sec(last + 29) })).toEqual({ ok: false, status: 429, message: throttledMessage() });
		expect(await signIn(db, 'wang', 'wrong', { ip: '1.1.1.1', now: sec(last + 31) })).toMatchObject({ status: 400 });
		expect(delayFor(THROTTLE.perSource, THROTTLE.perSource.free + 1)).toBe(60_000);
		expect(await signIn(db, 'wang', 'right-password-1', { ip: '1.1.1.1', now: sec(last + 31 + 59) })).toMatchObject({ status: 429 });
		expect((await signIn(db, 'wang', 'right-password-1', { ip: '1.1.1.1', now: sec(last + 31 + 61) })).ok).toBe(true);
		expect(throttledMessage()).toBe('登录尝试过于频繁，请稍后再试');
	});

	it('a stranger failing from many addresses slows the real user by at most a minute, never locks them out', async () => {
		for (let i = 0; i < 40; i++) await signIn(db, 'wang', 'wrong', { ip: `10.9.${i}.1`, now: sec(i) });
		// the real user, from a clean address: delayed, then in with the right password
		expect(await signIn(db, 'wang', 'right-password-1', { ip: '192.168.1.5', now: sec(40) })).toMatchObject({ status: 429 });
		expect((await signIn(db, 'wang', 'right-password-1', { ip: '192.168.1.5', now: sec(39 + THROTTLE.perUsername.maxDelayMs / 1000 + 1) })).ok).toBe(true);
		// and the stranger's own addresses do not get further guesses for free
		const blocked = await signIn(db, 'wang', 'wrong', { ip: '10.9.0.1', now: sec(41) });
		expect(blocked).toMatchObject({ ok: false });
	});

	it('treats an unknown username exactly like a known one (no enumeration)', async () => {
		const known: unknown[] = [];
		const unknown: unknown[] = [];
		for (let i = 0; i < 7; i++) {
			known.push(await signIn(db, 'wang', 'wrong', { ip: '1.1.1.1', now: at(0) }));
			unknown.push(await signIn(db, 'nobody', 'wrong', { ip: '2.2.2.2', now: at(0) }));
		}
		expect(unknown).toEqual(known);
		expect(known[4]).toMatchObject({ status: 400, message: badCredentialsMessage() });
		expect(known[5]).toMatchObject({ status: 429 });
	});

	it('counts usernames case-insensitively and an address spraying many usernames', async () => {
		for (let i = 0; i < 5; i++) await signIn(db, i % 2 ? 'WANG' : 'wang', 'wrong', { ip: '10.1.0.1', now: at(0) });
		expect(await signIn(db, 'wang', 'right-password-1', { ip: '10.1.0.1', now: at(0.1) })).toMatchObject({ status: 429 });
		for (let i = 0; i < THROTTLE.perIp.free; i++) await signIn(db, `user${i}`, 'wrong', { ip: '6.6.6.6', now: at(2) });
		await users.insertUser(db, { username: 'li', display_name: '李', role: 'evaluator', agency_id: null, password_hash: await hashPassword('li-password-1') });
		expect(await signIn(db, 'li', 'li-password-1', { ip: '6.6.6.6', now: at(2.1) })).toMatchObject({ status: 429 });
		expect((await signIn(db, 'li', 'li-password-1', { ip: '7.7.7.7', now: at(2.1) })).ok).toBe(true);
	});

	it('a success resets the username budget; throttled attempts are audited; the window expires', async () => {
		for (let i = 0; i < 4; i++) await signIn(db, 'wang', 'wrong', { ip: '1.2.3.4', now: at(i) });
		expect((await signIn(db, 'wang', 'right-password-1', { ip: '1.2.3.4', now: at(5) })).ok).toBe(true);
		for (let i = 0; i < 4; i++) await signIn(db, 'wang', 'wrong', { ip: '1.2.3.4', now: at(6) });
		expect((await signIn(db, 'wang', 'right-password-1', { ip: '1.2.3.4', now: at(6) })).ok).toBe(true);
		for (let i = 0; i < 6; i++) await signIn(db, 'wang', 'wrong', { ip: '1.2.3.4', now: at(7) });
		expect((await actions()).at(-1)).toBe('login_throttled');
		expect((await actions()).filter((a) => a === 'login')).toHaveLength(2);
		expect((await signIn(db, 'wang', 'right-password-1', { ip: '1.2.3.4', now: at(7 + 16) })).ok).toBe(true);
	});
});

describe('sign-in input limits', () => {
	it('a 10 KB username is refused and stored nowhere', async () => {
		const long = 'a'.repeat(10 * 1024);
		expect(await signIn(db, long, 'x', { ip: '1.1.1.1' })).toEqual({ ok: false, status: 400, message: badCredentialsMessage() });
		expect(await db.selectFrom('audit_log').selectAll().execute()).toHaveLength(0);
		expect(await db.selectFrom('login_attempts').selectAll().execute()).toHaveLength(0);
		expect((await signIn(db, 'wang', 'p'.repeat(100_000), { ip: '1.1.1.1' })).ok).toBe(false);
		expect(await db.selectFrom('login_attempts').selectAll().execute()).toHaveLength(0);
	});
});

describe('/account current-password check: throttled like a sign-in', () => {
	it('of 30 parallel wrong current passwords exactly the free number are evaluated', async () => {
		const actor = { id: wangId, username: 'wang', ip: '10.0.0.7' };
		const rs = await Promise.all(Array.from({ length: 30 }, () => changeOwnPassword(db, actor, 'sid', 'wrong', 'new-password-12', 'new-password-12')));
		expect(rs.filter((r) => !r.ok && r.message === '当前密码不正确')).toHaveLength(THROTTLE.perSource.free);
		expect(rs.filter((r) => !r.ok && 'status' in r && r.status === 429 && r.message === throttledMessage())).toHaveLength(30 - THROTTLE.perSource.free);
		// the throttle holds for the right current password too, until the delay has passed
		const right = await changeOwnPassword(db, actor, 'sid', 'right-password-1', 'new-password-12', 'new-password-12');
		expect(right).toMatchObject({ ok: false, status: 429 });
	});

	it('the right current password still changes it when not throttled', async () => {
		const r = await changeOwnPassword(db, { id: wangId, username: 'wang', ip: '10.0.0.8' }, 'sid', 'right-password-1', 'new-password-12', 'new-password-12');
		expect(r).toEqual({ ok: true });
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
