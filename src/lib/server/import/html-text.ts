/**
 * A small, tolerant HTML → text converter for government web pages and mammoth's docx HTML.
 *
 * - Drops script/style/noscript/template/head, nav/aside, form controls, hidden elements, and
 *   header/footer unless they sit inside an article/main (an article's own header holds its title).
 * - Block elements become line breaks, `<br>` a line break, `<pre>` keeps its whitespace.
 * - A table row becomes one line with its cells joined by ` | ` (empty cells kept, so columns stay
 *   aligned). Rows of layout tables (a cell holding a nested table or > 300 characters, or a row
 *   with a single cell) are rendered as ordinary blocks instead.
 * - Entities: numeric ones and the common named ones.
 * - Main content (option `mainContent`, default on): among article/main/[role=main] and elements
 *   whose id/class looks like content (content, article, zoom, detail, TRS_Editor, zhengwen…), take
 *   the deepest one holding ≥ 60 % of the page's CJK characters; while it holds no heading (h1–h3,
 *   .title) climb to ancestors that add ≤ 120 CJK characters (brings in the title and "发布日期" line
 *   next to the body). A nearby h1/h2 left outside, else the `<title>`, is prepended. Without such a candidate the whole body is kept and the
 *   engine's noise removal deals with what remains.
 *
 * @example htmlToText('<p>一、总体情况</p><table><tr><td>自然人</td><td>3</td></tr></table>').text
 *   // → '一、总体情况\n自然人 | 3'
 */
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
	/** The element kept as main content ('' when the whole body was kept). */
	mainContent: string;
	warnings: string[];
}

