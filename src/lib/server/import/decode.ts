/**
 * Bytes of one uploaded file → text for the analysis engine.
 *
 * Format is sniffed from the CONTENT (the file name's extension is only a hint and a label):
 * PK\x03\x04 → docx (a zip holding word/document.xml) or another zip; %PDF- → pdf; OLE2 → legacy
 * .doc/.wps/.xls (unsupported); PNG/JPEG/GIF/BMP/TIFF/WebP, RAR/7z/gzip, RTF → unsupported;
 * `<html`/`<!doctype`/`<body`/`<div`/`<p`… near the start → html; anything else → text.
 * Expected failures are values (`ok: false` with a code and a message in the request's language,
 * Chinese outside a request); this never throws on content.
 *
 * @example
 *   const r = await decodeFile(bytes, '2023年报.docx');
 *   if (r.ok) analyze(r.text); else showError(r.message);
 */
import type { DocTable } from '../../analysis/types';
import { m } from '../../paraglide/messages.js';
import { htmlToText } from './html-text';
import { extractPdfText, pdfCorruptMessage } from './pdf-text';
import { binaryMessage, decodeByBom, decodeTextBytes, decodeWith, isValidUtf8, type TextEncodingName } from './text-decode';
import { checkArchive, listZipEntryNames } from './zip';

export type DecodeErrorCode = 'unsupported' | 'empty' | 'undecodable' | 'no_text_layer' | 'corrupt' | 'too_large' | 'timeout';
export type DecodedFormat = 'txt' | 'html' | 'docx' | 'pdf';
export type DecodeResult =
	| {
			ok: true;
			text: string;
			format: DecodedFormat;
			encoding: string | null;
			warnings: string[];
			/** tables as cell grids, offsets into `text` (the document model; absent for plain text) */
			tables?: DocTable[];
	  }
	| { ok: false; code: DecodeErrorCode; message: string };

export interface DecodeOptions {
	/** Default 50 MB. */
	maxBytes?: number;
	/** Default 20 s. Checked between awaits (pdf pages, docx conversion); sync parsing is not interruptible. */
	timeoutMs?: number;
}

export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 20_000;
const FORMAT_LIST = ['.txt', '.html/.htm', '.docx', '.pdf', '.zip'] as const;
/** The accepted formats as Chinese text (base locale); `acceptedFormats()` gives them in the current language. */
export const ACCEPTED_FORMATS = FORMAT_LIST.join('、');

/** '.txt、.html/.htm、…' / '.txt, .html/.htm, …' in the current language. */
export function acceptedFormats(): string {
	return FORMAT_LIST.join(m.ix_enum_sep());
}

/** 文件已损坏或不完整，无法读取（docx）, in the current language. */
export function docxCorruptMessage(): string {
	return m.ix_corrupt_file({ format: 'docx' });
}

export function unsupportedMessage(label: string): string {
	return m.ix_unsupported_format({ label, formats: acceptedFormats() });
}

type Sniffed =
	| { kind: 'zip' }
	| { kind: 'pdf' }
	| { kind: 'html' }
	| { kind: 'text' }
	| { kind: 'unsupported'; label: string };

const OLE2_EXTS = new Set(['doc', 'wps', 'xls', 'et', 'ppt', 'dps', 'msg']);

export function extensionOf(fileName: string): string {
	const base = fileName.split(/[\\/]/).pop() ?? '';
	const dot = base.lastIndexOf('.');
	return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

function startsWith(bytes: Uint8Array, sig: number[], at = 0): boolean {
	if (bytes.length < at + sig.length) return false;
	for (let i = 0; i < sig.length; i++) if (bytes[at + i] !== sig[i]) return false;
	return true;
}

function latin1(bytes: Uint8Array, n: number): string {
	return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(n, bytes.byteLength)).toString('latin1');
}

const HTML_START_RE =
	/^(?:\s|<!--[\s\S]*?-->|<\?xml[^>]*>)*<(?:!doctype\s+html|html|head|body|div|p|meta|title|table|span|h[1-6]|section|article|style|script|link|br|font|center|form|ul)[\s>/]/i;
