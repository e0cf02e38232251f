/**
 * Issue 14 point 5: a report that names another agency than the one it is filed under, or covers
 * another period than the round's, is held for a supervisor: stored and scored, never counted (no
 * ranking row, the agency's current report stays), the agency told why; a supervisor releases it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/connect';
import { createIngestContext, ingestFile } from '../../src/lib/server/import/ingest';
import { releaseHeld } from '../../src/lib/server/import/submission-check';
import { roundResults } from '../../src/lib/server/results/round-results';
import { withLocale } from '../../src/lib/i18n/with-locale';
import { demoAgencies, generateReport } from '../../src/lib/demo/generate';
import { freshDb } from './helpers';
import { buildWorld, type World } from './world';

let db: Database;
let w: World;
const utf8 = (s: string) => new TextEncoder().encode(s);

beforeAll(async () => {
	db = await freshDb();
	w = await buildWorld(db, 'open');
}, 120_000);

const agencyOf = (name: string) => {
	const a = demoAgencies(40, 1).find((x) => x.name === name);
	if (!a) throw new Error(name);
	return a;
};
const totalOf = async (agencyId: number) => (await roundResults(db, w.roundId))!.agencies.find((a) => a.agencyId === agencyId)?.total ?? null;

describe('submission checks', () => {
	it("holds a report written as another agency's, submitted by agency A: A's current report still counts", async () => {
		const before = await totalOf(w.agencyA);
		expect(before).not.toBeNull();
		const ctx = await createIngestContext(db, w.roundId, w.users.agency);
		const text = generateReport({ agency: agencyOf(w.nameB), year: 2024, seed: 77, quality: 0.95 }).text;
		const r = await withLocale('zh-CN', () => ingestFile(ctx, 'b-as-a.txt', utf8(text), { agencyId: w.agencyA }));
		expect(r.status).toBe('imported');
		if (r.status !== 'imported') return;
		expect(r.held).toHaveLength(1);
		expect(r.held![0]).toContain(w.nameB);
		expect(r.held![0]).toContain(w.nameA);
		const row = await db.selectFrom('reports').select(['superseded', 'held', 'status']).where('id', '=', r.reportId).executeTakeFirstOrThrow();
		expect(row).toMatchObject({ superseded: 1, status: 'scored' });
		expect(JSON.parse(row.held!)).toEqual([{ code: 'agency_mismatch', params: { named: w.nameB, agency: w.nameA } }]);
		// Not counted: A's ranking row is still its earlier report.
		const res = (await roundResults(db, w.roundId))!;
		expect(res.agencies.find((a) => a.agencyId === w.agencyA)?.reportId).toBe(w.reportA);
		expect(await totalOf(w.agencyA)).toBe(before);
	});

	it('holds a report of another period (2026 into the 2024 round), whichever agency it names', async () => {
		const ctx = await createIngestContext(db, w.roundId, w.users.supervisor);
		const text = generateReport({ agency: agencyOf(w.nameB), year: 2026, seed: 78, quality: 0.95 }).text;
		const r = await withLocale('zh-CN', () => ingestFile(ctx, 'b-2026.txt', utf8(text)));
		expect(r.status).toBe('imported');
		if (r.status !== 'imported') return;
		expect(r.agencyId).toBe(w.agencyB);
		expect(r.held).toEqual(['报告期间为 2026，与本轮考核期 2024 不一致']);
		const res = (await roundResults(db, w.roundId))!;
		expect(res.agencies.find((a) => a.agencyId === w.agencyB)?.reportId).toBe(w.reportB);
		expect(res.missing).toEqual([]);
	});

	it('counts a matching report as before (no hold), replacing the current one', async () => {
		const ctx = await createIngestContext(db, w.roundId, w.users.agency);
		const text = generateReport({ agency: agencyOf(w.nameA), year: 2024, seed: 79, quality: 0.9 }).text;
		const r = await ingestFile(ctx, 'a-again.txt', utf8(text), { agencyId: w.agencyA });
		expect(r.status).toBe('imported');
		if (r.status !== 'imported') return;
		expect(r.held).toEqual([]);
		expect((await roundResults(db, w.roundId))!.agencies.find((a) => a.agencyId === w.agencyA)?.reportId).toBe(r.reportId);
	});

	it('a supervisor releases a held report: it becomes current and counts; audited', async () => {
		const held = await db.selectFrom('reports').select('id').where('file_name', '=', 'b-2026.txt').executeTakeFirstOrThrow();
		const r = await releaseHeld(db, held.id, w.users.supervisor, '该单位确认报告期间笔误');
		expect(r).toEqual({ ok: true });
		expect((await roundResults(db, w.roundId))!.agencies.find((a) => a.agencyId === w.agencyB)?.reportId).toBe(held.id);
		const again = await releaseHeld(db, held.id, w.users.supervisor);
		expect(again.ok).toBe(false);
		const audit = await db.selectFrom('audit_log').select(['action', 'before', 'after']).where('action', '=', 'report_release').executeTakeFirstOrThrow();
		expect(JSON.parse(audit.after!)).toMatchObject({ agencyId: w.agencyB, reason: '该单位确认报告期间笔误' });
		expect(audit.before).toContain('2026');
	});

	it('refuses to release in a published round', async () => {
		const held = await db.selectFrom('reports').select('id').where('file_name', '=', 'b-as-a.txt').executeTakeFirstOrThrow();
		await db.updateTable('rounds').set({ status: 'published' }).where('id', '=', w.roundId).execute();
		const r = await releaseHeld(db, held.id, w.users.supervisor);
		expect(r).toMatchObject({ ok: false, status: 409 });
		await db.updateTable('rounds').set({ status: 'open' }).where('id', '=', w.roundId).execute();
	});
});
