/**
 * A small pool of worker threads for the CPU-heavy half of an import (decode + analyse, see
 * parse-task.ts), so the server's event loop only moves bytes and writes rows.
 *
 * Each task runs under a wall-clock limit — past it the worker is terminated (synchronous parsing in
 * pdf.js or mammoth cannot be interrupted any other way) — and a heap limit (`resourceLimits`); a
 * file that hits either is refused with a clear message and the next task gets a fresh worker.
 * Workers start lazily, are reused, and are unref'd while idle so they never keep a CLI alive.
 *
 * Where the worker entry comes from (the hard part: three worlds):
 * - from source (Vitest, `tsx` for the CLI/bench, `vite dev`): this module's URL ends in `.ts`;
 *   worker.ts is bundled once per process with esbuild into node_modules/.cache/zwgk/ and started
 *   as JavaScript (fallback: a tiny `eval` bootstrap that loads worker.ts through tsx's `tsImport`).
 * - production build (`vite build` → build/, `node build`): the Vite plugin in
 *   scripts/import-worker-build.js bundles worker.ts with esbuild into build/import-worker.js; this
 *   module (somewhere under build/server/) finds it by walking up from its own URL.
 * - `IMPORT_WORKERS=0`, or a build without the bundle: tasks run inline (logged once) — correct
 *   but without isolation.
 *
 * @example const r = await getImportPool().run({ bytes, fileName, rubric, locale: getLocale() });
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { m } from '../../paraglide/messages.js';
import { parseFile, type ParseOutcome, type ParseTask } from './parse-task';
import type { WorkerRequest, WorkerResponse } from './worker';

export interface PoolOptions {
	/** Worker threads; default: the cores (IMPORT_WORKERS). 0 = run inline. */
	size?: number;
	/** Wall-clock limit per file, decode + analysis (IMPORT_TIMEOUT_S, default 20 s). */
	timeoutMs?: number;
	/** Heap limit per worker in MB (IMPORT_HEAP_MB, default 1024). */
	heapMb?: number;
	/** Nice value of the worker threads (IMPORT_NICE, default 5): parsing yields the CPU to requests. */
	nice?: number;
}

export const DEFAULT_TASK_TIMEOUT_MS = 20_000;
export const DEFAULT_HEAP_MB = 1024;

/** Where the worker entry was found; 'inline' when tasks run on the calling thread. */
export type WorkerEntry = { kind: 'source'; file: string } | { kind: 'bundle'; file: string } | { kind: 'inline'; reason: string };

const BUNDLE_NAME = 'import-worker.js';

/** Finds the worker entry for the world this module runs in (see the module comment). */
export function locateWorkerEntry(moduleUrl: string = import.meta.url): WorkerEntry {
	if (!moduleUrl.startsWith('file:')) return { kind: 'inline', reason: `module URL ${moduleUrl}` };
	const here = fileURLToPath(moduleUrl);
	if (here.endsWith('.ts')) return { kind: 'source', file: path.join(path.dirname(here), 'worker.ts') };
	let dir = path.dirname(here);
	for (let i = 0; i < 5; i++) {
		const candidate = path.join(dir, BUNDLE_NAME);
		if (fs.existsSync(candidate)) return { kind: 'bundle', file: candidate };
		const up = path.dirname(dir);
		if (up === dir) break;
		dir = up;
	}
	return { kind: 'inline', reason: `no ${BUNDLE_NAME} above ${path.dirname(here)}` };
}

/** tsx's ESM API (the .mjs build: the package's default export condition resolves to .cjs here). */
function tsxApiUrl(): string {
	const pkg = createRequire(import.meta.url).resolve('tsx/package.json');
	return pathToFileURL(path.join(path.dirname(pkg), 'dist', 'esm', 'api', 'index.mjs')).href;
}

let bundled: { source: string; file: string | null } | null = null;

/**
 * From source, the worker's TypeScript is bundled once per process with esbuild (a few hundred ms)
 * into node_modules/.cache/zwgk/ — so its packages resolve as the app's do — and started as plain
 * JavaScript: loading the same graph through tsx's loader inside the thread costs many seconds
 * (every compiled message file goes through the loader). When esbuild is unavailable: tsx (null).
 */
