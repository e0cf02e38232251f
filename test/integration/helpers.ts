import { openDatabase, type Database } from '../../src/lib/server/db/connect';
import { bootstrap } from '../../src/lib/server/bootstrap';
import { readConfig } from '../../src/lib/server/env';

import { MIGRATIONS } from './paths';

export { CORPUS, MIGRATIONS, ROOT } from './paths';

/** A freshly migrated in-memory database with the default rubric and (silently) the first admin. */
export async function freshDb(opts: { demo?: boolean } = {}): Promise<Database> {
	const db = await openDatabase(':memory:');
	const cfg = { ...readConfig({}), databaseUrl: ':memory:', migrationsDir: MIGRATIONS, demo: opts.demo ?? false };
	await bootstrap(db, cfg, () => {});
	return db;
}
