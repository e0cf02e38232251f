/**
 * Every check the standard annual-report tables allow (DOMAIN.md, "The annual-report tables"):
 * 表三 一+二 = 三（七）总计+四 per column, （七）总计 = the outcome rows, each row's 总计 = the applicant
 * columns; 表四 each group's 总计 = its four results; and, across rounds, this year's 上年结转 = last
 * year's 结转下年度继续办理 and 表二's 现行有效件数 = last year's + 制发 − 废止.
 *
 * Each check lists the cells it read (`evidence`: table, row, column, value, offsets) so the report
 * page can show them; a blank cell makes a relation "missing", never "failed". Pure: tables in,
 * checks out; offsets are whatever coordinates the tables carry (analyze maps them to the original).
 */
import type { CheckCell, CheckEvidence, CheckResult, TableResult } from './types';

export const APPLICANT_COLUMNS = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'] as const;
export const REVIEW_COLUMNS = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'] as const;

/** What a check reads of a table (a TableResult, or the engine's ParsedTable). */
export type CheckTable = Pick<TableResult, 'id' | 'layout' | 'rows' | 'columns' | 'cellSpans'> & {
	/** rows whose run-together digits were split using their own total (not checkable against it) */
	splitRows?: readonly number[];
};

type Row = (number | null)[];

export interface AppRowIndex {
	received: number;
	carried: number;
	total: number;
	carryOver: number;
	/** the outcome rows between 二、上年结转 and （七）总计 that carry figures */
	outcomes: number[];
}

const norm = (l: string): string => l.replace(/\s+/g, '');

/** Row indexes of 表三's key rows (-1 when absent). */
export function applicationRowIndex(t: Pick<TableResult, 'rows'>): AppRowIndex {
	const ix: AppRowIndex = { received: -1, carried: -1, total: -1, carryOver: -1, outcomes: [] };
	t.rows.forEach((r, i) => {
		const l = norm(r.label);
		if (/本年新收/.test(l)) ix.received = i;
		else if (/上年结转/.test(l)) ix.carried = i;
		else if (/结转下年度|继续办理/.test(l)) ix.carryOver = i;
		else if (/总计$|（七）总计|\(七\)总计/.test(l) && ix.carried >= 0 && ix.total < 0) ix.total = i;
		else if (ix.carried >= 0 && ix.total < 0 && r.cells.some((v) => v !== null)) ix.outcomes.push(i);
	});
	return ix;
}

export interface AppRows {
	received: Row | null;
	carried: Row | null;
	total: Row | null;
	carryOver: Row | null;
	outcomes: Row[];
}

export function applicationRows(t: Pick<TableResult, 'rows'>): AppRows {
	const ix = applicationRowIndex(t);
	const at = (i: number): Row | null => (i >= 0 ? t.rows[i].cells : null);
	return { received: at(ix.received), carried: at(ix.carried), total: at(ix.total), carryOver: at(ix.carryOver), outcomes: ix.outcomes.map((i) => t.rows[i].cells) };
}

function cellEv(t: CheckTable, row: number, column: number, extra?: { bad?: boolean; previous?: boolean }): CheckEvidence {
	const sp = t.cellSpans?.[row]?.[column] ?? null;
	return {
		table: t.id,
		row,
		column,
		value: t.rows[row]?.cells[column] ?? null,
		start: sp ? sp[0] : 0,
		end: sp ? sp[1] : 0,
		...(extra?.bad ? { bad: true as const } : {}),
		...(extra?.previous ? { previous: true as const } : {})
	};
}

const near = (a: number, b: number): boolean => Math.abs(a - b) < 1e-9;

function status(checked: number, failed: number, missing: number): 'ok' | 'failed' | 'missing' {
	return failed > 0 ? 'failed' : missing > 0 || checked === 0 ? 'missing' : 'ok';
}

const colName = (t: CheckTable, c: number): string => t.columns[c] ?? APPLICANT_COLUMNS[c] ?? String(c + 1);

/**
 * 表三: the identity 一 + 二 = 三（七）总计 + 四 per column (it decides rq.consistency), each row's 总计 =
 * the applicant columns, （七）总计 = the outcome rows. A blank cell skips its column (missing).
 */
