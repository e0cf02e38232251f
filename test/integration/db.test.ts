import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DatabaseUrlError, openDatabase, parseDatabaseUrl, type Database } from '../../src/lib/server/db/connect';
import { migrateToLatest } from '../../src/lib/server/db/migrator';
import { MIGRATIONS } from './paths';

let db: Database | null = null;
afterEach(async () => {
	await db?.destroy();
	db = null;
});

describe('migrations', () => {
	it('create every table on a fresh database, and a second run is a no-op', async () => {
		db = await openDatabase(':memory:');
		const first = await migrateToLatest(db, MIGRATIONS);
		expect(first.error).toBeUndefined();
		expect(first.applied).toEqual([
			'2026_11_23_0900_init',
			'2026_11_23_1200_security',
			'2026_12_03_1700_doc_tables',
			'2026_12_03_1800_round_integrity',
			'2026_12_03_1900_similarity',
			'2026_12_03_2000_held_reports'
		]);
		const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' order by name`.execute(db);
		const names = tables.rows.map((r) => r.name);
		for (const t of ['agencies', 'agency_aliases', 'rounds', 'rubrics', 'reports', 'scores', 'score_evidence', 'report_totals', 'overrides', 'login_attempts', 'audit_log', 'users', 'sessions', 'report_metrics']) {
			expect(names).toContain(t);
		}
		const again = await migrateToLatest(db, MIGRATIONS);
		expect(again.error).toBeUndefined();
		expect(again.applied).toEqual([]);
	});

	it('turns foreign keys on (a score for a missing report is refused)', async () => {
		db = await openDatabase(':memory:');
		await migrateToLatest(db, MIGRATIONS);
		await expect(
			db
				.insertInto('scores')
				.values({ report_id: 999, rubric_id: 999, indicator_id: 'fd.decision', dimension_id: 'fd', machine_level: 0, level: 0, score: 0, max: 6 })
				.execute()
		).rejects.toThrow(/FOREIGN KEY/);
	});
});

describe('DATABASE_URL', () => {
	it.each([
		['./data/x.db', { kind: 'sqlite', file: './data/x.db' }],
		['file:./data/x.db', { kind: 'sqlite', file: './data/x.db' }],
		[':memory:', { kind: 'sqlite', file: ':memory:' }],
		['postgres://u:p@localhost:5432/zwgk', { kind: 'postgres', url: 'postgres://u:p@localhost:5432/zwgk' }]
	])('parses %s', (raw, expected) => {
		expect(parseDatabaseUrl(raw)).toEqual(expected);
	});

	it.each(['mysql://localhost/zwgk', '   ', 'file:'])('rejects %j with a Chinese message', (raw) => {
		expect(() => parseDatabaseUrl(raw)).toThrow(DatabaseUrlError);
		expect(() => parseDatabaseUrl(raw)).toThrow(/DATABASE_URL/);
	});

	it('reports a file it cannot create instead of crashing', async () => {
		await expect(openDatabase('/dev/null/zwgk/x.db')).rejects.toThrow(DatabaseUrlError);
	});
});