const VOID = new Set([
	'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr',
	'basefont', 'bgsound', 'frame', 'keygen'
]);
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript']);
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
/** Start tags that close an open <p>. */
const CLOSES_P = new Set([
	'address', 'article', 'aside', 'blockquote', 'center', 'details', 'dialog', 'dir', 'div', 'dl', 'fieldset',
	'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'main',
	'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'ul'
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

function parseAttrs(src: string): Record<string, string> {
	const attrs: Record<string, string> = {};
	const re = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
	let m: RegExpExecArray | null;
	while ((m = re.exec(src)) !== null) {
		const name = m[1].toLowerCase();
		if (!(name in attrs)) attrs[name] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
	}
	return attrs;
}

/** Index just past the '>' closing a tag that starts at `from`, respecting quoted attribute values. */
function tagEnd(html: string, from: number): number {
	let quote = '';
	for (let i = from; i < html.length; i++) {
		const c = html[i];
		if (quote) {
			if (c === quote) quote = '';
		} else if (c === '"' || c === "'") {
			// Only a quote right after '=' opens a value; stray quotes elsewhere are ignored.
			let j = i - 1;
			while (j > from && /\s/.test(html[j])) j--;
			if (html[j] === '=') quote = c;
		} else if (c === '>') return i + 1;
	}
	const plain = html.indexOf('>', from);
	return plain === -1 ? html.length : plain + 1;
}

/** Parse HTML into a tolerant tree (no DOM; unknown tags are kept as generic elements). */
export function parseHtml(html: string): { root: HtmlElement; title: string } {
	const root = el('#root', {}, null);
	let cur = root;
	const depths = new Map<HtmlElement, number>([[root, 0]]);
	const depthOf = (n: HtmlElement): number => {
		let d = depths.get(n);
		if (d === undefined) {
			d = n.parent ? depthOf(n.parent) + 1 : 0;
			depths.set(n, d);
		}
		return d;
	};
	let title = '';
	const lower = html.toLowerCase();
	let i = 0;

	const inScope = (tag: string, stops: Set<string>): HtmlElement | null => {
		for (let n: HtmlElement | null = cur; n && n !== root; n = n.parent) {
			if (n.tag === tag) return n;
			if (stops.has(n.tag)) return null;
		}
		return null;
	};
	const closeTo = (n: HtmlElement): void => {
		cur = n.parent ?? root;
	};
	const tableStops = new Set(['table']);
	const rowStops = new Set(['tr', 'table']);
	const listStops = new Set(['ul', 'ol', 'table', 'td', 'th']);
	const pStops = new Set(['table', 'td', 'th', 'li', 'button', 'div', 'section', 'article', 'body']);

	while (i < html.length) {
		const lt = html.indexOf('<', i);
		if (lt === -1) {
			cur.children.push(html.slice(i));
			break;
		}
		if (lt > i) cur.children.push(html.slice(i, lt));
		const next = html[lt + 1] ?? '';
		if (html.startsWith('<!--', lt)) {
			const end = html.indexOf('-->', lt + 4);
			i = end === -1 ? html.length : end + 3;
			continue;
		}
		if (next === '!' || next === '?') {
			const end = html.indexOf('>', lt);
			i = end === -1 ? html.length : end + 1;
			continue;
		}
		if (next === '/') {
			const m = /^<\/([a-zA-Z][a-zA-Z0-9:-]*)/.exec(html.slice(lt, lt + 64));
			const end = html.indexOf('>', lt);
			i = end === -1 ? html.length : end + 1;
			if (!m) continue;
			const tag = m[1].toLowerCase();
			if (tag === 'br') {
				cur.children.push(el('br', {}, cur));
				continue;
			}
			for (let n: HtmlElement | null = cur; n && n !== root; n = n.parent) {
				if (n.tag === tag) {
					closeTo(n);
					break;
				}
				// An end tag does not close elements outside the table cell it appears in.
				if ((n.tag === 'td' || n.tag === 'th' || n.tag === 'table') && tag !== 'table' && tag !== 'tr' && tag !== 'tbody' && tag !== 'thead' && tag !== 'tfoot') break;
			}
			continue;
		}
		const m = /^<([a-zA-Z][a-zA-Z0-9:-]*)/.exec(html.slice(lt, lt + 64));
		if (!m) {
			cur.children.push('<');
			i = lt + 1;
			continue;
		}
		const tag = m[1].toLowerCase();
		const end = tagEnd(html, lt + 1 + m[1].length);
		const inner = html.slice(lt + 1 + m[1].length, end - 1);
		const selfClosing = inner.endsWith('/');
		const attrs = parseAttrs(selfClosing ? inner.slice(0, -1) : inner);
		i = end;

		if (RAW_TEXT.has(tag)) {
			const close = lower.indexOf('</' + tag, i);
			const content = html.slice(i, close === -1 ? html.length : close);
			if (tag === 'title' && !title) title = collapse(decodeEntities(content)).trim();
			const node = el(tag, attrs, cur);
			if (tag === 'textarea') node.children.push(content);
			cur.children.push(node);
			const closeEnd = close === -1 ? -1 : html.indexOf('>', close);
			i = closeEnd === -1 ? html.length : closeEnd + 1;
			continue;
		}

		// Implicit closes (a small subset of the HTML tree-construction rules).
		if (CLOSES_P.has(tag)) {
			const p = inScope('p', pStops);
			if (p) closeTo(p);
		}
		if (tag === 'li') {
			const li = inScope('li', listStops);
			if (li) closeTo(li);
		} else if (tag === 'dt' || tag === 'dd') {
			const d = inScope('dd', new Set(['dl', 'table'])) ?? inScope('dt', new Set(['dl', 'table']));
			if (d) closeTo(d);
		} else if (tag === 'td' || tag === 'th') {
			const cell = inScope('td', rowStops) ?? inScope('th', rowStops);
			if (cell) closeTo(cell);
		} else if (tag === 'tr') {
			const row = inScope('tr', tableStops);
			if (row) closeTo(row);
		} else if (tag === 'thead' || tag === 'tbody' || tag === 'tfoot') {
			const sec = inScope('tbody', tableStops) ?? inScope('thead', tableStops) ?? inScope('tfoot', tableStops);
			if (sec) closeTo(sec);
		}

		const node = el(tag, attrs, cur);
		cur.children.push(node);
		// Pages with thousands of unclosed <font>/<div> exist: past MAX_DEPTH, elements stay empty
		// siblings (their text flows into the parent) so the recursive passes cannot overflow the stack.
		if (!VOID.has(tag) && !selfClosing && depthOf(cur) < MAX_DEPTH) cur = node;
	}
	return { root, title };
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

class Lines {
	lines: string[] = [];
	cur = '';
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

function renderTable(table: HtmlElement, out: Lines): void {
	out.block();
	for (const c of table.children) {
		if (typeof c !== 'string' && c.tag === 'caption' && !isDropped(c)) renderNode(c, out, false);
	}
	for (const row of tableRows(table)) {
		const cells = row.children.filter(
			(c): c is HtmlElement => typeof c !== 'string' && (c.tag === 'td' || c.tag === 'th') && !isDropped(c)
		);
		const texts = cells.map((cell) => {
			const sub = new Lines();
			renderChildren(cell, sub, false);
			return joinCellLines(sub.done());
		});
		const layout = cells.length < 2 || cells.some((c) => containsTag(c, 'table')) || texts.some((t) => t.length > 300);
		if (layout) {
			for (const cell of cells) {
				renderChildren(cell, out, false);
				out.block();
			}
		} else if (texts.some((t) => t !== '')) {
			out.push(texts.map((t) => t.replace(/\s*\n\s*/g, ' ')).join(' | '));
		}
	}
	out.block();
}

function renderChildren(n: HtmlElement, out: Lines, pre: boolean): void {
	for (const c of n.children) {
		if (typeof c === 'string') out.text(pre ? decodeEntities(c) : decodeEntities(collapse(c)));
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

/** Text of an element, lines joined with '\n'. */
export function elementText(n: HtmlElement): string {
	const out = new Lines();
	if (n.tag === '#root') renderChildren(n, out, false);
	else renderNode(n, out, false);
	return out.done().join('\n');
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

/** Convert an HTML string to plain text (see the module comment for the rules). */
export function htmlToText(html: string, opts: { mainContent?: boolean } = {}): HtmlToTextResult {
	const { root, title } = parseHtml(html);
	const body = findFirst(root, (e) => e.tag === 'body') ?? root;
	const whole = (): HtmlToTextResult => ({ text: elementText(body), mainContent: '', warnings: [] });
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
	let text = elementText(chosen);
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
	if (headingText && !text.slice(0, 400).includes(headingText)) text = `${headingText}\n${text}`;
	const warnings: string[] = [];
	if (total - kept > 0) {
		warnings.push(m.ix_html_main_content({ region: describe(chosen), count: total - kept }));
	}
	return { text, mainContent: describe(chosen), warnings };
}
