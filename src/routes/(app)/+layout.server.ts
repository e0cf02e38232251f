import { redirect } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';
import { navFor } from '$lib/server/auth/policy';
import { ROLE_LABELS } from '$lib/server/db/users';
import { config } from '$lib/server/env';

export const load: LayoutServerLoad = ({ locals }) => {
	// The hook already redirects anonymous visitors; this keeps the types honest.
	if (!locals.user) redirect(303, '/login');
	return {
		user: { ...locals.user, roleLabel: ROLE_LABELS[locals.user.role] },
		nav: navFor(locals.user),
		/** the office's time zone: every page formats stored UTC times in it ($lib/time) */
		timeZone: config.timeZone
	};
};
