/**
 * The results workbook of a round (exceljs): 排名, 指标得分, 缺失项, 说明.
 *
 * Every data sheet has a frozen, filterable header row and column widths that fit Chinese text.
 * Level cells are coloured (0 red, 1 amber, 2 green) and also say 缺失/部分/达标, so colour is
 * never the only carrier; a manual override carries a note "人工调整：原为…" and a blue score cell.
 */
import ExcelJS from 'exceljs';
import { scoreRate, type AgencyResult, type Level, type RoundResults } from '../results/types';
import {
	METHOD_LINES,
	STATUS_NAMES,
	agencyRemarks,
	displayWidth,
	formatOfficeTime,
	levelText,
	overrideNote,
	rankChange
} from './format';

type Cellish = string | number | null;

interface Column {
	header: string;
	/** Excel number format for numeric cells. */
	numFmt?: string;
	/** Upper bound of the column width (long text wraps). */
	maxWidth?: number;
}

const SCORE_FMT = '0.0';
const solid = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });

export const LEVEL_FILLS: Record<Level | 'na', string> = {
	0: 'FFF4C7C3', // red-ish
	1: 'FFFFE699', // amber
	2: 'FFC6EFCE', // green
	na: 'FFE7E6E6' // grey
};
export const OVERRIDE_FILL = 'FFBDD7EE'; // blue
const HEADER_FILL = 'FFD9E1F2';

/**
 * Add a sheet with a bold, frozen, filterable header and the given rows; widths fit the content
 * (CJK counted as 2). Returns the sheet for per-cell styling.
 */
function addTableSheet(wb: ExcelJS.Workbook, name: string, columns: Column[], rows: Cellish[][], filter = true): ExcelJS.Worksheet {
	const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
	const header = ws.addRow(columns.map((c) => c.header));
	header.font = { bold: true };
	header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
	header.eachCell((cell) => (cell.fill = solid(HEADER_FILL)));
	for (const row of rows) ws.addRow(row.map((v) => (v === null ? null : v)));

	columns.forEach((c, i) => {
		const col = ws.getColumn(i + 1);
		let width = displayWidth(c.header);
		for (const row of rows) {
			const v = row[i];
			if (v === null || v === undefined) continue;
			const w = typeof v === 'number' ? String(v).length + 2 : displayWidth(v);
			if (w > width) width = w;
		}
		col.width = Math.max(6, Math.min(c.maxWidth ?? 40, width + 2));
		if (c.numFmt) col.numFmt = c.numFmt;
		if (c.maxWidth !== undefined && width > c.maxWidth) col.alignment = { wrapText: true, vertical: 'top' };
	});
	if (filter && columns.length > 0) {
		ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
	}
	return ws;
}

function rankingSheet(wb: ExcelJS.Workbook, r: RoundResults): void {
	const columns: Column[] = [
		{ header: '名次' },
		{ header: '单位' },
		{ header: '分组' },
		{ header: '组内名次' },
		{ header: '地区' },
		{ header: '总分', numFmt: SCORE_FMT },
		{ header: '满分', numFmt: SCORE_FMT },
		// The ranking is by this: the total as a percentage of the agency's own maximum (n/a items reduce it).
		{ header: '折合得分（%）', numFmt: SCORE_FMT },
		...r.dimensions.map((d) => ({ header: `${d.name}（${d.max}）`, numFmt: SCORE_FMT })),
		{ header: '较上期名次变化' },
		{ header: '与上一轮重复率', numFmt: '0.0%' },
		{ header: '备注', maxWidth: 50 }
	];
	const rows: Cellish[][] = r.agencies.map((a) => [
		a.rank,
		a.agencyName,
		a.group,
		a.groupRank,
		a.region,
		a.total,
		a.max,
		scoreRate(a.total, a.max),
		...r.dimensions.map((d) => a.dimensions[d.id] ?? null),
		rankChange(a),
		a.reuse?.previousShare ?? null,
		agencyRemarks(r, a) || null
	]);
	// Agencies that did not report: listed, never given a 0.
	for (const m of r.missing) {
		rows.push([null, m.agencyName, m.group, null, null, null, null, null, ...r.dimensions.map(() => null), null, null, '未报送']);
	}
	const ws = addTableSheet(wb, '排名', columns, rows);
	const remarksCol = columns.length;
	for (let i = 0; i < r.missing.length; i++) {
		ws.getRow(r.agencies.length + 2 + i).getCell(remarksCol).font = { color: { argb: 'FFC00000' }, bold: true };
	}
}

function indicatorSheet(wb: ExcelJS.Workbook, r: RoundResults): void {
	const columns: Column[] = [{ header: '名次' }, { header: '单位' }, { header: '分组' }];
	for (const d of r.indicators) {
		columns.push({ header: `${d.name} 等级` }, { header: `${d.name} 得分（${d.points}）`, numFmt: SCORE_FMT });
	}
	columns.push({ header: '总分', numFmt: SCORE_FMT }, { header: '满分', numFmt: SCORE_FMT });

	const rows: Cellish[][] = r.agencies.map((a) => {
		const row: Cellish[] = [a.rank, a.agencyName, a.group];
		for (const d of r.indicators) {
			const res = a.indicators[d.id];
			if (!res) row.push('无结果', null);
			else row.push(levelText(res.level) + (res.overridden ? '（人工）' : ''), res.level === null ? null : res.score);
		}
		row.push(a.total, a.max);
		return row;
	});
	const ws = addTableSheet(wb, '指标得分', columns, rows);

	// Styles are shared objects: exceljs keeps one style record per distinct style.
	const fills = {
		0: solid(LEVEL_FILLS[0]),
		1: solid(LEVEL_FILLS[1]),
		2: solid(LEVEL_FILLS[2]),
		na: solid(LEVEL_FILLS.na),
		override: solid(OVERRIDE_FILL)
	};
	r.agencies.forEach((a: AgencyResult, i) => {
		const row = ws.getRow(i + 2);
		r.indicators.forEach((d, j) => {
			const res = a.indicators[d.id];
			if (!res) return;
			const levelCell = row.getCell(4 + 2 * j);
			levelCell.fill = res.level === null ? fills.na : fills[res.level];
			const note = overrideNote(res);
			if (note) {
				levelCell.note = note;
				levelCell.font = { bold: true };
				row.getCell(5 + 2 * j).fill = fills.override;
			}
		});
	});
}

