import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/connect';
import * as agencies from '../../src/lib/server/db/agencies';
import * as rounds from '../../src/lib/server/db/rounds';
import * as rubrics from '../../src/lib/server/db/rubrics';
import { createIngestContext, ingestFile } from '../../src/lib/server/import/ingest';
import { setOverride } from '../../src/lib/server/scoring/override';
import { gapsData, overviewData, rankedWithChange, roundContext } from '../../src/lib/server/results/dashboard';
import { roundResults, roundTotals } from '../../src/lib/server/results/round-results';
import { demoAgencies, generateReport } from '../../src/lib/demo/generate';
import { freshDb } from './helpers';
import { expandGapLevels } from '../../src/lib/charts/gaps-levels';

let db: Database;
const list = demoAgencies(40, 1).slice(0, 6);
const ids: number[] = [];
let r1: number;
let r2: number;
const USER = { id: 1, username: 'admin' };

beforeEach(async () => {
	db = await freshDb();
	ids.length = 0;
	for (const a of list) ids.push(await agencies.insertAgency(db, { name: a.name, groupName: a.group, region: a.region }));
	const rubric = (await rubrics.latestRubric(db))!;
	r1 = await rounds.insertRound(db, { name: '2023年度政务公开考核', period: '2023', rubricId: rubric.id, status: 'published' });
	r2 = await rounds.insertRound(db, { name: '2024年度政务公开考核', period: '2024', rubricId: rubric.id, status: 'review' });
	for (const [roundId, year] of [[r1, 2023], [r2, 2024]] as const) {
		const ctx = await createIngestContext(db, roundId, { id: null, username: 't' });
		// The last agency does not submit in 2024.
		for (const [i, a] of list.entries()) {
			if (year === 2024 && i === list.length - 1) continue;
			const g = generateReport({ agency: a, year, seed: i * 10 + year, quality: 0.2 + i * 0.13 });
			const r = await ingestFile(ctx, g.fileName, new TextEncoder().encode(g.text), { agencyId: ids[i] });
			expect(r.status).toBe('imported');
		}
	}
});
afterEach(() => db.destroy());

describe('round results', () => {
	it('totals equal the sum of the indicator scores, and ranks follow the rate', async () => {
		const round = (await rounds.findRound(db, r2))!;
		const totals = await roundTotals(db, round);
		expect(totals).toHaveLength(list.length - 1);
		for (const t of totals) {
			const sum = await db.selectFrom('scores').select((eb) => eb.fn.sum<number>('score').as('s')).where('report_id', '=', t.reportId).where('rubric_id', '=', round.rubric_id).executeTakeFirstOrThrow();
			expect(t.total).toBeCloseTo(Number(sum.s), 5);
			expect(Object.values(t.dimensions).reduce((s, x) => s + x, 0)).toBeCloseTo(t.total, 5);
		}
		const sorted = [...totals].sort((a, b) => a.rank - b.rank);
		for (let i = 1; i < sorted.length; i++) expect(sorted[i].rate).toBeLessThanOrEqual(sorted[i - 1].rate);
	});

	it('names the agency that did not submit and compares with the previous round', async () => {
		const ctx = await roundContext(db, new URL(`http://x/?round=${r2}`));
		const o = await overviewData(db, ctx);
		expect(o.received).toBe(list.length - 1);
		expect(o.expected).toBe(list.length);
		expect(o.missing.map((m) => m.agencyName)).toEqual([list[list.length - 1].name]);
		expect(o.previous?.id).toBe(r1);
		const { rows } = await rankedWithChange(db, ctx.round!);
		expect(rows.every((r) => r.previousRank !== null)).toBe(true);
	});

	it('an override changes the total, the rank basis and the export, and is audited', async () => {
		const round = (await rounds.findRound(db, r2))!;
		const before = await roundTotals(db, round);
		const target = before[0];
		const row = await db.selectFrom('scores').selectAll().where('report_id', '=', target.reportId).where('level', '=', 2).executeTakeFirstOrThrow();
		const r = await setOverride(db, { reportId: target.reportId, indicatorId: row.indicator_id, level: 0, reason: '复核认为依据不足' }, USER);
		expect(r).toEqual({ ok: true, score: 0 });
		const after = (await roundTotals(db, round)).find((t) => t.agencyId === target.agencyId)!;
		expect(after.total).toBeCloseTo(target.total - row.score, 5);
		const results = await roundResults(db, r2);
		const mine = results!.agencies.find((a) => a.agencyId === target.agencyId)!;
		expect(mine.indicators[row.indicator_id]).toMatchObject({ level: 0, machineLevel: 2, overridden: true });
		// The heatmap reads the levels kept beside the totals: they follow the override too.
		const ctx = await roundContext(db, new URL(`http://x/?round=${r2}`));
		const g = await gapsData(db, ctx, {});
		const a = g.agencies.findIndex((x) => x.id === target.agencyId);
		const i = ctx.indicators.findIndex((d) => d.id === row.indicator_id);
		expect(g.levels[a][i]).toBe('0');
		const audit = await db.selectFrom('audit_log').selectAll().where('action', '=', 'override').execute();
		expect(audit).toHaveLength(1);
		expect(JSON.parse(audit[0].before ?? '{}')).toMatchObject({ level: 2 });
		expect(JSON.parse(audit[0].after ?? '{}')).toMatchObject({ level: 0, reason: '复核认为依据不足' });
	});

	it('refuses an override without a reason and on a published round, changing nothing', async () => {
		const report = await db.selectFrom('reports').select('id').where('round_id', '=', r1).executeTakeFirstOrThrow();
		expect(await setOverride(db, { reportId: report.id, indicatorId: 'fd.decision', level: 2, reason: '理由充分合理' }, USER)).toMatchObject({ ok: false, status: 409 });
		const open = await db.selectFrom('reports').select('id').where('round_id', '=', r2).executeTakeFirstOrThrow();
		expect(await setOverride(db, { reportId: open.id, indicatorId: 'fd.decision', level: 2, reason: ' ' }, USER)).toMatchObject({ ok: false, status: 400 });
		expect(await setOverride(db, { reportId: open.id, indicatorId: 'fd.decision', level: 5, reason: '理由充分合理' }, USER)).toMatchObject({ ok: false, status: 400 });
		expect(await db.selectFrom('overrides').selectAll().execute()).toHaveLength(0);
	});

	it('the gaps heatmap has one cell per agency and indicator', async () => {
		const ctx = await roundContext(db, new URL(`http://x/?round=${r2}`));
		const g = await gapsData(db, ctx, {});
		expect(g.agencies).toHaveLength(list.length - 1);
		expect(g.levels).toHaveLength(list.length - 1);
		expect(g.levels.every((l) => l.length === ctx.indicators.length && /^[012-]+$/.test(l))).toBe(true);
		expect(expandGapLevels(g.agencies, g.levels)).toHaveLength((list.length - 1) * ctx.indicators.length);
		const c = g.counts.find((x) => x.id === 'rq.consistency')!;
		expect(c.missing + c.partial + c.met + c.na).toBe(list.length - 1);
	});
});
