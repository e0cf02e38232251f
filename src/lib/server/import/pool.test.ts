import { afterAll, describe, expect, it } from 'vitest';
import defaultRubric from '../../analysis/rubrics/default-v1.json';
import type { RubricDefinition } from '../../analysis/rubric';
import { inflatingDocx, longDocx, slowPdf } from './heavy-fixtures';
import { ImportPool, locateWorkerEntry } from './pool';
import { parseFile } from './parse-task';

const rubric = defaultRubric as unknown as RubricDefinition;
const utf8 = (s: string) => new TextEncoder().encode(s);
const REPORT = utf8(
	'某县统计局2023年政府信息公开工作年度报告\n一、总体情况\n' +
		'本年度我局依托政府门户网站主动公开政府信息128条，制定《政府信息公开工作制度》，设立政务公开专栏，及时发布统计数据解读。\n'.repeat(6)
);

/** Runs `fn` while a 50 ms timer ticks on this thread; returns fn's result and the longest gap between ticks. */
async function withTicker<T>(fn: () => Promise<T>): Promise<{ value: T; maxGapMs: number; ticks: number }> {
	let last = performance.now();
	let maxGapMs = 0;
	let ticks = 0;
	const t = setInterval(() => {
		const now = performance.now();
		maxGapMs = Math.max(maxGapMs, now - last);
		last = now;
		ticks++;
	}, 50);
	try {
		const value = await fn();
		return { value, maxGapMs: Math.max(maxGapMs, performance.now() - last), ticks };
	} finally {
		clearInterval(t);
	}
}

describe('locateWorkerEntry', () => {
	it('runs worker.ts from source when this module is TypeScript, and finds a bundle above a built chunk', () => {
		const src = locateWorkerEntry('file:///app/src/lib/server/import/pool.ts');
		expect(src).toEqual({ kind: 'source', file: '/app/src/lib/server/import/worker.ts' });
		expect(locateWorkerEntry('file:///nowhere/build/server/chunks/pool-x.js')).toMatchObject({ kind: 'inline' });
		expect(locateWorkerEntry(new URL('../../../../scripts/start.js', import.meta.url).href)).toMatchObject({ kind: 'inline' });
	});
});

describe('ImportPool (worker threads, from source through tsx)', () => {
	const pool = new ImportPool({ size: 2, timeoutMs: 1500, heapMb: 256 });
	afterAll(() => pool.close());

	it('parses a report in a worker exactly as inline', async () => {
		const task = { bytes: REPORT, fileName: '年报.txt', rubric, locale: 'zh-CN' as const };
		const [inWorker, inline] = await Promise.all([pool.run(task), parseFile(task)]);
		expect(pool.entry.kind).toBe('source');
		expect(pool.workerTasks).toBeGreaterThanOrEqual(1);
		expect(inWorker.ok).toBe(true);
		expect(inWorker).toEqual(inline);
	});

	it("renders the worker's messages in the task's language", async () => {
		const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
		const en = await pool.run({ bytes: png, fileName: 'scan.png', rubric, locale: 'en' });
		const zh = await pool.run({ bytes: png, fileName: 'scan.png', rubric, locale: 'zh-CN' });
		expect(en).toMatchObject({ ok: false, code: 'unsupported' });
		expect(!en.ok && en.message).toMatch(/^[\x20-\x7e]+$/);
		expect(!zh.ok && zh.message).toMatch(/[\u4e00-\u9fff]/);
	});

	it('refuses a PDF and a docx that take longer than the limit, the event loop stays free, the batch goes on', async () => {
		const pdf = slowPdf(60_000);
		const docx = longDocx(12_000);
		const { value, maxGapMs, ticks } = await withTicker(() =>
			Promise.all([
				pool.run({ bytes: pdf, fileName: 'slow.pdf', rubric, locale: 'zh-CN' }),
				pool.run({ bytes: docx, fileName: 'slow.docx', rubric, locale: 'en' }),
				pool.run({ bytes: REPORT, fileName: 'after.txt', rubric, locale: 'zh-CN' })
			])
		);
		const [p, d, after] = value;
		expect(p).toEqual({ ok: false, code: 'timeout', message: '文件过于复杂，解析超时（超过 2 秒），未导入；请检查文件或拆分后重新提交' });
		expect(d).toMatchObject({ ok: false, code: 'timeout' });
		expect(!d.ok && d.message).toMatch(/^The file is too complex: parsing timed out/);
		expect(after.ok).toBe(true);
		// Not a speed: the timer on this thread kept ticking all along (had parsing run here, the gap
		// would be as long as the parse).
		expect(ticks).toBeGreaterThan(10);
		expect(maxGapMs).toBeLessThan(1000);
	});

	it('refuses a file that needs more memory than the heap limit, then works on', async () => {
		const small = new ImportPool({ size: 1, timeoutMs: 60_000, heapMb: 24 });
		try {
			const huge = utf8('政府信息公开工作年度报告，'.repeat(800_000));
			const r = await small.run({ bytes: huge, fileName: 'huge.txt', rubric, locale: 'zh-CN' });
			expect(r).toEqual({ ok: false, code: 'memory', message: '文件过于复杂，解析超出内存限制（24 MB），未导入' });
			expect((await small.run({ bytes: REPORT, fileName: 'next.txt', rubric, locale: 'zh-CN' })).ok).toBe(true);
		} finally {
			await small.close();
		}
	});

	it('refuses an inflating docx before parsing, as a size problem', async () => {
		const bomb = inflatingDocx(300);
		const r = await pool.run({ bytes: bomb, fileName: 'bomb.docx', rubric, locale: 'zh-CN' });
		expect(r).toMatchObject({ ok: false, code: 'too_large' });
		expect(!r.ok && r.message).not.toMatch(/损坏/);
	});
});

describe('the production bundle (what vite build writes to build/import-worker.js)', () => {
	it('is found above a built chunk, starts as plain JavaScript and parses in the request language', async () => {
		const fs = await import('node:fs');
		const path = await import('node:path');
		const { pathToFileURL } = await import('node:url');
		const { bundleImportWorker } = await import('../../../../scripts/import-worker-build.js');
		// A build-shaped tree inside the project (so packages resolve from node_modules, as in build/).
		const root = path.resolve('node_modules/.cache/zwgk', `fake-build-${process.pid}`);
		const chunk = path.join(root, 'server', 'chunks', 'pool-abc123.js');
		fs.mkdirSync(path.dirname(chunk), { recursive: true });
		fs.writeFileSync(chunk, '// a chunk\n');
		try {
			await bundleImportWorker(path.join(root, 'import-worker.js'));
			const entry = locateWorkerEntry(pathToFileURL(chunk).href);
			expect(entry).toEqual({ kind: 'bundle', file: path.join(root, 'import-worker.js') });
			const built = new ImportPool({ size: 1, timeoutMs: 30_000 }, entry);
			try {
				const r = await built.run({ bytes: REPORT, fileName: '年报.txt', rubric, locale: 'en' });
				expect(r.ok).toBe(true);
				expect(built.workerTasks).toBe(1);
				const png = await built.run({ bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4]), fileName: 'a.png', rubric, locale: 'en' });
				expect(!png.ok && png.message).toMatch(/^[\x20-\x7e]+$/);
			} finally {
				await built.close();
			}
		} finally {
			fs.rmSync(root, { recursive: true, force: true });
		}
	});
});
