import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/bootstrap';
import { SESSION_COOKIE, invalidateSession } from '$lib/server/auth/session';
import { appendAudit } from '$lib/server/db/audit';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ locals, cookies, getClientAddress }) => {
		if (locals.session) {
			const db = await getDb();
			await invalidateSession(db, locals.session.id);
			await appendAudit(db, {
				userId: locals.user?.id ?? null,
				username: locals.user?.username ?? null,
				action: 'logout',
				entity: 'user',
				entityId: locals.user?.id ?? null,
				ip: getClientAddress()
			});
		}
		cookies.delete(SESSION_COOKIE, { path: '/' });
		redirect(303, '/login');
	}
};
