/** Reading the audit log page by page with filters (issue 6). Read-only: the log is append-only. */
import type { Kysely } from 'kysely';
import type { DB } from './schema';
import { clampPage, pageParam } from '../../paging';
import { m } from '../../paraglide/messages.js';
import { levelLabel, roleLabel, roundStatusLabel } from '../../i18n/labels';
import { DEFAULT_TIME_ZONE, localDayStartUtc } from '../../time';

export interface AuditQuery {
	/** matches the username recorded with the entry (exact) */
	username?: string;
	/** exact action, or a prefix ending in '*' (e.g. 'round_*') */
	action?: string;
	/** inclusive dates, YYYY-MM-DD, as days of `timeZone` (the office's zone) */
	from?: string;
	to?: string;
	timeZone?: string;
	page?: number;
	pageSize?: number;
}

export async function queryAudit(db: Kysely<DB>, q: AuditQuery) {
	const pageSize = Math.min(Math.max(q.pageSize ?? 50, 1), 500);
	const requested = pageParam(String(q.page ?? 1));
	let base = db.selectFrom('audit_log');
	if (q.username) base = base.where('username', '=', q.username);
	if (q.action) base = q.action.endsWith('*') ? base.where('action', 'like', q.action.slice(0, -1).replace(/[%_]/g, '') + '%') : base.where('action', '=', q.action);
	const tz = q.timeZone ?? DEFAULT_TIME_ZONE;
	const from = q.from ? localDayStartUtc(q.from, tz) : null;
	const to = q.to ? localDayStartUtc(nextDay(q.to), tz) : null;
	if (from) base = base.where('at', '>=', from);
	if (to) base = base.where('at', '<', to);
	const countRow = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
	// page=1e308 and friends: clamped to a page that exists (issue 13)
	const { page, offset } = clampPage(requested, Number(countRow.n), pageSize);
	const rows = await base
		.selectAll()
		.orderBy('id', 'desc')
		.limit(pageSize)
		.offset(offset)
		.execute();
	return { rows, total: Number(countRow.n), page, pageSize };
}

function nextDay(d: string): string {
	const t = new Date(`${d.slice(0, 10)}T00:00:00Z`);
	if (Number.isNaN(t.getTime())) return d;
	return new Date(t.getTime() + 86_400_000).toISOString().slice(0, 10);
}

export async function auditActions(db: Kysely<DB>): Promise<string[]> {
	const rows = await db.selectFrom('audit_log').select('action').distinct().orderBy('action').execute();
	return rows.map((r) => r.action);
}

export async function auditUsernames(db: Kysely<DB>): Promise<string[]> {
	const rows = await db.selectFrom('audit_log').select('username').distinct().where('username', 'is not', null).orderBy('username').execute();
	return rows.map((r) => r.username).filter((u): u is string => !!u);
}

// ---------------------------------------------------------------------------------------------
// Readable entries (issue 14): names instead of ids, fields in words, in the request's language.

/** One field of an entry in words: "单位：甲局 → 乙局", "理由：……". */
export interface AuditField {
	key: string;
	label: string;
	before: string | null;
	after: string | null;
}

export interface ReadableAuditEntry {
	id: number;
	at: string;
	/** "张三（zhangsan）", or the recorded username when the user is gone, or null (system) */
	user: string | null;
	action: string;
	/** what the entry is about, by name: "甲局 · 报告.docx（2024年度考核）", "2024年度考核", "张三（zhangsan）" */
	subject: string | null;
	/** an override's or a reopening's reason, shown apart */
	reason: string | null;
	fields: AuditField[];
	ip: string | null;
}

type AuditRow = Awaited<ReturnType<typeof queryAudit>>['rows'][number];

const FIELD_LABELS: Record<string, () => string> = {
	indicator: m.au_f_indicator,
	level: m.au_f_level,
	machineLevel: m.au_f_machine_level,
	score: m.au_f_score,
	agencyId: m.au_f_agency,
	roundId: m.au_f_round,
	rubricId: m.au_f_rubric,
	status: m.au_f_status,
	fileName: m.au_f_file,
	file: m.au_f_file,
	format: m.au_f_format,
	total: m.au_f_total,
	max: m.au_f_max,
	reports: m.au_f_reports,
	username: m.au_f_username,
	role: m.au_f_role,
	name: m.au_f_name,
	period: m.au_f_period,
	deadline: m.au_f_deadline,
	version: m.au_f_version,
	changed: m.au_f_changed,
	alias: m.au_f_alias,
	from: m.au_f_merge_from,
	into: m.au_f_merge_into,
	added: m.au_f_added,
	updated: m.au_f_updated,
	disabled: m.au_f_disabled,
	created: m.au_f_created,
	count: m.au_f_count,
	usernames: m.au_f_usernames,
	skipped: m.au_f_skipped,
	held: m.au_f_held
};

interface Names {
	agencies: Map<number, string>;
	rounds: Map<number, string>;
	users: Map<number, string>;
	rubrics: Map<number, { label: string; indicators: Map<string, string> }>;
	reports: Map<number, { fileName: string; agencyId: number | null; roundId: number; rubricId: number }>;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : null);

