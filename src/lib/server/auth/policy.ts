/**
 * Who may do what: the one policy module every load, action and endpoint asks.
 * Roles: admin ⊇ supervisor ⊇ evaluator (for reading); agency users see only their own agency.
 */
import { error } from '@sveltejs/kit';
import type { Role } from '../db/schema';
import type { SessionUser } from './session';

export type Permission =
	| 'dashboards.view' // overview, rankings, trends, gaps, compare, all agencies and reports
	| 'reports.override' // set a level with a reason
	| 'import.run' // import reports into a round
	| 'rounds.manage' // create/open/close/publish rounds
	| 'export.all' // every export of a round
	| 'agencies.manage' // the agency registry
	| 'rubric.manage' // new rubric versions
	| 'users.manage' // other users
	| 'audit.view';

const GRANTS: Record<Role, readonly Permission[]> = {
	admin: [
		'dashboards.view',
		'reports.override',
		'import.run',
		'rounds.manage',
		'export.all',
		'agencies.manage',
		'rubric.manage',
		'users.manage',
		'audit.view'
	],
	supervisor: ['dashboards.view', 'import.run', 'rounds.manage', 'export.all', 'agencies.manage', 'audit.view'],
	evaluator: ['dashboards.view', 'reports.override'],
	agency: []
};

export function can(user: SessionUser | null, permission: Permission): boolean {
	return !!user && GRANTS[user.role].includes(permission);
}

/** Throws 401/403 unless the user holds the permission; returns the user for convenience. */
export function requirePermission(user: SessionUser | null, permission: Permission): SessionUser {
	if (!user) error(401, '未登录或登录已过期');
	if (!can(user, permission)) error(403, '您没有权限执行此操作');
	return user;
}

/** May this user see the data of this agency? Staff roles see all; agency users only their own. */
export function canSeeAgency(user: SessionUser | null, agencyId: number | null): boolean {
	if (!user) return false;
	if (can(user, 'dashboards.view')) return true;
	return user.role === 'agency' && agencyId != null && user.agencyId === agencyId;
}

export interface NavItem {
	href: string;
	label: string;
}

/** The navigation a role sees, in the order of the product's menu. */
export function navFor(user: SessionUser): NavItem[] {
	const items: (NavItem & { need?: Permission; agencyOnly?: boolean })[] = [
		{ href: '/', label: '总览' },
		{ href: '/rankings', label: '排名', need: 'dashboards.view' },
		{ href: '/trends', label: '趋势', need: 'dashboards.view' },
		{ href: '/gaps', label: '缺失项', need: 'dashboards.view' },
		{ href: '/agencies', label: '单位', need: 'dashboards.view' },
		{ href: '/reports', label: '报告' },
		{ href: '/import', label: '导入', need: 'import.run' },
		{ href: '/rubric', label: '考评细则' },
		{ href: '/users', label: '用户', need: 'users.manage' }
	];
	return items.filter((i) => !i.need || can(user, i.need)).map(({ href, label }) => ({ href, label }));
}
