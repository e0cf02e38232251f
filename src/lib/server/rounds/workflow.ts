/**
 * The round workflow (issue 6) as data: draft → open → review → published, and a published round
 * reopened to review by a supervisor with a reason. Every change is audited in the same
 * transaction as the status write.
 */
import { error } from '@sveltejs/kit';
import type { Database } from '../db/connect';
import { appendAudit } from '../db/audit';
import type { Round, RoundStatus } from '../db/schema';

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

export const TRANSITIONS: readonly Transition[] = [
	{ from: 'draft', to: 'open', label: '开始报送', action: 'round_open', needsReason: false, hint: '各单位可在截止日期前报送；逾期报送会被接收并标记为逾期。' },
	{ from: 'open', to: 'review', label: '截止报送，进入评审', action: 'round_review', needsReason: false, hint: '报送关闭，评审人员可调整评分。' },
	{ from: 'review', to: 'published', label: '发布结果', action: 'round_publish', needsReason: false, hint: '发布后分数冻结，各单位可查看本单位得分和整改清单。' },
	{ from: 'published', to: 'review', label: '重新打开评审', action: 'round_reopen', needsReason: true, hint: '发布后如需调整评分，须说明理由重新打开，操作将记入审计日志。' }
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

/** Checks a transition without touching the database: null when allowed, else the Chinese reason. */
export function transitionProblem(from: RoundStatus, to: RoundStatus, reason: string | null | undefined): string | null {
	const t = findTransition(from, to);
	if (!t) {
		const allowed = transitionsFrom(from).map((x) => `“${STATUS_LABELS[x.to]}”`);
		return `不能从“${STATUS_LABELS[from]}”变更为“${STATUS_LABELS[to]}”${allowed.length ? `，当前只能变更为${allowed.join('或')}` : ''}`;
	}
	if (t.needsReason && !(reason ?? '').trim()) return '重新打开已发布的轮次须填写理由';
	return null;
}

/**
 * Moves a round to `to`, audited. Invalid transitions come back as a value with a clear message.
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
		if (!round) return { ok: false, status: 404, message: '考核轮次不存在' } as const;
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
		if (Number(res.numUpdatedRows) !== 1) return { ok: false, status: 409, message: '轮次状态已被他人修改，请刷新后重试' } as const;
		await appendAudit(
			trx,
			{
				userId: user.id,
				username: user.username,
				action: t.action,
				entity: 'round',
				entityId: roundId,
				before: { status: round.status },
				after: { status: to, ...(opts.reason?.trim() ? { reason: opts.reason.trim() } : {}) },
				ip: opts.ip ?? null
			},
			now
		);
		return { ok: true, round: { ...round, status: to, published_at: publishedAt } } as const;
	});
}

/** Why an override is refused for a round in this state, or null when it is allowed. */
export function overrideProblem(round: Pick<Round, 'status'>): string | null {
	if (round.status === 'published') return '该轮次结果已发布，分数已冻结；如需调整，请考核管理员先重新打开评审';
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

/** Why an agency may not submit to this round, or null when it may (open rounds only). */
export function submissionProblem(round: Pick<Round, 'status'>): string | null {
	switch (round.status) {
		case 'open':
			return null;
		case 'draft':
			return '该轮次尚未开始报送';
		case 'review':
			return '该轮次已截止报送，正在评审';
		case 'published':
			return '该轮次结果已发布，不再接收报送';
	}
}

/** Is a submission at `now` after the round's deadline (the whole deadline day counts as on time)? */
export function isLate(round: Pick<Round, 'deadline'>, now = new Date()): boolean {
	return !!round.deadline && now.toISOString().slice(0, 10) > round.deadline.slice(0, 10);
}
