import { describe, it, expect } from 'vitest';
import iconv from 'iconv-lite';
import { Document, Packer, Paragraph } from 'docx';
import { zipSync } from 'fflate';
import { expandUpload, listZipEntryNames } from './zip';
import { buildZip, deflatedZeros } from './test-fixtures';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const gbk = (s: string): Uint8Array => new Uint8Array(iconv.encode(s, 'gbk'));
const MB = 1024 * 1024;

describe('expandUpload', () => {
	it('passes a non-zip through as one entry', () => {
		const bytes = utf8('政务公开工作总结');
		expect(expandUpload(bytes, '总结.txt')).toEqual({ entries: [{ path: '总结.txt', bytes }], rejected: [] });
	});

	it('passes a docx (a zip) through whole', async () => {
		const docx = new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('正文')] }] })));
		const r = expandUpload(docx, '报告.docx');
		expect(r.entries).toHaveLength(1);
		expect(r.entries[0].path).toBe('报告.docx');
		// Even when renamed to .zip, a docx is recognised by its parts.
		expect(expandUpload(docx, 'upload.zip').entries[0].path).toBe('upload.zip');
	});

	it('expands nested folders with GBK names (no UTF-8 flag) and UTF-8 names, skipping junk', () => {
		const zip = buildZip([
			{ name: gbk('2023年/某局/年度报告.txt'), data: utf8('甲'), utf8Flag: false },
			{ name: gbk('2023年/某局/'), data: new Uint8Array(0), utf8Flag: false, method: 0 },
			{ name: '2023年/自查报告.html', data: utf8('<p>乙</p>') },
			{ name: gbk('根目录说明.txt'), data: utf8('丙'), utf8Flag: false, method: 0 },
			{ name: '__MACOSX/2023年/._年度报告.txt', data: utf8('x') },
			{ name: '2023年/.DS_Store', data: utf8('x') },
			{ name: 'Thumbs.db', data: utf8('x') }
		]);
		const r = expandUpload(zip, '材料.zip');
		expect(r.rejected).toEqual([]);
		expect(r.entries.map((e) => [e.path, new TextDecoder().decode(e.bytes)])).toEqual([
			['2023年/某局/年度报告.txt', '甲'],
			['2023年/自查报告.html', '<p>乙</p>'],
			['根目录说明.txt', '丙']
		]);
	});

	it('reads zips written by fflate (UTF-8 flag set)', () => {
		const z = zipSync({ '报告/一.txt': utf8('一'), '报告/二.txt': utf8('二') });
		expect(expandUpload(z, 'a.zip').entries.map((e) => e.path)).toEqual(['报告/一.txt', '报告/二.txt']);
	});

	it('expands a nested zip one level, rejects a second level', () => {
		const innermost = zipSync({ 'deep.txt': utf8('深') });
		const inner = buildZip([
			{ name: '内层.txt', data: utf8('内') },
			{ name: 'again.zip', data: innermost, method: 0 }
		]);
		const outer = buildZip([
			{ name: '外层.txt', data: utf8('外') },
			{ name: '分包/inner.zip', data: inner }
		]);
		const r = expandUpload(outer, 'outer.zip');
		expect(r.entries.map((e) => e.path)).toEqual(['外层.txt', '分包/inner.zip/内层.txt']);
		expect(r.rejected).toEqual([{ path: '分包/inner.zip/again.zip', message: '压缩包嵌套超过一层，请先解压内层压缩包再上传' }]);
	});

	it('rejects ../ and absolute paths, keeps the rest', () => {
		const zip = buildZip([
			{ name: '../x.txt', data: utf8('x') },
			{ name: 'a/../../etc/passwd', data: utf8('x') },
			{ name: '/abs.txt', data: utf8('x') },
			{ name: 'C:\\win.txt', data: utf8('x') },
			{ name: 'ok.txt', data: utf8('好') }
		]);
		const r = expandUpload(zip, 'evil.zip');
		expect(r.entries.map((e) => e.path)).toEqual(['ok.txt']);
		expect(r.rejected.map((x) => x.path)).toEqual(['../x.txt', 'a/../../etc/passwd', '/abs.txt', 'C:/win.txt']);
		for (const x of r.rejected) expect(x.message).toMatch(/路径不安全/);
	});

	it('a corrupt zip → a single rejected item', () => {
		const z = zipSync({ 'a.txt': utf8('内容'.repeat(100)) });
		const r = expandUpload(z.subarray(0, z.length - 30), 'broken.zip');
		expect(r.entries).toEqual([]);
		expect(r.rejected).toEqual([{ path: 'broken.zip', message: '压缩包已损坏或不完整，无法解压（broken.zip）' }]);
	});

	it('a CRC mismatch or damaged data is rejected, not thrown', () => {
		const zip = buildZip([
			{ name: 'crc.txt', data: utf8('正文内容'), crc: 12345 },
			{ name: 'bad.txt', data: utf8('正文'), compressed: new Uint8Array([0xff, 0xff, 0xff, 0xff]) }
		]);
		const r = expandUpload(zip, 'x.zip');
		expect(r.entries).toEqual([]);
		expect(r.rejected.map((x) => x.path)).toEqual(['crc.txt', 'bad.txt']);
	});

	it('limits the number of entries', () => {
		const z = zipSync(Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`f${i}.txt`, utf8('字')])));
		const r = expandUpload(z, 'many.zip', { maxEntries: 4 });
		expect(r.entries).toEqual([]);
		expect(r.rejected).toEqual([{ path: 'many.zip', message: '压缩包内文件过多（5 个），上限为 4 个，请分批上传' }]);
	});

	it('limits per-entry and total size', () => {
		const z = zipSync({ 'a.txt': new Uint8Array(600_000).fill(0x41), 'b.txt': new Uint8Array(600_000).fill(0x42), 'c.txt': utf8('小') });
		const perEntry = expandUpload(z, 'z.zip', { maxEntryBytes: 500_000 });
		expect(perEntry.entries.map((e) => e.path)).toEqual(['c.txt']);
		expect(perEntry.rejected[0].message).toMatch(/单个文件上限/);
		const total = expandUpload(z, 'z.zip', { maxTotalBytes: 1_000_000 });
		expect(total.entries.map((e) => e.path)).toEqual(['a.txt', 'c.txt']);
		expect(total.rejected).toEqual([{ path: 'b.txt', message: expect.stringMatching(/总大小超过上限/) }]);
	});
});

