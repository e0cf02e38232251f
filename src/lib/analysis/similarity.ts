/**
 * Reuse between reports (重复率 / 雷同), pure: text in, figures and marked spans out.
 *
 * 1. `prepareText` — the engine's normalized text (simplified, width-folded), page noise removed,
 *    standard format text removed (headings, table labels, the prescribed sentences: see
 *    similarity-standard.ts), then a stream of the remaining letters: Chinese characters and Latin
 *    letters as they are, every number folded to one `#` (a year or a count changed is still the
 *    same text). Punctuation and spaces are skipped; excluded text breaks the stream.
 * 2. Shingles of K stream letters, hashed to 32 bits (a collision costs at most one shingle of a
 *    pair in a few hundred; shown passages are verified letter by letter); winnowing (window W) keeps a few of them as the report's fingerprints for the index:
 *    any passage of W+K−1 letters shared by two reports shares at least one fingerprint.
 * 3. Round template: a fingerprint in more than `commonShare` of the round's reports marks its
 *    passage as the round's common text; it is left out of that report's figures and reported.
 * 4. `shareIn(a, b)` — exact containment: the share of a's countable letters covered by a shingle
 *    that also occurs in b. Every letter of a verbatim copy is covered; a letter changed in a copy
 *    costs only itself.
 * 5. `sideBySide(a, b)` — shared passages (one-to-one tiling of the two streams), and the differing
 *    spans inside and between them (changed names and numbers), in original-text offsets.
 *
 * @example
 * const a = prepareText(textA), b = prepareText(textB);
 * shareIn(a, b).share; // 0..1 or null when a has too little own text
 */
import { detectNoise, splitLines } from './noise';
import { isCjk, normalize, toOriginal, type Normalized } from './normalize';
import { STANDARD_PATTERNS, STANDARD_PHRASES } from './similarity-standard';

export interface SimilarityOptions {
	/** shingle length in stream letters */
	k: number;
	/** winnowing window (in shingles) */
	window: number;
	/** a fingerprint in more than this share of the round's reports is the round's common text */
	commonShare: number;
	/** the common-text rule applies from this many reports in the round */
	commonMinReports: number;
	/** below this many countable letters a report has no figure (null) */
	minCountable: number;
}

export const SIMILARITY_DEFAULTS: SimilarityOptions = { k: 10, window: 12, commonShare: 0.3, commonMinReports: 5, minCountable: 100 };

/** Why a passage is left out of the figures. */
export type ExclusionReason = 'noise' | 'standard' | 'common';

/** What measuring needs (kept for every report of a round; the display fields are dropped by `lean`). */
export interface Fingerprinted {
	/** number of stream letters */
	length: number;
	/** segment id of each stream letter (shingles never cross segments) */
	seg: Int32Array;
	/** 32-bit shingle hash per stream position (meaningful where `valid`) */
	keys: Int32Array;
	/** 1 where a shingle starts (it fits in its segment) */
	valid: Uint8Array;
	/** the distinct shingle hashes, sorted (membership by binary search) */
	sortedKeys: Int32Array;
	/** winnowed fingerprints: stream positions and their 32-bit hashes */
	fpPos: Int32Array;
	fpHash: Int32Array;
	/** the distinct fingerprint hashes, sorted (what the index stores) */
	fingerprints: Int32Array;
	k: number;
	window: number;
}

export interface PreparedText extends Fingerprinted {
	/** the original text (offsets of every span point into it) */
	original: string;
	nz: Normalized;
	/** stream letters ('#' for a number) */
	stream: string;
	/** normalized [start, end) of each stream letter (a number covers its whole run) */
	from: Int32Array;
	to: Int32Array;
	/** normalized ranges left out before the stream was built */
	excluded: { start: number; end: number; reason: 'noise' | 'standard' }[];
}

const UTF16 = new TextDecoder('utf-16le');
const isLetter = (c: number): boolean => isCjk(c) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
const isDigitCode = (c: number): boolean => c >= 48 && c <= 57;

