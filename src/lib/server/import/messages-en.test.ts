import { describe, it, expect } from 'vitest';
import iconv from 'iconv-lite';
import { zipSync } from 'fflate';
import { withLocale } from '../../i18n/with-locale';
import { acceptedFormats, decodeFile } from './decode';
import { expandUpload } from './zip';
import { readAgencyList } from './agency-list';
import { decodeTextBytes } from './text-decode';
import { REPORT, buildPdf, buildZip } from './test-fixtures';

/**
 * The import pipeline's messages render in the request's language: here English, through withLocale.
 * Chinese may appear only inside parameter values (file names, agency names, header names to type).
 */
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const CJK = /[\u4e00-\u9fff]/;
const en = <T>(fn: () => T | Promise<T>): Promise<T> => withLocale('en', fn);
const MB = 1024 * 1024;


function failure(r: { ok: boolean; message?: string }): string {
	expect(r.ok).toBe(false);
	return r.message ?? '';
}

describe('import messages in English', () => {
	it('lists the accepted formats with English separators', async () => {
		expect(await en(() => acceptedFormats())).toBe('.txt, .html/.htm, .docx, .pdf, .zip');
		expect(acceptedFormats()).toBe('.txt、.html/.htm、.docx、.pdf、.zip');
	});

	it('unsupported format (png)', async () => {
		const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(64).fill(0)]);
		const r = await en(() => decodeFile(png, 'x.png'));
		expect(r).toEqual({
			ok: false,
			code: 'unsupported',
			message: 'Unsupported file format (.png image). Please submit one of: .txt, .html/.htm, .docx, .pdf, .zip'
		});
	});

	it('an xlsx, an empty file, a file over the limit', async () => {
		const xlsx = zipSync({ '[Content_Types].xml': utf8('<Types/>'), 'xl/workbook.xml': utf8('<workbook/>') });
		expect(failure(await en(() => decodeFile(xlsx, 'a.xlsx')))).toBe(
			'Unsupported file format (.xlsx). Please submit one of: .txt, .html/.htm, .docx, .pdf, .zip'
		);
		expect(await en(() => decodeFile(new Uint8Array(), 'empty.txt'))).toEqual({ ok: false, code: 'empty', message: 'The file is empty' });
		const big = new Uint8Array(1.5 * MB).fill(0x41);
		expect(await en(() => decodeFile(big, 'big.txt', { maxBytes: MB }))).toEqual({
			ok: false,
			code: 'too_large',
			message: 'The file is too large (1.5 MB); the limit is 1 MB'
		});
		// The same call outside a request stays Chinese.
		expect(failure(await decodeFile(big, 'big.txt', { maxBytes: MB }))).toBe('文件过大（1.5 MB），上限为 1 MB');
	});

	it('a corrupt docx, a bare zip, a PDF without a text layer, a binary file', async () => {
		const bad = zipSync({ '[Content_Types].xml': utf8('<Types/>'), 'word/document.xml': utf8('<w:document><w:body>') });
		const corrupt = await en(() => decodeFile(bad, 'report.docx'));
		expect(corrupt.ok === false && corrupt.code).toBe('corrupt');
		expect(failure(corrupt)).toBe('The file is damaged or incomplete and cannot be read (docx)');
		expect(failure(await en(() => decodeFile(zipSync({ 'a.txt': utf8('a') }), 'a.zip')))).toBe(
			'This is a zip archive: submit it through the upload form, which unpacks it and reads each file inside'
		);
		expect(failure(await en(() => decodeFile(buildPdf(['rect']), 'scan.pdf')))).toBe(
			'This PDF has no text layer; please provide a text or Word version'
		);
		const binary = new Uint8Array(4096).map((_, i) => (i % 7 === 0 ? 0 : i % 256));
		expect(failure(await en(() => decodeFile(binary, 'data.txt')))).toBe(
			"The file's content cannot be read as text (it may be a binary file or an unsupported format); please submit a text version"
		);
	});

	it('warnings: a PDF page without text, an extension that does not match, UTF-16 without BOM', async () => {
		const pdf = buildPdf([[{ text: '第一页有文字的内容在这里。', x: 72, y: 700 }], 'rect']);
		const r = await en(() => decodeFile(pdf, 'mixed.txt'));
		expect(r.ok && r.warnings).toEqual([
			'The file extension (.txt) does not match the content (pdf); the file was read by its content',
			'Page 2 has no text layer (it may be a scanned image); its content could not be extracted'
		]);
		const utf16 = new Uint8Array(iconv.encode('Annual report on government information disclosure, 2023', 'utf-16le'));
		expect(await en(() => decodeTextBytes(utf16))).toMatchObject({ ok: true, warnings: ['The file is encoded in UTF-16 without a byte order mark'] });
	});

	it('a GBK page that declares UTF-8: the charset warning and the main-content warning', async () => {
		const html =
			`<!DOCTYPE html><html><head><meta charset="utf-8"><title>年度报告</title></head><body>` +
			`<div class="left"><ul><li>通知公告</li><li>工作动态</li><li>人事信息</li></ul></div>` +
			`<div class="con_text">${REPORT.map((l) => `<p>${l}</p>`).join('')}</div></body></html>`;
		const r = await en(() => decodeFile(new Uint8Array(iconv.encode(html, 'gbk')), 'page.html'));
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.encoding).toBe('gb18030');
		expect(r.warnings).toEqual([
			'The page declares the encoding utf-8, which does not match its content; the encoding was detected as gb18030',
			"The text was taken from the page's main content (div.con_text); about 12 characters elsewhere on the page were left out"
		]);
		for (const w of r.warnings) expect(w).not.toMatch(CJK);
		// UTF-8 bytes under a GBK declaration.
		const u = await en(() => decodeFile(utf8(html.replace('utf-8', 'gbk')), 'page.html'));
		expect(u.ok && u.warnings[0]).toBe('The page declares the encoding gbk, which does not match its content; it was read as UTF-8');
	});

	it('zip: unsafe paths, a nested zip two levels deep, a CRC mismatch, too many files, a broken archive', async () => {
		const innermost = zipSync({ 'deep.txt': utf8('deep') });
		const inner = buildZip([
			{ name: 'inner.txt', data: utf8('inner') },
			{ name: 'again.zip', data: innermost, method: 0 }
		]);
		const zip = buildZip([
			{ name: '../x.txt', data: utf8('x') },
			{ name: 'ok.txt', data: utf8('ok') },
			{ name: 'crc.txt', data: utf8('text'), crc: 12345 },
			{ name: 'pack/inner.zip', data: inner }
		]);
		const r = await en(() => expandUpload(zip, '材料.zip'));
		expect(r.entries.map((e) => e.path)).toEqual(['ok.txt', 'pack/inner.zip/inner.txt']);
		expect(r.rejected).toEqual([
			{ path: '../x.txt', message: 'Rejected: unsafe file path (it contains “..” or is absolute)' },
			{ path: 'crc.txt', message: 'The file failed its checksum (CRC mismatch); the archive may be damaged' },
			{
				path: 'pack/inner.zip/again.zip',
				message: 'Archives are nested more than one level deep; extract the inner archive first, then upload'
			}
		]);
		const many = zipSync(Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`f${i}.txt`, utf8('x')])));
		expect((await en(() => expandUpload(many, 'many.zip', { maxEntries: 4 }))).rejected).toEqual([
			{ path: 'many.zip', message: 'The archive holds too many files (5); the limit is 4, so please upload in batches' }
		]);
		const broken = zip.subarray(0, 40);
		expect((await en(() => expandUpload(broken, '材料.zip'))).rejected).toEqual([
			{ path: '材料.zip', message: 'The archive is damaged or incomplete and cannot be extracted (材料.zip)' }
		]);
		expect((await en(() => expandUpload(buildZip([{ name: 'dir/', data: new Uint8Array(0), method: 0 }]), 'e.zip'))).rejected).toEqual([
			{ path: 'e.zip', message: 'The archive contains no readable files' }
		]);
	});

	it('agency list errors and skipped rows', async () => {
		expect(await en(() => readAgencyList(utf8('分组,地区\n盟直部门,青岚盟\n'), 'a.csv'))).toEqual({
			ok: false,
			message: 'The first row must be a header row with an agency name column: “单位名称” (or “单位”, “名称”, “name”)'
		});
		expect(await en(() => readAgencyList(new Uint8Array([1, 2, 3]), 'a.xlsx'))).toEqual({
			ok: false,
			message: 'The Excel file cannot be read (save it as .xlsx and try again)'
		});
		expect(await en(() => readAgencyList(new Uint8Array([1]), 'a.pdf'))).toEqual({ ok: false, message: 'Please use a .csv or .xlsx file for the agency list' });
		expect(await en(() => readAgencyList(utf8(''), 'a.csv'))).toEqual({ ok: false, message: 'The file contains no data' });
		const binary = new Uint8Array(4096).map((_, i) => (i % 7 === 0 ? 0 : i % 256));
		const unreadable = failure(await en(() => readAgencyList(binary, 'a.csv')));
		expect(unreadable).toMatch(/^The list file cannot be read: The file's content cannot be read as text/);
		expect(unreadable).not.toMatch(CJK);
		const r = await en(() => readAgencyList(utf8('name,group\n,x\n青岚盟教育局,a\n青岚盟教育局,b\n'), 'a.csv'));
		expect(r.ok && r.skipped).toEqual(['Row 2 has no agency name', 'Row 4: “青岚盟教育局” is a duplicate']);
	});
});
