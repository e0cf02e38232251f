import { describe, it, expect, beforeAll } from 'vitest';
import ExcelJS from 'exceljs';
import { buildResultsWorkbook, LEVEL_FILLS, OVERRIDE_FILL } from './xlsx';
import { makeRoundResults } from './fixtures';
import type { RoundResults } from '../results/types';

const r: RoundResults = makeRoundResults();
let wb: ExcelJS.Workbook;
let bytes: Uint8Array;

const sheet = (name: string): ExcelJS.Worksheet => {
	const ws = wb.getWorksheet(name);
	if (!ws) throw new Error(`no sheet ${name}`);
	return ws;
};
const headerOf = (ws: ExcelJS.Worksheet): string[] => {
	const out: string[] = [];
	ws.getRow(1).eachCell((c) => out.push(String(c.value)));
	return out;
};
const fillColor = (cell: ExcelJS.Cell): string | undefined => {
	const f = cell.fill;
	return f && f.type === 'pattern' ? f.fgColor?.argb : undefined;
};
/** exceljs types its input as an ArrayBuffer; copy the bytes into a fresh one. */
const arrayBuffer = (b: Uint8Array): ArrayBuffer => {
	const ab = new ArrayBuffer(b.byteLength);
	new Uint8Array(ab).set(b);
	return ab;
};
const noteText = (cell: ExcelJS.Cell): string => {
	const n: unknown = cell.note;
	if (typeof n === 'string') return n;
	if (n && typeof n === 'object' && 'texts' in n && Array.isArray(n.texts)) {
		return n.texts.map((t: unknown) => (t && typeof t === 'object' && 'text' in t ? String(t.text) : '')).join('');
	}
	return '';
};

beforeAll(async () => {
	bytes = await buildResultsWorkbook(r);
	wb = new ExcelJS.Workbook();
	await wb.xlsx.load(arrayBuffer(bytes));
});

