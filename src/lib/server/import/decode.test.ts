import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import { zipSync } from 'fflate';
import { decodeFile, ACCEPTED_FORMATS } from './decode';
import { REPORT, buildPdf } from './test-fixtures';
import { applicationTablePages, PROSE } from './pdf-fixtures';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const nonWs = (s: string): string => s.replace(/\s+/g, '');

async function buildDocx(lines: readonly string[], withTable: boolean): Promise<Uint8Array> {
	const children: (Paragraph | Table)[] = [new Paragraph({ text: lines[0], heading: HeadingLevel.HEADING_1 })];
	for (const line of lines.slice(1)) children.push(new Paragraph(line));
	if (withTable) {
		const row = (cells: string[]): TableRow =>
			new TableRow({ children: cells.map((c) => new TableCell({ children: [new Paragraph(c)] })) });
		children.push(
			new Table({
				rows: [row(['申请人情况', '自然人', '总计']), row(['一、本年新收政府信息公开申请数量', '5', '7']), row(['二、上年结转', '0', ''])]
			})
		);
		children.push(new Paragraph('表格之后的段落。'));
	}
	const doc = new Document({ sections: [{ children }] });
	return new Uint8Array(await Packer.toBuffer(doc));
}

describe('decodeFile: text', () => {
	it('decodes GBK text and names gb18030', async () => {
		const text = REPORT.join('\n');
		const r = await decodeFile(new Uint8Array(iconv.encode(text, 'gbk')), '报告.txt');
		expect(r).toEqual({ ok: true, text, format: 'txt', encoding: 'gb18030', warnings: [] });
	});

	it('decodes Big5 text', async () => {
		const text = '某縣政府資訊公開年度報告\n本年主動公開資訊三十則。';
		const r = await decodeFile(new Uint8Array(iconv.encode(text, 'big5')), 'report.txt');
		expect(r.ok && r.text).toBe(text);
		expect(r.ok && r.encoding).toBe('big5');
	});

	it('decodes UTF-8 with and without BOM, UTF-16LE with BOM', async () => {
		const text = REPORT.join('\r\n');
		const plain = await decodeFile(utf8(text), 'a.txt');
		expect(plain.ok && plain.text).toBe(text);
		const bom = await decodeFile(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]), 'a.txt');
		expect(bom.ok && bom.text).toBe(text);
		const le = await decodeFile(new Uint8Array([0xff, 0xfe, ...iconv.encode(text, 'utf-16le')]), 'a.txt');
		expect(le.ok && le.text).toBe(text);
		expect(le.ok && le.encoding).toBe('utf-16le');
	});

	it('empty file → empty; whitespace only → empty', async () => {
		expect(await decodeFile(new Uint8Array(0), 'a.txt')).toEqual({ ok: false, code: 'empty', message: '文件为空' });
		const r = await decodeFile(utf8(' \n\t\n'), 'a.txt');
		expect(r.ok === false && r.code).toBe('empty');
	});

	it('too large → too_large with the limit in MB', async () => {
		const r = await decodeFile(new Uint8Array(3 * 1024 * 1024), 'a.txt', { maxBytes: 2 * 1024 * 1024 });
		expect(r).toEqual({ ok: false, code: 'too_large', message: '文件过大（3 MB），上限为 2 MB' });
	});

	it('binary junk in a .txt → undecodable', async () => {
		const bytes = new Uint8Array(2000);
		for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31) % 256;
		const r = await decodeFile(bytes, 'a.txt');
		expect(r.ok === false && r.code).toBe('undecodable');
	});
});

describe('decodeFile: html', () => {
	const page = (charset: string): string =>
		`<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=${charset}"><title>年度报告</title>` +
		`<script>var s = "脚本";</script></head><body><nav>首页 政务公开 互动交流</nav><div id="content">` +
		REPORT.map((l) => `<p>${l}</p>`).join('') +
		`<table><tr><td>自然人</td><td>5</td></tr><tr><td>法人或其他组织</td><td>2</td></tr></table></div>` +
		`<footer>网站标识码：某某 联系我们</footer></body></html>`;

	it('honours a GBK <meta charset> and extracts the main text with table rows', async () => {
		const r = await decodeFile(new Uint8Array(iconv.encode(page('gb2312'), 'gbk')), 'page.htm');
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.format).toBe('html');
		expect(r.encoding).toBe('gb18030');
		expect(r.text.split('\n')).toEqual([...REPORT, '| 自然人 | 5 |', '| 法人或其他组织 | 2 |']);
		expect(r.tables?.[0].rows.map((row) => row.map((c) => c.text))).toEqual([['自然人', '5'], ['法人或其他组织', '2']]);
	});

	it('sniffs html by content even with a .txt name, and UTF-8 bytes beat a wrong meta', async () => {
		const r = await decodeFile(utf8(page('gbk')), 'saved.txt');
		expect(r.ok && r.format).toBe('html');
		expect(r.ok && r.encoding).toBe('utf-8');
		expect(r.ok && r.text).toContain(REPORT[2]);
		expect(r.ok && r.warnings.join()).toMatch(/声明的编码/);
	});

	it('a page with only navigation → empty', async () => {
		const r = await decodeFile(utf8('<html><body><nav>首页</nav><script>x()</script></body></html>'), 'x.html');
		expect(r.ok === false && r.code).toBe('empty');
	});
});

