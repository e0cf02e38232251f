import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/connect';
import * as agencies from '../../src/lib/server/db/agencies';
import * as rounds from '../../src/lib/server/db/rounds';
import * as rubrics from '../../src/lib/server/db/rubrics';
import { createIngestContext, ingestFile } from '../../src/lib/server/import/ingest';
import { previewRound } from '../../src/lib/server/rubric/preview';
import { roundTotals } from '../../src/lib/server/results/round-results';
import { defaultRubric } from '../../src/lib/analysis/rubric';
import { demoAgencies, generateReport } from '../../src/lib/demo/generate';
import { freshDb } from './helpers';

let db: Database;
let roundId: number;

beforeEach(async () => {
	db = await freshDb();
	const rubric = (await rubrics.latestRubric(db))!;
	roundId = await rounds.insertRound(db, { name: '2024年度政务公开考核', period: '2024', rubricId: rubric.id, status: 'review' });
	const ctx = await createIngestContext(db, roundId, { id: null, username: 't' });
	for (const [i, a] of demoAgencies(40, 1).slice(0, 5).entries()) {
		const id = await agencies.insertAgency(db, { name: a.name, groupName: a.group });
		const g = generateReport({ agency: a, year: 2024, seed: 50 + i, quality: 0.15 + i * 0.18 });
		expect((await ingestFile(ctx, g.fileName, new TextEncoder().encode(g.text), { agencyId: id })).status).toBe('imported');
	}
});
afterEach(() => db.destroy());

describe('rubric preview', () => {
	it('compares stored totals with the draft and ranks both by score rate', async () => {
		const round = (await rounds.findRound(db, roundId))!;
		const stored = await roundTotals(db, round);
		const same = await previewRound(db, round, defaultRubric);
		expect(same).toHaveLength(stored.length);
		for (const row of same) {
			const s = stored.find((x) => x.agencyName === row.agencyName)!;
			expect(row.before).toBeCloseTo(s.total, 5);
			expect(row.delta).toBeCloseTo(0, 5);
			expect(row.rankBefore).toBe(s.rank);
			expect(row.rankMove).toBe(0);
		}
		// A draft that weighs 决策公开 at 0 points moves every agency that met it down.
		const draft = structuredClone(defaultRubric);
		const ind = draft.dimensions[0].indicators[0];
		draft.dimensions[0].indicators[1].points += ind.points;
		ind.points = 0;
		const moved = await previewRound(db, round, draft);
		expect(moved.some((r) => r.delta !== 0)).toBe(true);
		expect(moved.every((r) => r.after <= r.afterMax)).toBe(true);
	});
});
