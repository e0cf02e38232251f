import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/bootstrap';
import { canSeeScores, requirePermission } from '$lib/server/auth/policy';
import type { SessionUser } from '$lib/server/auth/session';
import { config } from '$lib/server/env';
import * as agencies from '$lib/server/db/agencies';
import * as rounds from '$lib/server/db/rounds';
import { agencySubmissions } from '$lib/server/db/submissions';
import { createIngestContext, ingestFile } from '$lib/server/import/ingest';
import { ownResult } from '$lib/server/rounds/own-results';
import { STATUS_LABELS, submissionProblem } from '$lib/server/rounds/workflow';

function agencyOf(user: SessionUser): number {
	if (user.agencyId == null) error(403, '您的账户未关联单位，请联系系统管理员');
	return user.agencyId;
}

export const load: PageServerLoad = async ({ locals }) => {
	const user = requirePermission(locals.user, 'submission.own');
	const agencyId = agencyOf(user);
	const db = await getDb();
	const agency = await agencies.findAgency(db, agencyId);
	// Draft rounds are not announced to agencies yet.
	const list = (await rounds.listRounds(db)).filter((r) => r.status !== 'draft');
	const out = [];
	for (const r of list) {
		const subs = await agencySubmissions(db, r.id, agencyId);
		const result = canSeeScores(user, agencyId, r.status) ? await ownResult(db, r, agencyId) : null;
		out.push({
			id: r.id,
			name: r.name,
			periodLabel: rounds.periodLabel(r.period),
			deadline: r.deadline,
			status: r.status,
			statusLabel: STATUS_LABELS[r.status],
			closedReason: submissionProblem(r),
			submissions: subs.map((s) => ({ id: s.id, fileName: s.file_name, at: s.imported_at, late: !!s.late, current: !s.superseded })),
			result
		});
	}
	return { agencyName: agency?.name ?? '', rounds: out, maxFileMb: Math.round(config.maxFileBytes / 1048576) };
};

export const actions: Actions = {
	submit: async ({ locals, request }) => {
		const user = requirePermission(locals.user, 'submission.own');
		const agencyId = agencyOf(user);
		let form: FormData;
		try {
			form = await request.formData();
		} catch {
			return fail(400, { message: '上传内容无法读取（文件可能过大或上传中断）' });
		}
		const roundId = Number(form.get('roundId'));
		const file = form.get('file');
		const db = await getDb();
		const round = Number.isInteger(roundId) ? await rounds.findRound(db, roundId) : undefined;
		if (!round || round.status === 'draft') return fail(404, { roundId, message: '考核轮次不存在' });
		const closed = submissionProblem(round);
		if (closed) return fail(409, { roundId, message: closed });
		if (!(file instanceof File) || file.size === 0) return fail(400, { roundId, message: '请选择要报送的报告文件' });
		if (file.size > config.maxFileBytes) {
			return fail(413, { roundId, message: `文件超过 ${Math.round(config.maxFileBytes / 1048576)} MB 的大小限制` });
		}
		const ctx = await createIngestContext(db, round.id, { id: user.id, username: user.username }, config.maxFileBytes);
		const bytes = new Uint8Array(await file.arrayBuffer());
		// The agency is the signed-in user's, whatever the file says.
		const r = await ingestFile(ctx, file.name, bytes, { agencyId });
		if (r.status === 'failed') return fail(400, { roundId, message: `报送失败：${r.message}` });
		if (r.status === 'duplicate') return fail(409, { roundId, message: '该报告已报送过（内容相同），无需重复报送' });
		const late = r.status === 'imported' && r.late;
		return { roundId, done: late ? '已报送（已过截止日期，标记为逾期）' : '已报送' };
	}
};
