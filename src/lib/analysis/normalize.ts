/**
 * Normalization for matching, with an offset map back to the original text.
 *
 * - traditional/variant → simplified characters (character level, see t2s.ts)
 * - full-width digits, Latin letters, `%` `.` etc. → ASCII; ideographic/no-break space → space
 * - ASCII `(` `)` `,` `;` `:` `!` `?` → Chinese `（` `）` `，` `；` `：` `！` `？`, so rules only
 *   need one form (a comma or colon between two digits stays ASCII: 1,000 / 10:08)
 * - Kangxi radicals (U+2F00–U+2FD5), CJK radicals supplement (U+2E80–U+2EF3) and CJK
 *   compatibility ideographs → unified ideographs
 * - inline pinyin after a character removed: 監(jiān)督 → 监督
 * - a mis-decoded sentence end (`權?,F將`) becomes `。`; `\r` is dropped
 *
 * Every normalized UTF-16 unit records the original [start, end) it came from.
 */
import { t2sMap, simplifiedOnly } from './t2s';

export interface Normalized {
	text: string;
	/** original start offset of each normalized unit (length text.length + 1; last = original length) */
	starts: Int32Array;
	/** original end offset of each normalized unit */
	ends: Int32Array;
	script: 'simplified' | 'traditional' | 'mixed';
}

/** CJK radicals supplement → unified ideograph (those with a clear equivalent). */
const RADICALS_SUPPLEMENT: Record<number, string> = {
	0x2e81: '厂', 0x2e84: '乙', 0x2e86: '冂', 0x2e87: '几', 0x2e88: '刀', 0x2e89: '刂', 0x2e8a: '卜',
	0x2e8b: '卩', 0x2e8c: '小', 0x2e8d: '小', 0x2e8e: '尢', 0x2e8f: '尣', 0x2e90: '尢', 0x2e92: '巳',
	0x2e93: '幺', 0x2e94: '彑', 0x2e95: '彐', 0x2e96: '忄', 0x2e97: '心', 0x2e98: '扌', 0x2e99: '攵',
	0x2e9b: '旡', 0x2e9c: '日', 0x2e9d: '月', 0x2e9e: '歺', 0x2e9f: '母', 0x2ea0: '民', 0x2ea1: '氵',
	0x2ea2: '氺', 0x2ea3: '灬', 0x2ea4: '爫', 0x2ea5: '爫', 0x2ea6: '丬', 0x2ea7: '牛', 0x2ea8: '犭',
	0x2ea9: '王', 0x2eaa: '疋', 0x2eab: '罒', 0x2eac: '示', 0x2ead: '礻', 0x2eae: '竹', 0x2eaf: '糸',
	0x2eb0: '纟', 0x2eb1: '罓', 0x2eb2: '罒', 0x2eb3: '网', 0x2eb4: '网', 0x2eb5: '网', 0x2eb6: '羊',
	0x2eb7: '羊', 0x2eb8: '羊', 0x2eb9: '耂', 0x2eba: '肀', 0x2ebb: '聿', 0x2ebc: '月', 0x2ebd: '臼',
	0x2ebe: '艹', 0x2ebf: '艹', 0x2ec0: '艹', 0x2ec1: '虎', 0x2ec2: '衤', 0x2ec3: '覀', 0x2ec4: '西',
	0x2ec5: '见', 0x2ec6: '角', 0x2ec7: '角', 0x2ec8: '讠', 0x2ec9: '贝', 0x2ecb: '车', 0x2ecc: '辶',
	0x2ecd: '辶', 0x2ece: '辶', 0x2ecf: '阝', 0x2ed0: '钅', 0x2ed1: '长', 0x2ed2: '镸', 0x2ed3: '长',
	0x2ed4: '门', 0x2ed6: '阝', 0x2ed7: '雨', 0x2ed8: '青', 0x2ed9: '韦', 0x2eda: '页', 0x2edb: '风',
	0x2edc: '飞', 0x2edd: '食', 0x2edf: '食', 0x2ee0: '饣', 0x2ee1: '首', 0x2ee2: '马', 0x2ee3: '骨',
	0x2ee4: '鬼', 0x2ee5: '鱼', 0x2ee6: '鸟', 0x2ee7: '卤', 0x2ee8: '麦', 0x2ee9: '黄', 0x2eea: '黾',
	0x2eeb: '齐', 0x2eec: '齐', 0x2eed: '齿', 0x2eee: '齿', 0x2eef: '龙', 0x2ef0: '龙', 0x2ef1: '龟',
	0x2ef2: '龟', 0x2ef3: '龟'
};