const HTML_ANYWHERE_RE = /<(?:!doctype\s+html|html|body)[\s>]/i;

/** Does this (decoded or latin-1) prefix look like HTML? */
export function looksLikeHtml(prefix: string, ext: string): boolean {
	if (HTML_START_RE.test(prefix) || HTML_ANYWHERE_RE.test(prefix.slice(0, 1024))) return true;
	return ['html', 'htm', 'shtml', 'xhtml', 'mht', 'jsp', 'asp', 'aspx', 'php'].includes(ext) && /^\s*</.test(prefix);
}

function sniff(bytes: Uint8Array, ext: string): Sniffed {
	if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return { kind: 'zip' };
	if (latin1(bytes, 1024).includes('%PDF-')) return { kind: 'pdf' };
	if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
		return { kind: 'unsupported', label: OLE2_EXTS.has(ext) ? `.${ext}` : '.doc' };
	}
	if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47])) return { kind: 'unsupported', label: m.ix_image_label({ ext: '.png' }) };
	if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { kind: 'unsupported', label: m.ix_image_label({ ext: '.jpg' }) };
	if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return { kind: 'unsupported', label: m.ix_image_label({ ext: '.gif' }) };
	if (startsWith(bytes, [0x42, 0x4d]) && ext === 'bmp') return { kind: 'unsupported', label: m.ix_image_label({ ext: '.bmp' }) };
	if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) {
		return { kind: 'unsupported', label: m.ix_image_label({ ext: '.tif' }) };
	}
	if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) {
		return { kind: 'unsupported', label: m.ix_image_label({ ext: '.webp' }) };
	}
	if (startsWith(bytes, [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07])) return { kind: 'unsupported', label: '.rar' };
	if (startsWith(bytes, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return { kind: 'unsupported', label: '.7z' };
	if (startsWith(bytes, [0x1f, 0x8b])) return { kind: 'unsupported', label: '.gz' };
	if (latin1(bytes, 8).startsWith('{\\rtf')) return { kind: 'unsupported', label: '.rtf' };
	return { kind: 'text' };
}

/** What a zip container holds, judged from its entry names. */
function zipKind(bytes: Uint8Array, ext: string): { kind: 'docx' } | { kind: 'zip' } | { kind: 'other'; label: string } | { kind: 'corrupt' } {
	const names = listZipEntryNames(bytes);
	if (!names) {
		// No readable central directory: a truncated file. Guess the container from local headers.
		const head = latin1(bytes, 64 * 1024);
		if (ext === 'docx' || head.includes('word/') || head.includes('[Content_Types].xml')) return { kind: 'corrupt' };
		return { kind: 'other', label: ext ? `.${ext}` : '.zip' };
	}
	const set = new Set(names);
	if (set.has('word/document.xml')) return { kind: 'docx' };
	if (set.has('xl/workbook.xml')) return { kind: 'other', label: ext === 'et' ? '.et' : '.xlsx' };
	if (set.has('ppt/presentation.xml')) return { kind: 'other', label: '.pptx' };
	if (set.has('OFD.xml')) return { kind: 'other', label: '.ofd' };
	if (set.has('mimetype') && set.has('content.xml')) return { kind: 'other', label: ext ? `.${ext}` : '.odt' };
	if (set.has('[Content_Types].xml')) return { kind: 'other', label: ext ? `.${ext}` : m.ix_office_document_label() };
	return { kind: 'zip' };
}

const CHARSET_RE = /<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)/i;

function charsetFromLabel(label: string): TextEncodingName | null {
	const l = label.toLowerCase();
	if (l === 'utf-8' || l === 'utf8') return 'utf-8';
	if (['gb2312', 'gbk', 'gb18030', 'x-gbk', 'cp936', 'euc-cn', 'gb_2312-80', 'chinese', 'csgb2312', 'iso-ir-58'].includes(l)) {
		return 'gb18030';
	}
	if (['big5', 'big5-hkscs', 'x-x-big5', 'cn-big5', 'csbig5'].includes(l)) return 'big5';
	return null;
}

