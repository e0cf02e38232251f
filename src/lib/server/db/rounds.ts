/** Assessment rounds. */
import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import type { DB, Round, RoundStatus } from './schema';

type Executor = Kysely<DB>;

export const ROUND_STATUS_LABELS: Record<RoundStatus, string> = {
	draft: '草稿',
	open: '报送中',
	review: '评审中',
	published: '已发布'
};

export function listRounds(db: Executor): Promise<Round[]> {
	return db.selectFrom('rounds').selectAll().orderBy('period', 'desc').orderBy('id', 'desc').execute();
}

export function findRound(db: Executor, id: number): Promise<Round | undefined> {
	return db.selectFrom('rounds').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function latestRound(db: Executor): Promise<Round | undefined> {
	return (await listRounds(db))[0];
}

/** The round before this one by period (the comparison base for rank changes). */
export async function previousRound(db: Executor, round: Round): Promise<Round | undefined> {
	return db
		.selectFrom('rounds')
		.selectAll()
		.where('period', '<', round.period)
		.orderBy('period', 'desc')
		.limit(1)
		.executeTakeFirst();
}

export async function insertRound(
	db: Executor,
	r: { name: string; period: string; rubricId: number; deadline?: string | null; status?: RoundStatus }
): Promise<number> {
	const row = await db
		.insertInto('rounds')
		.values({
			name: r.name,
			period: r.period,
			rubric_id: r.rubricId,
			deadline: r.deadline ?? null,
			status: r.status ?? 'open',
			created_at: new Date().toISOString()
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

/**
 * "This agency is expected in the round": on the round's stored roster (filled at publish time,
 * issue 14) or, for a round without one, active. Agencies added or merged later do not change a
 * published round.
 */
export function expectedInRound<TB extends keyof DB>(eb: ExpressionBuilder<DB, TB | 'agencies'>, roundId: number): Expression<SqlBool> {
	const e = eb as unknown as ExpressionBuilder<DB, 'agencies'>;
	const roster = e.selectFrom('round_agencies').select('round_agencies.agency_id').where('round_agencies.round_id', '=', roundId);
	return e.or([e('agencies.id', 'in', roster), e.and([e.not(e.exists(roster)), e('agencies.active', '=', 1)])]);
}

/**
 * Gives every published round that has no stored roster yet (published before rosters existed,
 * or set published directly, as the demo loader does) the roster it has now: the active agencies
 * and every agency with a current report in it. Called before the registry changes, so adding,
 * merging or deactivating an agency never reaches a published round.
 */
export async function freezeMissingRosters(db: Executor): Promise<number> {
	const bare = await db
		.selectFrom('rounds')
		.select('id')
		.where('status', '=', 'published')
		.where(({ not, exists, selectFrom }) => not(exists(selectFrom('round_agencies').select('round_agencies.agency_id').whereRef('round_agencies.round_id', '=', 'rounds.id'))))
		.execute();
	for (const r of bare) {
		const active = await db.selectFrom('agencies').select('id').where('active', '=', 1).execute();
		const reporting = await db
			.selectFrom('reports')
			.select('agency_id')
			.where('round_id', '=', r.id)
			.where('agency_id', 'is not', null)
			.where('status', '=', 'scored')
			.where('superseded', '=', 0)
			.execute();
		const ids = [...new Set([...active.map((a) => a.id), ...reporting.map((x) => x.agency_id as number)])];
		for (let i = 0; i < ids.length; i += 500) {
			await db
				.insertInto('round_agencies')
				.values(ids.slice(i, i + 500).map((agency_id) => ({ round_id: r.id, agency_id })))
				.execute();
		}
	}
	return bare.length;
}

/** A period as the product writes it: a year (2019) or a half year (2017H1). */
export function isPeriod(p: string): boolean {
	return /^(19|20)\d\d(H[12])?$/.test(p);
}

export function periodLabel(p: string): string {
	const m = /^(\d{4})(H([12]))?$/.exec(p);
	if (!m) return p;
	return m[2] ? `${m[1]}年${m[3] === '1' ? '上' : '下'}半年` : `${m[1]}年度`;
}
