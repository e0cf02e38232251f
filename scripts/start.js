// @ts-check
/**
 * `npm start`: build the production bundle when it is missing or older than the sources, prepare
 * the database (migrations, default rubric, first admin, demo data), then serve on PORT (3000).
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { compileMessages } from './paraglide-compile.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);

/** @param {string} p @returns {number} newest mtime below p (0 when absent) */
function newest(p) {
	if (!fs.existsSync(p)) return 0;
	const st = fs.statSync(p);
	if (!st.isDirectory()) return st.mtimeMs;
	let m = 0;
	for (const e of fs.readdirSync(p)) m = Math.max(m, newest(path.join(p, e)));
	return m;
}

const marker = path.join(root, 'build', 'index.js');
const sources = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json', 'package-lock.json'];
const built = fs.existsSync(marker) ? fs.statSync(marker).mtimeMs : 0;
if (!built || sources.some((s) => newest(path.join(root, s)) > built)) {
	console.log(built ? '源代码已更新，正在重新构建… / sources changed, rebuilding…' : '首次启动，正在构建… / first start, building…');
	const b = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
	if (b.status !== 0) process.exit(b.status ?? 1);
}

// The CLI's server modules import the compiled UI messages (a no-op when the build just made them).
compileMessages();

const env = { ...process.env };
env.PORT ??= '3000';
env.ORIGIN ??= `http://localhost:${env.PORT}`;
env.BODY_SIZE_LIMIT ??= '512M';

const prep = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'src/lib/cli/main.ts', 'bootstrap'], {
	stdio: 'inherit',
	env
});
if (prep.status !== 0) process.exit(prep.status ?? 1);

console.log(`政务公开考评台已启动：${env.ORIGIN}  (Ctrl+C 停止)`);
const server = spawn(process.execPath, ['build/index.js'], { stdio: 'inherit', env });
for (const sig of /** @type {const} */ (['SIGINT', 'SIGTERM'])) process.on(sig, () => server.kill(sig));
server.on('exit', (code) => process.exit(code ?? 0));
