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

describe('zwgk analyze', () => {
	const files = (() => {
		const empty = path.join(dir, 'empty.txt');
		fs.writeFileSync(empty, '');
		const binary = path.join(dir, 'binary.txt');
		fs.writeFileSync(binary, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
		const huge = path.join(dir, 'huge.txt');
		const para = '一、工作情况\n我局于2023年3月制定了《政务公开工作制度》，全年主动公开政府信息120条。\n';
		fs.writeFileSync(huge, para.repeat(Math.ceil((20 * 1024 * 1024) / Buffer.byteLength(para))));
		return { empty, binary, huge };
	})();

	it('says why an empty or a binary file cannot be analysed, and exits 1', () => {
		const r = zwgk(['analyze', files.empty, files.binary]);
		expect(r.code).toBe(1);
		expect(r.stderr).toContain('empty.txt：文件为空');
		expect(r.stderr).toMatch(/binary\.txt：.*(二进制|无法识别|不是文本)/);
	});

	it('analyses a 20 MB text with a truncation warning instead of hanging', () => {
		const r = zwgk(['analyze', '--json', files.huge]);
		expect(r.code).toBe(0);
		const out = JSON.parse(r.stdout.trim());
		expect(out.meta.warnings.map((w: { code: string }) => w.code)).toContain('truncated');
		expect(out.score.max).toBeGreaterThan(0);
	});

	it('prints one JSON object per file per line with the contract fields', () => {
		const a = path.join(dir, 'a.txt');
		fs.writeFileSync(a, '青岚盟测试局2023年政务公开工作自查报告\n一、主要做法\n我局成立了政务公开工作领导小组，由局长任组长。\n二、存在的问题\n一是解读形式单一；二是培训不够。\n三、下一步工作打算\n一是丰富解读形式；二是加强培训。\n青岚盟测试局\n2024年1月10日\n');
		const r = zwgk(['analyze', '--json', a, a]);
		const lines = r.stdout.trim().split('\n');
		expect(lines).toHaveLength(2);
		const o = JSON.parse(lines[0]);
		expect(o.rubric).toEqual({ id: 'default', version: 1 });
		expect(o.meta).toMatchObject({ agency: '青岚盟测试局', period: '2023', type: 'self_inspection', published: '2024-01-10' });
		expect(o.indicators).toHaveLength(22);
		expect(o.indicators.find((i: { id: string }) => i.id === 'im.leadership').level).toBe(2);
		expect(o.indicators.find((i: { id: string }) => i.id === 'rq.problems').level).toBe(2);
		expect(Object.keys(o)).toEqual(expect.arrayContaining(['file', 'rubric', 'meta', 'score', 'dimensions', 'indicators', 'metrics', 'checks']));
	});
});