function parseJson(s: string | null): Record<string, unknown> | null {
	if (!s) return null;
	try {
		const v = JSON.parse(s) as unknown;
		return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : { value: v };
	} catch {
		return { value: s };
	}
}

/** Every id an entry mentions, gathered so that one query per table resolves a whole page. */
async function loadNames(db: Kysely<DB>, rows: { entity: string | null; entity_id: string | null; user_id: number | null; b: Record<string, unknown> | null; a: Record<string, unknown> | null }[]): Promise<Names> {
	const ids = { agencies: new Set<number>(), rounds: new Set<number>(), users: new Set<number>(), rubrics: new Set<number>(), reports: new Set<number>() };
	for (const r of rows) {
		if (r.user_id != null) ids.users.add(r.user_id);
		const eid = num(r.entity_id);
		if (eid != null) {
			if (r.entity === 'report') ids.reports.add(eid);
			else if (r.entity === 'round') ids.rounds.add(eid);
			else if (r.entity === 'user') ids.users.add(eid);
			else if (r.entity === 'agency') ids.agencies.add(eid);
			else if (r.entity === 'rubric') ids.rubrics.add(eid);
		}
		for (const o of [r.b, r.a]) {
			if (!o) continue;
			const ag = num(o.agencyId);
			if (ag != null) ids.agencies.add(ag);
			const ro = num(o.roundId);
			if (ro != null) ids.rounds.add(ro);
			const ru = num(o.rubricId);
			if (ru != null) ids.rubrics.add(ru);
			const us = num(o.userId);
			if (us != null) ids.users.add(us);
		}
	}
	const names: Names = { agencies: new Map(), rounds: new Map(), users: new Map(), rubrics: new Map(), reports: new Map() };
	if (ids.reports.size) {
		const rs = await db
			.selectFrom('reports')
			.innerJoin('rounds', 'rounds.id', 'reports.round_id')
			.select(['reports.id', 'reports.file_name', 'reports.agency_id', 'reports.round_id', 'rounds.rubric_id'])
			.where('reports.id', 'in', [...ids.reports])
			.execute();
		for (const r of rs) {
			names.reports.set(r.id, { fileName: r.file_name, agencyId: r.agency_id, roundId: r.round_id, rubricId: r.rubric_id });
			if (r.agency_id != null) ids.agencies.add(r.agency_id);
			ids.rounds.add(r.round_id);
			ids.rubrics.add(r.rubric_id);
		}
	}
	if (ids.agencies.size) for (const a of await db.selectFrom('agencies').select(['id', 'name']).where('id', 'in', [...ids.agencies]).execute()) names.agencies.set(a.id, a.name);
	if (ids.rounds.size) {
		const rs = await db.selectFrom('rounds').select(['id', 'name', 'rubric_id']).where('id', 'in', [...ids.rounds]).execute();
		for (const r of rs) {
			names.rounds.set(r.id, r.name);
			ids.rubrics.add(r.rubric_id);
		}
	}
	if (ids.users.size) for (const u of await db.selectFrom('users').select(['id', 'username', 'display_name']).where('id', 'in', [...ids.users]).execute()) names.users.set(u.id, userName(u.display_name, u.username));
	if (ids.rubrics.size) {
		for (const r of await db.selectFrom('rubrics').select(['id', 'name', 'version', 'definition']).where('id', 'in', [...ids.rubrics]).execute()) {
			const indicators = new Map<string, string>();
			try {
				const def = JSON.parse(r.definition) as { dimensions?: { indicators?: { id: string; name: string }[] }[] };
				for (const d of def.dimensions ?? []) for (const i of d.indicators ?? []) indicators.set(i.id, i.name);
			} catch {
				/* a definition that does not parse names nothing */
			}
			names.rubrics.set(r.id, { label: m.au_rubric_label({ name: r.name, version: r.version }), indicators });
		}
	}
	return names;
}

function userName(display: string, username: string): string {
	return display && display !== username ? `${display}（${username}）` : username;
}

function indicatorName(names: Names, id: string, rubricId: number | null): string {
	if (rubricId != null) {
		const n = names.rubrics.get(rubricId)?.indicators.get(id);
		if (n) return n;
	}
	for (const r of names.rubrics.values()) {
		const n = r.indicators.get(id);
		if (n) return n;
	}
	return id;
}

