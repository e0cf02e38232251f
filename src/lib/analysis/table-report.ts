/**
 * The tables of one report and every check they allow, for analyze():
 * - which tables: the decoder's grids first (table-grid.ts), then tables found in the text
 *   (tables.ts), then tables whose labels and digits run together inside a line (flat-tables.ts);
 * - checks: 表三/表四 identities (table-checks.ts), the narrative's figures against the tables
 *   (本年新收…件, 行政复议…件, 行政诉讼…件, 表二's counts), the year inside the report against its
 *   period, the layout against the year; a blank cell is missing data (status 'missing', warning).
 * Offsets stay normalized here; `checksToOriginal` maps evidence for the result.
 */
import { findCounts } from './numerals';
import type { Normalized } from './normalize';
import { toOriginal } from './normalize';
import type { Line } from './noise';
import type { Sentence } from './sentences';
import { applicationRowIndex, checkApplications, checkReview } from './table-checks';
import { gridTables } from './table-grid';
import { parseTables, unifyLayout, type ParsedTable } from './tables';
import { parseFlatTables } from './flat-read';
import type { CheckEvidence, CheckResult, DocTable, ReportType, Span, TableId, Warning } from './types';

const TABLE_ZH: Record<TableId, string> = { active_disclosure: '主动公开政府信息情况', applications: '收到和处理政府信息公开申请情况', review_litigation: '政府信息公开行政复议、行政诉讼情况' };

/**
 * All standard tables of the report (normalized offsets): grids win, the text fills the rest.
 * @example readTables(doc.tables ?? [], nz, lines, lineNoise, warnings)
 */
export function readTables(docTables: readonly DocTable[], nz: Normalized, lines: readonly Line[], isNoise: readonly boolean[], warnings: Warning[]): ParsedTable[] {
	const fromGrid = docTables.length ? gridTables(docTables, nz, lines, isNoise, warnings) : [];
	const have = new Set(fromGrid.map((t) => t.id));
	const textWarnings: Warning[] = [];
	const fromText = have.size < 3 ? parseTables(lines, isNoise, textWarnings).filter((t) => !have.has(t.id)) : [];
	for (const t of fromText) have.add(t.id);
	const flatWarnings: Warning[] = [];
	const fromFlat = have.size < 3 ? parseFlatTables(lines, isNoise, flatWarnings).filter((t) => !have.has(t.id)) : [];
	warnings.push(...textWarnings.filter((w) => fromText.length > 0), ...flatWarnings);
	const all = [...fromGrid, ...fromText, ...fromFlat].sort((a, b) => a.start - b.start);
	unifyLayout(all);
	return all;
}

export interface TableChecksOut {
	checks: CheckResult[];
	/** for rq.consistency: 一+二=三+四 per column and the outcome rows sum to （七）总计 */
	identity: { ok: boolean; checkable: boolean } | null;
}

const IN_CLAUSE = /[，；。、,;]/;

function clausesOf(s: Sentence): { text: string; start: number }[] {
	const out: { text: string; start: number }[] = [];
	let from = 0;
	for (let i = 0; i <= s.text.length; i++) {
		if (i === s.text.length || IN_CLAUSE.test(s.text[i])) {
			if (i > from) out.push({ text: s.text.slice(from, i), start: s.start + from });
			from = i + 1;
		}
	}
	return out;
}

interface Figure {
	value: number;
	sentence: Sentence;
}

/** The narrative figures matching `subject` (a count of件/起/宗, or a stated zero). */
function narrativeFigures(sentences: readonly Sentence[], subject: RegExp, exclude: RegExp, measures: RegExp): Figure[] {
	const out: Figure[] = [];
	for (const s of sentences) {
		if (s.role !== 'body' || s.heading || !subject.test(s.text)) continue;
		for (const c of clausesOf(s)) {
			if (!subject.test(c.text) || exclude.test(c.text)) continue;
			const hit = findCounts(c.text.replace(/(\d)\s+(?=[\u4e00-\u9fff])/g, "$1")).find((h) => measures.test(h.measure) && !h.approx);
			if (hit) out.push({ value: hit.value, sentence: s });
			else if (/未(?:发生|收到|接到|受理)|没有(?:发生|收到)|无(?:行政复议|行政诉讼|申请)|零/.test(c.text)) out.push({ value: 0, sentence: s });
		}
	}
	return out;
}

