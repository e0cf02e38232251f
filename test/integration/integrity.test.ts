/**
 * Issue 14: nothing a person did is lost, nothing published changes, every mistake can be put right.
 * Against a freshly migrated database with a small world (two agencies, one round, one report each).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isActionFailure, isHttpError } from '@sveltejs/kit';
import type { Database } from '../../src/lib/server/db/connect';
import type { SessionUser } from '../../src/lib/server/auth/session';
import * as agencies from '../../src/lib/server/db/agencies';
import * as rounds from '../../src/lib/server/db/rounds';
import * as rubrics from '../../src/lib/server/db/rubrics';
import { submissionBoard } from '../../src/lib/server/db/submissions';
import { createIngestContext, ingestFile } from '../../src/lib/server/import/ingest';
import { missingAgencies } from '../../src/lib/server/results/round-results';
import { roundConsequences } from '../../src/lib/server/rounds/integrity';
import { deleteRound, editRound } from '../../src/lib/server/rounds/edit';
import { moveReport, reassignReport, restoreReport, withdrawReport } from '../../src/lib/server/rounds/report-fix';
import { visibleRounds } from '../../src/lib/server/rounds/visibility';
import { transitionRound } from '../../src/lib/server/rounds/workflow';
import { pendingReviews, resolveReview, setOverride } from '../../src/lib/server/scoring/override';
import { planRescore, rescoreRound } from '../../src/lib/server/scoring/rescore';
import { demoAgencies, generateReport } from '../../src/lib/demo/generate';
import { m } from '../../src/lib/paraglide/messages.js';
import { freshDb } from './helpers';
import { buildWorld, type World } from './world';

const state = vi.hoisted(() => ({ db: null as unknown }));
vi.mock('$lib/server/bootstrap', async (importOriginal) => {
	const orig = await importOriginal<typeof import('../../src/lib/server/bootstrap')>();
	return { ...orig, getDb: async () => state.db };
});

let db: Database;
let w: World;
const utf8 = (s: string) => new TextEncoder().encode(s);

beforeEach(async () => {
	db = await freshDb();
	w = await buildWorld(db, 'review');
	state.db = db;
}, 60_000);
afterEach(() => db?.destroy());

const supervisor = () => w.users.supervisor;
const evaluator = () => w.users.evaluator as SessionUser & { username: string };

async function scoreRow(reportId: number, indicatorId: string, rubricId?: number) {
	const round = await rounds.findRound(db, w.roundId);
	return db
		.selectFrom('scores')
		.selectAll()
		.where('report_id', '=', reportId)
		.where('rubric_id', '=', rubricId ?? round!.rubric_id)
		.where('indicator_id', '=', indicatorId)
		.executeTakeFirstOrThrow();
}

/** Two scored indicators of report A: their machine levels and an override level different from each. */
async function twoIndicators() {
	const rows = await db.selectFrom('scores').selectAll().where('report_id', '=', w.reportA).where('machine_level', 'is not', null).orderBy('indicator_id').execute();
	const [x, y] = rows;
	return { x, y, other: (l: number | null) => ((l ?? 0) + 1) % 3 };
}

