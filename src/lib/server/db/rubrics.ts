/** Rubric versions: immutable rows; a change is a new version. */
import type { Kysely } from 'kysely';
import type { RubricDefinition } from '../../analysis/rubric';
import type { DB } from './schema';

export interface RubricVersion {
	id: number;
	key: string;
	version: number;
	name: string;
	definition: RubricDefinition;
	createdAt: string;
	createdBy: number | null;
}

function toVersion(r: {
	id: number;
	key: string;
	version: number;
	name: string;
	definition: string;
	created_at: string;
	created_by: number | null;
}): RubricVersion {
	return {
		id: r.id,
		key: r.key,
		version: r.version,
		name: r.name,
		definition: (typeof r.definition === 'string' ? JSON.parse(r.definition) : r.definition) as RubricDefinition,
		createdAt: r.created_at,
		createdBy: r.created_by
	};
}

export async function findRubric(db: Kysely<DB>, id: number): Promise<RubricVersion | undefined> {
	const r = await db.selectFrom('rubrics').selectAll().where('id', '=', id).executeTakeFirst();
	return r && toVersion(r);
}

export async function findRubricVersion(db: Kysely<DB>, key: string, version: number) {
	const r = await db
		.selectFrom('rubrics')
		.selectAll()
		.where('key', '=', key)
		.where('version', '=', version)
		.executeTakeFirst();
	return r && toVersion(r);
}

export async function latestRubric(db: Kysely<DB>, key = 'default'): Promise<RubricVersion | undefined> {
	const r = await db
		.selectFrom('rubrics')
		.selectAll()
		.where('key', '=', key)
		.orderBy('version', 'desc')
		.limit(1)
		.executeTakeFirst();
	return r && toVersion(r);
}

export async function listRubrics(db: Kysely<DB>): Promise<RubricVersion[]> {
	const rows = await db.selectFrom('rubrics').selectAll().orderBy('key').orderBy('version').execute();
	return rows.map(toVersion);
}

/** Stores a definition as a new row; its `version` must not exist yet for that key. */
export async function insertRubric(db: Kysely<DB>, def: RubricDefinition, createdBy: number | null): Promise<number> {
	const row = await db
		.insertInto('rubrics')
		.values({
			key: def.id,
			version: def.version,
			name: def.name,
			definition: JSON.stringify(def),
			created_by: createdBy,
			created_at: new Date().toISOString()
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}
