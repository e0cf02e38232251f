/**
 * HTML → text for government web pages and mammoth's docx HTML, parsed by parse5 (the HTML
 * standard's tree construction: implicit closes, stray end tags and broken markup as browsers read
 * them).
 *
 * - Drops script/style/noscript/template/head, nav/aside, form controls, hidden elements, and
 *   header/footer unless they sit inside an article/main (an article's own header holds its title).
 * - Block elements become line breaks, `<br>` a line break, `<pre>` keeps its whitespace.
 * - Data tables become cell grids (`DocTable`, rowspan/colspan expanded) and are written one line per
 *   grid row as `| a | b |` (empty and spanned slots written empty, so columns stay aligned).
 *   Layout tables (a cell holding a nested table or > 300 characters) are rendered as blocks, their
 *   plain rows as `| a | b |` lines without a grid.
 * - Main content (option `mainContent`, default on): among article/main/[role=main] and elements
 *   whose id/class looks like content (content, article, zoom, detail, TRS_Editor, zhengwen…), take
 *   the deepest one holding ≥ 60 % of the page's CJK characters; while it holds no heading (h1–h3,
 *   .title) climb to ancestors that add ≤ 120 CJK characters (brings in the title and "发布日期" line
 *   next to the body). A nearby h1/h2 left outside, else the `<title>`, is prepended. Without such a candidate the whole body is kept and the
 *   engine's noise removal deals with what remains.
 *
 * @example htmlToText('<p>一、总体情况</p><table><tr><td>自然人</td><td>3</td></tr></table>').text
 *   // → '一、总体情况\n| 自然人 | 3 |'
 */
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import type { DocCell, DocTable } from '../../analysis/types';
import { m } from '../../paraglide/messages.js';

export interface HtmlElement {
	tag: string;
	attrs: Record<string, string>;
	children: HtmlNode[];
	parent: HtmlElement | null;
}
export type HtmlNode = HtmlElement | string;

export interface HtmlToTextResult {
	text: string;
	/** Data tables as grids, offsets into `text` (see `htmlToText`). */
	tables: DocTable[];
	/** The element kept as main content ('' when the whole body was kept). */
	mainContent: string;
	warnings: string[];
}

const VOID = new Set([
	'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr',
	'basefont', 'bgsound', 'frame', 'keygen'
]);
const DROP = new Set([
	'script', 'style', 'noscript', 'template', 'head', 'title', 'nav', 'aside', 'select', 'option', 'button', 'iframe',
	'svg', 'math', 'object', 'embed', 'canvas', 'audio', 'video', 'map', 'textarea', 'input', 'noembed', 'noframes', 'xmp'
]);
const BLOCK = new Set([
	'address', 'article', 'aside', 'blockquote', 'body', 'center', 'dd', 'details', 'dialog', 'dir', 'div', 'dl', 'dt',
	'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr',
	'html', 'legend', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'caption', 'tr',
	'ul', 'tbody', 'thead', 'tfoot', 'td', 'th'
]);
const MAX_DEPTH = 300;
const CONTENT_RE = /content|article|zoom|detail|trs_?editor|zhengwen|wenzhang|neirong|artic|main|text|txt|^con$|conn/i;
const NOT_CONTENT_RE = /nav|menu|foot|head|side|share|relat|comment|crumb|link|banner|tool/i;

// ---------------------------------------------------------------------------------------------
// Entities

