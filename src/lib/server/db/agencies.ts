/** The agency registry and its aliases. */
import type { Kysely } from 'kysely';
import type { Agency, DB } from './schema';

type Executor = Kysely<DB>;

export interface AgencyInput {
	name: string;
	level?: string | null;
	region?: string | null;
	groupName?: string | null;
	aliases?: string[];
}

export function listAgencies(db: Executor, opts: { activeOnly?: boolean } = {}) {
	let q = db.selectFrom('agencies').selectAll().orderBy('group_name').orderBy('name');
	if (opts.activeOnly) q = q.where('active', '=', 1);
	return q.execute();
}

export function findAgency(db: Executor, id: number): Promise<Agency | undefined> {
	return db.selectFrom('agencies').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findAgencyByName(db: Executor, name: string): Promise<Agency | undefined> {
	return db.selectFrom('agencies').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function findAgencyByAlias(db: Executor, alias: string): Promise<Agency | undefined> {
	return db
		.selectFrom('agency_aliases')
		.innerJoin('agencies', 'agencies.id', 'agency_aliases.agency_id')
		.selectAll('agencies')
		.where('agency_aliases.alias', '=', alias)
		.executeTakeFirst();
}

export async function listAliases(db: Executor): Promise<{ alias: string; agency_id: number }[]> {
	return db.selectFrom('agency_aliases').select(['alias', 'agency_id']).execute();
}

export async function insertAgency(db: Executor, a: AgencyInput): Promise<number> {
	const row = await db
		.insertInto('agencies')
		.values({
			name: a.name.trim(),
			level: a.level ?? null,
			region: a.region ?? null,
			group_name: a.groupName ?? null,
			created_at: new Date().toISOString()
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	for (const alias of a.aliases ?? []) await addAlias(db, row.id, alias);
	return row.id;
}

/** Remembers another name for an agency; an alias already taken by another agency is left alone. */
export async function addAlias(db: Executor, agencyId: number, alias: string): Promise<boolean> {
	const a = alias.trim();
	if (!a) return false;
	const taken = await db.selectFrom('agency_aliases').select('agency_id').where('alias', '=', a).executeTakeFirst();
	if (taken) return taken.agency_id === agencyId;
	const sameName = await db.selectFrom('agencies').select('id').where('name', '=', a).executeTakeFirst();
	if (sameName) return sameName.id === agencyId;
	await db.insertInto('agency_aliases').values({ alias: a, agency_id: agencyId }).execute();
	return true;
}

export async function updateAgency(db: Executor, id: number, a: Omit<AgencyInput, 'aliases'> & { active?: boolean }) {
	await db
		.updateTable('agencies')
		.set({
			name: a.name.trim(),
			level: a.level ?? null,
			region: a.region ?? null,
			group_name: a.groupName ?? null,
			...(a.active === undefined ? {} : { active: a.active ? 1 : 0 })
		})
		.where('id', '=', id)
		.execute();
}

/** Moves reports, users and aliases of `fromId` to `intoId`, keeps the old name as an alias, deletes `fromId`. */
export async function mergeAgencies(db: Executor, fromId: number, intoId: number): Promise<void> {
	const from = await findAgency(db, fromId);
	if (!from) return;
	await db.updateTable('reports').set({ agency_id: intoId }).where('agency_id', '=', fromId).execute();
	await db.updateTable('users').set({ agency_id: intoId }).where('agency_id', '=', fromId).execute();
	await db.updateTable('agency_aliases').set({ agency_id: intoId }).where('agency_id', '=', fromId).execute();
	await db.deleteFrom('agencies').where('id', '=', fromId).execute();
	await addAlias(db, intoId, from.name);
}
