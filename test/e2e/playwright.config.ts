import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
	testDir: '.',
	testMatch: /.*\.e2e\.ts$/,
	outputDir: '../../test-results/e2e-artifacts',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	timeout: 60_000,
	reporter: [['list'], ['json']],
	use: {
		baseURL: `http://localhost:${port}`,
		locale: 'zh-CN',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--no-first-run',
				'--disable-sync',
				'--disable-quic'
			]
		}
	},
	webServer: {
		command: `node test/e2e/serve.js`,
		cwd: '../..',
		url: `http://localhost:${port}/login`,
		timeout: 180_000,
		reuseExistingServer: false,
		stdout: 'pipe',
		env: { PORT: String(port) }
	}
});