const NAMED: Record<string, string> = {
	nbsp: '\u00a0', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", middot: '·', mdash: '—', ndash: '–',
	hellip: '…', ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’', times: '×', divide: '÷', copy: '©', reg: '®',
	trade: '™', ensp: '\u2002', emsp: '\u2003', thinsp: '\u2009', yen: '¥', deg: '°', plusmn: '±', sect: '§',
	bull: '•', laquo: '«', raquo: '»', para: '¶', shy: '\u00ad', zwnj: '\u200c', zwj: '\u200d', permil: '‰',
	prime: '′', Prime: '″', larr: '←', rarr: '→', uarr: '↑', darr: '↓', le: '≤', ge: '≥', ne: '≠', micro: 'µ',
	frac12: '½', frac14: '¼', frac34: '¾', sup2: '²', sup3: '³', cent: '¢', pound: '£', euro: '€', iexcl: '¡',
	iquest: '¿', lowast: '∗', minus: '−', sim: '∼', asymp: '≈', infin: '∞', radic: '√', sum: '∑', alpha: 'α',
	beta: 'β', gamma: 'γ', delta: 'δ', mu: 'μ', pi: 'π', sigma: 'σ', omega: 'ω', hearts: '♥', star: '☆',
	check: '✓', circ: 'ˆ', tilde: '˜', dagger: '†', Dagger: '‡', sbquo: '‚', bdquo: '„', lsaquo: '‹', rsaquo: '›',
	ordf: 'ª', ordm: 'º', not: '¬', macr: '¯', acute: '´', cedil: '¸', uml: '¨', brvbar: '¦', curren: '¤', sup1: '¹',
	AElig: 'Æ', aelig: 'æ', eacute: 'é', egrave: 'è', agrave: 'à', aacute: 'á', uuml: 'ü', ouml: 'ö', auml: 'ä',
	szlig: 'ß', ccedil: 'ç'
};
/** Legacy names browsers accept without the semicolon. */
const LEGACY_NO_SEMI = new Set(['nbsp', 'amp', 'lt', 'gt', 'quot', 'copy', 'reg', 'middot', 'times', 'yen', 'deg']);
/** Numeric references 0x80–0x9F mean Windows-1252 characters (HTML spec). */
const C1_REMAP: Record<number, number> = {
	0x80: 0x20ac, 0x82: 0x201a, 0x83: 0x0192, 0x84: 0x201e, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021, 0x88: 0x02c6,
	0x89: 0x2030, 0x8a: 0x0160, 0x8b: 0x2039, 0x8c: 0x0152, 0x8e: 0x017d, 0x91: 0x2018, 0x92: 0x2019, 0x93: 0x201c,
	0x94: 0x201d, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02dc, 0x99: 0x2122, 0x9a: 0x0161, 0x9b: 0x203a,
	0x9c: 0x0153, 0x9e: 0x017e, 0x9f: 0x0178
};

export function decodeEntities(s: string): string {
	if (!s.includes('&')) return s;
	return s.replace(/&(#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,7}|[a-zA-Z][a-zA-Z0-9]{1,31})(;?)/g, (m, body: string, semi: string) => {
		if (body[0] === '#') {
			let cp = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
			cp = C1_REMAP[cp] ?? cp;
			if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return '\ufffd';
			return String.fromCodePoint(cp);
		}
		const ch = NAMED[body];
		if (ch === undefined) return m;
		if (!semi && !LEGACY_NO_SEMI.has(body)) return m;
		return ch;
	});
}

// ---------------------------------------------------------------------------------------------
// Parsing

function el(tag: string, attrs: Record<string, string>, parent: HtmlElement | null): HtmlElement {
	return { tag, attrs, children: [], parent };
}

type P5Node = DefaultTreeAdapterMap['node'];
type P5Parent = DefaultTreeAdapterMap['parentNode'];

/**
 * Parse HTML with parse5 into a light tree (lower-case tags, attributes as a record, text as
 * strings). Pages with thousands of unclosed <font>/<div> exist: past MAX_DEPTH, elements are
 * flattened into their ancestor (their text flows into it) so the recursive passes cannot overflow.
 */
export function parseHtml(html: string): { root: HtmlElement; title: string } {
	const doc = parse(html);
	const root = el('#root', {}, null);
	let title = '';
	// Iterative conversion: (parse5 parent, our element, depth)
	const stack: [P5Parent, HtmlElement, number][] = [[doc, root, 0]];
	while (stack.length > 0) {
		const [src, dst, d] = stack.pop()!;
		const kids: P5Node[] = 'content' in src && src.nodeName === 'template' ? [] : src.childNodes;
		// Children are pushed in reverse so they are visited in order; build the list first.
		const pending: [P5Parent, HtmlElement, number][] = [];
		for (const k of kids) {
			if (k.nodeName === '#text') dst.children.push((k as DefaultTreeAdapterMap['textNode']).value);
			else if (k.nodeName === '#comment' || k.nodeName === '#documentType') continue;
			else if ('tagName' in k) {
				const tag = k.tagName.toLowerCase();
				const attrs: Record<string, string> = {};
				for (const a of k.attrs) if (!(a.name in attrs)) attrs[a.name.toLowerCase()] = a.value;
				if (tag === 'title' && !title) {
					title = collapse(k.childNodes.map((c) => (c.nodeName === '#text' ? (c as DefaultTreeAdapterMap['textNode']).value : '')).join('')).trim();
				}
				if (d >= MAX_DEPTH) {
					flattenInto(k, dst);
					continue;
				}
				const node = el(tag, attrs, dst);
				dst.children.push(node);
				pending.push([k, node, d + 1]);
			}
		}
		for (let i = pending.length - 1; i >= 0; i--) stack.push(pending[i]);
	}
	return { root, title };
}