describe('decodeFile: docx', () => {
	it('keeps heading, paragraphs and table rows', async () => {
		const r = await decodeFile(await buildDocx(REPORT, true), '年报.docx');
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.format).toBe('docx');
		expect(r.encoding).toBeNull();
		expect(r.text.split('\n')).toEqual([
			...REPORT,
			'| 申请人情况 | 自然人 | 总计 |',
			'| 一、本年新收政府信息公开申请数量 | 5 | 7 |',
			'| 二、上年结转 | 0 |  |',
			'表格之后的段落。'
		]);
		expect(r.tables).toHaveLength(1);
		expect(r.tables![0].source).toBe('docx');
	});

	it('a docx table with merged cells becomes a grid with the spans expanded', async () => {
		const cell = (text: string, opts: { columnSpan?: number; rowSpan?: number } = {}): TableCell =>
			new TableCell({ children: [new Paragraph(text)], ...opts });
		const table = new Table({
			rows: [
				new TableRow({ children: [cell('项目', { rowSpan: 2 }), cell('申请人情况', { columnSpan: 3 })] }),
				new TableRow({ children: [cell('自然人'), cell('商业企业'), cell('总计')] }),
				new TableRow({ children: [cell('本年新收'), cell('4'), cell('1'), cell('5')] })
			]
		});
		const doc = new Document({ sections: [{ children: [new Paragraph(REPORT[0]), table] }] });
		const r = await decodeFile(new Uint8Array(await Packer.toBuffer(doc)), '合并单元格.docx');
		if (!r.ok) throw new Error(r.message);
		const t = r.tables![0];
		expect(t.rows.map((row) => row.map((c) => c.text))).toEqual([
			['项目', '申请人情况', '申请人情况', '申请人情况'],
			['项目', '自然人', '商业企业', '总计'],
			['本年新收', '4', '1', '5']
		]);
		expect(t.rows[1][0].spanned).toBe(true);
		expect(t.rows[0][2].spanned).toBe(true);
		for (const row of t.rows) for (const c of row) expect(r.text.slice(c.start, c.end)).toBe(c.text);
	});

	it('a truncated docx → corrupt', async () => {
		const bytes = await buildDocx(REPORT, true);
		const r = await decodeFile(bytes.subarray(0, Math.floor(bytes.length * 0.6)), '年报.docx');
		expect(r).toEqual({ ok: false, code: 'corrupt', message: '文件已损坏或不完整，无法读取（docx）' });
	});

	it('a docx with its body XML damaged → corrupt', async () => {
		const bad = zipSync({ '[Content_Types].xml': utf8('<Types/>'), 'word/document.xml': utf8('<w:document><w:body>') });
		const r = await decodeFile(bad, 'x.docx');
		expect(r.ok === false && r.code).toBe('corrupt');
	});

	it('an xlsx-like package → unsupported', async () => {
		const x = zipSync({ '[Content_Types].xml': utf8('<Types/>'), 'xl/workbook.xml': utf8('<workbook/>') });
		const r = await decodeFile(x, '统计表.xlsx');
		expect(r).toEqual({ ok: false, code: 'unsupported', message: `不支持的文件格式（.xlsx）。请提交以下格式之一：${ACCEPTED_FORMATS}` });
	});
});