describe('1. overrides survive re-scoring', () => {
	it('keeps an override whose machine level did not change and marks one whose level changed for review', async () => {
		const { x, y, other } = await twoIndicators();
		const ev = evaluator();
		expect(await setOverride(db, { reportId: w.reportA, indicatorId: x.indicator_id, level: other(x.machine_level), reason: '评审认为依据充分' }, ev)).toMatchObject({ ok: true });
		expect(await setOverride(db, { reportId: w.reportA, indicatorId: y.indicator_id, level: other(y.machine_level), reason: '评审认为表述笼统' }, ev)).toMatchObject({ ok: true });
		// The engine of the earlier scoring read y differently: its stored machine level is not what analysis gives now.
		const yOld = ((y.machine_level ?? 0) + 2) % 3;
		await db.updateTable('scores').set({ machine_level: yOld }).where('report_id', '=', w.reportA).where('indicator_id', '=', y.indicator_id).execute();

		// A new rubric version (same rules) assigned to the round: the overrides would otherwise be lost.
		const base = (await rubrics.latestRubric(db))!;
		const v2 = await rubrics.insertRubric(db, { ...base.definition, version: base.version + 1 }, null);
		const plan = await planRescore(db, w.roundId, v2);
		expect({ kept: plan.kept, needsReview: plan.needsReview }).toEqual({ kept: 1, needsReview: 1 });
		const overridesBefore = await db.selectFrom('overrides').select('id').execute();

		const r = await rescoreRound(db, w.roundId, v2, { id: supervisor().id, username: supervisor().username });
		expect(r).toEqual({ reports: 2, kept: 1, needsReview: 1 });

		const xs = await scoreRow(w.reportA, x.indicator_id, v2);
		expect(xs).toMatchObject({ level: other(x.machine_level), machine_level: x.machine_level, overridden: 1 });
		const ys = await scoreRow(w.reportA, y.indicator_id, v2);
		expect(ys).toMatchObject({ level: y.machine_level, machine_level: y.machine_level, overridden: 0 });
		const pending = await pendingReviews(db, { reportId: w.reportA });
		expect(pending).toHaveLength(1);
		expect(pending[0]).toMatchObject({ indicatorId: y.indicator_id, level: other(y.machine_level), oldMachineLevel: yOld, newMachineLevel: y.machine_level, reason: '评审认为表述笼统' });
		// Nothing deleted: every earlier override row is still there (plus the carried one).
		const after = await db.selectFrom('overrides').select('id').execute();
		expect(after.map((o) => o.id)).toEqual(expect.arrayContaining(overridesBefore.map((o) => o.id)));
		expect(after.length).toBe(overridesBefore.length + 1);
		// The round page's counts say so.
		expect(await roundConsequences(db, (await rounds.findRound(db, w.roundId))!)).toMatchObject({ overrides: 1, pendingReviews: 1 });

		// The evaluator keeps the override: it applies again and the review is settled.
		expect(await resolveReview(db, pending[0].id, 'keep', ev)).toMatchObject({ ok: true });
		expect(await scoreRow(w.reportA, y.indicator_id, v2)).toMatchObject({ level: other(y.machine_level), overridden: 1 });
		expect(await pendingReviews(db, { reportId: w.reportA })).toEqual([]);
	});

	it('keeps overrides across a re-score under the same version, and a dismissed review leaves the machine level', async () => {
		const { x, y, other } = await twoIndicators();
		const ev = evaluator();
		await setOverride(db, { reportId: w.reportA, indicatorId: x.indicator_id, level: other(x.machine_level), reason: '依据充分，予以调整' }, ev);
		await setOverride(db, { reportId: w.reportA, indicatorId: y.indicator_id, level: other(y.machine_level), reason: '依据不足，予以调整' }, ev);
		await db.updateTable('scores').set({ machine_level: ((y.machine_level ?? 0) + 2) % 3 }).where('report_id', '=', w.reportA).where('indicator_id', '=', y.indicator_id).execute();
		const round = (await rounds.findRound(db, w.roundId))!;
		expect(await rescoreRound(db, w.roundId, round.rubric_id, { id: null, username: 'test' })).toMatchObject({ kept: 1, needsReview: 1 });
		expect(await scoreRow(w.reportA, x.indicator_id)).toMatchObject({ level: other(x.machine_level), overridden: 1 });
		expect(await scoreRow(w.reportA, y.indicator_id)).toMatchObject({ level: y.machine_level, overridden: 0 });
		const [p] = await pendingReviews(db, { roundId: w.roundId });
		expect(await resolveReview(db, p.id, 'dismiss', ev)).toMatchObject({ ok: true });
		// A later re-score does not bring the dismissed override back silently either.
		await rescoreRound(db, w.roundId, round.rubric_id, { id: null, username: 'test' });
		expect(await scoreRow(w.reportA, y.indicator_id)).toMatchObject({ level: y.machine_level, overridden: 0 });
		expect(await pendingReviews(db, { roundId: w.roundId })).toEqual([]);
	});
});

