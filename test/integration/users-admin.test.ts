import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/connect';
import { signIn } from '../../src/lib/server/auth/sign-in';
import { validateSessionToken } from '../../src/lib/server/auth/session';
import * as admin from '../../src/lib/server/auth/user-admin';
import * as users from '../../src/lib/server/db/users';
import { freshDb } from './helpers';
import { PASSWORD, buildWorld, type World } from './world';

let db: Database;
let w: World;
let actor: admin.Actor;

beforeEach(async () => {
	db = await freshDb();
	w = await buildWorld(db);
	actor = { id: w.users.admin.id, username: w.users.admin.username };
});
afterEach(() => db.destroy());

async function login(username: string, password = PASSWORD) {
	const r = await signIn(db, username, password);
	if (!r.ok) throw new Error(r.message);
	return r;
}
const alive = async (token: string) => (await validateSessionToken(db, token)).user;

describe('user administration', () => {
	it('a role change ends all sessions of that user and the next session carries the new role', async () => {
		const s1 = await login('w-eval');
		const s2 = await login('w-eval');
		expect((await alive(s1.token))?.role).toBe('evaluator');
		expect(await admin.changeRole(db, actor, w.users.evaluator.id, 'supervisor', null)).toEqual({ ok: true });
		expect(await alive(s1.token)).toBeNull();
		expect(await alive(s2.token)).toBeNull();
		const s3 = await login('w-eval');
		expect((await alive(s3.token))?.role).toBe('supervisor');
		const log = await db.selectFrom('audit_log').select(['action', 'before', 'after']).where('action', '=', 'user_role').executeTakeFirstOrThrow();
		expect(JSON.parse(log.before!)).toEqual({ role: 'evaluator', agencyId: null });
		expect(JSON.parse(log.after!)).toEqual({ role: 'supervisor', agencyId: null });
	});

	it('an agency role needs an existing agency; other roles drop the agency', async () => {
		expect(await admin.changeRole(db, actor, w.users.evaluator.id, 'agency', null)).toEqual({ ok: false, message: '单位用户必须选择所属单位' });
		expect(await admin.changeRole(db, actor, w.users.evaluator.id, 'agency', 99999)).toEqual({ ok: false, message: '所选单位不存在' });
		expect(await admin.changeRole(db, actor, w.users.evaluator.id, 'boss', null)).toEqual({ ok: false, message: '请选择有效的角色' });
		expect(await admin.changeRole(db, actor, w.users.agency.id, 'evaluator', w.agencyA)).toEqual({ ok: true });
		expect((await users.findUser(db, w.users.agency.id))?.agency_id).toBeNull();
	});

	it('a password reset and a disable end sessions; a disabled user cannot sign in', async () => {
		const s = await login('w-super');
		expect(await admin.resetPassword(db, actor, w.users.supervisor.id, 'short')).toEqual({ ok: false, message: '密码至少需要 8 个字符' });
		expect(await admin.resetPassword(db, actor, w.users.supervisor.id, 'brand-new-pass-1')).toEqual({ ok: true });
		expect(await alive(s.token)).toBeNull();
		expect((await signIn(db, 'w-super', PASSWORD)).ok).toBe(false);
		const s2 = await login('w-super', 'brand-new-pass-1');
		expect(await admin.setDisabled(db, actor, w.users.supervisor.id, true)).toEqual({ ok: true });
		expect(await alive(s2.token)).toBeNull();
		expect(await signIn(db, 'w-super', 'brand-new-pass-1')).toMatchObject({ ok: false, message: '用户名或密码错误' });
		const actions = (await db.selectFrom('audit_log').select('action').where('entity', '=', 'user').execute()).map((a) => a.action);
		expect(actions).toEqual(expect.arrayContaining(['user_password_reset', 'user_disable']));
		// the password itself is never written to the log
		const all = JSON.stringify(await db.selectFrom('audit_log').selectAll().execute());
		expect(all).not.toContain('brand-new-pass-1');
	});

	it('keeps at least one active admin and refuses to disable oneself', async () => {
		const boot = await users.findUserByUsername(db, 'admin');
		expect(await admin.setDisabled(db, actor, actor.id, true)).toEqual({ ok: false, message: '不能停用自己的账户' });
		await admin.setDisabled(db, actor, boot!.id, true);
		expect(await admin.changeRole(db, actor, actor.id, 'evaluator', null)).toEqual({ ok: false, message: '至少需要保留一名可用的系统管理员' });
	});

	it('creates users with validation and an audit entry', async () => {
		expect(await admin.createUser(db, actor, { username: 'w-eval', displayName: '', role: 'evaluator', agencyId: null, password: 'long-enough-1' })).toEqual({ ok: false, message: '用户名“w-eval”已存在' });
		expect(await admin.createUser(db, actor, { username: 'x', displayName: '', role: 'evaluator', agencyId: null, password: 'long-enough-1' })).toMatchObject({ ok: false });
		const r = await admin.createUser(db, actor, { username: '赵单位', displayName: '赵', role: 'agency', agencyId: w.agencyB, password: 'long-enough-1' });
		expect(r.ok).toBe(true);
		expect((await users.findUserByUsername(db, '赵单位'))).toMatchObject({ role: 'agency', agency_id: w.agencyB, display_name: '赵' });
		expect((await login('赵单位', 'long-enough-1')).ok).toBe(true);
	});
});

describe('own account', () => {
	it('changing the own password keeps the current session and ends the others', async () => {
		const here = await login('w-eval');
		const there = await login('w-eval');
		const me = { id: w.users.evaluator.id, username: 'w-eval' };
		expect(await admin.changeOwnPassword(db, me, here.session.id, 'wrong', 'new-pass-123', 'new-pass-123')).toEqual({ ok: false, message: '当前密码不正确' });
		expect(await admin.changeOwnPassword(db, me, here.session.id, PASSWORD, 'new-pass-123', 'new-pass-124')).toEqual({ ok: false, message: '两次输入的新密码不一致' });
		expect(await admin.changeOwnPassword(db, me, here.session.id, PASSWORD, 'new-pass-123', 'new-pass-123')).toEqual({ ok: true });
		expect(await alive(here.token)).not.toBeNull();
		expect(await alive(there.token)).toBeNull();
	});

	it('revokes only own sessions', async () => {
		const mine = await login('w-eval');
		const theirs = await login('w-super');
		const me = { id: w.users.evaluator.id, username: 'w-eval' };
		expect(await admin.revokeOwnSession(db, me, theirs.session.id)).toEqual({ ok: false, message: '会话不存在或已失效' });
		expect(await alive(theirs.token)).not.toBeNull();
		expect(await admin.revokeOwnSession(db, me, mine.session.id)).toEqual({ ok: true });
		expect(await alive(mine.token)).toBeNull();
	});
});