/** Full-width punctuation kept as is (the Chinese forms the rules use). */
const KEEP_FULLWIDTH = new Set([0xff0c, 0xff08, 0xff09, 0xff1a, 0xff1b, 0xff01, 0xff1f]);
const ASCII_TO_CN: Record<string, string> = { '(': '（', ')': '）', ',': '，', ';': '；', ':': '：', '!': '！', '?': '？' };
const PINYIN = /^[（(]([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ]{1,7})[)）]/;
const TONED = /[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹ]/;
const SYLLABLE = /^(?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?[aeiouüv]{1,3}(?:n|ng|r)?[1-5]?$/;
const MOJIBAKE_END = /^\?[,.A-Za-z]{1,3}(?=[\u4e00-\u9fff])/;

export function isCjk(code: number): boolean {
	return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf);
}
/** UTF-16 code units → string in one call (lone surrogates become U+FFFD, one unit each). */
const UTF16 = new TextDecoder('utf-16le');

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/**
 * BMP lookup tables built once: MAP[c] = replacement code unit (0 = unchanged, 0xFFFF = look in
 * t2sMap, the target is not a single BMP unit); FLAG[c] = 1 traditional, 2 simplified-only.
 */
const MAP = new Uint16Array(0x10000);
const FLAG = new Uint8Array(0x10000);
(() => {
	for (let c = 0xff01; c <= 0xff5e; c++) if (!KEEP_FULLWIDTH.has(c)) MAP[c] = c - 0xfee0;
	for (const c of [0x3000, 0xa0, 0x2002, 0x2003, 0x2009]) MAP[c] = 0x20;
	for (let c = 0x2f00; c <= 0x2fd5; c++) MAP[c] = String.fromCharCode(c).normalize('NFKC').charCodeAt(0);
	for (const [k, v] of Object.entries(RADICALS_SUPPLEMENT)) MAP[Number(k)] = v.charCodeAt(0);
	for (let c = 0xf900; c <= 0xfaff; c++) {
		const nf = String.fromCharCode(c).normalize('NFC');
		if (nf.length === 1 && nf.charCodeAt(0) !== c) MAP[c] = nf.charCodeAt(0);
	}
	for (const [k, v] of t2sMap) {
		if (k.length !== 1) continue;
		const kc = k.charCodeAt(0);
		MAP[kc] = v.length === 1 ? v.charCodeAt(0) : 0xffff;
		FLAG[kc] = 1;
	}
	for (const k of simplifiedOnly) if (k.length === 1 && FLAG[k.charCodeAt(0)] === 0) FLAG[k.charCodeAt(0)] = 2;
	for (const [k, v] of Object.entries(ASCII_TO_CN)) MAP[k.charCodeAt(0)] = v.charCodeAt(0);
})();

/**
 * Normalize `original` for matching. Example: normalize('監(jiān)督，第１次').text === '监督，第1次'.
 */
