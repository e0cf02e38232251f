/**
 * Bytes of a plain-text (or HTML) file → a JS string, with the encoding named.
 *
 * Order: BOM (UTF-8, UTF-16LE/BE) → UTF-16 without BOM (ASCII-heavy, NULs on one side) → binary
 * check → strict UTF-8 → otherwise score GB18030, Big5 and lenient UTF-8 on a sample and keep the
 * candidate with the fewest U+FFFD and improbable characters (a confident chardet guess breaks ties; chardet
 * alone misdetects short Chinese texts).
 */
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { m } from '../../paraglide/messages.js';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'big5';

export type TextDecodeResult =
	| { ok: true; text: string; encoding: TextEncodingName; warnings: string[] }
	| { ok: false; message: string };

const SAMPLE_BYTES = 256 * 1024;

/** 文件内容无法识别为文字…, in the current request's language (call it when the result is produced). */
export const binaryMessage = (): string => m.ix_binary();

/** Decode bytes that are supposed to be text. */
export function decodeTextBytes(bytes: Uint8Array): TextDecodeResult {
	const bom = decodeByBom(bytes);
	if (bom) return { ok: true, text: bom.text, encoding: bom.encoding, warnings: [] };

	const utf16 = sniffUtf16WithoutBom(bytes);
	if (utf16) {
		return { ok: true, text: decodeWith(bytes, utf16), encoding: utf16, warnings: [m.ix_utf16_no_bom()] };
	}

	if (looksBinary(bytes)) return { ok: false, message: binaryMessage() };

	if (isValidUtf8(bytes)) return { ok: true, text: decodeWith(bytes, 'utf-8'), encoding: 'utf-8', warnings: [] };

	const chosen = guessLegacyEncoding(bytes);
	return { ok: true, text: decodeWith(bytes, chosen.encoding), encoding: chosen.encoding, warnings: chosen.warnings };
}

/** BOM → that encoding (BOM stripped), else null. */
export function decodeByBom(bytes: Uint8Array): { text: string; encoding: TextEncodingName } | null {
	if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
		return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
	}
	if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
		return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
	}
	if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
		return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
	}
	return null;
}

export function decodeWith(bytes: Uint8Array, encoding: TextEncodingName): string {
	if (encoding === 'utf-8' || encoding === 'utf-16le' || encoding === 'utf-16be') {
		return new TextDecoder(encoding).decode(bytes);
	}
	return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);
}

export function isValidUtf8(bytes: Uint8Array): boolean {
	try {
		new TextDecoder('utf-8', { fatal: true }).decode(bytes);
		return true;
	} catch {
		return false;
	}
}

/** ASCII-heavy UTF-16 without BOM: NULs on one byte side only. */
function sniffUtf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
	const n = Math.min(bytes.length, 4096) & ~1;
	if (n < 8) return null;
	let evenZero = 0;
	let oddZero = 0;
	for (let i = 0; i < n; i += 2) {
		if (bytes[i] === 0) evenZero++;
		if (bytes[i + 1] === 0) oddZero++;
	}
	const pairs = n / 2;
	if (oddZero > pairs * 0.3 && evenZero < pairs * 0.02) return 'utf-16le';
	if (evenZero > pairs * 0.3 && oddZero < pairs * 0.02) return 'utf-16be';
	return null;
}

/** NULs or many C0 control bytes (other than tab, LF, FF, CR, ESC) in the sample → binary. */
export function looksBinary(bytes: Uint8Array): boolean {
	const n = Math.min(bytes.length, 64 * 1024);
	let nul = 0;
	let control = 0;
	for (let i = 0; i < n; i++) {
		const b = bytes[i];
		if (b === 0) nul++;
		else if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1b) control++;
	}
	return nul > Math.max(2, n * 0.002) || nul + control > Math.max(8, n * 0.05);
}

type Legacy = 'gb18030' | 'big5' | 'utf-8';

