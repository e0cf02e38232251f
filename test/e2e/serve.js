// @ts-check
/**
 * Serves the production build for the e2e run: a fresh temporary database, the known test users,
 * then `node build`. Users: e2e-admin / e2e-password-1 (admin); e2e-super, e2e-eval, e2e-agency /
 * e2e-password-2 (seed.ts).
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zwgk-e2e-'));
const port = process.env.PORT ?? '4173';
const env = {
	...process.env,
	DATABASE_URL: path.join(dir, 'e2e.db'),
	ORIGIN: `http://localhost:${port}`,
	BODY_SIZE_LIMIT: '512M',
	DEMO: process.env.E2E_DEMO ?? '0'
};
const tsx = ['node_modules/tsx/dist/cli.mjs', 'src/lib/cli/main.ts'];

/** @param {string[]} args @param {string} [input] */
function cli(args, input) {
	const r = spawnSync(process.execPath, [...tsx, ...args], { env, input, stdio: ['pipe', 'inherit', 'inherit'] });
	if (r.status !== 0) process.exit(r.status ?? 1);
}

cli(['bootstrap']);
cli(['user', 'add', 'e2e-admin', '--role', 'admin', '--display', '测试管理员', '--password-stdin'], 'e2e-password-1\n');
// The workflow journey (issue 6): agencies, an open round, a report of another agency, and a
// supervisor, an evaluator and an agency user (password e2e-password-2). See test/e2e/seed.ts.
// The demo server (E2E_DEMO=1) has the demo data instead: the seed relies on a database's first ids.
if (env.DEMO === '0') {
	const r = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'test/e2e/seed.ts'], { env, stdio: 'inherit' });
	if (r.status !== 0) process.exit(r.status ?? 1);
}

const server = spawn(process.execPath, ['build/index.js'], { env, stdio: 'inherit' });
const stop = () => {
	server.kill('SIGTERM');
	fs.rmSync(dir, { recursive: true, force: true });
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
server.on('exit', (code) => process.exit(code ?? 0));
