import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import type { AnalysisResult, SectionRole } from '$lib/analysis/analyze';
import { getDb } from '$lib/server/bootstrap';
import { can, canSeeAgency, requirePermission } from '$lib/server/auth/policy';
import type { SessionUser } from '$lib/server/auth/session';
import * as reports from '$lib/server/db/reports';
import * as rubrics from '$lib/server/db/rubrics';
import { pendingReviews, resolveReview, setOverride } from '$lib/server/scoring/override';
import * as agencies from '$lib/server/db/agencies';
import { moveReport, reassignReport, restoreReport, withdrawReport, type FixResult } from '$lib/server/rounds/report-fix';
import { m } from '$lib/paraglide/messages.js';
import { holdText, parseHeld, releaseHeld } from '$lib/server/import/submission-check';

type AnalysisDoc = Pick<AnalysisResult, 'sections' | 'noise' | 'tables' | 'checks' | 'score'>;

async function loadReport(id: number, user: SessionUser | null) {
	const db = await getDb();
	const report = await db
		.selectFrom('reports')
		.innerJoin('rounds', 'rounds.id', 'reports.round_id')
		.leftJoin('agencies', 'agencies.id', 'reports.agency_id')
		.select([
			'reports.id',
			'reports.file_name',
			'reports.file_type',
			'reports.encoding',
			'reports.original_text',
			'reports.meta',
			'reports.analysis',
			'reports.status',
			'reports.late',
			'reports.superseded',
			'reports.withdrawn_at',
			'reports.withdrawn_reason',
			'reports.held',
			'reports.imported_at',
			'reports.agency_id',
			'agencies.name as agency_name',
			'rounds.id as round_id',
			'rounds.name as round_name',
			'rounds.status as round_status',
			'rounds.rubric_id'
		])
		.where('reports.id', '=', id)
		.executeTakeFirst();
	if (!report) error(404, m.err_report_not_found());
	const staff = can(user, 'dashboards.view');
	if (!staff && !(canSeeAgency(user, report.agency_id) && report.round_status === 'published')) error(403, m.sv_no_view_report());
	return { db, report };
}

export const load: PageServerLoad = async ({ params, locals }) => {
	const { db, report } = await loadReport(Number(params.id), locals.user);
	const rubric = await rubrics.findRubric(db, report.rubric_id);
	const defs = new Map((rubric?.definition.dimensions ?? []).flatMap((d) => d.indicators.map((i) => [i.id, { ...i, dimensionName: d.name }] as const)));
	const scores = await db
		.selectFrom('scores')
		.selectAll()
		.where('report_id', '=', report.id)
		.where('rubric_id', '=', report.rubric_id)
		.execute();
	const ev = await reports.scoreEvidence(db, report.id, report.rubric_id);
	const history = await db
		.selectFrom('overrides')
		.leftJoin('users', 'users.id', 'overrides.user_id')
		.select(['overrides.id', 'overrides.indicator_id', 'overrides.level_before', 'overrides.level', 'overrides.reason', 'overrides.created_at', 'users.display_name'])
		.where('overrides.report_id', '=', report.id)
		.where('overrides.rubric_id', '=', report.rubric_id)
		.orderBy('overrides.id', 'desc')
		.execute();
	const analysis = (report.analysis ? JSON.parse(report.analysis) : { sections: [], noise: [], tables: [], checks: [], score: { total: 0, max: 0 } }) as AnalysisDoc;
	const meta = JSON.parse(report.meta) as AnalysisResult['meta'];
	const order = [...defs.keys()];
	// The newest override of each indicator gives the reason shown on its card (history is newest first).
	const reasons = new Map<string, string>();
	for (const h of history) if (!reasons.has(h.indicator_id)) reasons.set(h.indicator_id, h.reason);
	const indicators = scores
		.map((s) => {
			const d = defs.get(s.indicator_id);
			return {
				id: s.indicator_id,
				name: d?.name ?? s.indicator_id,
				dimension: s.dimension_id,
				dimensionName: d?.dimensionName ?? s.dimension_id,
				description: d?.description ?? '',
				points: d?.points ?? s.max,
				level: s.level as 0 | 1 | 2 | null,
				machineLevel: s.machine_level as 0 | 1 | 2 | null,
				score: s.score,
				max: s.max,
				overridden: !!s.overridden,
				overrideReason: s.overridden ? (reasons.get(s.indicator_id) ?? null) : null,
				evidence: ev.get(s.indicator_id)?.evidence ?? [],
				discounted: ev.get(s.indicator_id)?.discounted ?? []
			};
		})
		.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
	const total = indicators.reduce((s, i) => s + i.score, 0);
	const max = indicators.reduce((s, i) => s + i.max, 0);
	const fix = can(locals.user, 'import.run');
	const frozen = report.round_status === 'published';
	return {
		// Issue 14: a held report says why it does not count; supervisors may release it.
		held: parseHeld(report.held).map(holdText),
		canRelease: can(locals.user, 'rounds.manage') && !frozen && !report.withdrawn_at,
		reviews: await pendingReviews(db, { reportId: report.id }),
		canReview: can(locals.user, 'reports.override') && !frozen,
		canFix: fix && !frozen,
		fixRounds: fix
			? (await db.selectFrom('rounds').select(['id', 'name', 'status']).where('status', '!=', 'published').where('id', '!=', report.round_id).orderBy('period', 'desc').execute()).map((r) => ({ id: r.id, name: r.name }))
			: [],
		fixAgencies: fix ? (await agencies.listAgencies(db, { activeOnly: true })).map((a) => ({ id: a.id, name: a.name })) : [],
		report: {
			withdrawnAt: report.withdrawn_at,
			withdrawnReason: report.withdrawn_reason,
			id: report.id,
			fileName: report.file_name,
			fileType: report.file_type,
			encoding: report.encoding,
			text: report.original_text,
			status: report.status,
			late: !!report.late,
			superseded: !!report.superseded,
			importedAt: report.imported_at,
			agencyId: report.agency_id,
			agencyName: report.agency_name,
			round: { id: report.round_id, name: report.round_name, status: report.round_status }
		},
		meta,
		sections: analysis.sections as { start: number; end: number; heading: string; role: SectionRole; depth: number }[],
		noise: analysis.noise,
		tables: analysis.tables,
		checks: analysis.checks,
		indicators,
		total: Math.round(total * 100) / 100,
		max,
		history,
		canOverride: can(locals.user, 'reports.override') && report.round_status !== 'published'
	};
};

