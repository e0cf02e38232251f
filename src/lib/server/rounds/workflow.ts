/**
 * The round workflow (issue 6) as data: draft → open → review → published, and a published round
 * reopened to review by a supervisor with a reason. Every change is audited in the same
 * transaction as the status write.
 */
import { error } from '@sveltejs/kit';
import type { Database } from '../db/connect';
import { appendAudit } from '../db/audit';
import { snapshotRoster } from './integrity';
import type { Round, RoundStatus } from '../db/schema';
import { roundStatusLabel } from '../../i18n/labels';
import { m } from '../../paraglide/messages.js';
import { config } from '../env';
import { formatDate } from '../../time';

export interface Transition {
	from: RoundStatus;
	to: RoundStatus;
	/** the button label */
	label: string;
	/** the action name written to the audit log */
	action: string;
	/** a reason must be given (reopening published results) */
	needsReason: boolean;
	/** shown before the button */
	hint: string;
}

// label/hint are getters: they render in the request's language when read (Chinese outside a request).
export const TRANSITIONS: readonly Transition[] = [
	{ from: 'draft', to: 'open', get label() { return m.trans_open_label(); }, action: 'round_open', needsReason: false, get hint() { return m.trans_open_hint(); } },
	{ from: 'open', to: 'review', get label() { return m.trans_review_label(); }, action: 'round_review', needsReason: false, get hint() { return m.trans_review_hint(); } },
	{ from: 'review', to: 'published', get label() { return m.trans_publish_label(); }, action: 'round_publish', needsReason: false, get hint() { return m.trans_publish_hint(); } },
	{ from: 'published', to: 'review', get label() { return m.trans_reopen_label(); }, action: 'round_reopen', needsReason: true, get hint() { return m.trans_reopen_hint(); } }
];

export const STATUS_LABELS: Record<RoundStatus, string> = {
	draft: '草稿',
	open: '报送中',
	review: '评审中',
	published: '已发布'
};

export function transitionsFrom(status: RoundStatus): Transition[] {
	return TRANSITIONS.filter((t) => t.from === status);
}

export function findTransition(from: RoundStatus, to: RoundStatus): Transition | undefined {
	return TRANSITIONS.find((t) => t.from === from && t.to === to);
}

export function isRoundStatus(x: string): x is RoundStatus {
	return x === 'draft' || x === 'open' || x === 'review' || x === 'published';
}

export type TransitionResult = { ok: true; round: Round } | { ok: false; status: 400 | 404 | 409; message: string };

/**
 * Checks a transition without touching the database: null when allowed, else the reason in the
 * request's language (Chinese outside a request).
 */
export function transitionProblem(from: RoundStatus, to: RoundStatus, reason: string | null | undefined): string | null {
	const t = findTransition(from, to);
	if (!t) {
		const names = { from: roundStatusLabel(from), to: roundStatusLabel(to) };
		const allowed = transitionsFrom(from).map((x) => `“${roundStatusLabel(x.to)}”`);
		return allowed.length
			? m.sv_transition_invalid_allowed({ ...names, allowed: allowed.join(m.sv_list_or()) })
			: m.sv_transition_invalid(names);
	}
	if (t.needsReason && !(reason ?? '').trim()) return m.sv_reopen_reason_required();
	return null;
}

/**
 * Moves a round to `to`, audited. Invalid transitions come back as a value with a clear message
 * in the request's language.
 * @example await transitionRound(db, 3, 'published', user)
 */
export async function transitionRound(
	db: Database,
	roundId: number,
	to: RoundStatus,
	user: { id: number | null; username: string | null },
	opts: { reason?: string | null; ip?: string | null; now?: Date } = {}
): Promise<TransitionResult> {
	const now = opts.now ?? new Date();
	return db.transaction().execute(async (trx) => {
		const round = await trx.selectFrom('rounds').selectAll().where('id', '=', roundId).executeTakeFirst();
		if (!round) return { ok: false, status: 404, message: m.err_round_not_found() } as const;
		const problem = transitionProblem(round.status, to, opts.reason);
		if (problem) return { ok: false, status: round.status === to ? 409 : 400, message: problem } as const;
		const t = findTransition(round.status, to)!;
		const publishedAt = to === 'published' ? now.toISOString() : to === 'review' && round.status === 'published' ? null : round.published_at;
		// The status is part of the WHERE: two supervisors clicking at once cannot both succeed.
		const res = await trx
			.updateTable('rounds')
			.set({ status: to, published_at: publishedAt })
			.where('id', '=', roundId)
			.where('status', '=', round.status)
			.executeTakeFirst();
		if (Number(res.numUpdatedRows) !== 1) return { ok: false, status: 409, message: m.sv_round_changed_concurrently() } as const;
		// The roster (agencies expected) is frozen with the results (issue 14).
		const roster = to === 'published' ? await snapshotRoster(trx, roundId) : undefined;
		await appendAudit(
			trx,
			{
				userId: user.id,
				username: user.username,
				action: t.action,
				entity: 'round',
				entityId: roundId,
				before: { status: round.status },
				after: { status: to, ...(opts.reason?.trim() ? { reason: opts.reason.trim() } : {}), ...(roster === undefined ? {} : { roster }) },
				ip: opts.ip ?? null
			},
			now
		);
		return { ok: true, round: { ...round, status: to, published_at: publishedAt } } as const;
	});
}

/** Why an override is refused for a round in this state (request's language), or null when it is allowed. */
export function overrideProblem(round: Pick<Round, 'status'>): string | null {
	if (round.status === 'published') return m.sv_round_frozen();
	return null;
}

/**
 * Throws 409 when scores of this round may not be overridden (published, not reopened).
 * The override action calls it before writing.
 * @example assertOverridable(round) // throws HttpError 409 for a published round
 */
export function assertOverridable(round: Pick<Round, 'status'>): void {
	const p = overrideProblem(round);
	if (p) error(409, p);
}

/** Why an agency may not submit to this round (request's language), or null when it may (open rounds only). */
export function submissionProblem(round: Pick<Round, 'status'>): string | null {
	switch (round.status) {
		case 'open':
			return null;
		case 'draft':
			return m.ix_closed_draft();
		case 'review':
			return m.ix_closed_review();
		case 'published':
			return m.sv_round_frozen(); // the same refusal as every other change to a published round
	}
}

/** Is a submission at `now` after the round's deadline (the whole deadline day, in the office's time zone, counts as on time)? */
export function isLate(round: Pick<Round, 'deadline'>, now = new Date(), timeZone = config.timeZone): boolean {
	return !!round.deadline && formatDate(now, timeZone) > round.deadline.slice(0, 10);
}
