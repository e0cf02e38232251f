import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/bootstrap';
import { can, requirePermission } from '$lib/server/auth/policy';
import { appendAudit } from '$lib/server/db/audit';
import * as rounds from '$lib/server/db/rounds';
import * as rubrics from '$lib/server/db/rubrics';
import { STATUS_LABELS } from '$lib/server/rounds/workflow';
import { roundFields, roundProblem } from '$lib/server/rounds/edit';
import { m } from '$lib/paraglide/messages.js';

export const load: PageServerLoad = async ({ locals }) => {
	const user = requirePermission(locals.user, 'dashboards.view');
	const db = await getDb();
	const list = await rounds.listRounds(db);
	const counts = await db
		.selectFrom('reports')
		.select((eb) => ['round_id', eb.fn.countAll<number>().as('n')])
		.where('superseded', '=', 0)
		.where('withdrawn_at', 'is', null)
		.groupBy('round_id')
		.execute();
	const n = new Map(counts.map((c) => [c.round_id, Number(c.n)]));
	return {
		rounds: list.map((r) => ({
			id: r.id,
			name: r.name,
			period: r.period,
			periodLabel: rounds.periodLabel(r.period),
			deadline: r.deadline,
			status: r.status,
			statusLabel: STATUS_LABELS[r.status],
			publishedAt: r.published_at,
			reports: n.get(r.id) ?? 0
		})),
		canManage: can(user, 'rounds.manage')
	};
};

export const actions: Actions = {
	create: async ({ request, locals, getClientAddress }) => {
		const user = requirePermission(locals.user, 'rounds.manage');
		const f = roundFields(await request.formData());
		const { name, period, deadline } = f;
		const values = { name, period, deadline: deadline ?? '' };
		const db = await getDb();
		const problem = await roundProblem(db, f);
		if (problem) return fail(400, { ...values, message: problem });
		const rubric = await rubrics.latestRubric(db);
		if (!rubric) return fail(500, { ...values, message: m.sv_round_needs_rubric() });
		const id = await rounds.insertRound(db, { name, period, rubricId: rubric.id, deadline, status: 'draft' });
		await appendAudit(db, {
			userId: user.id,
			username: user.username,
			action: 'round_create',
			entity: 'round',
			entityId: id,
			after: { name, period, deadline, rubricId: rubric.id, status: 'draft' },
			ip: getClientAddress()
		});
		redirect(303, `/rounds/${id}`);
	}
};
