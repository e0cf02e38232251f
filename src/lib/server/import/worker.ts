/**
 * The import worker thread: receives parse tasks from pool.ts, answers with their outcomes. Runs
 * niced (+5 by default, IMPORT_NICE; on Linux a thread has its own nice value), so when both cores are parsing the
 * request thread still gets the CPU first and dashboards stay quick during big imports.
 *
 * How this file is started: from source (Vitest, `tsx` for the CLI and the bench, `vite dev`) the
 * pool starts a tiny bootstrap that loads this .ts file through tsx's `tsImport`; in the production
 * build the Vite plugin in scripts/import-worker-build.js bundles it into build/import-worker.js.
 */
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { parseFile, type ParseTask } from './parse-task';

/** Nice value of a worker thread (IMPORT_NICE; 0 = as the request thread). */
export const DEFAULT_WORKER_NICE = 5;

export interface WorkerRequest {
	id: number;
	task: ParseTask;
}
export type WorkerResponse = { id: number; outcome: Awaited<ReturnType<typeof parseFile>> } | { id: number; error: string };

const nice = typeof workerData?.nice === 'number' ? workerData.nice : DEFAULT_WORKER_NICE;
try {
	if (nice > 0) os.setPriority(nice);
} catch {
	// not permitted on this system: run at normal priority
}

const port = parentPort;
if (port) {
	port.on('message', async (req: WorkerRequest) => {
		let res: WorkerResponse;
		try {
			res = { id: req.id, outcome: await parseFile(req.task) };
		} catch (e) {
			res = { id: req.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
		}
		port.postMessage(res);
	});
	port.postMessage({ ready: true });
}
