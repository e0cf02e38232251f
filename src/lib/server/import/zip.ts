/**
 * One upload → the files to decode. A zip is expanded (nested folders; a nested .zip one level
 * deep); anything else — including docx/xlsx, which are zips too — passes through as one entry.
 *
 * The central directory is parsed here (not by fflate's unzipSync) so that we see the raw name
 * bytes (GBK names without the UTF-8 flag are common from Chinese Windows) and can refuse an entry
 * before inflating it. Deflate data is inflated by node:zlib with `maxOutputLength` (7× faster than
 * fflate here), which stops as soon as the output passes the entry's declared size or the
 * per-entry/total limit, so a lying header cannot exhaust memory; the real ratio (output / consumed
 * input) is checked after, the declared one before.
 *
 * @example
 *   const { entries, rejected } = expandUpload(bytes, '材料.zip');
 *   for (const e of entries) await decodeFile(e.bytes, e.path);
 */
import zlib from 'node:zlib';
import iconv from 'iconv-lite';
import { m } from '../../paraglide/messages.js';

export interface UploadEntry {
	/** Path inside the zip ('folder/file.docx'; a nested zip's files as 'inner.zip/file.txt'); a plain file keeps its own name. */
	path: string;
	bytes: Uint8Array;
}
export type ExpandResult = { entries: UploadEntry[]; rejected: { path: string; message: string }[] };
export interface ZipLimits {
	maxEntries: number;
	maxTotalBytes: number;
	maxEntryBytes: number;
	maxRatio: number;
}

const MB = 1024 * 1024;
export const DEFAULT_ZIP_LIMITS: ZipLimits = {
	maxEntries: 2000,
	maxTotalBytes: 500 * MB,
	maxEntryBytes: 50 * MB,
	maxRatio: 200
};
/** Entries smaller than this are not ratio-checked: tiny repetitive files compress very well. */
const RATIO_FLOOR_BYTES = 1 * MB;

// ---------------------------------------------------------------------------------------------
// Central directory

interface CdEntry {
	name: string;
	isDir: boolean;
	flags: number;
	method: number;
	crc: number;
	compSize: number;
	size: number;
	localOffset: number;
}

const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_EOCD64_LOC = 0x07064b50;
const SIG_CD = 0x02014b50;
const SIG_LOCAL = 0x04034b50;

function view(bytes: Uint8Array): DataView {
	return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function u64(dv: DataView, at: number): number {
	return Number(dv.getBigUint64(at, true));
}

function isValidUtf8(bytes: Uint8Array): boolean {
	try {
		new TextDecoder('utf-8', { fatal: true }).decode(bytes);
		return true;
	} catch {
		return false;
	}
}

/** UTF-8 when flagged (bit 11), given as an Info-ZIP Unicode Path, or valid as UTF-8; else GBK. */
function decodeName(raw: Uint8Array, flags: number, unicodePath: Uint8Array | null): string {
	if (flags & 0x800) return new TextDecoder('utf-8').decode(raw);
	if (unicodePath) return new TextDecoder('utf-8').decode(unicodePath);
	if (isValidUtf8(raw)) return new TextDecoder('utf-8').decode(raw);
	return iconv.decode(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength), 'gb18030');
}

function findEocd(bytes: Uint8Array, dv: DataView): number {
	const min = Math.max(0, bytes.length - 22 - 0xffff);
	for (let i = bytes.length - 22; i >= min; i--) {
		if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && dv.getUint32(i, true) === SIG_EOCD) return i;
	}
	return -1;
}

/** Parse the central directory; null when the archive is unreadable (e.g. truncated). */
function readCentralDirectory(bytes: Uint8Array): CdEntry[] | null {
	try {
		return parseCentralDirectory(bytes);
	} catch (e) {
		// Out-of-range reads from hostile offsets are content errors, not bugs to surface.
		if (e instanceof RangeError) return null;
		throw e;
	}
}

