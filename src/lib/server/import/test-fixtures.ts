/**
 * Test-only builders for upload fixtures (zip archives with raw name bytes, minimal PDFs, deflate
 * streams of zeros). Not imported by application code.
 */
import { deflateRawSync, constants as zlibConstants } from 'node:zlib';

// ---------------------------------------------------------------------------------------------
// Zip

export interface ZipFixtureEntry {
	/** A string is written as UTF-8; raw bytes are written as is (e.g. GBK). */
	name: string | Uint8Array;
	data: Uint8Array;
	/** Set general-purpose flag bit 11 (UTF-8 names). Default: true for string names. */
	utf8Flag?: boolean;
	/** 0 = stored, 8 = deflate (default). */
	method?: 0 | 8;
	/** Precomputed compressed data (then `data` is only used for the CRC unless `crc` is given). */
	compressed?: Uint8Array;
	/** Override the declared uncompressed size (to lie). */
	declaredSize?: number;
	crc?: number;
}

let table: Uint32Array | null = null;
export function crc32(data: Uint8Array): number {
	if (!table) {
		table = new Uint32Array(256);
		for (let n = 0; n < 256; n++) {
			let c = n;
			for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
			table[n] = c >>> 0;
		}
	}
	let c = 0xffffffff;
	for (let i = 0; i < data.length; i++) c = table[(c ^ data[i]) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

function concat(parts: Uint8Array[]): Uint8Array {
	const total = parts.reduce((n, p) => n + p.length, 0);
	const out = new Uint8Array(total);
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.length;
	}
	return out;
}

/** Write a zip by hand (local headers, central directory, EOCD) so names can be raw bytes. */
export function buildZip(entries: ZipFixtureEntry[]): Uint8Array {
	const locals: Uint8Array[] = [];
	const centrals: Uint8Array[] = [];
	let offset = 0;
	for (const e of entries) {
		const nameBytes = typeof e.name === 'string' ? new TextEncoder().encode(e.name) : e.name;
		const utf8 = e.utf8Flag ?? typeof e.name === 'string';
		const method = e.method ?? 8;
		const comp = e.compressed ?? (method === 8 ? new Uint8Array(deflateRawSync(e.data)) : e.data);
		const crc = e.crc ?? crc32(e.data);
		const size = e.declaredSize ?? e.data.length;
		const flags = utf8 ? 0x800 : 0;

		const local = new Uint8Array(30 + nameBytes.length);
		const lv = new DataView(local.buffer);
		lv.setUint32(0, 0x04034b50, true);
		lv.setUint16(4, 20, true);
		lv.setUint16(6, flags, true);
		lv.setUint16(8, method, true);
		lv.setUint32(14, crc, true);
		lv.setUint32(18, comp.length, true);
		lv.setUint32(22, size, true);
		lv.setUint16(26, nameBytes.length, true);
		local.set(nameBytes, 30);

		const central = new Uint8Array(46 + nameBytes.length);
		const cv = new DataView(central.buffer);
		cv.setUint32(0, 0x02014b50, true);
		cv.setUint16(4, 20, true);
		cv.setUint16(6, 20, true);
		cv.setUint16(8, flags, true);
		cv.setUint16(10, method, true);
		cv.setUint32(16, crc, true);
		cv.setUint32(20, comp.length, true);
		cv.setUint32(24, size, true);
		cv.setUint16(28, nameBytes.length, true);
		cv.setUint32(42, offset, true);
		central.set(nameBytes, 46);

		locals.push(local, comp);
		centrals.push(central);
		offset += local.length + comp.length;
	}
	const cd = concat(centrals);
	const eocd = new Uint8Array(22);
	const ev = new DataView(eocd.buffer);
	ev.setUint32(0, 0x06054b50, true);
	ev.setUint16(8, entries.length, true);
	ev.setUint16(10, entries.length, true);
	ev.setUint32(12, cd.length, true);
	ev.setUint32(16, offset, true);
	return concat([...locals, cd, eocd]);
}

/**
 * A raw deflate stream that inflates to `megabytes` MB of zeros, built cheaply: one 1 MB block
 * compressed with a sync flush (byte-aligned, not final) repeated, then an empty final block.
 */
export function deflatedZeros(megabytes: number): Uint8Array {
	const block = deflateRawSync(Buffer.alloc(1024 * 1024), { level: 9, finishFlush: zlibConstants.Z_SYNC_FLUSH });
	const end = deflateRawSync(Buffer.alloc(0));
	const parts: Uint8Array[] = [];
	for (let i = 0; i < megabytes; i++) parts.push(block);
	parts.push(end);
	return concat(parts);
}

// ---------------------------------------------------------------------------------------------
// PDF

export interface PdfLine {
	text: string;
	x: number;
	y: number;
	size?: number;
}

/**
 * A minimal PDF: each page shows its lines with a Type0/CIDFontType2 font (Identity-H, no embedded
 * font program) and a ToUnicode CMap, so pdf.js extracts the Unicode text. A page given as
 * `'rect'` only draws a rectangle (no text layer).
 */
export function buildPdf(pages: (PdfLine[] | 'rect')[]): Uint8Array {
	const chars = [...new Set(pages.flatMap((p) => (p === 'rect' ? [] : p.flatMap((l) => [...l.text]))))];
	const cid = new Map(chars.map((c, i) => [c, i + 1]));
	const hex4 = (n: number): string => n.toString(16).toUpperCase().padStart(4, '0');
	const utf16Hex = (c: string): string => {
		let s = '';
		for (let i = 0; i < c.length; i++) s += hex4(c.charCodeAt(i));
		return s;
	};

	const objects: string[] = [];
	const add = (body: string): number => {
		objects.push(body);
		return objects.length;
	};
	const stream = (dict: string, data: string): string => `<< ${dict} /Length ${data.length} >>\nstream\n${data}\nendstream`;

	const catalog = add('');
	const pagesObj = add('');
	let fontRef = 0;
	if (chars.length > 0) {
		const bf: string[] = [];
		for (let i = 0; i < chars.length; i += 100) {
			const chunk = chars.slice(i, i + 100);
			bf.push(`${chunk.length} beginbfchar\n${chunk.map((c) => `<${hex4(cid.get(c) ?? 0)}> <${utf16Hex(c)}>`).join('\n')}\nendbfchar`);
		}
		const cmap = [
			'/CIDInit /ProcSet findresource begin',
			'12 dict begin',
			'begincmap',
			'/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
			'/CMapName /Adobe-Identity-UCS def',
			'/CMapType 2 def',
			'1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange',
			...bf,
			'endcmap',
			'CMapName currentdict /CMap defineresource pop',
			'end',
			'end'
		].join('\n');
		const toUnicode = add(stream('', cmap));
		const descriptor = add(
			'<< /Type /FontDescriptor /FontName /FixtureSong /Flags 6 /FontBBox [0 -141 1000 859] /ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 683 /StemV 80 >>'
		);
		const cidFont = add(
			`<< /Type /Font /Subtype /CIDFontType2 /BaseFont /FixtureSong /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor ${descriptor} 0 R /DW 1000 /CIDToGIDMap /Identity >>`
		);
		fontRef = add(
			`<< /Type /Font /Subtype /Type0 /BaseFont /FixtureSong /Encoding /Identity-H /DescendantFonts [${cidFont} 0 R] /ToUnicode ${toUnicode} 0 R >>`
		);
	}
	const kids: number[] = [];
	for (const page of pages) {
		let content: string;
		if (page === 'rect') content = '0 0 0 RG 2 w 100 100 300 200 re S';
		else {
			content = page
				.map((l) => {
					const codes = [...l.text].map((c) => hex4(cid.get(c) ?? 0)).join('');
					return `BT /F1 ${l.size ?? 12} Tf 1 0 0 1 ${l.x} ${l.y} Tm <${codes}> Tj ET`;
				})
				.join('\n');
		}
		const contentRef = add(stream('', content));
		const resources = page === 'rect' || !fontRef ? '<< >>' : `<< /Font << /F1 ${fontRef} 0 R >> >>`;
		kids.push(add(`<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 595 842] /Resources ${resources} /Contents ${contentRef} 0 R >>`));
	}
	objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
	objects[pagesObj - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;

	let out = '%PDF-1.7\n';
	const offsets: number[] = [];
	objects.forEach((body, i) => {
		offsets.push(out.length);
		out += `${i + 1} 0 obj\n${body}\nendobj\n`;
	});
	const xref = out.length;
	out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
	for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
	out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return new TextEncoder().encode(out);
}

/** A short annual report (our own writing), line by line, for the decoders' tests. */
export const REPORT: readonly string[] = [
	'某市生态环境局2023年政府信息公开工作年度报告',
	'一、总体情况',
	'2023年，我局认真贯彻落实《中华人民共和国政府信息公开条例》，全年主动公开政府信息215条。',
	'二、收到和处理政府信息公开申请情况',
	'本年新收政府信息公开申请7件，均在法定期限内答复。'
];
