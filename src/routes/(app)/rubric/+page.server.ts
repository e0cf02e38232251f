import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { getDb } from '$lib/server/bootstrap';
import { can, requirePermission } from '$lib/server/auth/policy';
import { appendAudit } from '$lib/server/db/audit';
import * as rounds from '$lib/server/db/rounds';
import * as rubrics from '$lib/server/db/rubrics';
import { draftFromForm } from '$lib/server/rubric/draft';
import { previewRound } from '$lib/server/rubric/preview';
import { rescoreRound } from '$lib/server/scoring/rescore';
import { STATUS_LABELS } from '$lib/server/rounds/workflow';
import { rubricErrorText } from '$lib/i18n/rubric-errors';
import { m } from '$lib/paraglide/messages.js';
import type { RubricDefinition } from '$lib/analysis/rubric';

export const load: PageServerLoad = async ({ locals }) => {
	const user = requirePermission(locals.user, 'rubric.view');
	const db = await getDb();
	const current = await rubrics.latestRubric(db);
	if (!current) error(500, m.err_rubric_missing());
	const manage = can(user, 'rubric.manage');
	// Issue 13: agency users see indicators, points, the level rule and descriptions — never the
	// matching terms, which are not even sent (a report padded with them would score itself).
	const showTerms = can(user, 'dashboards.view');
	return {
		rubric: { id: current.id, version: current.version, createdAt: current.createdAt, definition: showTerms ? current.definition : withoutTerms(current.definition) },
		showTerms,
		canManage: manage,
		versions: manage ? (await rubrics.listRubrics(db)).map((v) => ({ id: v.id, key: v.key, version: v.version, name: v.name, createdAt: v.createdAt })) : [],
		rounds: manage
			? (await rounds.listRounds(db)).map((r) => ({ id: r.id, name: r.name, status: r.status, statusLabel: STATUS_LABELS[r.status], rubricId: r.rubric_id }))
			: []
	};
};

/** The rubric as an agency user may read it: everything but the evidence terms and term filters. */
function withoutTerms(def: RubricDefinition): RubricDefinition {
	return {
		...def,
		dimensions: def.dimensions.map((d) => ({
			...d,
			indicators: d.indicators.map(({ terms: _t, with: _w, specifics: _s, ...ind }) => ({ ...ind, terms: [] }))
		}))
	};
}

async function draftOf(event: RequestEvent) {
	const user = requirePermission(event.locals.user, 'rubric.manage');
	const form = await event.request.formData();
	const db = await getDb();
	const base = await rubrics.latestRubric(db);
	if (!base) error(500, m.err_rubric_missing());
	const get = (k: string) => {
		const v = form.get(k);
		return typeof v === 'string' ? v : null;
	};
	return { user, form, db, base, result: draftFromForm(base.definition, base.version + 1, get) };
}

export const actions: Actions = {
	preview: async (event) => {
		const { form, db, result } = await draftOf(event);
		if (!result.ok) return fail(400, { errors: result.issues.map(rubricErrorText), draft: result.draft });
		const roundId = Number(form.get('roundId'));
		const round = Number.isInteger(roundId) ? await rounds.findRound(db, roundId) : undefined;
		if (!round) return fail(400, { errors: [m.sv_rubric_pick_preview_round()], draft: result.rubric });
		const started = Date.now();
		const rows = await previewRound(db, round, result.rubric);
		return { draft: result.rubric, changed: result.changed, preview: { roundId: round.id, roundName: round.name, rows, ms: Date.now() - started } };
	},
	save: async (event) => {
		const { user, db, result, base } = await draftOf(event);
		if (!result.ok) return fail(400, { errors: result.issues.map(rubricErrorText), draft: result.draft });
		if (result.changed.length === 0 && result.rubric.name === base.name) {
			return fail(400, { errors: [m.sv_rubric_no_changes()], draft: result.rubric });
		}
		const id = await rubrics.insertRubric(db, result.rubric, user.id);
		await appendAudit(db, {
			userId: user.id,
			username: user.username,
			action: 'rubric_create',
			entity: 'rubric',
			entityId: id,
			before: { version: base.version },
			after: { version: result.rubric.version, name: result.rubric.name, changed: result.changed },
			ip: event.getClientAddress()
		});
		return { saved: m.sv_rubric_saved({ version: result.rubric.version, count: result.changed.length }) };
	},
	assign: async ({ locals, request }) => {
		const user = requirePermission(locals.user, 'rubric.manage');
		const form = await request.formData();
		const db = await getDb();
		const round = await rounds.findRound(db, Number(form.get('roundId')));
		const rubric = await rubrics.findRubric(db, Number(form.get('rubricId')));
		if (!round || !rubric) return fail(400, { assignError: m.sv_rubric_pick_round_version() });
		if (round.status === 'published') return fail(409, { assignError: m.sv_rubric_assign_frozen() });
		const r = await rescoreRound(db, round.id, rubric.id, { id: user.id, username: user.username });
		return { assigned: m.sv_rubric_assigned({ version: rubric.version, round: round.name, count: r.reports }) };
	}
};
