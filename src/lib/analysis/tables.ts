/**
 * The annual-report tables (国办公开办函〔2019〕60号 and 〔2021〕30号 layouts) found in plain text.
 *
 * Tables arrive flattened: `|`-separated lines (HTML rows, the decoders' own table lines), markdown
 * rows, tab-separated lines, a label followed by its space-separated figures (PDF text layers), or
 * one cell per line. All forms are reduced to one stream of cells (with their offsets); rows are
 * then rebuilt from the row labels the format defines, so the arrival form does not matter. When a
 * decoder hands the grid itself, table-grid.ts reads it instead; tables whose labels and digits run
 * together inside one line are read by flat-tables.ts.
 */
import { splitDigitRuns, rowTotal, groupTotals, type DigitToken } from './flat-tables';
import type { Line } from './noise';
import { APPLICANT_COLUMNS, REVIEW_COLUMNS } from './table-checks';
import type { TableId, TableResult, Warning } from './types';

export { APPLICANT_COLUMNS, REVIEW_COLUMNS };
export { applicationRows, applicationRowIndex, checkApplications, checkReview, crossRoundChecks } from './table-checks';
export const REVIEW_GROUPS = ['行政复议', '行政诉讼（未经复议直接起诉）', '行政诉讼（复议后起诉）'];

/**
 * A table as parsed: the result kept with the report plus where it lies. Offsets (start/end and
 * cellSpans) are in the NORMALIZED text here; analyze maps them to the original.
 */
export interface ParsedTable extends TableResult {
	/** line indexes covered (-1/-1: the table sits inside a line of prose, see flat-tables) */
	firstLine: number;
	lastLine: number;
	/** the line of the table's title (prose may stand between it and firstLine) */
	titleLine: number;
	/** rows whose run-together digits were split using their own total */
	splitRows?: number[];
}

