/**
 * Who may do what: the one policy module every load, action and endpoint asks (issue 6).
 *
 * | permission        | admin | supervisor | evaluator | agency |
 * |-------------------|-------|------------|-----------|--------|
 * | dashboards.view   |   ✓   |     ✓      |     ✓     |        |
 * | reports.override  |   ✓   |            |     ✓     |        |
 * | import.run        |   ✓   |     ✓      |           |        |
 * | rounds.manage     |   ✓   |     ✓      |           |        |  (status changes, publish, reopen)
 * | export.all        |   ✓   |     ✓      |           |        |
 * | agencies.manage   |   ✓   |            |           |        |
 * | rubric.view       |   ✓   |     ✓      |     ✓     |   ✓    |
 * | rubric.manage     |   ✓   |            |           |        |
 * | users.manage      |   ✓   |            |           |        |
 * | audit.view        |   ✓   |     ✓      |     ✓     |        |  (evaluators read it too: issue 14)
 * | submission.own    |       |            |           |   ✓    |  (submit own report, see own scores once published)
 * | account.self      |   ✓   |     ✓      |     ✓     |   ✓    |
 *
 * Agency users see only their own agency, and its scores only once the round is published.
 */
import { error } from '@sveltejs/kit';
import type { Role, RoundStatus } from '../db/schema';
import type { SessionUser } from './session';
import { m } from '../../paraglide/messages.js';

export type Permission =
	| 'dashboards.view' // overview, rankings, trends, gaps, compare, all agencies and reports
	| 'reports.override' // set a level with a reason
	| 'import.run' // import reports into a round
	| 'rounds.manage' // create rounds, open/close/publish/reopen them
	| 'export.all' // every export of a round
	| 'agencies.manage' // the agency registry
	| 'rubric.view' // the 评分规则 page
	| 'rubric.manage' // new rubric versions, assigning a version to a round
	| 'users.manage' // other users
	| 'audit.view'
	| 'submission.own' // an agency user's own submission and results
	| 'account.self'; // own password and sessions

export const GRANTS: Record<Role, readonly Permission[]> = {
	admin: [
		'dashboards.view',
		'reports.override',
		'import.run',
		'rounds.manage',
		'export.all',
		'agencies.manage',
		'rubric.view',
		'rubric.manage',
		'users.manage',
		'audit.view',
		'account.self'
	],
	supervisor: ['dashboards.view', 'import.run', 'rounds.manage', 'export.all', 'rubric.view', 'audit.view', 'account.self'],
	evaluator: ['dashboards.view', 'reports.override', 'rubric.view', 'audit.view', 'account.self'],
	agency: ['rubric.view', 'submission.own', 'account.self']
};

export function can(user: SessionUser | null, permission: Permission): boolean {
	return !!user && GRANTS[user.role].includes(permission);
}

/** Throws 401/403 unless the user holds the permission; returns the user for convenience. */
export function requirePermission(user: SessionUser | null, permission: Permission): SessionUser {
	if (!user) error(401, m.err_unauthenticated());
	if (!can(user, permission)) error(403, m.err_forbidden());
	return user;
}

/** Any signed-in user (pages every role may open); throws 401 otherwise. */
export function requireUser(user: SessionUser | null): SessionUser {
	if (!user) error(401, m.err_unauthenticated());
	return user;
}

/** May this user see the data of this agency? Staff roles see all; agency users only their own. */
export function canSeeAgency(user: SessionUser | null, agencyId: number | null): boolean {
	if (!user) return false;
	if (can(user, 'dashboards.view')) return true;
	return user.role === 'agency' && agencyId != null && user.agencyId === agencyId;
}

/** Throws 403 unless the user may see this agency (an agency user opening another agency by URL). */
export function requireAgency(user: SessionUser | null, agencyId: number | null): SessionUser {
	const u = requireUser(user);
	if (!canSeeAgency(u, agencyId)) error(403, m.sv_no_own_agency_data());
	return u;
}

/**
 * May this user see the scores of this agency in a round with this status? Staff: always (pages
 * mark them 暂定 until published). Agency users: their own, and only once the round is published.
 */
export function canSeeScores(user: SessionUser | null, agencyId: number | null, roundStatus: RoundStatus): boolean {
	if (!canSeeAgency(user, agencyId)) return false;
	return can(user, 'dashboards.view') || roundStatus === 'published';
}

export interface NavItem {
	href: string;
	label: string;
}

/** The navigation a role sees, in the order of the product's menu. */
export function navFor(user: SessionUser): NavItem[] {
	const items: (NavItem & { need?: Permission })[] = [
		{ href: '/', label: '总览' },
		{ href: '/rankings', label: '排名', need: 'dashboards.view' },
		{ href: '/trends', label: '趋势', need: 'dashboards.view' },
		{ href: '/gaps', label: '缺失项', need: 'dashboards.view' },
		{ href: '/agencies', label: '单位', need: 'dashboards.view' },
		{ href: '/reports', label: '报告' },
		{ href: '/submit', label: '报送', need: 'submission.own' },
		{ href: '/rounds', label: '轮次', need: 'dashboards.view' },
		{ href: '/import', label: '导入', need: 'import.run' },
		{ href: '/rubric', label: '考评细则', need: 'rubric.view' },
		{ href: '/users', label: '用户', need: 'users.manage' },
		{ href: '/audit', label: '审计日志', need: 'audit.view' },
		{ href: '/account', label: '账户', need: 'account.self' }
	];
	return items.filter((i) => !i.need || can(user, i.need)).map(({ href, label }) => ({ href, label }));
}
