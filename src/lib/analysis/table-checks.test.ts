/**
 * Every table check passing and failing, with the cells it read; blank cells as missing; flattened
 * tables split when unambiguous and left unread (with a warning) when not; the PDF text-layer form;
 * cross-round carry-over. Fixtures are built in code (test/fixtures/annual-tables.ts).
 */
import { describe, expect, it } from 'vitest';
import { BALANCED, pdfTextTableThree, pipeTableFour, pipeTableThree, pipeTableTwo, tableThree, type Row } from '../../../test/fixtures/annual-tables';
import { analyze, type AnalysisResult } from './analyze';
import { splitDigitRuns, rowTotal } from './flat-tables';
import { defaultRubric } from './rubric';
import { crossRoundChecks } from './table-checks';

const TITLE = '青岚县交通运输局2023年政府信息公开工作年度报告';
const INTRO = '一、总体情况\n本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。\n2023年，我局认真贯彻落实政府信息公开条例，本年新收政府信息公开申请5件，均按时答复。';

function report(opts: { rows?: Row[]; four?: number[]; two?: string; intro?: string; form?: 'pipe' | 'pdf' } = {}): string {
	const rows = opts.rows ?? tableThree(BALANCED);
	const three = opts.form === 'pdf' ? pdfTextTableThree(rows) : pipeTableThree(rows);
	return [
		TITLE,
		opts.intro ?? INTRO,
		opts.two ?? pipeTableTwo({ rules: [0, 0, 2], normative: [3, 1, 12], licensing: 25, penalties: 7 }),
		three,
		pipeTableFour(opts.four ?? [1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
		'五、存在的主要问题及改进情况',
		'一是公开内容不够全面。下一步，我局将加强培训。',
		'青岚县交通运输局',
		'2024年1月20日'
	].join('\n');
}
const run = (text: string): AnalysisResult => analyze(text, defaultRubric);
const check = (r: AnalysisResult, id: string) => r.checks.find((c) => c.id === id);
const consistency = (r: AnalysisResult) => r.indicators.find((i) => i.id === 'rq.consistency')?.level;

describe('table three checks', () => {
	it('all relations hold: ok, with every cell read as evidence pointing at its figure in the text', () => {
		const text = report();
		const r = run(text);
		const t = r.tables.find((x) => x.id === 'applications')!;
		expect(t.columns).toHaveLength(7);
		for (const id of ['applications_identity', 'applications_row_totals', 'applications_outcome_total']) expect(check(r, id)).toMatchObject({ ok: true, status: 'ok' });
		const ev = check(r, 'applications_identity')!.evidence!;
		expect(ev).toHaveLength(28); // 4 rows × 7 columns
		for (const e of ev) {
			expect(text.slice(e.start, e.end)).toBe(String(e.value));
			expect(t.rows[e.row].cells[e.column]).toBe(e.value);
		}
		expect(ev.some((e) => e.bad)).toBe(false);
		expect(consistency(r)).toBe(2);
	});

	it('a failed identity names the column and marks the cells it read', () => {
		const rows = tableThree({ ...BALANCED, carryOver: [2, 0, 0, 0, 0, 0, 2] });
		const r = run(report({ rows }));
		const c = check(r, 'applications_identity')!;
		expect(c).toMatchObject({ ok: false, status: 'failed' });
		expect(c.cells).toEqual([
			{ row: '一+二 与 三（七）总计+四', column: '自然人', expected: 4, actual: 5 },
			{ row: '一+二 与 三（七）总计+四', column: '总计', expected: 6, actual: 7 }
		]);
		const bad = c.evidence!.filter((e) => e.bad);
		expect(new Set(bad.map((e) => e.column))).toEqual(new Set([0, 6]));
		expect(bad).toHaveLength(8);
		expect(consistency(r)).toBe(0);
	});

	it('outcome rows that do not add up to （七）总计 fail, and rq.consistency with them', () => {
		const rows = tableThree({ ...BALANCED, granted: [3, 1, 0, 0, 1, 0, 5] });
		const r = run(report({ rows }));
		expect(check(r, 'applications_identity')?.ok).toBe(true);
		const c = check(r, 'applications_outcome_total')!;
		expect(c).toMatchObject({ ok: false, status: 'failed' });
		expect(c.cells?.map((x) => x.column)).toEqual(['自然人', '总计']);
		expect(c.evidence!.filter((e) => e.bad).length).toBeGreaterThan(0);
		expect(consistency(r)).toBe(0);
	});

	it("a row whose 总计 is not the sum of the applicant columns fails with that row's cells", () => {
		const rows = tableThree({ ...BALANCED, received: [3, 1, 0, 0, 1, 0, 6], total: [3, 1, 0, 0, 1, 0, 6] });
		const c = check(run(report({ rows })), 'applications_row_totals')!;
		expect(c.ok).toBe(false);
		expect(c.cells?.[0]).toMatchObject({ row: '一、本年新收政府信息公开申请数量', column: '总计', expected: 5, actual: 6 });
		// both rows that state 6 (本年新收 and （七）总计) fail, each with its seven cells
		expect(c.params?.failed).toBe(2);
		expect(c.evidence!.filter((e) => e.bad)).toHaveLength(14);
	});

	it('a blank cell is missing data: status missing, a warning, rq.consistency not failed', () => {
		const rows = tableThree({ ...BALANCED, carried: [null, 0, 0, 0, 0, 0, 1] });
		const r = run(report({ rows }));
		const c = check(r, 'applications_identity')!;
		expect(c).toMatchObject({ ok: true, status: 'missing', params: { checked: 6, failed: 0, missing: 1 } });
		expect(c.details).toContain('1 列有空白单元格');
		expect(c.evidence!.some((e) => e.value === null && e.column === 0)).toBe(true);
		expect(r.meta.warnings.find((w) => w.code === 'table_cells_missing')).toMatchObject({ params: { table: 'applications' } });
		expect(consistency(r)).toBe(2);
	});

	it('every key row blank: nothing checkable, rq.consistency partial, not failed', () => {
		const blank = [null, null, null, null, null, null, null];
		const rows = tableThree({ ...BALANCED, received: blank, carried: blank });
		const r = run(report({ rows }));
		expect(check(r, 'applications_identity')).toMatchObject({ ok: false, status: 'missing', params: { checked: 0 } });
		expect(consistency(r)).toBe(1);
	});

	it('reads the PDF text-layer form (label then figures, a page number between rows)', () => {
		const r = run(report({ form: 'pdf' }));
		const t = r.tables.find((x) => x.id === 'applications')!;
		expect(t.layout).toBe('2021');
		expect(check(r, 'applications_identity')).toMatchObject({ ok: true, params: { checked: 7 } });
		expect(check(r, 'applications_outcome_total')?.ok).toBe(true);
	});
});

describe('table four', () => {
	it('group totals hold / fail with the group cells', () => {
		expect(check(run(report()), 'review_litigation_totals')).toMatchObject({ ok: true, status: 'ok' });
		const c = check(run(report({ four: [10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0] })), 'review_litigation_totals')!;
		expect(c).toMatchObject({ ok: false, params: { checked: 3, failed: 2 } });
		expect(c.evidence!.filter((e) => e.bad).map((e) => `${e.row}:${e.column}`)).toEqual(['0:0', '0:1', '0:2', '0:3', '0:4', '2:0', '2:1', '2:2', '2:3', '2:4']);
	});
});

describe('the narrative against the tables', () => {
	it('本年新收…件 agrees with the table / is flagged with both figures', () => {
		const ok = check(run(report()), 'text_applications')!;
		expect(ok).toMatchObject({ ok: true, params: { table: 5, text: 5 } });
		expect(ok.spans?.[0].text).toContain('本年新收政府信息公开申请5件');
		const bad = check(run(report({ intro: INTRO.replace('申请5件', '申请8件') })), 'text_applications')!;
		expect(bad).toMatchObject({ ok: false, status: 'failed', params: { table: 5, text: 8 } });
		expect(bad.evidence?.[0]).toMatchObject({ table: 'applications', column: 6, value: 5, bad: true });
	});

	it('行政复议…件 and 行政诉讼…件 against table four', () => {
		const intro = `${INTRO}\n全年发生政府信息公开行政复议1件，行政诉讼0件。`;
		const r = run(report({ intro }));
		expect(check(r, 'text_review')).toMatchObject({ ok: true, params: { table: 1, text: 1 } });
		expect(check(r, 'text_litigation')).toMatchObject({ ok: true });
		const r2 = run(report({ intro: intro.replace('行政复议1件', '行政复议3件') }));
		expect(check(r2, 'text_review')).toMatchObject({ ok: false, params: { table: 1, text: 3 } });
	});

	it('table two counts stated in the text', () => {
		const intro = `${INTRO}\n全年制发行政规范性文件3件，作出行政许可决定25件。`;
		expect(check(run(report({ intro })), 'text_active_disclosure')).toMatchObject({ ok: true, params: { checked: 2 } });
		const bad = check(run(report({ intro: intro.replace('许可决定25件', '许可决定52件') })), 'text_active_disclosure')!;
		expect(bad).toMatchObject({ ok: false, params: { failed: 1 } });
		expect(bad.cells).toEqual([{ row: '行政许可', column: '正文', expected: 25, actual: 52 }]);
	});

	it('the year inside the report against its period', () => {
		expect(check(run(report()), 'report_year')).toMatchObject({ ok: true, params: { year: 2023 } });
		const reused = INTRO.replace('自2023年1月1日起至2023年12月31日止', '自2022年1月1日起至2022年12月31日止');
		const c = check(run(report({ intro: reused })), 'report_year')!;
		expect(c).toMatchObject({ ok: false, params: { year: 2023, found: 2022 } });
		expect(c.spans?.[0].text).toContain('2022年1月1日');
	});

	it('the layout against the year: a 2019-layout table in a 2023 report is a failed check', () => {
		expect(check(run(report()), 'table_layout')).toMatchObject({ ok: true, params: { layout: '2021' } });
		const old = pipeTableTwo({ rules: [0, 0, 2], normative: [3, 1, 12], licensing: 25, penalties: 7 })
			.replace('本年制发件数 | 本年废止件数 | 现行有效件数', '本年新制作数量 | 本年新公开数量 | 对外公开总数量')
			.replaceAll('本年处理决定数量', '处理决定数量');
		const rows = tableThree(BALANCED).filter(([l]) => !/^\d\.申请人|^3\.其他$/.test(l)).map(([l, f]): Row => (l === '（六）其他处理' ? [l, [0, 0, 0, 0, 0, 0, 0]] : [l, f]));
		const r = run(report({ two: old, rows }));
		expect(check(r, 'table_layout')).toMatchObject({ ok: false, params: { year: 2023, layout: '2019', expected: '2021' } });
		expect(r.meta.warnings.some((w) => w.code === 'old_table_layout')).toBe(true);
	});
});

describe('flattened tables (web copies)', () => {
	const flatThree = (totalRow: string) =>
		`${TITLE}\n一、总体情况2023年，我局认真落实条例要求，本年新收政府信息公开申请34件。三、收到和处理政府信息公开申请情况申请人情况自然人法人或其他组织商业企业科研机构社会公益组织法律服务机构其他总计一、本年新收政府信息公开申请数量31 2 0 0 1 0 34二、上年结转政府信息公开申请数量0 0 0 0 0 0 0三、本年度办理结果（一）予以公开31 2 0 0 1 0 34（二）部分公开0 0 0 0 0 0 0（三）不予公开1.属于国家秘密0 0 0 0 0 0 0（四）无法提供1.本机关不掌握相关政府信息0 0 0 0 0 0 0（五）不予处理1.信访举报投诉类申请0 0 0 0 0 0 0（六）其他处理1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请0 0 0 0 0 0 0${totalRow}四、结转下年度继续办理0 0 0 0 0 0 0五、存在的主要问题及改进情况一是公开内容不够全面。`;

	it('splits run-together digits when only one split keeps the row total', () => {
		expect(splitDigitRuns([{ text: '31', start: 0 }, { text: '2', start: 3 }, { text: '00', start: 5 }, { text: '1', start: 8 }, { text: '034', start: 10 }], 7, rowTotal(7))).toMatchObject({
			kind: 'unique',
			parts: [{ value: 31 }, { value: 2 }, { value: 0 }, { value: 0 }, { value: 1 }, { value: 0 }, { value: 34 }]
		});
		const text = flatThree('（七）总计31 2 00 1 034');
		const r = run(text);
		const t = r.tables.find((x) => x.id === 'applications')!;
		expect(t.source).toBe('flat');
		const total = t.rows.find((x) => x.label.includes('总计'))!;
		expect(total.cells).toEqual([31, 2, 0, 0, 1, 0, 34]);
		expect(check(r, 'applications_identity')).toMatchObject({ ok: true, params: { checked: 7 } });
		// the split row's evidence points at the digits it came from
		const ev = check(r, 'applications_identity')!.evidence!.filter((e) => t.rows[e.row] === total);
		expect(ev.map((e) => text.slice(e.start, e.end))).toEqual(['31', '2', '0', '0', '1', '0', '34']);
		expect(r.meta.warnings.some((w) => w.code === 'table_split_ambiguous')).toBe(false);
	});

	it('does not guess when the digits split more than one way: a warning, the row unread', () => {
		// 110000112 is 11 0 0 0 0 1 12 or 1 10 0 0 0 1 12: both keep the total
		expect(splitDigitRuns([{ text: '110000112', start: 0 }], 7, rowTotal(7))).toEqual({ kind: 'ambiguous', solutions: 2 });
		const r = run(flatThree('（七）总计110000112'));
		const w = r.meta.warnings.find((x) => x.code === 'table_split_ambiguous');
		expect(w?.params?.row).toContain('总计');
		const t = r.tables.find((x) => x.id === 'applications')!;
		expect(t.rows.some((x) => x.label.includes('（七）总计'))).toBe(false);
		expect(check(r, 'applications_identity')).toMatchObject({ ok: false, status: 'missing', params: { checked: 0 } });
	});
});

describe('across rounds', () => {
	const tablesOf = (rows: Row[], two: string) => run(report({ rows, two })).tables;
	const two = (inForce: number) => pipeTableTwo({ rules: [0, 0, 2], normative: [3, 1, inForce], licensing: 25, penalties: 7 });

	it('上年结转 equals last year’s 结转下年度; 现行有效 = last year’s + 制发 − 废止', () => {
		const last = tablesOf(tableThree({ ...BALANCED, carried: [0, 0, 0, 0, 0, 0, 0], received: [4, 1, 0, 0, 1, 0, 6] }), two(10));
		const now = tablesOf(tableThree(BALANCED), two(12));
		const cs = crossRoundChecks(now, last);
		expect(cs.find((c) => c.id === 'carry_over')).toMatchObject({ ok: true, params: { checked: 7 } });
		expect(cs.find((c) => c.id === 'documents_in_force')).toMatchObject({ ok: true, params: { checked: 2 } });
		const ev = cs.find((c) => c.id === 'carry_over')!.evidence!;
		expect(ev.filter((e) => e.previous)).toHaveLength(7);
	});

	it('flags a carry-over and an in-force count that do not follow from last year', () => {
		const last = tablesOf(tableThree({ ...BALANCED, carryOver: [2, 0, 0, 0, 0, 0, 2] }), two(7));
		const now = tablesOf(tableThree(BALANCED), two(12));
		const cs = crossRoundChecks(now, last);
		const co = cs.find((c) => c.id === 'carry_over')!;
		expect(co).toMatchObject({ ok: false, status: 'failed' });
		expect(co.cells).toEqual([
			{ row: '二、上年结转', column: '自然人', expected: 2, actual: 1 },
			{ row: '二、上年结转', column: '总计', expected: 2, actual: 1 }
		]);
		const inForce = cs.find((c) => c.id === 'documents_in_force')!;
		expect(inForce.cells).toEqual([{ row: '行政规范性文件', column: '现行有效件数', expected: 9, actual: 12 }]);
	});
});

describe('table metrics', () => {
	it('the table wins over the text, with a warning naming both figures', () => {
		const text = report({ intro: INTRO.replace('申请5件', '申请8件') });
		const r = run(text);
		const m = r.metrics.find((x) => x.id === 'applications_received')!;
		expect(m.value).toBe(5);
		expect(m.evidence.text).toBe('5');
		expect(r.meta.warnings.find((w) => w.code === 'table_text_differs')).toMatchObject({ params: { metric: 'applications_received', table: 5, text: 8 } });
		expect(run(report()).meta.warnings.some((w) => w.code === 'table_text_differs')).toBe(false);
	});

	it('the counts of table two, each with its cell as evidence', () => {
		const r = run(report());
		const got = Object.fromEntries(r.metrics.filter((x) => !['applications_received'].includes(x.id)).map((x) => [x.id, [x.value, x.evidence.text]]));
		expect(got).toMatchObject({
			rules_issued: [0, '0'],
			rules_in_force: [2, '2'],
			normative_issued: [3, '3'],
			normative_repealed: [1, '1'],
			normative_in_force: [12, '12'],
			licensing_decisions: [25, '25'],
			penalty_decisions: [7, '7']
		});
	});
});
