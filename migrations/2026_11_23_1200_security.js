// @ts-check
/**
 * Issue 6: sign-in attempts for throttling, and the audit log made append-only in the database
 * itself (triggers refuse UPDATE and DELETE), so no code path can rewrite history.
 */
import { sql } from 'kysely';
import { idColumn, isPostgres } from './_dialect.js';

/** @param {import('kysely').Kysely<any>} db */
export async function up(db) {
	await db.schema
		.createTable('login_attempts')
		.addColumn(...idColumn(db))
		.addColumn('at', 'text', (c) => c.notNull()) // ISO-8601 UTC
		.addColumn('username', 'text', (c) => c.notNull()) // as typed, lower-cased: unknown names count too
		.addColumn('ip', 'text')
		.addColumn('success', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
	await db.schema.createIndex('login_attempts_user_at').on('login_attempts').columns(['username', 'at']).execute();
	await db.schema.createIndex('login_attempts_ip_at').on('login_attempts').columns(['ip', 'at']).execute();

	if (isPostgres(db)) {
		await sql`create or replace function audit_log_append_only() returns trigger language plpgsql as $$
			begin raise exception 'audit_log is append-only'; end; $$`.execute(db);
		await sql`create trigger audit_log_no_update before update or delete on audit_log
			for each row execute function audit_log_append_only()`.execute(db);
	} else {
		await sql`create trigger audit_log_no_update before update on audit_log
			begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
		await sql`create trigger audit_log_no_delete before delete on audit_log
			begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
	}
}

/** @param {import('kysely').Kysely<any>} db */
export async function down(db) {
	if (isPostgres(db)) {
		await sql`drop trigger if exists audit_log_no_update on audit_log`.execute(db);
		await sql`drop function if exists audit_log_append_only()`.execute(db);
	} else {
		await sql`drop trigger if exists audit_log_no_update`.execute(db);
		await sql`drop trigger if exists audit_log_no_delete`.execute(db);
	}
	await db.schema.dropTable('login_attempts').ifExists().execute();
}