describe('2. a published round is a snapshot', () => {
	async function publish() {
		const r = await transitionRound(db, w.roundId, 'published', { id: supervisor().id, username: supervisor().username });
		expect(r.ok).toBe(true);
	}
	const counts = async () => {
		const board = await submissionBoard(db, w.roundId);
		const c = await roundConsequences(db, (await rounds.findRound(db, w.roundId))!);
		return { rows: board.length, missing: (await missingAgencies(db, w.roundId)).length, expected: c.expected, submitted: c.submitted };
	};

	it('adding agencies later does not change its submitted/expected counts or its 未报送 list (an unpublished round does change)', async () => {
		const late = demoAgencies(40, 1)[10];
		await publish();
		const before = await counts();
		expect(before).toEqual({ rows: 2, missing: 0, expected: 2, submitted: 2 });
		const c = await agencies.insertAgency(db, { name: late.name, groupName: late.group });
		await agencies.insertAgency(db, { name: `${late.name}（二）`, groupName: late.group });
		expect(await counts()).toEqual(before);
		// The control: a round that is not published expects every active agency.
		const open = await rounds.insertRound(db, { name: '2025年度', period: '2025', rubricId: w.rubricId, status: 'open' });
		expect((await roundConsequences(db, { id: open, rubric_id: w.rubricId })).expected).toBe(4);
		// Merging an agency of the published round into the new one leaves the published round as it was.
		await agencies.mergeAgencies(db, w.agencyA, c);
		expect(await counts()).toEqual(before);
		const rep = await db.selectFrom('reports').select('agency_id').where('id', '=', w.reportA).executeTakeFirstOrThrow();
		expect(rep.agency_id).toBe(w.agencyA);
	});

	it('a round set published without the workflow (the demo loader, an old database) is frozen as soon as the registry changes', async () => {
		await db.updateTable('rounds').set({ status: 'published', published_at: '2025-03-15T02:00:00.000Z' }).where('id', '=', w.roundId).execute();
		const before = await counts();
		await agencies.insertAgency(db, { name: '后来新设的局', groupName: '盟直部门' });
		expect(await counts()).toEqual(before);
		expect(before).toMatchObject({ expected: 2, missing: 0 });
	});

	it('reassigning a report of a published round answers 409, and creating an agency through it needs agencies.manage', async () => {
		const { POST } = await import('../../src/routes/api/reports/[id]/agency/+server');
		const call = async (user: SessionUser, body: unknown) => {
			try {
				const res = await POST({ params: { id: String(w.reportA) }, request: new Request('http://x', { method: 'POST', body: JSON.stringify(body) }), locals: { user } } as never);
				return { status: res.status };
			} catch (e) {
				if (isHttpError(e)) return { status: e.status, message: e.body.message };
				throw e;
			}
		};
		expect(await call(supervisor(), { newAgency: '一个新单位' })).toMatchObject({ status: 403 });
		expect(await db.selectFrom('agencies').select('id').where('name', '=', '一个新单位').executeTakeFirst()).toBeUndefined();
		await publish();
		expect(await call(supervisor(), { agencyId: w.agencyB })).toEqual({ status: 409, message: m.sv_round_frozen() });
	});
});

