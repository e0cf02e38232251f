/**
 * The `zwgk` command: `npm run zwgk -- <command> [options]`. Thin: every command calls the same
 * modules as the web routes.
 */
import { CliError, parseArgs } from './args';
import { USER_HELP, userCommand } from './commands/user';
import { DatabaseUrlError, openDatabase, type Database } from '../server/db/connect';
import { bootstrap } from '../server/bootstrap';
import { migrateToLatest } from '../server/db/migrator';
import { config } from '../server/env';

const HELP = `政务公开考评台命令行 / ZWGK Scorecard command line

用法 Usage: npm run zwgk -- <命令 command> [选项 options]

命令 Commands:
  migrate                 执行数据库迁移 / apply database migrations
  bootstrap               迁移并准备首次使用（默认细则、演示管理员、演示数据）/ migrate and seed a fresh database
  user add NAME --role R  创建用户 / create a user (see: user --help)
  help                    显示本帮助 / show this help

环境变量 Environment: DATABASE_URL（默认 ./data/zwgk.db）, DEMO=0 关闭演示数据
`;

const VALUED = ['role', 'display', 'agency', 'round', 'rubric', 'period', 'format', 'out', 'deadline', 'name'];

async function withDb<T>(fn: (db: Database) => Promise<T>): Promise<T> {
	const db = await openDatabase(config.databaseUrl);
	try {
		return await fn(db);
	} finally {
		await db.destroy();
	}
}

export async function main(argv: string[], out: (s: string) => void = console.log): Promise<number> {
	const [command, ...rest] = argv;
	const args = parseArgs(rest, VALUED);
	if (!command || command === 'help' || command === '--help' || command === '-h') {
		out(HELP);
		return 0;
	}
	if (args.flags.help) {
		out(command === 'user' ? USER_HELP : HELP);
		return 0;
	}
	switch (command) {
		case 'migrate':
			return withDb(async (db) => {
				const { applied, error } = await migrateToLatest(db, config.migrationsDir);
				if (error) throw error;
				out(applied.length ? `已执行迁移：${applied.join(', ')}` : '数据库已是最新，无需迁移');
				return 0;
			});
		case 'bootstrap':
			return withDb(async (db) => {
				const r = await bootstrap(db, config, out);
				if (r.migrations.length) out(`已执行迁移：${r.migrations.join(', ')}`);
				return 0;
			});
		case 'user':
			return withDb(async (db) => {
				await userCommand(db, args, out);
				return 0;
			});
		default:
			throw new CliError(`未知命令 “${command}”。运行 npm run zwgk -- help 查看用法 / unknown command`);
	}
}

const isEntry = process.argv[1] && /cli[\\/]main\.ts$/.test(process.argv[1]);
if (isEntry) {
	main(process.argv.slice(2)).then(
		(code) => process.exit(code),
		(e: unknown) => {
			if (e instanceof CliError || e instanceof DatabaseUrlError) {
				console.error(`错误：${e.message}`);
				process.exit(e instanceof CliError ? e.exitCode : 1);
			}
			console.error(e);
			process.exit(1);
		}
	);
}
