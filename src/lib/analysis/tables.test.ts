import { describe, it, expect } from 'vitest';
import { splitLines } from './noise';
import { checkApplications, checkReview, parseTables, applicationRows } from './tables';

/** Table 三 rows (2019 layout) with the given numbers for 本年新收 and 结转下年度. */
function appRows(received: number[], carried: number[], granted: number[], carryOver: number[]): [string, number[] | null][] {
	const zero = [0, 0, 0, 0, 0, 0, 0];
	const total = granted;
	return [
		['一、本年新收政府信息公开申请数量', received],
		['二、上年结转政府信息公开申请数量', carried],
		['三、本年度办理结果', null],
		['（一）予以公开', granted],
		['（二）部分公开', zero],
		['（三）不予公开', null],
		['1.属于国家秘密', zero],
		['（四）无法提供', null],
		['1.本机关不掌握相关政府信息', zero],
		['（五）不予处理', null],
		['1.重复申请', zero],
		['（六）其他处理', zero],
		['（七）总计', total],
		['四、结转下年度继续办理', carryOver]
	];
}
const HEADER = ['申请人情况', '自然人', '法人或其他组织', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'];

function render(form: 'pipe' | 'markdown' | 'tab' | 'cell', rows: [string, number[] | null][]): string {
	const out: string[] = ['三、收到和处理政府信息公开申请情况'];
	const row = (cells: string[]): string => {
		if (form === 'pipe') return cells.join(' | ') + ' |';
		if (form === 'markdown') return '| ' + cells.join(' | ') + ' |';
		return cells.join('\t');
	};
	if (form === 'cell') {
		out.push(...HEADER);
		for (const [label, nums] of rows) {
			out.push(label);
			if (nums) out.push(...nums.map(String));
		}
	} else {
		out.push(row(HEADER));
		if (form === 'markdown') out.push('|---|---|---|---|---|---|---|---|---|');
		for (const [label, nums] of rows) out.push(nums ? row([label, ...nums.map(String)]) : row([label, '']));
	}
	out.push('四、政府信息公开行政复议、行政诉讼情况');
	out.push('行政复议 | 行政诉讼 |');
	out.push('0 | 1 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |');
	out.push('五、存在的主要问题及改进情况');
	out.push('一是公开内容不够全面。');
	return out.join('\n');
}

function parse(text: string) {
	const lines = splitLines(text);
	return parseTables(lines, lines.map(() => false));
}

describe('application table (表三)', () => {
	const ok = appRows([2, 1, 0, 0, 0, 0, 3], [0, 0, 0, 0, 0, 0, 0], [2, 1, 0, 0, 0, 0, 3], [0, 0, 0, 0, 0, 0, 0]);
	it.each(['pipe', 'markdown', 'tab', 'cell'] as const)('parses the %s form into 7 columns', (form) => {
		const tables = parse(render(form, ok));
		const t = tables.find((x) => x.id === 'applications');
		expect(t).toBeDefined();
		if (!t) return;
		expect(t.columns).toEqual(['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计']);
		const r = applicationRows(t);
		expect(r.received).toEqual([2, 1, 0, 0, 0, 0, 3]);
		expect(r.total).toEqual([2, 1, 0, 0, 0, 0, 3]);
		expect(r.carryOver).toEqual([0, 0, 0, 0, 0, 0, 0]);
		expect(t.rows.some((x) => x.label.includes('（三）不予公开') && x.label.includes('国家秘密'))).toBe(true);
		const checks = checkApplications(t);
		expect(checks.find((c) => c.id === 'applications_identity')?.ok).toBe(true);
		expect(checks.find((c) => c.id === 'applications_row_totals')?.ok).toBe(true);
	});

	it('flags a failed identity with the offending cells', () => {
		const bad = appRows([5, 0, 0, 0, 0, 0, 5], [1, 0, 0, 0, 0, 0, 1], [4, 0, 0, 0, 0, 0, 4], [0, 0, 0, 0, 0, 0, 0]);
		const t = parse(render('pipe', bad)).find((x) => x.id === 'applications');
		expect(t).toBeDefined();
		if (!t) return;
		const id = checkApplications(t).find((c) => c.id === 'applications_identity');
		expect(id?.ok).toBe(false);
		expect(id?.cells).toEqual([
			{ row: '一+二 与 三（七）总计+四', column: '自然人', expected: 6, actual: 4 },
			{ row: '一+二 与 三（七）总计+四', column: '总计', expected: 6, actual: 4 }
		]);
	});

	it('treats a blank cell as missing, not as a failure', () => {
		const rows = appRows([1, 0, 0, 0, 0, 0, 1], [0, 0, 0, 0, 0, 0, 0], [1, 0, 0, 0, 0, 0, 1], [0, 0, 0, 0, 0, 0, 0]);
		const text = render('pipe', rows).replace('一、本年新收政府信息公开申请数量 | 1 |', '一、本年新收政府信息公开申请数量 |  |');
		const t = parse(text).find((x) => x.id === 'applications');
		expect(t).toBeDefined();
		if (!t) return;
		expect(applicationRows(t).received?.[0]).toBeNull();
		const id = checkApplications(t).find((c) => c.id === 'applications_identity');
		expect(id?.ok).toBe(true);
		expect(id?.details).toContain('6 列');
	});

	it('flags a row whose 总计 is not the sum of the applicant columns', () => {
		const rows = appRows([1, 1, 0, 0, 0, 0, 3], [0, 0, 0, 0, 0, 0, 0], [1, 1, 0, 0, 0, 0, 3], [0, 0, 0, 0, 0, 0, 0]);
		const t = parse(render('tab', rows)).find((x) => x.id === 'applications');
		if (!t) throw new Error('table missing');
		const rt = checkApplications(t).find((c) => c.id === 'applications_row_totals');
		expect(rt?.ok).toBe(false);
		expect(rt?.cells?.[0]).toMatchObject({ column: '总计', expected: 2, actual: 3 });
	});

	it('detects the 2021 layout by its 其他处理 sub-rows', () => {
		const rows = appRows([0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0]);
		const i = rows.findIndex(([l]) => l === '（六）其他处理');
		rows.splice(i, 1, ['（六）其他处理', null], ['1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', [0, 0, 0, 0, 0, 0, 0]]);
		const t = parse(render('pipe', rows)).find((x) => x.id === 'applications');
		expect(t?.layout).toBe('2021');
	});
});

describe('review and litigation table (表四)', () => {
	it('reads 15 numbers into three groups and checks the totals', () => {
		const ok = appRows([0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0]);
		const t = parse(render('pipe', ok)).find((x) => x.id === 'review_litigation');
		expect(t?.rows[0]).toEqual({ label: '行政复议', cells: [0, 1, 0, 0, 1] });
		if (!t) return;
		expect(checkReview(t)?.ok).toBe(true);
		t.rows[0].cells[4] = 2;
		expect(checkReview(t)?.ok).toBe(false);
	});
});

describe('active disclosure table (表二)', () => {
	it('parses item rows and the 2021 layout', () => {
		const text = [
			'二、主动公开政府信息情况',
			'第二十条第（一）项 |',
			'信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |',
			'规章 | 0 | 0 | 0 |',
			'行政规范性文件 | 3 | 1 | 12 |',
			'第二十条第（五）项 |',
			'信息内容 | 本年处理决定数量 |',
			'行政许可 | 25 |',
			'三、收到和处理政府信息公开申请情况'
		].join('\n');
		const t = parse(text).find((x) => x.id === 'active_disclosure');
		expect(t?.layout).toBe('2021');
		expect(t?.rows).toEqual([
			{ label: '规章', cells: [0, 0, 0] },
			{ label: '行政规范性文件', cells: [3, 1, 12] },
			{ label: '行政许可', cells: [25] }
		]);
	});

	it('does not take a prose section with the same title for a table', () => {
		const text = '二、主动公开政府信息情况\n全年共主动公开政府信息320条，其中通过网站公开200条。\n三、其他';
		expect(parse(text)).toEqual([]);
	});
});

describe('a sentence between the table title and the table', () => {
	it('still finds the table, and leaves the sentence as prose (a stated zero the engine can read)', async () => {
		const { analyze } = await import('./analyze');
		const { defaultRubric } = await import('./rubric');
		const rows = appRows([0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0]);
		const table = render('pipe', rows).replace('三、收到和处理政府信息公开申请情况\n', '三、收到和处理政府信息公开申请情况\n本年度我局未收到政府信息公开申请。\n');
		const text = `某县自然资源局2022年政府信息公开工作年度报告\n${table}\n五、存在的主要问题及改进情况\n一是公开内容不够全面；二是解读形式单一。`;
		const lines = splitLines(text);
		const tables = parseTables(lines, lines.map(() => false));
		const app = tables.find((t) => t.id === 'applications')!;
		expect(app.rows.length).toBeGreaterThan(5);
		expect(lines[app.firstLine].text).not.toContain('未收到');
		const r = analyze(text, defaultRubric);
		expect(r.indicators.find((i) => i.id === 'rq.consistency')?.level).toBe(2);
		const apps = r.indicators.find((i) => i.id === 'rc.applications')!;
		expect(apps.level).toBe(2);
		expect(apps.evidence.map((e) => e.text).join('')).toMatch(/未收到政府信息公开申请|本年新收/);
	});
});
