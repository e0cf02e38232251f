/**
 * The real annual-report PDFs of ../shared/corpus/pdf (a development set, read in place; skipped
 * when absent): each decodes with 表三 as one grid whose rows carry 7 numbers (自然人 … 总计), and
 * with 表二's blocks and 表四 as grids.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DocTable } from '../../analysis/types';
import { decodeFile } from './decode';

const DIR = path.resolve(import.meta.dirname, '../../../../../shared/corpus/pdf');
const FILES = ['huaian-hongze-2023.pdf', 'huaian-hongze-2024.pdf', 'huaian-city-2024.pdf'];
const present = FILES.every((f) => fs.existsSync(path.join(DIR, f)));

const NUM = /^\d+(?:\.\d+)?$/;
const numbers = (row: DocTable['rows'][number]): string[] => row.map((c) => c.text).filter((t) => NUM.test(t));
const label = (row: DocTable['rows'][number]): string => row.filter((c) => !NUM.test(c.text)).map((c) => c.text).join(' ');

describe.skipIf(!present)('real annual-report PDFs (../shared/corpus/pdf; skipped when absent)', () => {
	it.each(FILES)('%s: 表三, 表二 and 表四 come as grids', async (file) => {
		const bytes = new Uint8Array(fs.readFileSync(path.join(DIR, file)));
		const r = await decodeFile(bytes, file, { timeoutMs: 60_000 });
		if (!r.ok) throw new Error(r.message);
		const tables = r.tables ?? [];
		for (const t of tables) for (const row of t.rows) for (const c of row) expect(r.text.slice(c.start, c.end)).toBe(c.text);

		const t3 = tables.find((t) => t.rows.some((row) => label(row).includes('本年新收')));
		expect(t3, '表三').toBeDefined();
		const header = t3!.rows.find((row) => row.some((c) => c.text === '商业企业'))!;
		const named = header.map((c) => c.text).slice(-7);
		expect(named).toEqual(['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计']);
		for (const key of ['本年新收', '上年结转', '予以公开', '部分公开', '属于国家秘密', '本机关不掌握', '信访举报', '（七）总计', '结转下年度']) {
			const row = t3!.rows.find((x) => label(x).includes(key));
			expect(row, key).toBeDefined();
			expect(numbers(row!), key).toHaveLength(7);
		}
		// the identity the two readers checked: 一 + 二 = 三（七）总计 + 四, per column
		const col = (key: string): number[] => numbers(t3!.rows.find((x) => label(x).includes(key))!).map(Number);
		const [a, b, c, d] = [col('本年新收'), col('上年结转'), col('（七）总计'), col('结转下年度')];
		expect(a.map((v, i) => v + b[i])).toEqual(c.map((v, i) => v + d[i]));

		const t2 = tables.find((t) => t.rows[0].map((c) => c.text).join('|') === '信息内容|本年制发件数|本年废止件数|现行有效件数');
		expect(t2, '表二 第二十条第（一）项').toBeDefined();
		expect(t2!.rows.map((row) => row[0].text)).toEqual(['信息内容', '规章', '行政规范性文件']);
		for (const kind of ['行政许可', '行政处罚', '行政强制', '行政事业性收费']) {
			expect(tables.some((t) => t.rows.some((row) => row[0].text === kind && row.length === 2 && NUM.test(row[1].text))), kind).toBe(true);
		}

		const t4 = tables.find((t) => t.rows[0].some((c) => c.text === '行政复议'));
		expect(t4, '表四').toBeDefined();
		expect(t4!.rows[0]).toHaveLength(15);
		expect(numbers(t4!.rows[t4!.rows.length - 1])).toHaveLength(15);
		expect(t4!.rows[t4!.rows.length - 2].map((c) => c.text)).toEqual([
			...['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'],
			...['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'],
			...['结果维持', '结果纠正', '其他结果', '尚未审结', '总计']
		]);
	});
});
