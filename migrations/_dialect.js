// @ts-check
/**
 * The few schema differences between SQLite and PostgreSQL, in one place, so migrations stay
 * portable. Not a migration itself (it exports no `up`), so Kysely's FileMigrationProvider skips it.
 */
import { PostgresAdapter, sql } from 'kysely';

/** @param {import('kysely').Kysely<any>} db */
export function isPostgres(db) {
	return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * An auto-increment integer primary key column.
 * @param {import('kysely').Kysely<any>} db
 * @returns {[string, import('kysely').ColumnDataType, import('kysely').ColumnBuilderCallback]}
 */
export function idColumn(db) {
	return isPostgres(db)
		? ['id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity()]
		: ['id', 'integer', (c) => c.primaryKey().autoIncrement()];
}

/** JSON documents: jsonb on PostgreSQL, text on SQLite. @param {import('kysely').Kysely<any>} db */
export function jsonType(db) {
	return isPostgres(db) ? sql`jsonb` : sql`text`;
}

/** Raw bytes. @param {import('kysely').Kysely<any>} db */
export function blobType(db) {
	return isPostgres(db) ? sql`bytea` : sql`blob`;
}
