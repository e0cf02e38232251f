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

export const load: PageServerLoad = async ({ locals }) => {
	const user = requirePermission(locals.user, 'rubric.view');
	const db = await getDb();
	const current = await rubrics.latestRubric(db);
	if (!current) error(500, '缺少考评细则');
	const manage = can(user, 'rubric.manage');
	return {
		rubric: { id: current.id, version: current.version, createdAt: current.createdAt, definition: current.definition },
		canManage: manage,
		versions: manage ? (await rubrics.listRubrics(db)).map((v) => ({ id: v.id, key: v.key, version: v.version, name: v.name, createdAt: v.createdAt })) : [],
		rounds: manage
			? (await rounds.listRounds(db)).map((r) => ({ id: r.id, name: r.name, status: r.status, statusLabel: STATUS_LABELS[r.status], rubricId: r.rubric_id }))
			: []
	};
};

async function draftOf(event: RequestEvent) {
	const user = requirePermission(event.locals.user, 'rubric.manage');
	const form = await event.request.formData();
	const db = await getDb();
	const base = await rubrics.latestRubric(db);
	if (!base) error(500, '缺少考评细则');
	const get = (k: string) => {
		const v = form.get(k);
		return typeof v === 'string' ? v : null;
	};
	return { user, form, db, base, result: draftFromForm(base.definition, base.version + 1, get) };
}

export const actions: Actions = {
	preview: async (event) => {
		const { form, db, result } = await draftOf(event);
		if (!result.ok) return fail(400, { errors: result.errors, draft: result.draft });
		const roundId = Number(form.get('roundId'));
		const round = Number.isInteger(roundId) ? await rounds.findRound(db, roundId) : undefined;
		if (!round) return fail(400, { errors: ['请选择用于预览的考核轮次'], draft: result.rubric });
		const started = Date.now();
		const rows = await previewRound(db, round, result.rubric);
		return { draft: result.rubric, changed: result.changed, preview: { roundId: round.id, roundName: round.name, rows, ms: Date.now() - started } };
	},
	save: async (event) => {
		const { user, db, result, base } = await draftOf(event);
		if (!result.ok) return fail(400, { errors: result.errors, draft: result.draft });
		if (result.changed.length === 0 && result.rubric.name === base.name) {
			return fail(400, { errors: ['没有任何修改，无需保存新版本'], draft: result.rubric });
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
		return { saved: `已保存为第 ${result.rubric.version} 版（修改了 ${result.changed.length} 个指标）。已有轮次的分数不变，需在下方将新版本指定给轮次后重新评分。` };
	},
	assign: async ({ locals, request }) => {
		const user = requirePermission(locals.user, 'rubric.manage');
		const form = await request.formData();
		const db = await getDb();
		const round = await rounds.findRound(db, Number(form.get('roundId')));
		const rubric = await rubrics.findRubric(db, Number(form.get('rubricId')));
		if (!round || !rubric) return fail(400, { assignError: '请选择轮次和细则版本' });
		if (round.status === 'published') return fail(409, { assignError: '该轮次结果已发布，分数已冻结；请先重新打开评审再更换细则版本' });
		const r = await rescoreRound(db, round.id, rubric.id, { id: user.id, username: user.username });
		return { assigned: `已将第 ${rubric.version} 版指定给“${round.name}”，并重新评分 ${r.reports} 份报告` };
	}
};
