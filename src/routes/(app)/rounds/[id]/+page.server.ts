import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/bootstrap';
import { can, requirePermission } from '$lib/server/auth/policy';
import * as rounds from '$lib/server/db/rounds';
import * as rubrics from '$lib/server/db/rubrics';
import { SUBMISSION_LABELS, submissionBoard } from '$lib/server/db/submissions';
import { STATUS_LABELS, isRoundStatus, transitionRound, transitionsFrom } from '$lib/server/rounds/workflow';
import * as agencies from '$lib/server/db/agencies';
import { frozenProblem, roundConsequences } from '$lib/server/rounds/integrity';
import { deleteRound, editRound, roundFields } from '$lib/server/rounds/edit';
import { reassignReport, unassignedReports } from '$lib/server/rounds/report-fix';
import { pendingReviews } from '$lib/server/scoring/override';
import { planRescore, rescoreRound } from '$lib/server/scoring/rescore';
import { m } from '$lib/paraglide/messages.js';
import { periodLabel, roundStatusLabel } from '$lib/i18n/labels';

const MAX_REASON = 500;

/** Transitions with consequences need the dialog's confirmation (server side too). */
const NEEDS_CONFIRM = new Set(['open>review', 'review>published']);

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
	const manage = can(user, 'rounds.manage');
	const rubricManage = can(user, 'rubric.manage');
	const versions = rubricManage ? await db.selectFrom('rubrics').select(['id', 'version', 'name']).orderBy('version', 'desc').execute() : [];
	return {
		consequences: await roundConsequences(db, round),
		unassigned: await unassignedReports(db, round.id),
		reviews: (await pendingReviews(db, { roundId: round.id })).map((r) => ({ ...r, indicatorName: rubric?.definition.dimensions.flatMap((d) => d.indicators).find((i) => i.id === r.indicatorId)?.name ?? r.indicatorId })),
		agencyOptions: manage ? (await agencies.listAgencies(db, { activeOnly: true })).map((a) => ({ id: a.id, name: a.name, group: a.group_name })) : [],
		canManage: manage,
		canRescore: rubricManage && round.status !== 'published',
		versions: versions.map((v) => ({ id: v.id, label: m.sv_rubric_name_version({ name: v.name, version: v.version }) })),
		round: {
			id: round.id,
			name: round.name,
			period: round.period,
			rubricId: round.rubric_id,
			empty: (await db.selectFrom('reports').select('id').where('round_id', '=', round.id).limit(1).executeTakeFirst()) === undefined,
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
		const current = await rounds.findRound(db, roundId(params.id));
		if (current && NEEDS_CONFIRM.has(`${current.status}>${to}`) && form.get('confirm') !== '1') return fail(400, { message: m.rn_confirm_required() });
		const r = await transitionRound(db, roundId(params.id), to, { id: user.id, username: user.username }, { reason, ip: getClientAddress() });
		if (!r.ok) return fail(r.status, { message: r.message });
		return { done: m.sv_round_status_changed({ status: roundStatusLabel(to) }) };
	},
	edit: async ({ locals, params, request, getClientAddress }) => {
		const user = requirePermission(locals.user, 'rounds.manage');
		const f = roundFields(await request.formData());
		const r = await editRound(await getDb(), roundId(params.id), f, { id: user.id, username: user.username }, getClientAddress());
		if (!r.ok) return fail(r.status, { message: r.message, edit: { ...f, deadline: f.deadline ?? '' } });
		return { done: m.re_saved() };
	},
	delete: async ({ locals, params, request, getClientAddress }) => {
		const user = requirePermission(locals.user, 'rounds.manage');
		const form = await request.formData();
		if (form.get('confirm') !== '1') return fail(400, { message: m.rn_confirm_required() });
		const r = await deleteRound(await getDb(), roundId(params.id), { id: user.id, username: user.username }, getClientAddress());
		if (!r.ok) return fail(r.status, { message: r.message });
		redirect(303, '/rounds');
	},
	assign: async ({ locals, params, request }) => {
		const user = requirePermission(locals.user, 'rounds.manage');
		const form = await request.formData();
		const reportId = Number(form.get('reportId'));
		const agencyId = Number(form.get('agencyId'));
		if (!reportId || !agencyId) return fail(400, { message: m.ix_choose_or_new_agency() });
		const db = await getDb();
		const report = await db.selectFrom('reports').select('round_id').where('id', '=', reportId).executeTakeFirst();
		if (!report || report.round_id !== roundId(params.id)) return fail(404, { message: m.err_report_not_found() });
		const r = await reassignReport(db, reportId, agencyId, { id: user.id, username: user.username }, { confirmReplace: form.get('replace') === '1' });
		if (!r.ok) return fail(r.status, { message: r.message, ...('replaces' in r ? { replaces: { reportId, agencyId, fileName: r.replaces.fileName } } : {}) });
		return { done: r.message };
	},
	rescorePlan: async ({ locals, params, request }) => {
		requirePermission(locals.user, 'rubric.manage');
		const form = await request.formData();
		const db = await getDb();
		const round = await rounds.findRound(db, roundId(params.id));
		if (!round) error(404, m.err_round_not_found());
		const frozen = frozenProblem(round);
		if (frozen) return fail(frozen.status, { message: frozen.message });
		const rubric = await rubrics.findRubric(db, Number(form.get('rubricId')) || round.rubric_id);
		if (!rubric) return fail(400, { message: m.sv_rubric_pick_round_version() });
		const p = await planRescore(db, round.id, rubric.id);
		return { rescorePlan: { rubricId: rubric.id, version: rubric.version, reports: p.reports, kept: p.kept, needsReview: p.needsReview } };
	},
	rescore: async ({ locals, params, request }) => {
		const user = requirePermission(locals.user, 'rubric.manage');
		const form = await request.formData();
		if (form.get('confirm') !== '1') return fail(400, { message: m.rn_confirm_required() });
		const db = await getDb();
		const round = await rounds.findRound(db, roundId(params.id));
		if (!round) error(404, m.err_round_not_found());
		const frozen = frozenProblem(round);
		if (frozen) return fail(frozen.status, { message: frozen.message });
		const rubric = await rubrics.findRubric(db, Number(form.get('rubricId')));
		if (!rubric) return fail(400, { message: m.sv_rubric_pick_round_version() });
		const r = await rescoreRound(db, round.id, rubric.id, { id: user.id, username: user.username });
		return { done: m.rs_done({ reports: r.reports, kept: r.kept, review: r.needsReview }) };
	}
};
