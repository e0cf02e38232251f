/**
 * The annual-report tables (国办公开办函〔2019〕60号 and 〔2021〕30号 layouts).
 *
 * Tables arrive flattened: `|`-separated lines (HTML rows), markdown rows, tab-separated
 * lines, or one cell per line. All forms are reduced to one stream of cells; rows are then
 * rebuilt from the row labels the format defines, so the arrival form does not matter.
 */
import type { Line } from './noise';
import type { CheckCell, CheckResult, TableId, TableResult } from './types';

export const APPLICANT_COLUMNS = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'] as const;
export const REVIEW_COLUMNS = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'] as const;
const REVIEW_GROUPS = ['行政复议', '行政诉讼（未经复议直接起诉）', '行政诉讼（复议后起诉）'];

/** A table as parsed: the result kept with the report (offsets in the normalized text) plus where it lies. */
export interface ParsedTable extends TableResult {
	/** line indexes covered */
	firstLine: number;
	lastLine: number;
	/** the line of the table's title (prose may stand between it and firstLine) */
	titleLine: number;
}

const TITLES: { id: TableId; re: RegExp }[] = [
	{ id: 'active_disclosure', re: /主动公开政府信息情况/ },
	{ id: 'applications', re: /收到和处理政府信息公开申请情况/ },
	{ id: 'review_litigation', re: /政府信息公开行政复议[、，]?\s*行政诉讼情况|行政复议[、，]?\s*行政诉讼情况/ }
];
/** Row labels of table 三 that look like section headings (一、…) but belong to the table. */
const TABLE_ROW_LABEL = /本年新收|上年结转|本年度办理结果|办理结果|结转下年度|继续办理/;
const MAJOR_HEADING = /^\s*(?:[一二三四五六七八九十]{1,3}|、)\s*[、，.．]/;
const NUM_CELL = /^[-+]?\d+(?:\.\d+)?\s*(?:元|万元|件|条|个|项)?$/;
const BLANK_CELL = /^(?:|-|—|--|\/|／|无)$/;

export function isPipeRow(t: string): boolean {
	if (t.indexOf('|') < 0 && t.indexOf('｜') < 0 && t.indexOf('\t') < 0) return false;
	const pipes = (t.match(/[|｜]/g) ?? []).length;
	if (pipes >= 2) return true;
	if (pipes === 1 && /^\s*[|｜]|[|｜]\s*$/.test(t) && t.trim().length > 1) return true;
	return (t.match(/\t/g) ?? []).length >= 1 && t.split('\t').filter((c) => c.trim() !== '').length >= 2;
}

export function splitCells(t: string): string[] {
	let s = t.trim();
	if (/^[|｜]/.test(s)) s = s.slice(1);
	if (/[|｜]$/.test(s)) s = s.slice(0, -1);
	const parts = /[|｜]/.test(s) ? s.split(/[|｜]/) : s.split('\t');
	const cells = parts.map((c) => c.trim());
	if (cells.length > 0 && cells.every((c) => /^:?-{2,}:?$/.test(c))) return [];
	return cells;
}

function parseNumber(c: string): number | null {
	const m = /^([-+]?\d+(?:\.\d+)?)/.exec(c.replace(/\s+/g, ''));
	return m ? Number(m[1]) : null;
}

interface Cell {
	text: string;
	line: number;
}

