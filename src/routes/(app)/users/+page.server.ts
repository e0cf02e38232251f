import { fail } from '@sveltejs/kit';
import * as bulk from '$lib/server/auth/bulk-accounts';
import { formatOfficeTime } from '$lib/server/export/format';
import { agencyOptions } from '$lib/server/agency-order';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { getDb } from '$lib/server/bootstrap';
import { requirePermission } from '$lib/server/auth/policy';
import * as admin from '$lib/server/auth/user-admin';
import * as agencies from '$lib/server/db/agencies';
import * as users from '$lib/server/db/users';
import { m } from '$lib/paraglide/messages.js';

export const load: PageServerLoad = async ({ locals }) => {
	const me = requirePermission(locals.user, 'users.manage');
	const db = await getDb();
	const list = await db
		.selectFrom('users')
		.leftJoin('agencies', 'agencies.id', 'users.agency_id')
		.select(['users.id', 'users.username', 'users.display_name', 'users.role', 'users.agency_id', 'users.disabled', 'users.created_at', 'agencies.name as agency_name'])
		.orderBy('users.id')
		.execute();
	return {
		me: me.id,
		users: list.map((u) => ({
			id: u.id,
			username: u.username,
			displayName: u.display_name,
			role: u.role,
			roleLabel: users.ROLE_LABELS[u.role],
			agencyId: u.agency_id,
			agencyName: u.agency_name,
			disabled: !!u.disabled,
			createdAt: u.created_at
		})),
		roles: users.ROLES.map((r) => ({ value: r, label: users.ROLE_LABELS[r] })),
		agencies: agencyOptions((await agencies.listAgencies(db, { activeOnly: true })).map((a) => ({ id: a.id, name: a.name })))
	};
};

async function start(event: RequestEvent) {
	const me = requirePermission(event.locals.user, 'users.manage');
	const form = await event.request.formData();
	const actor = { id: me.id, username: me.username, ip: event.getClientAddress() };
	const num = (k: string): number | null => {
		const v = String(form.get(k) ?? '').trim();
		return v && Number.isInteger(Number(v)) ? Number(v) : null;
	};
	return { db: await getDb(), form, actor, num };
}

export const actions: Actions = {
	create: async (event) => {
		const { db, form, actor, num } = await start(event);
		const username = String(form.get('username') ?? '');
		const r = await admin.createUser(db, actor, {
			username,
			displayName: String(form.get('displayName') ?? ''),
			role: String(form.get('role') ?? ''),
			agencyId: num('agencyId'),
			password: String(form.get('password') ?? '')
		});
		if (!r.ok) return fail(400, { form: 'create', username, message: r.message });
		return { form: 'create', done: m.sv_user_created({ username: username.trim() }) };
	},
	role: async (event) => {
		const { db, form, actor, num } = await start(event);
		const id = num('id');
		if (id == null) return fail(400, { form: 'role', message: m.err_user_not_found() });
		const r = await admin.changeRole(db, actor, id, String(form.get('role') ?? ''), num('agencyId'));
		if (!r.ok) return fail(400, { form: 'role', id, message: r.message });
		return { form: 'role', id, done: m.sv_role_changed() };
	},
	disable: async (event) => {
		const { db, form, actor, num } = await start(event);
		const id = num('id');
		if (id == null) return fail(400, { form: 'disable', message: m.err_user_not_found() });
		const disabled = String(form.get('disabled')) === '1';
		const r = await admin.setDisabled(db, actor, id, disabled);
		if (!r.ok) return fail(400, { form: 'disable', id, message: r.message });
		return { form: 'disable', id, done: disabled ? m.sv_user_disabled() : m.sv_user_enabled() };
	},
	/** Agency accounts from a list (issue 14): the passwords come back once, as a workbook to hand out. */
	bulk: async (event) => {
		const { db, form, actor } = await start(event);
		const file = form.get('file');
		if (!(file instanceof File) || file.size === 0) return fail(400, { form: 'bulk', message: m.ba_no_file() });
		if (file.size > 5 * 1024 * 1024) return fail(400, { form: 'bulk', message: m.ba_too_big({ mb: 5 }) });
		const list = await bulk.readAccountList(new Uint8Array(await file.arrayBuffer()), file.name);
		if (!list.ok) return fail(400, { form: 'bulk', message: list.message });
		const r = await bulk.createAgencyAccounts(db, actor, list.rows, { fileName: file.name, skipProblems: form.get('skip') === '1' });
		const problems = r.problems.map((p) => p.message);
		if (r.created.length === 0) return fail(400, { form: 'bulk', message: problems.length ? m.ba_nothing_created({ count: problems.length }) : m.ix_list_no_data(), problems });
		const bytes = await bulk.passwordsWorkbook(r.created, formatOfficeTime(new Date().toISOString()));
		return {
			form: 'bulk',
			done: m.ba_created({ count: r.created.length }),
			problems,
			accounts: r.created.map((c) => ({ username: c.username, displayName: c.displayName, agencyName: c.agencyName })),
			file: { name: bulk.PASSWORDS_FILE_NAME, base64: Buffer.from(bytes).toString('base64') }
		};
	},
	password: async (event) => {
		const { db, form, actor, num } = await start(event);
		const id = num('id');
		if (id == null) return fail(400, { form: 'password', message: m.err_user_not_found() });
		const r = await admin.resetPassword(db, actor, id, String(form.get('password') ?? ''));
		if (!r.ok) return fail(400, { form: 'password', id, message: r.message });
		return { form: 'password', id, done: m.sv_password_reset_done() };
	}
};
