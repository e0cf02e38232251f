import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseCsv, readAgencyList } from './agency-list';

describe('parseCsv', () => {
	it('handles quotes, doubled quotes, commas and newlines inside quotes, CRLF', () => {
		expect(parseCsv('a,"b,c","d""e"\r\n"多\n行",x\r\n')).toEqual([
			['a', 'b,c', 'd"e'],
			['多\n行', 'x']
		]);
	});
});

describe('readAgencyList', () => {
	it('reads a GBK CSV with Chinese headers, splits aliases and reports skipped rows', async () => {
		const csv = '单位名称,分组,地区,别名\r\n青岚盟教育局,盟直部门,青岚盟,盟教育局、教育局\r\n,盟直部门,,\r\n青岚盟教育局,盟直部门,,\r\n北岭旗人民政府,旗县市区,青岚盟/北岭旗,\r\n';
		const r = await readAgencyList(iconv.encode(csv, 'gbk'), '名单.csv');
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.rows).toEqual([
			{ name: '青岚盟教育局', group: '盟直部门', region: '青岚盟', level: null, aliases: ['盟教育局', '教育局'] },
			{ name: '北岭旗人民政府', group: '旗县市区', region: '青岚盟/北岭旗', level: null, aliases: [] }
		]);
		expect(r.skipped).toEqual(['第 3 行没有单位名称', '第 4 行“青岚盟教育局”重复']);
	});

	it('reads an xlsx built with exceljs', async () => {
		const wb = new ExcelJS.Workbook();
		const ws = wb.addWorksheet('名单');
		ws.addRow(['name', 'group', 'aliases']);
		ws.addRow(['青岚盟财政局', '盟直部门', '财政局|盟财政局']);
		const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
		const r = await readAgencyList(bytes, 'list.xlsx');
		expect(r).toMatchObject({ ok: true, rows: [{ name: '青岚盟财政局', group: '盟直部门', aliases: ['财政局', '盟财政局'] }] });
	});

	it('refuses a list without a name column, a broken xlsx and another format with a clear message', async () => {
		expect(await readAgencyList(new TextEncoder().encode('分组,地区\n盟直部门,青岚盟\n'), 'a.csv')).toEqual({ ok: false, message: '第一行应为表头，且包含“单位名称”（或“单位”“名称”）列' });
		expect(await readAgencyList(new Uint8Array([1, 2, 3]), 'a.xlsx')).toMatchObject({ ok: false, message: expect.stringContaining('Excel 文件无法读取') });
		expect(await readAgencyList(new Uint8Array([1]), 'a.pdf')).toEqual({ ok: false, message: '单位名单请使用 .csv 或 .xlsx 文件' });
	});
});
