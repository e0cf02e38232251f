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

/** Compile one term to a RegExp source, or return a Chinese error message. */
export function compileTerm(term: string): { ok: true; source: string } | { ok: false; error: string } {
	if (typeof term !== 'string' || term.trim() === '') return { ok: false, error: '关键词不能为空' };
	if (term.length > 200) return { ok: false, error: `关键词过长：${term.slice(0, 20)}…` };
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
			if (inGroup) return { ok: false, error: `关键词“${term}”中的括号不能嵌套` };
			flush();
			inGroup = true;
			groupHasText = false;
			out += '(?:';
		} else if (ch === ')') {
			if (!inGroup) return { ok: false, error: `关键词“${term}”中的括号不配对` };
			flush();
			if (!groupHasText) return { ok: false, error: `关键词“${term}”中有空的选项` };
			inGroup = false;
			out += ')';
		} else if (ch === '|') {
			if (!inGroup) return { ok: false, error: `关键词“${term}”中的“|”只能用在括号内，请拆成多个关键词` };
			flush();
			if (!groupHasText) return { ok: false, error: `关键词“${term}”中有空的选项` };
			groupHasText = false;
			out += '|';
		} else {
			lit += ch;
		}
	}
	flush();
	if (inGroup) return { ok: false, error: `关键词“${term}”中的括号不配对` };
	if (!hasText) return { ok: false, error: `关键词“${term}”不含任何文字` };
	return { ok: true, source: out };
}

/** Compile a list of terms into one global RegExp (null for an empty list); invalid terms are skipped. */
export function compileTerms(terms: readonly string[] | undefined): RegExp | null {
	if (!terms || terms.length === 0) return null;
	const parts: string[] = [];
	for (const t of terms) {
		const c = compileTerm(t);
		if (c.ok) parts.push(c.source);
	}
	if (parts.length === 0) return null;
	// Longer alternatives first so the reported match is the most specific one.
	parts.sort((a, b) => b.length - a.length);
	return new RegExp(parts.join('|'), 'g');
}