describe('buildResultsWorkbook', () => {
	it('has the four sheets in order', () => {
		expect(bytes.byteLength).toBeGreaterThan(5000);
		expect(wb.worksheets.map((w) => w.name)).toEqual(['排名', '指标得分', '缺失项', '说明']);
	});

	it('排名 lists every agency with rank, total and max as in the results, then the missing agency', () => {
		const ws = sheet('排名');
		const header = headerOf(ws);
		expect(header.slice(0, 7)).toEqual(['名次', '单位', '分组', '组内名次', '地区', '总分', '满分']);
		expect(header).toContain('五公开覆盖（30）');
		expect(header).toContain('较上期名次变化');
		const col = (h: string) => header.indexOf(h) + 1;
		r.agencies.forEach((a, i) => {
			const row = ws.getRow(i + 2);
			expect(row.getCell(col('名次')).value).toBe(a.rank);
			expect(row.getCell(col('单位')).value).toBe(a.agencyName);
			expect(row.getCell(col('分组')).value).toBe(a.group);
			expect(row.getCell(col('总分')).value).toBe(a.total);
			expect(row.getCell(col('满分')).value).toBe(a.max);
			expect(row.getCell(col('折合得分（%）')).value).toBe(Math.round((a.total / a.max) * 1000) / 10);
			expect(row.getCell(col('五公开覆盖（30）')).value).toBe(a.dimensions.fd);
		});
		// The new agency shows 新, others an arrow or a dash.
		const changes = r.agencies.map((_, i) => String(ws.getRow(i + 2).getCell(col('较上期名次变化')).value));
		expect(changes.filter((c) => c === '新')).toHaveLength(1);
		for (const c of changes) expect(c).toMatch(/^(新|—|↑\d+|↓\d+)$/);
		const missingRow = ws.getRow(r.agencies.length + 2);
		expect(missingRow.getCell(col('单位')).value).toBe('青岚盟应急管理局');
		expect(missingRow.getCell(col('总分')).value).toBeNull();
		expect(missingRow.getCell(col('备注')).value).toBe('未报送');
		expect(ws.getColumn(col('总分')).numFmt).toBe('0.0');
	});

	it('explains a reduced maximum on the row', () => {
		const ws = sheet('排名');
		const header = headerOf(ws);
		const i = r.agencies.findIndex((a) => a.max < 100);
		expect(i).toBeGreaterThanOrEqual(0);
		expect(String(ws.getRow(i + 2).getCell(header.indexOf('备注') + 1).value)).toContain('表格勾稽不适用，满分98');
	});

	it('freezes the header row and turns the autofilter on for the data sheets', () => {
		for (const name of ['排名', '指标得分', '缺失项']) {
			const ws = sheet(name);
			expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
			// The filter spans the whole header row: A1 to the last header cell.
			const lastCol = ws.getRow(1).cellCount;
			expect(ws.autoFilter).toBe(`A1:${ws.getColumn(lastCol).letter}1`);
		}
		expect(sheet('排名').autoFilter).toBe('A1:P1'); // … 折合得分（%）(issue 14), … 较上期名次变化, 与上一轮重复率 (issue 15), 备注
	});

	it('sizes columns for Chinese text (CJK counts as 2)', () => {
		const ws = sheet('排名');
		const nameCol = headerOf(ws).indexOf('单位') + 1;
		const longest = Math.max(...r.agencies.map((a) => a.agencyName.length));
		expect(ws.getColumn(nameCol).width).toBeGreaterThanOrEqual(longest * 2);
	});

	it('指标得分 shows level text with a level colour, and marks overrides', () => {
		const ws = sheet('指标得分');
		const header = headerOf(ws);
		const a0 = r.agencies[0];
		const levelCol = header.indexOf('决策公开 等级') + 1;
		expect(levelCol).toBeGreaterThan(0);
		const res = a0.indicators['fd.decision'];
		const cell = ws.getRow(2).getCell(levelCol);
		expect(String(cell.value)).toContain(['0级 缺失', '1级 部分', '2级 达标'][res.level ?? 0]);
		expect(fillColor(cell)).toBe(LEVEL_FILLS[res.level ?? 0]);
		expect(ws.getRow(2).getCell(levelCol + 1).value).toBe(res.score);

		// An overridden indicator: note with the original level, bold, blue score cell.
		const idx = r.agencies.findIndex((a) => a.indicators['pi.volume'].overridden);
		expect(idx).toBeGreaterThanOrEqual(0);
		const ov = r.agencies[idx].indicators['pi.volume'];
		const ovCol = header.indexOf('解读数量 等级') + 1;
		const ovCell = ws.getRow(idx + 2).getCell(ovCol);
		expect(String(ovCell.value)).toContain('（人工）');
		expect(noteText(ovCell)).toBe(`人工调整：原为${ov.machineLevel}级（${['缺失', '部分', '达标'][ov.machineLevel ?? 0]}）`);
		expect(fillColor(ws.getRow(idx + 2).getCell(ovCol + 1))).toBe(OVERRIDE_FILL);

		// A not-applicable indicator says so.
		const naIdx = r.agencies.findIndex((a) => a.indicators['rq.consistency'].level === null);
		const naCol = header.indexOf('表格勾稽 等级') + 1;
		expect(ws.getRow(naIdx + 2).getCell(naCol).value).toBe('不适用');
		expect(ws.getRow(naIdx + 2).getCell(naCol + 1).value).toBeNull();
	});

	it('缺失项 has one row per level-0/1 indicator result, with description and evidence', () => {
		const ws = sheet('缺失项');
		const expected = r.agencies.flatMap((a) =>
			r.indicators.filter((d) => a.indicators[d.id].level === 0 || a.indicators[d.id].level === 1).map((d) => ({ a, d }))
		);
		expect(expected.length).toBeGreaterThan(20);
		expect(ws.actualRowCount - 1).toBe(expected.length);
		const header = headerOf(ws);
		expect(header).toEqual(expect.arrayContaining(['单位', '指标', '等级', '细则要求', '已见证据']));
		const col = (h: string) => header.indexOf(h) + 1;
		expected.forEach(({ a, d }, i) => {
			const row = ws.getRow(i + 2);
			const res = a.indicators[d.id];
			expect(row.getCell(col('单位')).value).toBe(a.agencyName);
			expect(row.getCell(col('指标')).value).toBe(d.name);
			expect(row.getCell(col('等级')).value).toBe(res.level === 0 ? '缺失' : '部分');
			expect(row.getCell(col('细则要求')).value).toBe(d.description);
			expect(row.getCell(col('已见证据')).value).toBe(res.evidence ?? '未见相关内容');
		});
		const firstMissing = expected.findIndex(({ a, d }) => a.indicators[d.id].level === 0);
		expect(fillColor(ws.getRow(firstMissing + 2).getCell(col('等级')))).toBe(LEVEL_FILLS[0]);
		expect(expected.some(({ a, d }) => a.indicators[d.id].evidence === null)).toBe(true);
	});

	it('说明 names the round, the rubric version, the author, the rule and the reduced maximum', () => {
		const ws = sheet('说明');
		const text: string[] = [];
		ws.eachRow((row) => row.eachCell((c) => text.push(String(c.value))));
		const all = text.join('\n');
		expect(all).toContain('2019年度政务公开考核');
		expect(all).toContain('政务公开考评细则 第1版');
		expect(all).toContain('2026-11-23 10:30');
		expect(all).toContain('王晓梅');
		expect(all).toContain('指标得分 = 指标分值 × 等级 ÷ 2');
		expect(all).toContain('满分低于100分');
		expect(all).toContain('不计入满分');
		expect(all).toContain('rq.consistency');
		expect(all).not.toContain('暂定');
	});

	it('says 暂定 when the round is not published', async () => {
		const draft: RoundResults = { ...r, round: { ...r.round, status: 'review' } };
		const w = new ExcelJS.Workbook();
		await w.xlsx.load(arrayBuffer(await buildResultsWorkbook(draft)));
		const texts: string[] = [];
		w.getWorksheet('说明')?.eachRow((row) => row.eachCell((c) => texts.push(String(c.value))));
		expect(texts.join('\n')).toContain('评审中（暂定）');
	});
});
