/**
 * Tables handed over as cell grids (the document model): rowspan/colspan in the header and the
 * body, a table continued on a second grid (a PDF page break), columns found by header label even
 * when the decoder's grid orders them differently, and evidence offsets into the original text.
 */
import { describe, expect, it } from 'vitest';
import { BALANCED, gridDocument, htmlTableThree, tableThree, type SpecCell } from '../../../test/fixtures/annual-tables';
import { analyze } from './analyze';
import { defaultRubric } from './rubric';
import type { DocTable } from './types';

const HEAD = '某县自然资源局2023年政府信息公开工作年度报告\n一、总体情况\n2023年，我局本年新收政府信息公开申请5件。\n三、收到和处理政府信息公开申请情况';
const TAIL = '五、存在的主要问题及改进情况\n一是公开内容不够全面。\n某县自然资源局\n2024年1月15日';

describe('table three from an HTML grid with rowspan and colspan', () => {
	it('reads all seven columns by their header labels and every row label from the spans', () => {
		const { text, table } = gridDocument(HEAD, htmlTableThree(tableThree(BALANCED)), TAIL);
		const r = analyze({ text, tables: [table] }, defaultRubric);
		const t = r.tables.find((x) => x.id === 'applications')!;
		expect(t.source).toBe('grid');
		expect(t.layout).toBe('2021');
		expect(t.columns).toEqual(['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计']);
		expect(t.rows.find((x) => x.label.startsWith('一、本年新收'))?.cells).toEqual(BALANCED.received);
		// the row label joins the spanning group labels: 三、本年度办理结果 （四）无法提供 1.本机关不掌握…
		const notHeld = t.rows.find((x) => x.label.includes('本机关不掌握'))!;
		expect(notHeld.label).toBe('三、本年度办理结果 （四）无法提供 1.本机关不掌握相关政府信息');
		expect(notHeld.cells).toEqual(BALANCED.notHeld);
		expect(r.checks.find((c) => c.id === 'applications_identity')).toMatchObject({ ok: true, params: { checked: 7 } });
		expect(r.checks.find((c) => c.id === 'applications_outcome_total')?.ok).toBe(true);
		expect(r.indicators.find((i) => i.id === 'rq.consistency')?.level).toBe(2);
		// evidence offsets point at the cells in the original text
		for (const e of r.checks.find((c) => c.id === 'applications_identity')!.evidence!) expect(text.slice(e.start, e.end)).toBe(String(e.value));
		expect(t.cellSpans?.[0].map((sp) => (sp ? text.slice(sp[0], sp[1]) : null))).toEqual(BALANCED.received.map(String));
	});

	it('maps columns by header, not by position (a grid with 总计 first)', () => {
		const rows: SpecCell[][] = [
			[{ text: '申请人情况', colspan: 2 }, { text: '总计' }, { text: '自然人' }, { text: '商业企业' }, { text: '科研机构' }, { text: '社会公益组织' }, { text: '法律服务机构' }, { text: '其他' }],
			...tableThree(BALANCED)
				.filter(([, f]) => f)
				.map(([l, f]): SpecCell[] => [{ text: l, colspan: 2 }, { text: String(f![6]) }, ...f!.slice(0, 6).map((v) => ({ text: String(v) }))])
		];
		const { text, table } = gridDocument(HEAD, rows, TAIL);
		const t = analyze({ text, tables: [table] }, defaultRubric).tables.find((x) => x.id === 'applications')!;
		expect(t.rows[0].cells).toEqual(BALANCED.received);
	});

	it('a blank grid cell is missing, not zero', () => {
		const spec = htmlTableThree(tableThree({ ...BALANCED, carried: [null, 0, 0, 0, 0, 0, 1] }));
		const { text, table } = gridDocument(HEAD, spec, TAIL);
		const r = analyze({ text, tables: [table] }, defaultRubric);
		expect(r.checks.find((c) => c.id === 'applications_identity')).toMatchObject({ status: 'missing', params: { checked: 6, missing: 1 } });
	});

	it('joins a table continued on a second grid (a page break), with the page number between them', () => {
		const spec = htmlTableThree(tableThree(BALANCED));
		const cut = spec.findIndex((r) => r.some((c) => c.text.startsWith('（四）无法提供')));
		// the second page repeats no header; its group label starts again on the page
		const first = gridDocument(HEAD, spec.slice(0, cut), '');
		const second = spec.slice(cut).map((r) => r.map((c) => ({ ...c })));
		const part2 = gridDocument(first.text + '- 3 -\n', second.map((r, i) => (i === 0 ? [{ text: '三、本年度办理结果', rowspan: second.length - 1 }, ...r] : r)), TAIL);
		const tables: DocTable[] = [first.table, part2.table].map((t) => ({ ...t, source: 'pdf' as const }));
		const r = analyze({ text: part2.text, tables }, defaultRubric);
		const apps = r.tables.filter((x) => x.id === 'applications');
		expect(apps).toHaveLength(1);
		expect(apps[0].rows.find((x) => x.label.includes('结转下年度'))?.cells).toEqual(BALANCED.carryOver);
		expect(r.checks.find((c) => c.id === 'applications_identity')).toMatchObject({ ok: true, params: { checked: 7 } });
		expect(r.checks.find((c) => c.id === 'applications_outcome_total')).toMatchObject({ ok: true, params: { checked: 7 } });
	});
});