/** Leading enumerators of headings and rows: 一、 （二） 3. 第四项 */
const ENUM = /^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[）)][、.．]?|\d{1,2}[.、．](?!\d)|第[一二三四五六七八九十\d]{1,3}[部分项条][、：]?)\s*/;
const TRIM_PUNCT = /^[\s：:、，。；.．]+|[\s：:、，。；.．]+$/g;

const phraseSet = new Set(STANDARD_PHRASES);
/** phrases long enough to be standard wherever they occur (short ones only as a whole line or cell) */
const LONG_BY_FIRST = new Map<number, string[]>();
for (const p of STANDARD_PHRASES.filter((x) => x.length >= 8).sort((a, b) => b.length - a.length)) {
	const c = p.charCodeAt(0);
	const l = LONG_BY_FIRST.get(c);
	if (l) l.push(p);
	else LONG_BY_FIRST.set(c, [p]);
}

function stripCell(s: string): string {
	let t = s.trim();
	for (let i = 0; i < 2; i++) t = t.replace(ENUM, '');
	return t.replace(TRIM_PUNCT, '');
}

/** A cell or line that is only numbers, units and punctuation (table figures). */
function onlyFigures(s: string): boolean {
	if (!/\d/.test(s)) return false;
	return !/[\u4e00-\u9fffA-Za-z]/.test(s.replace(/\d+(?:\.\d+)?\s*(?:件|条|个|项|次|万元|元|%)?/g, ''));
}

/** Standard format text of the normalized text: whole lines, table cells, long phrases, prescribed sentences. */
export function standardRanges(text: string): { start: number; end: number }[] {
	const out: { start: number; end: number }[] = [];
	for (const line of splitLines(text)) {
		const t = line.text;
		if (t.trim() === '') continue;
		if (t.includes('|')) {
			// a table row: standard cells (a label of the format, or figures only) are left out
			let pos = line.start;
			const cells = t.split('|');
			for (const c of cells) {
				const s = stripCell(c);
				// the cell with its separators
				if (s !== '' && (phraseSet.has(s) || onlyFigures(s) || /^[\d\s.，,%-]+$/.test(s))) out.push({ start: Math.max(line.start, pos - 1), end: Math.min(line.end, pos + c.length + 1) });
				pos += c.length + 1;
			}
			continue;
		}
		const s = stripCell(t);
		if (phraseSet.has(s) || onlyFigures(s) || /^[\d\s.，,%-]+$/.test(s)) out.push({ start: line.start, end: line.end });
	}
	// long phrases: one pass, candidates by their first character
	for (let i = 0; i < text.length; i++) {
		const ps = LONG_BY_FIRST.get(text.charCodeAt(i));
		if (!ps) continue;
		for (const p of ps) {
			if (text.startsWith(p, i)) {
				out.push({ start: i, end: i + p.length });
				break;
			}
		}
	}
	for (const re of STANDARD_PATTERNS) {
		re.lastIndex = 0;
		let m: RegExpExecArray | null;
		while ((m = re.exec(text))) {
			if (m[0].length === 0) {
				re.lastIndex++;
				continue;
			}
			out.push({ start: m.index, end: m.index + m[0].length });
		}
	}
	return mergeRanges(out);
}

function mergeRanges<T extends { start: number; end: number }>(rs: T[]): T[] {
	const sorted = rs.filter((r) => r.end > r.start).sort((a, b) => a.start - b.start || b.end - a.end);
	const out: T[] = [];
	for (const r of sorted) {
		const last = out[out.length - 1];
		if (last && r.start <= last.end && (last as { reason?: string }).reason === (r as { reason?: string }).reason) {
			if (r.end > last.end) last.end = r.end;
		} else out.push({ ...r });
	}
	return out;
}

// two independent multiplicative rolling hashes (mod 2^32) over the shingle letters
const B1 = 0x01000193;
const B2 = 0x5bd1e995;

/**
 * Prepares one report for comparison (normalize, remove noise and standard text, stream, shingles,
 * winnowed fingerprints). About a millisecond per 10,000 characters.
 */