function ev(t: ParsedTable, row: number, column: number, bad: boolean): CheckEvidence {
	const sp = t.cellSpans?.[row]?.[column] ?? null;
	return { table: t.id, row, column, value: t.rows[row]?.cells[column] ?? null, start: sp?.[0] ?? 0, end: sp?.[1] ?? 0, ...(bad ? { bad: true as const } : {}) };
}

function figureCheck(
	id: string,
	what: string,
	tableValue: number,
	figures: readonly Figure[],
	evidence: (bad: boolean) => CheckEvidence[],
	also?: number
): CheckResult | null {
	if (figures.length === 0) return null;
	const agree = figures.find((f) => f.value === tableValue || (also !== undefined && f.value === also));
	const shown = agree ?? figures[0];
	const ok = !!agree;
	const spans: Span[] = [{ start: shown.sentence.start, end: shown.sentence.end, text: shown.sentence.text }];
	return {
		id,
		ok,
		status: ok ? 'ok' : 'failed',
		params: { checked: 1, failed: ok ? 0 : 1, table: tableValue, text: shown.value },
		details: ok ? `正文所述${what}（${shown.value}）与表格一致` : `正文所述${what}为 ${shown.value}，表格为 ${tableValue}`,
		...(ok ? {} : { cells: [{ row: what, column: '正文', expected: tableValue, actual: shown.value }] }),
		evidence: evidence(!ok),
		spans
	};
}

/** 表二 rows a narrative sentence may state (第二十条 items). */
const ACTIVE_ROWS: { re: RegExp; text: RegExp; name: string }[] = [
	{ re: /规章$/, text: /规章/, name: '规章' },
	{ re: /规范性文件$/, text: /规范性文件/, name: '行政规范性文件' },
	{ re: /行政许可$/, text: /行政许可/, name: '行政许可' },
	{ re: /行政处罚$/, text: /行政处罚/, name: '行政处罚' },
	{ re: /行政强制$/, text: /行政强制/, name: '行政强制' }
];

