/**
 * The `zwgk` command: `npm run zwgk -- <command> [options]`. Thin: every command calls the same
 * modules as the web routes.
 */
import { CliError, parseArgs } from './args';
import { ANALYZE_HELP, analyzeCommand } from './commands/analyze';
import { IMPORT_HELP, ROUNDS_HELP, demoCommand, importCommand, rescoreCommand, roundsCommand } from './commands/data';
import { USER_HELP, userCommand } from './commands/user';
import { EXPORT_HELP, exportCommand } from './commands/export';
import { SIMILARITY_HELP, similarityCommand } from './commands/similarity';
import { DatabaseUrlError, openDatabase, type Database } from '../server/db/connect';
import { bootstrap, ensureSchema } from '../server/bootstrap';
import { migrateToLatest } from '../server/db/migrator';
import { config } from '../server/env';

const HELP = `政务公开考评台命令行 / ZWGK Scorecard command line

用法 Usage: npm run zwgk -- <命令 command> [选项 options]

命令 Commands:
  migrate                 执行数据库迁移 / apply database migrations
  bootstrap               迁移并准备首次使用（默认细则、演示管理员、演示数据）/ migrate and seed a fresh database
  user add NAME --role R  创建用户 / create a user (see: user --help)
  analyze [--json] FILE…  分析报告文件（不写数据库）/ score report files without a database
  import [--round ID] PATH…  导入报告（文件、文件夹、zip）/ import reports
  rounds add|list         创建或列出考核轮次 / create or list rounds
  rescore --round ID [--rubric VERSION]  按细则版本重新评分 / re-score a round
  export [--round ID] --format xlsx|docx|csv|json --out FILE  导出考核结果 / export a round's results
  similarity --round ID   重新计算本轮重复率并列出超过阈值的报告 / recompute a round's reuse figures
  demo                    向空数据库载入演示数据 / load demo data into an empty database
  help                    显示本帮助 / show this help

环境变量 Environment: DATABASE_URL（默认 ./data/zwgk.db）, DEMO=0 关闭演示数据
`;

const VALUED = ['role', 'display', 'agency', 'round', 'rubric', 'period', 'format', 'out', 'deadline', 'name', 'issuer', 'date'];

async function withDb<T>(fn: (db: Database) => Promise<T>, opts: { schema?: boolean } = {}): Promise<T> {
	const db = await openDatabase(config.databaseUrl);
	try {
		if (opts.schema !== false) await ensureSchema(db, config);
		return await fn(db);
	} finally {
		await db.destroy();
	}
}

export async function main(argv: string[], out: (s: string) => void | Promise<void> = console.log): Promise<number> {
	const [command, ...rest] = argv;
	const args = parseArgs(rest, VALUED);
	if (!command || command === 'help' || command === '--help' || command === '-h') {
		out(HELP);
		return 0;
	}
	if (args.flags.help) {
		const helps: Record<string, string> = { user: USER_HELP, analyze: ANALYZE_HELP, import: IMPORT_HELP, rounds: ROUNDS_HELP, export: EXPORT_HELP, similarity: SIMILARITY_HELP };
		out(helps[command] ?? HELP);
		return 0;
	}
	switch (command) {
		case 'migrate':
			return withDb(async (db) => {
				const { applied, error } = await migrateToLatest(db, config.migrationsDir);
				if (error) throw error;
				out(applied.length ? `已执行迁移：${applied.join(', ')}` : '数据库已是最新，无需迁移');
				return 0;
			}, { schema: false });
		case 'bootstrap':
			return withDb(async (db) => {
				const r = await bootstrap(db, config, out);
				if (r.migrations.length) out(`已执行迁移：${r.migrations.join(', ')}`);
				return 0;
			}, { schema: false });
		case 'user':
			return withDb(async (db) => {
				await userCommand(db, args, out);
				return 0;
			});
		case 'analyze':
			return analyzeCommand(args, out, (s) => console.error(s));
		case 'import':
			return withDb((db) => importCommand(db, args, out, (s) => console.error(s)));
		case 'rounds':
			return withDb((db) => roundsCommand(db, args, out));
		case 'rescore':
			return withDb((db) => rescoreCommand(db, args, out));
		case 'export':
			return withDb((db) => exportCommand(db, args, out));
		case 'similarity':
			return withDb((db) => similarityCommand(db, args, out));
		case 'demo':
			return withDb((db) => demoCommand(db, out));
		default:
			throw new CliError(`未知命令 “${command}”。运行 npm run zwgk -- help 查看用法 / unknown command`);
	}
}

/**
 * A stdout line writer that honours backpressure: when the pipe is full the promise waits for
 * 'drain', so `analyze --json | slow-reader` neither buffers without bound nor loses lines.
 */
function stdoutLine(s: string): void | Promise<void> {
	if (process.stdout.write(s + '\n')) return;
	return new Promise((resolve) => process.stdout.once('drain', () => resolve()));
}

/** Resolves once everything written to the stream so far has been handed to the OS. */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
	return new Promise((resolve) => stream.write('', () => resolve()));
}

/**
 * Never `process.exit` while output may still be queued (a pipe is asynchronous on POSIX): set
 * the exit code, wait for stdout and stderr to drain, and let the process end by itself; an
 * unref'd timer ends it should some handle stay open.
 */
async function finish(code: number): Promise<void> {
	process.exitCode = code;
	await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
	setTimeout(() => process.exit(code), 5000).unref();
}

const isEntry = process.argv[1] && /cli[\\/]main\.ts$/.test(process.argv[1]);
if (isEntry) {
	main(process.argv.slice(2), stdoutLine).then(
		(code) => finish(code),
		(e: unknown) => {
			if (e instanceof CliError || e instanceof DatabaseUrlError) {
				console.error(`错误：${e.message}`);
				return finish(e instanceof CliError ? e.exitCode : 1);
			}
			console.error(e);
			return finish(1);
		}
	);
}
