/**
 * Issue 14 exports read back: the 折合得分 column of the ranking sheet, the page-number field of
 * the Word files, and the 未报送 list (xlsx and csv) against what SQL says.
 */
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/connect';
import * as agencies from '../../src/lib/server/db/agencies';
import { roundResults } from '../../src/lib/server/results/round-results';
import type { RoundResults } from '../../src/lib/server/results/types';
import { buildResultsWorkbook } from '../../src/lib/server/export/xlsx';
import { DEFAULT_BANDS, buildNoticeDocx, buildRectificationDocx } from '../../src/lib/server/export/docx';
import { buildMissingCsv, missingList, renderMissing } from '../../src/lib/server/export/missing';
import { freshDb } from './helpers';
import { buildWorld, type World } from './world';

let db: Database;
let w: World;
let r: RoundResults;
let silentId: number;

beforeAll(async () => {
	db = await freshDb();
	w = await buildWorld(db, 'review');
	silentId = await agencies.insertAgency(db, { name: '青岚盟未报送测试局', groupName: '盟直部门', region: '青岚盟' });
	r = (await roundResults(db, w.roundId))!;
}, 120_000);

const load = async (bytes: Uint8Array) => {
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
	return wb;
};

describe('exports', () => {
	it('the ranking sheet has 折合得分（%） = total / own maximum, the order of the ranking', async () => {
		const wb = await load(await buildResultsWorkbook(r));
		const ws = wb.getWorksheet('排名')!;
		const header: string[] = [];
		ws.getRow(1).eachCell((c) => header.push(String(c.value)));
		const col = header.indexOf('折合得分（%）') + 1;
		expect(col).toBeGreaterThan(header.indexOf('满分') + 1);
		const rates = r.agencies.map((_, i) => ws.getRow(i + 2).getCell(col).value as number);
		expect(rates).toEqual(r.agencies.map((a) => Math.round((a.total / a.max) * 1000) / 10));
		expect([...rates].sort((a, b) => b - a)).toEqual(rates);
		expect(ws.getColumn(col).numFmt).toBe('0.0');
		const missingRow = ws.getRow(r.agencies.length + 2);
		expect(missingRow.getCell(header.indexOf('单位') + 1).value).toBe('青岚盟未报送测试局');
		expect(missingRow.getCell(col).value).toBeNull();
	});

	it('Word files carry a PAGE field in their footer', async () => {
		for (const bytes of [
			await buildNoticeDocx(r, { issuer: '青岚盟政务公开办公室', date: '2026年11月23日', bands: DEFAULT_BANDS }),
			await buildRectificationDocx(r, w.agencyA, { issuer: '青岚盟政务公开办公室', date: '2026年11月23日' })
		]) {
			const files = unzipSync(bytes);
			const footers = Object.keys(files).filter((f) => /^word\/footer\d*\.xml$/.test(f));
			expect(footers.length).toBeGreaterThan(0);
			const xml = footers.map((f) => strFromU8(files[f])).join('');
			expect(xml).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
			expect(xml).toContain('— ');
			expect(strFromU8(files['word/document.xml'])).toMatch(/<w:footerReference [^>]*w:type="default"/);
		}
	});

	it('the 未报送 list names the agency without a report, in xlsx and csv, and counts the expected', async () => {
		const list = (await missingList(db, w.roundId))!;
		expect(list.rows.map((x) => x.agencyName)).toEqual(['青岚盟未报送测试局']);
		expect(list.rows[0]).toMatchObject({ agencyId: silentId, group: '盟直部门', region: '青岚盟' });
		expect(list.expected).toBe(3);
		const csv = buildMissingCsv(list);
		expect(csv).toBe('\uFEFF序号,单位,分组,地区,状态\r\n1,青岚盟未报送测试局,盟直部门,青岚盟,未报送\r\n');
		const file = await renderMissing(list, 'xlsx');
		expect(file.fileName).toBe('未报送单位_2024.xlsx');
		const wb = await load(file.bytes);
		const ws = wb.getWorksheet('未报送单位')!;
		expect(ws.getRow(2).values).toEqual([undefined, 1, '青岚盟未报送测试局', '盟直部门', '青岚盟', '未报送']);
		expect(ws.rowCount).toBe(2);
		const note = wb.getWorksheet('说明')!;
		const lines = new Map<string, string>();
		note.eachRow((row) => lines.set(String(row.getCell(1).value), String(row.getCell(2).value)));
		expect(lines.get('应报送单位')).toBe('3家');
		expect(lines.get('未报送单位')).toBe('1家');
		expect(lines.get('报送截止日期')).toBe('2099-01-31');
		expect(lines.get('生成时间')).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d（北京时间）$/);
	});

	it('an unknown round has no list', async () => {
		expect(await missingList(db, 9999)).toBeNull();
	});
});
