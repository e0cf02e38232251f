import { error, fail } from '@sveltejs/kit';
import { holdText, parseHeld } from '$lib/server/import/submission-check';
import { joinList } from '$lib/i18n/labels';
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
import { visibleRounds } from '$lib/server/rounds/visibility';
import { STATUS_LABELS, submissionProblem } from '$lib/server/rounds/workflow';
import { periodLabel } from '$lib/i18n/labels';
import { m } from '$lib/paraglide/messages.js';

function agencyOf(user: SessionUser): number {
	if (user.agencyId == null) error(403, m.ix_account_no_agency());
	return user.agencyId;
}

export const load: PageServerLoad = async ({ locals }) => {
	const user = requirePermission(locals.user, 'submission.own');
	const agencyId = agencyOf(user);
	const db = await getDb();
	const agency = await agencies.findAgency(db, agencyId);
	// Only rounds open to the agency or published (issue 14): drafts and rounds under review are not shown.
	const list = await visibleRounds(db, user);
	const out = [];
	for (const r of list) {
		const subs = await agencySubmissions(db, r.id, agencyId);
		const result = canSeeScores(user, agencyId, r.status) ? await ownResult(db, r, agencyId) : null;
		out.push({
			id: r.id,
			name: r.name,
			periodLabel: periodLabel(r.period, rounds.periodLabel(r.period)),
			deadline: r.deadline,
			status: r.status,
			statusLabel: STATUS_LABELS[r.status],
			closedReason: submissionProblem(r),
			submissions: subs.map((s) => ({ id: s.id, fileName: s.file_name, at: s.imported_at, late: !!s.late, current: !s.superseded, held: parseHeld(s.held).map(holdText) })),
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
			return fail(400, { message: m.err_upload_unreadable() });
		}
		const roundId = Number(form.get('roundId'));
		const file = form.get('file');
		const db = await getDb();
		const round = Number.isInteger(roundId) ? await rounds.findRound(db, roundId) : undefined;
		if (!round || round.status === 'draft') return fail(404, { roundId, message: m.err_round_not_found() });
		const closed = submissionProblem(round);
		if (closed) return fail(409, { roundId, message: closed });
		if (!(file instanceof File) || file.size === 0) return fail(400, { roundId, message: m.ix_choose_report_file() });
		if (file.size > config.maxFileBytes) {
			return fail(413, { roundId, message: m.err_file_over_limit({ mb: Math.round(config.maxFileBytes / 1048576) }) });
		}
		const ctx = await createIngestContext(db, round.id, { id: user.id, username: user.username }, config.maxFileBytes);
		const bytes = new Uint8Array(await file.arrayBuffer());
		// The agency is the signed-in user's, whatever the file says.
		const r = await ingestFile(ctx, file.name, bytes, { agencyId });
		if (r.status === 'failed') return fail(400, { roundId, message: m.ix_submit_failed({ reason: r.message }) });
		if (r.status === 'duplicate') return fail(409, { roundId, message: m.ix_submit_duplicate() });
		const late = r.status === 'imported' && r.late;
		// Issue 14: a report naming another agency or period is held; the agency is told why.
		if (r.status === 'imported' && r.held?.length) return { roundId, done: m.ix_submitted_held({ reasons: joinList(r.held) }) };
		return { roundId, done: late ? m.ix_submitted_late() : m.ix_submitted() };
	}
};
