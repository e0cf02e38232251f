/**
 * Keyword stuffing (issue 13): a report padded with sentences built from the rubric's own matching
 * terms ("决策公开、重大决策预公开、政策解读、依申请公开……") would score itself. Real reports use the
 * rubric's vocabulary too, but spread through sentences that say what was done; a padded sentence is
 * mostly terms, and touches many indicators at once.
 *
 * A sentence is term-dense when it enumerates several terms joined only by list separators, or when
 * term matches cover nearly all of it; a report is flagged when such sentences are a notable part of it (thresholds below,
 * calibrated on the real reports of the development set and on the demo generator's reports, none of
 * which comes near them — see stuffing.test.ts). In a flagged report an indicator whose evidence
 * lies only in term-dense sentences stays at most 1, and the report carries the warning
 * `keyword_stuffing` (params: dense sentences, their share, the coverage).
 *
 * Pure: sentences and the rubric in, a verdict out.
 */
import type { RubricDefinition } from './rubric';
import type { Sentence } from './sentences';
import { compileScanner } from './terms';
import type { Warning } from './types';

/**
 * Calibrated on the development set (8 real reports, txt and pdf) and 160 demo reports: none has
 * more than 2 term-dense sentences (a real one may enumerate 同步起草、同步审批、同步发布) and no
 * sentence is covered beyond 0.76; padding built from the terms ("我单位扎实推进A、B、C、D、E等工作")
 * gives one dense sentence per padded indicator.
 */
export const STUFFING = {
	/** a sentence enumerating this many terms joined only by 、，和及与 is term-dense … */
	denseRun: 4,
	/** (an item counts in an enumeration when this much of it is matched terms) */
	itemCoverage: 0.5,
	/** … as is one whose characters (without punctuation and spaces) are this much covered by terms */
	denseCoverage: 0.85,
	/** shortest sentence judged (shorter ones are headings or fragments) */
	minChars: 12,
	/** a report is flagged with at least this many term-dense sentences … */
	minDenseSentences: 5,
	/** … making up at least this share of its judged characters */
	minDenseShare: 0.02
} as const;

export interface StuffingVerdict {
	flagged: boolean;
	/** indices into the sentences of the term-dense ones */
	dense: Set<number>;
	/** normalized offsets of the term-dense sentences (sorted) */
	ranges: { start: number; end: number }[];
	/** characters of term-dense sentences ÷ judged characters */
	share: number;
	/** term-covered characters ÷ judged characters over the whole report */
	coverage: number;
}

const CONTENT_RE = /[\p{L}\p{N}]/u;

/**
 * `CONTENT_RE.test(ch)` without a Unicode-property regex for the common cases (ASCII and the CJK
 * unified block): this runs on every character of every report, and the regex dominated the step.
 */
function isContent(ch: string): boolean {
	const c = ch.charCodeAt(0);
	if (c < 0x80) return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122);
	if (c >= 0x4e00 && c <= 0x9fff) return true;
	return CONTENT_RE.test(ch);
}

function contentLength(s: string): number {
	let n = 0;
	for (const ch of s) if (isContent(ch)) n++;
	return n;
}

const ITEM_SEPARATORS = new Set(['、', '，', ',', '；', ';', '和', '及', '与', '或', '/']);

/**
 * The longest enumeration of terms in a sentence: consecutive list items (split at 、，和及与…) that
 * are each mostly made of matched terms. Padding reads like "A、B、C、D等工作"; a real sentence says
 * what was done around its terms. (Items, not matches: a term with a gap may swallow a separator.)
 */
export function longestRun(text: string, covered: Uint8Array): number {
	let best = 0;
	let run = 0;
	let content = 0;
	let hit = 0;
	const close = () => {
		run = content > 0 && hit / content >= STUFFING.itemCoverage ? run + 1 : 0;
		best = Math.max(best, run);
		content = 0;
		hit = 0;
	};
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (ITEM_SEPARATORS.has(ch)) close();
		else if (isContent(ch)) {
			content++;
			if (covered[i]) hit++;
		}
	}
	close();
	return best;
}

const scanners = new WeakMap<RubricDefinition, ReturnType<typeof compileScanner>>();

/** Judges every sentence of a report against the rubric's terms (and their `with` filters). */
export function detectStuffing(sentences: readonly Sentence[], rubric: RubricDefinition): StuffingVerdict {
	let scanner = scanners.get(rubric);
	if (!scanner) {
		const lists = rubric.dimensions.flatMap((d) => d.indicators.map((i) => [...(i.terms ?? []), ...(i.with ?? [])]));
		scanner = compileScanner(lists);
		scanners.set(rubric, scanner);
	}
	const dense = new Set<number>();
	const ranges: { start: number; end: number }[] = [];
	let judged = 0;
	let denseChars = 0;
	let coveredAll = 0;
	sentences.forEach((s, i) => {
		if (s.heading || s.role === 'table') return;
		const len = contentLength(s.text);
		if (len < STUFFING.minChars) return;
		judged += len;
		const hits = scanner.scan(s.text);
		const covered = new Uint8Array(s.text.length);
		let indicators = 0;
		for (const pairs of hits) {
			if (!pairs || pairs.length === 0) continue;
			indicators++;
			for (let k = 0; k < pairs.length; k += 2) covered.fill(1, pairs[k], pairs[k + 1]);
		}
		let c = 0;
		for (let k = 0; k < covered.length; k++) if (covered[k] && isContent(s.text[k])) c++;
		coveredAll += c;
		if (indicators > 0 && (longestRun(s.text, covered) >= STUFFING.denseRun || c / len >= STUFFING.denseCoverage)) {
			dense.add(i);
			ranges.push({ start: s.start, end: s.end });
			denseChars += len;
		}
	});
	const share = judged > 0 ? denseChars / judged : 0;
	const coverage = judged > 0 ? coveredAll / judged : 0;
	const flagged = dense.size >= STUFFING.minDenseSentences && share >= STUFFING.minDenseShare;
	return { flagged, dense, ranges, share, coverage };
}

/** Is every span inside some term-dense sentence? (An empty list is not.) */
export function onlyInDense(spans: readonly { start: number; end: number }[], v: StuffingVerdict): boolean {
	if (spans.length === 0 || v.ranges.length === 0) return false;
	return spans.every((sp) => v.ranges.some((r) => sp.start >= r.start && sp.end <= r.end));
}

/**
 * The post-processing step of `analyze`: in a flagged report, level 2 resting only on term-dense
 * sentences becomes 1. Returns the level to keep.
 */
export function capStuffedLevel<L extends 0 | 1 | 2 | null>(level: L, evidence: readonly { start: number; end: number }[], v: StuffingVerdict): L | 1 {
	return v.flagged && level === 2 && onlyInDense(evidence, v) ? 1 : level;
}

/** The evaluator's warning (疑似关键词堆砌), with what decided it. */
export function stuffingWarning(v: StuffingVerdict): Warning {
	const pct = Math.round(v.share * 100);
	return {
		code: 'keyword_stuffing',
		message: `疑似关键词堆砌：${v.dense.size} 句几乎全由考评细则用语组成（约占正文 ${pct}%），仅凭这些句子的指标最高记 1 级，请人工核实`,
		params: { sentences: v.dense.size, share: pct }
	};
}
