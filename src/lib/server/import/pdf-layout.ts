/**
 * PDF page layout → text and table grids, from pdf.js text items alone (no ruling lines: the WPS and
 * Word exports of annual reports draw none that pdf.js exposes as paths worth trusting).
 *
 * 1. Lines: items grouped by baseline (tolerance half the smaller font height), sorted by x.
 *    A line is cut into segments where the gap between two items exceeds 0.9 em: in prose the items
 *    of a line touch, in a table the cells stand apart.
 * 2. Page furniture: page numbers (`- 1 -`, `第1页`, `第1页 共5页`, `1/5`, a lone number below the
 *    text) and running headers/footers (the same first/last line on half the pages or more) go.
 * 3. Tables: a line with a numeric segment and at least one other segment is a table row (an
 *    "anchor"). Anchors, the short fragments between them (wrapped labels, vertical stub text) and
 *    the header lines above the first anchor form a table; it continues across page breaks, and a
 *    header repeated at the top of the next page is dropped. A new header row after anchors starts
 *    a new table (表二's blocks 第二十条第（一）项, （五）… each become one table).
 * 4. Prose: a full-width line not ending a sentence is joined to the next (across pages too) unless
 *    the next starts a heading or an enumerated item.
 *
 * Pure: no pdf.js here; pdf-text.ts feeds the items. Exported for tests.
 */
import type { DocCell, DocTable } from '../../analysis/types';

export interface LayoutItem {
	str: string;
	/** left x and baseline y in PDF user space (y grows upwards) */
	x: number;
	y: number;
	w: number;
	h: number;
}

export interface LayoutPage {
	items: LayoutItem[];
	height: number;
}

interface Seg {
	text: string;
	x0: number;
	x1: number;
	y: number;
	h: number;
	/** continuous top-down position (pages stacked), of the baseline */
	Y: number;
	page: number;
	items: LayoutItem[];
}

interface Line {
	segs: Seg[];
	x0: number;
	x1: number;
	y: number;
	h: number;
	Y: number;
	page: number;
	text: string;
	numeric: number;
}

