import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/bootstrap';
import { can, requirePermission } from '$lib/server/auth/policy';
import * as rounds from '$lib/server/db/rounds';
import * as rubrics from '$lib/server/db/rubrics';
import { SUBMISSION_LABELS, submissionBoard } from '$lib/server/db/submissions';
import { STATUS_LABELS, isRoundStatus, transitionRound, transitionsFrom } from '$lib/server/rounds/workflow';
import { m } from '$lib/paraglide/messages.js';
import { periodLabel, roundStatusLabel } from '$lib/i18n/labels';

const MAX_REASON = 500;

function roundId(raw: string): number {
	const id = Number(raw);
	if (!Number.isInteger(id) || id <= 0) error(404, m.err_round_not_found());
	return id;
}

export const load: PageServerLoad = async ({ locals, params }) => {
	const user = requirePermission(locals.user, 'dashboards.view');
	const db = await getDb();
	const round = await rounds.findRound(db, roundId(params.id));
	if (!round) error(404, m.err_round_not_found());
	const rubric = await rubrics.findRubric(db, round.rubric_id);
	const board = await submissionBoard(db, round.id);
	const history = await db
		.selectFrom('audit_log')
		.select(['at', 'username', 'action', 'before', 'after'])
		.where('entity', '=', 'round')
		.where('entity_id', '=', String(round.id))
		.orderBy('id', 'desc')
		.limit(50)
		.execute();
	const reasonOf = (json: string | null): string | null => {
		if (!json) return null;
		try {
			const v: unknown = JSON.parse(json);
			return typeof v === 'object' && v !== null && 'reason' in v && typeof v.reason === 'string' ? v.reason : null;
		} catch {
			return null;
		}
	};
	return {
		round: {
			id: round.id,
			name: round.name,
			periodLabel: periodLabel(round.period),
			deadline: round.deadline,
			status: round.status,
			statusLabel: STATUS_LABELS[round.status],
			publishedAt: round.published_at,
			rubricName: rubric ? m.sv_rubric_name_version({ name: rubric.name, version: rubric.version }) : '—'
		},
		transitions: can(user, 'rounds.manage')
			? transitionsFrom(round.status).map((t) => ({ to: t.to, label: t.label, hint: t.hint, needsReason: t.needsReason }))
			: [],
		board: board.map((b) => ({ ...b, stateLabel: SUBMISSION_LABELS[b.state] })),
		counts: {
			submitted: board.filter((b) => b.state === 'submitted').length,
			late: board.filter((b) => b.state === 'late').length,
			missing: board.filter((b) => b.state === 'missing').length
		},
		history: history.map((h) => ({ at: h.at, username: h.username, action: h.action, reason: reasonOf(h.after) }))
	};
};

export const actions: Actions = {
	transition: async ({ locals, params, request, getClientAddress }) => {
		const user = requirePermission(locals.user, 'rounds.manage');
		const form = await request.formData();
		const to = String(form.get('to') ?? '');
		const reason = String(form.get('reason') ?? '').trim();
		if (!isRoundStatus(to)) return fail(400, { message: m.sv_target_status_invalid() });
		if (reason.length > MAX_REASON) return fail(400, { message: m.sv_reason_too_long({ max: MAX_REASON }) });
		const db = await getDb();
		const r = await transitionRound(db, roundId(params.id), to, { id: user.id, username: user.username }, { reason, ip: getClientAddress() });
		if (!r.ok) return fail(r.status, { message: r.message });
		return { done: m.sv_round_status_changed({ status: roundStatusLabel(to) }) };
	}
};