export function checkApplications(t: CheckTable): CheckResult[] {
	const ix = applicationRowIndex(t);
	const checks: CheckResult[] = [];
	const keyRows = [ix.received, ix.carried, ix.total, ix.carryOver];
	{
		const failed: CheckCell[] = [];
		const evidence: CheckEvidence[] = [];
		let checked = 0;
		let missing = 0;
		if (keyRows.every((r) => r >= 0)) {
			for (let c = 0; c < 7; c++) {
				const [a, b, x, y] = keyRows.map((r) => t.rows[r].cells[c] ?? null);
				if (a === null || b === null || x === null || y === null) {
					missing++;
					evidence.push(...keyRows.map((r) => cellEv(t, r, c)));
					continue;
				}
				checked++;
				const bad = !near(a + b, x + y);
				if (bad) failed.push({ row: '一+二 与 三（七）总计+四', column: colName(t, c), expected: a + b, actual: x + y });
				evidence.push(...keyRows.map((r) => cellEv(t, r, c, { bad })));
			}
		}
		const st = status(checked, failed.length, missing);
		checks.push({
			id: 'applications_identity',
			ok: checked > 0 && failed.length === 0,
			status: st,
			params: { checked, failed: failed.length, missing },
			details:
				checked === 0
					? '申请情况表数据不全，无法核对“第一项加第二项之和等于第三项加第四项之和”'
					: failed.length === 0
						? missing > 0
							? `勾稽关系成立（核对 ${checked} 列，${missing} 列有空白单元格未核对）`
							: `勾稽关系成立（核对 ${checked} 列）`
						: `勾稽关系不成立：${failed.map((f) => `${f.column}列 一+二=${f.expected}，三+四=${f.actual}`).join('；')}`,
			...(failed.length > 0 ? { cells: failed } : {}),
			evidence
		});
	}
	{
		const failed: CheckCell[] = [];
		const evidence: CheckEvidence[] = [];
		let checked = 0;
		let missing = 0;
		const split = new Set(t.splitRows ?? []);
		t.rows.forEach((r, i) => {
			if (r.cells.length < 7 || split.has(i) || r.cells.every((v) => v === null)) return;
			const cols = [0, 1, 2, 3, 4, 5, 6];
			if (r.cells.some((v) => v === null)) {
				missing++;
				return;
			}
			const vals = r.cells as number[];
			checked++;
			const sum = vals.slice(0, 6).reduce((s, v) => s + v, 0);
			const bad = !near(sum, vals[6]);
			if (bad) failed.push({ row: r.label, column: '总计', expected: sum, actual: vals[6] });
			evidence.push(...cols.map((c) => cellEv(t, i, c, { bad })));
		});
		if (checked > 0 || missing > 0)
			checks.push({
				id: 'applications_row_totals',
				ok: checked > 0 && failed.length === 0,
				status: status(checked, failed.length, missing),
				params: { checked, failed: failed.length, missing },
				details:
					failed.length > 0
						? `${failed.length} 行的总计不等于各类申请人之和`
						: checked === 0
							? `各行均有空白单元格，无法核对总计（${missing} 行）`
							: `各行总计等于各类申请人之和（核对 ${checked} 行）`,
				...(failed.length > 0 ? { cells: failed } : {}),
				evidence
			});
	}
	if (ix.total >= 0 && ix.outcomes.length > 0) {
		const failed: CheckCell[] = [];
		const evidence: CheckEvidence[] = [];
		let checked = 0;
		let missing = 0;
		const total = t.rows[ix.total].cells;
		for (let c = 0; c < 7; c++) {
			const tv = total[c] ?? null;
			const parts = ix.outcomes.map((i) => t.rows[i].cells[c] ?? null);
			if (tv === null || parts.some((v) => v === null)) {
				missing++;
				continue;
			}
			checked++;
			const sum = (parts as number[]).reduce((s, v) => s + v, 0);
			const bad = !near(sum, tv);
			if (bad) failed.push({ row: '三（七）总计', column: colName(t, c), expected: sum, actual: tv });
			evidence.push(cellEv(t, ix.total, c, { bad }), ...ix.outcomes.map((i) => cellEv(t, i, c, { bad })));
		}
		if (checked > 0 || missing > 0)
			checks.push({
				id: 'applications_outcome_total',
				ok: checked > 0 && failed.length === 0,
				status: status(checked, failed.length, missing),
				params: { checked, failed: failed.length, missing },
				details:
					failed.length > 0 ? '（七）总计不等于各办理结果之和' : checked === 0 ? '办理结果有空白单元格，无法核对（七）总计' : '（七）总计等于各办理结果之和',
				...(failed.length > 0 ? { cells: failed } : {}),
				evidence
			});
	}
	return checks;
}

/** 表四: in each group 总计 = the four before it. */
export function checkReview(t: CheckTable): CheckResult | null {
	const failed: CheckCell[] = [];
	const evidence: CheckEvidence[] = [];
	let checked = 0;
	let missing = 0;
	const split = new Set(t.splitRows ?? []);
	t.rows.forEach((r, i) => {
		if (split.has(i) || r.cells.every((v) => v === null)) return;
		if (r.cells.length < 5 || r.cells.some((v) => v === null)) {
			missing++;
			return;
		}
		const v = r.cells as number[];
		checked++;
		const sum = v[0] + v[1] + v[2] + v[3];
		const bad = !near(sum, v[4]);
		if (bad) failed.push({ row: r.label, column: '总计', expected: sum, actual: v[4] });
		evidence.push(...[0, 1, 2, 3, 4].map((c) => cellEv(t, i, c, { bad })));
	});
	if (checked === 0 && missing === 0) return null;
	return {
		id: 'review_litigation_totals',
		ok: checked > 0 && failed.length === 0,
		status: status(checked, failed.length, missing),
		params: { checked, failed: failed.length, missing },
		details:
			failed.length > 0
				? `${failed.length} 组的总计不等于分项之和`
				: checked === 0
					? '行政复议、行政诉讼表有空白单元格，无法核对总计'
					: '行政复议、行政诉讼各组总计正确',
		...(failed.length > 0 ? { cells: failed } : {}),
		evidence
	};
}

