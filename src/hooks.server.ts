import { error, json, redirect, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { m } from '$lib/paraglide/messages.js';
import { getDb } from '$lib/server/bootstrap';
import { config } from '$lib/server/env';
import { bodyLimitFor, limitRequest } from '$lib/server/http/body-limit';
import {
	SESSION_COOKIE,
	sessionCookieOptions,
	validateSessionToken
} from '$lib/server/auth/session';

export const init: ServerInit = async () => {
	await getDb();
};

/** Paths anyone may open. Everything else needs a session. */
function isPublic(pathname: string): boolean {
	return pathname === '/login' || pathname.startsWith('/login/') || pathname === '/favicon.svg';
}

const authHandle: Handle = async ({ event, resolve }) => {
	// Issue 13: small bodies everywhere but the upload routes, enforced before anything reads them.
	const limit = bodyLimitFor(event.request.method, event.url.pathname, event.url.search, config.maxFileBytes);
	if (limit != null) event.request = limitRequest(event.request, limit);
	const db = await getDb();
	const token = event.cookies.get(SESSION_COOKIE) ?? null;
	event.locals.user = null;
	event.locals.session = null;
	if (token) {
		const v = await validateSessionToken(db, token);
		if (v.session) {
			event.locals.user = v.user;
			event.locals.session = v.session;
			if (v.fresh) {
				event.cookies.set(SESSION_COOKIE, token, sessionCookieOptions(v.session.expiresAt, event.url.protocol === 'https:'));
			}
		} else {
			event.cookies.delete(SESSION_COOKIE, { path: '/' });
		}
	}

	const path = event.url.pathname;
	if (!event.locals.user && !isPublic(path) && !path.startsWith('/_app/')) {
		if (path.startsWith('/api/')) {
			return json({ error: 'unauthorized', message: m.err_unauthenticated() }, { status: 401 });
		}
		if (event.request.method !== 'GET' && event.request.method !== 'HEAD') {
			error(401, m.err_unauthenticated());
		}
		const back = path === '/' ? '' : `?redirectTo=${encodeURIComponent(path + event.url.search)}`;
		redirect(303, `/login${back}`);
	}
	const response = await resolve(event);
	// Issue 6: security headers (the CSP itself comes from kit.csp in svelte.config.js).
	try {
		response.headers.set('X-Content-Type-Options', 'nosniff');
		response.headers.set('Referrer-Policy', 'same-origin');
	} catch {
		// a Response with immutable headers (e.g. one passed through from fetch) keeps its own
	}
	return response;
};

/**
 * UI language (issue 5 item 10), wrapped around the session hook above: Paraglide picks the locale
 * from its cookie (else zh-CN) and holds it for the whole request, so `m.*()` and `getLocale()`
 * render that language on the server; `%lang%` in app.html becomes the page's lang attribute.
 * Composed by hand rather than with kit's `sequence()`, which needs kit's request store and so
 * cannot be called from the integration tests that drive this hook directly.
 */
export const handle: Handle = ({ event, resolve }) =>
	// With the cookie strategy the URL is never rewritten, so the middleware only needs the URL and
	// headers: hand it a body-less copy and keep event.request as it is (a clone would tee, and so
	// buffer, every upload body).
	paraglideMiddleware(new Request(event.request.url, { headers: event.request.headers }), ({ locale }) =>
		authHandle({
			event,
			resolve: (e, opts) =>
				resolve(e, {
					...opts,
					transformPageChunk: async (chunk) => ((await opts?.transformPageChunk?.(chunk)) ?? chunk.html).replace('%lang%', locale)
				})
		})
	);

export const handleError: HandleServerError = ({ error: err, status, message }) => {
	if (status === 404) return { message: m.error_not_found() };
	const id = crypto.randomUUID().slice(0, 8);
	console.error(`[${id}]`, err);
	return { message: status >= 500 ? m.sv_internal_error() : message, id };
};
