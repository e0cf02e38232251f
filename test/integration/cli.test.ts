import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/connect';
import { buildPdf, buildZip } from '../../src/lib/server/import/test-fixtures';
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

// Each test starts the CLI several times (tsx, then the import worker): seconds per start on a loaded
// 2-core machine. A generous limit here keeps load from failing them; nothing here measures speed.
vi.setConfig({ testTimeout: 120_000 });

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

describe('zwgk analyze on real input', () => {
	/** A report as WPS/Word export it: a title over two lines, lines broken mid-sentence, a page number. */
	const pdfLines = [
		'某市生态环境局',
		'2023年政府信息公开工作年度报告',
		'一、总体情况',
		'2023年，我局全年主动公开政府信息215条，制定了《政府信',
		'息公开保密审查制度》，组织政务公开业务培训2期。',
		'- 1 -',
		'二、收到和处理政府信息公开申请情况',
		'本年新收政府信息公开申请7件，均在法定期限内答复。',
		'三、存在的主要问题及改进情况',
		'一是政策解读形式单一；二是公开内容不够全面。下一步，',
		'我局将丰富解读形式，加强业务培训。'
	];
	const pdf = buildPdf([pdfLines.map((text, i) => ({ text, x: 72, y: 780 - i * 24 }))]);
	const pdfFile = path.join(dir, '年报.pdf');
	fs.writeFileSync(pdfFile, pdf);

	it('reads a PDF (bytes from disk are a Buffer) instead of crashing', () => {
		const r = zwgk(['analyze', '--json', pdfFile]);
		expect(r.stderr).not.toContain('Uint8Array');
		expect(r.code).toBe(0);
		const o = JSON.parse(r.stdout.trim());
		expect(o.format).toBe('pdf');
		expect(o.meta).toMatchObject({ agency: '某市生态环境局', period: '2023', type: 'annual_report' });
		expect(o.metrics.find((m: { id: string }) => m.id === 'published_items')?.value).toBe(215);
	});

	it('reads a zip: one result per entry, named archive/entry', () => {
		const enc = new TextEncoder();
		const zip = buildZip([
			{ name: '材料/甲.txt', data: enc.encode('青岚盟甲局2023年政务公开工作自查报告\n一、主要做法\n我局成立了政务公开工作领导小组。\n') },
			{ name: '材料/乙.pdf', data: pdf }
		]);
		const zipFile = path.join(dir, '材料.zip');
		fs.writeFileSync(zipFile, zip);
		const r = zwgk(['analyze', '--json', zipFile]);
		expect(r.code, r.stderr).toBe(0);
		const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { file: string; format: string; meta: { agency: string } });
		expect(lines.map((l) => l.file)).toEqual([`${zipFile}/材料/甲.txt`, `${zipFile}/材料/乙.pdf`]);
		expect(lines.map((l) => l.format)).toEqual(['txt', 'pdf']);
		expect(lines[0].meta.agency).toBe('青岚盟甲局');
	});

	it('a consumer reading `analyze --json` slowly through a pipe gets every line whole', async () => {
		// many large results: far more than a pipe buffer holds, read by a reader that pauses
		// long sentences naming many indicators: every result line is far larger than a pipe buffer
		const clause = '我局已制定《政务公开工作制度》，主动公开政府信息120条，发布政策解读20篇，办理群众留言30件，组织政务公开培训3期，召开新闻发布会2场，设立政务公开领导小组';
		const body = '一、工作情况\n' + `${Array.from({ length: 40 }, () => clause).join('，')}。\n`.repeat(30);
		const many: string[] = [];
		for (let i = 0; i < 30; i++) {
			const f = path.join(dir, `pipe-${i}.txt`);
			fs.writeFileSync(f, `青岚盟第${i}局2023年政务公开工作总结\n${body}`);
			many.push(f);
		}
		const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'src/lib/cli/main.ts', 'analyze', '--json', ...many], {
			cwd: ROOT,
			env: { ...process.env, DATABASE_URL: dbFile, DEMO: '0' },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let data = '';
		child.stdout.setEncoding('utf8');
		child.stdout.on('data', (chunk: string) => {
			data += chunk;
			child.stdout.pause();
			setTimeout(() => child.stdout.resume(), 40);
		});
		const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
		expect(code).toBe(0);
		expect(data.endsWith('\n')).toBe(true);
		const lines = data.trimEnd().split('\n');
		expect(lines).toHaveLength(30);
		expect(lines.map((l) => (JSON.parse(l) as { file: string }).file)).toEqual(many);
	}, 120_000);
});

describe('zwgk import on real input', () => {
	it('imports a PDF read from disk (a Buffer) instead of crashing', () => {
		const lines = [
			'某市生态环境局',
			'2023年政府信息公开工作年度报告',
			'一、总体情况',
			'2023年，我局全年主动公开政府信息215条，',
			'制定了《政府信息公开保密审查制度》，',
			'组织政务公开业务培训2期，参训人员60人。',
			'二、收到和处理政府信息公开申请情况',
			'本年新收政府信息公开申请7件，均在法定期限内答复。',
			'三、存在的主要问题及改进情况',
			'一是政策解读形式单一；二是公开内容不够全面。'
		];
		const f = path.join(dir, '导入年报.pdf');
		fs.writeFileSync(f, buildPdf([lines.map((text, i) => ({ text, x: 72, y: 780 - i * 24 }))]));
		expect(zwgk(['rounds', 'add', '2023年度考核', '--period', '2023']).code).toBe(0);
		// the app's round rules hold on the command line too: no exact duplicate, the deadline after the period
		const dup = zwgk(['rounds', 'add', '2023年度考核', '--period', '2023']);
		expect(dup.code).not.toBe(0);
		expect(dup.stderr).toContain('2023年度考核');
		const early = zwgk(['rounds', 'add', '2024年度考核', '--period', '2024', '--deadline', '2024-06-30']);
		expect(early.code).not.toBe(0);
		expect(early.stderr).toContain('2024-12-31');
		const r = zwgk(['import', '--create-agencies', f]);
		expect(r.stderr).not.toContain('Uint8Array');
		expect(r.code, r.stderr).toBe(0);
		expect(r.stdout).toMatch(/已导入\s*　?.*导入年报\.pdf　某市生态环境局　2023/);
	});
});
