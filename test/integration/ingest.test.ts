import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { Document, Packer, Paragraph } from 'docx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/connect';
import * as agencies from '../../src/lib/server/db/agencies';
import * as rounds from '../../src/lib/server/db/rounds';
import * as rubrics from '../../src/lib/server/db/rubrics';
import { assignAgency, createIngestContext, ingestFile } from '../../src/lib/server/import/ingest';
import { rescoreRound } from '../../src/lib/server/scoring/rescore';
import { demoAgencies, generateReport } from '../../src/lib/demo/generate';
import { defaultRubric } from '../../src/lib/analysis/rubric';
import { CORPUS, freshDb } from './helpers';

const utf8 = (s: string) => new TextEncoder().encode(s);
let db: Database;
let roundId: number;
const [edu, fin] = demoAgencies(40, 1).filter((a) => a.group === '盟直部门');

beforeEach(async () => {
	db = await freshDb();
	await agencies.insertAgency(db, { name: edu.name, groupName: edu.group, region: edu.region });
	await agencies.insertAgency(db, { name: fin.name, groupName: fin.group, region: fin.region });
	const rubric = await rubrics.latestRubric(db);
	roundId = await rounds.insertRound(db, { name: '2024年度政务公开考核', period: '2024', rubricId: rubric!.id, deadline: '2025-01-31' });
});
afterEach(() => db.destroy());

const USER = { id: null, username: 'test' };

describe('ingest', () => {
	it('imports a report: agency resolved from the text, 22 indicator rows, metrics, an audit entry', async () => {
		const g = generateReport({ agency: edu, year: 2024, seed: 11, quality: 0.8, type: 'annual_report' });
		const ctx = await createIngestContext(db, roundId, USER);
		const r = await ingestFile(ctx, g.fileName, utf8(g.text), { now: new Date('2025-01-10T00:00:00Z') });
		expect(r.status).toBe('imported');
		if (r.status !== 'imported') return;
		expect(r.agencyName).toBe(edu.name);
		expect(r.late).toBe(false);
		expect(r.max).toBeGreaterThan(90);
		const scores = await db.selectFrom('scores').selectAll().where('report_id', '=', r.reportId).execute();
		expect(scores).toHaveLength(22);
		const sum = scores.reduce((s, x) => s + x.score, 0);
		expect(sum).toBeCloseTo(r.total, 5);
		const report = await db.selectFrom('reports').selectAll().where('id', '=', r.reportId).executeTakeFirstOrThrow();
		expect(Buffer.from(report.bytes).toString('utf8')).toBe(g.text);
		expect(report.encoding).toBe('utf-8');
		const audit = await db.selectFrom('audit_log').select('action').execute();
		expect(audit.map((a) => a.action)).toEqual(['import']);
	});

	it('finds the same report sent again as GBK and as docx a duplicate', async () => {
		const g = generateReport({ agency: fin, year: 2024, seed: 5, quality: 0.5 });
		const ctx = await createIngestContext(db, roundId, USER);
		const first = await ingestFile(ctx, 'a.txt', utf8(g.text));
		expect(first.status).toBe('imported');
		const gbk = await ingestFile(ctx, 'b.txt', iconv.encode(g.text, 'gb18030'));
		expect(gbk).toMatchObject({ status: 'duplicate', agencyName: fin.name });
		const docx = await Packer.toBuffer(new Document({ sections: [{ children: g.text.split('\n').map((l) => new Paragraph(l)) }] }));
		expect((await ingestFile(ctx, 'c.docx', new Uint8Array(docx))).status).toBe('duplicate');
		expect(await db.selectFrom('reports').select('id').execute()).toHaveLength(1);
	});

	it('marks a submission after the deadline late', async () => {
		const g = generateReport({ agency: edu, year: 2024, seed: 3 });
		const ctx = await createIngestContext(db, roundId, USER);
		const r = await ingestFile(ctx, 'late.txt', utf8(g.text), { now: new Date('2025-02-03T00:00:00Z') });
		expect(r).toMatchObject({ status: 'imported', late: true });
	});

	it('rejects a bad file with its reason and stores nothing', async () => {
		const ctx = await createIngestContext(db, roundId, USER);
		const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(600).fill(0)]);
		const r = await ingestFile(ctx, '报告.doc', ole);
		expect(r.status).toBe('failed');
		if (r.status === 'failed') expect(r.message).toContain('不支持的文件格式');
		expect(await ingestFile(ctx, 'empty.txt', new Uint8Array())).toMatchObject({ status: 'failed' });
		expect(await db.selectFrom('reports').select('id').execute()).toHaveLength(0);
	});

	it('asks for an agency it cannot resolve, then remembers the mapping as an alias', async () => {
		const stranger = { ...edu, name: '青岚盟档案史志馆', aliases: [] };
		const g = generateReport({ agency: stranger, year: 2024, seed: 9 });
		const ctx = await createIngestContext(db, roundId, USER);
		const r = await ingestFile(ctx, 'x.txt', utf8(g.text));
		expect(r.status).toBe('needs_agency');
		if (r.status !== 'needs_agency') return;
		expect(r.message).toContain('无法确定报送单位');
		const newId = await agencies.insertAgency(db, { name: '青岚盟档案馆' });
		expect(await assignAgency(db, r.reportId, newId, USER)).toEqual({ ok: true });
		const report = await db.selectFrom('reports').selectAll().where('id', '=', r.reportId).executeTakeFirstOrThrow();
		expect(report).toMatchObject({ agency_id: newId, status: 'scored' });
		if (r.extracted) expect((await agencies.findAgencyByAlias(db, r.extracted))?.id).toBe(newId);
		// The next report naming the agency the same way resolves by itself.
		const again = generateReport({ agency: stranger, year: 2024, seed: 10, quality: 0.2 });
		const ctx2 = await createIngestContext(db, roundId, USER);
		expect(await ingestFile(ctx2, 'y.txt', utf8(again.text))).toMatchObject({ status: 'imported', agencyId: newId });
	});

	it('re-scores a round under a new rubric version into new rows, keeping the old ones', async () => {
		const g = generateReport({ agency: edu, year: 2024, seed: 4, quality: 0.9 });
		const ctx = await createIngestContext(db, roundId, USER);
		const r = await ingestFile(ctx, 'a.txt', utf8(g.text));
		expect(r.status).toBe('imported');
		const v2 = structuredClone(defaultRubric);
		v2.version = 2;
		v2.dimensions[0].indicators[0].points = 8;
		v2.dimensions[0].indicators[1].points = 4;
		const v2Id = await rubrics.insertRubric(db, v2, null);
		await rescoreRound(db, roundId, v2Id, USER);
		const rows = await db.selectFrom('scores').select(['rubric_id', 'indicator_id', 'max']).execute();
		expect(rows.filter((x) => x.rubric_id === v2Id)).toHaveLength(22);
		expect(rows.length).toBe(44);
		expect(rows.find((x) => x.rubric_id === v2Id && x.indicator_id === 'fd.decision')?.max).toBe(8);
		expect((await rounds.findRound(db, roundId))?.rubric_id).toBe(v2Id);
	});
});