export function prepareText(original: string, opts: Partial<SimilarityOptions> = {}): PreparedText {
	const o = { ...SIMILARITY_DEFAULTS, ...opts };
	const nz = normalize(original);
	const text = nz.text;
	const lines = splitLines(text);
	const { lineNoise } = detectNoise(lines, text);
	const excluded: PreparedText['excluded'] = [];
	const mask = new Uint8Array(text.length + 1); // 1 noise, 2 standard
	lines.forEach((l, i) => {
		if (!lineNoise[i] || l.end <= l.start) return;
		mask.fill(1, l.start, l.end);
		excluded.push({ start: l.start, end: l.end, reason: 'noise' });
	});
	for (const r of standardRanges(text)) {
		let s = r.start;
		// the standard part of a range (noise lines keep their own reason)
		for (let i = r.start; i <= r.end; i++) {
			if (i === r.end || mask[i] === 1) {
				if (i > s) excluded.push({ start: s, end: i, reason: 'standard' });
				s = i + 1;
			}
		}
		for (let i = r.start; i < r.end; i++) if (mask[i] === 0) mask[i] = 2;
	}

	const n = text.length;
	const streamCodes = new Uint16Array(n);
	const from = new Int32Array(n);
	const to = new Int32Array(n);
	const seg = new Int32Array(n);
	let len = 0;
	let segId = 0;
	let broken = true;
	for (let i = 0; i < n; i++) {
		if (mask[i] !== 0) {
			if (!broken) segId++;
			broken = true;
			continue;
		}
		const c = text.charCodeAt(i);
		if (isDigitCode(c)) {
			let j = i + 1;
			while (j < n && mask[j] === 0 && (isDigitCode(text.charCodeAt(j)) || ((text[j] === '.' || text[j] === ',') && isDigitCode(text.charCodeAt(j + 1))))) j++;
			streamCodes[len] = 0x23;
			from[len] = i;
			to[len] = j;
			seg[len] = segId;
			len++;
			broken = false;
			i = j - 1;
			continue;
		}
		if (!isLetter(c)) continue;
		streamCodes[len] = c >= 0x41 && c <= 0x5a ? c + 32 : c;
		from[len] = i;
		to[len] = i + 1;
		seg[len] = segId;
		len++;
		broken = false;
	}
	const stream = UTF16.decode(streamCodes.subarray(0, len));
	const k = o.k;
	const valid = new Uint8Array(len);
	const hashes = new Int32Array(len);
	for (let i = 0; i + k <= len; i++) {
		if (seg[i] !== seg[i + k - 1]) continue;
		let h1 = 0x811c9dc5 | 0;
		for (let j = i; j < i + k; j++) h1 = (Math.imul(h1 ^ streamCodes[j], B1) + B2) | 0;
		// a finalizer (murmur3's) spreads the bits, so that winnowing's minimum is unbiased
		h1 ^= h1 >>> 16;
		h1 = Math.imul(h1, 0x85ebca6b);
		h1 ^= h1 >>> 13;
		h1 = Math.imul(h1, 0xc2b2ae35);
		h1 ^= h1 >>> 16;
		hashes[i] = h1 | 0;
		valid[i] = 1;
	}
	// winnowing over each run of consecutive shingles: the rightmost minimum of every window
	const fpPos: number[] = [];
	const w = o.window;
	let i = 0;
	while (i < len) {
		if (!valid[i]) {
			i++;
			continue;
		}
		let j = i;
		while (j < len && valid[j]) j++;
		// shingles i..j-1 form a run
		let last = -1;
		if (j - i <= w) {
			let best = i;
			for (let t = i; t < j; t++) if ((hashes[t] >>> 0) <= (hashes[best] >>> 0)) best = t;
			fpPos.push(best);
		} else {
			for (let s = i; s + w <= j; s++) {
				let best = s;
				for (let t = s; t < s + w; t++) if ((hashes[t] >>> 0) <= (hashes[best] >>> 0)) best = t;
				if (best !== last) {
					fpPos.push(best);
					last = best;
				}
			}
		}
		i = j;
	}
	const fpHash = Int32Array.from(fpPos, (p) => hashes[p]);
	const fingerprints = uniqueSorted(Int32Array.from(fpHash).sort());
	const sortedKeys = uniqueSorted(hashes.filter((_, x) => valid[x] === 1).sort());
	return {
		length: len,
		original,
		nz,
		stream,
		from: from.slice(0, len),
		to: to.slice(0, len),
		seg: seg.slice(0, len),
		keys: hashes,
		valid,
		sortedKeys,
		fpPos: Int32Array.from(fpPos),
		fpHash,
		fingerprints,
		excluded: mergeRanges(excluded),
		k,
		window: w
	};
}