describe('2. every mutating route refuses a published round with the same 409', () => {
	type Call = { name: string; user: () => SessionUser; run: () => unknown };
	const form = (o: Record<string, string | Blob>) => {
		const f = new FormData();
		for (const [k, v] of Object.entries(o)) f.append(k, v);
		return f;
	};
	const ev = (user: SessionUser, params: Record<string, string>, body?: FormData | string) => ({
		params,
		locals: { user },
		url: new URL('http://localhost/'),
		request: new Request('http://localhost/', { method: 'POST', body }),
		getClientAddress: () => '127.0.0.1'
	});

	it('answers 409 with the frozen message on every route', async () => {
		// A review waiting before publication, so its actions have something to refuse.
		const { x, other } = await twoIndicators();
		await setOverride(db, { reportId: w.reportA, indicatorId: x.indicator_id, level: other(x.machine_level), reason: '发布前的调整' }, evaluator());
		await db.updateTable('scores').set({ machine_level: ((x.machine_level ?? 0) + 2) % 3 }).where('report_id', '=', w.reportA).where('indicator_id', '=', x.indicator_id).execute();
		await rescoreRound(db, w.roundId, w.rubricId, { id: null, username: 'test' });
		const [review] = await pendingReviews(db, { reportId: w.reportA });
		await withdrawReport(db, w.reportB, '用于测试恢复', { id: null, username: 'test' });
		const other2 = await rounds.insertRound(db, { name: '另一轮', period: '2023', rubricId: w.rubricId, status: 'open' });
		const rubric2 = w.rubricId;
		expect((await transitionRound(db, w.roundId, 'published', { id: null, username: 'test' })).ok).toBe(true);

		const report = await import('../../src/routes/(app)/reports/[id]/+page.server');
		const round = await import('../../src/routes/(app)/rounds/[id]/+page.server');
		const agencyApi = await import('../../src/routes/api/reports/[id]/agency/+server');
		const importApi = await import('../../src/routes/api/rounds/[id]/import/+server');
		const submit = await import('../../src/routes/(app)/submit/+page.server');
		const text = generateReport({ agency: { name: w.nameA, aliases: [], group: '盟直部门', level: '部门', region: '青岚盟' }, year: 2024, seed: 99, quality: 0.6 }).text;
		const file = () => new File([text], 'new.txt', { type: 'text/plain' });
		const A = { id: String(w.reportA) };
		const B = { id: String(w.reportB) };
		const R = { id: String(w.roundId) };
		const calls: Call[] = [
			{ name: 'report override', user: evaluator, run: () => report.actions.override(ev(evaluator(), A, form({ indicator: x.indicator_id, level: '2', reason: '发布后的调整' })) as never) },
			{ name: 'review keep', user: evaluator, run: () => report.actions.reviewKeep(ev(evaluator(), A, form({ reviewId: String(review.id) })) as never) },
			{ name: 'review dismiss', user: evaluator, run: () => report.actions.reviewDismiss(ev(evaluator(), A, form({ reviewId: String(review.id) })) as never) },
			{ name: 'report withdraw', user: supervisor, run: () => report.actions.withdraw(ev(supervisor(), A, form({ reason: '发布后撤回' })) as never) },
			{ name: 'report restore', user: supervisor, run: () => report.actions.restore(ev(supervisor(), B, form({})) as never) },
			{ name: 'report move', user: supervisor, run: () => report.actions.move(ev(supervisor(), A, form({ roundId: String(other2) })) as never) },
			{ name: 'report assign', user: supervisor, run: () => report.actions.assign(ev(supervisor(), A, form({ agencyId: String(w.agencyB) })) as never) },
			{ name: 'round edit', user: supervisor, run: () => round.actions.edit(ev(supervisor(), R, form({ name: '改名', period: '2024', deadline: '' })) as never) },
			{ name: 'round delete', user: supervisor, run: () => round.actions.delete(ev(supervisor(), R, form({ confirm: '1' })) as never) },
			{ name: 'round assign', user: supervisor, run: () => round.actions.assign(ev(supervisor(), R, form({ reportId: String(w.reportA), agencyId: String(w.agencyB) })) as never) },
			{ name: 'round rescore plan', user: () => w.users.admin, run: () => round.actions.rescorePlan(ev(w.users.admin, R, form({ rubricId: String(rubric2) })) as never) },
			{ name: 'round rescore', user: () => w.users.admin, run: () => round.actions.rescore(ev(w.users.admin, R, form({ rubricId: String(rubric2), confirm: '1' })) as never) },
			{ name: 'API report agency', user: supervisor, run: () => agencyApi.POST(ev(supervisor(), A, JSON.stringify({ agencyId: w.agencyB })) as never) },
			{ name: 'API import', user: supervisor, run: () => importApi.POST(ev(supervisor(), R, form({ file: file() })) as never) },
			{ name: 'agency submit', user: () => w.users.agency, run: () => submit.actions.submit(ev(w.users.agency, {}, form({ roundId: String(w.roundId), file: file() })) as never) }
		];
		const got: Record<string, string> = {};
		for (const c of calls) {
			let out: { status: number; message?: string };
			try {
				const r = await c.run();
				if (isActionFailure(r)) {
					const d = r.data as unknown as Record<string, unknown>;
					out = { status: r.status, message: String(d.message ?? d.fixMessage ?? d.reviewMessage ?? '') };
				} else if (r instanceof Response) out = { status: r.status, message: ((await r.json()) as { message?: string }).message };
				else out = { status: 200 };
			} catch (e) {
				if (!isHttpError(e)) throw e;
				out = { status: e.status, message: e.body.message };
			}
			got[c.name] = `${out.status} ${out.message}`;
		}
		const want = Object.fromEntries(calls.map((c) => [c.name, `409 ${m.sv_round_frozen()}`]));
		expect(got).toEqual(want);
		// and nothing changed
		const a = await db.selectFrom('reports').select(['agency_id', 'round_id', 'withdrawn_at']).where('id', '=', w.reportA).executeTakeFirstOrThrow();
		expect(a).toEqual({ agency_id: w.agencyA, round_id: w.roundId, withdrawn_at: null });
		expect((await rounds.findRound(db, w.roundId))?.name).toBe('2024年度政务公开考核');
	}, 60_000);
});