function narrativeChecks(tables: readonly ParsedTable[], sentences: readonly Sentence[]): CheckResult[] {
	const out: CheckResult[] = [];
	const app = tables.find((t) => t.id === 'applications' && t.rows.length > 0);
	if (app) {
		const ix = applicationRowIndex(app);
		const v = ix.received >= 0 ? app.rows[ix.received].cells[6] : null;
		if (v !== null && v !== undefined) {
			const carried = ix.carried >= 0 ? (app.rows[ix.carried].cells[6] ?? 0) : 0;
			const figs = narrativeFigures(sentences, /申请/, /结转|上年|去年|同比|行政复议|诉讼|答复|办结|公开\d|予以/, /^(?:件|个|份|条)$/).filter((f) =>
				/(?:新收|收到|受理|接到|共有|接收)/.test(f.sentence.text)
			);
			const c = figureCheck('text_applications', '本年新收政府信息公开申请数量', v, figs, (bad) => [ev(app, ix.received, 6, bad)], carried > 0 ? v + carried : undefined);
			if (c) out.push(c);
		}
	}
	const rev = tables.find((t) => t.id === 'review_litigation' && t.rows.length === 3);
	if (rev) {
		const r0 = rev.rows[0].cells[4];
		if (r0 !== null && r0 !== undefined) {
			const figs = narrativeFigures(sentences, /行政复议/, /诉讼|上年|去年|同比|纠正|维持/, /^(?:件|起|宗|个|次)$/);
			const c = figureCheck('text_review', '政府信息公开行政复议数量', r0, figs, (bad) => [ev(rev, 0, 4, bad)]);
			if (c) out.push(c);
		}
		const l1 = rev.rows[1].cells[4];
		const l2 = rev.rows[2].cells[4];
		if (l1 !== null && l2 !== null && l1 !== undefined && l2 !== undefined) {
			const figs = narrativeFigures(sentences, /行政诉讼/, /行政复议|上年|去年|同比|纠正|维持|败诉/, /^(?:件|起|宗|个|次)$/);
			const c = figureCheck('text_litigation', '政府信息公开行政诉讼数量', l1 + l2, figs, (bad) => [ev(rev, 1, 4, bad), ev(rev, 2, 4, bad)]);
			if (c) out.push(c);
		}
	}
	const act = tables.find((t) => t.id === 'active_disclosure' && t.rows.length > 0);
	if (act) {
		const failed: { name: string; table: number[]; text: number; s: Sentence }[] = [];
		const agreed: { name: string; s: Sentence }[] = [];
		const evidence: CheckEvidence[] = [];
		for (const spec of ACTIVE_ROWS) {
			const row = act.rows.findIndex((r) => spec.re.test(r.label.replace(/\s+/g, '')));
			if (row < 0) continue;
			const vals = act.rows[row].cells.filter((x): x is number => x !== null);
			if (vals.length === 0) continue;
			const figs = narrativeFigures(sentences, spec.text, /上年|去年|同比|累计|^.{0,3}$/, /^(?:件|条|个|项|宗)$/);
			if (figs.length === 0) continue;
			const agree = figs.find((f) => vals.includes(f.value));
			const bad = !agree;
			act.rows[row].cells.forEach((x, k) => {
				if (x !== null) evidence.push(ev(act, row, k, bad));
			});
			if (agree) agreed.push({ name: spec.name, s: agree.sentence });
			else failed.push({ name: spec.name, table: vals, text: figs[0].value, s: figs[0].sentence });
		}
		const checked = failed.length + agreed.length;
		if (checked > 0)
			out.push({
				id: 'text_active_disclosure',
				ok: failed.length === 0,
				status: failed.length === 0 ? 'ok' : 'failed',
				params: { checked, failed: failed.length },
				details:
					failed.length === 0
						? `正文所述主动公开数量与表二一致（核对 ${checked} 项）`
						: `正文所述主动公开数量与表二不一致：${failed.map((f) => `${f.name} 正文${f.text}，表格${f.table[0]}`).join('；')}`,
				...(failed.length > 0 ? { cells: failed.map((f) => ({ row: f.name, column: '正文', expected: f.table[0], actual: f.text })) } : {}),
				evidence,
				spans: [...failed, ...agreed].map((f) => ({ start: f.s.start, end: f.s.end, text: f.s.text }))
			});
	}
	return out;
}

const STAT_PERIOD = /(?:统计(?:期限|时限|期间|时间|区间|周期)|数据统计|所列数据)[^。；]{0,20}?(\d{4})\s*年/;
const OPENING_YEAR = /^(\d{4})\s*年(?:度)?(?:[，,]|以来)/;

/** The year inside the report (statistics period, body sentences opening with a year) against its period. */
function yearCheck(period: string | null, type: ReportType, sentences: readonly Sentence[], text: string): CheckResult | null {
	if (type !== 'annual_report' || !period || !/^\d{4}$/.test(period)) return null;
	const p = Number(period);
	const found: { year: number; start: number; end: number; strong: boolean }[] = [];
	const m = STAT_PERIOD.exec(text);
	if (m) {
		const s = sentences.find((x) => x.start <= m.index && x.end > m.index);
		found.push({ year: Number(m[1]), start: s?.start ?? m.index, end: s?.end ?? m.index + m[0].length, strong: true });
	}
	for (const s of sentences) {
		if (s.role !== 'body' || s.heading) continue;
		const o = OPENING_YEAR.exec(s.text.trimStart());
		if (o) found.push({ year: Number(o[1]), start: s.start, end: s.end, strong: false });
		if (found.length >= 6) break;
	}
	if (found.length === 0) return null;
	const wrong = found.filter((f) => (f.strong ? f.year !== p : f.year < p || f.year > p + 1));
	const shown = wrong.length > 0 ? wrong : found.slice(0, 1);
	return {
		id: 'report_year',
		ok: wrong.length === 0,
		status: wrong.length === 0 ? 'ok' : 'failed',
		params: { checked: found.length, failed: wrong.length, year: p, found: shown[0].year },
		details: wrong.length === 0 ? `报告正文的年份与报告年度（${p}年）一致` : `报告年度为${p}年，正文写的是${shown[0].year}年（可能沿用了往年报告）`,
		spans: shown.map((f) => ({ start: f.start, end: f.end, text: text.slice(f.start, f.end) }))
	};
}

