/**
 * The standard annual-report tables (国办公开办函〔2019〕60号 layout for 2019–2020 reports,
 * 〔2021〕30号 layout from 2021), written out as text the way they arrive in practice:
 * `|`-separated rows or one cell per line.
 */
import type { Rng } from './rng';

export type TableLayout = '2019' | '2021';
export type TableStyle = 'pipe' | 'cells';

export interface TableOptions {
	layout: TableLayout;
	style: TableStyle;
	/** No applications at all this year (every cell of the application table is 0). */
	zeroApplications: boolean;
	/** Break the identity 一 + 二 = 三 + 四 in exactly one applicant column. */
	breakIdentity: boolean;
	/** A banner/county government (has 规章-free but busier tables). */
	isGov: boolean;
}

export interface BuiltTables {
	active: string[];
	applications: string[];
	review: string[];
	/** Total of row 一 (new applications), the true figure (before any injected typo). */
	newApplications: number;
	carriedApplications: number;
	forwardApplications: number;
	identityHolds: boolean;
	/** Labels of active-disclosure rows that carry a non-zero figure (规范性文件, 行政许可 …). */
	activeFigures: string[];
}

export const APPLICANT_COLUMNS = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'] as const;

/** Outcome rows of part 三 as [group label or '', row label]. */
function outcomeRows(layout: TableLayout): Array<[string, string]> {
	const rows: Array<[string, string]> = [
		['（一）予以公开', ''],
		['（二）部分公开（区分处理的，只计这一情形，不计其他情形）', ''],
		['（三）不予公开', '1.属于国家秘密'],
		['', '2.其他法律行政法规禁止公开'],
		['', '3.危及“三安全一稳定”'],
		['', '4.保护第三方合法权益'],
		['', '5.属于三类内部事务信息'],
		['', '6.属于四类过程性信息'],
		['', '7.属于行政执法案卷'],
		['', '8.属于行政查询事项'],
		['（四）无法提供', '1.本机关不掌握相关政府信息'],
		['', '2.没有现成信息需要另行制作'],
		['', '3.补正后申请内容仍不明确'],
		['（五）不予处理', '1.信访举报投诉类申请'],
		['', '2.重复申请'],
		['', '3.要求提供公开出版物'],
		['', '4.无正当理由大量反复申请'],
		['', '5.要求行政机关确认或重新出具已获取信息']
	];
	if (layout === '2019') rows.push(['（六）其他处理', '']);
	else
		rows.push(
			['（六）其他处理', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'],
			['', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请'],
			['', '3.其他']
		);
	return rows;
}

/** Relative likelihood of each outcome row (予以公开 dominates, as in practice). */
function outcomeWeights(count: number): number[] {
	const w = new Array<number>(count).fill(0.15);
	w[0] = 6;
	w[1] = 1.2;
	w[10] = 1.5; // 本机关不掌握
	w[13] = 0.6; // 信访举报投诉类
	w[count - 1] = 0.4;
	return w;
}

function weightedIndex(rng: Rng, w: number[]): number {
	const total = w.reduce((a, b) => a + b, 0);
	let r = rng.next() * total;
	for (let i = 0; i < w.length; i++) {
		r -= w[i];
		if (r < 0) return i;
	}
	return w.length - 1;
}

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

function renderRow(cells: Array<string | number>, style: TableStyle, pipeVariant: number): string[] {
	const parts = cells.map((c) => String(c)).filter((c) => c !== '');
	if (style === 'cells') return parts;
	if (pipeVariant === 0) return [`${parts.join(' | ')} |`];
	if (pipeVariant === 1) return [`| ${parts.join(' | ')} |`];
	return [parts.join('|')];
}

export function buildTables(rng: Rng, o: TableOptions): BuiltTables {
	const pv = rng.int(0, 2);
	const row = (cells: Array<string | number>): string[] => renderRow(cells, o.style, pv);
	const activeFigures: string[] = [];
	const active = buildActive(rng, o, row, activeFigures);

	// Part 三: applications by applicant type.
	const outcomes = outcomeRows(o.layout);
	const cols = APPLICANT_COLUMNS.length;
	const fresh = new Array<number>(cols).fill(0);
	const carried = new Array<number>(cols).fill(0);
	const forward = new Array<number>(cols).fill(0);
	const grid: number[][] = outcomes.map(() => new Array<number>(cols).fill(0));
	if (!o.zeroApplications) {
		fresh[0] = rng.int(1, o.isGov ? 60 : 18);
		for (let c = 1; c < cols; c++) if (rng.chance(c === 1 ? 0.35 : 0.1)) fresh[c] = rng.int(1, 4);
		if (rng.chance(0.3)) carried[0] = rng.int(1, 3);
		const weights = outcomeWeights(outcomes.length);
		for (let c = 0; c < cols; c++) {
			const total = fresh[c] + carried[c];
			if (total > 0 && rng.chance(0.25)) forward[c] = rng.int(0, Math.min(2, total));
			for (let k = 0; k < total - forward[c]; k++) grid[weightedIndex(rng, weights)][c]++;
		}
	}
	const handled = new Array<number>(cols).fill(0).map((_, c) => sum(grid.map((r) => r[c])));
	const trueFreshTotal = sum(fresh);
	let holds = true;
	if (o.breakIdentity) {
		// A typo in one cell of row 一 (the 总计 column keeps the true figure).
		const c = rng.chance(0.6) ? 0 : rng.int(1, cols - 1);
		fresh[c] += rng.int(1, 3);
		holds = false;
	}
	const withTotal = (xs: number[], trueTotal?: number): number[] => [...xs, trueTotal ?? sum(xs)];

	const applications: string[] = [];
	applications.push(
		...row(['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '申请人情况']),
		...row(['自然人', '法人或其他组织', '总计']),
		...row(['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他']),
		...row(['一、本年新收政府信息公开申请数量', ...withTotal(fresh, trueFreshTotal)]),
		...row(['二、上年结转政府信息公开申请数量', ...withTotal(carried)])
	);
	outcomes.forEach(([group, label], i) => {
		const lead = i === 0 ? ['三、本年度办理结果', group] : [group];
		applications.push(...row([...lead, label, ...withTotal(grid[i])]));
	});
	applications.push(
		...row(['（七）总计', ...withTotal(handled)]),
		...row(['四、结转下年度继续办理', ...withTotal(forward)])
	);

	const review = buildReview(rng, o, row, sum(handled) > 0);
	return {
		active,
		applications,
		review,
		newApplications: trueFreshTotal,
		carriedApplications: sum(carried),
		forwardApplications: sum(forward),
		identityHolds: holds,
		activeFigures
	};
}

function buildActive(
	rng: Rng,
	o: TableOptions,
	plainRow: (cells: Array<string | number>) => string[],
	figures: string[]
): string[] {
	const out: string[] = [];
	const positive = (v: string | number): boolean => (typeof v === 'number' ? v > 0 : Number.parseFloat(v) > 0);
	const row = (cells: Array<string | number>): string[] => {
		if (cells.slice(1).some(positive)) figures.push(String(cells[0]));
		return plainRow(cells);
	};
	const docs = rng.int(0, o.isGov ? 25 : 6);
	const permits = rng.chance(0.6) ? rng.int(0, o.isGov ? 4000 : 600) : 0;
	const penalties = rng.chance(0.5) ? rng.int(0, o.isGov ? 800 : 120) : 0;
	const coercion = rng.chance(0.2) ? rng.int(0, 30) : 0;
	if (o.layout === '2019') {
		out.push(
			...row(['第二十条第（一）项']),
			...row(['信息内容', '本年新制作数量', '本年新公开数量', '对外公开总数量']),
			...row(['规章', 0, 0, 0]),
			...row(['规范性文件', docs, docs, docs + rng.int(0, 40)]),
			...row(['第二十条第（五）项']),
			...row(['信息内容', '上一年项目数量', '本年增/减', '处理决定数量']),
			...row(['行政许可', rng.int(0, 60), rng.int(-3, 5), permits]),
			...row(['其他对外管理服务事项', rng.int(0, 30), rng.int(-2, 4), rng.int(0, 900)]),
			...row(['第二十条第（六）项']),
			...row(['信息内容', '上一年项目数量', '本年增/减', '处理决定数量']),
			...row(['行政处罚', rng.int(0, 90), rng.int(-4, 6), penalties]),
			...row(['行政强制', rng.int(0, 12), 0, coercion]),
			...row(['第二十条第（八）项']),
			...row(['信息内容', '上一年项目数量', '本年增/减']),
			...row(['行政事业性收费', rng.int(0, 8), rng.int(-1, 1)]),
			...row(['第二十条第（九）项']),
			...row(['信息内容', '采购项目数量', '采购总金额']),
			...row(['政府集中采购', rng.int(0, 20), `${rng.int(0, 900)}.${rng.int(0, 99)}万元`])
		);
	} else {
		out.push(
			...row(['第二十条第（一）项']),
			...row(['信息内容', '本年制发件数', '本年废止件数', '现行有效件数']),
			...row(['规章', 0, 0, 0]),
			...row(['行政规范性文件', docs, rng.int(0, 5), docs + rng.int(0, 40)]),
			...row(['第二十条第（五）项']),
			...row(['信息内容', '本年处理决定数量']),
			...row(['行政许可', permits]),
			...row(['第二十条第（六）项']),
			...row(['信息内容', '本年处理决定数量']),
			...row(['行政处罚', penalties]),
			...row(['行政强制', coercion]),
			...row(['第二十条第（八）项']),
			...row(['信息内容', '本年收费金额（单位：万元）']),
			...row(['行政事业性收费', rng.chance(0.7) ? 0 : `${rng.int(0, 300)}.${rng.int(0, 99)}`])
		);
	}
	return out;
}

function buildReview(rng: Rng, o: TableOptions, row: (cells: Array<string | number>) => string[], busy: boolean): string[] {
	const group = (): number[] => {
		const g = [0, 0, 0, 0];
		if (busy && rng.chance(o.isGov ? 0.5 : 0.15)) g[rng.chance(0.7) ? 0 : rng.int(1, 3)] = rng.int(1, 2);
		return [...g, sum(g)];
	};
	const head = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
	return [
		...row(['行政复议', '行政诉讼']),
		...row([...head, '未经复议直接起诉', '复议后起诉']),
		...row([...head, ...head]),
		...row([...group(), ...group(), ...group()])
	];
}
