import { fail } from '@sveltejs/kit';
import { agencyOptions } from '$lib/server/agency-order';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/bootstrap';
import { requirePermission } from '$lib/server/auth/policy';
import { appendAudit } from '$lib/server/db/audit';
import * as agencies from '$lib/server/db/agencies';
import * as rounds from '$lib/server/db/rounds';
import { roundFields, roundProblem } from '$lib/server/rounds/edit';
import * as rubrics from '$lib/server/db/rubrics';
import { acceptedFormats } from '$lib/server/import/decode';
import { config } from '$lib/server/env';
import { m } from '$lib/paraglide/messages.js';

export const load: PageServerLoad = async ({ locals, url }) => {
	requirePermission(locals.user, 'import.run');
	const db = await getDb();
	const list = await rounds.listRounds(db);
	const wanted = Number(url.searchParams.get('round'));
	const current = list.find((r) => r.id === wanted) ?? list.find((r) => r.status !== 'published') ?? list[0] ?? null;
	return {
		rounds: list.map((r) => ({ id: r.id, name: r.name, period: r.period, status: r.status, statusLabel: rounds.ROUND_STATUS_LABELS[r.status] })),
		currentRoundId: current?.id ?? null,
		agencies: agencyOptions((await agencies.listAgencies(db, { activeOnly: true })).map((a) => ({ id: a.id, name: a.name, group: a.group_name }))),
		accepted: acceptedFormats(),
		maxFileMb: Math.round(config.maxFileBytes / 1048576)
	};
};

export const actions: Actions = {
	createRound: async ({ request, locals }) => {
		const user = requirePermission(locals.user, 'rounds.manage');
		const form = await request.formData();
		const fields = roundFields(form);
		const { name, period, deadline } = fields;
		const db = await getDb();
		// the same validation as the round page's create and edit (deadline after the period, no duplicate)
		const problem = await roundProblem(db, fields);
		if (problem) return fail(400, { roundError: problem, name, period });
		const rubric = await rubrics.latestRubric(db);
		if (!rubric) return fail(500, { roundError: m.err_rubric_missing(), name, period });
		const id = await rounds.insertRound(db, { name, period, rubricId: rubric.id, deadline, status: 'open' });
		await appendAudit(db, { userId: user.id, username: user.username, action: 'round_create', entity: 'round', entityId: id, after: { name, period, deadline } });
		return { created: id };
	}
};
