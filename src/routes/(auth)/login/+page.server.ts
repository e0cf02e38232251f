import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/bootstrap';
import { MAX_USERNAME_LENGTH, signIn } from '$lib/server/auth/sign-in';
import { SESSION_COOKIE, sessionCookieOptions } from '$lib/server/auth/session';
import { safeRedirect } from '$lib/server/auth/redirect';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) redirect(303, safeRedirect(url.searchParams.get('redirectTo')));
	return {};
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const username = String(form.get('username') ?? '').trim();
		const password = String(form.get('password') ?? '');
		const result = await signIn(await getDb(), username, password, {
			ip: event.getClientAddress(),
			userAgent: event.request.headers.get('user-agent')
		});
		// The form gets back at most a real user name's length (never a 10 KB echo).
		if (!result.ok) return fail(result.status, { username: username.slice(0, MAX_USERNAME_LENGTH), message: result.message });
		event.cookies.set(
			SESSION_COOKIE,
			result.token,
			sessionCookieOptions(result.session.expiresAt, event.url.protocol === 'https:')
		);
		redirect(303, safeRedirect(event.url.searchParams.get('redirectTo')));
	}
};
