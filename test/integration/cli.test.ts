import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/connect';
import { ROOT } from './paths';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zwgk-cli-'));
const dbFile = path.join(dir, 'cli.db');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function zwgk(args: string[], opts: { input?: string; env?: Record<string, string> } = {}) {
	const r = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'src/lib/cli/main.ts', ...args], {
		cwd: ROOT,
		input: opts.input ?? '',
		env: { ...process.env, DATABASE_URL: dbFile, DEMO: '0', ...opts.env },
		encoding: 'utf8'
	});
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('zwgk CLI', () => {
	it('prints help in Chinese and English', () => {
		const r = zwgk(['--help']);
		expect(r.code).toBe(0);
		expect(r.stdout).toContain('执行数据库迁移');
		expect(r.stdout).toContain('apply database migrations');
	});

	it('migrates, then says there is nothing to do', () => {
		expect(zwgk(['migrate']).stdout).toContain('2026_11_23_0900_init');
		expect(zwgk(['migrate']).stdout).toContain('无需迁移');
	});

	it('adds a user with a password from stdin who can then be found with an argon2id hash', async () => {
		const r = zwgk(['user', 'add', 'wang', '--role', 'supervisor', '--password-stdin'], { input: 'a-good-password\n' });
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		expect(r.stdout).toContain('已创建用户 wang（考核管理员）');
		const db = await openDatabase(dbFile);
		const u = await db.selectFrom('users').selectAll().where('username', '=', 'wang').executeTakeFirstOrThrow();
		await db.destroy();
		expect(u.role).toBe('supervisor');
		expect(u.password_hash).toMatch(/^\$argon2id\$/);
	});

	it('refuses an existing username, an empty password and a bad role, changing nothing', async () => {
		const dup = zwgk(['user', 'add', 'wang', '--role', 'admin', '--password-stdin'], { input: 'another-password\n' });
		expect(dup.code).toBe(1);
		expect(dup.stderr).toContain('用户名 “wang” 已存在');
		const empty = zwgk(['user', 'add', 'zhao', '--role', 'admin', '--password-stdin'], { input: '\n' });
		expect(empty.code).toBe(1);
		expect(empty.stderr).toContain('密码不能为空');
		const role = zwgk(['user', 'add', 'qian', '--role', 'boss']);
		expect(role.code).toBe(1);
		expect(role.stderr).toContain('角色无效');
		const db = await openDatabase(dbFile);
		const names = (await db.selectFrom('users').select('username').execute()).map((u) => u.username);
		await db.destroy();
		expect(names).toEqual(['wang']);
	});

	it('rejects an invalid DATABASE_URL with a clear message and creates nothing', () => {
		const r = zwgk(['migrate'], { env: { DATABASE_URL: 'mysql://localhost/zwgk' } });
		expect(r.code).toBe(1);
		expect(r.stderr).toContain('DATABASE_URL 无效');
		expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
	});
});
