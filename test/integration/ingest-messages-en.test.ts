import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/connect';
import * as agencies from '../../src/lib/server/db/agencies';
import * as rounds from '../../src/lib/server/db/rounds';
import * as rubrics from '../../src/lib/server/db/rubrics';
import { assignAgency, createIngestContext, ingestFile } from '../../src/lib/server/import/ingest';
import { withLocale } from '../../src/lib/i18n/with-locale';
import { demoAgencies, generateReport } from '../../src/lib/demo/generate';
import { freshDb } from './helpers';

/** The import pipeline's outcome messages in English (Chinese only inside parameter values). */
const utf8 = (s: string) => new TextEncoder().encode(s);
const CJK = /[\u4e00-\u9fff]/;
const USER = { id: null, username: 'test' };
const [edu] = demoAgencies(40, 1).filter((a) => a.group === '盟直部门');
let db: Database;
let roundId: number;

beforeEach(async () => {
	db = await freshDb();
	await agencies.insertAgency(db, { name: edu.name, groupName: edu.group, region: edu.region });
	const rubric = await rubrics.latestRubric(db);
	roundId = await rounds.insertRound(db, { name: '2024年度政务公开考核', period: '2024', rubricId: rubric!.id, deadline: '2025-01-31' });
});
afterEach(() => db.destroy());

describe('ingest messages in English', () => {
	it('a file too short to be a report, and a file that cannot be decoded', async () => {
		const ctx = await createIngestContext(db, roundId, USER);
		const short = await withLocale('en', () => ingestFile(ctx, 'note.txt', utf8('政务公开工作简报：本月无新增事项。')));
		expect(short).toEqual({
			status: 'failed',
			fileName: 'note.txt',
			message: 'Not imported: the content is too short (15 Chinese characters) to be a government disclosure report'
		});
		const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(64).fill(0)]);
		const bad = await withLocale('en', () => ingestFile(ctx, '报告.png', png));
		expect(bad).toMatchObject({ status: 'failed', message: expect.stringMatching(/^Unsupported file format \(\.png image\)/) });
		// Outside a request: Chinese, as before.
		expect(await ingestFile(ctx, 'note.txt', utf8('政务公开工作简报：本月无新增事项。'))).toMatchObject({
			message: '内容过短（仅 15 个汉字），不像政务公开工作报告，未导入'
		});
	});

	it('needs an agency, then a duplicate', async () => {
		const stranger = { ...edu, name: '青岚盟档案史志馆', aliases: [] };
		const g = generateReport({ agency: stranger, year: 2024, seed: 9 });
		const ctx = await createIngestContext(db, roundId, USER);
		const r = await withLocale('en', () => ingestFile(ctx, 'x.txt', utf8(g.text)));
		expect(r.status).toBe('needs_agency');
		if (r.status !== 'needs_agency') return;
		expect(r.message).toBe(
			r.extracted ? `Could not determine the submitting agency (the report names “${r.extracted}”)` : 'Could not determine the submitting agency'
		);
		expect(r.message.replace(r.extracted ?? '', '')).not.toMatch(CJK);
		const dup = await withLocale('en', () => ingestFile(ctx, 'again.txt', utf8(g.text)));
		expect(dup).toMatchObject({ status: 'duplicate', message: 'Already imported: see x.txt' });
	});

	it('warns in English when the report covers another period', async () => {
		const g = generateReport({ agency: edu, year: 2023, seed: 4, quality: 0.9 });
		const ctx = await createIngestContext(db, roundId, USER);
		const r = await withLocale('en', () => ingestFile(ctx, 'old.txt', utf8(g.text)));
		expect(r.status).toBe('imported');
		if (r.status !== 'imported') return;
		expect(r.warnings).toContain("The period the report covers (2023) differs from the round's period (2024)");
		for (const w of r.warnings) expect(w).not.toMatch(CJK);
	});

	it('a missing round, report or agency', async () => {
		await expect(withLocale('en', () => createIngestContext(db, 999, USER))).rejects.toThrow('Assessment round 999 not found');
		await expect(createIngestContext(db, 999, USER)).rejects.toThrow('考核轮次 999 不存在');
		expect(await withLocale('en', () => assignAgency(db, 999, 1, USER))).toEqual({ ok: false, message: 'Report not found' });
	});
});
