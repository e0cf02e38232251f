// @ts-check
/**
 * `npm test`: type-check (svelte-check), unit + integration tests (Vitest), production build, then
 * end-to-end tests (Playwright driving /usr/bin/chromium). Ends with one line
 * `N passed, N failed, N skipped` summed over both runners.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
const out = path.join(root, 'test-results');
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });

/** @param {string} label @param {string[]} args @param {NodeJS.ProcessEnv} [env] */
function run(label, args, env) {
	console.log(`\n=== ${label} ===`);
	const r = spawnSync(process.execPath, args, { stdio: 'inherit', env: { ...process.env, ...env } });
	return r.status ?? 1;
}

/** @returns {Promise<number>} */
function freePort() {
	return new Promise((resolve, reject) => {
		const s = net.createServer();
		s.listen(0, '127.0.0.1', () => {
			const a = s.address();
			const port = typeof a === 'object' && a ? a.port : 0;
			s.close(() => resolve(port));
		});
		s.on('error', reject);
	});
}

const totals = { passed: 0, failed: 0, skipped: 0 };
let hardFailure = false;

// The messages compile to src/lib/paraglide (git-ignored); svelte-check needs them before the first build.
const i18n = run('paraglide compile', ['node_modules/@inlang/paraglide-js/bin/run.js', 'compile', '--project', './project.inlang', '--outdir', './src/lib/paraglide', '--strategy', 'cookie', 'baseLocale', '--silent']);
const sync = i18n || run('svelte-kit sync', ['node_modules/@sveltejs/kit/svelte-kit.js', 'sync']);
const check = sync || run('svelte-check', ['node_modules/svelte-check/bin/svelte-check', '--tsconfig', './tsconfig.json', '--threshold', 'error']);
if (check) {
	console.error('svelte-check 报告了类型错误 / type errors');
	hardFailure = true;
}

const vitestJson = path.join(out, 'vitest.json');
const unit = run('vitest', ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
if (fs.existsSync(vitestJson)) {
	const r = JSON.parse(fs.readFileSync(vitestJson, 'utf8'));
	totals.passed += r.numPassedTests ?? 0;
	totals.failed += r.numFailedTests ?? 0;
	totals.skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
	if (unit && !r.numFailedTests) hardFailure = true; // e.g. a suite that failed to load
} else if (unit) hardFailure = true;

const build = run('vite build', ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn']);
if (build) hardFailure = true;
else {
	const e2eJson = path.join(out, 'e2e.json');
	const port = await freePort();
	let demoPort = await freePort();
	while (demoPort === port) demoPort = await freePort();
	const e2e = run('playwright', ['node_modules/@playwright/test/cli.js', 'test', '-c', 'test/e2e/playwright.config.ts'], {
		E2E_PORT: String(port),
		E2E_DEMO_PORT: String(demoPort),
		PLAYWRIGHT_JSON_OUTPUT_NAME: e2eJson,
		PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1'
	});
	if (fs.existsSync(e2eJson)) {
		const s = JSON.parse(fs.readFileSync(e2eJson, 'utf8')).stats ?? {};
		totals.passed += (s.expected ?? 0) + (s.flaky ?? 0);
		totals.failed += s.unexpected ?? 0;
		totals.skipped += s.skipped ?? 0;
		if (e2e && !s.unexpected) hardFailure = true;
	} else if (e2e) hardFailure = true;
}

console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(hardFailure || totals.failed > 0 ? 1 : 0);
