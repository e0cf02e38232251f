/**
 * A published round is a snapshot (issue 14): its roster (the agencies expected, frozen at publish
 * time), reports, scores and overrides do not change. Every mutating route asks `frozenProblem`
 * and answers the same 409 with the same message; reopening (audited) is the way to change one.
 */
import { error } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import type { DB, Round } from '../db/schema';
import { m } from '../../paraglide/messages.js';

type Executor = Kysely<DB>;

export const FROZEN_STATUS = 409 as const;

/** `{ status: 409, message }` when the round is published (scores frozen), else null. */
export function frozenProblem(round: Pick<Round, 'status'>): { status: 409; message: string } | null {
	return round.status === 'published' ? { status: FROZEN_STATUS, message: m.sv_round_frozen() } : null;
}

/** Throws the frozen-round 409 (routes that answer with an HttpError). */
export function assertNotFrozen(round: Pick<Round, 'status'>): void {
	const p = frozenProblem(round);
	if (p) error(p.status, p.message);
}

/** Does the round have a stored roster (it has been published at least once)? */
export async function hasRoster(db: Executor, roundId: number): Promise<boolean> {
	return !!(await db.selectFrom('round_agencies').select('agency_id').where('round_id', '=', roundId).limit(1).executeTakeFirst());
}

/**
 * Stores the round's roster at publish time: the roster it already has (a reopened round keeps
 * its roster) or else every active agency, plus every agency with a current report in the round.
 */
export async function snapshotRoster(db: Executor, roundId: number): Promise<number> {
	const had = await hasRoster(db, roundId);
	const base = had ? [] : await db.selectFrom('agencies').select('id').where('active', '=', 1).execute();
	const reporting = await db
		.selectFrom('reports')
		.select('agency_id')
		.where('round_id', '=', roundId)
		.where('agency_id', 'is not', null)
		.where('status', '=', 'scored')
		.where('superseded', '=', 0)
		.execute();
	const existing = new Set((await db.selectFrom('round_agencies').select('agency_id').where('round_id', '=', roundId).execute()).map((r) => r.agency_id));
	const add = [...new Set([...base.map((a) => a.id), ...reporting.map((r) => r.agency_id as number)])].filter((id) => !existing.has(id));
	for (let i = 0; i < add.length; i += 500) {
		await db
			.insertInto('round_agencies')
			.values(add.slice(i, i + 500).map((agency_id) => ({ round_id: roundId, agency_id })))
			.execute();
	}
	return existing.size + add.length;
}

export interface RoundConsequences {
	/** agencies expected (the stored roster, or the active agencies) */
	expected: number;
	submitted: number;
	/** expected agencies without a current scored report (未报送) */
	missing: number;
	/** reports waiting for an agency (待指定) */
	unassigned: number;
	/** overrides in force in the round (under its rubric version) */
	overrides: number;
	/** overrides waiting for review (待复核) */
	pendingReviews: number;
}

/** The counts a confirmation dialog states ("34 家未报送、1 份待指定、1 条人工调整待复核"). */
export async function roundConsequences(db: Executor, round: Pick<Round, 'id' | 'rubric_id'>): Promise<RoundConsequences> {
	const roster = await hasRoster(db, round.id);
	let expectedQ = db.selectFrom('agencies').select((eb) => eb.fn.countAll<number>().as('n'));
	expectedQ = roster
		? expectedQ.where('id', 'in', db.selectFrom('round_agencies').select('agency_id').where('round_id', '=', round.id))
		: expectedQ.where('active', '=', 1);
	let submittedQ = db
		.selectFrom('reports')
		.select((eb) => eb.fn.count<number>('agency_id').distinct().as('n'))
		.where('round_id', '=', round.id)
		.where('status', '=', 'scored')
		.where('superseded', '=', 0)
		.where('agency_id', 'is not', null);
	submittedQ = roster
		? submittedQ.where('agency_id', 'in', db.selectFrom('round_agencies').select('agency_id').where('round_id', '=', round.id))
		: submittedQ.where('agency_id', 'in', db.selectFrom('agencies').select('id').where('active', '=', 1));
	const [expected, submitted, unassigned, overrides, pending] = await Promise.all([
		expectedQ.executeTakeFirstOrThrow(),
		submittedQ.executeTakeFirstOrThrow(),
		db
			.selectFrom('reports')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('round_id', '=', round.id)
			.where('status', '=', 'needs_agency')
			.where('superseded', '=', 0)
			.executeTakeFirstOrThrow(),
		db
			.selectFrom('scores')
			.innerJoin('reports', 'reports.id', 'scores.report_id')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('reports.round_id', '=', round.id)
			.where('reports.superseded', '=', 0)
			.where('scores.rubric_id', '=', round.rubric_id)
			.where('scores.overridden', '=', 1)
			.executeTakeFirstOrThrow(),
		db
			.selectFrom('override_reviews as v')
			.innerJoin('reports', 'reports.id', 'v.report_id')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('reports.round_id', '=', round.id)
			.where('reports.withdrawn_at', 'is', null)
			.where('v.rubric_id', '=', round.rubric_id)
			.where('v.resolved_at', 'is', null)
			.executeTakeFirstOrThrow()
	]);
	const e = Number(expected.n);
	const s = Number(submitted.n);
	return { expected: e, submitted: s, missing: Math.max(0, e - s), unassigned: Number(unassigned.n), overrides: Number(overrides.n), pendingReviews: Number(pending.n) };
}
