import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { DB } from './schema';

export type Database = Kysely<DB>;

/** A DATABASE_URL that cannot be used; the message is shown to the operator as is. */
export class DatabaseUrlError extends Error {
	override name = 'DatabaseUrlError';
}

export type ParsedDatabaseUrl =
	| { kind: 'sqlite'; file: string }
	| { kind: 'postgres'; url: string };

/**
 * Parses DATABASE_URL: a file path, a `file:` URL, `:memory:`, or a `postgres://` URL.
 * @example parseDatabaseUrl('file:./data/zwgk.db') // { kind: 'sqlite', file: './data/zwgk.db' }
 */
export function parseDatabaseUrl(raw: string): ParsedDatabaseUrl {
	const url = raw.trim();
	if (!url) throw new DatabaseUrlError('DATABASE_URL 为空：请填写 SQLite 文件路径或 postgres:// 地址');
	if (/^postgres(ql)?:\/\//i.test(url)) return { kind: 'postgres', url };
	if (url === ':memory:') return { kind: 'sqlite', file: ':memory:' };
	if (url.startsWith('file:')) {
		const file = decodeURIComponent(url.slice('file:'.length).replace(/^\/\/(?=\/)/, ''));
		if (!file) throw new DatabaseUrlError(`DATABASE_URL 无效：“${url}” 没有文件路径`);
		return { kind: 'sqlite', file };
	}
	if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
		throw new DatabaseUrlError(
			`DATABASE_URL 无效：不支持 “${url.split(':')[0]}” 协议。请使用 SQLite 文件路径（如 ./data/zwgk.db）或 postgres:// 地址`
		);
	}
	return { kind: 'sqlite', file: url };
}

/**
 * Opens the database named by DATABASE_URL. SQLite gets WAL, foreign keys and a busy timeout.
 * Throws DatabaseUrlError with a readable message when the URL or its folder cannot be used.
 */
export async function openDatabase(raw: string): Promise<Database> {
	const parsed = parseDatabaseUrl(raw);
	if (parsed.kind === 'postgres') {
		const pg = await import('pg');
		return new Kysely<DB>({
			dialect: new PostgresDialect({ pool: new pg.default.Pool({ connectionString: parsed.url, max: 10 }) })
		});
	}
	const { default: SQLite } = await import('better-sqlite3');
	if (parsed.file !== ':memory:') {
		const dir = path.dirname(path.resolve(parsed.file));
		try {
			fs.mkdirSync(dir, { recursive: true });
		} catch (e) {
			throw new DatabaseUrlError(`DATABASE_URL 无效：无法创建目录 ${dir}（${(e as Error).message}）`);
		}
	}
	let sqlite;
	try {
		sqlite = new SQLite(parsed.file);
	} catch (e) {
		throw new DatabaseUrlError(`无法打开数据库文件 ${parsed.file}：${(e as Error).message}`);
	}
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	sqlite.pragma('synchronous = NORMAL');
	return new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
}
