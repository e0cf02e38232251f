import { defineConfig } from '@playwright/test';

/**
 * Two servers of the production build, each on a fresh temporary database (test/e2e/serve.js):
 * `workflow` starts empty but for the e2e seed (roles, rounds, submissions, exports);
 * `demo` loads the demo data (dashboards, import).
 */
const port = Number(process.env.E2E_PORT ?? 4173);
const demoPort = Number(process.env.E2E_DEMO_PORT ?? port + 1);

const chromium = {
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic']
};

export default defineConfig({
	testDir: '.',
	outputDir: '../../test-results/e2e-artifacts',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	timeout: 90_000,
	// JSON only when scripts/test.js asks for it (it sums the figures); alone, the list is enough.
	reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
	use: { locale: 'zh-CN', viewport: { width: 1400, height: 900 }, launchOptions: chromium },
	projects: [
		{ name: 'workflow', testMatch: /(auth|workflow|export|i18n|integrity|comforts)\.e2e\.ts$/, use: { baseURL: `http://localhost:${port}` } },
		{ name: 'demo', testMatch: /(dashboards|import|similarity|print)\.e2e\.ts$/, use: { baseURL: `http://localhost:${demoPort}` } }
	],
	webServer: [
		{
			command: 'node test/e2e/serve.js',
			cwd: '../..',
			url: `http://localhost:${port}/login`,
			timeout: 180_000,
			reuseExistingServer: false,
			stdout: 'pipe',
			env: { PORT: String(port), E2E_DEMO: '0' }
		},
		{
			command: 'node test/e2e/serve.js',
			cwd: '../..',
			url: `http://localhost:${demoPort}/login`,
			timeout: 180_000,
			reuseExistingServer: false,
			stdout: 'pipe',
			env: { PORT: String(demoPort), E2E_DEMO: '1' }
		}
	]
});
