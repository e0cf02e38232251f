import { describe, expect, it } from 'vitest';
import type { DocTable } from '../../analysis/types';
import { applicationTablePages, centred, paragraph, PROSE, repeatedHeaderPages, toLayoutPages, type PlacedText } from './pdf-fixtures';
import { layoutPdf, pageLines } from './pdf-layout';

const texts = (t: DocTable, r: number): string[] => t.rows[r].map((c) => c.text);
const rowByLabel = (t: DocTable, label: string): string[] => {
	const row = t.rows.find((r) => r.some((c) => !c.spanned && c.text.includes(label)));
	if (!row) throw new Error(`no row ${label}`);
	return row.map((c) => c.text);
};

describe('pageLines', () => {
	it('groups items by baseline and cuts a line where cells stand apart', () => {
		const [items] = toLayoutPages([
			[
				{ text: '本年新收', x: 72, y: 700, size: 10 },
				{ text: '申请', x: 112, y: 700.4, size: 10 },
				{ text: '12', x: 300, y: 699, size: 14 },
				{ text: '下一行', x: 72, y: 680, size: 10 }
			]
		]).map((p) => p.items);
		const lines = pageLines(items);
		expect(lines.map((l) => l.segs.map((s) => s.text))).toEqual([['本年新收申请', '12'], ['下一行']]);
	});
});

describe('layoutPdf: prose and page furniture', () => {
	const r = layoutPdf(toLayoutPages(applicationTablePages()));
	const lines = r.text.split('\n');

	it('drops page numbers (- 1 -, a lone 3) and the running header', () => {
		expect(r.text).not.toMatch(/- \d -/);
		expect(lines).not.toContain('3');
		expect(r.text).not.toContain('政务公开专栏');
	});

	it.each([['1/3', '2/3'], ['第1页', '第2页'], ['— 1 —', '— 2 —'], ['1', '2']])('drops page numbers like %s between the lines of a paragraph', (a, b) => {
		const [first, second] = paragraph(PROSE.acrossPages, 100);
		const pages: PlacedText[][] = [
			[{ text: '某县人民政府2023年政府信息公开工作年度报告', x: 72, y: 780, size: 16 }, first, centred(a, 297, 40, 10)],
			[{ ...second, y: 780 }, ...paragraph(PROSE.acrossPages, 740).slice(2), centred(b, 297, 40, 10)]
		];
		const lines = layoutPdf(toLayoutPages(pages)).text.split('\n');
		expect(lines).toEqual(['某县人民政府2023年政府信息公开工作年度报告', PROSE.acrossPages]);
	});

	it('joins a paragraph broken over lines, and over a page break', () => {
		expect(lines).toContain(PROSE.opening);
		expect(lines).toContain(PROSE.acrossPages);
	});

	it('keeps headings on their own lines', () => {
		expect(lines).toContain('三、收到和处理政府信息公开申请情况');
		expect(lines).toContain('五、存在的主要问题及改进情况');
		expect(lines[0]).toBe('某县自然资源局2023年政府信息公开工作年度报告');
	});

	it('does not join a short line, nor before an enumerated item', () => {
		const page: PlacedText[] = [
			...paragraph('第一段的文字比较长，需要折成两行才能放下，这里继续写一些内容直到超过一行的长度为止', 700),
			{ text: '一是加强组织领导，明确责任分工，确保各项工作落到实处，推动政务公开工作', x: 72, y: 660, size: 12 },
			{ text: '不断深化。', x: 72, y: 640, size: 12 },
			{ text: '短行标题', x: 72, y: 620, size: 12 },
			{ text: '下一段。', x: 72, y: 600, size: 12 }
		];
		const t = layoutPdf(toLayoutPages([page])).text.split('\n');
		expect(t).toEqual([
			'第一段的文字比较长，需要折成两行才能放下，这里继续写一些内容直到超过一行的长度为止',
			'一是加强组织领导，明确责任分工，确保各项工作落到实处，推动政务公开工作不断深化。',
			'短行标题',
			'下一段。'
		]);
	});
});