function uniqueSorted(a: Int32Array): Int32Array {
	let n = 0;
	for (let i = 0; i < a.length; i++) if (i === 0 || a[i] !== a[i - 1]) a[n++] = a[i];
	return a.subarray(0, n);
}

/** Only what measuring needs (a round of thousands of reports keeps these). */
export function lean(p: PreparedText): Fingerprinted {
	return { length: p.length, seg: p.seg, keys: p.keys, valid: p.valid, sortedKeys: p.sortedKeys, fpPos: p.fpPos, fpHash: p.fpHash, fingerprints: p.fingerprints, k: p.k, window: p.window };
}

function intersect(x: Int32Array, y: Int32Array): Set<number> {
	const out = new Set<number>();
	let i = 0;
	let j = 0;
	while (i < x.length && j < y.length) {
		const a = x[i];
		const b = y[j];
		if (a === b) {
			out.add(a);
			i++;
			j++;
		} else if (a < b) i++;
		else j++;
	}
	return out;
}

/** The fingerprints shared by more than the common share of a round's reports (the round's template). */
export function commonFingerprints(docFreq: ReadonlyMap<number, number>, reportCount: number, opts: Partial<SimilarityOptions> = {}): Set<number> {
	const o = { ...SIMILARITY_DEFAULTS, ...opts };
	const out = new Set<number>();
	if (reportCount < o.commonMinReports) return out;
	// never fewer than 3 reports: a passage two agencies share is exactly what we look for
	const min = Math.max(3, Math.floor(o.commonShare * reportCount) + 1);
	for (const [h, df] of docFreq) if (df >= min) out.add(h);
	return out;
}

/**
 * Stream positions of `p` that belong to the round's common text: the shingles of common
 * fingerprints, and what lies between two of them within one winnowing window (a shared passage
 * has a fingerprint at least every W shingles).
 */
export function commonMask(p: Fingerprinted, common: ReadonlySet<number> | null | undefined): Uint8Array {
	const len = p.length;
	const m = new Uint8Array(len);
	if (!common || common.size === 0) return m;
	let prev = -1;
	for (let x = 0; x < p.fpPos.length; x++) {
		const pos = p.fpPos[x];
		if (!common.has(p.fpHash[x])) continue;
		const startFill = prev >= 0 && pos - prev <= p.window && p.seg[prev] === p.seg[pos] ? prev : pos;
		m.fill(1, startFill, Math.min(len, pos + p.k));
		prev = pos;
	}
	return m;
}

/** Letters of `p` that count: in a segment long enough for a shingle, and not the round's common text. */
function countableMask(p: Fingerprinted, common: Uint8Array): Uint8Array {
	const len = p.length;
	const c = new Uint8Array(len);
	let s = 0;
	for (let i = 0; i <= len; i++) {
		if (i === len || (i > s && p.seg[i] !== p.seg[s])) {
			if (i - s >= p.k) for (let t = s; t < i; t++) if (!common[t]) c[t] = 1;
			s = i;
		}
	}
	return c;
}

export interface ShareResult {
	/** covered ÷ countable, or null when the report has fewer than `minCountable` countable letters */
	share: number | null;
	covered: number;
	countable: number;
	/** letters of the round's common text left out */
	commonLetters: number;
}

/**
 * Exact containment: the share of `a`'s own text (noise, standard text and the round's common text
 * left out) found in `b`.
 * @example shareIn(prepareText(copy), prepareText(source)).share // ≈ 1 for a copy
 */
