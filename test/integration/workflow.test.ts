import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import type { Database } from '../../src/lib/server/db/connect';
import * as rounds from '../../src/lib/server/db/rounds';
import { submissionBoard } from '../../src/lib/server/db/submissions';
import { createIngestContext, ingestFile } from '../../src/lib/server/import/ingest';
import { ownResult } from '../../src/lib/server/rounds/own-results';
import {
	TRANSITIONS,
	assertOverridable,
	isLate,
	overrideProblem,
	submissionProblem,
	transitionProblem,
	transitionRound
} from '../../src/lib/server/rounds/workflow';
import { canSeeScores } from '../../src/lib/server/auth/policy';
import { demoAgencies, generateReport } from '../../src/lib/demo/generate';
import { freshDb } from './helpers';
import { buildWorld, type World } from './world';

let db: Database;
let w: World;
const SUP = { id: 1, username: 'sup' };

beforeEach(async () => {
	db = await freshDb();
	w = await buildWorld(db, 'draft');
});
afterEach(() => db.destroy());

const statusOf = async () => (await rounds.findRound(db, w.roundId))!.status;

describe('round transitions', () => {
	it('are data: draft → open → review → published, and published → review with a reason', () => {
		expect(TRANSITIONS.map((t) => `${t.from}>${t.to}`)).toEqual(['draft>open', 'open>review', 'review>published', 'published>review']);
		expect(TRANSITIONS.filter((t) => t.needsReason).map((t) => t.from)).toEqual(['published']);
	});

	it('walk the whole round, each step audited with before/after', async () => {
		for (const to of ['open', 'review', 'published'] as const) {
			const r = await transitionRound(db, w.roundId, to, SUP, { now: new Date('2025-02-01T00:00:00Z') });
			expect(r.ok).toBe(true);
			expect(await statusOf()).toBe(to);
		}
		expect((await rounds.findRound(db, w.roundId))!.published_at).toBe('2025-02-01T00:00:00.000Z');
		const refused = await transitionRound(db, w.roundId, 'review', SUP);
		expect(refused).toEqual({ ok: false, status: 400, message: '重新打开已发布的轮次须填写理由' });
		const reopened = await transitionRound(db, w.roundId, 'review', SUP, { reason: '复核发现评分错误' });
		expect(reopened.ok).toBe(true);
		expect((await rounds.findRound(db, w.roundId))!.published_at).toBeNull();
		const log = await db.selectFrom('audit_log').select(['action', 'before', 'after']).where('entity', '=', 'round').orderBy('id').execute();
		expect(log.map((l) => l.action)).toEqual(['round_open', 'round_review', 'round_publish', 'round_reopen']);
		expect(JSON.parse(log[3].after!)).toEqual({ status: 'review', reason: '复核发现评分错误' });
		expect(JSON.parse(log[3].before!)).toEqual({ status: 'published' });
	});

	it('refuses invalid transitions with a clear Chinese message and changes nothing', async () => {
		expect(transitionProblem('draft', 'published', null)).toBe('不能从“草稿”变更为“已发布”，当前只能变更为“报送中”');
		expect(transitionProblem('open', 'draft', null)).toBe('不能从“报送中”变更为“草稿”，当前只能变更为“评审中”');
		const r = await transitionRound(db, w.roundId, 'published', SUP);
		expect(r).toMatchObject({ ok: false, status: 400 });
		expect(await statusOf()).toBe('draft');
		expect(await transitionRound(db, 99999, 'open', SUP)).toMatchObject({ ok: false, status: 404, message: '考核轮次不存在' });
		expect(await db.selectFrom('audit_log').selectAll().where('entity', '=', 'round').execute()).toHaveLength(0);
	});
});

describe('overrides after publishing', () => {
	it('are refused until a supervisor reopens the round', async () => {
		await db.updateTable('rounds').set({ status: 'published' }).where('id', '=', w.roundId).execute();
		const published = (await rounds.findRound(db, w.roundId))!;
		expect(overrideProblem(published)).toMatch(/已发布/);
		let thrown: unknown = null;
		try {
			assertOverridable(published);
		} catch (e) {
			thrown = e;
		}
		expect(isHttpError(thrown) && thrown.status).toBe(409);
		await transitionRound(db, w.roundId, 'review', SUP, { reason: '需要调整' });
		const reopened = (await rounds.findRound(db, w.roundId))!;
		expect(() => assertOverridable(reopened)).not.toThrow();
		for (const s of ['draft', 'open', 'review'] as const) expect(overrideProblem({ status: s })).toBeNull();
	});
});

