/**
 * Flattened tables (web copies, some PDF text layers): the grid is gone and a row is a label
 * followed by digits that may run together — `（七）总计31 2 00 1 034` is seven cells, but which?
 *
 * The digits are split only where the split is unambiguous: the whitespace between runs is a hard
 * cell boundary, a number never starts with 0 (but may be 0), and the row's own total constrains the
 * split (表三: 总计 = the six applicant columns; 表四: each group's 总计 = its four results). When exactly
 * one split satisfies all of that it is taken; otherwise the caller warns and reads nothing.
 *
 * A split that used the row's total cannot then be used to check that total: callers mark such
 * rows and leave them out of the row-total checks.
 */

export interface DigitToken {
	/** the digits of one whitespace-separated run */
	text: string;
	/** offset of the run (callers' coordinates) */
	start: number;
}

export interface SplitPart {
	value: number;
	start: number;
	end: number;
}

export type SplitOutcome = { kind: 'unique'; parts: SplitPart[] } | { kind: 'ambiguous'; solutions: number } | { kind: 'none' };

/** Exploring more than this many partial splits counts as ambiguous (a run of dozens of digits). */
const MAX_NODES = 200_000;

/**
 * Split whitespace-separated digit runs into exactly `n` integers (each run into one or more) that
 * satisfy `valid`. A run of the right count needs no search: it is returned as is when valid — or
 * when `validWhenExact` is false, as is regardless (a space-separated row is already a split).
 *
 * @example splitDigitRuns([{text:'31',start:0},{text:'2',start:3},{text:'00',start:5},{text:'1',start:8},{text:'034',start:10}], 7, rowTotal(7))
 *   // → unique: 31 2 0 0 1 0 34
 */
export function splitDigitRuns(tokens: readonly DigitToken[], n: number, valid: (v: readonly number[]) => boolean): SplitOutcome {
	if (tokens.length > n || tokens.some((t) => !/^\d+$/.test(t.text))) return { kind: 'none' };
	const totalDigits = tokens.reduce((s, t) => s + t.text.length, 0);
	if (totalDigits < n) return { kind: 'none' };
	const cur: SplitPart[] = [];
	let found: SplitPart[] | null = null;
	let solutions = 0;
	let nodes = 0;
	let aborted = false;
	const rec = (ti: number, pos: number, remainingTokensDigits: number): void => {
		if (solutions >= 2 || aborted) return;
		if (++nodes > MAX_NODES) {
			aborted = true;
			return;
		}
		if (ti === tokens.length) {
			if (cur.length === n && valid(cur.map((p) => p.value))) {
				solutions++;
				if (solutions === 1) found = cur.slice();
			}
			return;
		}
		const tok = tokens[ti];
		const left = tok.text.length - pos;
		// numbers still needed must fit: each later token gives at least one, at most its length
		const need = n - cur.length;
		const laterTokens = tokens.length - ti - 1;
		const laterDigits = remainingTokensDigits - tok.text.length;
		for (let len = 1; len <= left; len++) {
			const piece = tok.text.slice(pos, pos + len);
			if (piece.length > 1 && piece[0] === '0') break;
			const done = pos + len === tok.text.length;
			const afterThis = need - 1;
			if (done) {
				if (afterThis < laterTokens || afterThis > laterDigits) continue;
			} else {
				// the rest of this token gives ≥1 more number
				if (afterThis < laterTokens + 1 || afterThis > laterDigits + (left - len)) continue;
			}
			cur.push({ value: Number(piece), start: tok.start + pos, end: tok.start + pos + len });
			if (done) rec(ti + 1, 0, laterDigits);
			else rec(ti, pos + len, remainingTokensDigits);
			cur.pop();
		}
	};
	rec(0, 0, totalDigits);
	if (aborted || solutions >= 2) return { kind: 'ambiguous', solutions: aborted ? Infinity : solutions };
	if (solutions === 0 || !found) return { kind: 'none' };
	return { kind: 'unique', parts: found };
}

/** 表三 rows: the last cell is the sum of the others. */
export function rowTotal(width: number): (v: readonly number[]) => boolean {
	return (v) => v.length === width && Math.abs(v.slice(0, width - 1).reduce((s, x) => s + x, 0) - v[width - 1]) < 1e-9;
}

/** 表四: three groups of five, in each the fifth is the sum of the four before it. */
export function groupTotals(groups: number, size: number): (v: readonly number[]) => boolean {
	return (v) => {
		if (v.length !== groups * size) return false;
		for (let g = 0; g < groups; g++) {
			let s = 0;
			for (let k = 0; k < size - 1; k++) s += v[g * size + k];
			if (Math.abs(s - v[g * size + size - 1]) > 1e-9) return false;
		}
		return true;
	};
}