export const TITLES: { id: TableId; re: RegExp }[] = [
	{ id: 'active_disclosure', re: /主动公开政府信息情况/ },
	{ id: 'applications', re: /收到和处理政府信息公开申请情况/ },
	{ id: 'review_litigation', re: /政府信息公开行政复议[、，]?\s*行政诉讼情况|行政复议[、，]?\s*行政诉讼情况/ }
];
/** Row labels of table 三 that look like section headings (一、…) but belong to the table. */
const TABLE_ROW_LABEL = /本年新收|上年结转|本年度办理结果|办理结果|结转下年度|继续办理/;
const MAJOR_HEADING = /^\s*(?:[一二三四五六七八九十]{1,3}|、)\s*[、，.．]/;
const NUM_CELL = /^[-+]?\d+(?:\.\d+)?\s*(?:元|万元|件|条|个|项)?$/;
const BLANK_CELL = /^(?:|-|—|--|\/|／|无)$/;
/** a page number between the lines of a table (PDF text layers): - 3 - / 第3页 / 3/12 */
const PAGE_NUMBER = /^(?:[-—–－]\s*\d{1,3}\s*[-—–－]|第\s*\d{1,3}\s*页(?:\s*[,，]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*\/\s*\d{1,3})$/;
/** a label followed by its figures: `行政许可 550`, `一、本年新收…数量 21 0 0 0 0 0 21` */
const TRAILING_NUMS = /^(.*?[^\d.\s])?\s*((?:[-+]?\d+(?:\.\d+)?\s+)*[-+]?\d+(?:\.\d+)?)\s*$/;
/** how a row label starts: （一） 1. 1、 一、 or a known first word of a row */
const ROW_START = /^(?:[（(][一二三四五六七八九十\d]{1,2}[)）]|\d{1,2}\s*[.．、]|[一二三四五六七八九十]{1,2}\s*[、.．]|第|本年|上年|行政|规章|规范性|政府集中|其他对外|信息内容|合计|总计)/;
/** a table-three sub-row label (1.属于国家秘密 …) inside a longer fragment */
const INNER_ENUM = /\s+(?=\d{1,2}\s*[.．、][\u4e00-\u9fff])/;
const HEADER_WORDS =
	/^(?:信息内容|本年新制作数量|本年新公开数量|对外公开总数量|上一年项目数量|本年增\/减|处理决定数量|采购项目数量|采购总金额|本年制发件数|本年废止件数|现行有效件数|本年处理决定数量|本年收费金额.*)$/;

export function isPipeRow(t: string): boolean {
	if (t.indexOf('|') < 0 && t.indexOf('｜') < 0 && t.indexOf('\t') < 0) return false;
	const pipes = (t.match(/[|｜]/g) ?? []).length;
	if (pipes >= 2) return true;
	if (pipes === 1 && /^\s*[|｜]|[|｜]\s*$/.test(t) && t.trim().length > 1) return true;
	return (t.match(/\t/g) ?? []).length >= 1 && t.split('\t').filter((c) => c.trim() !== '').length >= 2;
}

export function splitCells(t: string): string[] {
	return splitCellsAt(t, 0).map((c) => c.text);
}

const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 0x3000 || c === 0xa0;
const isPipe = (c: number): boolean => c === 124 || c === 0xff5c;

/** Pipe/tab cells with their offsets (relative to `base`); a markdown rule row gives none. */
function splitCellsAt(t: string, base: number): { text: string; start: number; end: number }[] {
	let from = 0;
	let to = t.length;
	while (from < to && isSpace(t.charCodeAt(from))) from++;
	while (to > from && isSpace(t.charCodeAt(to - 1))) to--;
	if (from < to && isPipe(t.charCodeAt(from))) from++;
	if (to > from && isPipe(t.charCodeAt(to - 1))) to--;
	let pipes = false;
	for (let i = from; i < to; i++) if (isPipe(t.charCodeAt(i))) pipes = true;
	const out: { text: string; start: number; end: number }[] = [];
	let s = from;
	let rule = true;
	for (let i = from; i <= to; i++) {
		const c = i < to ? t.charCodeAt(i) : -1;
		if (i < to && !(pipes ? isPipe(c) : c === 9)) continue;
		let x = s;
		let y = i;
		while (x < y && isSpace(t.charCodeAt(x))) x++;
		while (y > x && isSpace(t.charCodeAt(y - 1))) y--;
		const text = t.slice(x, y);
		if (rule && !/^:?-{2,}:?$/.test(text)) rule = false;
		out.push({ text, start: base + x, end: base + y });
		s = i + 1;
	}
	return rule && out.length > 0 ? [] : out;
}

function parseNumber(c: string): number | null {
	const m = /^([-+]?\d+(?:\.\d+)?)/.exec(c.replace(/\s+/g, ''));
	return m ? Number(m[1]) : null;
}

export interface Cell {
	text: string;
	line: number;
	/** normalized offsets */
	start: number;
	end: number;
	/** a figure from a whitespace-separated run (its digits may run together with a neighbour's) */
	run?: boolean;
}

/** One line of a table region as cells. */
function lineCells(line: Line, j: number): Cell[] {
	const t = line.text;
	if (isPipeRow(t.trim())) return splitCellsAt(t, line.start).map((c) => ({ ...c, line: j }));
	// a label then figures: only lines that end with a digit are tried (prose ends with 。)
	let last = t.length - 1;
	while (last >= 0 && isSpace(t.charCodeAt(last))) last--;
	const endsInDigit = last >= 0 && t.charCodeAt(last) >= 48 && t.charCodeAt(last) <= 57;
	const m = endsInDigit && t.length <= 400 ? TRAILING_NUMS.exec(t) : null;
	if (m && m[2] && (m[1] === undefined || /[\u4e00-\u9fff）)]/.test(m[1]))) {
		const out: Cell[] = [];
		const label = (m[1] ?? '').trim();
		if (label) {
			const ls = line.start + t.indexOf(label);
			// a vertical group label leaves pieces before a sub-row label: `本 2.其他…`, `（五）不 3.要求…`
			const parts = label.split(INNER_ENUM);
			let off = ls;
			for (const p of parts) {
				const at = t.indexOf(p, off - line.start) + line.start;
				out.push({ text: p.trim(), line: j, start: at, end: at + p.length });
				off = at + p.length;
			}
		}
		const runStart = line.start + (m.index ?? 0) + m[0].lastIndexOf(m[2]);
		for (const x of m[2].matchAll(/\S+/g)) out.push({ text: x[0], line: j, start: runStart + x.index, end: runStart + x.index + x[0].length, run: true });
		return out;
	}
	const tokens = t.length <= 120 && /\S\s+\S/.test(t) ? t.trim().split(/\s+/) : [];
	if (tokens.length > 1 && tokens.every((x) => HEADER_WORDS.test(x))) {
		const out: Cell[] = [];
		let off = 0;
		for (const x of tokens) {
			const at = t.indexOf(x, off);
			out.push({ text: x, line: j, start: line.start + at, end: line.start + at + x.length });
			off = at + x.length;
		}
		return out;
	}
	const lead = t.length - t.trimStart().length;
	const text = t.trim();
	return [{ text, line: j, start: line.start + lead, end: line.start + lead + text.length }];
}