/** Past MAX_DEPTH: the subtree's text (and line breaks) go straight into `dst`, in order. */
function flattenInto(node: P5Node, dst: HtmlElement): void {
	const stack: P5Node[] = [node];
	while (stack.length > 0) {
		const n = stack.pop()!;
		if (n.nodeName === '#text') dst.children.push((n as DefaultTreeAdapterMap['textNode']).value);
		else if ('tagName' in n) {
			const tag = n.tagName.toLowerCase();
			if (DROP.has(tag)) continue;
			if (tag === 'br') dst.children.push(el('br', {}, dst));
			for (let i = n.childNodes.length - 1; i >= 0; i--) stack.push(n.childNodes[i]);
		}
	}
}

// ---------------------------------------------------------------------------------------------
// Rendering

const CJK_RE = /[\u2e80-\u2fdf\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/;
const isCjkChar = (c: string | undefined): boolean => c !== undefined && CJK_RE.test(c);

/**
 * Collapse HTML whitespace; a line break between two CJK characters disappears (as Firefox
 * renders it), otherwise a run becomes one space.
 */
function collapse(s: string): string {
	return s.replace(/[ \t\n\r\f]+/g, (run: string, offset: number) => {
		if (!run.includes('\n') && !run.includes('\r')) return ' ';
		return isCjkChar(s[offset - 1]) && isCjkChar(s[offset + run.length]) ? '' : ' ';
	});
}

function isDropped(n: HtmlElement): boolean {
	if (DROP.has(n.tag)) return true;
	if ('hidden' in n.attrs) return true;
	const role = n.attrs.role?.toLowerCase();
	if (role === 'navigation' || role === 'banner' || role === 'contentinfo' || role === 'search') return true;
	const style = n.attrs.style;
	if (style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)) return true;
	if (n.tag === 'header' || n.tag === 'footer') {
		for (let p = n.parent; p; p = p.parent) if (p.tag === 'article' || p.tag === 'main') return false;
		return true;
	}
	return false;
}

/** A table row written as a line: where each slot's text sits in it, or which slot it repeats. */
interface RowSlot {
	text: string;
	at: number;
	/** the slot holding a spanned slot's text */
	origin?: [number, number];
}
interface PendingTable {
	rows: { line: number; slots: RowSlot[] }[];
}

class Lines {
	lines: string[] = [];
	cur = '';
	tables: PendingTable[] = [];
	text(s: string): void {
		if (!s) return;
		if (this.cur.endsWith(' ') && s.startsWith(' ')) s = s.slice(1);
		this.cur += s;
	}
	/** End the current line (if it has content). */
	block(): void {
		const line = tidy(this.cur);
		if (line) this.lines.push(line);
		this.cur = '';
	}
	/** A `<br>`: always a line end (empty lines are dropped at the end anyway). */
	br(): void {
		this.block();
	}
	push(line: string): void {
		this.block();
		if (line) this.lines.push(line);
	}
	done(): string[] {
		this.block();
		return this.lines;
	}
}

function tidy(line: string): string {
	return line.replace(/\u00a0/g, ' ').trim();
}

function joinCellLines(lines: string[]): string {
	let out = '';
	for (const line of lines) {
		if (!out) out = line;
		else out += isCjkChar(out[out.length - 1]) && isCjkChar(line[0]) ? line : ' ' + line;
	}
	return out;
}

function containsTag(n: HtmlElement, tag: string): boolean {
	for (const c of n.children) {
		if (typeof c === 'string') continue;
		if (c.tag === tag || containsTag(c, tag)) return true;
	}
	return false;
}