describe('submissions', () => {
	it('are open only while the round is open; late after the deadline is accepted and marked', async () => {
		expect(submissionProblem({ status: 'draft' })).toBe('该轮次尚未开始报送');
		expect(submissionProblem({ status: 'open' })).toBeNull();
		expect(submissionProblem({ status: 'review' })).toMatch(/已截止报送/);
		// issue 14: a published round answers every change with the one frozen message
		expect(submissionProblem({ status: 'published' })).toMatch(/已发布，分数已冻结/);
		expect(isLate({ deadline: '2025-01-31' }, new Date('2025-01-31T15:00:00Z'))).toBe(false);
		expect(isLate({ deadline: '2025-01-31' }, new Date('2025-02-01T00:00:01Z'))).toBe(true);
		expect(isLate({ deadline: null }, new Date('2030-01-01T00:00:00Z'))).toBe(false);
	});

	it('the board shows submitted / late / missing per agency with the date, in one query', async () => {
		const [, , c] = demoAgencies(40, 1).filter((x) => x.group === '盟直部门');
		const { insertAgency } = await import('../../src/lib/server/db/agencies');
		const agencyC = await insertAgency(db, { name: c.name, groupName: c.group });
		const agencyD = await insertAgency(db, { name: '测试空白单位', groupName: '盟直部门' });
		await db.updateTable('rounds').set({ deadline: '2025-01-31' }).where('id', '=', w.roundId).execute();
		const ctx = await createIngestContext(db, w.roundId, { id: null, username: 't' });
		const text = generateReport({ agency: c, year: 2024, seed: 9, quality: 0.4 }).text;
		const late = await ingestFile(ctx, 'c.txt', new TextEncoder().encode(text), { agencyId: agencyC, now: new Date('2025-02-03T00:00:00Z') });
		expect(late).toMatchObject({ status: 'imported', late: true });
		const board = await submissionBoard(db, w.roundId);
		const by = new Map(board.map((b) => [b.agencyId, b]));
		expect(by.get(w.agencyA)).toMatchObject({ state: 'submitted', reportId: w.reportA, fileName: 'a.txt' });
		expect(by.get(agencyC)).toMatchObject({ state: 'late', fileName: 'c.txt' });
		expect(by.get(agencyC)!.submittedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
		expect(by.get(agencyD)).toMatchObject({ state: 'missing', reportId: null, submittedAt: null });
	});
});

describe("an agency's own result", () => {
	it('is visible to the agency only once published, with the 整改清单 in rubric wording', async () => {
		const round = (await rounds.findRound(db, w.roundId))!;
		for (const s of ['draft', 'open', 'review'] as const) expect(canSeeScores(w.users.agency, w.agencyA, s)).toBe(false);
		expect(canSeeScores(w.users.agency, w.agencyA, 'published')).toBe(true);
		expect(canSeeScores(w.users.agency, w.agencyB, 'published')).toBe(false);
		expect(canSeeScores(w.users.evaluator, w.agencyB, 'review')).toBe(true);
		const r = (await ownResult(db, round, w.agencyA))!;
		const stored = await db.selectFrom('scores').select('score').where('report_id', '=', w.reportA).execute();
		expect(r.total).toBeCloseTo(stored.reduce((s, x) => s + x.score, 0), 2);
		expect(r.dimensions.map((d) => d.name)).toEqual(['五公开覆盖', '政策解读', '回应社会关切', '制度机制与保障', '报告规范性']);
		expect(r.gaps.length).toBeGreaterThan(0);
		for (const g of r.gaps) {
			expect([0, 1]).toContain(g.level);
			expect(g.description.length).toBeGreaterThan(4);
			expect(g.lost).toBeGreaterThan(0);
		}
	});
});
