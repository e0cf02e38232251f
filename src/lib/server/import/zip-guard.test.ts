import { describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import { buildZip } from './test-fixtures';
import { inflatingDocx, longDocx } from './heavy-fixtures';
import { checkArchive, expandUpload } from './zip';
import { decodeFile } from './decode';
import { readAgencyList } from './agency-list';
import { withLocale } from '../../i18n/with-locale';

describe('checkArchive: one guard for every zip-shaped file', () => {
	it('passes a real-shaped docx and counts its real inflated size', () => {
		const docx = longDocx(200);
		const g = checkArchive(docx);
		expect(g.ok).toBe(true);
		expect(g.ok && g.inflatedBytes).toBeGreaterThan(docx.length);
		expect(g.ok && g.entries).toBe(3);
	});

	it('refuses a docx whose declared size is over the budget, without inflating it', () => {
		expect(checkArchive(inflatingDocx(300))).toEqual({ ok: false, code: 'too_large', message: '文件解压后超过大小上限（200 MB），已拒绝' });
		const ratio = checkArchive(inflatingDocx(100));
		expect(ratio).toMatchObject({ ok: false, code: 'too_large' });
		expect(!ratio.ok && ratio.message).toMatch(/^压缩比异常（约 \d+:1，上限 200:1），疑似压缩炸弹，已拒绝$/);
	});

	it('refuses a docx whose header lies about its size (the real inflated size is measured)', () => {
		const liar = inflatingDocx(30, 1);
		expect(checkArchive(liar)).toEqual({ ok: false, code: 'too_large', message: '文件实际大小超过压缩包中声明的大小，疑似压缩炸弹，已拒绝' });
	});

	it('refuses too many parts and a real total over the budget', () => {
		const parts: Record<string, Uint8Array> = {};
		for (let i = 0; i < 30; i++) parts[`word/p${i}.xml`] = new TextEncoder().encode(`<p>${i}</p>`);
		expect(checkArchive(zipSync(parts), { maxEntries: 20 })).toMatchObject({ ok: false, code: 'too_large', message: '文件内部包含的部件过多（30 个），上限为 20 个，已拒绝' });
		const docx = longDocx(3000);
		const real = checkArchive(docx);
		expect(real.ok).toBe(true);
		const budget = Math.floor((real.ok ? real.inflatedBytes : 0) / 2);
		expect(checkArchive(docx, { maxInflatedBytes: budget })).toMatchObject({ ok: false, code: 'too_large' });
	});

	it('a size problem reaches the user as a size problem, never as a damaged file (decodeFile, English too)', async () => {
		const r = await decodeFile(inflatingDocx(300), 'report.docx');
		expect(r).toMatchObject({ ok: false, code: 'too_large' });
		expect(!r.ok && r.message).not.toMatch(/损坏/);
		const en = await withLocale('en', () => decodeFile(inflatingDocx(30, 1), 'report.docx'));
		expect(en).toEqual({ ok: false, code: 'too_large', message: 'Rejected: the file is larger than the archive declares, which suggests a zip bomb' });
	});

	it('guards an agency list .xlsx the same way', async () => {
		const r = await readAgencyList(inflatingDocx(300), '名单.xlsx');
		expect(r).toMatchObject({ ok: false });
		expect(!r.ok && r.message).toMatch(/压缩炸弹|上限/);
	});
});

describe('a docx inside a zip counts against the zip’s one budget', () => {
	it('refuses the inflating docx inside a zip before any parser sees it, keeps the good one', () => {
		const good = longDocx(50);
		const zip = buildZip([
			{ name: '好.docx', data: good, method: 0 },
			{ name: '炸弹.docx', data: inflatingDocx(300), method: 0 }
		]);
		const r = expandUpload(zip, '材料.zip');
		expect(r.entries.map((e) => e.path)).toEqual(['好.docx']);
		expect(r.rejected).toEqual([{ path: '炸弹.docx', message: '文件解压后超过大小上限（200 MB），已拒绝' }]);
	});

	it('docx parts and the zip’s other files share maxTotalBytes', () => {
		const a = longDocx(3000);
		const size = (checkArchive(a) as { inflatedBytes: number }).inflatedBytes;
		const zip = buildZip([
			{ name: 'a.docx', data: a, method: 0 },
			{ name: 'b.docx', data: longDocx(3001), method: 0 }
		]);
		// Room for the two files as stored plus the first one's parts, not for the second one's parts.
		const r = expandUpload(zip, 'z.zip', { maxTotalBytes: a.length * 2 + size + Math.floor(size / 2) });
		expect(r.entries.map((e) => e.path)).toEqual(['a.docx']);
		expect(r.rejected.map((x) => x.path)).toEqual(['b.docx']);
		expect(r.rejected[0].message).toMatch(/上限/);
		expect(r.rejected[0].message).not.toMatch(/损坏/);
	});
});