export function shareIn(a: Fingerprinted, b: Fingerprinted, aCommon?: Uint8Array, opts: Partial<SimilarityOptions> = {}): ShareResult {
	const o = { ...SIMILARITY_DEFAULTS, ...opts };
	const len = a.length;
	const common = aCommon ?? new Uint8Array(len);
	const countable = countableMask(a, common);
	let total = 0;
	let commonLetters = 0;
	for (let i = 0; i < len; i++) {
		total += countable[i];
		commonLetters += common[i];
	}
	// the shingles both hold: one merge of the two sorted lists, then a small set
	const shared = intersect(a.sortedKeys, b.sortedKeys);
	let covered = 0;
	let until = -1; // letters before this position are already counted
	for (let i = 0; shared.size > 0 && i < len; i++) {
		if (!a.valid[i] || !shared.has(a.keys[i])) continue;
		const end = i + a.k;
		for (let t = Math.max(i, until); t < end; t++) covered += countable[t];
		if (end > until) until = end;
	}
	return { share: total >= o.minCountable ? covered / total : null, covered, countable: total, commonLetters };
}

/** Shared (and differing) passages of two reports, in original offsets of each. */
export type MarkKind = 'shared' | 'changed' | 'noise' | 'standard' | 'common';

export interface Mark {
	start: number;
	end: number;
	kind: MarkKind;
}

export interface SideBySide {
	a: Mark[];
	b: Mark[];
	aInB: ShareResult;
	bInA: ShareResult;
	/** the passages shared by both (original offsets in a and b), in a's order */
	passages: { a: { start: number; end: number }; b: { start: number; end: number }; letters: number }[];
}

interface Tile {
	a: number;
	b: number;
	len: number;
}

/** One-to-one tiling of the two streams by maximal matches of at least K letters, longest first. */
function tiles(a: PreparedText, b: PreparedText): Tile[] {
	const occ = new Map<number, number[]>();
	for (let j = 0; j < b.length; j++) {
		if (!b.valid[j]) continue;
		const key = b.keys[j];
		const l = occ.get(key);
		if (!l) occ.set(key, [j]);
		else if (l.length < 16) l.push(j);
	}
	const sa = a.stream;
	const sb = b.stream;
	const cand: Tile[] = [];
	for (let i = 0; i < a.length; i++) {
		if (!a.valid[i]) continue;
		const key = a.keys[i];
		const js = occ.get(key);
		if (!js) continue;
		for (const j of js) {
			// only maximal starts
			if (i > 0 && j > 0 && a.seg[i - 1] === a.seg[i] && b.seg[j - 1] === b.seg[j] && sa[i - 1] === sb[j - 1]) continue;
			let L = 0;
			while (i + L < sa.length && j + L < sb.length && sa[i + L] === sb[j + L] && a.seg[i + L] === a.seg[i] && b.seg[j + L] === b.seg[j]) L++;
			if (L >= a.k) cand.push({ a: i, b: j, len: L });
		}
	}
	cand.sort((x, y) => y.len - x.len || x.a - y.a);
	const usedA = new Uint8Array(sa.length);
	const usedB = new Uint8Array(sb.length);
	const out: Tile[] = [];
	for (const t of cand) {
		let s = -1;
		for (let d = 0; d <= t.len; d++) {
			const free = d < t.len && !usedA[t.a + d] && !usedB[t.b + d];
			if (free && s < 0) s = d;
			if (!free && s >= 0) {
				if (d - s >= a.k) {
					out.push({ a: t.a + s, b: t.b + s, len: d - s });
					usedA.fill(1, t.a + s, t.a + d);
					usedB.fill(1, t.b + s, t.b + d);
				}
				s = -1;
			}
		}
	}
	return out.sort((x, y) => x.a - y.a);
}

/** Normalized text of a stream range [i, j) of p. */
const slice = (p: PreparedText, i: number, j: number): string => p.nz.text.slice(p.from[i], p.to[j - 1]);

function origRange(p: PreparedText, i: number, j: number): { start: number; end: number } {
	return toOriginal(p.nz, p.from[i], p.to[j - 1]);
}