export const actions: Actions = {
	override: async ({ params, request, locals }) => {
		const user = requirePermission(locals.user, 'reports.override');
		const form = await request.formData();
		const indicatorId = String(form.get('indicator') ?? '');
		const level = Number(form.get('level'));
		const reason = String(form.get('reason') ?? '');
		const { db } = await loadReport(Number(params.id), user);
		const r = await setOverride(db, { reportId: Number(params.id), indicatorId, level, reason }, { id: user.id, username: user.username });
		if (!r.ok) return fail(r.status, { indicatorId, message: r.message, reason });
		return { indicatorId, saved: true };
	},
	withdraw: async ({ params, request, locals }) => {
		const user = requirePermission(locals.user, 'import.run');
		const form = await request.formData();
		return fixOutcome(await withdrawReport(await getDb(), Number(params.id), String(form.get('reason') ?? ''), user));
	},
	restore: async ({ params, request, locals }) => {
		const user = requirePermission(locals.user, 'import.run');
		const form = await request.formData();
		return fixOutcome(await restoreReport(await getDb(), Number(params.id), user, { confirmReplace: form.get('replace') === '1' }), 'restore');
	},
	move: async ({ params, request, locals }) => {
		const user = requirePermission(locals.user, 'import.run');
		const form = await request.formData();
		const target = Number(form.get('roundId'));
		if (!target) return fail(400, { fixMessage: m.rf_pick_round() });
		return fixOutcome(await moveReport(await getDb(), Number(params.id), target, user, { confirmReplace: form.get('replace') === '1' }), 'move', target);
	},
	assign: async ({ params, request, locals }) => {
		const user = requirePermission(locals.user, 'import.run');
		const form = await request.formData();
		const agencyId = Number(form.get('agencyId'));
		if (!agencyId) return fail(400, { fixMessage: m.ix_choose_or_new_agency() });
		return fixOutcome(await reassignReport(await getDb(), Number(params.id), agencyId, user, { confirmReplace: form.get('replace') === '1' }), 'assign', agencyId);
	},
	release: async ({ params, request, locals }) => {
		const user = requirePermission(locals.user, 'rounds.manage');
		const form = await request.formData();
		const r = await releaseHeld(await getDb(), Number(params.id), user, String(form.get('note') ?? '').slice(0, 500));
		if (!r.ok) return fail(r.status, { fixMessage: r.message });
		return { holdDone: m.hold_released() };
	},
	reviewKeep: async ({ request, locals }) => review(request, locals.user, 'keep'),
	reviewDismiss: async ({ request, locals }) => review(request, locals.user, 'dismiss')
};

/** A report fix as form state: the message, and what to repeat when it would replace a current report. */
function fixOutcome(r: FixResult, op?: 'restore' | 'move' | 'assign', target?: number) {
	if (r.ok) return { fixDone: r.message };
	if ('replaces' in r) return fail(r.status, { fixMessage: r.message, replaces: { op, target: target ?? null, fileName: r.replaces.fileName } });
	return fail(r.status, { fixMessage: r.message });
}

async function review(request: Request, who: SessionUser | null, decision: 'keep' | 'dismiss') {
	const user = requirePermission(who, 'reports.override');
	const form = await request.formData();
	const r = await resolveReview(await getDb(), Number(form.get('reviewId')), decision, user);
	if (!r.ok) return fail(r.status, { reviewMessage: r.message });
	return { reviewDone: decision === 'keep' ? m.rv_kept() : m.rv_dismissed() };
}
