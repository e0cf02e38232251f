/**
 * Tables the decoder handed over as cell grids (DocTable: rowspan/colspan expanded, offsets into
 * the original text). The grid is kept, not guessed again: a table is named by its title line just
 * before it (or by its row labels), 表三's and 表四's columns by their header labels (the header may
 * span rows and columns), and each figure keeps the place of its cell.
 *
 * A table the PDF broke over two pages arrives as two grids: a grid without a title whose rows
 * continue the previous table (表三's outcome rows, （七）总计, 结转下年度) is appended to it.
 */
import type { Normalized } from './normalize';
import type { Line } from './noise';
import { APPLICANT_COLUMNS, REVIEW_COLUMNS } from './table-checks';
import { REVIEW_GROUPS, TITLES, layoutOf, tableFromCells, type Cell, type ParsedTable } from './tables';
import type { DocCell, DocTable, TableId, Warning } from './types';

/** First normalized index whose original start is ≥ `orig` (the inverse of normalize's offset map). */
export function toNormalizedOffset(nz: Normalized, orig: number): number {
	const s = nz.starts;
	let lo = 0;
	let hi = nz.text.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (s[mid] < orig) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** Index of the line holding normalized offset `pos` (lines are sorted, contiguous). */
export function lineAt(lines: readonly Line[], pos: number): number {
	let lo = 0;
	let hi = lines.length - 1;
	while (lo < hi) {
		const mid = (lo + hi + 1) >>> 1;
		if (lines[mid].start <= pos) lo = mid;
		else hi = mid - 1;
	}
	return lo;
}

const NUM = /^[-+]?\d+(?:\.\d+)?$/;
const BLANK = /^(?:|-|—|--|\/|／|无)$/;
const compact = (s: string): string => s.replace(/\s+/g, '');

/** Which standard table a grid's row labels say it is (null: none). */
function idFromLabels(grid: readonly DocCell[][]): { id: TableId; continuation: boolean } | null {
	const all = grid.flatMap((r) => r.map((c) => compact(c.text))).join('|');
	if (/本年新收|上年结转/.test(all)) return { id: 'applications', continuation: false };
	if (/予以公开|不予公开|无法提供|不予处理|其他处理|结转下年度/.test(all)) return { id: 'applications', continuation: true };
	if (/行政复议/.test(all) && /行政诉讼/.test(all)) return { id: 'review_litigation', continuation: false };
	if (/第二十条|规章|规范性文件|行政许可|行政处罚|行政强制|行政事业性收费/.test(all)) return { id: 'active_disclosure', continuation: false };
	return null;
}

/** The title of the table just before it: up to three non-empty lines back, short lines only. */
function titleBefore(lines: readonly Line[], firstLine: number, isNoise: readonly boolean[]): { id: TableId; line: number } | null {
	let seen = 0;
	for (let i = firstLine - 1; i >= 0 && seen < 3; i--) {
		if (isNoise[i]) continue;
		const t = lines[i].text.trim();
		if (t === '') continue;
		seen++;
		if (t.length > 40) continue;
		const hit = TITLES.find((x) => x.re.test(t));
		if (hit) return { id: hit.id, line: i };
	}
	return null;
}

interface NGrid {
	rows: { text: string; start: number; end: number; spanned: boolean }[][];
	start: number;
	end: number;
}

function normalizeGrid(t: DocTable, nz: Normalized): NGrid {
	const map = (c: DocCell) => {
		const s = toNormalizedOffset(nz, c.start);
		const e = Math.max(s, toNormalizedOffset(nz, c.end));
		// read the cell from the normalized text when its offsets are sound (full-width digits etc.)
		const text = e > s && nz.text.slice(s, e).replace(/\s+/g, '') !== '' ? nz.text.slice(s, e) : c.text;
		return { text: text.trim(), start: s, end: e, spanned: !!c.spanned };
	};
	return { rows: t.rows.map((r) => r.map(map)), start: toNormalizedOffset(nz, t.start), end: toNormalizedOffset(nz, t.end) };
}

/** Per column, the header text above the first data row (spanned repeats included once). */
function headerTexts(g: NGrid, firstData: number): string[] {
	const width = Math.max(0, ...g.rows.map((r) => r.length));
	const out: string[] = [];
	for (let j = 0; j < width; j++) {
		const parts: string[] = [];
		for (let i = 0; i < firstData; i++) {
			const c = g.rows[i]?.[j];
			if (c && c.text && parts[parts.length - 1] !== compact(c.text)) parts.push(compact(c.text));
		}
		out.push(parts.join('/'));
	}
	return out;
}

/** The applicant column a header names (-1: a label column). */
function applicantColumn(h: string): number {
	const s = h.replace(/法人或其他组织/g, '');
	const specific = ['商业企业', '科研机构', '社会公益组织', '法律服务机构'];
	for (let k = 0; k < specific.length; k++) if (s.includes(specific[k])) return k + 1;
	if (s.includes('自然人')) return 0;
	if (/总计|合计/.test(s)) return 6;
	if (s.includes('其他')) return 5;
	return -1;
}

function reviewColumn(h: string): number {
	const group = /未经复议/.test(h) ? 1 : /复议后/.test(h) ? 2 : /行政复议/.test(h) ? 0 : -1;
	const res = /维持/.test(h) ? 0 : /纠正/.test(h) ? 1 : /其他/.test(h) ? 2 : /尚未|审结/.test(h) ? 3 : /总计|合计/.test(h) ? 4 : -1;
	return group < 0 || res < 0 ? -1 : group * 5 + res;
}

type Where = { start: number; end: number; firstLine: number; lastLine: number; titleLine: number };

function valueOf(c: { text: string; spanned: boolean } | undefined): number | null {
	if (!c || c.spanned) return null;
	const t = compact(c.text);
	return NUM.test(t) ? Number(t) : null;
}

/** Row label: the distinct texts of the label columns, left to right. */
function rowLabel(r: NGrid['rows'][number], labelCols: readonly number[]): string {
	const parts: string[] = [];
	for (const j of labelCols) {
		const t = r[j]?.text ?? '';
		if (t && !parts.includes(t)) parts.push(t);
	}
	return parts.join(' ').replace(/\s+/g, ' ');
}

function readApplications(g: NGrid, where: Where, continuation: boolean): ParsedTable | null {
	let firstData = g.rows.findIndex((r) => r.some((c) => /本年新收/.test(compact(c.text))));
	if (firstData < 0) firstData = continuation ? 0 : -1;
	if (firstData < 0) return null;
	const heads = headerTexts(g, firstData);
	let map = heads.map(applicantColumn);
	const width = heads.length;
	// without a usable header (a continuation page, a header lost) the figures are the last 7 columns
	if (new Set(map.filter((x) => x >= 0)).size < 7) map = heads.map((_, j) => (j >= width - 7 ? j - (width - 7) : -1));
	const labelCols = map.flatMap((x, j) => (x < 0 ? [j] : []));
	const rows: ParsedTable['rows'] = [];
	const spans: ([number, number] | null)[][] = [];
	for (let i = firstData; i < g.rows.length; i++) {
		const r = g.rows[i];
		const cells: (number | null)[] = new Array(7).fill(null);
		const sp: ([number, number] | null)[] = new Array(7).fill(null);
		let any = false;
		map.forEach((k, j) => {
			if (k < 0) return;
			const c = r[j];
			if (c && !c.spanned) sp[k] = [c.start, c.end];
			const v = valueOf(c);
			if (v !== null) any = true;
			cells[k] = v;
		});
		const label = rowLabel(r, labelCols);
		// a group row (its label spans the figure columns): no row of its own; a row of blank cells
		// stays (its cells are missing data)
		const ownCells = map.some((k, j) => k >= 0 && r[j] && !r[j].spanned);
		if ((!any && !ownCells) || !label) continue;
		rows.push({ label, cells });
		spans.push(sp);
	}
	const text = g.rows.flatMap((r) => r.map((c) => c.text)).join(' ');
	return { id: 'applications', layout: layoutOf(text, 'applications'), ...where, rows, columns: [...APPLICANT_COLUMNS], cellSpans: spans, source: 'grid' };
}

function readReview(g: NGrid, where: Where): ParsedTable | null {
	const firstData = g.rows.findIndex((r) => r.filter((c) => valueOf(c) !== null).length >= 5);
	if (firstData < 0) return null;
	const heads = headerTexts(g, firstData);
	const map = heads.map(reviewColumn);
	const ok = new Set(map.filter((x) => x >= 0)).size === 15;
	const cells: (number | null)[] = new Array(15).fill(null);
	const sp: ([number, number] | null)[] = new Array(15).fill(null);
	const r = g.rows[firstData];
	if (ok) {
		map.forEach((k, j) => {
			if (k < 0 || !r[j] || r[j].spanned) return;
			cells[k] = valueOf(r[j]);
			sp[k] = [r[j].start, r[j].end];
		});
	} else {
		// header not recognised: the figures in order (the format's order)
		const figs = r.filter((c) => !c.spanned && (NUM.test(compact(c.text)) || BLANK.test(compact(c.text))));
		const tail = figs.slice(-15);
		tail.forEach((c, k) => {
			cells[k] = valueOf(c);
			sp[k] = [c.start, c.end];
		});
	}
	return {
		id: 'review_litigation',
		layout: 'unknown',
		...where,
		rows: REVIEW_GROUPS.map((label, gi) => ({ label, cells: cells.slice(gi * 5, gi * 5 + 5) })),
		columns: [...REVIEW_COLUMNS],
		cellSpans: REVIEW_GROUPS.map((_, gi) => sp.slice(gi * 5, gi * 5 + 5)),
		source: 'grid'
	};
}

/** 表二 has no fixed grid (header rows between item blocks): its grid becomes a cell stream. */
function readActive(g: NGrid, where: Where, lineOf: (pos: number) => number): ParsedTable {
	const cells: Cell[] = [];
	for (const r of g.rows) {
		const seen = new Set<string>();
		for (const c of r) {
			if (c.spanned) continue;
			const t = c.text;
			if (seen.has(t) && !NUM.test(compact(t))) continue;
			seen.add(t);
			cells.push({ text: t, line: lineOf(c.start), start: c.start, end: c.end });
		}
	}
	return tableFromCells('active_disclosure', cells, where, undefined, 'grid');
}

/**
 * The standard tables among the decoder's grids (offsets normalized, like parseTables').
 * @example gridTables(doc.tables, nz, lines, lineNoise)
 */
export function gridTables(docTables: readonly DocTable[], nz: Normalized, lines: readonly Line[], isNoise: readonly boolean[], warnings?: Warning[]): ParsedTable[] {
	const out: ParsedTable[] = [];
	let prev: { id: TableId; grid: NGrid; where: Where } | null = null;
	const finish = (p: { id: TableId; grid: NGrid; where: Where } | null, continuation = false): void => {
		if (!p) return;
		const lineOf = (pos: number): number => lineAt(lines, pos);
		const t =
			p.id === 'applications' ? readApplications(p.grid, p.where, continuation) : p.id === 'review_litigation' ? readReview(p.grid, p.where) : readActive(p.grid, p.where, lineOf);
		if (t) out.push(t);
	};
	for (const dt of docTables) {
		if (!dt || !Array.isArray(dt.rows) || dt.rows.length === 0) continue;
		const g = normalizeGrid(dt, nz);
		const firstLine = lineAt(lines, g.start);
		const lastLine = lineAt(lines, Math.max(g.start, g.end - 1));
		const title = titleBefore(lines, firstLine, isNoise);
		const byLabels = idFromLabels(dt.rows);
		const id = title?.id ?? byLabels?.id;
		if (!id) continue;
		if (!title && prev && prev.id === id && byLabels?.continuation !== false && id !== 'active_disclosure') {
			// the same table continued on the next page
			prev.grid = { rows: [...prev.grid.rows, ...g.rows], start: prev.grid.start, end: g.end };
			prev.where = { ...prev.where, end: g.end, lastLine };
			continue;
		}
		if (!title && prev && prev.id === id && id === 'active_disclosure') {
			prev.grid = { rows: [...prev.grid.rows, ...g.rows], start: prev.grid.start, end: g.end };
			prev.where = { ...prev.where, end: g.end, lastLine };
			continue;
		}
		finish(prev);
		prev = { id, grid: g, where: { start: g.start, end: g.end, firstLine, lastLine, titleLine: title?.line ?? firstLine } };
	}
	finish(prev);
	void warnings;
	return out;
}