/** Find table regions: a table title line, then table-ish lines up to the next major section. */
export function findTableRegions(
	lines: readonly Line[],
	isNoise: readonly boolean[]
): { id: TableId; titleLine: number; first: number; last: number; cells: Cell[] }[] {
	const out: { id: TableId; titleLine: number; first: number; last: number; cells: Cell[] }[] = [];
	for (let i = 0; i < lines.length; i++) {
		if (isNoise[i]) continue;
		const t = lines[i].text.trim();
		if (t.length > 40 || isPipeRow(t)) continue;
		const title = TITLES.find((x) => x.re.test(t));
		if (!title) continue;
		const cells: Cell[] = [];
		let last = i;
		let numeric = 0;
		let prose = 0;
		let j = i + 1;
		for (; j < lines.length; j++) {
			if (isNoise[j]) continue;
			const lt = lines[j].text.trim();
			if (lt === '') continue;
			if (isPipeRow(lt)) {
				for (const c of splitCells(lt)) {
					cells.push({ text: c, line: j });
					if (NUM_CELL.test(c)) numeric++;
				}
				last = j;
				continue;
			}
			if (TITLES.some((x) => x.re.test(lt)) && lt.length <= 40) break;
			if (MAJOR_HEADING.test(lt) && !TABLE_ROW_LABEL.test(lt)) break;
			if (lt.length > 50 || (/[。；]/.test(lt) && !/^[（(]本列数据/.test(lt))) {
				// A few sentences of prose may stand between the title and its table
				// ("本年度未收到政府信息公开申请。" then the table): they stay prose, not table.
				if (cells.length === 0 && ++prose <= 3) continue;
				break;
			}
			cells.push({ text: lt, line: j });
			if (NUM_CELL.test(lt)) numeric++;
			last = j;
		}
		if (numeric >= 3) out.push({ id: title.id, titleLine: i, first: cells[0]?.line ?? i + 1, last, cells });
		i = Math.max(i, last);
	}
	return out;
}

function layoutOf(text: string, id: TableId): '2019' | '2021' | 'unknown' {
	if (id === 'active_disclosure') {
		if (/本年制发件数|本年废止件数|现行有效件数|本年收费金额|本年处理决定数量/.test(text)) return '2021';
		if (/本年新制作数量|本年新公开数量|对外公开总数量|上一年项目数量|采购项目数量/.test(text)) return '2019';
		return 'unknown';
	}
	if (id === 'applications') {
		if (/逾期不补正|逾期未按收费|缴纳费用/.test(text)) return '2021';
		if (/本年新收|其他处理/.test(text)) return '2019';
		return 'unknown';
	}
	return 'unknown';
}

/** Rebuild labelled rows from a cell stream: a label cell opens a row, numeric/blank cells fill it. */
function rowsFromCells(cells: readonly Cell[], width: number, isHeader: (t: string) => boolean) {
	const rows: { label: string; cells: (number | null)[]; line: number }[] = [];
	const columns: string[] = [];
	let cur: { label: string; cells: (number | null)[]; line: number } | null = null;
	let group = '';
	let started = false;
	for (const c of cells) {
		const t = c.text;
		const compact = t.indexOf(' ') < 0 ? t : t.replace(/\s+/g, '');
		const isNum = NUM_CELL.test(compact);
		const isBlank = BLANK_CELL.test(t);
		if (isNum || isBlank) {
			if (cur && cur.cells.length < width) {
				// a blank cell at the end of a pipe row is usually the trailing separator: keep as null only
				// when more numbers follow on the same line
				cur.cells.push(isNum ? parseNumber(t) : null);
			}
			continue;
		}
		if (!started && isHeader(compact)) {
			columns.push(compact);
			continue;
		}
		started = started || /[\u4e00-\u9fff]/.test(t);
		const enumerated = /^\s*\d+\s*[.．、]/.test(t);
		const wasGroup = cur !== null && cur.cells.every((v) => v === null) && (cur.cells.length === 0 || enumerated);
		if (cur && wasGroup) {
			// the previous label had no numbers: a group label (（三）不予公开) for the rows that follow
			group = cur.label;
			rows.pop();
		}
		if (!enumerated && !wasGroup) group = '';
		const label = group && enumerated ? `${group} ${t}` : t;
		cur = { label: label.replace(/\s+/g, ' '), cells: [], line: c.line };
		rows.push(cur);
	}
	if (cur && cur.cells.length === 0) rows.pop();
	return { rows, columns };
}

export function parseTables(lines: readonly Line[], isNoise: readonly boolean[]): ParsedTable[] {
	const regions = findTableRegions(lines, isNoise);
	const tables: ParsedTable[] = [];
	for (const r of regions) {
		const start = lines[r.first]?.start ?? lines[r.titleLine].end;
		const end = lines[r.last].end;
		const regionText = r.cells.map((c) => c.text).join(' ');
		if (r.id === 'applications') {
			const { rows } = rowsFromCells(r.cells, 7, (t) =>
				/^(?:自然人|法人或其他组织|商业企业|科研机构|社会公益组织|法律服务机构|其他|总计|申请人情况)$/.test(t) ||
				/勾稽关系/.test(t)
			);
			const kept = rows.filter((x) => x.cells.length > 0);
			tables.push({
				id: r.id,
				layout: layoutOf(regionText, r.id),
				start,
				end,
				rows: kept.map((x) => ({ label: x.label, cells: padTo(x.cells, 7) })),
				columns: [...APPLICANT_COLUMNS],
				firstLine: r.first,
				lastLine: r.last,
				titleLine: r.titleLine
			});
		} else if (r.id === 'review_litigation') {
			const nums = r.cells.filter((c) => NUM_CELL.test(c.text.replace(/\s+/g, '')) || BLANK_CELL.test(c.text));
			const vals = nums.map((c) => (BLANK_CELL.test(c.text) ? null : parseNumber(c.text)));
			// trailing blank cells from pipe rows are separators, drop them before counting
			while (vals.length > 15 && vals[vals.length - 1] === null) vals.pop();
			const rows = REVIEW_GROUPS.map((g, gi) => ({ label: g, cells: padTo(vals.slice(gi * 5, gi * 5 + 5), 5) }));
			tables.push({
				id: r.id,
				layout: 'unknown',
				start,
				end,
				rows: vals.length >= 5 ? rows : [],
				columns: [...REVIEW_COLUMNS],
				firstLine: r.first,
				lastLine: r.last,
				titleLine: r.titleLine
			});
		} else {
			const { rows, columns } = rowsFromCells(r.cells, 4, (t) =>
				/^(?:信息内容|本年新制作数量|本年新公开数量|对外公开总数量|上一年项目数量|本年增\/减|处理决定数量|采购项目数量|采购总金额|本年制发件数|本年废止件数|现行有效件数|本年处理决定数量|本年收费金额.*)$/.test(t)
			);
			const kept = rows.filter((x) => x.cells.length > 0 && !/^第二十条/.test(x.label));
			tables.push({
				id: r.id,
				layout: layoutOf(regionText, r.id),
				start,
				end,
				rows: kept.map((x) => ({ label: x.label, cells: x.cells })),
				columns: [...new Set(columns)],
				firstLine: r.first,
				lastLine: r.last,
				titleLine: r.titleLine
			});
		}
	}
	// one layout for the report: table 二/三 decide, table 四 follows
	const known = tables.find((t) => t.layout !== 'unknown')?.layout ?? 'unknown';
	for (const t of tables) if (t.layout === 'unknown') t.layout = known;
	return tables;
}

function padTo(cells: (number | null)[], n: number): (number | null)[] {
	const out = cells.slice(0, n);
	while (out.length < n) out.push(null);
	return out;
}

interface AppRows {
	received: (number | null)[] | null;
	carried: (number | null)[] | null;
	total: (number | null)[] | null;
	carryOver: (number | null)[] | null;
	outcomes: (number | null)[][];
}

export function applicationRows(t: ParsedTable): AppRows {
	let received: (number | null)[] | null = null;
	let carried: (number | null)[] | null = null;
	let total: (number | null)[] | null = null;
	let carryOver: (number | null)[] | null = null;
	const outcomes: (number | null)[][] = [];
	for (const r of t.rows) {
		const l = r.label.replace(/\s+/g, '');
		if (/本年新收/.test(l)) received = r.cells;
		else if (/上年结转/.test(l)) carried = r.cells;
		else if (/结转下年度|继续办理/.test(l)) carryOver = r.cells;
		else if (/总计/.test(l) && carried) total = r.cells;
		else if (carried && !total && r.cells.some((v) => v !== null)) outcomes.push(r.cells);
	}
	return { received, carried, total, carryOver, outcomes };
}

/**
 * Checks of table 三: the identity 一 + 二 = 三（七）总计 + 四 per column (the one that decides
 * rq.consistency), each row's 总计 = sum of applicant columns, （七）总计 = sum of outcome rows.
 * A blank cell is "missing": that column is skipped, not failed.
 */
export function checkApplications(t: ParsedTable): CheckResult[] {
	const { received, carried, total, carryOver, outcomes } = applicationRows(t);
	const checks: CheckResult[] = [];
	const failed: CheckCell[] = [];
	let checked = 0;
	if (received && carried && total && carryOver) {
		for (let c = 0; c < 7; c++) {
			const a = received[c];
			const b = carried[c];
			const x = total[c];
			const y = carryOver[c];
			if (a === null || b === null || x === null || y === null) continue;
			checked++;
			if (Math.abs(a + b - (x + y)) > 1e-9)
				failed.push({ row: '一+二 与 三（七）总计+四', column: APPLICANT_COLUMNS[c], expected: a + b, actual: x + y });
		}
	}
	checks.push({
		id: 'applications_identity',
		ok: checked > 0 && failed.length === 0,
		params: { checked, failed: failed.length },
		details:
			checked === 0
				? '申请情况表数据不全，无法核对“第一项加第二项之和等于第三项加第四项之和”'
				: failed.length === 0
					? `勾稽关系成立（核对 ${checked} 列）`
					: `勾稽关系不成立：${failed.map((f) => `${f.column}列 一+二=${f.expected}，三+四=${f.actual}`).join('；')}`,
		...(failed.length > 0 ? { cells: failed } : {})
	});
	const rowFailed: CheckCell[] = [];
	let rowChecked = 0;
	for (const r of t.rows) {
		if (r.cells.length < 7 || r.cells.some((v) => v === null)) continue;
		const vals = r.cells as number[];
		rowChecked++;
		const sum = vals.slice(0, 6).reduce((s, v) => s + v, 0);
		if (Math.abs(sum - vals[6]) > 1e-9) rowFailed.push({ row: r.label, column: '总计', expected: sum, actual: vals[6] });
	}
	if (rowChecked > 0)
		checks.push({
			id: 'applications_row_totals',
			ok: rowFailed.length === 0,
			params: { checked: rowChecked, failed: rowFailed.length },
			details: rowFailed.length === 0 ? `各行总计等于各类申请人之和（核对 ${rowChecked} 行）` : `${rowFailed.length} 行的总计不等于各类申请人之和`,
			...(rowFailed.length > 0 ? { cells: rowFailed } : {})
		});
	if (total && outcomes.length > 0) {
		const outFailed: CheckCell[] = [];
		let outChecked = 0;
		for (let c = 0; c < 7; c++) {
			const tv = total[c];
			if (tv === null || outcomes.some((o) => o[c] === null)) continue;
			outChecked++;
			const sum = outcomes.reduce((s, o) => s + (o[c] ?? 0), 0);
			if (Math.abs(sum - tv) > 1e-9) outFailed.push({ row: '三（七）总计', column: APPLICANT_COLUMNS[c], expected: sum, actual: tv });
		}
		if (outChecked > 0)
			checks.push({
				id: 'applications_outcome_total',
				ok: outFailed.length === 0,
				params: { checked: outChecked, failed: outFailed.length },
				details: outFailed.length === 0 ? '（七）总计等于各办理结果之和' : '（七）总计不等于各办理结果之和',
				...(outFailed.length > 0 ? { cells: outFailed } : {})
			});
	}
	return checks;
}

/** Table 四: in each group 总计 = the four before it. */
export function checkReview(t: ParsedTable): CheckResult | null {
	const failed: CheckCell[] = [];
	let checked = 0;
	for (const r of t.rows) {
		if (r.cells.some((v) => v === null)) continue;
		const v = r.cells as number[];
		checked++;
		const sum = v[0] + v[1] + v[2] + v[3];
		if (Math.abs(sum - v[4]) > 1e-9) failed.push({ row: r.label, column: '总计', expected: sum, actual: v[4] });
	}
	if (checked === 0) return null;
	return {
		id: 'review_litigation_totals',
		ok: failed.length === 0,
		params: { checked, failed: failed.length },
		details: failed.length === 0 ? '行政复议、行政诉讼各组总计正确' : `${failed.length} 组的总计不等于分项之和`,
		...(failed.length > 0 ? { cells: failed } : {})
	};
}