describe('3. putting mistakes right', () => {
	const sup = () => ({ id: supervisor().id, username: supervisor().username });

	it('withdraws a report with a reason (it leaves the counts, is audited) and restores it', async () => {
		expect(await withdrawReport(db, w.reportA, '', sup())).toMatchObject({ ok: false, status: 400 });
		expect(await withdrawReport(db, w.reportA, '误导入的报告', sup())).toMatchObject({ ok: true });
		const board = await submissionBoard(db, w.roundId);
		expect(board.find((b) => b.agencyId === w.agencyA)).toMatchObject({ state: 'missing', reportId: null });
		const audit = await db.selectFrom('audit_log').select(['action', 'after']).where('action', '=', 'report_withdraw').execute();
		expect(audit).toHaveLength(1);
		expect(JSON.parse(audit[0].after!)).toMatchObject({ reason: '误导入的报告' });
		expect(await restoreReport(db, w.reportA, sup())).toMatchObject({ ok: true });
		expect((await submissionBoard(db, w.roundId)).find((b) => b.agencyId === w.agencyA)).toMatchObject({ reportId: w.reportA });
		expect(await db.selectFrom('audit_log').select('id').where('action', '=', 'report_restore').execute()).toHaveLength(1);
	});

	it("withdrawing an agency's newer report brings its previous one back", async () => {
		const ctx = await createIngestContext(db, w.roundId, { id: null, username: 'test' });
		const a = demoAgencies(40, 1).find((x) => x.name === w.nameA)!;
		const second = await ingestFile(ctx, 'a2.txt', utf8(generateReport({ agency: a, year: 2024, seed: 77, quality: 0.95 }).text), { agencyId: w.agencyA });
		expect(second.status).toBe('imported');
		if (second.status !== 'imported') return;
		await withdrawReport(db, second.reportId, '误交了另一份', sup());
		expect((await submissionBoard(db, w.roundId)).find((b) => b.agencyId === w.agencyA)?.reportId).toBe(w.reportA);
	});

	it('moves a report to another round (asking first when it would replace one there)', async () => {
		const r2 = await rounds.insertRound(db, { name: '2025年度', period: '2025', rubricId: w.rubricId, status: 'open' });
		expect(await moveReport(db, w.reportA, r2, sup())).toMatchObject({ ok: true });
		expect((await db.selectFrom('reports').select('round_id').where('id', '=', w.reportA).executeTakeFirstOrThrow()).round_id).toBe(r2);
		expect((await submissionBoard(db, r2)).find((b) => b.agencyId === w.agencyA)?.reportId).toBe(w.reportA);
		// Reassigning B's report to A in the old round works; moving A's report back would replace it: asked first.
		await reassignReport(db, w.reportB, w.agencyA, sup(), { confirmReplace: true });
		const back = await moveReport(db, w.reportA, w.roundId, sup());
		expect(back).toMatchObject({ ok: false, status: 409, replaces: { reportId: w.reportB } });
	});

	it('assigns a 待指定 report from the round page action, asking before replacing', async () => {
		const ctx = await createIngestContext(db, w.roundId, { id: null, username: 'test' });
		const stranger = { name: '某某县未登记局', aliases: [], group: '旗县市区' as const, level: '部门' as const, region: '青岚盟' };
		const r = await ingestFile(ctx, 'x.txt', utf8(generateReport({ agency: stranger, year: 2024, seed: 5, quality: 0.7 }).text));
		expect(r.status).toBe('needs_agency');
		if (r.status !== 'needs_agency') return;
		const round = await import('../../src/routes/(app)/rounds/[id]/+page.server');
		const f = new FormData();
		f.append('reportId', String(r.reportId));
		f.append('agencyId', String(w.agencyB));
		const ev = (body: FormData) => ({ params: { id: String(w.roundId) }, locals: { user: supervisor() }, request: new Request('http://localhost/', { method: 'POST', body }) });
		const asked = await round.actions.assign(ev(f) as never);
		expect(isActionFailure(asked) && asked.status).toBe(409);
		expect(isActionFailure(asked) && (asked.data as unknown as { replaces?: unknown }).replaces).toMatchObject({ reportId: r.reportId });
		f.append('replace', '1');
		expect(await round.actions.assign(ev(f) as never)).toMatchObject({ done: expect.any(String) });
		expect((await submissionBoard(db, w.roundId)).find((b) => b.agencyId === w.agencyB)?.reportId).toBe(r.reportId);
	});

	it('a re-import that would replace an agency\'s current report answers "replaces" and saves nothing', async () => {
		const ctx = await createIngestContext(db, w.roundId, { id: null, username: 'test' });
		const a = demoAgencies(40, 1).find((x) => x.name === w.nameA)!;
		const bytes = utf8(generateReport({ agency: a, year: 2024, seed: 31, quality: 0.9 }).text);
		const n = async () => Number((await db.selectFrom('reports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
		const before = await n();
		const r = await ingestFile(ctx, 'again.txt', bytes, { agencyId: w.agencyA, askBeforeReplace: true });
		expect(r).toMatchObject({ status: 'replaces', agencyId: w.agencyA, replaces: { reportId: w.reportA, fileName: 'a.txt' } });
		expect(await n()).toBe(before);
		expect(await ingestFile(ctx, 'again.txt', bytes, { agencyId: w.agencyA })).toMatchObject({ status: 'imported' });
	});

	it('edits a round with validation and deletes it only while empty', async () => {
		const u = sup();
		const f = (name: string, period: string, deadline: string | null) => ({ name, period, deadline });
		expect(await editRound(db, w.roundId, f('2024年度', '2024', '2024-06-30'), u)).toMatchObject({ ok: false, status: 400, message: m.re_deadline_before_end({ end: '2024-12-31' }) });
		expect(await editRound(db, w.roundId, f('2024年度', '2024', '2025-02-30'), u)).toMatchObject({ ok: false, status: 400 });
		const other = await rounds.insertRound(db, { name: '2024年度', period: '2024H1', rubricId: w.rubricId, status: 'draft' });
		expect(await editRound(db, w.roundId, f('2024年度', '2024H1', null), u)).toMatchObject({ ok: false, message: m.re_duplicate({ name: '2024年度', period: '2024H1' }) });
		expect(await editRound(db, w.roundId, f('2024年度（更正）', '2024', '2025-01-31'), u)).toEqual({ ok: true });
		expect(await rounds.findRound(db, w.roundId)).toMatchObject({ name: '2024年度（更正）', deadline: '2025-01-31' });
		expect(await deleteRound(db, w.roundId, u)).toMatchObject({ ok: false, status: 409 });
		expect(await deleteRound(db, other, u)).toEqual({ ok: true });
		expect(await rounds.findRound(db, other)).toBeUndefined();
	});

	it('undoes an agency merge (what the merge moved goes back)', async () => {
		const extra = await db.selectFrom('users').select('id').where('agency_id', '=', w.agencyA).execute();
		const id = (await agencies.mergeAgencies(db, w.agencyA, w.agencyB))!;
		expect(await agencies.findAgency(db, w.agencyA)).toMatchObject({ active: 0, merged_into: w.agencyB });
		expect((await db.selectFrom('reports').select('agency_id').where('id', '=', w.reportA).executeTakeFirstOrThrow()).agency_id).toBe(w.agencyB);
		// two current reports of B in the round: the newest stays current
		const current = await db.selectFrom('reports').select('id').where('agency_id', '=', w.agencyB).where('superseded', '=', 0).execute();
		expect(current).toHaveLength(1);
		const back = await agencies.undoMerge(db, id);
		expect(back).toMatchObject({ reports: [w.reportA], users: extra.map((u) => u.id) });
		expect(await agencies.findAgency(db, w.agencyA)).toMatchObject({ active: 1, merged_into: null });
		const after = await db.selectFrom('reports').select(['id', 'agency_id', 'superseded']).where('id', 'in', [w.reportA, w.reportB]).orderBy('id').execute();
		expect(after).toEqual([
			{ id: w.reportA, agency_id: w.agencyA, superseded: 0 },
			{ id: w.reportB, agency_id: w.agencyB, superseded: 0 }
		]);
		expect(await agencies.undoMerge(db, id)).toBeNull();
	});
});

describe('7. agency users see only rounds open to them or published', () => {
	it('filters /api/rounds and the round list by role', async () => {
		await rounds.insertRound(db, { name: '草稿轮次', period: '2026', rubricId: w.rubricId, status: 'draft' });
		await rounds.insertRound(db, { name: '报送中轮次', period: '2025', rubricId: w.rubricId, status: 'open' });
		await rounds.insertRound(db, { name: '已发布轮次', period: '2023', rubricId: w.rubricId, status: 'published' });
		// the world's round is under review
		const names = async (u: SessionUser) => (await visibleRounds(db, u)).map((r) => r.name).sort();
		expect(await names(w.users.agency)).toEqual(['已发布轮次', '报送中轮次'].sort());
		expect((await names(w.users.supervisor)).length).toBe(4);
		const { GET } = await import('../../src/routes/api/rounds/+server');
		const res = await GET({ locals: { user: w.users.agency } } as never);
		expect(((await res.json()) as { name: string }[]).map((r) => r.name).sort()).toEqual(['已发布轮次', '报送中轮次'].sort());
		const submit = await import('../../src/routes/(app)/submit/+page.server');
		const data = (await submit.load({ locals: { user: w.users.agency } } as never)) as { rounds: { name: string }[] };
		expect(data.rounds.map((r) => r.name).sort()).toEqual(['已发布轮次', '报送中轮次'].sort());
		// the round pickers of the pages an agency user opens
		const list = await import('../../src/routes/(app)/reports/+page.server');
		const own = await import('../../src/routes/(app)/agencies/[id]/+page.server');
		const url = new URL('http://localhost/');
		for (const d of [
			(await list.load({ locals: { user: w.users.agency }, url } as never)) as { ctx: { rounds: { name: string }[] } },
			(await own.load({ locals: { user: w.users.agency }, url, params: { id: String(w.agencyA) } } as never)) as { ctx: { rounds: { name: string }[] } }
		]) {
			expect(d.ctx.rounds.map((r) => r.name).sort()).toEqual(['已发布轮次', '报送中轮次'].sort());
		}
	});
});

describe('4. confirm with consequences: the server needs the confirmation too', () => {
	const post = (user: SessionUser, params: Record<string, string>, o: Record<string, string | Blob>) => {
		const f = new FormData();
		for (const [k, v] of Object.entries(o)) f.append(k, v);
		return { params, locals: { user }, url: new URL('http://localhost/'), request: new Request('http://localhost/', { method: 'POST', body: f }), getClientAddress: () => '127.0.0.1' };
	};

	it('publish, close, re-score and merge refuse without confirm=1 and run with it', async () => {
		const round = await import('../../src/routes/(app)/rounds/[id]/+page.server');
		const ag = await import('../../src/routes/(app)/agencies/+page.server');
		const R = { id: String(w.roundId) };
		const sup = w.users.supervisor;
		const status = async () => (await rounds.findRound(db, w.roundId))?.status;
		const refused = (r: unknown) => isActionFailure(r) && r.status === 400 && (r.data as unknown as { message: string }).message === m.rn_confirm_required();
		expect(refused(await round.actions.transition(post(sup, R, { to: 'published' }) as never))).toBe(true);
		expect(await status()).toBe('review');
		expect(refused(await round.actions.rescore(post(w.users.admin, R, { rubricId: String(w.rubricId) }) as never))).toBe(true);
		expect(refused(await ag.actions.merge(post(w.users.admin, {}, { from: String(w.agencyA), into: String(w.agencyB) }) as never))).toBe(true);
		expect((await agencies.findAgency(db, w.agencyA))?.merged_into).toBeNull();
		// the merge dialog's counts
		const plan = (await ag.actions.mergePlan(post(w.users.admin, {}, { from: String(w.agencyA), into: String(w.agencyB) }) as never)) as { mergePlan: Record<string, unknown> };
		expect(plan.mergePlan).toMatchObject({ reports: 1, frozenReports: 0, users: 1 });
		// confirmed
		expect(await round.actions.transition(post(sup, R, { to: 'published', confirm: '1' }) as never)).toMatchObject({ done: expect.any(String) });
		expect(await status()).toBe('published');
	});
});

describe('3. the import route asks before replacing', () => {
	it("answers 'replaces' for an agency's second report, and imports it with replace=1", async () => {
		const api = await import('../../src/routes/api/rounds/[id]/import/+server');
		const a = demoAgencies(40, 1).find((x) => x.name === w.nameA)!;
		const text = generateReport({ agency: a, year: 2024, seed: 41, quality: 0.8 }).text;
		const call = async (extra: Record<string, string>) => {
			const f = new FormData();
			f.append('file', new File([text], 'second.txt', { type: 'text/plain' }));
			for (const [k, v] of Object.entries(extra)) f.append(k, v);
			const res = await api.POST({ params: { id: String(w.roundId) }, locals: { user: w.users.supervisor }, request: new Request('http://localhost/', { method: 'POST', body: f }) } as never);
			return (await res.json()) as { status: string; replaces?: { reportId: number } }[];
		};
		expect(await call({ agencyId: String(w.agencyA) })).toMatchObject([{ status: 'replaces', replaces: { reportId: w.reportA } }]);
		expect(await call({ agencyId: String(w.agencyA), replace: '1' })).toMatchObject([{ status: 'imported' }]);
		const cur = await db.selectFrom('reports').select('superseded').where('id', '=', w.reportA).executeTakeFirstOrThrow();
		expect(cur.superseded).toBe(1);
	});
});
