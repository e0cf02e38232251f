/**
 * Reuse figures through the real import path (issue 15): fingerprints written once per report, the
 * previous-round figure against the same agency only, the closest other agency in the round, the
 * round recomputed, and the side-by-side view.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/connect';
import * as agencies from '../../src/lib/server/db/agencies';
import * as rounds from '../../src/lib/server/db/rounds';
import * as rubrics from '../../src/lib/server/db/rubrics';
import { createIngestContext, ingestFile } from '../../src/lib/server/import/ingest';
import { demoAgencies, generateReport } from '../../src/lib/demo/generate';
import { figuresFor, flaggedReports, recomputeRound, reuseList } from '../../src/lib/server/similarity/service';
import { simDb } from '../../src/lib/server/similarity/tables';
import { pairView } from '../../src/lib/server/similarity/view';
import { parseArgs } from '../../src/lib/cli/args';
import { similarityCommand } from '../../src/lib/cli/commands/similarity';
import ExcelJS from 'exceljs';
import { roundResults } from '../../src/lib/server/results/round-results';
import { buildResultsWorkbook } from '../../src/lib/server/export/xlsx';
import { freshDb } from './helpers';

const utf8 = (s: string) => new TextEncoder().encode(s);
const USER = { id: null, username: 'test' };
const [edu, fin, hlth] = demoAgencies(40, 1).filter((a) => a.group === '盟直部门');
let db: Database;
const ids: Record<string, number> = {};
let r2023 = 0;
let r2024 = 0;

async function put(roundId: number, agencyId: number, text: string, name: string): Promise<number> {
	const ctx = await createIngestContext(db, roundId, USER);
	const r = await ingestFile(ctx, name, utf8(text), { agencyId });
	if (r.status !== 'imported') throw new Error(`${name}: ${r.status} ${'message' in r ? r.message : ''}`);
	return r.reportId;
}

beforeEach(async () => {
	db = await freshDb();
	for (const a of [edu, fin, hlth]) ids[a.name] = await agencies.insertAgency(db, { name: a.name, groupName: a.group, region: a.region });
	const rubric = await rubrics.latestRubric(db);
	r2023 = await rounds.insertRound(db, { name: '2023年度', period: '2023', rubricId: rubric!.id });
	r2024 = await rounds.insertRound(db, { name: '2024年度', period: '2024', rubricId: rubric!.id });
});
afterEach(() => db.destroy());

describe('reuse figures at import', () => {
	it('the previous-round figure is against the same agency only; the closest other agency is in the same round', async () => {
		const eduOld = generateReport({ agency: edu, year: 2023, seed: 3, type: 'annual_report' });
		const finOld = generateReport({ agency: fin, year: 2023, seed: 4, type: 'annual_report' });
		const eduOldId = await put(r2023, ids[edu.name], eduOld.text, 'edu-2023.txt');
		const finOldId = await put(r2023, ids[fin.name], finOld.text, 'fin-2023.txt');
		// 2024: edu sends fin's 2023 report with the names and the year changed
		const copy = finOld.text.replaceAll(fin.name, edu.name).replaceAll('2023', '2024').replaceAll('2022', '2023');
		const eduNew = await put(r2024, ids[edu.name], copy, 'edu-2024.txt');
		// fingerprints were written once for every report
		const fp = await simDb(db).selectFrom('similarity_fingerprints').select((eb) => eb.fn.count<number>('hash').as('n')).where('report_id', '=', eduNew).executeTakeFirstOrThrow();
		expect(Number(fp.n)).toBeGreaterThan(50);

		const f = (await figuresFor(db, [eduNew])).get(eduNew)!;
		expect(f.previous?.reportId).toBe(eduOldId);
		// fin's 2023 report is another agency in another round: it is not the previous report, and not a peer
		expect(f.previous?.reportId).not.toBe(finOldId);
		expect(f.peer).toBeNull();
		// what the figure would have been against fin's report: the view shows it
		const against = await pairView(db, eduNew, finOldId);
		expect(against!.aInB!).toBeGreaterThanOrEqual(0.9);
		expect(f.previous!.share!).toBeLessThan(against!.aInB! - 0.2);
		expect(f.letters).toBeGreaterThan(500);
		// the lists say whether figures exist (an empty list is not "none above the thresholds")
		expect((await reuseList(db, r2024)).computed).toBe(1);
		const empty = await rounds.insertRound(db, { name: '2025年度', period: '2025', rubricId: (await rubrics.latestRubric(db))!.id });
		expect(await reuseList(db, empty)).toMatchObject({ computed: 0, items: [] });
		expect(f.standardLetters).toBeGreaterThan(100);
	});

	it('a copy of the same agency’s previous report is flagged; a copy of another agency in the round is its closest', async () => {
		const old = generateReport({ agency: edu, year: 2023, seed: 3, type: 'annual_report' });
		const oldId = await put(r2023, ids[edu.name], old.text, 'edu-2023.txt');
		const again = old.text.replaceAll('2023', '2024');
		const newId = await put(r2024, ids[edu.name], again, 'edu-2024.txt');
		const fin24 = generateReport({ agency: fin, year: 2024, seed: 8, type: 'annual_report' });
		const finId = await put(r2024, ids[fin.name], fin24.text, 'fin-2024.txt');
		// health copies finance's report in the same round, after it (incremental: through the index)
		const hl = await put(r2024, ids[hlth.name], fin24.text.replaceAll(fin.name, hlth.name), 'hlth-2024.txt');
		const figs = await figuresFor(db, [newId, finId, hl]);
		expect(figs.get(newId)!.previous).toMatchObject({ reportId: oldId });
		expect(figs.get(newId)!.previous!.share!).toBeGreaterThanOrEqual(0.9);
		expect(figs.get(hl)!.peer).toMatchObject({ reportId: finId, agencyName: fin.name });
		expect(figs.get(hl)!.peer!.share).toBeGreaterThanOrEqual(0.9);
		// the earlier report was refreshed when its copy arrived
		expect(figs.get(finId)!.peer).toMatchObject({ reportId: hl });

		const flagged = await flaggedReports(db, r2024, { previous: 0.5, peer: 0.6, commonShare: 0.3 });
		expect(flagged.find((x) => x.kind === 'previous')).toMatchObject({ reportId: newId, otherReportId: oldId });
		expect(flagged.filter((x) => x.kind === 'peer').map((x) => x.reportId).sort()).toEqual([finId, hl].sort());

		// recomputing the round gives the same figures
		const before = [...figs.values()].map((x) => [x.reportId, x.previous?.reportId ?? null, x.peer?.reportId ?? null, x.peer?.share.toFixed(3) ?? null]);
		const r = await recomputeRound(db, r2024);
		expect(r.reports).toBe(3);
		expect(r.abovePrevious).toBe(1);
		expect(r.abovePeer).toBe(2);
		const after = [...(await figuresFor(db, [newId, finId, hl])).values()].map((x) => [x.reportId, x.previous?.reportId ?? null, x.peer?.reportId ?? null, x.peer?.share.toFixed(3) ?? null]);
		expect(after).toEqual(before);

		// the default view of the new report is against its previous report, with the years marked as changed
		const v = await pairView(db, newId, null);
		expect(v!.relation).toBe('previous');
		expect(v!.b!.reportId).toBe(oldId);
		const changed = v!.a.marks.filter((m) => m.kind === 'changed').map((m) => again.slice(m.start, m.end));
		expect(changed.length).toBeGreaterThan(0);
		expect(changed.every((t) => /2024/.test(t))).toBe(true);
		expect(v!.choices.map((c) => c.label)).toContain('previous');

		// the JSON results carry the figure (an agency's own results never name another agency), the workbook a column
		const res = await roundResults(db, r2024);
		expect(res!.agencies.find((x) => x.reportId === newId)!.reuse!.previousShare!).toBeGreaterThanOrEqual(0.9);
		expect(res!.agencies.find((x) => x.reportId === hl)!.reuse).toMatchObject({ peerAgencyName: fin.name });
		const own = await roundResults(db, r2024, { agencyId: ids[hlth.name] });
		expect(own!.agencies[0].reuse).toMatchObject({ peerAgencyName: null, peerShare: null });
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load((await buildResultsWorkbook(res!)) as unknown as ExcelJS.Buffer);
		const ws = wb.getWorksheet('排名')!;
		const header = (ws.getRow(1).values as unknown[]).map(String);
		const col = header.indexOf('与上一轮重复率');
		expect(col).toBeGreaterThan(0);
		const rowOf = (name: string) => ws.getRows(2, ws.rowCount - 1)!.find((row) => row.getCell(header.indexOf('单位')).value === name)!;
		expect(Number(rowOf(edu.name).getCell(col).value)).toBeGreaterThanOrEqual(0.9);
		expect(ws.getColumn(col).numFmt ?? rowOf(edu.name).getCell(col).numFmt).toBe('0.0%');

		// zwgk similarity --round ID
		const lines: string[] = [];
		expect(await similarityCommand(db, parseArgs(['--round', String(r2024)], ['round']), (x) => lines.push(x))).toBe(0);
		expect(lines[0]).toContain('3 份报告');
		expect(lines.join('\n')).toContain(`${edu.name}  与上一轮重复率`);
		expect(lines.join('\n')).toContain(`${hlth.name}  与 ${fin.name} 重复`);
	});
});