describe('table four and table two from grids', () => {
	it('reads 表四 by its three header rows (groups spanning five columns)', () => {
		const res = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
		const spec: SpecCell[][] = [
			[{ text: '行政复议', colspan: 5 }, { text: '行政诉讼', colspan: 10 }],
			[...res.map((t) => ({ text: t, rowspan: 2 })), { text: '未经复议直接起诉', colspan: 5 }, { text: '复议后起诉', colspan: 5 }],
			[...res, ...res].map((t) => ({ text: t })),
			[2, 1, 0, 0, 3, 0, 0, 0, 1, 1, 0, 1, 0, 0, 1].map((v) => ({ text: String(v) }))
		];
		const { text, table } = gridDocument('某县2023年政府信息公开工作年度报告\n四、政府信息公开行政复议、行政诉讼情况', spec, TAIL);
		const r = analyze({ text, tables: [table] }, defaultRubric);
		const t = r.tables.find((x) => x.id === 'review_litigation')!;
		expect(t.rows.map((x) => x.cells)).toEqual([
			[2, 1, 0, 0, 3],
			[0, 0, 0, 1, 1],
			[0, 1, 0, 0, 1]
		]);
		expect(r.checks.find((c) => c.id === 'review_litigation_totals')?.ok).toBe(true);
	});

	it('reads 表二 with a figure spanning three columns', () => {
		const spec: SpecCell[][] = [
			[{ text: '第二十条第（一）项', colspan: 4 }],
			[{ text: '信息内容' }, { text: '本年制发件数' }, { text: '本年废止件数' }, { text: '现行有效件数' }],
			[{ text: '规章' }, { text: '0' }, { text: '0' }, { text: '2' }],
			[{ text: '行政规范性文件' }, { text: '3' }, { text: '1' }, { text: '12' }],
			[{ text: '第二十条第（五）项', colspan: 4 }],
			[{ text: '信息内容' }, { text: '本年处理决定数量', colspan: 3 }],
			[{ text: '行政许可' }, { text: '25', colspan: 3 }]
		];
		const { text, table } = gridDocument('某县2023年政府信息公开工作年度报告\n二、主动公开政府信息情况', spec, TAIL);
		const t = analyze({ text, tables: [table] }, defaultRubric).tables.find((x) => x.id === 'active_disclosure')!;
		expect(t.layout).toBe('2021');
		expect(t.rows).toEqual([
			{ label: '规章', cells: [0, 0, 2] },
			{ label: '行政规范性文件', cells: [3, 1, 12] },
			{ label: '行政许可', cells: [25] }
		]);
	});
});