const NUMERIC_RE = /^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s*(?:%|‰|件|条|个|项|次|人|元|万元|家)?$/;
const BLANK_RE = /^(?:-|—|–|--|——|\/|／)$/;
const SENTENCE_END_RE = /[。！？!?；;：:][”"’'」』）)】]*$/;
const ITEM_START_RE =
	/^\s*(?:[一二三四五六七八九十百]+\s*[、.．]|[（(]\s*[一二三四五六七八九十百\d]+\s*[)）]|\d{1,2}\s*[、.．](?!\d)|第[一二三四五六七八九十百\d]+[章节条部分]|[一二三四五六七八九十]是|附件|附表|表[一二三四五六七八九十]|[●■◆▲★※·•])/;
const MAJOR_HEADING_RE = /^\s*[一二三四五六七八九十]{1,3}\s*、/;
const PAGE_NUMBER_RE = [
	/^[-—–－\s]*\d{1,4}[-—–－\s]*$/,
	/^第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?$/,
	/^\d{1,4}\s*[/／]\s*\d{1,4}$/,
	/^(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?$/i
];
const isCjk = (c: string | undefined): boolean => c !== undefined && /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/.test(c);

function median(xs: number[]): number {
	if (xs.length === 0) return 0;
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.floor(s.length / 2)];
}

function joinItems(items: LayoutItem[]): string {
	let out = '';
	let prev: LayoutItem | null = null;
	for (const it of items) {
		if (prev) {
			const gap = it.x - (prev.x + prev.w);
			const size = Math.max(Math.min(prev.h, it.h), 1);
			if (gap > 0.3 * size && !/\s$/.test(out) && !/^\s/.test(it.str)) out += ' ';
		}
		out += it.str;
		prev = it;
	}
	return out.replace(/\s+/g, ' ').trim();
}

/** Group a page's items into lines of segments (see the module comment). Exported for tests. */
export function pageLines(items: LayoutItem[], page = 1): Line[] {
	const sorted = items.filter((it) => it.str.trim() !== '').sort((a, b) => b.y - a.y || a.x - b.x);
	const groups: LayoutItem[][] = [];
	for (const it of sorted) {
		const g = groups[groups.length - 1];
		if (g) {
			// Chained: the item is compared with the lowest item of the line so far, so a label printed
			// a little above its row's numbers (another font's baseline) stays on the row.
			const ref = g[g.length - 1];
			if (Math.abs(ref.y - it.y) <= 0.5 * Math.max(Math.min(ref.h, it.h), 1)) {
				g.push(it);
				continue;
			}
		}
		groups.push([it]);
	}
	return groups.map((g) => {
		g.sort((a, b) => a.x - b.x);
		const segs: Seg[] = [];
		let cur: LayoutItem[] = [];
		const flush = (): void => {
			if (cur.length === 0) return;
			const text = joinItems(cur);
			if (text) {
				segs.push({
					text,
					x0: cur[0].x,
					x1: Math.max(...cur.map((i) => i.x + i.w)),
					y: median(cur.map((i) => i.y)),
					h: median(cur.map((i) => i.h)),
					Y: 0,
					page,
					items: cur
				});
			}
			cur = [];
		};
		let right = -Infinity;
		for (const it of g) {
			if (cur.length > 0) {
				const last = cur[cur.length - 1];
				const gap = it.x - right;
				if (gap > Math.max(0.9 * Math.min(last.h, it.h), 3)) flush();
			}
			cur.push(it);
			right = cur.length === 1 ? it.x + it.w : Math.max(right, it.x + it.w);
		}
		flush();
		const text = segs.map((s) => s.text).join(' ');
		return {
			segs,
			x0: segs[0]?.x0 ?? 0,
			x1: Math.max(...segs.map((s) => s.x1)),
			y: median(segs.map((s) => s.y)),
			h: Math.min(...segs.map((s) => s.h)),
			Y: 0,
			page,
			text,
			numeric: segs.filter((s) => NUMERIC_RE.test(s.text)).length
		};
	});
}

const furnitureKey = (t: string): string => t.replace(/\s+/g, '').replace(/\d+/g, '#');

/** Drop page numbers and running headers/footers (lines of each page, top to bottom). */
function dropFurniture(pages: Line[][]): Line[][] {
	const n = pages.length;
	const counts = new Map<string, number>();
	const edgeKeys = (lines: Line[]): string[] => {
		const ks = new Set<string>();
		for (const l of [...lines.slice(0, 2), ...lines.slice(-2)]) ks.add(furnitureKey(l.text));
		return [...ks];
	};
	for (const lines of pages) for (const k of edgeKeys(lines)) counts.set(k, (counts.get(k) ?? 0) + 1);
	const repeated = (l: Line): boolean => n >= 2 && (counts.get(furnitureKey(l.text)) ?? 0) >= Math.max(2, Math.ceil(n / 2)) && l.text.length <= 60;
	const pageNumber = (l: Line, neighbour: Line | undefined): boolean => {
		const t = l.text.trim();
		if (PAGE_NUMBER_RE.slice(1).some((re) => re.test(t))) return true;
		if (!PAGE_NUMBER_RE[0].test(t)) return false;
		if (/[-—–－]/.test(t)) return true;
		// A lone number: only when it stands apart from the text next to it.
		return !neighbour || Math.abs(neighbour.y - l.y) >= 1.8 * Math.max(l.h, neighbour.h);
	};
	return pages.map((lines) => {
		const out = [...lines];
		for (let k = 0; k < 2 && out.length > 0; k++) {
			const last = out[out.length - 1];
			if (pageNumber(last, out[out.length - 2]) || repeated(last)) out.pop();
			else break;
		}
		for (let k = 0; k < 2 && out.length > 0; k++) {
			const first = out[0];
			if ((pageNumber(first, out[1]) && /[-—–－页/／]/.test(first.text)) || repeated(first)) out.shift();
			else break;
		}
		return out;
	});
}

// ---------------------------------------------------------------------------------------------
// Tables

interface Region {
	/** indices into the flat line list */
	header: number[];
	body: number[];
	/** repeated header lines at page tops, dropped */
	dropped: number[];
}

interface GridCell {
	text: string;
	spanned: boolean;
}

const isAnchor = (l: Line): boolean => l.segs.length >= 2 && l.numeric >= 1;

interface Metrics {
	body: number;
	textWidth: number;
	right: number;
}

function isFragment(l: Line, m: Metrics): boolean {
	if (l.segs.length !== 1 || SENTENCE_END_RE.test(l.text)) return false;
	return l.h < m.body - 0.5 || l.x1 - l.x0 <= 0.35 * m.textWidth;
}

function isHeaderish(l: Line, m: Metrics): boolean {
	return (l.segs.length >= 2 && l.numeric === 0) || isFragment(l, m);
}

const sameHeader = (a: Line[], b: Line[]): boolean =>
	a.length > 0 && a.length === b.length && a.every((l, i) => furnitureKey(l.text) === furnitureKey(b[i].text));

function findRegions(lines: Line[], m: Metrics): Region[] {
	const regions: Region[] = [];
	const used = new Set<number>();
	const close = (a: Line, b: Line): boolean => Math.abs(b.Y - a.Y) <= 4 * Math.max(a.h, b.h, 8) + 8;
	let i = 0;
	while (i < lines.length) {
		if (!isAnchor(lines[i]) || used.has(i)) {
			i++;
			continue;
		}
		// Header: header-like lines right above the first anchor.
		const header: number[] = [];
		for (let k = i - 1; k >= 0 && header.length < 30 && !used.has(k); k--) {
			// A section heading (三、…) above a table is not part of its header.
			if (!isHeaderish(lines[k], m) || !close(lines[k], lines[k + 1]) || MAJOR_HEADING_RE.test(lines[k].text)) break;
			header.unshift(k);
		}
		const body: number[] = [i];
		const dropped: number[] = [];
		let j = i;
		for (;;) {
			let k = j + 1;
			const pending: number[] = [];
			let next = -1;
			while (k < lines.length && pending.length <= 14) {
				const l = lines[k];
				const prev = lines[k - 1];
				if (!close(prev, l) && l.page === prev.page) break;
				if (isAnchor(l)) {
					next = k;
					break;
				}
				if (l.segs.length >= 2 && l.numeric === 0) {
					// A header row after data: a repeated header at a page top continues the table.
					const hdr = header.map((x) => lines[x]).filter((x) => x.segs.length >= 2);
					const run: number[] = [];
					let r = k;
					while (r < lines.length && lines[r].segs.length >= 2 && lines[r].numeric === 0) run.push(r++);
					const atTop = l.page !== lines[j].page && pending.every((p) => lines[p].page !== l.page) && (k === 0 || lines[k - 1].page !== l.page || pending.length > 0);
					if (atTop && pending.length === 0 && sameHeader(hdr, run.map((x) => lines[x])) && r < lines.length && isAnchor(lines[r])) {
						dropped.push(...run);
						next = r;
					}
					break;
				}
				if (!isFragment(l, m)) break;
				pending.push(k);
				k++;
			}
			if (next < 0) break;
			body.push(...pending, next);
			j = next;
		}
		const anchors = body.filter((x) => isAnchor(lines[x]));
		const ok = anchors.length >= 2 || (anchors.length === 1 && header.some((x) => lines[x].segs.length >= 2));
		if (ok) {
			regions.push({ header, body, dropped });
			for (const x of [...header, ...body, ...dropped]) used.add(x);
			i = j + 1;
		} else i++;
	}
	return regions;
}

interface Cluster {
	x0: number;
	x1: number;
}

function clusterIntervals(ivs: Cluster[]): Cluster[] {
	const s = [...ivs].sort((a, b) => a.x0 - b.x0);
	const out: Cluster[] = [];
	for (const iv of s) {
		const c = out[out.length - 1];
		if (c && iv.x0 <= c.x1 + 1) c.x1 = Math.max(c.x1, iv.x1);
		else out.push({ ...iv });
	}
	return out;
}

const overlaps = (a: { x0: number; x1: number }, b: { x0: number; x1: number }): boolean => a.x0 < b.x1 && b.x0 < a.x1;

interface StubCell {
	text: string;
	col: number;
	colEnd: number;
	Yc: number;
	Ys: number[];
	pages: Set<number>;
	h: number;
}

/**
 * Split `rows` (indices) among `cells` (sorted top-down), each cell taking a contiguous, non-empty
 * run, all rows covered, minimising how far each cell's centre is from the middle of its run on its
 * own page(s) — a rowspan cell's text is centred in it, and a cell split by a page break is centred
 * in its part on the page it was printed on.
 */
function tileRows(cells: StubCell[], rowY: number[], rowPage: number[], rows: number[]): number[][] {
	const m = cells.length;
	const L = rows.length;
	if (m === 0 || L === 0) return cells.map(() => []);
	if (m > L || m * L * L > 200_000) {
		// More labels than rows (or a table too long to tile exactly): each row takes its nearest label.
		const out: number[][] = cells.map(() => []);
		for (const r of rows) {
			let best = 0;
			for (let c = 1; c < m; c++) if (Math.abs(cells[c].Yc - rowY[r]) < Math.abs(cells[best].Yc - rowY[r])) best = c;
			out[best].push(r);
		}
		return out;
	}
	const cost = (c: number, s: number, e: number): number => {
		const cell = cells[c];
		const on = rows.slice(s, e + 1).filter((r) => cell.pages.has(rowPage[r]));
		if (on.length === 0) return 1e6;
		if (cell.pages.size > 1) {
			const ps = new Set(on.map((r) => rowPage[r]));
			return ps.size === cell.pages.size ? 0 : 100;
		}
		return Math.abs(cell.Yc - (rowY[on[0]] + rowY[on[on.length - 1]]) / 2);
	};
	// dp[c][e]: best cost with cells 0..c covering rows 0..e
	const dp: number[][] = Array.from({ length: m }, () => new Array<number>(L).fill(Infinity));
	const from: number[][] = Array.from({ length: m }, () => new Array<number>(L).fill(-1));
	for (let e = 0; e < L; e++) dp[0][e] = cost(0, 0, e);
	for (let c = 1; c < m; c++) {
		for (let e = c; e < L; e++) {
			for (let s = c; s <= e; s++) {
				const v = dp[c - 1][s - 1] + cost(c, s, e);
				if (v < dp[c][e]) {
					dp[c][e] = v;
					from[c][e] = s;
				}
			}
		}
	}
	const out: number[][] = cells.map(() => []);
	let e = L - 1;
	for (let c = m - 1; c >= 0; c--) {
		const s = c === 0 ? 0 : from[c][e];
		out[c] = rows.slice(s, e + 1);
		e = s - 1;
	}
	return out;
}

/**
 * Split columns `cols` (contiguous, as positions with centres `cx`) among header cells sorted left to
 * right, each a contiguous run holding its own columns, minimising how far each cell's centre is
 * from the middle of its run (header text centred over the columns it spans) or its left edge from
 * the run's (left-aligned header text).
 */
function tileCols(cells: { cx: number; x0: number; base: number[] }[], cols: number[], cx: number[], left: number[]): number[][] {
	const m = cells.length;
	const L = cols.length;
	if (m === 0) return [];
	if (m > L) return cells.map((c) => c.base.filter((b) => cols.includes(b)).slice(0, 1));
	const cost = (c: number, s: number, e: number): number => {
		const base = cells[c].base.filter((b) => cols.includes(b));
		const run = cols.slice(s, e + 1);
		if (base.some((b) => !run.includes(b))) return 1e6;
		const centred = Math.abs(cells[c].cx - (cx[run[0]] + cx[run[run.length - 1]]) / 2);
		const leftAligned = Math.abs(cells[c].x0 - left[run[0]]);
		return Math.min(centred, leftAligned);
	};
	const dp: number[][] = Array.from({ length: m }, () => new Array<number>(L).fill(Infinity));
	const from: number[][] = Array.from({ length: m }, () => new Array<number>(L).fill(-1));
	for (let e = 0; e < L; e++) dp[0][e] = cost(0, 0, e);
	for (let c = 1; c < m; c++) {
		for (let e = c; e < L; e++) {
			for (let s = c; s <= e; s++) {
				const v = dp[c - 1][s - 1] + cost(c, s, e);
				if (v < dp[c][e]) {
					dp[c][e] = v;
					from[c][e] = s;
				}
			}
		}
	}
	const out: number[][] = cells.map(() => []);
	let e = L - 1;
	for (let c = m - 1; c >= 0; c--) {
		const s = c === 0 ? 0 : from[c][e];
		out[c] = cols.slice(s, e + 1);
		e = s - 1;
	}
	return out;
}

function joinCellText(parts: string[]): string {
	let out = '';
	for (const p of parts) {
		if (!p) continue;
		if (!out) out = p;
		else out += isCjk(out[out.length - 1]) || isCjk(p[0]) ? p : ' ' + p;
	}
	// Letter-spaced cell text (商 业 企 业) reads as written without the spaces.
	return out
		.replace(/\s+/g, ' ')
		.replace(/([\u2e80-\u9fff\uff00-\uffef]) (?=[\u2e80-\u9fff\uff00-\uffef])/g, '$1')
		.trim();
}

interface HeaderCell {
	text: string;
	x0: number;
	x1: number;
	Yc: number;
	Ytop: number;
	h: number;
}

/** Merge stacked header segments (one cell's text wrapped over several lines). */
function stackHeader(segs: Seg[], slot: (x0: number, x1: number) => number): HeaderCell[] {
	const cells: (HeaderCell & { lastY: number; parts: string[] })[] = [];
	for (const s of [...segs].sort((a, b) => a.Y - b.Y || a.x0 - b.x0)) {
		const c = cells.find((c) => {
			const pitch = s.Y - c.lastY;
			if (pitch <= 0) return false;
			const aligned = Math.abs(s.x0 - c.x0) <= Math.max(2, 0.35 * s.h) || Math.abs((s.x0 + s.x1) / 2 - (c.x0 + c.x1) / 2) <= 0.5 * s.h;
			if (!aligned) return false;
			if (pitch <= 2.2 * Math.max(s.h, c.h)) return true;
			// Loosely spaced lines of one narrow cell (结 果 / 维持): both within one column.
			const k = slot(s.x0, s.x1);
			return pitch <= 4 * Math.max(s.h, c.h) && k >= 0 && k === slot(c.x0, c.x1);
		});
		if (c) {
			c.parts.push(s.text);
			c.x0 = Math.min(c.x0, s.x0);
			c.x1 = Math.max(c.x1, s.x1);
			c.lastY = s.Y;
			c.Yc = (c.Ytop + s.Y) / 2;
		} else cells.push({ text: '', x0: s.x0, x1: s.x1, Yc: s.Y, Ytop: s.Y, h: s.h, lastY: s.Y, parts: [s.text] });
	}
	return cells.map((c) => ({ text: joinCellText(c.parts), x0: c.x0, x1: c.x1, Yc: c.Yc, Ytop: c.Ytop, h: c.h }));
}

/** The header rows over the numeric columns: levels by height, spans by centring (see tileCols). */
function headerGrid(cells: HeaderCell[], clusters: Cluster[]): { rows: (number | null)[][]; cells: HeaderCell[] } {
	const n = clusters.length;
	const cx = clusters.map((c) => (c.x0 + c.x1) / 2);
	const bounds = clusters.map((c, i) => ({
		x0: i === 0 ? -Infinity : (clusters[i - 1].x1 + c.x0) / 2,
		x1: i === n - 1 ? Infinity : (c.x1 + clusters[i + 1].x0) / 2
	}));
	const base = cells.map((cell) => {
		const b: number[] = [];
		clusters.forEach((c, i) => {
			if (overlaps(cell, c)) b.push(i);
		});
		if (b.length === 0) {
			const mid = (cell.x0 + cell.x1) / 2;
			const i = bounds.findIndex((bd) => mid >= bd.x0 && mid < bd.x1);
			if (i >= 0) b.push(i);
		}
		return b;
	});
	// Bottom cells: the lowest cell over each column.
	const bottomOf: number[] = new Array<number>(n).fill(-1);
	cells.forEach((cell, k) => {
		for (const c of base[k]) if (bottomOf[c] < 0 || cells[bottomOf[c]].Yc < cell.Yc) bottomOf[c] = k;
	});
	const bottomSet = new Set(bottomOf.filter((k) => k >= 0));
	const upper = cells.map((_, k) => k).filter((k) => !bottomSet.has(k)).sort((a, b) => cells[a].Yc - cells[b].Yc);
	const levels: number[][] = [];
	for (const k of upper) {
		const lv = levels[levels.length - 1];
		if (lv && cells[k].Yc - cells[lv[0]].Yc <= 0.75 * cells[k].h) lv.push(k);
		else levels.push([k]);
	}
	const D = levels.length + 1;
	const levelY = levels.map((lv) => median(lv.map((k) => cells[k].Yc)));
	const bottomY = median([...bottomSet].map((k) => cells[k].Yc));
	levelY.push(bottomY);
	// Where each bottom cell starts (a cell centred between two levels spans both).
	const startLevel = new Map<number, number>();
	for (const k of bottomSet) {
		let best = D - 1;
		let err = Math.abs(cells[k].Yc - bottomY);
		for (let a = 0; a < D - 1; a++) {
			const e = Math.abs(cells[k].Yc - (levelY[a] + bottomY) / 2);
			if (e + 2 < err) {
				err = e;
				best = a;
			}
		}
		startLevel.set(k, best);
	}
	const grid: (number | null)[][] = Array.from({ length: D }, () => new Array<number | null>(n).fill(null));
	for (let c = 0; c < n; c++) {
		const k = bottomOf[c];
		if (k < 0) continue;
		for (let l = startLevel.get(k) ?? D - 1; l < D; l++) grid[l][c] = k;
	}
	// Upper levels, top-down: each level's cells tile the free columns under their parent.
	for (let l = 0; l < D - 1; l++) {
		const parentOf = (c: number): number | null => (l === 0 ? -1 : grid[l - 1][c]);
		let c = 0;
		while (c < n) {
			const p = parentOf(c);
			let e = c;
			while (e + 1 < n && parentOf(e + 1) === p) e++;
			const free: number[] = [];
			for (let x = c; x <= e; x++) if (grid[l][x] === null) free.push(x);
			// Contiguous runs of free columns.
			const runs: number[][] = [];
			for (const x of free) {
				const r = runs[runs.length - 1];
				if (r && r[r.length - 1] === x - 1) r.push(x);
				else runs.push([x]);
			}
			for (const run of runs) {
				const mine = levels[l]
					.filter((k) => base[k].some((b) => run.includes(b)))
					.sort((a, b) => cells[a].x0 - cells[b].x0);
				if (mine.length === 0) continue;
				const parts = tileCols(
					mine.map((k) => ({ cx: (cells[k].x0 + cells[k].x1) / 2, x0: cells[k].x0, base: base[k] })),
					run,
					cx,
					clusters.map((c) => c.x0)
				);
				mine.forEach((k, i) => {
					for (const x of parts[i]) grid[l][x] = k;
				});
			}
			c = e + 1;
		}
	}
	// Slots still empty take the cell below them (its rowspan reaches up).
	for (let l = D - 2; l >= 0; l--) for (let c = 0; c < n; c++) if (grid[l][c] === null) grid[l][c] = grid[l + 1][c];
	return { rows: grid, cells };
}

interface BuiltTable {
	captions: string[];
	grid: GridCell[][];
	pages: number[];
}

function buildTable(lines: Line[], region: Region): BuiltTable {
	const headerLines = region.header.map((i) => lines[i]);
	const bodyLines = region.body.map((i) => lines[i]);
	const anchors = bodyLines.filter(isAnchor);
	const numSegs = anchors.flatMap((l) => l.segs.filter((s) => NUMERIC_RE.test(s.text) || BLANK_RE.test(s.text)));
	// A numeric segment left of a text segment on its line is a label ("2023 年…"), not a column.
	const clusters = clusterIntervals(
		numSegs.filter((s) => NUMERIC_RE.test(s.text)).map((s) => ({ x0: s.x0, x1: s.x1 }))
	);
	const numStart = clusters[0]?.x0 ?? Infinity;
	const colOf = (s: Seg): number => {
		let best = -1;
		let bestOv = 0;
		clusters.forEach((c, i) => {
			const ov = Math.min(c.x1, s.x1) - Math.max(c.x0, s.x0);
			if (ov > bestOv) {
				bestOv = ov;
				best = i;
			}
		});
		if (best >= 0) return best;
		const mid = (s.x0 + s.x1) / 2;
		let nearest = 0;
		clusters.forEach((c, i) => {
			if (Math.abs((c.x0 + c.x1) / 2 - mid) < Math.abs((clusters[nearest].x0 + clusters[nearest].x1) / 2 - mid)) nearest = i;
		});
		return nearest;
	};
	const isStub = (s: Seg): boolean => s.x1 <= numStart + 1 && !clusters.some((c) => overlaps(s, c));

	// Captions: a first header line standing alone above the header, reaching over the stub
	// (第二十条第（一）项), with more stub header text under it — not a header cell over the numbers.
	const captions: string[] = [];
	while (headerLines.length > 1) {
		const [first, second] = headerLines;
		const apart = second.Y - first.Y > 1.6 * first.h || second.page !== first.page;
		const overStub = first.x0 < numStart - 1;
		const stubBelow = headerLines.slice(1).some((l) => l.segs.some((s) => s.x1 <= numStart));
		if (first.segs.length === 1 && apart && overStub && stubBelow) {
			captions.push(first.text);
			headerLines.shift();
		} else break;
	}

	// Rows.
	const rowY = anchors.map((l) => median(l.segs.filter((s) => !isStub(s)).map((s) => s.Y)));
	const rowPage = anchors.map((l) => l.page);
	const nNum = clusters.length;
	const numCells: string[][] = anchors.map((l) => {
		const parts: string[][] = Array.from({ length: nNum }, () => []);
		for (const s of l.segs) if (!isStub(s)) parts[colOf(s)].push(s.text);
		return parts.map((p) => p.join(' '));
	});
	const pitch = median(rowY.slice(1).map((y, i) => y - rowY[i]).filter((d) => d > 0)) || 20;

	// Stub columns: left edges of the label segments.
	const stubSegs: { seg: Seg; row: number }[] = [];
	for (const i of region.body) {
		const l = lines[i];
		const r = anchors.indexOf(l);
		for (const s of l.segs) if (isStub(s)) stubSegs.push({ seg: s, row: r });
	}
	const starts: { x: number; n: number }[] = [];
	for (const x of stubSegs.map((s) => s.seg.x0).sort((a, b) => a - b)) {
		const c = starts[starts.length - 1];
		if (c && x - c.x <= 6) c.n++;
		else starts.push({ x, n: 1 });
	}
	const stubStarts = starts.filter((s, i) => s.n >= 2 || i === 0).map((s) => s.x);
	const nStub = stubStarts.length;
	const stubCol = (x: number): number => {
		let c = 0;
		for (let i = 0; i < nStub; i++) if (stubStarts[i] <= x + 2) c = i;
		return c;
	};
	const stub: (GridCell | null)[][] = anchors.map(() => new Array<GridCell | null>(nStub).fill(null));
	const owner: (StubCell | null)[][] = anchors.map(() => new Array<StubCell | null>(nStub).fill(null));
	if (nStub > 0) {
		const labelOffset = median(
			stubSegs.filter((s) => s.row >= 0 && stubCol(s.seg.x0) === nStub - 1).map((s) => s.seg.Y - rowY[s.row])
		);
		const mk = (s: Seg): StubCell => ({
			text: s.text,
			col: stubCol(s.x0),
			colEnd: Math.max(stubCol(s.x0), stubCol(s.x1 - 4)),
			Yc: s.Y,
			Ys: [s.Y],
			pages: new Set([s.page]),
			h: s.h
		});
		// A group label level with a row that has a label of its own in the last stub column is
		// (part of) a rowspan cell printed there by chance: it is placed like the other group labels.
		const hasSubLabel = anchors.map((_, r) => stubSegs.some((s) => s.row === r && stubCol(s.seg.x0) === nStub - 1));
		const owned: { cell: StubCell; row: number }[] = [];
		let floating: StubCell[] = [];
		for (const { seg, row } of stubSegs) {
			const cell = mk(seg);
			if (row >= 0 && cell.col === nStub - 1) owned.push({ cell, row });
			else if (row >= 0 && Math.abs(seg.Y - rowY[row] - labelOffset) <= 0.45 * seg.h && (cell.colEnd === nStub - 1 || !hasSubLabel[row])) owned.push({ cell, row });
			else floating.push(cell);
		}
		const stackTol = (h: number): number => Math.max(1.2 * h, 0.8 * pitch);
		// A one- or two-character label on a row with stacked text right above or below it is part
		// of that vertical text (三/本/年/度/办/理/结/果 printed one character per line).
		for (let k = owned.length - 1; k >= 0; k--) {
			const { cell } = owned[k];
			if (cell.col === nStub - 1 || [...cell.text].length > 2) continue;
			if (floating.some((f) => f.col === cell.col && Math.abs(f.Yc - cell.Yc) <= stackTol(cell.h))) {
				floating.push(cell);
				owned.splice(k, 1);
			}
		}
		// Wrapped labels of the last stub column join the row nearest to them.
		const lastCol = floating.filter((f) => f.col === nStub - 1);
		floating = floating.filter((f) => f.col !== nStub - 1);
		const rowParts: { Y: number; text: string }[][] = anchors.map(() => []);
		for (const { cell, row } of owned) if (cell.col === nStub - 1) rowParts[row].push({ Y: cell.Yc, text: cell.text });
		for (const f of lastCol) {
			let best = 0;
			for (let r = 1; r < anchors.length; r++) if (Math.abs(rowY[r] - f.Yc) < Math.abs(rowY[best] - f.Yc)) best = r;
			rowParts[best].push({ Y: f.Yc, text: f.text });
		}
		for (const { cell, row } of owned) {
			if (cell.col === nStub - 1) continue;
			for (let c = cell.col; c <= cell.colEnd; c++) if (!owner[row][c]) owner[row][c] = cell;
		}
		rowParts.forEach((parts, r) => {
			if (parts.length === 0) return;
			const text = joinCellText(parts.sort((a, b) => a.Y - b.Y).map((p) => p.text));
			if (!owner[r][nStub - 1]) owner[r][nStub - 1] = { text, col: nStub - 1, colEnd: nStub - 1, Yc: rowY[r], Ys: [], pages: new Set(), h: 0 };
		});
		// Floating cells of the other stub columns: stack, then spread over the rows they span.
		for (let c = 0; c < nStub - 1; c++) {
			const mine = floating.filter((f) => f.col === c).sort((a, b) => a.Yc - b.Yc);
			const stacks: StubCell[] = [];
			for (const f of mine) {
				const s = stacks[stacks.length - 1];
				const lastY = s ? s.Ys[s.Ys.length - 1] : 0;
				const between = s ? rowY.some((y, r) => y > lastY && y < f.Yc && owner[r][c] !== null) : false;
				if (s && f.Yc - lastY <= stackTol(f.h) && !between) {
					s.text = joinCellText([s.text, f.text]);
					s.Ys.push(f.Yc);
					s.Yc = (s.Ys[0] + f.Yc) / 2;
					for (const p of f.pages) s.pages.add(p);
					s.colEnd = Math.max(s.colEnd, f.colEnd);
				} else stacks.push({ ...f, Ys: [...f.Ys], pages: new Set(f.pages) });
			}
			// Runs of rows not owned in this column.
			const runs: number[][] = [];
			for (let r = 0; r < anchors.length; r++) {
				if (owner[r][c]) continue;
				const run = runs[runs.length - 1];
				if (run && run[run.length - 1] === r - 1) run.push(r);
				else runs.push([r]);
			}
			const byRun = runs.map(() => [] as StubCell[]);
			for (const s of stacks) {
				let best = -1;
				let dist = Infinity;
				runs.forEach((run, i) => {
					const lo = rowY[run[0]] - pitch;
					const hi = rowY[run[run.length - 1]] + pitch;
					const d = s.Yc < lo ? lo - s.Yc : s.Yc > hi ? s.Yc - hi : 0;
					if (d < dist) {
						dist = d;
						best = i;
					}
				});
				if (best >= 0) byRun[best].push(s);
			}
			runs.forEach((run, i) => {
				const cells = byRun[i];
				const parts = tileRows(cells, rowY, rowPage, run);
				cells.forEach((cell, k) => {
					for (const r of parts[k]) for (let x = cell.col; x <= cell.colEnd; x++) if (!owner[r][x]) owner[r][x] = cell;
				});
			});
		}
		// Grid slots: the first row of a cell holds it, the rows and columns it spans repeat it.
		const seen = new Set<StubCell>();
		for (let r = 0; r < anchors.length; r++) {
			for (let c = 0; c < nStub; c++) {
				const o = owner[r][c];
				if (o) {
					stub[r][c] = { text: o.text, spanned: seen.has(o) };
					seen.add(o);
				} else if (c > 0 && stub[r][c - 1]) {
					stub[r][c] = { text: stub[r][c - 1]!.text, spanned: true };
				}
			}
		}
	}

	// Header. Header cells stand closer together than data cells: a segment is cut again where a
	// visible gap between two of its items crosses the middle between two numeric columns.
	const cuts = clusters.slice(1).map((c, i) => (clusters[i].x1 + c.x0) / 2);
	const splitSeg = (s: Seg): Seg[] => {
		const out: Seg[] = [];
		let cur: LayoutItem[] = [];
		const flush = (): void => {
			if (cur.length === 0) return;
			out.push({ ...s, text: joinItems(cur), x0: cur[0].x, x1: Math.max(...cur.map((i) => i.x + i.w)), items: cur });
			cur = [];
		};
		for (const it of s.items) {
			const last = cur[cur.length - 1];
			if (last) {
				const end = last.x + last.w;
				if (it.x - end > -0.5 && cuts.some((x) => x >= end - 1 && x <= it.x + 1)) flush();
			}
			cur.push(it);
		}
		flush();
		return out;
	};
	const hSegs = headerLines.flatMap((l) => l.segs.flatMap(splitSeg));
	const colPitch = clusters.length > 1 ? (clusters[clusters.length - 1].x0 - clusters[0].x0) / (clusters.length - 1) : Infinity;
	const slot = (x0: number, x1: number): number => {
		if (x1 <= numStart) return -2;
		if (x1 - x0 > 1.2 * colPitch) return -1;
		const mid = (x0 + x1) / 2;
		return cuts.filter((x) => x <= mid).length;
	};
	const stubHeader = stackHeader(hSegs.filter((s) => isStub(s) && s.x1 <= numStart), slot);
	const numHeader = stackHeader(hSegs.filter((s) => !(isStub(s) && s.x1 <= numStart)), slot);
	const grid: GridCell[][] = [];
	const width = nStub + nNum;
	if (numHeader.length > 0 || stubHeader.length > 0) {
		const h = numHeader.length > 0 ? headerGrid(numHeader, clusters) : { rows: [new Array<number | null>(nNum).fill(null)], cells: [] };
		const stubText = joinCellText(stubHeader.map((c) => c.text));
		const seen = new Set<number>();
		h.rows.forEach((row, l) => {
			const out: GridCell[] = [];
			for (let c = 0; c < nStub; c++) out.push({ text: stubText, spanned: l > 0 || c > 0 });
			for (const k of row) {
				if (k === null) out.push({ text: '', spanned: false });
				else {
					out.push({ text: h.cells[k].text, spanned: seen.has(k) });
					seen.add(k);
				}
			}
			if (nStub === 0 && stubText && l === 0) out[0] = { text: joinCellText([stubText, out[0].text]), spanned: false };
			grid.push(out);
		});
	}
	anchors.forEach((_, r) => {
		const out: GridCell[] = [];
		for (let c = 0; c < nStub; c++) out.push(stub[r][c] ?? { text: '', spanned: false });
		for (let c = 0; c < nNum; c++) out.push({ text: numCells[r][c], spanned: false });
		grid.push(out);
	});
	const pages = [...new Set([...headerLines, ...bodyLines].map((l) => l.page))].sort((a, b) => a - b);
	return { captions, grid: grid.filter((r) => r.length === width), pages };
}

// ---------------------------------------------------------------------------------------------
// Text

export interface PdfLayoutResult {
	text: string;
	tables: DocTable[];
}

/**
 * Lay out the pages of a PDF: prose joined into paragraphs, page furniture dropped, tables written
 * as `| a | b |` lines and returned as grids.
 *
 * Grid shape (for the engine reading `DocTable`s from PDFs): rows top to bottom are the header rows
 * first, then one row per data row. Columns: the stub (label) columns first, as many as the label
 * levels the table shows (表三: 三、本年度办理结果 | （三）不予公开 | 1.属于国家秘密), then one column per
 * numeric column (表三: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计). Header rows:
 * the numeric columns' header cells by level (表三: 申请人情况 / 法人或其他组织 / 商业企业…), the lowest
 * header row names each column; the stub's header text (表三: （本列数据的勾稽关系…）) fills the stub
 * columns of every header row. A rowspan/colspan cell's first slot holds its text; the other slots
 * repeat it with `spanned: true` (a label spanning the stub columns of its row, e.g. 一、本年新收…,
 * repeats across them). A data row's label wrapped over several lines is one cell; a row split by a
 * page break stays one row; a table continued on the next page (with or without its header
 * repeated) is one table. Numeric cells hold the printed text ('0', '1,234', '' when blank).
 * 表二's blocks (第二十条第（一）项…) are separate tables; their caption is a text line before each.
 *
 * @example layoutPdf([{ height: 842, items }]).tables[0].rows[0].map((c) => c.text)
 */
export function layoutPdf(pages: LayoutPage[]): PdfLayoutResult {
	const perPage = dropFurniture(pages.map((p, i) => pageLines(p.items, i + 1)));
	// Continuous top-down coordinates: each page's text follows the previous page's.
	let offset = 0;
	const lines: Line[] = [];
	perPage.forEach((pl) => {
		if (pl.length === 0) return;
		const top = Math.max(...pl.map((l) => l.y + l.h));
		const bottom = Math.min(...pl.map((l) => l.y));
		for (const l of pl) {
			l.Y = offset + (top - l.y);
			for (const s of l.segs) s.Y = offset + (top - s.y);
			lines.push(l);
		}
		offset += top - bottom + 4;
	});
	const sizes = new Map<number, number>();
	for (const l of lines) {
		const k = Math.round(l.h * 2) / 2;
		sizes.set(k, (sizes.get(k) ?? 0) + l.text.length);
	}
	const body = [...sizes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 12;
	const bodyLines = lines.filter((l) => Math.abs(l.h - body) <= 0.5);
	const right = median(bodyLines.map((l) => l.x1).sort((a, b) => b - a).slice(0, Math.max(1, Math.ceil(bodyLines.length / 3))));
	const left = median(bodyLines.map((l) => l.x0).sort((a, b) => a - b).slice(0, Math.max(1, Math.ceil(bodyLines.length / 3))));
	const metrics: Metrics = { body, textWidth: Math.max(right - left, 100), right };

	const regions = findRegions(lines, metrics);
	const regionAt = new Map<number, Region>();
	const inRegion = new Set<number>();
	for (const r of regions) {
		const first = Math.min(...r.header, ...r.body);
		regionAt.set(first, r);
		for (const x of [...r.header, ...r.body, ...r.dropped]) inRegion.add(x);
	}

	let text = '';
	const tables: DocTable[] = [];
	let prev: Line | null = null; // the prose line the text ends with, when it may continue
	const newline = (): void => {
		if (text !== '' && !text.endsWith('\n')) text += '\n';
		prev = null;
	};
	for (let i = 0; i < lines.length; i++) {
		const region = regionAt.get(i);
		let t: BuiltTable | null = null;
		if (region) {
			try {
				t = buildTable(lines, region);
			} catch {
				// A layout this code does not foresee must not lose the text: the lines stay prose.
				regionAt.delete(i);
				for (const x of [...region.header, ...region.body]) inRegion.delete(x);
			}
		}
		if (region && t) {
			newline();
			for (const c of t.captions) text += c + '\n';
			const rows: DocCell[][] = [];
			const start = text.length;
			for (const row of t.grid) {
				const base = text.length;
				let line = '|';
				const cells: DocCell[] = [];
				for (let c = 0; c < row.length; c++) {
					const g = row[c];
					if (g.spanned) {
						// Point at the slot holding the text: left in this row, else the same column above.
						const left = cells[c - 1];
						const above = rows[rows.length - 1]?.[c];
						const src = left && left.text === g.text ? left : above && above.text === g.text ? above : null;
						const at = base + line.length + 1;
						line += '  |';
						cells.push({ text: g.text, start: src?.start ?? at, end: src?.end ?? at, spanned: true });
						continue;
					}
					line += ' ';
					const s = base + line.length;
					line += g.text;
					cells.push({ text: g.text, start: s, end: s + g.text.length });
					line += ' |';
				}
				rows.push(cells);
				text += line + '\n';
			}
			tables.push({ start, end: text.length - 1, rows, source: 'pdf', pages: t.pages });
			i = Math.max(...region.header, ...region.body, ...region.dropped);
			prev = null;
			continue;
		}
		if (inRegion.has(i)) continue;
		const l = lines[i];
		const lineText = l.text;
		if (prev !== null) {
			const p: Line = prev;
			const full = p.x1 >= metrics.right - 2 * p.h;
			const join = full && !SENTENCE_END_RE.test(p.text) && !ITEM_START_RE.test(lineText) && Math.abs(p.h - l.h) <= 1 && l.segs.length === 1 && p.segs.length === 1;
			if (join) {
				const a = text[text.length - 1];
				text += /[A-Za-z0-9]/.test(a ?? '') && /^[A-Za-z0-9]/.test(lineText) ? ' ' + lineText : lineText;
				prev = l;
				continue;
			}
			text += '\n';
		}
		text += lineText;
		prev = l;
	}
	if (text !== '' && !text.endsWith('\n')) text += '\n';
	return { text: text.replace(/\n+$/, ''), tables };
}
