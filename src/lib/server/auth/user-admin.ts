/**
 * User administration and self-service as services (issue 6): the /users and /account actions and
 * the tests call these. A role change, a disable or a password reset ends that user's sessions.
 * Every change is audited; results are values whose messages are in the request's language
 * (Chinese outside a request: CLI, tests).
 */
import type { Database } from '../db/connect';
import { appendAudit } from '../db/audit';
import * as agencies from '../db/agencies';
import type { Role } from '../db/schema';
import * as admin from '../db/user-admin';
import * as users from '../db/users';
import { hashPassword, passwordProblem, verifyPassword } from './password';
import { invalidateUserSessions } from './session';
import { MAX_PASSWORD_LENGTH } from './sign-in';
import { reserveAttempt, settleAttempt, throttledMessage } from './throttle';
import { m } from '../../paraglide/messages.js';

export type Result<T = object> = ({ ok: true } & T) | { ok: false; message: string };
export interface Actor {
	id: number;
	username: string;
	ip?: string | null;
}

export const USERNAME_RE = /^[\p{L}\p{N}_.@-]{2,64}$/u;
export const MAX_DISPLAY_NAME_LENGTH = 100;

async function agencyFor(db: Database, role: Role, agencyId: number | null): Promise<Result<{ agencyId: number | null }>> {
	if (role !== 'agency') return { ok: true, agencyId: null };
	if (agencyId == null || !Number.isInteger(agencyId)) return { ok: false, message: m.sv_agency_required() };
	if (!(await agencies.findAgency(db, agencyId))) return { ok: false, message: m.err_selected_agency_missing() };
	return { ok: true, agencyId };
}

export async function createUser(
	db: Database,
	actor: Actor,
	input: { username: string; displayName: string; role: string; agencyId: number | null; password: string }
): Promise<Result<{ id: number }>> {
	const username = input.username.trim();
	if (!USERNAME_RE.test(username)) return { ok: false, message: m.sv_username_invalid() };
	if (input.displayName.trim().length > MAX_DISPLAY_NAME_LENGTH) return { ok: false, message: m.sv_text_too_long({ max: MAX_DISPLAY_NAME_LENGTH }) };
	if (!users.isRole(input.role)) return { ok: false, message: m.sv_role_invalid() };
	const problem = passwordProblem(input.password);
	if (problem) return { ok: false, message: problem };
	if (await users.findUserByUsername(db, username)) return { ok: false, message: m.sv_user_exists({ username }) };
	const ag = await agencyFor(db, input.role, input.agencyId);
	if (!ag.ok) return ag;
	const role = input.role;
	const id = await users.insertUser(db, {
		username,
		display_name: input.displayName.trim() || username,
		role,
		agency_id: ag.agencyId,
		password_hash: await hashPassword(input.password),
		created_at: new Date().toISOString()
	});
	await appendAudit(db, { userId: actor.id, username: actor.username, action: 'user_create', entity: 'user', entityId: id, after: { username, role, agencyId: ag.agencyId }, ip: actor.ip });
	return { ok: true, id };
}

/** Changes role and agency; ends the user's sessions so the new rights apply at once. */
export async function changeRole(db: Database, actor: Actor, userId: number, role: string, agencyId: number | null): Promise<Result> {
	const user = await users.findUser(db, userId);
	if (!user) return { ok: false, message: m.err_user_not_found() };
	if (!users.isRole(role)) return { ok: false, message: m.sv_role_invalid() };
	const ag = await agencyFor(db, role, agencyId);
	if (!ag.ok) return ag;
	if (user.role === 'admin' && role !== 'admin' && !user.disabled && (await admin.countActiveAdmins(db)) <= 1) {
		return { ok: false, message: m.sv_last_admin() };
	}
	if (user.role === role && user.agency_id === ag.agencyId) return { ok: false, message: m.sv_role_unchanged() };
	await db.transaction().execute(async (trx) => {
		await admin.setRole(trx, userId, role, ag.agencyId);
		await invalidateUserSessions(trx, userId);
		await appendAudit(trx, {
			userId: actor.id,
			username: actor.username,
			action: 'user_role',
			entity: 'user',
			entityId: userId,
			before: { role: user.role, agencyId: user.agency_id },
			after: { role, agencyId: ag.agencyId },
			ip: actor.ip
		});
	});
	return { ok: true };
}