describe('layoutPdf: the application table split over two pages', () => {
	const r = layoutPdf(toLayoutPages(applicationTablePages()));
	const [t] = r.tables;

	it('is one table of 3 header rows and 15 data rows, 3 stub and 7 number columns', () => {
		expect(r.tables).toHaveLength(1);
		expect(t.source).toBe('pdf');
		expect(t.pages).toEqual([1, 2]);
		expect(t.rows).toHaveLength(18);
		expect(t.rows.every((row) => row.length === 10)).toBe(true);
	});

	it('rebuilds the three header levels with their spans', () => {
		expect(texts(t, 0).slice(3)).toEqual(Array(7).fill('申请人情况'));
		expect(texts(t, 1).slice(3)).toEqual(['自然人', ...Array(5).fill('法人或其他组织'), '总计']);
		expect(texts(t, 2).slice(3)).toEqual(['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计']);
		expect(t.rows[2][3].spanned).toBe(true);
		expect(t.rows[1][5].spanned).toBe(true);
		expect(t.rows[1][4].spanned).toBeFalsy();
		expect(texts(t, 0)[0]).toBe('（本列数据勾稽关系：一加二等于三加四）');
	});

	it('puts each row with its label levels and 7 numbers', () => {
		expect(rowByLabel(t, '一、本年新收')).toEqual([...Array(3).fill('一、本年新收政府信息公开申请数量'), '6', '2', '0', '0', '1', '0', '9']);
		expect(rowByLabel(t, '（二）部分公开')).toEqual([
			'三、本年度办理结果',
			'（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
			'（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
			'1', '0', '0', '0', '0', '0', '1'
		]);
		expect(rowByLabel(t, '2.其他法律').slice(0, 3)).toEqual(['三、本年度办理结果', '（三）不予公开', '2.其他法律行政法规禁止公开']);
		expect(rowByLabel(t, '（七）总计').slice(1)).toEqual(['（七）总计', '（七）总计', '7', '2', '0', '0', '1', '0', '10']);
		expect(rowByLabel(t, '四、结转下年度').slice(3)).toEqual(Array(7).fill('0'));
	});

	it('spreads a group label over its rows, across the page break', () => {
		expect(rowByLabel(t, '1.本机关不掌握').slice(1, 3)).toEqual(['（四）无法提供', '1.本机关不掌握相关政府信息']);
		expect(rowByLabel(t, '2.没有现成信息').slice(1, 3)).toEqual(['（四）无法提供', '2.没有现成信息需要另行制作']);
		expect(rowByLabel(t, '3.补正后').slice(1, 3)).toEqual(['（四）无法提供', '3.补正后申请内容仍不明确']);
		expect(rowByLabel(t, '1.信访举报').slice(1, 3)).toEqual(['（五）不予处理', '1.信访举报投诉类申请']);
		const row = t.rows.find((x) => x[2].text === '2.没有现成信息需要另行制作')!;
		expect(row[1].spanned).toBe(true);
		expect(row[0]).toMatchObject({ text: '三、本年度办理结果', spanned: true });
	});

	it('writes one | line per grid row, spanned slots empty, cells pointing into the text', () => {
		const tableLines = r.text.slice(t.start, t.end).split('\n');
		expect(tableLines).toHaveLength(18);
		expect(tableLines[3]).toBe('| 一、本年新收政府信息公开申请数量 |  |  | 6 | 2 | 0 | 0 | 1 | 0 | 9 |');
		for (const row of t.rows) {
			for (const c of row) expect(r.text.slice(c.start, c.end)).toBe(c.text);
		}
	});
});

describe('layoutPdf: table blocks', () => {
	it('continues a table under its header repeated on the next page; a new header starts a new table', () => {
		const r = layoutPdf(toLayoutPages(repeatedHeaderPages()));
		expect(r.tables).toHaveLength(2);
		const [a, b] = r.tables;
		expect(a.rows.map((x) => x.map((c) => c.text))).toEqual([
			['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
			['规章', '0', '0', '2'],
			['行政规范性文件', '3', '1', '12']
		]);
		expect(a.pages).toEqual([1, 2]);
		expect(b.rows.map((x) => x.map((c) => c.text))).toEqual([
			['信息内容', '本年处理决定数量'],
			['行政许可', '25']
		]);
		const lines = r.text.split('\n');
		expect(lines.filter((l) => l.startsWith('| 信息内容 | 本年制发件数'))).toHaveLength(1);
		expect(lines).toContain('第二十条第（一）项');
		expect(lines).toContain('第二十条第（五）项');
		expect(r.text).not.toMatch(/第 \d 页/);
	});

	it('keeps a short section heading right above a table out of its header', () => {
		const pages = repeatedHeaderPages();
		pages[0][0] = { text: '二、主动公开', x: 72, y: 700, size: 10 };
		pages[0][1] = { ...pages[0][1], y: 685 };
		const r = layoutPdf(toLayoutPages(pages));
		expect(r.text.split('\n').slice(0, 2)).toEqual(['二、主动公开', '第二十条第（一）项']);
		expect(r.tables[0].rows[0].map((c) => c.text)).toEqual(['信息内容', '本年制发件数', '本年废止件数', '现行有效件数']);
	});

	it('leaves a label and a figure on one line as text, not a table', () => {
		const r = layoutPdf(toLayoutPages([[{ text: '本年新收申请', x: 72, y: 700 }, { text: '12件', x: 260, y: 700 }, centred('正文', 200, 660, 12)]]));
		expect(r.tables).toEqual([]);
		expect(r.text.split('\n')[0]).toBe('本年新收申请 12件');
	});
});
