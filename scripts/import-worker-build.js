// @ts-check
/**
 * The import worker in the production build. `vite build` (SvelteKit + adapter-node) bundles only
 * what the server imports, and a worker thread's entry is a file, not an import: this Vite plugin
 * bundles src/lib/server/import/worker.ts with esbuild (already installed as tsx's dependency) into
 * build/import-worker.js once the adapter has written build/. Packages stay external, resolved from
 * node_modules like the server's own. pool.ts finds the file by walking up from its own chunk.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const WORKER_SOURCE = path.join(root, 'src', 'lib', 'server', 'import', 'worker.ts');

/** @param {string} outFile */
export async function bundleImportWorker(outFile) {
	const esbuild = await import('esbuild');
	await esbuild.build({
		entryPoints: [WORKER_SOURCE],
		outfile: outFile,
		bundle: true,
		platform: 'node',
		format: 'esm',
		target: 'node20',
		packages: 'external',
		sourcemap: true,
		logLevel: 'warning'
	});
}

/**
 * @param {{ out?: string }} [opts] the adapter's output folder (default 'build')
 * @returns {import('vite').Plugin}
 */
export function importWorkerPlugin(opts = {}) {
	let ssr = false;
	return {
		name: 'zwgk:import-worker',
		apply: 'build',
		configResolved(config) {
			ssr = !!config.build.ssr;
		},
		// After SvelteKit's own closeBundle (which runs the adapter and so empties build/ first).
		closeBundle: {
			order: 'post',
			sequential: true,
			async handler() {
				if (!ssr) return;
				await bundleImportWorker(path.join(root, opts.out ?? 'build', 'import-worker.js'));
			}
		}
	};
}