/** 表二 rows of the 第二十条第（一）项 block (2021 layout: 本年制发件数 | 本年废止件数 | 现行有效件数). */
function documentRows(t: Pick<TableResult, 'rows'>): { kind: 'rules' | 'normative'; row: number }[] {
	const out: { kind: 'rules' | 'normative'; row: number }[] = [];
	t.rows.forEach((r, i) => {
		const l = norm(r.label);
		if (r.cells.length < 3) return;
		if (/规章$/.test(l)) out.push({ kind: 'rules', row: i });
		else if (/规范性文件$/.test(l)) out.push({ kind: 'normative', row: i });
	});
	return out;
}

const DOC_KIND_ZH = { rules: '规章', normative: '行政规范性文件' } as const;

/**
 * Across rounds (the same agency's report of the previous round): this year's 二、上年结转 equals
 * last year's 四、结转下年度继续办理 per column, and 表二's 现行有效件数 equals last year's plus this
 * year's 制发 minus 废止 (2021 layout on both sides). Evidence cells from last year carry `previous`.
 *
 * @example crossRoundChecks(thisYear.tables, lastYear.tables) // → [{ id: 'carry_over', ok: true, … }]
 */
export function crossRoundChecks(current: readonly TableResult[], previous: readonly TableResult[]): CheckResult[] {
	const out: CheckResult[] = [];
	const cur = current.find((t) => t.id === 'applications' && t.rows.length > 0);
	const prev = previous.find((t) => t.id === 'applications' && t.rows.length > 0);
	if (cur && prev) {
		const ci = applicationRowIndex(cur).carried;
		const pi = applicationRowIndex(prev).carryOver;
		if (ci >= 0 && pi >= 0) {
			const failed: CheckCell[] = [];
			const evidence: CheckEvidence[] = [];
			let checked = 0;
			let missing = 0;
			for (let c = 0; c < 7; c++) {
				const a = cur.rows[ci].cells[c] ?? null;
				const b = prev.rows[pi].cells[c] ?? null;
				if (a === null || b === null) {
					missing++;
					continue;
				}
				checked++;
				const bad = !near(a, b);
				if (bad) failed.push({ row: '二、上年结转', column: colName(cur, c), expected: b, actual: a });
				evidence.push(cellEv(cur, ci, c, { bad }), cellEv(prev, pi, c, { bad, previous: true }));
			}
			out.push({
				id: 'carry_over',
				ok: checked > 0 && failed.length === 0,
				status: status(checked, failed.length, missing),
				params: { checked, failed: failed.length, missing },
				details:
					failed.length > 0
						? `上年结转与上一年度报告的结转下年度继续办理不一致：${failed.map((f) => `${f.column}列 本年${f.actual}，上年${f.expected}`).join('；')}`
						: checked === 0
							? '上年结转或上一年度的结转下年度继续办理为空，无法核对'
							: `上年结转等于上一年度报告的结转下年度继续办理（核对 ${checked} 列）`,
				...(failed.length > 0 ? { cells: failed } : {}),
				evidence
			});
		}
	}
	const cd = current.find((t) => t.id === 'active_disclosure' && t.layout === '2021');
	const pd = previous.find((t) => t.id === 'active_disclosure' && t.layout === '2021');
	if (cd && pd) {
		const prevRows = documentRows(pd);
		const failed: CheckCell[] = [];
		const evidence: CheckEvidence[] = [];
		let checked = 0;
		let missing = 0;
		for (const { kind, row } of documentRows(cd)) {
			const p = prevRows.find((x) => x.kind === kind);
			if (!p) continue;
			const [made, repealed, inForce] = cd.rows[row].cells;
			const last = pd.rows[p.row].cells[2] ?? null;
			if (made == null || repealed == null || inForce == null || last === null) {
				missing++;
				continue;
			}
			checked++;
			const expected = last + made - repealed;
			const bad = !near(expected, inForce);
			if (bad) failed.push({ row: DOC_KIND_ZH[kind], column: '现行有效件数', expected, actual: inForce });
			evidence.push(cellEv(cd, row, 0, { bad }), cellEv(cd, row, 1, { bad }), cellEv(cd, row, 2, { bad }), cellEv(pd, p.row, 2, { bad, previous: true }));
		}
		if (checked > 0 || missing > 0)
			out.push({
				id: 'documents_in_force',
				ok: checked > 0 && failed.length === 0,
				status: status(checked, failed.length, missing),
				params: { checked, failed: failed.length, missing },
				details:
					failed.length > 0
						? `现行有效件数与上年现行有效件数加本年制发减本年废止不符：${failed.map((f) => `${f.row} 应为${f.expected}，表中为${f.actual}`).join('；')}`
						: checked === 0
							? '表二有空白单元格，无法核对现行有效件数'
							: `现行有效件数等于上年现行有效件数加本年制发减本年废止（核对 ${checked} 行）`,
				...(failed.length > 0 ? { cells: failed } : {}),
				evidence
			});
	}
	return out;
}
