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