function sourceBundle(source: string): string | null {
	if (bundled?.source === source) return bundled.file;
	let file: string | null = null;
	try {
		const root = path.resolve(path.dirname(source), '..', '..', '..', '..');
		const out = path.join(root, 'node_modules', '.cache', 'zwgk', `import-worker-${process.pid}.mjs`);
		const esbuild = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
		esbuild.buildSync({ entryPoints: [source], outfile: out, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'silent' });
		process.once('exit', () => fs.rmSync(out, { force: true }));
		file = out;
	} catch (e) {
		console.warn('import: could not bundle the worker with esbuild, loading it through tsx:', (e as Error).message);
	}
	bundled = { source, file };
	return file;
}

interface Slot {
	worker: Worker;
	ready: Promise<void>;
	busy: boolean;
}

interface Pending {
	task: ParseTask;
	resolve: (o: ParseOutcome) => void;
}

function secondsOf(ms: number): number {
	return Math.max(1, Math.round(ms / 1000));
}

export class ImportPool {
	readonly size: number;
	readonly timeoutMs: number;
	readonly heapMb: number;
	readonly nice: number | undefined;
	readonly entry: WorkerEntry;
	private slots: Slot[] = [];
	private queue: Pending[] = [];
	private nextId = 1;
	private closed = false;
	/** Tasks run so far in workers (not inline): lets tests and the bench see the pool was used. */
	workerTasks = 0;

	constructor(opts: PoolOptions = {}, entry: WorkerEntry = locateWorkerEntry()) {
		this.size = Math.max(0, Math.floor(opts.size ?? os.availableParallelism()));
		this.timeoutMs = opts.timeoutMs ?? DEFAULT_TASK_TIMEOUT_MS;
		this.heapMb = opts.heapMb ?? DEFAULT_HEAP_MB;
		this.nice = opts.nice;
		this.entry = this.size === 0 ? { kind: 'inline', reason: 'IMPORT_WORKERS=0' } : entry;
		if (this.entry.kind === 'inline' && this.size > 0) {
			console.warn(`import: no worker entry (${this.entry.reason}); files are parsed on the main thread`);
		}
	}

	/** Decode + analyse one file off the calling thread. Never rejects for a bad file. */
	run(task: ParseTask): Promise<ParseOutcome> {
		if (this.entry.kind === 'inline' || this.closed) return parseFile(task);
		return new Promise((resolve) => {
			this.queue.push({ task, resolve });
			this.pump();
		});
	}

	/** Terminates every worker (tests; a CLI need not: idle workers are unref'd). */
	async close(): Promise<void> {
		this.closed = true;
		const slots = this.slots;
		this.slots = [];
		await Promise.all(slots.map((s) => s.worker.terminate()));
	}

	private spawn(): Slot {
		const entry = this.entry as Exclude<WorkerEntry, { kind: 'inline' }>;
		const workerData = { nice: this.nice };
		const resourceLimits = { maxOldGenerationSizeMb: this.heapMb, maxYoungGenerationSizeMb: Math.min(64, Math.max(8, this.heapMb / 16)) };
		const file = entry.kind === 'bundle' ? entry.file : sourceBundle(entry.file);
		const worker =
			file !== null
				? new Worker(file, { resourceLimits, execArgv: [], workerData })
				: new Worker(
						`import(${JSON.stringify(tsxApiUrl())}).then(({ tsImport }) => tsImport(${JSON.stringify(pathToFileURL(entry.file).href)}, ${JSON.stringify(import.meta.url)}))`,
						{ eval: true, resourceLimits, execArgv: [], workerData }
					);
		worker.unref();
		const ready = new Promise<void>((resolve, reject) => {
			const onMessage = (msg: unknown) => {
				if (msg && typeof msg === 'object' && 'ready' in msg) {
					worker.off('message', onMessage);
					worker.off('error', reject);
					resolve();
				}
			};
			worker.on('message', onMessage);
			worker.once('error', reject);
		});
		ready.catch(() => {});
		const slot: Slot = { worker, ready, busy: false };
		// A worker that dies while idle leaves its place to a fresh one.
		worker.once('exit', () => (this.slots = this.slots.filter((s) => s !== slot)));
		this.slots.push(slot);
		return slot;
	}