function parseCentralDirectory(bytes: Uint8Array): CdEntry[] | null {
	if (bytes.length < 22) return null;
	const dv = view(bytes);
	const eocd = findEocd(bytes, dv);
	if (eocd < 0) return null;
	let count = dv.getUint16(eocd + 10, true);
	let cdSize = dv.getUint32(eocd + 12, true);
	let cdOffset = dv.getUint32(eocd + 16, true);
	if ((count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) && eocd >= 20) {
		if (dv.getUint32(eocd - 20, true) === SIG_EOCD64_LOC) {
			const at = u64(dv, eocd - 12);
			if (at + 56 <= bytes.length && dv.getUint32(at, true) === SIG_EOCD64) {
				count = u64(dv, at + 32);
				cdSize = u64(dv, at + 40);
				cdOffset = u64(dv, at + 48);
			}
		}
	}
	// Data prepended to the archive (self-extractors, some upload tools) shifts every offset.
	let shift = 0;
	if (cdOffset + 4 > bytes.length || dv.getUint32(cdOffset, true) !== SIG_CD) {
		const guess = eocd - cdSize;
		if (count > 0 && guess >= 0 && guess + 4 <= bytes.length && dv.getUint32(guess, true) === SIG_CD) {
			shift = guess - cdOffset;
			cdOffset = guess;
		} else if (count > 0) return null;
	}
	if (cdOffset < 0) return null;
	const entries: CdEntry[] = [];
	let p = cdOffset;
	for (let k = 0; k < count; k++) {
		if (p + 46 > bytes.length || dv.getUint32(p, true) !== SIG_CD) return null;
		const flags = dv.getUint16(p + 8, true);
		const method = dv.getUint16(p + 10, true);
		const crc = dv.getUint32(p + 16, true);
		let compSize = dv.getUint32(p + 20, true);
		let size = dv.getUint32(p + 24, true);
		const nameLen = dv.getUint16(p + 28, true);
		const extraLen = dv.getUint16(p + 30, true);
		const commentLen = dv.getUint16(p + 32, true);
		const extAttr = dv.getUint32(p + 38, true);
		let localOffset = dv.getUint32(p + 42, true);
		const nameStart = p + 46;
		const extraStart = nameStart + nameLen;
		const end = extraStart + extraLen + commentLen;
		if (end > bytes.length) return null;
		const raw = bytes.subarray(nameStart, extraStart);
		let unicodePath: Uint8Array | null = null;
		for (let e = extraStart; e + 4 <= extraStart + extraLen; ) {
			const id = dv.getUint16(e, true);
			const len = dv.getUint16(e + 2, true);
			const body = e + 4;
			if (body + len > extraStart + extraLen) break;
			if (id === 0x0001) {
				let q = body;
				if (size === 0xffffffff && q + 8 <= body + len) (size = u64(dv, q)), (q += 8);
				if (compSize === 0xffffffff && q + 8 <= body + len) (compSize = u64(dv, q)), (q += 8);
				if (localOffset === 0xffffffff && q + 8 <= body + len) localOffset = u64(dv, q);
			} else if (id === 0x7075 && len > 5 && bytes[body] === 1) {
				unicodePath = bytes.subarray(body + 5, body + len);
			}
			e = body + len;
		}
		const name = decodeName(raw, flags, unicodePath).replace(/\\/g, '/');
		const isDir = name.endsWith('/') || ((extAttr & 0x10) !== 0 && size === 0 && compSize <= 2);
		entries.push({ name, isDir, flags, method, crc, compSize, size, localOffset: localOffset + shift });
		p = end;
	}
	return entries;
}

/** Entry names of a zip (directories included), or null when it has no readable central directory. */
export function listZipEntryNames(bytes: Uint8Array): string[] | null {
	return readCentralDirectory(bytes)?.map((e) => e.name) ?? null;
}

// ---------------------------------------------------------------------------------------------
// Inflation

function errorCode(e: unknown): string {
	return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : '';
}

/**
 * Raw-inflate with a hard output bound: zlib stops (ERR_BUFFER_TOO_LARGE) as soon as the output
 * passes `cap`, so memory never exceeds the cap plus one 16 kB chunk. Also returns how many
 * compressed bytes were consumed, for the real compression ratio.
 */
function inflateBounded(data: Uint8Array, cap: number): { buffer: Buffer; consumed: number } {
	const result: unknown = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, cap), info: true });
	if (typeof result === 'object' && result !== null && 'buffer' in result && 'engine' in result) {
		const { buffer, engine } = result as { buffer: Buffer; engine: { bytesWritten?: number } };
		return { buffer, consumed: engine.bytesWritten ?? data.length };
	}
	throw new Error('unexpected zlib result');
}