export async function setDisabled(db: Database, actor: Actor, userId: number, disabled: boolean): Promise<Result> {
	const user = await users.findUser(db, userId);
	if (!user) return { ok: false, message: m.err_user_not_found() };
	if (userId === actor.id && disabled) return { ok: false, message: m.sv_cannot_disable_self() };
	if (disabled && user.role === 'admin' && !user.disabled && (await admin.countActiveAdmins(db)) <= 1) {
		return { ok: false, message: m.sv_last_admin() };
	}
	await db.transaction().execute(async (trx) => {
		await admin.setDisabled(trx, userId, disabled);
		if (disabled) await invalidateUserSessions(trx, userId);
		await appendAudit(trx, {
			userId: actor.id,
			username: actor.username,
			action: disabled ? 'user_disable' : 'user_enable',
			entity: 'user',
			entityId: userId,
			before: { disabled: !!user.disabled },
			after: { disabled },
			ip: actor.ip
		});
	});
	return { ok: true };
}

/** An admin sets a new password for someone; their sessions end. The password is never logged. */
export async function resetPassword(db: Database, actor: Actor, userId: number, password: string): Promise<Result> {
	const user = await users.findUser(db, userId);
	if (!user) return { ok: false, message: m.err_user_not_found() };
	const problem = passwordProblem(password);
	if (problem) return { ok: false, message: problem };
	const hash = await hashPassword(password);
	await db.transaction().execute(async (trx) => {
		await admin.setPasswordHash(trx, userId, hash);
		await invalidateUserSessions(trx, userId);
		await appendAudit(trx, { userId: actor.id, username: actor.username, action: 'user_password_reset', entity: 'user', entityId: userId, ip: actor.ip });
	});
	return { ok: true };
}

/** A user changes their own password; their other sessions end, the current one stays. */
export async function changeOwnPassword(
	db: Database,
	actor: Actor,
	currentSessionId: string,
	current: string,
	next: string,
	confirm: string
): Promise<Result | { ok: false; status: 429; message: string }> {
	const user = await users.findUser(db, actor.id);
	if (!user) return { ok: false, message: m.err_user_not_found() };
	// The current-password check is a password guess like a sign-in: same throttle, same budgets.
	if (current.length > MAX_PASSWORD_LENGTH) return { ok: false, message: m.sv_current_password_wrong() };
	const reservation = await reserveAttempt(db, user.username, actor.ip ?? null);
	if (!reservation.ok) return { ok: false, status: 429, message: throttledMessage() };
	if (!(await verifyPassword(user.password_hash, current))) return { ok: false, message: m.sv_current_password_wrong() };
	await settleAttempt(db, reservation, true);
	if (next !== confirm) return { ok: false, message: m.sv_passwords_differ() };
	const problem = passwordProblem(next);
	if (problem) return { ok: false, message: problem };
	if (next === current) return { ok: false, message: m.sv_password_same() };
	const hash = await hashPassword(next);
	await db.transaction().execute(async (trx) => {
		await admin.setPasswordHash(trx, actor.id, hash);
		await admin.deleteOtherSessions(trx, actor.id, currentSessionId);
		await appendAudit(trx, { userId: actor.id, username: actor.username, action: 'password_change', entity: 'user', entityId: actor.id, ip: actor.ip });
	});
	return { ok: true };
}

export async function revokeOwnSession(db: Database, actor: Actor, sessionId: string): Promise<Result> {
	const done = await admin.deleteOwnSession(db, actor.id, sessionId);
	if (!done) return { ok: false, message: m.sv_session_not_found() };
	await appendAudit(db, { userId: actor.id, username: actor.username, action: 'session_revoke', entity: 'user', entityId: actor.id, after: { session: sessionId.slice(0, 8) }, ip: actor.ip });
	return { ok: true };
}