function tableRows(table: HtmlElement): HtmlElement[] {
	const rows: HtmlElement[] = [];
	const walk = (n: HtmlElement): void => {
		for (const c of n.children) {
			if (typeof c === 'string' || isDropped(c)) continue;
			if (c.tag === 'tr') rows.push(c);
			else if (c.tag === 'thead' || c.tag === 'tbody' || c.tag === 'tfoot' || c.tag === 'form') walk(c);
		}
	};
	walk(table);
	return rows;
}

const span = (v: string | undefined, max: number): number => {
	const n = parseInt(v ?? '', 10);
	return Number.isFinite(n) && n >= 1 ? Math.min(n, max) : 1;
};

/** Write a cell grid as `| a | b |` lines (spanned slots empty) and remember where each slot is. */
function writeGrid(grid: { text: string; origin: [number, number] | null }[][], out: Lines): void {
	const table: PendingTable = { rows: [] };
	for (const row of grid) {
		let line = '|';
		const slots: RowSlot[] = [];
		for (const slot of row) {
			if (slot.origin) {
				slots.push({ text: slot.text, at: line.length + 1, origin: slot.origin });
				line += '  |';
			} else {
				line += ' ';
				slots.push({ text: slot.text, at: line.length });
				line += slot.text + ' |';
			}
		}
		out.push(line);
		table.rows.push({ line: out.lines.length - 1, slots });
	}
	out.tables.push(table);
}

function renderTable(table: HtmlElement, out: Lines): void {
	out.block();
	for (const c of table.children) {
		if (typeof c !== 'string' && c.tag === 'caption' && !isDropped(c)) renderNode(c, out, false);
	}
	const rows = tableRows(table).map((row) =>
		row.children.filter((c): c is HtmlElement => typeof c !== 'string' && (c.tag === 'td' || c.tag === 'th') && !isDropped(c))
	);
	const cellText = (cell: HtmlElement): string => {
		const sub = new Lines();
		renderChildren(cell, sub, false);
		return joinCellLines(sub.done()).replace(/\s*\n\s*/g, ' ');
	};
	const texts = rows.map((cells) => cells.map((c) => (containsTag(c, 'table') ? '' : cellText(c))));
	const nested = rows.some((cells) => cells.some((c) => containsTag(c, 'table')));
	const long = texts.some((ts) => ts.some((t) => t.length > 300));
	// The grid, rowspan/colspan expanded (the HTML table model: a cell takes the first free slot).
	const grid: ({ text: string; origin: [number, number] | null } | undefined)[][] = rows.map(() => []);
	if (!nested && !long) {
		rows.forEach((cells, r) => {
			let c = 0;
			cells.forEach((cell, k) => {
				while (grid[r][c]) c++;
				const cs = span(cell.attrs.colspan, 100);
				const rsAttr = cell.attrs.rowspan?.trim();
				const rs = rsAttr === '0' ? rows.length - r : span(rsAttr, rows.length - r);
				for (let dr = 0; dr < rs; dr++) {
					for (let dc = 0; dc < cs; dc++) grid[r + dr][c + dc] = { text: texts[r][k], origin: dr === 0 && dc === 0 ? null : [r, c] };
				}
				c += cs;
			});
		});
	}
	const width = Math.max(0, ...grid.map((row) => row.length));
	if (nested || long || width < 2) {
		// A layout table: its rows are blocks (a row of short cells still reads as a row).
		rows.forEach((cells, r) => {
			const layoutRow = cells.length < 2 || cells.some((c) => containsTag(c, 'table')) || texts[r].some((t) => t.length > 300);
			if (layoutRow) {
				for (const cell of cells) {
					renderChildren(cell, out, false);
					out.block();
				}
			} else if (texts[r].some((t) => t !== '')) out.push(`| ${texts[r].join(' | ')} |`);
		});
		out.block();
		return;
	}
	// Rows with no text at all are left out; origins are renumbered to the rows kept.
	const kept: number[] = [];
	const full = grid.map((row) => Array.from({ length: width }, (_, c) => row[c] ?? { text: '', origin: null }));
	full.forEach((row, r) => {
		if (row.some((s) => s.text !== '')) kept.push(r);
	});
	const index = new Map(kept.map((r, i) => [r, i]));
	const out2 = kept.map((r) =>
		full[r].map((s) => {
			if (!s.origin) return s;
			const o = index.get(s.origin[0]);
			return o === undefined ? { text: s.text, origin: null } : { text: s.text, origin: [o, s.origin[1]] as [number, number] };
		})
	);
	if (out2.length > 0) writeGrid(out2, out);
	out.block();
}

