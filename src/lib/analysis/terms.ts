/**
 * The small term syntax used by rubric indicators (`terms`, `with`).
 *
 * A term is matched against the normalized (simplified, half-width digits) text:
 * - plain characters match literally and case-sensitively (traditional or full-width input is normalized first);
 * - `*` is a gap of 0–12 characters inside one clause (it never crosses ，。；！？：or a line end);
 * - `(a|b|c)` is a group of alternatives (plain text and `*` inside, no nesting).
 * Examples: `政务公开*培训` matches 政务公开工作人员业务培训; `(报纸|电视|广播)*解读`.
 */
import { normalize } from './normalize';

const GAP = '[^，。；！？：\\n]{0,12}';

function escapeLiteral(s: string): string {
	const n = normalize(s).text;
	return n.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** What is wrong with a term: `problem` for pages to render in their language, `error` in Chinese. */
export type TermProblem = 'empty' | 'too_long' | 'nested' | 'unbalanced' | 'empty_option' | 'bar_outside' | 'no_text';

/** Compile one term to a RegExp source, or say what is wrong with it. */
export function compileTerm(term: string): { ok: true; source: string } | { ok: false; problem: TermProblem; error: string } {
	if (typeof term !== 'string' || term.trim() === '') return { ok: false, problem: 'empty', error: '关键词不能为空' };
	if (term.length > 200) return { ok: false, problem: 'too_long', error: `关键词过长：${term.slice(0, 20)}…` };
	let out = '';
	let lit = '';
	let inGroup = false;
	let groupHasText = false;
	let hasText = false;
	const flush = (): void => {
		if (lit) {
			out += escapeLiteral(lit);
			hasText = true;
			groupHasText = true;
			lit = '';
		}
	};
	for (const ch of term) {
		if (ch === '*') {
			flush();
			out += GAP;
		} else if (ch === '(') {
			if (inGroup) return { ok: false, problem: 'nested', error: `关键词“${term}”中的括号不能嵌套` };
			flush();
			inGroup = true;
			groupHasText = false;
			out += '(?:';
		} else if (ch === ')') {
			if (!inGroup) return { ok: false, problem: 'unbalanced', error: `关键词“${term}”中的括号不配对` };
			flush();
			if (!groupHasText) return { ok: false, problem: 'empty_option', error: `关键词“${term}”中有空的选项` };
			inGroup = false;
			out += ')';
		} else if (ch === '|') {
			if (!inGroup) return { ok: false, problem: 'bar_outside', error: `关键词“${term}”中的“|”只能用在括号内，请拆成多个关键词` };
			flush();
			if (!groupHasText) return { ok: false, problem: 'empty_option', error: `关键词“${term}”中有空的选项` };
			groupHasText = false;
			out += '|';
		} else {
			lit += ch;
		}
	}
	flush();
	if (inGroup) return { ok: false, problem: 'unbalanced', error: `关键词“${term}”中的括号不配对` };
	if (!hasText) return { ok: false, problem: 'no_text', error: `关键词“${term}”不含任何文字` };
	return { ok: true, source: out };
}

function termsSource(terms: readonly string[] | undefined): string | null {
	if (!terms || terms.length === 0) return null;
	const parts: string[] = [];
	for (const t of terms) {
		const c = compileTerm(t);
		if (c.ok) parts.push(c.source);
	}
	if (parts.length === 0) return null;
	// Longer alternatives first so the reported match is the most specific one.
	parts.sort((a, b) => b.length - a.length);
	return parts.join('|');
}

/** Compile a list of terms into one global RegExp (null for an empty list); invalid terms are skipped. */
export function compileTerms(terms: readonly string[] | undefined): RegExp | null {
	const src = termsSource(terms);
	return src === null ? null : new RegExp(src, 'g');
}

/**
 * The possible first two characters of a term's matches (fewer when a gap or the end comes
 * first); null when a match may start anywhere (a term opening with `*`).
 */
function termPrefixes(term: string): string[] | null {
	if (!compileTerm(term).ok) return [];
	// branches: [prefix so far, done]
	let branches: { p: string; done: boolean }[] = [{ p: '', done: false }];
	let i = 0;
	while (i < term.length && branches.some((b) => !b.done)) {
		const ch = term[i];
		if (ch === '*') {
			for (const b of branches) b.done = true;
			i++;
		} else if (ch === '(') {
			const close = term.indexOf(')', i);
			const alts = term.slice(i + 1, close).split('|');
			const next: { p: string; done: boolean }[] = [];
			for (const b of branches) {
				if (b.done) {
					next.push(b);
					continue;
				}
				for (const a of alts) {
					const star = a.indexOf('*');
					const lit = normalize(star < 0 ? a : a.slice(0, star)).text;
					const p = (b.p + lit).slice(0, 2);
					next.push({ p, done: star >= 0 || p.length >= 2 });
				}
			}
			branches = next;
			i = close + 1;
		} else {
			let j = i;
			while (j < term.length && term[j] !== '*' && term[j] !== '(') j++;
			const lit = normalize(term.slice(i, j)).text;
			for (const b of branches) {
				if (b.done) continue;
				b.p = (b.p + lit).slice(0, 2);
				if (b.p.length >= 2) b.done = true;
			}
			i = j;
		}
	}
	if (branches.some((b) => b.p.length === 0)) return null;
	return [...new Set(branches.map((b) => b.p))];
}

/** Per term list: the matches in a text as flat [start, end, start, end, …] pairs. */
export type TermHits = number[][];

/**
 * One pass over a text for many term lists (a prefilter on the first one or two characters,
 * then the list's sticky pattern at each candidate). Gives exactly the matches a global
 * `compileTerms(list)` scan gives (leftmost, non-overlapping), much faster than one scan per list.
 */
export interface TermScanner {
	scan(text: string): TermHits;
}

export function compileScanner(lists: readonly (readonly string[] | undefined)[]): TermScanner {
	const sticky: (RegExp | null)[] = [];
	// first[c]: 0 = no term starts with c; otherwise 1 + index into `singles` (lists that may
	// start with c alone; [] when none) — the pair table then narrows by the next character
	const first = new Uint16Array(0x10000);
	const singles: number[][] = [];
	const pairLists = new Map<number, number[]>();
	const always: number[] = [];
	lists.forEach((terms, k) => {
		const src = termsSource(terms);
		sticky.push(src === null ? null : new RegExp(src, 'y'));
		if (src === null || !terms) return;
		let anywhere = false;
		for (const t of terms) {
			const ps = termPrefixes(t);
			if (ps === null) {
				anywhere = true;
				continue;
			}
			for (const p of ps) {
				const c0 = p.charCodeAt(0);
				if (first[c0] === 0) {
					singles.push([]);
					first[c0] = singles.length;
				}
				const l = p.length >= 2 ? (pairLists.get(c0 * 0x10000 + p.charCodeAt(1)) ?? []) : singles[first[c0] - 1];
				if (p.length >= 2) pairLists.set(c0 * 0x10000 + p.charCodeAt(1), l);
				if (!l.includes(k)) l.push(k);
			}
		}
		if (anywhere) always.push(k);
	});
	// open-addressing table of pair keys → index into `pairs`
	const size = 1 << Math.max(8, Math.ceil(Math.log2(pairLists.size * 4 + 1)));
	const keys = new Float64Array(size).fill(-1);
	const vals = new Int32Array(size);
	const pairs: number[][] = [];
	for (const [key, l] of pairLists) {
		let h = (Math.imul(key | 0, 0x9e3779b1) >>> 0) & (size - 1);
		while (keys[h] !== -1) h = (h + 1) & (size - 1);
		keys[h] = key;
		vals[h] = pairs.length;
		pairs.push(l);
	}
	const pairAt = (key: number): number[] | undefined => {
		let h = (Math.imul(key | 0, 0x9e3779b1) >>> 0) & (size - 1);
		for (;;) {
			const kk = keys[h];
			if (kk === key) return pairs[vals[h]];
			if (kk === -1) return undefined;
			h = (h + 1) & (size - 1);
		}
	};
	const nLists = lists.length;
	return {
		scan(text: string): TermHits {
			const hits: TermHits = [];
			for (let k = 0; k < nLists; k++) hits.push([]);
			const next = new Int32Array(nLists);
			const n = text.length;
			for (let i = 0; i < n; i++) {
				const c = text.charCodeAt(i);
				const f = first[c];
				let l1: number[] | undefined;
				let l2: number[] | undefined;
				if (f !== 0) {
					l1 = singles[f - 1];
					if (i + 1 < n) l2 = pairAt(c * 0x10000 + text.charCodeAt(i + 1));
				} else if (always.length === 0) continue;
				for (let pass = 0; pass < 3; pass++) {
					const l = pass === 0 ? always : pass === 1 ? l1 : l2;
					if (!l) continue;
					for (let a = 0; a < l.length; a++) {
						const k = l[a];
						if (i < next[k]) continue;
						const re = sticky[k];
						if (re === null) continue;
						re.lastIndex = i;
						// a sticky test leaves lastIndex at the match end (no match array allocated)
						if (re.test(text) && re.lastIndex > i) {
							hits[k].push(i, re.lastIndex);
							next[k] = re.lastIndex;
						}
					}
				}
			}
			return hits;
		}
	};
}