	private drop(slot: Slot): void {
		this.slots = this.slots.filter((s) => s !== slot);
		void slot.worker.terminate().catch(() => {});
	}

	private pump(): void {
		while (this.queue.length > 0) {
			let slot = this.slots.find((s) => !s.busy);
			if (!slot && this.slots.length < this.size) slot = this.spawn();
			if (!slot) return;
			const next = this.queue.shift()!;
			void this.execute(slot, next);
		}
	}

	private async execute(slot: Slot, { task, resolve }: Pending): Promise<void> {
		slot.busy = true;
		slot.worker.ref();
		const id = this.nextId++;
		const { worker } = slot;
		let settled = false;
		let timer: NodeJS.Timeout | undefined;
		const finish = (outcome: ParseOutcome, healthy: boolean) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			worker.off('message', onMessage);
			worker.off('error', onError);
			worker.off('exit', onExit);
			if (healthy) {
				slot.busy = false;
				worker.unref();
			} else this.drop(slot);
			resolve(outcome);
			this.pump();
		};
		const onMessage = (res: WorkerResponse) => {
			if (res.id !== id) return;
			if ('outcome' in res) finish(res.outcome, true);
			else {
				console.error(`import worker: ${task.fileName}: ${res.error}`);
				finish({ ok: false, code: 'crashed', message: m.ix_worker_crashed({}, { locale: task.locale }) }, true);
			}
		};
		const onError = (err: Error & { code?: string }) => {
			if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') {
				finish({ ok: false, code: 'memory', message: m.ix_worker_memory({ mb: this.heapMb }, { locale: task.locale }) }, false);
			} else {
				console.error(`import worker: ${task.fileName}:`, err);
				finish({ ok: false, code: 'crashed', message: m.ix_worker_crashed({}, { locale: task.locale }) }, false);
			}
		};
		const onExit = () => finish({ ok: false, code: 'crashed', message: m.ix_worker_crashed({}, { locale: task.locale }) }, false);
		worker.on('error', onError);
		worker.on('exit', onExit);
		try {
			await slot.ready;
		} catch (e) {
			onError(e as Error);
			return;
		}
		if (settled) return;
		// The clock starts once the worker is up (loading the parsers is not the file's fault).
		timer = setTimeout(() => {
			finish({ ok: false, code: 'timeout', message: m.ix_worker_timeout({ seconds: secondsOf(this.timeoutMs) }, { locale: task.locale }) }, false);
		}, this.timeoutMs);
		worker.on('message', onMessage);
		this.workerTasks++;
		// The decoder's own cooperative deadline stays above the hard one: the hard one decides.
		const req: WorkerRequest = { id, task: { ...task, decode: { ...task.decode, timeoutMs: this.timeoutMs * 2 } } };
		worker.postMessage(req);
	}
}

function envNumber(name: string): number | undefined {
	const raw = process.env[name]?.trim();
	if (!raw) return undefined;
	const n = Number(raw);
	return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** Pool options from the environment: IMPORT_WORKERS, IMPORT_TIMEOUT_S, IMPORT_HEAP_MB, IMPORT_NICE. */
export function poolOptionsFromEnv(): PoolOptions {
	const seconds = envNumber('IMPORT_TIMEOUT_S');
	return {
		size: envNumber('IMPORT_WORKERS'),
		timeoutMs: seconds != null && seconds > 0 ? seconds * 1000 : undefined,
		heapMb: envNumber('IMPORT_HEAP_MB') || undefined,
		nice: envNumber('IMPORT_NICE')
	};
}

let shared: ImportPool | null = null;

/** The process-wide pool (server, CLI, bench), configured from the environment on first use. */
export function getImportPool(): ImportPool {
	shared ??= new ImportPool(poolOptionsFromEnv());
	return shared;
}

/** Replaces the process-wide pool (tests); closes the previous one. */
export async function setImportPool(pool: ImportPool | null): Promise<void> {
	const old = shared;
	shared = pool;
	if (old && old !== pool) await old.close();
}