/** The differing letters of two short stream spans: equal lengths compare letter by letter; else the common ends are trimmed. */
function diffSpans(a: PreparedText, ai: number, aj: number, b: PreparedText, bi: number, bj: number, outA: Mark[], outB: Mark[]): void {
	const la = aj - ai;
	const lb = bj - bi;
	const same = (x: number, y: number): boolean => a.stream[x] === b.stream[y] && slice(a, x, x + 1) === slice(b, y, y + 1);
	if (la === lb) {
		let s = -1;
		for (let d = 0; d <= la; d++) {
			const differs = d < la && !same(ai + d, bi + d);
			if (differs && s < 0) s = d;
			if (!differs && s >= 0) {
				outA.push({ ...origRange(a, ai + s, ai + d), kind: 'changed' });
				outB.push({ ...origRange(b, bi + s, bi + d), kind: 'changed' });
				s = -1;
			}
		}
		return;
	}
	let p = 0;
	while (p < la && p < lb && same(ai + p, bi + p)) p++;
	let q = 0;
	while (q < la - p && q < lb - p && same(aj - 1 - q, bj - 1 - q)) q++;
	if (aj - q > ai + p) outA.push({ ...origRange(a, ai + p, aj - q), kind: 'changed' });
	if (bj - q > bi + p) outB.push({ ...origRange(b, bi + p, bj - q), kind: 'changed' });
}

/** Longest span between two shared passages still read as a substitution (a changed name). */
const MAX_CHANGE = 12;

/**
 * The side-by-side view of two reports: the shared passages, and inside and between them the
 * spans that differ (a changed name between two shared passages, a changed number inside one);
 * what was left out (noise, standard text, the round's common text) is marked with its reason.
 */
export function sideBySide(a: PreparedText, b: PreparedText, commonA?: ReadonlySet<number> | null, commonB?: ReadonlySet<number> | null): SideBySide {
	const maskA = commonMask(a, commonA);
	const maskB = commonMask(b, commonB);
	const aInB = shareIn(a, b, maskA);
	const bInA = shareIn(b, a, maskB);
	const ts = tiles(a, b);
	const marksA: Mark[] = [];
	const marksB: Mark[] = [];
	const passages: SideBySide['passages'] = [];
	for (const t of ts) {
		const ra = origRange(a, t.a, t.a + t.len);
		const rb = origRange(b, t.b, t.b + t.len);
		marksA.push({ ...ra, kind: 'shared' });
		marksB.push({ ...rb, kind: 'shared' });
		passages.push({ a: ra, b: rb, letters: t.len });
		// numbers folded to '#' may differ inside a shared passage
		for (let d = 0; d < t.len; d++) {
			if (a.stream[t.a + d] !== '#') continue;
			const x = slice(a, t.a + d, t.a + d + 1);
			const y = slice(b, t.b + d, t.b + d + 1);
			if (x !== y) {
				marksA.push({ ...origRange(a, t.a + d, t.a + d + 1), kind: 'changed' });
				marksB.push({ ...origRange(b, t.b + d, t.b + d + 1), kind: 'changed' });
			}
		}
	}
	// between two passages that follow each other in both texts: a short differing span is a change
	for (let x = 0; x + 1 < ts.length; x++) {
		const t1 = ts[x];
		const t2 = ts[x + 1];
		const ga = t2.a - (t1.a + t1.len);
		const gb = t2.b - (t1.b + t1.len);
		if (ga <= 0 || gb <= 0 || ga > MAX_CHANGE || gb > MAX_CHANGE) continue;
		if (a.seg[t1.a + t1.len - 1] !== a.seg[t2.a] || b.seg[t1.b + t1.len - 1] !== b.seg[t2.b]) continue;
		diffSpans(a, t1.a + t1.len, t2.a, b, t1.b + t1.len, t2.b, marksA, marksB);
	}
	// a short differing span between the start (or end) of a segment and a shared passage, on both sides
	const segEdge = (p: PreparedText, i: number, dir: -1 | 1): number => {
		let x = i;
		while (x + dir >= 0 && x + dir < p.stream.length && p.seg[x + dir] === p.seg[i]) x += dir;
		return x;
	};
	for (let x = 0; x < ts.length; x++) {
		const t = ts[x];
		// before: nothing shared between the segment start and this passage, on either side
		const sa = segEdge(a, t.a, -1);
		const sb = segEdge(b, t.b, -1);
		const prevA = x > 0 ? ts[x - 1].a + ts[x - 1].len : -1;
		const ga = t.a - sa;
		const gb = t.b - sb;
		if (ga > 0 && gb > 0 && ga <= MAX_CHANGE && gb <= MAX_CHANGE && prevA <= sa && !ts.some((u) => u.b < t.b && u.b + u.len > sb))
			diffSpans(a, sa, t.a, b, sb, t.b, marksA, marksB);
		// after: up to the segment end
		const ea = segEdge(a, t.a + t.len - 1, 1) + 1;
		const eb = segEdge(b, t.b + t.len - 1, 1) + 1;
		const nextA = x + 1 < ts.length ? ts[x + 1].a : Infinity;
		const ha = ea - (t.a + t.len);
		const hb = eb - (t.b + t.len);
		if (ha > 0 && hb > 0 && ha <= MAX_CHANGE && hb <= MAX_CHANGE && nextA >= ea && !ts.some((u) => u.b >= t.b + t.len && u.b < eb))
			diffSpans(a, t.a + t.len, ea, b, t.b + t.len, eb, marksA, marksB);
	}
	const excl = (p: PreparedText, mask: Uint8Array, out: Mark[]): void => {
		for (const e of p.excluded) out.push({ ...toOriginal(p.nz, e.start, e.end), kind: e.reason });
		let s = -1;
		for (let i = 0; i <= mask.length; i++) {
			const on = i < mask.length && mask[i] === 1;
			if (on && s < 0) s = i;
			if (!on && s >= 0) {
				out.push({ ...origRange(p, s, i), kind: 'common' });
				s = -1;
			}
		}
	};
	excl(a, maskA, marksA);
	excl(b, maskB, marksB);
	return { a: flatten(marksA), b: flatten(marksB), aInB, bInA, passages };
}

