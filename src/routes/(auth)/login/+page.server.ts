import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/bootstrap';
import { signIn } from '$lib/server/auth/sign-in';
import { SESSION_COOKIE, sessionCookieOptions } from '$lib/server/auth/session';

/** Only same-site paths are followed after sign-in. */
function safeRedirect(target: string | null): string {
	return target && target.startsWith('/') && !target.startsWith('//') && !target.startsWith('/\\') ? target : '/';
}

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
		if (!result.ok) return fail(result.status, { username, message: result.message });
		event.cookies.set(
			SESSION_COOKIE,
			result.token,
			sessionCookieOptions(result.session.expiresAt, event.url.protocol === 'https:')
		);
		redirect(303, safeRedirect(event.url.searchParams.get('redirectTo')));
	}
};
