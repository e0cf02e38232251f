/**
 * Everything a fresh database needs before the app can serve: the schema, the default rubric, a
 * first administrator (printed once), and, unless DEMO=0, the demo data. Idempotent: the server's
 * `init` hook and `npm start` both call it.
 */
import { defaultRubric } from '../analysis/rubric';
import { hashPassword } from './auth/password';
import { generateSessionToken } from './auth/session';
import { openDatabase, type Database } from './db/connect';
import { migrateToLatest } from './db/migrator';
import * as rubrics from './db/rubrics';
import * as users from './db/users';
import { loadDemo } from './demo';
import { config as defaultConfig, type AppConfig } from './env';

export interface BootstrapResult {
	db: Database;
	migrations: string[];
	demoAdmin?: { username: string; password: string };
}

/** Schema and default rubric only: what every CLI command needs before it touches data. */
export async function ensureSchema(db: Database, cfg: AppConfig = defaultConfig): Promise<string[]> {
	const { applied, error } = await migrateToLatest(db, cfg.migrationsDir);
	if (error) throw error instanceof Error ? error : new Error(String(error));
	if (!(await rubrics.findRubricVersion(db, defaultRubric.id, defaultRubric.version))) {
		await rubrics.insertRubric(db, defaultRubric, null);
	}
	return applied;
}

export async function bootstrap(
	db: Database,
	cfg: AppConfig = defaultConfig,
	log: (line: string) => void = console.log
): Promise<BootstrapResult> {
	const applied = await ensureSchema(db, cfg);
	let demoAdmin: BootstrapResult['demoAdmin'];
	if ((await users.countUsers(db)) === 0) {
		const password = generateSessionToken().slice(0, 16);
		await users.insertUser(db, {
			username: 'admin',
			display_name: '演示管理员',
			role: 'admin',
			agency_id: null,
			password_hash: await hashPassword(password),
			created_at: new Date().toISOString()
		});
		demoAdmin = { username: 'admin', password };
		log('');
		log('  已创建演示管理员（仅显示这一次） / Demo admin created (shown once):');
		log(`    用户名 username: admin`);
		log(`    密码   password: ${password}`);
		log('');
	}
	if (cfg.demo && applied.length > 0) {
		// Only on the run that created the schema: a database emptied on purpose stays empty.
		log('  正在载入演示数据（DEMO=0 可关闭）… / loading demo data…');
		const demo = await loadDemo(db, { log });
		if (demo) log(`  演示数据：${demo.agencies} 个单位，${demo.rounds} 个考核轮次，${demo.reports} 份报告`);
	}
	return { db, migrations: applied, demoAdmin };
}

let shared: Promise<Database> | null = null;

/** The server's one database, opened and bootstrapped on first use. */
export function getDb(): Promise<Database> {
	shared ??= (async () => {
		const db = await openDatabase(defaultConfig.databaseUrl);
		await bootstrap(db);
		return db;
	})();
	return shared;
}