// ---------------------------------------------------------------------------------------------
// Expansion

interface State {
	limits: ZipLimits;
	count: number;
	total: number;
	result: ExpandResult;
}

function fmtMb(bytes: number): string {
	const mb = bytes / MB;
	return mb >= 10 ? mb.toFixed(0) : mb.toFixed(1).replace(/\.0$/, '');
}

function isZipMagic(bytes: Uint8Array): boolean {
	return (
		bytes.length >= 4 &&
		bytes[0] === 0x50 &&
		bytes[1] === 0x4b &&
		((bytes[2] === 0x03 && bytes[3] === 0x04) || (bytes[2] === 0x05 && bytes[3] === 0x06))
	);
}

/** Extensions of zip-based document formats: passed through whole, never expanded. */
const DOCUMENT_EXTS = new Set(['docx', 'docm', 'dotx', 'xlsx', 'xlsm', 'pptx', 'ofd', 'odt', 'ods', 'odp', 'epub', 'wps', 'et', 'dps']);
const DOCUMENT_MARKERS = ['word/document.xml', '[Content_Types].xml', 'mimetype', 'OFD.xml'];

function extOf(name: string): string {
	const base = name.split('/').pop() ?? '';
	const dot = base.lastIndexOf('.');
	return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

function unsafePath(name: string): boolean {
	if (name.startsWith('/') || /^[a-zA-Z]:/.test(name) || name.includes('\0')) return true;
	return name.split('/').some((seg) => seg === '..');
}

function skipped(name: string): boolean {
	const segs = name.split('/').filter((s) => s !== '');
	if (segs.some((s) => s === '__MACOSX' || s.startsWith('.'))) return true;
	const base = (segs[segs.length - 1] ?? '').toLowerCase();
	return base === 'thumbs.db' || base === 'desktop.ini';
}

type Extracted = { ok: true; bytes: Uint8Array } | { ok: false; message: string };

function extract(bytes: Uint8Array, e: CdEntry, cap: number, limits: ZipLimits): Extracted {
	const dv = view(bytes);
	const corrupt: Extracted = { ok: false, message: m.ix_zip_entry_corrupt() };
	if (e.localOffset < 0 || e.localOffset + 30 > bytes.length || dv.getUint32(e.localOffset, true) !== SIG_LOCAL) return corrupt;
	const start = e.localOffset + 30 + dv.getUint16(e.localOffset + 26, true) + dv.getUint16(e.localOffset + 28, true);
	if (start + e.compSize > bytes.length) return corrupt;
	const data = bytes.subarray(start, start + e.compSize);
	let out: Uint8Array;
	if (e.method === 0) {
		if (e.compSize !== e.size) return corrupt;
		out = data.slice();
	} else {
		let inflated: { buffer: Buffer; consumed: number };
		try {
			inflated = inflateBounded(data, cap);
		} catch (err) {
			if (errorCode(err) !== 'ERR_BUFFER_TOO_LARGE') return corrupt;
			return cap >= e.size
				? { ok: false, message: m.ix_zip_size_mismatch() }
				: { ok: false, message: m.ix_zip_over_cap() };
		}
		const { buffer, consumed } = inflated;
		if (buffer.length > RATIO_FLOOR_BYTES && buffer.length / Math.max(1, consumed) > limits.maxRatio) {
			return { ok: false, message: m.ix_zip_ratio({ max: limits.maxRatio }) };
		}
		if (buffer.length !== e.size) return corrupt;
		out = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
	}
	if (zlib.crc32(out) >>> 0 !== e.crc) return { ok: false, message: m.ix_zip_crc() };
	return { ok: true, bytes: out };
}

// ---------------------------------------------------------------------------------------------
// The archive guard: every zip-shaped file (zip, docx, xlsx…) passes it before any parser sees it

export interface ArchiveBudget {
	/** Total inflated bytes of all entries (declared AND real). */
	maxInflatedBytes: number;
	maxEntries: number;
	/** Inflated ÷ compressed for an entry above RATIO_FLOOR_BYTES. */
	maxRatio: number;
}
/**
 * A 50 MB docx is mostly already-compressed images and inflates to about its own size; its XML is a
 * few MB. 200 MB leaves room for any real report and stops the 2–6 GB "docx bombs".
 */
export const DEFAULT_ARCHIVE_BUDGET: ArchiveBudget = { maxInflatedBytes: 200 * MB, maxEntries: 2000, maxRatio: 200 };

export type ArchiveCheck = { ok: true; inflatedBytes: number; entries: number } | { ok: false; code: 'too_large'; message: string };

/** PK\x03\x04 or an empty archive's PK\x05\x06 at the start. */
export function isZipShaped(bytes: Uint8Array): boolean {
	return isZipMagic(bytes);
}

/**
 * Checks a zip-shaped file against a budget without keeping anything: the entry count, each entry's
 * declared size and ratio, then the REAL inflated size of every entry (inflated with a cap of its
 * declared size and of what is left of the budget, and thrown away), so neither a lying header nor
 * a legitimately huge part gets past. A size problem is reported as one (code 'too_large'), never as
 * a damaged file; an unreadable archive passes (the decoder then says it is damaged).
 *
 * @example const g = checkArchive(docxBytes); if (!g.ok) return g.message;
 */
export function checkArchive(bytes: Uint8Array, budget: Partial<ArchiveBudget> = {}): ArchiveCheck {
	const b = { ...DEFAULT_ARCHIVE_BUDGET, ...budget };
	const cd = readCentralDirectory(bytes);
	if (!cd) return { ok: true, inflatedBytes: 0, entries: 0 };
	const tooLarge = (message: string): ArchiveCheck => ({ ok: false, code: 'too_large', message });
	const files = cd.filter((e) => !e.isDir);
	if (files.length > b.maxEntries) return tooLarge(m.ix_archive_too_many_parts({ count: files.length, max: b.maxEntries }));
	let declared = 0;
	for (const e of files) {
		declared += e.size;
		if (declared > b.maxInflatedBytes) return tooLarge(m.ix_archive_too_large({ max: fmtMb(b.maxInflatedBytes) }));
		if (e.size > RATIO_FLOOR_BYTES && e.size / Math.max(1, e.compSize) > b.maxRatio) {
			return tooLarge(m.ix_zip_entry_ratio({ ratio: Math.round(e.size / Math.max(1, e.compSize)), max: b.maxRatio }));
		}
	}
	const dv = view(bytes);
	let real = 0;
	for (const e of files) {
		if (e.flags & 1 || (e.method !== 0 && e.method !== 8)) continue; // the parser refuses these itself
		if (e.localOffset < 0 || e.localOffset + 30 > bytes.length || dv.getUint32(e.localOffset, true) !== SIG_LOCAL) continue;
		const start = e.localOffset + 30 + dv.getUint16(e.localOffset + 26, true) + dv.getUint16(e.localOffset + 28, true);
		const data = bytes.subarray(start, Math.min(bytes.length, start + e.compSize));
		if (e.method === 0) {
			real += data.length;
			continue;
		}
		const cap = Math.min(e.size, b.maxInflatedBytes - real);
		try {
			const { buffer, consumed } = inflateBounded(data, cap + 1);
			if (buffer.length > cap) throw Object.assign(new Error('over'), { code: 'ERR_BUFFER_TOO_LARGE' });
			if (buffer.length > RATIO_FLOOR_BYTES && buffer.length / Math.max(1, consumed) > b.maxRatio) {
				return tooLarge(m.ix_zip_ratio({ max: b.maxRatio }));
			}
			real += buffer.length;
		} catch (err) {
			if (errorCode(err) !== 'ERR_BUFFER_TOO_LARGE') continue; // broken data: the parser reports it
			return cap >= e.size ? tooLarge(m.ix_zip_size_mismatch()) : tooLarge(m.ix_archive_too_large({ max: fmtMb(b.maxInflatedBytes) }));
		}
	}
	return { ok: true, inflatedBytes: Math.max(real, 0), entries: files.length };
}

function expandZip(bytes: Uint8Array, prefix: string, label: string, depth: number, st: State): void {
	const { limits, result } = st;
	const cd = readCentralDirectory(bytes);
	if (!cd) {
		result.rejected.push({ path: label, message: m.ix_zip_corrupt({ label }) });
		return;
	}
	const files: CdEntry[] = [];
	for (const e of cd) {
		if (e.isDir) continue;
		if (unsafePath(e.name)) {
			result.rejected.push({ path: prefix + e.name, message: m.ix_zip_unsafe_path() });
			continue;
		}
		if (skipped(e.name)) continue;
		files.push(e);
	}
	if (st.count + files.length > limits.maxEntries) {
		result.rejected.push({
			path: label,
			message: m.ix_zip_too_many({ count: st.count + files.length, max: limits.maxEntries })
		});
		return;
	}
	st.count += files.length;
	const before = result.entries.length + result.rejected.length;
	for (const e of files) {
		const path = prefix + e.name.replace(/^\/+/, '');
		const reject = (message: string): void => {
			result.rejected.push({ path, message });
		};
		if (e.flags & 1) {
			reject(m.ix_zip_encrypted());
			continue;
		}
		if (e.method !== 0 && e.method !== 8) {
			reject(m.ix_zip_method({ method: e.method }));
			continue;
		}
		if (e.size > limits.maxEntryBytes) {
			reject(m.ix_zip_entry_too_large({ size: fmtMb(e.size), max: fmtMb(limits.maxEntryBytes) }));
			continue;
		}
		if (e.size > RATIO_FLOOR_BYTES && e.size / Math.max(1, e.compSize) > limits.maxRatio) {
			reject(m.ix_zip_entry_ratio({ ratio: Math.round(e.size / Math.max(1, e.compSize)), max: limits.maxRatio }));
			continue;
		}
		if (st.total + e.size > limits.maxTotalBytes) {
			reject(m.ix_zip_total_over({ max: fmtMb(limits.maxTotalBytes) }));
			continue;
		}
		const cap = Math.min(e.size, limits.maxEntryBytes, limits.maxTotalBytes - st.total);
		const x = extract(bytes, e, cap, limits);
		if (!x.ok) {
			reject(x.message);
			continue;
		}
		st.total += x.bytes.length;
		if (extOf(e.name) === 'zip' && isZipMagic(x.bytes)) {
			if (depth >= 1) {
				reject(m.ix_zip_nested());
				continue;
			}
			st.count -= 1;
			expandZip(x.bytes, `${path}/`, path, depth + 1, st);
			continue;
		}
		if (isZipMagic(x.bytes)) {
			// A docx/xlsx inside the zip: its own parts count against the same budget.
			const g = checkArchive(x.bytes, {
				maxInflatedBytes: Math.min(DEFAULT_ARCHIVE_BUDGET.maxInflatedBytes, limits.maxTotalBytes - st.total),
				maxRatio: limits.maxRatio
			});
			if (!g.ok) {
				reject(g.message);
				continue;
			}
			st.total += g.inflatedBytes;
		}
		result.entries.push({ path, bytes: x.bytes });
	}
	if (depth === 0 && result.entries.length + result.rejected.length === before && files.length === 0) {
		result.rejected.push({ path: label, message: m.ix_zip_empty() });
	}
}

/**
 * Expand one upload: a non-zip (or a zip-based document such as docx) → one entry as is; a zip →
 * its files. Never throws on content: problems come back in `rejected` with messages in the request's language (Chinese outside a request).
 */
export function expandUpload(bytes: Uint8Array, fileName: string, limits: Partial<ZipLimits> = {}): ExpandResult {
	const result: ExpandResult = { entries: [], rejected: [] };
	const ext = extOf(fileName.replace(/\\/g, '/'));
	if (!isZipMagic(bytes) || DOCUMENT_EXTS.has(ext)) {
		result.entries.push({ path: fileName, bytes });
		return result;
	}
	const names = listZipEntryNames(bytes);
	if (names && names.some((n) => DOCUMENT_MARKERS.includes(n))) {
		result.entries.push({ path: fileName, bytes });
		return result;
	}
	const st: State = { limits: { ...DEFAULT_ZIP_LIMITS, ...limits }, count: 0, total: 0, result };
	expandZip(bytes, '', fileName, 0, st);
	return result;
}