function renderChildren(n: HtmlElement, out: Lines, pre: boolean): void {
	for (const c of n.children) {
		if (typeof c === 'string') out.text(pre ? c : collapse(c));
		else renderNode(c, out, pre);
	}
}

function renderNode(n: HtmlElement, out: Lines, pre: boolean): void {
	if (isDropped(n)) return;
	if (n.tag === 'br') return out.br();
	if (n.tag === 'table') return renderTable(n, out);
	if (n.tag === 'pre' || n.tag === 'listing' || n.tag === 'plaintext') {
		out.block();
		const sub = new Lines();
		renderChildren(n, sub, true);
		for (const line of sub.done().join('\n').split(/\r?\n/)) out.push(tidy(line));
		out.block();
		return;
	}
	if (pre) {
		renderChildren(n, out, true);
		return;
	}
	const block = BLOCK.has(n.tag);
	if (block) out.block();
	if (n.tag === 'td' || n.tag === 'th') {
		renderChildren(n, out, false);
		out.block();
		return;
	}
	renderChildren(n, out, false);
	if (block) out.block();
}

function render(n: HtmlElement): Lines {
	const out = new Lines();
	if (n.tag === '#root') renderChildren(n, out, false);
	else renderNode(n, out, false);
	out.done();
	return out;
}

/** Text of an element, lines joined with '\n'. */
export function elementText(n: HtmlElement): string {
	return render(n).lines.join('\n');
}

/** The rendered lines as text (after an optional first line) and the tables with their offsets. */
function finish(out: Lines, first: string, source: DocTable['source']): { text: string; tables: DocTable[] } {
	const lines = first ? [first, ...out.lines] : out.lines;
	const shift = first ? 1 : 0;
	const starts: number[] = [];
	let at = 0;
	for (const l of lines) {
		starts.push(at);
		at += l.length + 1;
	}
	const tables: DocTable[] = out.tables.map((t) => {
		const rows: DocCell[][] = [];
		for (const row of t.rows) {
			const base = starts[row.line + shift];
			const cur: DocCell[] = [];
			rows.push(cur);
			for (const s of row.slots) {
				if (s.origin) {
					const o = rows[s.origin[0]][s.origin[1]];
					cur.push({ text: s.text, start: o.start, end: o.end, spanned: true });
				} else cur.push({ text: s.text, start: base + s.at, end: base + s.at + s.text.length });
			}
		}
		const first = t.rows[0].line + shift;
		const last = t.rows[t.rows.length - 1].line + shift;
		return { start: starts[first], end: starts[last] + lines[last].length, rows, source };
	});
	return { text: lines.join('\n'), tables };
}

// ---------------------------------------------------------------------------------------------
// Main content

function countCjk(s: string): number {
	let k = 0;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)) k++;
	}
	return k;
}

function findFirst(n: HtmlElement, pred: (e: HtmlElement) => boolean): HtmlElement | null {
	for (const c of n.children) {
		if (typeof c === 'string' || isDropped(c)) continue;
		if (pred(c)) return c;
		const f = findFirst(c, pred);
		if (f) return f;
	}
	return null;
}

function isCandidate(n: HtmlElement): boolean {
	if (n.tag === 'article' || n.tag === 'main' || n.attrs.role?.toLowerCase() === 'main') return true;
	if (n.tag === 'table' || n.tag === 'tr' || n.tag === 'p' || n.tag === 'span' || n.tag === 'a') return false;
	const name = `${n.attrs.id ?? ''} ${n.attrs.class ?? ''}`.trim();
	return name !== '' && CONTENT_RE.test(name) && !NOT_CONTENT_RE.test(name);
}

function depth(n: HtmlElement): number {
	let d = 0;
	for (let p = n.parent; p; p = p.parent) d++;
	return d;
}