const PRECEDENCE: Record<MarkKind, number> = { noise: 5, standard: 4, common: 3, changed: 2, shared: 1 };

/** Non-overlapping marks in text order; where marks overlap the higher precedence wins. */
export function flatten(marks: Mark[]): Mark[] {
	const points = new Set<number>();
	for (const m of marks) {
		points.add(m.start);
		points.add(m.end);
	}
	const xs = [...points].sort((a, b) => a - b);
	const out: Mark[] = [];
	// sweep: for each elementary interval pick the strongest covering mark
	const sorted = [...marks].sort((a, b) => a.start - b.start);
	const active: Mark[] = [];
	let next = 0;
	for (let x = 0; x + 1 < xs.length; x++) {
		const s = xs[x];
		const e = xs[x + 1];
		while (next < sorted.length && sorted[next].start <= s) active.push(sorted[next++]);
		let best: Mark | null = null;
		for (let y = active.length - 1; y >= 0; y--) {
			const m = active[y];
			if (m.end <= s) {
				active.splice(y, 1);
				continue;
			}
			if (!best || PRECEDENCE[m.kind] > PRECEDENCE[best.kind]) best = m;
		}
		if (!best) continue;
		const last = out[out.length - 1];
		if (last && last.kind === best.kind && last.end === s) last.end = e;
		else out.push({ start: s, end: e, kind: best.kind });
	}
	return out;
}

/** Excluded text of a report, grouped by reason, for display (original offsets, letters per reason). */
export function exclusionSummary(p: PreparedText, common?: ReadonlySet<number> | null): { reason: ExclusionReason; letters: number; passages: { start: number; end: number }[] }[] {
	const mask = commonMask(p, common);
	const counts: Record<ExclusionReason, { letters: number; passages: { start: number; end: number }[] }> = {
		noise: { letters: 0, passages: [] },
		standard: { letters: 0, passages: [] },
		common: { letters: 0, passages: [] }
	};
	const lettersIn = (s: string): number => {
		let n = 0;
		for (let i = 0; i < s.length; i++) if (isLetter(s.charCodeAt(i))) n++;
		return n;
	};
	for (const e of p.excluded) {
		counts[e.reason].letters += lettersIn(p.nz.text.slice(e.start, e.end));
		counts[e.reason].passages.push(toOriginal(p.nz, e.start, e.end));
	}
	let s = -1;
	for (let i = 0; i <= mask.length; i++) {
		const on = i < mask.length && mask[i] === 1;
		if (on && s < 0) s = i;
		if (!on && s >= 0) {
			counts.common.letters += i - s;
			counts.common.passages.push(origRange(p, s, i));
			s = -1;
		}
	}
	return (['standard', 'common', 'noise'] as const).map((reason) => ({ reason, ...counts[reason] })).filter((x) => x.letters > 0);
}