/** The table layout against the report's year (2019 layout for 2019–2020, 2021 layout after). */
function layoutCheck(period: string | null, tables: readonly ParsedTable[]): CheckResult | null {
	if (!period || !/^\d{4}/.test(period)) return null;
	const year = Number(period.slice(0, 4));
	if (year < 2019) return null;
	const expected = year >= 2021 ? '2021' : '2019';
	const own = tables.filter((t) => t.rows.length > 0 && t.id !== 'review_litigation' && t.layout !== 'unknown');
	if (own.length === 0) return null;
	const wrong = own.filter((t) => t.layout !== expected);
	return {
		id: 'table_layout',
		ok: wrong.length === 0,
		status: wrong.length === 0 ? 'ok' : 'failed',
		params: { checked: own.length, failed: wrong.length, year, layout: wrong[0]?.layout ?? expected, expected, tables: wrong.map((t) => t.id).join(',') },
		details:
			wrong.length === 0
				? `表格格式与报告年度相符（${expected}版）`
				: `${year}年度报告的${wrong.map((t) => `“${TABLE_ZH[t.id]}”`).join('；')}表使用${wrong[0].layout}版格式，应为${expected}版`,
		...(wrong.length > 0 ? { cells: wrong.map((t) => ({ row: TABLE_ZH[t.id], column: '格式', expected: Number(expected), actual: Number(t.layout) })) } : {})
	};
}

/**
 * Every check of the report's tables, and the identity rq.consistency reads.
 * Blank cells add one `table_cells_missing` warning per table.
 */
export function reportTableChecks(
	tables: readonly ParsedTable[],
	ctx: { sentences: readonly Sentence[]; period: string | null; type: ReportType; text: string },
	warnings: Warning[]
): TableChecksOut {
	const checks: CheckResult[] = [];
	let identity: TableChecksOut['identity'] = null;
	for (const t of tables) {
		if (t.id === 'applications' && t.rows.length > 0) {
			const cs = checkApplications(t);
			checks.push(...cs);
			const id = cs.find((c) => c.id === 'applications_identity');
			const out = cs.find((c) => c.id === 'applications_outcome_total');
			if (id) identity = { ok: id.ok && out?.status !== 'failed', checkable: (id.params?.checked ?? 0) > 0 };
			const missing = cs.reduce((s, c) => s + Number(c.params?.missing ?? 0), 0);
			if (missing > 0)
				warnings.push({
					code: 'table_cells_missing',
					message: `“${TABLE_ZH[t.id]}”表有空白单元格，相关关系按缺失数据处理（未核对 ${missing} 处），不算勾稽错误`,
					params: { table: t.id, count: missing }
				});
		}
		if (t.id === 'review_litigation' && t.rows.length > 0) {
			const c = checkReview(t);
			if (c) checks.push(c);
			if (c && Number(c.params?.missing ?? 0) > 0)
				warnings.push({
					code: 'table_cells_missing',
					message: `“${TABLE_ZH[t.id]}”表有空白单元格，相关关系按缺失数据处理（未核对 ${c.params?.missing} 处），不算勾稽错误`,
					params: { table: t.id, count: Number(c.params?.missing) }
				});
		}
	}
	checks.push(...narrativeChecks(tables, ctx.sentences));
	const y = yearCheck(ctx.period, ctx.type, ctx.sentences, ctx.text);
	if (y) checks.push(y);
	const l = layoutCheck(ctx.period, tables);
	if (l) checks.push(l);
	return { checks, identity };
}

/** Normalized → original offsets for a check's evidence and spans. */
export function checkToOriginal(c: CheckResult, nz: Normalized, original: string): CheckResult {
	const out: CheckResult = { ...c };
	if (c.evidence)
		out.evidence = c.evidence.map((e) => {
			if (e.start === 0 && e.end === 0) return e;
			const o = toOriginal(nz, e.start, e.end);
			return { ...e, start: o.start, end: o.end };
		});
	if (c.spans)
		out.spans = c.spans.map((s) => {
			const o = toOriginal(nz, s.start, s.end);
			return { start: o.start, end: o.end, text: original.slice(o.start, o.end) };
		});
	return out;
}

