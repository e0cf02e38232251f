// @ts-check
/**
 * Compiles messages/*.json into src/lib/paraglide (git-ignored) with Paraglide's CLI, in a child
 * process. Used as Vitest's globalSetup: the Vite plugin compiles for dev and build, but in Vitest it
 * keeps a handle open and delays exit by 10 s, so vite.config.ts leaves it out there. Skips the work
 * when the output is newer than every message file and the project settings.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/** @param {string} p */
function mtime(p) {
	try {
		return fs.statSync(p).mtimeMs;
	} catch {
		return 0;
	}
}

export function compileMessages() {
	const out = path.join(root, 'src/lib/paraglide/messages.js');
	const inputs = [
		path.join(root, 'project.inlang/settings.json'),
		...fs.readdirSync(path.join(root, 'messages')).map((f) => path.join(root, 'messages', f))
	];
	if (mtime(out) > Math.max(...inputs.map(mtime))) return;
	const cli = path.join(root, 'node_modules/@inlang/paraglide-js/bin/run.js');
	const args = [cli, 'compile', '--project', './project.inlang', '--outdir', './src/lib/paraglide', '--strategy', 'cookie', 'baseLocale', '--silent'];
	const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
	if (r.status !== 0) throw new Error('paraglide-js compile failed / 界面文案编译失败');
}

export default compileMessages;

// `node scripts/paraglide-compile.js` (run before the CLI and the bench, whose server modules import
// the compiled messages).
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) compileMessages();