/** A short fragment of a label printed vertically across merged rows (`年`, `度`, `三、`). */
const FRAGMENT = /^(?:[\u4e00-\u9fff]|[一二三四五六七八九十]{1,2}[、.．])$/;

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
			if (lt === '' || PAGE_NUMBER.test(lt)) continue;
			if (isPipeRow(lt)) {
				for (const c of lineCells(lines[j], j)) {
					cells.push(c);
					if (NUM_CELL.test(c.text)) numeric++;
				}
				last = j;
				continue;
			}
			if (TITLES.some((x) => x.re.test(lt)) && lt.length <= 40) break;
			const lc = lineCells(lines[j], j);
			const figures = lc.filter((c) => c.run).length;
			if (cells.length > 0 && FRAGMENT.test(lt)) continue;
			if (figures === 0 && MAJOR_HEADING.test(lt) && !TABLE_ROW_LABEL.test(lt)) break;
			if (figures === 0 && (lt.length > 50 || (/[。；]/.test(lt) && !/^[（(]本列数据/.test(lt)))) {
				// A few sentences of prose may stand between the title and its table
				// ("本年度未收到政府信息公开申请。" then the table): they stay prose, not table.
				if (cells.length === 0 && ++prose <= 3) continue;
				break;
			}
			for (const c of lc) {
				cells.push(c);
				if (NUM_CELL.test(c.text)) numeric++;
			}
			last = j;
		}
		if (numeric >= 3) out.push({ id: title.id, titleLine: i, first: cells[0]?.line ?? i + 1, last, cells });
		i = Math.max(i, last);
	}
	return out;
}