export interface RoundItem {
	id: number;
	/** reports of one agency are never each other's "other agency" */
	agency: number | string | null;
	prepared: Fingerprinted;
}

export interface RoundFigures {
	id: number;
	/** the closest report of another agency, with the share of this report found in it */
	peer: { id: number; share: number } | null;
	/** letters of this report left out as the round's common text */
	commonLetters: number;
	countable: number;
}

/**
 * Every report of a round against the others of other agencies, through an inverted index of the
 * fingerprints (never pair by pair): candidates share fingerprints that are not the round's common
 * text and are rare (in at most `maxDf` reports); the best candidates get the exact share.
 * @example compareRound(items).find((f) => f.peer && f.peer.share >= 0.6)
 */
export function compareRound(items: readonly RoundItem[], opts: Partial<SimilarityOptions> & { maxDf?: number; candidates?: number } = {}): { figures: RoundFigures[]; common: Set<number> } {
	const maxDf = opts.maxDf ?? 64;
	const keep = opts.candidates ?? 4;
	const df = new Map<number, number>();
	for (const it of items) for (const h of it.prepared.fingerprints) df.set(h, (df.get(h) ?? 0) + 1);
	const common = commonFingerprints(df, items.length, opts);
	// postings of the useful fingerprints, as flat arrays (hash order)
	const post = new Map<number, number[]>();
	items.forEach((it, idx) => {
		for (const h of it.prepared.fingerprints) {
			const d = df.get(h) ?? 0;
			if (d < 2 || d > maxDf || common.has(h)) continue;
			const l = post.get(h);
			if (l) l.push(idx);
			else post.set(h, [idx]);
		}
	});
	const counts = new Int32Array(items.length);
	const figures: RoundFigures[] = [];
	items.forEach((it, idx) => {
		const touched: number[] = [];
		for (const h of it.prepared.fingerprints) {
			const l = post.get(h);
			if (!l) continue;
			for (const o of l) {
				if (o === idx) continue;
				if (counts[o] === 0) touched.push(o);
				counts[o]++;
			}
		}
		// the `keep` candidates sharing most fingerprints (a partial selection, not a sort), at least 3 each
		const others: number[] = [];
		for (const o of touched) {
			if (counts[o] < 3 || (it.agency != null && items[o].agency === it.agency)) continue;
			if (others.length < keep) others.push(o);
			else {
				let min = 0;
				for (let q = 1; q < others.length; q++) if (counts[others[q]] < counts[others[min]]) min = q;
				if (counts[o] > counts[others[min]]) others[min] = o;
			}
		}
		others.sort((x, y) => counts[y] - counts[x]);
		for (const o of touched) counts[o] = 0;
		const mask = commonMask(it.prepared, common);
		let best: RoundFigures['peer'] = null;
		let res: ShareResult | null = null;
		for (const o of others) {
			const r = shareIn(it.prepared, items[o].prepared, mask, opts);
			res ??= r;
			if (r.share !== null && (!best || r.share > best.share)) best = { id: items[o].id, share: r.share };
		}
		if (!res) res = shareIn(it.prepared, it.prepared, mask, opts);
		figures.push({ id: it.id, peer: best, commonLetters: res.commonLetters, countable: res.countable });
	});
	return { figures, common };
}

/**
 * A rubric rule can call this (issue 16): points off when the share of a report found in the
 * agency's previous report exceeds the threshold. No figure (null) never deducts.
 * @example reuseDeduction(0.72, { threshold: 0.5, points: 0.5 }) // { fires: true, points: 0.5 }
 */
export function reuseDeduction(share: number | null | undefined, rule: { threshold: number; points: number }): { fires: boolean; points: number } {
	const fires = share != null && share > rule.threshold;
	return { fires, points: fires ? rule.points : 0 };
}
