/**
 * Test- and bench-only builders of files that are expensive to parse without being large: a PDF
 * whose one page holds a great many text runs, a docx whose document.xml is long and varied (so it
 * compresses like a real one and passes the archive guard), and a docx that inflates far past it.
 * Not imported by application code.
 */
import { zipSync } from 'fflate';
import { buildPdf, deflatedZeros, buildZip } from './test-fixtures';

const CJK = '政府信息公开工作年度报告主动公开依申请办理复议诉讼平台建设监督保障培训考核制度规范解读回应';

/** Deterministic pseudo-random CJK text (no two lines alike, so nothing compresses away). */
function varied(n: number, seed: number): string {
	let x = seed >>> 0 || 1;
	let s = '';
	for (let i = 0; i < n; i++) {
		x ^= x << 13;
		x ^= x >>> 17;
		x ^= x << 5;
		s += CJK[(x >>> 0) % CJK.length];
	}
	return s;
}

/** A PDF with `runs` separately positioned text runs on few pages: slow for pdf.js, small on disk. */
export function slowPdf(runs = 150_000, perPage = 30_000): Uint8Array {
	const pages = [];
	for (let p = 0; p * perPage < runs; p++) {
		const lines = [];
		for (let i = 0; i < Math.min(perPage, runs - p * perPage); i++) lines.push({ text: varied(3, p * perPage + i + 7), x: 20 + (i % 50) * 11, y: 20 + (Math.floor(i / 50) % 70) * 11, size: 9 });
		pages.push(lines);
	}
	return buildPdf(pages);
}

/** A docx (word/document.xml and the least mammoth needs) with `paragraphs` varied paragraphs. */
export function longDocx(paragraphs = 60_000, runsPerParagraph = 4): Uint8Array {
	const body: string[] = [];
	for (let i = 0; i < paragraphs; i++) {
		let runs = '';
		for (let r = 0; r < runsPerParagraph; r++) runs += `<w:r><w:rPr><w:b/></w:rPr><w:t>${varied(6, i * 31 + r + 3)}</w:t></w:r>`;
		body.push(`<w:p>${runs}</w:p>`);
	}
	return docxWith(`<w:body>${body.join('')}</w:body>`);
}

function docxWith(bodyXml: string): Uint8Array {
	const enc = new TextEncoder();
	return zipSync({
		'[Content_Types].xml': enc.encode(
			'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
		),
		'_rels/.rels': enc.encode(
			'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
		),
		'word/document.xml': enc.encode(
			`<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${bodyXml}</w:document>`
		)
	});
}

/**
 * A docx whose word/media part inflates to `megabytes` MB (of zeros) while the file stays small;
 * `declaredMb` lets the central directory lie about it.
 */
export function inflatingDocx(megabytes: number, declaredMb = megabytes): Uint8Array {
	// buildZip, so that one entry can carry a hand-made deflate stream and a declared size that lies.
	const enc = new TextEncoder();
	const zeros = deflatedZeros(megabytes);
	return buildZip([
		{ name: '[Content_Types].xml', data: enc.encode('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>') },
		{ name: 'word/document.xml', data: enc.encode('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>') },
		{ name: 'word/media/image1.bin', data: new Uint8Array(0), compressed: zeros, declaredSize: declaredMb * 1024 * 1024, crc: 0 }
	]);
}