describe('zip bombs', () => {
	it('an honest 300 MB entry of zeros is refused from the central directory (ratio), memory stays low', () => {
		const comp = deflatedZeros(300);
		const zip = buildZip([{ name: 'bomb.txt', data: new Uint8Array(0), compressed: comp, declaredSize: 300 * MB, crc: 0 }]);
		const before = process.memoryUsage().rss;
		const r = expandUpload(zip, 'bomb.zip', { maxEntryBytes: 400 * MB });
		expect(r.entries).toEqual([]);
		expect(r.rejected[0].message).toMatch(/压缩比异常/);
		expect(process.memoryUsage().rss - before).toBeLessThan(100 * MB);
	});

	it('a header lying about the size stops inflation just past the declared size', () => {
		const comp = deflatedZeros(300);
		// Declares 2 MB; the stream would inflate to 300 MB.
		const zip = buildZip([{ name: 'liar.txt', data: new Uint8Array(0), compressed: comp, declaredSize: 2 * MB, crc: 0 }]);
		const before = process.memoryUsage().rss;
		const r = expandUpload(zip, 'liar.zip', { maxRatio: 1_000_000 });
		expect(r.entries).toEqual([]);
		expect(r.rejected).toEqual([{ path: 'liar.txt', message: '文件实际大小超过压缩包中声明的大小，疑似压缩炸弹，已拒绝' }]);
		expect(process.memoryUsage().rss - before).toBeLessThan(100 * MB);
	});

	it('a lying compressed size is caught by the ratio check while inflating', () => {
		const comp = deflatedZeros(40);
		// Pad the compressed data so the declared ratio looks harmless (40 MB / 1 MB = 40:1).
		const padded = new Uint8Array(MB);
		padded.set(comp);
		const zip = buildZip([{ name: 'sneaky.txt', data: new Uint8Array(0), compressed: padded, declaredSize: 40 * MB, crc: 0 }]);
		const r = expandUpload(zip, 'sneaky.zip');
		expect(r.entries).toEqual([]);
		expect(r.rejected[0].message).toMatch(/压缩比异常（超过 200:1）/);
	});
});

describe('listZipEntryNames', () => {
	it('lists names, null for non-zip bytes', () => {
		expect(listZipEntryNames(zipSync({ 'word/document.xml': utf8('<x/>') }))).toEqual(['word/document.xml']);
		expect(listZipEntryNames(utf8('not a zip at all, just text'))).toBeNull();
	});
});
