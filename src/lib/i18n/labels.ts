/**
 * UI labels for values the server sends as codes (round status, role, level, report type, nav href),
 * in the current UI language. The server's own Chinese labels (ROUND_STATUS_LABELS, ROLE_LABELS,
 * navFor) stay for the CLI and exports; pages translate by code through these.
 */
import { m } from '../paraglide/messages.js';

type Label = () => string;

const ROUND_STATUS: Record<string, Label> = {
	draft: m.round_status_draft,
	open: m.round_status_open,
	review: m.round_status_review,
	published: m.round_status_published
};
const ROLE: Record<string, Label> = {
	admin: m.role_admin,
	supervisor: m.role_supervisor,
	evaluator: m.role_evaluator,
	agency: m.role_agency
};
const REPORT_TYPE: Record<string, Label> = {
	annual_report: m.report_type_annual_report,
	self_inspection: m.report_type_self_inspection,
	key_points: m.report_type_key_points,
	work_summary: m.report_type_work_summary
};
const NAV: Record<string, Label> = {
	'/': m.nav_overview,
	'/rankings': m.nav_rankings,
	'/trends': m.nav_trends,
	'/gaps': m.nav_gaps,
	'/agencies': m.nav_agencies,
	'/reports': m.nav_reports,
	'/submit': m.nav_submit,
	'/rounds': m.nav_rounds,
	'/import': m.nav_import,
	'/rubric': m.nav_rubric,
	'/users': m.nav_users,
	'/audit': m.nav_audit,
	'/account': m.nav_account
};
const LEVEL: readonly Label[] = [m.level_missing, m.level_partial, m.level_met];

/** 'review' → 评审中 / In review; an unknown code falls back to `fallback` (else the code). */
export function roundStatusLabel(status: string, fallback?: string): string {
	return ROUND_STATUS[status]?.() ?? fallback ?? status;
}

/** 'admin' → 系统管理员 / Administrator. */
export function roleLabel(role: string, fallback?: string): string {
	return ROLE[role]?.() ?? fallback ?? role;
}

/** 'annual_report' → 年度报告 / Annual report. */
export function reportTypeLabel(type: string | null | undefined, fallback = '—'): string {
	return (type && REPORT_TYPE[type]?.()) || (type ?? fallback);
}

/** A nav item's label by its href (navFor's Chinese label is the fallback). */
export function navLabel(href: string, fallback: string): string {
	return NAV[href]?.() ?? fallback;
}

/** 0/1/2 → 缺失/部分/达标; null → 不适用. */
export function levelLabel(level: number | null | undefined): string {
	if (level === null || level === undefined) return m.level_na();
	return LEVEL[level]?.() ?? String(level);
}

/** ✗ ◐ ✓ (levels stay distinguishable without colour). */
export const LEVEL_SYMBOL = ['✗', '◐', '✓'] as const;

/** '2024' → 2024年度 / 2024; '2024H1' → 2024年上半年 / H1 2024; anything else → `fallback` (else as is). */
export function periodLabel(period: string, fallback?: string): string {
	const p = /^(\d{4})(H([12]))?$/.exec(period);
	if (!p) return fallback ?? period;
	if (!p[2]) return m.period_year({ year: p[1] });
	return p[3] === '1' ? m.period_h1({ year: p[1] }) : m.period_h2({ year: p[1] });
}

type Params = Record<string, string | number>;
const WARNING: Record<string, (p: Params) => string> = {
	empty: () => m.warn_empty(),
	binary: () => m.warn_binary(),
	truncated: (p) => m.warn_truncated({ max: p.max }),
	agency_from_file_name: (p) => m.warn_agency_from_file_name({ fileName: p.fileName }),
	old_table_layout: (p) => m.warn_old_table_layout({ year: p.year }),
	no_application_table: () => m.warn_no_application_table(),
	keyword_stuffing: (p) => m.warn_keyword_stuffing({ sentences: p.sentences, share: p.share }),
	anonymised: () => m.warn_anonymised(),
	no_period: () => m.warn_no_period(),
	no_agency: () => m.warn_no_agency(),
	agency_conflict: (p) => m.warn_agency_conflict({ chosen: p.chosen, other: p.other }),
	table_cells_missing: (p) => m.warn_table_cells_missing({ table: tableName(String(p.table)), count: p.count }),
	table_split_ambiguous: (p) => m.warn_table_split_ambiguous({ row: p.row }),
	table_text_differs: (p) => m.warn_table_text_differs({ metric: metricName(String(p.metric)), table: p.table, text: p.text })
};
const WARNING_PARAMS: Record<string, readonly string[]> = {
	truncated: ['max'],
	keyword_stuffing: ['sentences', 'share'],
	agency_from_file_name: ['fileName'],
	agency_conflict: ['chosen', 'other'],
	old_table_layout: ['year'],
	table_cells_missing: ['table', 'count'],
	table_split_ambiguous: ['row'],
	table_text_differs: ['metric', 'table', 'text']
};
const METRIC_NAME: Record<string, Label> = { applications_received: m.metric_applications_received };
const metricName = (id: string): string => METRIC_NAME[id]?.() ?? id;

/**
 * An analysis warning ({ code, message, params }) in the UI language. A warning stored before it had
 * params, or with a code this build does not know, shows its stored (Chinese) message.
 */
