/** The agency registry and its aliases. */
import type { Kysely } from 'kysely';
import type { Agency, DB } from './schema';
import { freezeMissingRosters } from './rounds';

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
	await freezeMissingRosters(db); // a published round does not start expecting it
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
	if (a.active !== undefined) await freezeMissingRosters(db);
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

export interface MergeMoved {
	reports: number[];
	users: number[];
	aliases: string[];
	/** reports of the target that the merge superseded (two current reports in one round: the newest stays) */
	superseded?: number[];
	/** the merged agency's name, remembered as an alias of the target (null: it was taken) */
	alias: string | null;
}

/** What merging `fromId` into `intoId` would move, for the confirmation (reports of published rounds stay). */
export async function mergePreview(db: Executor, fromId: number) {
	const reports = await db
		.selectFrom('reports')
		.innerJoin('rounds', 'rounds.id', 'reports.round_id')
		.select(['reports.id', 'rounds.status'])
		.where('reports.agency_id', '=', fromId)
		.execute();
	const users = await db.selectFrom('users').select('id').where('agency_id', '=', fromId).execute();
	const aliases = await db.selectFrom('agency_aliases').select('alias').where('agency_id', '=', fromId).execute();
	return {
		reports: reports.filter((r) => r.status !== 'published').length,
		frozenReports: reports.filter((r) => r.status === 'published').length,
		users: users.length,
		aliases: aliases.length
	};
}

/**
 * Merges `fromId` into `intoId`: moves its reports of rounds not published, its users and aliases,
 * remembers its name as an alias, and keeps it (inactive, merged_into) so that published rounds
 * stay as they were and the merge can be undone (`undoMerge`). Returns the merge id.
 */
export async function mergeAgencies(db: Executor, fromId: number, intoId: number, userId: number | null = null): Promise<number | null> {
	const from = await findAgency(db, fromId);
	if (!from) return null;
	await freezeMissingRosters(db);
	const reports = await db
		.selectFrom('reports')
		.innerJoin('rounds', 'rounds.id', 'reports.round_id')
		.select('reports.id')
		.where('reports.agency_id', '=', fromId)
		.where('rounds.status', '!=', 'published')
		.execute();
	const users = await db.selectFrom('users').select('id').where('agency_id', '=', fromId).execute();
	const aliases = await db.selectFrom('agency_aliases').select('alias').where('agency_id', '=', fromId).execute();
	const moved: MergeMoved = { reports: reports.map((r) => r.id), users: users.map((u) => u.id), aliases: aliases.map((a) => a.alias), alias: null };
	if (moved.reports.length) {
		await db.updateTable('reports').set({ agency_id: intoId }).where('id', 'in', moved.reports).execute();
		const current = await db
			.selectFrom('reports')
			.select(['id', 'round_id'])
			.where('agency_id', '=', intoId)
			.where('superseded', '=', 0)
			.where('round_id', 'in', db.selectFrom('reports').select('round_id').where('id', 'in', moved.reports))
			.orderBy('id', 'desc')
			.execute();
		const seen = new Set<number>();
		moved.superseded = current.filter((r) => seen.has(r.round_id) || !seen.add(r.round_id)).map((r) => r.id);
		if (moved.superseded.length) await db.updateTable('reports').set({ superseded: 1 }).where('id', 'in', moved.superseded).execute();
	}
	if (moved.users.length) await db.updateTable('users').set({ agency_id: intoId }).where('id', 'in', moved.users).execute();
	await db.updateTable('agency_aliases').set({ agency_id: intoId }).where('agency_id', '=', fromId).execute();
	// The old name resolves to the target from now on (the merged agency keeps its name for published rounds).
	const taken = await db.selectFrom('agency_aliases').select('agency_id').where('alias', '=', from.name).executeTakeFirst();
	if (!taken) {
		await db.insertInto('agency_aliases').values({ alias: from.name, agency_id: intoId }).execute();
		moved.alias = from.name;
	}
	await db.updateTable('agencies').set({ active: 0, merged_into: intoId }).where('id', '=', fromId).execute();
	const row = await db
		.insertInto('agency_merges')
		.values({ from_id: fromId, into_id: intoId, moved: JSON.stringify(moved), user_id: userId, created_at: new Date().toISOString() })
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

/** Merges that can still be undone (newest first). */
export async function listMerges(db: Executor) {
	return db
		.selectFrom('agency_merges as g')
		.innerJoin('agencies as f', 'f.id', 'g.from_id')
		.innerJoin('agencies as t', 't.id', 'g.into_id')
		.select(['g.id', 'g.created_at', 'g.moved', 'f.name as from_name', 't.name as into_name'])
		.where('g.undone_at', 'is', null)
		.orderBy('g.id', 'desc')
		.execute();
}

/**
 * Undoes a merge: what it moved and that still sits with the target goes back (reports of rounds
 * published since stay, like any published round), the alias it added is dropped, the agency is
 * active again. Returns what went back, or null when there is nothing to undo.
 */
export async function undoMerge(db: Executor, mergeId: number): Promise<(MergeMoved & { fromId: number; intoId: number; keptReports: number }) | null> {
	const g = await db.selectFrom('agency_merges').selectAll().where('id', '=', mergeId).executeTakeFirst();
	if (!g || g.undone_at) return null;
	const moved = JSON.parse(g.moved) as MergeMoved;
	const back = moved.reports.length
		? await db
				.selectFrom('reports')
				.innerJoin('rounds', 'rounds.id', 'reports.round_id')
				.select('reports.id')
				.where('reports.id', 'in', moved.reports)
				.where('reports.agency_id', '=', g.into_id)
				.where('rounds.status', '!=', 'published')
				.execute()
		: [];
	const reportIds = back.map((r) => r.id);
	if (reportIds.length) await db.updateTable('reports').set({ agency_id: g.from_id }).where('id', 'in', reportIds).execute();
	if (moved.superseded?.length) {
		await db
			.updateTable('reports')
			.set({ superseded: 0 })
			.where('id', 'in', moved.superseded)
			.where('withdrawn_at', 'is', null)
			.where('round_id', 'in', db.selectFrom('rounds').select('id').where('status', '!=', 'published'))
			.execute();
	}
	if (moved.users.length) await db.updateTable('users').set({ agency_id: g.from_id }).where('id', 'in', moved.users).where('agency_id', '=', g.into_id).execute();
	if (moved.aliases.length) await db.updateTable('agency_aliases').set({ agency_id: g.from_id }).where('alias', 'in', moved.aliases).where('agency_id', '=', g.into_id).execute();
	if (moved.alias) await db.deleteFrom('agency_aliases').where('alias', '=', moved.alias).where('agency_id', '=', g.into_id).execute();
	await db.updateTable('agencies').set({ active: 1, merged_into: null }).where('id', '=', g.from_id).execute();
	await db.updateTable('agency_merges').set({ undone_at: new Date().toISOString() }).where('id', '=', mergeId).execute();
	return { ...moved, reports: reportIds, fromId: g.from_id, intoId: g.into_id, keptReports: moved.reports.length - reportIds.length };
}