export function normalize(original: string): Normalized {
	const n = original.length;
	// every input unit yields at most two output units, so no growth is ever needed; no closure
	// over these variables either (it would force slow context slots in the hot loop)
	const buf = new Uint16Array(2 * n + 2);
	const starts = new Int32Array(2 * n + 3);
	const ends = new Int32Array(2 * n + 3);
	let len = 0;
	let trad = 0;
	let simp = 0;
	let prevCjk = false;
	let i = 0;
	while (i < n) {
		const code = original.charCodeAt(i);
		if (code === 0x0d) {
			i++;
			continue;
		}
		if (code >= 0xd800 && code <= 0xdbff && i + 1 < n) {
			// a supplementary character: copy (or map) both units
			const ch = original.slice(i, i + 2);
			const mapped = t2sMap.get(ch) ?? ch;
			for (let k = 0; k < mapped.length && k < 2; k++) {
				buf[len] = mapped.charCodeAt(k);
				starts[len] = i;
				ends[len] = i + 2;
				len++;
			}
			prevCjk = true;
			i += 2;
			continue;
		}
		if (prevCjk && (code === 0x28 || code === 0xff08)) {
			const m = PINYIN.exec(original.slice(i, i + 10));
			if (m && (TONED.test(m[1]) || SYLLABLE.test(m[1]))) {
				i += m[0].length;
				continue;
			}
		}
		if (code === 0x3f && prevCjk) {
			const m = MOJIBAKE_END.exec(original.slice(i, i + 6));
			if (m) {
				buf[len] = 0x3002;
				starts[len] = i;
				ends[len] = i + m[0].length;
				len++;
				i += m[0].length;
				prevCjk = false;
				continue;
			}
		}
		let out = code;
		const mc = MAP[code];
		if (mc !== 0) {
			const keepAscii = (code === 0x2c || code === 0x3a) && len > 0 && isDigit(buf[len - 1]) && isDigit(original.charCodeAt(i + 1));
			if (keepAscii) out = code;
			else if (mc === 0xffff) {
				// a BMP character whose simplified form is a surrogate pair
				const mapped = t2sMap.get(original[i]) ?? original[i];
				if (mapped.length === 2) {
					buf[len] = mapped.charCodeAt(0);
					starts[len] = i;
					ends[len] = i + 1;
					len++;
				}
				out = mapped.charCodeAt(mapped.length - 1);
			} else out = mc;
		}
		const f = FLAG[code];
		if (f === 1) trad++;
		else if (f === 2) simp++;
		buf[len] = out;
		starts[len] = i;
		ends[len] = i + 1;
		len++;
		prevCjk = (out >= 0x4e00 && out <= 0x9fff) || (out >= 0x3400 && out <= 0x4dbf);
		i++;
	}
	starts[len] = n;
	ends[len] = n;
	const text = UTF16.decode(buf.subarray(0, len));
	const total = trad + simp;
	let script: Normalized['script'] = 'simplified';
	if (total > 0) {
		const r = trad / total;
		if (r >= 0.8 && trad >= 3) script = 'traditional';
		else if (r > 0.2 && trad >= 3) script = 'mixed';
	}
	return { text, starts: starts.subarray(0, len + 1), ends: ends.subarray(0, len + 1), script };
}

/** Map a normalized [start, end) range to the original [start, end). */
export function toOriginal(nz: Normalized, start: number, end: number): { start: number; end: number } {
	const s = Math.max(0, Math.min(start, nz.text.length));
	const e = Math.max(s, Math.min(end, nz.text.length));
	if (e === s) return { start: nz.starts[s], end: nz.starts[s] };
	return { start: nz.starts[s], end: nz.ends[e - 1] };
}

// ---- layout: hard-wrapped lines and headings inside a line -------------------------------------

/** A page number on a line of its own: - 1 -, —2—, 第3页, 第3页共9页, 3/9. */
export const PAGE_NUMBER_LINE = /^\s*(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4})\s*$/;
/** A line that opens with a numbered heading (then it starts a new paragraph). */
const HEADING_OPEN = /^\s*(?:[一二三四五六七八九十]{1,3}\s*[、．.]|[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[）)]|\d{1,2}\s*[、．.](?!\d)|第[一二三四五六七八九十]{1,3}部分|[一二三四五六七八九十]是|其[一二三四五六七八九十][，、：]|第[一二三四五六七八九十]{1,2}[，、：])/;
/** A line ending with these ends its paragraph (a colon ends the lead-in of a list). */
const PARAGRAPH_END = /[。！？：；]$|[。！？][”’）)」』]$/;
/**
 * A numbered heading standing inside a line, right after a sentence ends (…取得新进展。一、基本情况…).
 * Enumerators (一是, 第一，) only after a full stop; numbers must not continue (1.5万).
 */
const INLINE_HEADING =
	/(?:[。！？][”’）)」』]?|年度报告|工作报告|自查报告|工作总结)[ \t]*(?=[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|[（(]\d{1,2}[）)]|\d{1,2}[、．.](?!\d)[\u4e00-\u9fff])/g;
/** enumerators (一是, 第一，) start a line only in a very long line (a page that lost every break) */
const INLINE_ENUMERATOR = /[。！？][”’）)」』]?[ \t]*(?=[一二三四五六七八九十]是[\u4e00-\u9fff]|第[一二三四五六七八九十]{1,2}[，、：])/g;
const ENUMERATOR_LINE = 300;
/** Where a heading's title ends and its content begins when no punctuation separates them (一、基本情况2020年，…). */
const TITLE_CONTENT = /(?:\d{4}\s*年|[一二三四五六七八九十]是|[（(][一二三四五六七八九十\d]{1,2}[）)]|我(?:局|区|县|市|旗|盟|办|委|院|厅|部|镇|乡|街道|单位|中心)|本(?:年度|年|单位|机关)|今年|全年|近年来)/;
const TITLE_MARK = /^\s*(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[、．.])/;
const TITLE_STOP = /[。！？；：，]/;