const corpusFiles = fs.existsSync(path.join(CORPUS, 'reports'))
	? fs.readdirSync(path.join(CORPUS, 'reports')).filter((f) => f.endsWith('.txt')).slice(0, 2)
	: [];

if (corpusFiles.length === 0) console.warn(`skipping the corpus round-trip: ${CORPUS} is absent`);
describe.skipIf(corpusFiles.length === 0)('a corpus report in four forms', () => {
	it.each(corpusFiles)('%s scores the same as UTF-8, GBK, html and docx', async (file) => {
		const text = fs.readFileSync(path.join(CORPUS, 'reports', file), 'utf8');
		const html = `<!doctype html><html><head><meta charset="utf-8"><title>报告</title></head><body><div class="article">${text
			.split('\n')
			.map((l) => `<p>${l.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`)
			.join('')}</div></body></html>`;
		const docx = await Packer.toBuffer(new Document({ sections: [{ children: text.split('\n').map((l) => new Paragraph(l)) }] }));
		const forms: [string, Uint8Array][] = [
			['r.txt', utf8(text)],
			['r-gbk.txt', iconv.encode(text, 'gb18030')],
			['r.html', utf8(html)],
			['r.docx', new Uint8Array(docx)]
		];
		const levels: string[] = [];
		for (const [name, bytes] of forms) {
			const fresh = await freshDb();
			const rubric = await rubrics.latestRubric(fresh);
			const rid = await rounds.insertRound(fresh, { name: 't', period: '2019', rubricId: rubric!.id });
			const ctx = await createIngestContext(fresh, rid, USER);
			const r = await ingestFile(ctx, name, bytes);
			expect(['imported', 'needs_agency']).toContain(r.status);
			const rows = await fresh.selectFrom('scores').select(['indicator_id', 'level']).orderBy('indicator_id').execute();
			levels.push(JSON.stringify(rows));
			await fresh.destroy();
		}
		expect(new Set(levels).size).toBe(1);
	});
});