export function layoutOf(text: string, id: TableId): '2019' | '2021' | 'unknown' {
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

type Span2 = [number, number] | null;
export interface BuiltRow {
	label: string;
	cells: (number | null)[];
	spans: Span2[];
	line: number;
	split?: boolean;
}

const openParens = (s: string): number => (s.match(/[（(]/g)?.length ?? 0) - (s.match(/[）)]/g)?.length ?? 0);

/**
 * Rebuild labelled rows from a cell stream: a label cell opens a row, numeric/blank cells fill it.
 * A row of `width` figures whose digits ran together is split when the split is unambiguous
 * (flat-tables.ts); otherwise its figures stay unread and `onAmbiguous` is told.
 */
export function rowsFromCells(
	cells: readonly Cell[],
	width: number,
	isHeader: (t: string) => boolean,
	opts: { rowTotal?: boolean; onAmbiguous?: (label: string) => void } = {}
): { rows: BuiltRow[]; columns: string[] } {
	const rows: BuiltRow[] = [];
	const columns: string[] = [];
	let cur: (BuiltRow & { raw: Cell[] }) | null = null;
	let group = '';
	let started = false;
	const finish = (r: (BuiltRow & { raw: Cell[] }) | null): void => {
		if (!r || r.raw.length === 0) return;
		const runs = r.raw.every((c) => c.run);
		if (runs && r.raw.length < width && opts.rowTotal) {
			const toks: DigitToken[] = r.raw.map((c) => ({ text: c.text, start: c.start }));
			const s = splitDigitRuns(toks, width, rowTotal(width));
			if (s.kind === 'unique') {
				r.cells = s.parts.map((p) => p.value);
				r.spans = s.parts.map((p) => [p.start, p.end]);
				r.split = true;
				return;
			}
			opts.onAmbiguous?.(r.label);
			r.cells = [];
			r.spans = [];
			return;
		}
		for (const c of r.raw) {
			if (r.cells.length >= width) break;
			const isNum = NUM_CELL.test(c.text.indexOf(' ') < 0 ? c.text : c.text.replace(/\s+/g, ''));
			r.cells.push(isNum ? parseNumber(c.text) : null);
			r.spans.push([c.start, c.end]);
		}
	};
	for (const c of cells) {
		const t = c.text;
		const compact = t.indexOf(' ') < 0 ? t : t.replace(/\s+/g, '');
		const isNum = NUM_CELL.test(compact);
		const isBlank = BLANK_CELL.test(t);
		if (isNum || isBlank) {
			// a blank cell at the end of a pipe row is usually the trailing separator: it only counts
			// while the row still has room
			if (cur) cur.raw.push(c);
			continue;
		}
		if (!started && isHeader(compact)) {
			columns.push(compact);
			continue;
		}
		started = started || /[\u4e00-\u9fff]/.test(t);
		// a label wrapped over lines: the tail continues a label still open (unclosed parenthesis)
		// or a label that has no figures yet
		if (cur && !ROW_START.test(t) && (cur.raw.length === 0 || openParens(cur.label) > 0)) {
			cur.label = `${cur.label}${t}`.replace(/\s+/g, ' ');
			continue;
		}
		finish(cur);
		const enumerated = /^\s*\d+\s*[.．、]/.test(t);
		const wasGroup = cur !== null && cur.cells.every((v) => v === null) && (cur.cells.length === 0 || enumerated);
		if (cur && wasGroup) {
			// the previous label had no numbers: a group label (（三）不予公开) for the rows that follow
			group = cur.label;
			rows.pop();
		}
		if (!enumerated && !wasGroup) group = '';
		const label = group && enumerated ? `${group} ${t}` : t;
		cur = { label: label.replace(/\s+/g, ' '), cells: [], spans: [], line: c.line, raw: [] };
		rows.push(cur);
	}
	finish(cur);
	if (cur && cur.cells.length === 0) rows.pop();
	return { rows: rows.map(({ label, cells: cs, spans, line, split }) => ({ label, cells: cs, spans, line, ...(split ? { split } : {}) })), columns };
}

const APP_HEADER = (t: string): boolean =>
	/^(?:自然人|法人或其他组织|商业企业|科研机构|社会公益组织|法律服务机构|其他|总计|申请人情况)$/.test(t) || /勾稽关系/.test(t);

/** Build the result of one table from its cell stream (shared by the text and grid readers). */
export function tableFromCells(
	id: TableId,
	cells: readonly Cell[],
	where: { start: number; end: number; firstLine: number; lastLine: number; titleLine: number },
	warnings?: Warning[],
	source: 'grid' | 'text' | 'flat' = 'text'
): ParsedTable {
	const regionText = cells.map((c) => c.text).join(' ');
	const ambiguous = (label: string): void => {
		warnings?.push({
			code: 'table_split_ambiguous',
			message: `表格“${label}”一行的数字连在一起，无法唯一拆分，未读取该行`,
			params: { row: label }
		});
	};
	if (id === 'applications') {
		const { rows } = rowsFromCells(cells, 7, APP_HEADER, { rowTotal: true, onAmbiguous: ambiguous });
		const kept = rows.filter((x) => x.cells.length > 0);
		const spans = kept.map((x) => padTo(x.spans, 7, null));
		return {
			id,
			layout: layoutOf(regionText, id),
			...where,
			rows: kept.map((x) => ({ label: x.label, cells: padTo(x.cells, 7, null) })),
			columns: [...APPLICANT_COLUMNS],
			cellSpans: spans,
			source,
			splitRows: kept.flatMap((x, i) => (x.split ? [i] : []))
		};
	}
	if (id === 'review_litigation') {
		const nums = cells.filter((c) => NUM_CELL.test(c.text.replace(/\s+/g, '')) || BLANK_CELL.test(c.text));
		let vals = nums.map((c) => (BLANK_CELL.test(c.text) ? null : parseNumber(c.text)));
		let spans: Span2[] = nums.map((c) => [c.start, c.end]);
		// trailing blank cells from pipe rows are separators, drop them before counting
		while (vals.length > 15 && vals[vals.length - 1] === null) {
			vals.pop();
			spans.pop();
		}
		let split = false;
		if (vals.length < 15 && vals.length > 0 && nums.every((c) => c.run && /^\d+$/.test(c.text))) {
			const s = splitDigitRuns(
				nums.map((c) => ({ text: c.text, start: c.start })),
				15,
				groupTotals(3, 5)
			);
			if (s.kind === 'unique') {
				vals = s.parts.map((p) => p.value);
				spans = s.parts.map((p) => [p.start, p.end]);
				split = true;
			} else {
				ambiguous('行政复议、行政诉讼');
				vals = [];
				spans = [];
			}
		}
		const rows = REVIEW_GROUPS.map((g, gi) => ({ label: g, cells: padTo(vals.slice(gi * 5, gi * 5 + 5), 5, null) }));
		return {
			id,
			layout: 'unknown',
			...where,
			rows: vals.length >= 5 ? rows : [],
			columns: [...REVIEW_COLUMNS],
			cellSpans: vals.length >= 5 ? REVIEW_GROUPS.map((_, gi) => padTo(spans.slice(gi * 5, gi * 5 + 5), 5, null)) : [],
			source,
			...(split ? { splitRows: [0, 1, 2] } : {})
		};
	}
	const { rows, columns } = rowsFromCells(cells, 4, (t) => HEADER_WORDS.test(t));
	const kept = rows.filter((x) => x.cells.length > 0 && !/^第二十条/.test(x.label));
	return {
		id,
		layout: layoutOf(regionText, id),
		...where,
		rows: kept.map((x) => ({ label: x.label, cells: x.cells })),
		columns: [...new Set(columns)],
		cellSpans: kept.map((x) => x.spans),
		source
	};
}

/** Tables found in plain text (offsets normalized). Ambiguous run-together rows add a warning. */
export function parseTables(lines: readonly Line[], isNoise: readonly boolean[], warnings?: Warning[]): ParsedTable[] {
	const regions = findTableRegions(lines, isNoise);
	const tables: ParsedTable[] = [];
	for (const r of regions) {
		const start = lines[r.first]?.start ?? lines[r.titleLine].end;
		const end = lines[r.last].end;
		tables.push(tableFromCells(r.id, r.cells, { start, end, firstLine: r.first, lastLine: r.last, titleLine: r.titleLine }, warnings));
	}
	unifyLayout(tables);
	return tables;
}

/** One layout for the report: table 二/三 decide, table 四 follows. */
export function unifyLayout(tables: ParsedTable[]): void {
	const known = tables.find((t) => t.layout !== 'unknown')?.layout ?? 'unknown';
	for (const t of tables) if (t.layout === 'unknown') t.layout = known;
}

function padTo<T>(cells: T[], n: number, fill: T): T[] {
	const out = cells.slice(0, n);
	while (out.length < n) out.push(fill);
	return out;
}
