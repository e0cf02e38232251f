import { promises as fs } from 'node:fs';
import path from 'node:path';
import { FileMigrationProvider, Migrator, type MigrationResultSet } from 'kysely';
import type { Database } from './connect';

export interface MigrateOutcome {
	applied: string[];
	error?: unknown;
}

/**
 * Brings the schema to the latest migration. Re-running is a no-op (`applied` is then empty).
 * @example const { applied } = await migrateToLatest(db, config.migrationsDir);
 */
export async function migrateToLatest(db: Database, migrationsDir: string): Promise<MigrateOutcome> {
	const migrator = new Migrator({
		db,
		provider: new FileMigrationProvider({ fs, path, migrationFolder: path.resolve(migrationsDir) })
	});
	const result: MigrationResultSet = await migrator.migrateToLatest();
	const applied = (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
	if (result.error) return { applied, error: result.error };
	return { applied };
}