export function warningText(w: { code: string; message: string; params?: Params }): string {
	const render = WARNING[w.code];
	const need = WARNING_PARAMS[w.code] ?? [];
	if (!render || need.some((k) => w.params?.[k] === undefined)) return w.message;
	return render(w.params ?? {});
}

/** Joins short texts with the language's list separator (；/ "; "). */
export function joinList(items: readonly string[]): string {
	return items.join(m.common_list_sep());
}

interface CheckLike {
	id: string;
	ok: boolean;
	status?: 'ok' | 'failed' | 'missing';
	details: string;
	params?: { checked: number; failed: number; [k: string]: number | string };
	cells?: { row: string; column: string; expected: number; actual: number }[];
}

const TABLE_NAME: Record<string, Label> = {
	active_disclosure: m.tp_active_disclosure,
	applications: m.tp_applications,
	review_litigation: m.tp_review_litigation
};
/** 'applications' → 收到和处理政府信息公开申请情况 / Disclosure requests received and handled. */
export function tableName(id: string): string {
	return TABLE_NAME[id]?.() ?? id;
}
/** Row names the checks write into their cells (表二 items) in the UI language. */
const ROW_NAME: Record<string, Label> = {
	规章: m.chk_row_rules,
	行政规范性文件: m.chk_row_normative,
	行政许可: m.chk_row_licensing,
	行政处罚: m.chk_row_penalties,
	行政强制: m.chk_row_coercion
};
const rowName = (row: string): string => ROW_NAME[row]?.() ?? row;

/** A statistics-table check (table-checks.ts, table-report.ts) in the UI language; a check stored without params keeps its text. */
export function checkText(c: CheckLike): string {
	const p = c.params;
	if (!p) return c.details;
	const missing = Number(p.missing ?? 0);
	const cells = c.cells ?? [];
	switch (c.id) {
		case 'applications_identity':
			if (p.checked === 0) return m.chk_identity_incomplete();
			if (p.failed === 0) return missing > 0 ? m.chk_identity_ok_missing({ checked: p.checked, missing }) : m.chk_identity_ok({ checked: p.checked });
			return m.chk_identity_failed({
				cells: joinList(cells.map((x) => m.chk_identity_cell({ column: x.column, expected: x.expected, actual: x.actual })))
			});
		case 'applications_row_totals':
			if (p.failed > 0) return m.chk_row_totals_failed({ failed: p.failed });
			return p.checked === 0 ? m.chk_row_totals_missing({ missing }) : m.chk_row_totals_ok({ checked: p.checked });
		case 'applications_outcome_total':
			if (p.failed > 0) return m.chk_outcome_total_failed();
			return p.checked === 0 ? m.chk_outcome_total_missing() : m.chk_outcome_total_ok();
		case 'review_litigation_totals':
			if (p.failed > 0) return m.chk_review_failed({ failed: p.failed });
			return p.checked === 0 ? m.chk_review_missing() : m.chk_review_ok();
		case 'text_applications':
			return c.ok ? m.chk_text_applications_ok({ text: p.text }) : m.chk_text_applications_failed({ text: p.text, table: p.table });
		case 'text_review':
			return c.ok ? m.chk_text_review_ok({ text: p.text }) : m.chk_text_review_failed({ text: p.text, table: p.table });
		case 'text_litigation':
			return c.ok ? m.chk_text_litigation_ok({ text: p.text }) : m.chk_text_litigation_failed({ text: p.text, table: p.table });
		case 'text_active_disclosure':
			if (p.failed === 0) return m.chk_text_active_ok({ checked: p.checked });
			return m.chk_text_active_failed({ cells: joinList(cells.map((x) => m.chk_text_active_cell({ row: rowName(x.row), actual: x.actual, expected: x.expected }))) });
		case 'report_year':
			return c.ok ? m.chk_report_year_ok({ year: p.year }) : m.chk_report_year_failed({ year: p.year, found: p.found });
		case 'table_layout':
			if (c.ok) return m.chk_layout_ok({ layout: p.layout });
			return m.chk_layout_failed({
				year: p.year,
				tables: joinList(String(p.tables ?? '').split(',').filter(Boolean).map((id) => m.chk_layout_table({ name: tableName(id) }))),
				layout: p.layout,
				expected: p.expected
			});
		case 'carry_over':
			if (p.failed > 0) return m.chk_carry_over_failed({ cells: joinList(cells.map((x) => m.chk_carry_over_cell({ column: x.column, actual: x.actual, expected: x.expected }))) });
			return p.checked === 0 ? m.chk_carry_over_missing() : m.chk_carry_over_ok({ checked: p.checked });
		case 'documents_in_force':
			if (p.failed > 0) return m.chk_in_force_failed({ cells: joinList(cells.map((x) => m.chk_in_force_cell({ row: rowName(x.row), expected: x.expected, actual: x.actual }))) });
			return p.checked === 0 ? m.chk_in_force_missing() : m.chk_in_force_ok({ checked: p.checked });
		default:
			return c.details;
	}
}

/**
 * Short labels for rounds on a chart axis or a table head: the period in the UI language (2024年度 /
 * 2024), or the round's own name when two rounds share a period.
 */
export function roundAxisLabels(rounds: readonly { name: string; period: string }[]): string[] {
	const distinct = new Set(rounds.map((r) => r.period)).size === rounds.length;
	return rounds.map((r) => (distinct ? periodLabel(r.period, r.name) : r.name));
}