function valueText(key: string, v: unknown, names: Names, rubricId: number | null): string {
	if (v === null || v === undefined) return key === 'agencyId' ? m.au_v_no_agency() : '—';
	const id = num(v);
	switch (key) {
		case 'agencyId':
			return id != null ? (names.agencies.get(id) ?? m.au_v_gone({ id })) : String(v);
		case 'roundId':
			return id != null ? (names.rounds.get(id) ?? m.au_v_gone({ id })) : String(v);
		case 'rubricId':
			return id != null ? (names.rubrics.get(id)?.label ?? m.au_v_gone({ id })) : String(v);
		case 'userId':
			return id != null ? (names.users.get(id) ?? m.au_v_gone({ id })) : String(v);
		case 'status':
			return roundStatusLabel(String(v));
		case 'role':
			return roleLabel(String(v));
		case 'level':
		case 'machineLevel':
			return typeof v === 'number' ? `${v} ${levelLabel(v)}` : String(v);
		case 'indicator':
			return indicatorName(names, String(v), rubricId);
		case 'disabled':
			return v ? m.au_v_yes() : m.au_v_no();
	}
	if (Array.isArray(v)) return v.map((x) => (key === 'changed' && typeof x === 'string' ? indicatorName(names, x, rubricId) : typeof x === 'object' ? JSON.stringify(x) : String(x))).join('、');
	if (typeof v === 'object') return JSON.stringify(v);
	if (typeof v === 'boolean') return v ? m.au_v_yes() : m.au_v_no();
	return String(v);
}

function subjectOf(r: AuditRow, names: Names): string | null {
	const id = num(r.entity_id);
	if (id == null) return null;
	switch (r.entity) {
		case 'report': {
			const rep = names.reports.get(id);
			if (!rep) return m.au_subject_report_gone({ id });
			const agency = rep.agencyId != null ? (names.agencies.get(rep.agencyId) ?? m.au_v_gone({ id: rep.agencyId })) : m.au_v_no_agency();
			return m.au_subject_report({ agency, file: rep.fileName, round: names.rounds.get(rep.roundId) ?? '' });
		}
		case 'round':
			return names.rounds.get(id) ?? m.au_v_gone({ id });
		case 'user':
			return names.users.get(id) ?? m.au_v_gone({ id });
		case 'agency':
			return names.agencies.get(id) ?? m.au_v_gone({ id });
		case 'rubric':
			return names.rubrics.get(id)?.label ?? m.au_v_gone({ id });
		default:
			return `${r.entity ?? ''} ${id}`.trim();
	}
}

/**
 * Turns stored entries into readable ones: the subject by name (a report as agency · file name
 * (round)), the user by display name, every before/after field labelled and its value in words
 * (agency, round, rubric and user ids as names, levels and statuses as labels), and the reason of
 * an override or reopening apart. Unknown fields are kept, labelled by their key, never dropped.
 */
export async function readableAudit(db: Kysely<DB>, rows: AuditRow[]): Promise<ReadableAuditEntry[]> {
	const parsed = rows.map((r) => ({ ...r, b: parseJson(r.before), a: parseJson(r.after) }));
	const names = await loadNames(db, parsed);
	return parsed.map((r) => {
		const eid = num(r.entity_id);
		const rubricId = r.entity === 'report' && eid != null ? (names.reports.get(eid)?.rubricId ?? null) : null;
		const keys = [...new Set([...Object.keys(r.b ?? {}), ...Object.keys(r.a ?? {})])].filter((k) => k !== 'reason');
		const fields: AuditField[] = keys.map((key) => {
			const has = (o: Record<string, unknown> | null) => !!o && Object.prototype.hasOwnProperty.call(o, key);
			const before = has(r.b) ? valueText(key, r.b![key], names, rubricId) : null;
			const after = has(r.a) ? valueText(key, r.a![key], names, rubricId) : null;
			return { key, label: FIELD_LABELS[key]?.() ?? key, before, after };
		});
		const reasonRaw = r.a?.reason ?? r.b?.reason;
		const user = r.user_id != null ? (names.users.get(r.user_id) ?? r.username) : r.username;
		return {
			id: r.id,
			at: r.at,
			user: user ?? null,
			action: r.action,
			subject: subjectOf(r, names),
			reason: typeof reasonRaw === 'string' && reasonRaw.trim() ? reasonRaw : null,
			fields,
			ip: r.ip
		};
	});
}

const ACTION_LABELS: Record<string, () => string> = {
	login: m.act_login,
	login_failed: m.act_login_failed,
	login_throttled: m.act_login_throttled,
	logout: m.act_logout,
	import: m.act_import,
	assign_agency: m.act_assign_agency,
	override: m.act_override,
	rescore: m.act_rescore,
	rubric_create: m.act_rubric_create,
	round_create: m.act_round_create_full,
	round_open: m.act_round_open,
	round_review: m.act_round_review,
	round_publish: m.act_round_publish,
	round_reopen: m.act_round_reopen,
	export: m.act_export,
	user_create: m.act_user_create,
	users_bulk_create: m.act_users_bulk_create,
	user_role: m.act_user_role,
	user_disable: m.act_user_disable,
	user_enable: m.act_user_enable,
	user_password_reset: m.act_user_password_reset,
	password_change: m.act_password_change,
	session_revoke: m.act_session_revoke,
	agency_create: m.act_agency_create,
	agency_update: m.act_agency_update,
	agency_merge: m.act_agency_merge,
	agency_import: m.act_agency_import,
	report_release: m.act_report_release
};

/** An action in words (request's language); an action this list does not know yet, in words made from its code. */
export function auditActionLabel(action: string): string {
	return ACTION_LABELS[action]?.() ?? action.replace(/_/g, ' ');
}