describe('decodeFile: pdf', () => {
	it('extracts Chinese text from a CID font with a ToUnicode map, lines merged by y', async () => {
		const pdf = buildPdf([
			[
				{ text: '某区2023年政务公开工作总结', x: 100, y: 760, size: 16 },
				{ text: '一、主要工作', x: 72, y: 720 },
				{ text: '本年新收申请', x: 72, y: 700 },
				{ text: '12件', x: 260, y: 700 }
			],
			[{ text: '二、下一步工作打算', x: 72, y: 760 }]
		]);
		const r = await decodeFile(pdf, 'summary.pdf');
		expect(r).toEqual({
			ok: true,
			text: '某区2023年政务公开工作总结\n一、主要工作\n本年新收申请 12件\n二、下一步工作打算',
			format: 'pdf',
			encoding: null,
			warnings: []
		});
	});

	it('rebuilds a positioned-cell table split over two pages as one grid, page numbers and running header dropped', async () => {
		const r = await decodeFile(buildPdf(applicationTablePages()), '年报.pdf');
		if (!r.ok) throw new Error(r.message);
		expect(r.tables).toHaveLength(1);
		const t = r.tables![0];
		expect(t.pages).toEqual([1, 2]);
		expect(t.rows).toHaveLength(18);
		expect(t.rows[2].slice(3).map((c) => c.text)).toEqual(['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计']);
		const done = t.rows.find((row) => row[2].text === '3.补正后申请内容仍不明确')!;
		expect(done.map((c) => c.text).slice(1)).toEqual(['（四）无法提供', '3.补正后申请内容仍不明确', '0', '0', '0', '0', '0', '0', '0']);
		for (const row of t.rows) for (const c of row) expect(r.text.slice(c.start, c.end)).toBe(c.text);
		const lines = r.text.split('\n');
		expect(lines).toContain(PROSE.acrossPages);
		expect(r.text).not.toMatch(/- \d -|政务公开专栏/);
		// plain objects only (the result crosses worker threads)
		expect(JSON.parse(JSON.stringify(r))).toEqual(r);
	});

	it('a PDF with only a drawn rectangle → no_text_layer', async () => {
		const r = await decodeFile(buildPdf(['rect']), 'scan.pdf');
		expect(r).toEqual({ ok: false, code: 'no_text_layer', message: '此PDF没有文字层，请提供文字版或Word版' });
	});

	it('pages without text are named in a warning', async () => {
		const r = await decodeFile(buildPdf([[{ text: '第一页有文字的内容在这里。', x: 72, y: 700 }], 'rect']), 'mixed.pdf');
		expect(r.ok && r.warnings).toEqual(['第2页没有文字层（可能是扫描图片），这些页的内容未能提取']);
	});

	it('a truncated PDF → corrupt or no_text_layer, never a throw', async () => {
		const pdf = buildPdf([[{ text: '一些文字内容在这里一些文字', x: 72, y: 700 }]]);
		const r = await decodeFile(pdf.subarray(0, 40), 'cut.pdf');
		expect(r.ok).toBe(false);
		expect(['corrupt', 'no_text_layer']).toContain(r.ok === false && r.code);
	});

	it('times out → timeout', async () => {
		// 400 pages take far longer than 5 ms even with pdf.js warm; the deadline is checked per page.
		const pages = Array.from({ length: 400 }, () => [{ text: '超时测试的文字内容', x: 72, y: 700 }]);
		const r = await decodeFile(buildPdf(pages), 'slow.pdf', { timeoutMs: 5 });
		expect(r.ok === false && r.code).toBe('timeout');
		expect(r.ok === false && r.message).toMatch(/超时/);
	});
});

describe('decodeFile: unsupported formats', () => {
	const message = (label: string): string => `不支持的文件格式（${label}）。请提交以下格式之一：${ACCEPTED_FORMATS}`;

	it('legacy .doc / .wps (OLE2) → unsupported naming the accepted formats', async () => {
		const ole = new Uint8Array(1024);
		ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
		expect(await decodeFile(ole, '旧报告.doc')).toEqual({ ok: false, code: 'unsupported', message: message('.doc') });
		expect(await decodeFile(ole, '旧报告.wps')).toEqual({ ok: false, code: 'unsupported', message: message('.wps') });
	});

	it('PNG and JPEG images → unsupported', async () => {
		const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
		expect(await decodeFile(png, 'scan.png')).toEqual({ ok: false, code: 'unsupported', message: message('.png 图片') });
		const jpg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
		const r = await decodeFile(jpg, 'photo.txt');
		expect(r.ok === false && r.code).toBe('unsupported');
	});

	it('a plain zip given to decodeFile → unsupported with a hint', async () => {
		const z = zipSync({ 'a.txt': utf8('内容') });
		const r = await decodeFile(z, 'batch.zip');
		expect(r.ok === false && r.code).toBe('unsupported');
		expect(r.ok === false && r.message).toMatch(/压缩包/);
	});
});

const CORPUS = path.resolve(process.cwd(), '../shared/corpus');
const reports = fs.existsSync(path.join(CORPUS, 'reports'))
	? fs.readdirSync(path.join(CORPUS, 'reports')).filter((f) => f.endsWith('.txt'))
	: [];

describe.skipIf(reports.length === 0)('corpus round trip (skipped: ../shared/corpus absent)', () => {
	const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

	it.each(reports)('%s decodes to the same non-whitespace text as UTF-8, GBK, html and docx', async (file) => {
		const text = fs.readFileSync(path.join(CORPUS, 'reports', file), 'utf8');
		const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
		const want = nonWs(text);

		const u = await decodeFile(utf8(text), file);
		expect(u.ok && nonWs(u.text)).toBe(want);

		const gbkBytes = new Uint8Array(iconv.encode(text, 'gb18030'));
		const g = await decodeFile(gbkBytes, file);
		expect(g.ok && g.encoding).toBe('gb18030');
		expect(g.ok && nonWs(g.text)).toBe(want);

		const html =
			`<!doctype html><html><head><meta charset="utf-8"><title>${escape(lines[0].trim())}</title></head><body>` +
			`<div class="top"><nav><a>首页</a><a>信息公开</a></nav></div><div class="main"><div id="content">` +
			lines.map((l) => `<p>${escape(l)}</p>`).join('\n') +
			`</div></div><footer>版权所有 网站地图</footer></body></html>`;
		const h = await decodeFile(utf8(html), file.replace(/\.txt$/, '.html'));
		expect(h.ok && nonWs(h.text)).toBe(want);

		const d = await decodeFile(await buildDocx(lines, false), file.replace(/\.txt$/, '.docx'));
		expect(d.ok && nonWs(d.text)).toBe(want);
	});
});
