import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/bootstrap';
import { requirePermission } from '$lib/server/auth/policy';
import * as admin from '$lib/server/auth/user-admin';
import { listUserSessions, deleteOtherSessions } from '$lib/server/db/user-admin';
import { appendAudit } from '$lib/server/db/audit';
import { ROLE_LABELS } from '$lib/server/db/users';
import { MIN_PASSWORD_LENGTH } from '$lib/server/auth/password';
import { m } from '$lib/paraglide/messages.js';

export const load: PageServerLoad = async ({ locals }) => {
	const me = requirePermission(locals.user, 'account.self');
	const db = await getDb();
	const sessions = await listUserSessions(db, me.id);
	return {
		me: { username: me.username, displayName: me.displayName, roleLabel: ROLE_LABELS[me.role] },
		minPassword: MIN_PASSWORD_LENGTH,
		sessions: sessions.map((s) => ({
			// The id is the SHA-256 of the token: safe to show a prefix and to post back.
			id: s.id,
			createdAt: s.created_at,
			expiresAt: s.expires_at,
			ip: s.ip,
			userAgent: s.user_agent,
			current: s.id === locals.session?.id
		}))
	};
};

export const actions: Actions = {
	password: async ({ locals, request, getClientAddress }) => {
		const me = requirePermission(locals.user, 'account.self');
		if (!locals.session) error(401, m.err_unauthenticated());
		const form = await request.formData();
		const r = await admin.changeOwnPassword(
			await getDb(),
			{ id: me.id, username: me.username, ip: getClientAddress() },
			locals.session.id,
			String(form.get('current') ?? ''),
			String(form.get('next') ?? ''),
			String(form.get('confirm') ?? '')
		);
		if (!r.ok) return fail('status' in r ? r.status : 400, { form: 'password', message: r.message });
		return { form: 'password', done: m.sv_password_changed() };
	},
	revoke: async ({ locals, request, getClientAddress }) => {
		const me = requirePermission(locals.user, 'account.self');
		const form = await request.formData();
		const id = String(form.get('id') ?? '');
		if (id === locals.session?.id) return fail(400, { form: 'sessions', message: m.sv_use_sign_out() });
		const r = await admin.revokeOwnSession(await getDb(), { id: me.id, username: me.username, ip: getClientAddress() }, id);
		if (!r.ok) return fail(404, { form: 'sessions', message: r.message });
		return { form: 'sessions', done: m.sv_session_revoked() };
	},
	revokeOthers: async ({ locals, getClientAddress }) => {
		const me = requirePermission(locals.user, 'account.self');
		if (!locals.session) error(401, m.err_unauthenticated());
		const db = await getDb();
		const n = await deleteOtherSessions(db, me.id, locals.session.id);
		await appendAudit(db, { userId: me.id, username: me.username, action: 'session_revoke', entity: 'user', entityId: me.id, after: { others: n }, ip: getClientAddress() });
		return { form: 'sessions', done: m.sv_other_sessions_revoked({ count: n }) };
	}
};
