/**
 * Which rounds a user may see (issue 14, point 7): staff see every round; agency users only the
 * rounds open to them (报送中) or published — not drafts, not rounds under review.
 */
import type { Kysely } from 'kysely';
import { can } from '../auth/policy';
import type { SessionUser } from '../auth/session';
import * as rounds from '../db/rounds';
import type { DB, Round, RoundStatus } from '../db/schema';
import type { RoundContext } from '../results/dashboard';

export function canSeeRound(user: SessionUser | null, status: RoundStatus): boolean {
	if (!user) return false;
	return can(user, 'dashboards.view') || status === 'open' || status === 'published';
}

/** The rounds this user may see, newest period first. */
export async function visibleRounds(db: Kysely<DB>, user: SessionUser | null): Promise<Round[]> {
	return (await rounds.listRounds(db)).filter((r) => canSeeRound(user, r.status));
}

/**
 * A dashboard round context cut down to what the user may see; an agency user whose chosen or
 * default round is hidden gets the newest published round instead (or none).
 */
export async function restrictContext(db: Kysely<DB>, ctx: RoundContext, user: SessionUser | null): Promise<RoundContext> {
	if (can(user, 'dashboards.view')) return ctx;
	const list = ctx.rounds.filter((r) => canSeeRound(user, r.status));
	let round = ctx.round && canSeeRound(user, ctx.round.status) ? ctx.round : null;
	if (!round) {
		const pub = list.find((r) => r.status === 'published');
		round = pub ? ((await rounds.findRound(db, pub.id)) ?? null) : null;
	}
	return { ...ctx, rounds: list, round };
}