function describe(n: HtmlElement): string {
	if (n.attrs.id) return `${n.tag}#${n.attrs.id}`;
	if (n.attrs.class) return `${n.tag}.${n.attrs.class.trim().split(/\s+/)[0]}`;
	return n.tag;
}

/**
 * Convert an HTML string to text (see the module comment for the rules) and its data tables to grids.
 *
 * Grid shape (for the engine reading `DocTable`s): one grid row per `<tr>` with any text (header rows
 * first as the page has them — a `<th>` is not told apart from a `<td>`), one column per grid column
 * after rowspan/colspan expansion (the HTML table model: each cell takes the first free slot of its
 * row). A spanning cell's first slot holds its text; the slots it covers repeat the text with
 * `spanned: true` and point at the first slot's offsets. 表三's 法人或其他组织 (colspan 5) thus sits
 * over five columns whose next header row names 商业企业 … 其他, and a 三、本年度办理结果 or （三）不予公开
 * label with a rowspan repeats down its rows. `source` names the decoder ('html', or 'docx' for
 * mammoth's HTML).
 */
export function htmlToText(html: string, opts: { mainContent?: boolean; source?: 'html' | 'docx' } = {}): HtmlToTextResult {
	const source = opts.source ?? 'html';
	const { root, title } = parseHtml(html);
	const body = findFirst(root, (e) => e.tag === 'body') ?? root;
	const whole = (): HtmlToTextResult => ({ ...finish(render(body), '', source), mainContent: '', warnings: [] });
	if (opts.mainContent === false) return whole();

	const cjk = new Map<HtmlElement, number>();
	const measure = (n: HtmlElement): number => {
		let k = 0;
		for (const c of n.children) {
			if (typeof c === 'string') k += countCjk(c);
			else if (!isDropped(c)) k += measure(c);
		}
		cjk.set(n, k);
		return k;
	};
	const total = measure(body);
	if (total < 50) return whole();

	const best: { el: HtmlElement | null; depth: number } = { el: null, depth: -1 };
	const visit = (n: HtmlElement): void => {
		for (const c of n.children) {
			if (typeof c === 'string' || isDropped(c)) continue;
			if (isCandidate(c) && (cjk.get(c) ?? 0) >= 0.6 * total) {
				const d = depth(c);
				if (d > best.depth) {
					best.el = c;
					best.depth = d;
				}
			}
			visit(c);
		}
	};
	visit(body);
	if (!best.el) return whole();
	let chosen: HtmlElement = best.el;
	const hasHeading = (n: HtmlElement): boolean =>
		findFirst(n, (e) => /^h[1-3]$/.test(e.tag) || /title|biaoti/i.test(e.attrs.class ?? '')) !== null;
	while (!hasHeading(chosen) && chosen.parent && chosen.parent !== body && chosen.parent !== root) {
		const extra = (cjk.get(chosen.parent) ?? 0) - (cjk.get(chosen) ?? 0);
		if (extra > 120) break;
		chosen = chosen.parent;
	}
	const kept = cjk.get(chosen) ?? 0;
	const rendered = render(chosen);
	const text = rendered.lines.join('\n');
	const main = chosen;
	const inside = (e: HtmlElement): boolean => {
		for (let p: HtmlElement | null = e; p; p = p.parent) if (p === main) return true;
		return false;
	};
	// A heading just outside the kept region (within its grandparent), else the page <title>.
	const scope = chosen.parent?.parent && chosen.parent !== body ? chosen.parent.parent : (chosen.parent ?? body);
	const heading = findFirst(scope, (e) => /^h[1-2]$/.test(e.tag) && !inside(e));
	// A page title usually ends with the site's name ('报告标题_某某县人民政府'): keep its first part.
	const titleCore = hasHeading(chosen) ? '' : (title.split(/\s*[_|｜]\s*|\s+[-—–]\s+/)[0] ?? '');
	const headingText = heading ? elementText(heading).replace(/\n/g, ' ') : titleCore;
	const first = headingText && !text.slice(0, 400).includes(headingText) ? headingText : '';
	const done = finish(rendered, first, source);
	const warnings: string[] = [];
	if (total - kept > 0) {
		warnings.push(m.ix_html_main_content({ region: describe(chosen), count: total - kept }));
	}
	return { text: done.text, tables: done.tables, mainContent: describe(chosen), warnings };
}
