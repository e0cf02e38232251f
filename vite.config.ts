import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { importWorkerPlugin } from './scripts/import-worker-build.js';

// UI language (issue 5 item 10): the plugin compiles messages/*.json into src/lib/paraglide for dev
// and build. The locale lives in a cookie (no URL prefix); without one the base locale zh-CN applies.
// Under Vitest the plugin keeps the process alive, so tests compile once in globalSetup instead.
const i18n = paraglideVitePlugin({ project: './project.inlang', outdir: './src/lib/paraglide', strategy: ['cookie', 'baseLocale'] });

export default defineConfig({
	plugins: process.env.VITEST ? [sveltekit()] : [i18n, sveltekit(), importWorkerPlugin()],
	test: {
		include: ['src/**/*.test.ts', 'test/integration/**/*.test.ts'],
		environment: 'node',
		testTimeout: 30_000,
		pool: 'forks',
		globalSetup: ['./scripts/paraglide-compile.js']
	}
});