function missingSheet(wb: ExcelJS.Workbook, r: RoundResults): void {
	const columns: Column[] = [
		{ header: '名次' },
		{ header: '单位' },
		{ header: '分组' },
		{ header: '指标编号' },
		{ header: '指标' },
		{ header: '等级' },
		{ header: '得分', numFmt: SCORE_FMT },
		{ header: '分值', numFmt: SCORE_FMT },
		{ header: '细则要求', maxWidth: 50 },
		{ header: '已见证据', maxWidth: 60 },
		{ header: '人工调整' }
	];
	const rows: Cellish[][] = [];
	const levels: Level[] = [];
	for (const a of r.agencies) {
		for (const d of r.indicators) {
			const res = a.indicators[d.id];
			if (!res || res.level === null || res.level === 2) continue;
			levels.push(res.level);
			rows.push([
				a.rank,
				a.agencyName,
				a.group,
				d.id,
				d.name,
				res.level === 0 ? '缺失' : '部分',
				res.score,
				res.max,
				d.description,
				res.evidence ?? '未见相关内容',
				overrideNote(res)
			]);
		}
	}
	const ws = addTableSheet(wb, '缺失项', columns, rows);
	const fills = { 0: solid(LEVEL_FILLS[0]), 1: solid(LEVEL_FILLS[1]), 2: solid(LEVEL_FILLS[2]) };
	levels.forEach((level, i) => (ws.getRow(i + 2).getCell(6).fill = fills[level]));
}

function methodSheet(wb: ExcelJS.Workbook, r: RoundResults): void {
	const { round } = r;
	const reduced = r.agencies.filter((a) => a.max < 100).length;
	const lines: [string, string][] = [
		['考核轮次', round.name],
		['考核期', round.period],
		['结果状态', STATUS_NAMES[round.status]],
		['考评细则版本', `${round.rubric.name} 第${round.rubric.version}版（${round.rubric.key} v${round.rubric.version}）`],
		['生成时间', formatOfficeTime(r.generatedAt)],
		['生成人', r.generatedBy ?? '系统'],
		['参评单位', `${r.agencies.length}家`],
		['未报送单位', r.missing.length > 0 ? `${r.missing.length}家：${r.missing.map((m) => m.agencyName).join('、')}` : '无'],
		['等级规则', METHOD_LINES.level2],
		['', METHOD_LINES.level1],
		['', METHOD_LINES.level0],
		['计分公式', METHOD_LINES.formula],
		['满分低于100分', `${METHOD_LINES.reducedMax}本轮共${reduced}家单位满分低于100分。`],
		['维度满分', r.dimensions.map((d) => `${d.name}${d.max}分`).join('，')],
		['颜色说明', '等级单元格：红色 = 0级 缺失，黄色 = 1级 部分，绿色 = 2级 达标，灰色 = 不适用；文字同时写明等级。'],
		['人工调整', '评审人员调整过的等级在“指标得分”表中标注“（人工）”，单元格批注写明原等级，得分单元格为蓝色。'],
		['未报送', '未报送单位列在“排名”表末尾，不计名次，不给分（不是0分）。']
	];
	if (round.status !== 'published') {
		lines.splice(3, 0, ['提示', '本轮结果尚未发布，为暂定结果，仅供核对。']);
	}
	const ws = wb.addWorksheet('说明', { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
	const head = ws.addRow(['项目', '内容']);
	head.font = { bold: true };
	head.eachCell((c) => (c.fill = solid(HEADER_FILL)));
	for (const l of lines) ws.addRow(l);
	ws.addRow([]);
	const indHead = ws.addRow(['指标编号', '指标', '维度', '分值', '细则要求']);
	indHead.font = { bold: true };
	indHead.eachCell((c) => (c.fill = solid(HEADER_FILL)));
	const dimName = new Map(r.dimensions.map((d) => [d.id, d.name]));
	for (const d of r.indicators) ws.addRow([d.id, d.name, dimName.get(d.dimensionId) ?? d.dimensionId, d.points, d.description]);
	ws.getColumn(1).width = 16;
	ws.getColumn(2).width = 90;
	ws.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
	ws.getColumn(3).width = 16;
	ws.getColumn(5).width = 60;
	ws.getColumn(5).alignment = { wrapText: true, vertical: 'top' };
}

/**
 * Build the results workbook of a round.
 *
 * @example
 *   const bytes = await buildResultsWorkbook(results);
 *   return new Response(bytes, { headers: { 'content-type': XLSX_MIME } });
 */
export async function buildResultsWorkbook(r: RoundResults): Promise<Uint8Array> {
	const wb = new ExcelJS.Workbook();
	wb.creator = r.generatedBy ?? 'ZWGK Scorecard';
	wb.title = `${r.round.name}结果`;
	const created = new Date(r.generatedAt);
	if (!Number.isNaN(created.getTime())) wb.created = created;
	rankingSheet(wb, r);
	indicatorSheet(wb, r);
	missingSheet(wb, r);
	methodSheet(wb, r);
	const buf = await wb.xlsx.writeBuffer();
	return new Uint8Array(buf);
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
