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