function hasNonAscii(bytes: Uint8Array): boolean {
	for (let i = 0; i < bytes.length; i++) if (bytes[i] >= 0x80) return true;
	return false;
}

/** HTML bytes → string, honouring `<meta charset>` / http-equiv unless the bytes contradict it. */
function decodeHtmlBytes(bytes: Uint8Array): { ok: true; html: string; encoding: TextEncodingName; warnings: string[] } | { ok: false } {
	const bom = decodeByBom(bytes);
	if (bom) return { ok: true, html: bom.text, encoding: bom.encoding, warnings: [] };
	const declaredLabel = CHARSET_RE.exec(latin1(bytes, 8192))?.[1] ?? null;
	const declared = declaredLabel ? charsetFromLabel(declaredLabel) : null;
	if (isValidUtf8(bytes) && (hasNonAscii(bytes) || !declared)) {
		const warnings = declared && declared !== 'utf-8' ? [m.ix_html_charset_read_utf8({ declared: declaredLabel ?? '' })] : [];
		return { ok: true, html: decodeWith(bytes, 'utf-8'), encoding: 'utf-8', warnings };
	}
	if (declared && declared !== 'utf-8') return { ok: true, html: decodeWith(bytes, declared), encoding: declared, warnings: [] };
	const detected = decodeTextBytes(bytes);
	if (!detected.ok) return { ok: false };
	const warnings = [...detected.warnings];
	if (declared === 'utf-8') warnings.unshift(m.ix_html_charset_detected({ declared: declaredLabel ?? '', encoding: detected.encoding }));
	return { ok: true, html: detected.text, encoding: detected.encoding, warnings };
}

function formatMb(bytes: number): string {
	const mb = bytes / (1024 * 1024);
	return mb >= 10 ? mb.toFixed(0) : mb.toFixed(1).replace(/\.0$/, '');
}

const TEXT_EXTS = new Set(['txt', 'text', 'csv', 'md', 'log', '']);
const KNOWN_EXT_FORMAT: Record<string, DecodedFormat> = { txt: 'txt', html: 'html', htm: 'html', docx: 'docx', pdf: 'pdf' };

function mismatchWarning(ext: string, format: DecodedFormat): string[] {
	const expected = KNOWN_EXT_FORMAT[ext];
	if (!expected || expected === format) return [];
	if (expected === 'txt' && format === 'html') return [];
	return [m.ix_ext_mismatch({ ext, format })];
}

/** Decode one uploaded file. Never throws on content; see `DecodeResult`. */
export async function decodeFile(bytes: Uint8Array, fileName: string, opts: DecodeOptions = {}): Promise<DecodeResult> {
	const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
	const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	if (bytes.length === 0) return { ok: false, code: 'empty', message: m.ix_empty_file() };
	if (bytes.length > maxBytes) {
		return { ok: false, code: 'too_large', message: m.ix_too_large({ size: formatMb(bytes.length), max: formatMb(maxBytes) }) };
	}
	const timeoutResult: DecodeResult = {
		ok: false,
		code: 'timeout',
		message: timeoutMs >= 1000 ? m.ix_timeout_seconds({ seconds: Math.round(timeoutMs / 1000) }) : m.ix_timeout_ms({ ms: timeoutMs })
	};
	const deadline = Date.now() + timeoutMs;
	let abort: (() => void) | null = null;
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<DecodeResult>((resolve) => {
		timer = setTimeout(() => {
			abort?.();
			resolve(timeoutResult);
		}, timeoutMs);
	});
	try {
		const work = decodeInner(bytes, fileName, deadline, (fn) => (abort = fn)).then((r) =>
			!r.ok && r.code === 'timeout' ? timeoutResult : r
		);
		return await Promise.race([work, timeout]);
	} finally {
		clearTimeout(timer);
	}
}