/** Pick among GB18030, Big5 and lenient UTF-8 for bytes that are not valid UTF-8. */
export function guessLegacyEncoding(bytes: Uint8Array): { encoding: Legacy; warnings: string[] } {
	const sample = bytes.subarray(0, SAMPLE_BYTES);
	let scored = (['gb18030', 'big5', 'utf-8'] as const).map((encoding) => ({ encoding, ...scoreText(decodeWith(sample, encoding)) }));
	scored.sort((a, b) => a.score - b.score);
	// chardet is slow (~2 ms/kB) and weak on short texts: ask it only to break a near tie.
	if (scored[1].score - scored[0].score < 0.02) {
		const order = chardetOrder(sample.subarray(0, 16 * 1024));
		const top = scored[0].score;
		const tied = scored.filter((c) => c.score - top < 0.02).sort((a, b) => order.indexOf(a.encoding) - order.indexOf(b.encoding));
		scored = [...tied, ...scored.filter((c) => !tied.includes(c))];
	}
	const best = scored[0];
	const warnings: string[] = [];
	if (best.encoding === 'utf-8' && best.replacement > 0) {
		warnings.push(m.ix_utf8_bad_bytes({ count: best.replacement }));
	}
	if (best.nonAscii < 20 && scored.length > 1 && Math.abs(scored[1].score - best.score) < 0.2) {
		warnings.push(m.ix_encoding_short_text({ encoding: best.encoding }));
	} else if (best.score > 0.3) {
		warnings.push(m.ix_encoding_uncertain({ encoding: best.encoding }));
	}
	return { encoding: best.encoding, warnings };
}

/** Tie order: chardet's CJK guess when it is confident (≥ 50), else GB18030 first (mainland reports). */
function chardetOrder(sample: Uint8Array): Legacy[] {
	const order: Legacy[] = [];
	for (const match of chardet.analyse(sample)) {
		if (match.confidence < 50) continue;
		const name = match.name.toLowerCase();
		const enc: Legacy | null = name === 'gb18030' ? 'gb18030' : name === 'big5' ? 'big5' : null;
		if (enc && !order.includes(enc)) order.push(enc);
	}
	for (const enc of ['gb18030', 'big5', 'utf-8'] as const) if (!order.includes(enc)) order.push(enc);
	return order;
}

let commonHan: Set<number> | null = null;

/**
 * Han characters common in simplified or traditional Chinese: all of GB2312 (6,763) plus Big5
 * level 1 (5,401). Text decoded with the wrong one of GB18030/Big5 lands largely outside this set.
 */
function commonHanSet(): Set<number> {
	if (commonHan) return commonHan;
	const set = new Set<number>();
	const gb: number[] = [];
	for (let lead = 0xb0; lead <= 0xf7; lead++) for (let trail = 0xa1; trail <= 0xfe; trail++) gb.push(lead, trail);
	for (const ch of iconv.decode(Buffer.from(gb), 'gbk')) set.add(ch.codePointAt(0) ?? 0);
	const big5: number[] = [];
	for (let lead = 0xa4; lead <= 0xc6; lead++) {
		for (let trail = 0x40; trail <= 0xfe; trail++) {
			if (trail > 0x7e && trail < 0xa1) continue;
			if (lead === 0xc6 && trail > 0x7e) break;
			big5.push(lead, trail);
		}
	}
	for (const ch of iconv.decode(Buffer.from(big5), 'big5')) set.add(ch.codePointAt(0) ?? 0);
	set.delete(0xfffd);
	commonHan = set;
	return set;
}

/**
 * Lower is more plausible: (3 × U+FFFD + improbable characters) per non-ASCII character.
 * Improbable for Chinese text: PUA, C1 controls, Han outside the common set, kana, Hangul,
 * Bopomofo, Greek/Cyrillic, box drawing, astral characters.
 */
export function scoreText(text: string): { score: number; replacement: number; nonAscii: number } {
	const common = commonHanSet();
	let nonAscii = 0;
	let replacement = 0;
	let improbable = 0;
	for (const ch of text) {
		const cp = ch.codePointAt(0) ?? 0;
		if (cp < 0x80) continue;
		nonAscii++;
		if (cp === 0xfffd) replacement++;
		else if (cp >= 0x4e00 && cp <= 0x9fff) {
			if (!common.has(cp)) improbable++;
		} else if (
			(cp >= 0x80 && cp <= 0x9f) ||
			(cp >= 0x370 && cp <= 0x52f) ||
			(cp >= 0x2500 && cp <= 0x257f) ||
			(cp >= 0x3040 && cp <= 0x30ff) ||
			(cp >= 0x3100 && cp <= 0x312f) ||
			(cp >= 0x3130 && cp <= 0x318f) ||
			(cp >= 0x3400 && cp <= 0x4dbf) ||
			(cp >= 0xac00 && cp <= 0xd7af) ||
			(cp >= 0xe000 && cp <= 0xf8ff) ||
			(cp >= 0xf900 && cp <= 0xfaff) ||
			cp > 0xffff
		) {
			improbable++;
		}
	}
	return { score: (3 * replacement + improbable) / Math.max(1, nonAscii), replacement, nonAscii };
}