/** Normalized → original offsets for a table's cells. */
export function cellSpansToOriginal(t: ParsedTable, nz: Normalized): ([number, number] | null)[][] | undefined {
	return t.cellSpans?.map((r) =>
		r.map((sp) => {
			if (!sp) return null;
			const o = toOriginal(nz, sp[0], sp[1]);
			return [o.start, o.end];
		})
	);
}

interface NMetricLike {
	id: string;
	value: number;
	approx: boolean;
	start: number;
	end: number;
}

/** 表二 rows → metric ids (the figure a row's position holds in either layout). */
const ACTIVE_METRICS: { re: RegExp; pick: (cells: readonly (number | null)[], layout: string) => { id: string; col: number }[] }[] = [
	{
		re: /规章$/,
		pick: (c, l) => (l === '2021' ? [{ id: 'rules_issued', col: 0 }, { id: 'rules_repealed', col: 1 }, { id: 'rules_in_force', col: 2 }] : [{ id: 'rules_issued', col: 0 }]).filter((x) => x.col < c.length)
	},
	{
		re: /规范性文件$/,
		pick: (c, l) =>
			(l === '2021' ? [{ id: 'normative_issued', col: 0 }, { id: 'normative_repealed', col: 1 }, { id: 'normative_in_force', col: 2 }] : [{ id: 'normative_issued', col: 0 }]).filter((x) => x.col < c.length)
	},
	{ re: /行政许可$/, pick: (c) => [{ id: 'licensing_decisions', col: c.length >= 3 ? 2 : 0 }] },
	{ re: /行政处罚$/, pick: (c) => [{ id: 'penalty_decisions', col: c.length >= 3 ? 2 : 0 }] },
	{ re: /行政强制$/, pick: (c) => [{ id: 'coercion_decisions', col: c.length >= 3 ? 2 : 0 }] },
	{ re: /行政事业性收费$/, pick: (c, l) => (l === '2021' && c.length === 1 ? [{ id: 'fees_amount', col: 0 }] : []) }
];

const METRIC_ZH: Record<string, string> = { applications_received: '收到依申请公开申请（件）' };

/**
 * Table metrics: applications_received from 表三's 本年新收 总计 and the counts of 表二 (rules_issued,
 * normative_in_force, licensing_decisions, fees_amount …; evidence: the cell). The table wins over
 * the text; when both exist and differ a `table_text_differs` warning names both figures.
 */
export function mergeTableMetrics<M extends NMetricLike>(textMetrics: M[], tables: readonly ParsedTable[], warnings: Warning[]): NMetricLike[] {
	const out: NMetricLike[] = [...textMetrics];
	const put = (m: NMetricLike): void => {
		const i = out.findIndex((x) => x.id === m.id);
		if (i < 0) {
			out.push(m);
			return;
		}
		const text = out[i];
		if (text.value !== m.value)
			warnings.push({
				code: 'table_text_differs',
				message: `${METRIC_ZH[m.id] ?? m.id}：表格为 ${m.value}，正文为 ${text.value}，采用表格数据`,
				params: { metric: m.id, table: m.value, text: text.value }
			});
		out[i] = m;
	};
	const at = (t: ParsedTable, row: number, col: number): { start: number; end: number } => {
		const sp = t.cellSpans?.[row]?.[col];
		return sp ? { start: sp[0], end: sp[1] } : { start: t.start, end: t.end };
	};
	const app = tables.find((t) => t.id === 'applications' && t.rows.length > 0);
	if (app) {
		const ix = applicationRowIndex(app);
		const v = ix.received >= 0 ? app.rows[ix.received].cells[6] : null;
		if (v !== null && v !== undefined) put({ id: 'applications_received', value: v, approx: false, ...at(app, ix.received, 6) });
	}
	const act = tables.find((t) => t.id === 'active_disclosure' && t.rows.length > 0);
	if (act)
		for (const spec of ACTIVE_METRICS) {
			const row = act.rows.findIndex((r) => spec.re.test(r.label.replace(/\s+/g, '')));
			if (row < 0) continue;
			const cells = act.rows[row].cells;
			for (const { id, col } of spec.pick(cells, act.layout)) {
				const v = cells[col];
				if (v !== null && v !== undefined && !out.some((x) => x.id === id)) out.push({ id, value: v, approx: false, ...at(act, row, col) });
			}
		}
	return out;
}