/** a table-like line (label and figures): never joined to the next */
const tableLike = (s: string): boolean => (s.match(/\d+/g)?.length ?? 0) >= 3 && /\d\s+\d/.test(s);

/**
 * Restore the paragraphs and headings a layout lost, on the normalized text (the offset map is
 * kept, so evidence still points into the original):
 * - hard-wrapped text (PDF exports, copies of them): most lines have about the same width and end
 *   mid-sentence; such a line is joined to the next unless that one opens a heading, and a page
 *   number between them (- 1 -) is dropped;
 * - web copies that lost their line breaks: a line break is put before a numbered heading that
 *   stands inside a line after a sentence end, and after its title when content follows without
 *   punctuation (一、基本情况2020年，… → 一、基本情况 / 2020年，…).
 * `keep` (original offsets) marks tables a decoder gave: their lines are left as they are.
 */
export function reflow(nz: Normalized, keep: readonly { start: number; end: number }[] = []): Normalized {
	const text = nz.text;
	if (text.length === 0) return nz;
	// lines (normalized offsets)
	const ls: number[] = [0];
	for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) ls.push(i + 1);
	const nLines = ls.length;
	const lineEnd = (k: number): number => (k + 1 < nLines ? ls[k + 1] - 1 : text.length);
	const kept = (k: number): boolean => {
		if (keep.length === 0) return false;
		const a = nz.starts[ls[k]];
		const b = nz.starts[lineEnd(k)];
		return keep.some((r) => a < r.end && r.start <= b);
	};
	const kept2 = (a: number, b: number): boolean => keep.length > 0 && keep.some((r) => nz.starts[a] < r.end && r.start <= nz.starts[b]);
	const drop = new Uint8Array(text.length);
	let dropped = 0;
	// 1. hard wraps: widths in one pass (CJK counts 2), lines sliced only when the text looks wrapped
	const widths = new Int32Array(nLines);
	{
		let k = 0;
		let w = 0;
		for (let i = 0; i < text.length; i++) {
			const c = text.charCodeAt(i);
			if (c === 10) {
				widths[k++] = w;
				w = 0;
			} else if (c !== 32 && c !== 9) w += c < 0x2e80 ? 1 : 2;
		}
		widths[k] = w;
	}
	const body: number[] = [];
	for (let k = 0; k < nLines; k++) if (widths[k] >= 20) body.push(widths[k]);
	let lineText: string[] = [];
	if (body.length >= 6) {
		const sorted = body.sort((a, b) => a - b);
		const full = sorted[Math.floor(sorted.length * 0.9)];
		let nFull = 0;
		let open = 0;
		for (let k = 0; k < nLines; k++) {
			if (widths[k] < full * 0.85 || widths[k] > full * 1.1) continue;
			nFull++;
			// the last character that is not a space
			let e = lineEnd(k) - 1;
			while (e > ls[k] && (text.charCodeAt(e) === 32 || text.charCodeAt(e) === 9)) e--;
			if (!PARAGRAPH_END.test(text.slice(Math.max(ls[k], e - 1), e + 1))) open++;
		}
		if (full <= 220 && nFull >= 5 && nFull >= body.length * 0.3 && open >= nFull * 0.6)
			for (let k = 0; k < nLines; k++) lineText.push(text.slice(ls[k], lineEnd(k)).trim());
		else lineText = [];
		const wrapped = lineText.length > 0;
		if (wrapped) {
			for (let k = 0; k + 1 < nLines; k++) {
				const t = lineText[k];
				if (widths[k] < full * 0.8 || PARAGRAPH_END.test(t) || tableLike(t) || kept(k)) continue;
				// the next line with text, across page numbers (and the blank lines around them)
				let j = k + 1;
				let page = false;
				while (j < nLines && (PAGE_NUMBER_LINE.test(lineText[j]) || (lineText[j] === '' && (page || (j + 1 < nLines && PAGE_NUMBER_LINE.test(lineText[j + 1])))))) {
					if (lineText[j] !== '') page = true;
					j++;
				}
				if (j >= nLines || lineText[j] === '' || HEADING_OPEN.test(lineText[j]) || tableLike(lineText[j]) || kept(j)) continue;
				// drop from the end of line k's text to the start of line j's text
				let a = lineEnd(k);
				while (a > ls[k] && /\s/.test(text[a - 1])) a--;
				let b = ls[j];
				while (b < lineEnd(j) && /\s/.test(text[b])) b++;
				// Latin words keep a space between them
				const spaceAt = /[A-Za-z0-9]/.test(text[a - 1] ?? '') && /[A-Za-z0-9]/.test(text[b] ?? '') ? a : -1;
				for (let i = a; i < b; i++) if (i !== spaceAt) drop[i] = 1;
				dropped += b - a - (spaceAt >= 0 ? 1 : 0);
				k = j - 1;
			}
		}
	}
	// 2. headings inside a line (on the text as joined)
	const inserts: number[] = [];
	const scanWith = (re: RegExp, s: string): void => {
		re.lastIndex = 0;
		let m: RegExpExecArray | null;
		while ((m = re.exec(s))) {
			const at = m.index + m[0].length;
			if (m[0].length === 0) re.lastIndex++;
			if (at === 0) continue;
			inserts.push(at);
			// the title's end when its content follows without punctuation
			const mark = TITLE_MARK.exec(s.slice(at, at + 8));
			if (!mark) continue;
			const rest = s.slice(at + mark[0].length, at + mark[0].length + 30);
			const stop = rest.search(TITLE_STOP);
			const c = TITLE_CONTENT.exec(rest);
			if (c && c.index >= 2 && (stop < 0 || c.index < stop)) inserts.push(at + mark[0].length + c.index);
		}
	};
	// only lines long enough to hold several sentences
	if (dropped === 0 && keep.length === 0) {
		// nothing joined: one scan over the whole text, matches kept by the length of their line
		const lineLen = (at: number): number => {
			const a = text.lastIndexOf('\n', at - 1) + 1;
			const b = text.indexOf('\n', at);
			return (b < 0 ? text.length : b) - a;
		};
		scanWith(INLINE_HEADING, text);
		for (let q = inserts.length - 1; q >= 0; q--) if (lineLen(inserts[q]) <= 60) inserts.splice(q, 1);
		if (text.length > ENUMERATOR_LINE) {
			const before = inserts.length;
			scanWith(INLINE_ENUMERATOR, text);
			for (let q = inserts.length - 1; q >= before; q--) if (lineLen(inserts[q]) <= ENUMERATOR_LINE) inserts.splice(q, 1);
		}
	} else segments();
	function segments(): void {
		let segStart = 0;
		let segDrops = false;
		for (let i = 0; i <= text.length; i++) {
			if (i < text.length) {
				if (drop[i]) segDrops = true;
				if (text.charCodeAt(i) !== 10 || drop[i]) continue;
			}
			// [segStart, i) is one line of the joined text
			if (i - segStart > 60 && !kept2(segStart, i)) {
				let s: string;
				let pos: number[] | null = null;
				if (!segDrops) s = text.slice(segStart, i);
				else {
					const parts: string[] = [];
					pos = [];
					for (let p = segStart; p < i; p++)
						if (!drop[p]) {
							parts.push(text[p]);
							pos.push(p);
						}
					s = parts.join('');
				}
				const before = inserts.length;
				scanWith(INLINE_HEADING, s);
				if (s.length > ENUMERATOR_LINE) scanWith(INLINE_ENUMERATOR, s);
				for (let q = before; q < inserts.length; q++) inserts[q] = pos ? (pos[inserts[q]] ?? i) : segStart + inserts[q];
			}
			segStart = i + 1;
			segDrops = false;
		}
	}
	if (dropped === 0 && inserts.length === 0) return nz;
	inserts.sort((a, b) => a - b);
	const outLen = text.length - dropped + inserts.length;
	const starts = new Int32Array(outLen + 1);
	const ends = new Int32Array(outLen + 1);
	const parts: string[] = [];
	let o = 0;
	let q = 0;
	// copy runs of kept units between dropped units and insertion points
	let i = 0;
	while (i <= text.length) {
		while (q < inserts.length && inserts[q] === i) {
			// a zero-width line break before unit i
			parts.push('\n');
			starts[o] = ends[o] = nz.starts[i];
			o++;
			q++;
		}
		if (i === text.length) break;
		if (drop[i]) {
			i++;
			continue;
		}
		let j = i + 1;
		const stop = q < inserts.length ? inserts[q] : text.length;
		while (j < text.length && j < stop && !drop[j]) j++;
		parts.push(text.slice(i, j));
		starts.set(nz.starts.subarray(i, j), o);
		ends.set(nz.ends.subarray(i, j), o);
		o += j - i;
		i = j;
	}
	const out = parts.join('');
	starts[o] = nz.starts[text.length];
	ends[o] = nz.ends[text.length];
	return { text: out, starts: starts.subarray(0, o + 1), ends: ends.subarray(0, o + 1), script: nz.script };
}