async function decodeInner(
	bytes: Uint8Array,
	fileName: string,
	deadline: number,
	onAbort: (fn: () => void) => void
): Promise<DecodeResult> {
	const ext = extensionOf(fileName);
	const sniffed = sniff(bytes, ext);
	switch (sniffed.kind) {
		case 'unsupported':
			return { ok: false, code: 'unsupported', message: unsupportedMessage(sniffed.label) };
		case 'pdf': {
			const r = await extractPdfText(bytes, deadline, onAbort);
			if (!r.ok) return { ok: false, code: r.code, message: r.message || pdfCorruptMessage() };
			return ok(r.text, 'pdf', null, [...mismatchWarning(ext, 'pdf'), ...r.warnings], r.tables);
		}
		case 'zip': {
			// The archive guard (zip.ts) sees every zip-shaped file before mammoth or any parser does.
			const guard = checkArchive(bytes);
			if (!guard.ok) return { ok: false, code: guard.code, message: guard.message };
			const kind = zipKind(bytes, ext);
			if (kind.kind === 'corrupt') return { ok: false, code: 'corrupt', message: docxCorruptMessage() };
			if (kind.kind === 'other') return { ok: false, code: 'unsupported', message: unsupportedMessage(kind.label) };
			if (kind.kind === 'zip') {
				return {
					ok: false,
					code: 'unsupported',
					message: m.ix_zip_use_upload()
				};
			}
			return decodeDocx(bytes, ext);
		}
		case 'html':
		case 'text':
			return decodeTextual(bytes, ext);
	}
}

/** `tables` (grids with offsets into `text`) is kept only when the decoder found some. */
function ok(text: string, format: DecodedFormat, encoding: string | null, warnings: string[], tables?: DocTable[]): DecodeResult {
	if (text.trim() === '') {
		const message = format === 'html' ? m.ix_no_text_html() : format === 'docx' ? m.ix_no_text_docx() : m.ix_no_text_file();
		return { ok: false, code: 'empty', message };
	}
	return tables && tables.length > 0 ? { ok: true, text, format, encoding, warnings, tables } : { ok: true, text, format, encoding, warnings };
}

function decodeTextual(bytes: Uint8Array, ext: string): DecodeResult {
	const bom = decodeByBom(bytes);
	const prefix = bom ? bom.text.slice(0, 2048) : latin1(bytes, 2048);
	if (looksLikeHtml(prefix, ext)) {
		const decoded = decodeHtmlBytes(bytes);
		if (!decoded.ok) return { ok: false, code: 'undecodable', message: binaryMessage() };
		const r = htmlToText(decoded.html);
		return ok(r.text, 'html', decoded.encoding, [...mismatchWarning(ext, 'html'), ...decoded.warnings, ...r.warnings], r.tables);
	}
	const decoded = decodeTextBytes(bytes);
	if (!decoded.ok) {
		const known = TEXT_EXTS.has(ext) || ext in KNOWN_EXT_FORMAT;
		return known
			? { ok: false, code: 'undecodable', message: binaryMessage() }
			: { ok: false, code: 'unsupported', message: unsupportedMessage(`.${ext}`) };
	}
	return ok(decoded.text, 'txt', decoded.encoding, [...mismatchWarning(ext, 'txt'), ...decoded.warnings]);
}

async function decodeDocx(bytes: Uint8Array, ext: string): Promise<DecodeResult> {
	const mammoth = (await import('mammoth')).default;
	let html: string;
	const warnings: string[] = [];
	try {
		const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
		html = result.value;
		const serious = result.messages.filter((msg) => msg.type === 'error').length;
		if (serious > 0) warnings.push(m.ix_docx_unreadable_parts({ count: serious }));
	} catch {
		return { ok: false, code: 'corrupt', message: docxCorruptMessage() };
	}
	// mammoth writes merged cells as colspan (gridSpan) and rowspan (vMerge): the grids come from htmlToText.
	const r = htmlToText(html, { mainContent: false, source: 'docx' });
	return ok(r.text, 'docx', null, [...mismatchWarning(ext, 'docx'), ...warnings], r.tables);
}
