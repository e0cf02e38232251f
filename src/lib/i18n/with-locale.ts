/**
 * Runs `fn` with Paraglide's locale fixed to `locale`, then restores the previous resolver. For tests
 * and scripts that call message-producing code outside a request (inside one, the locale comes from
 * the request's cookie through `paraglideMiddleware` in hooks.server.ts).
 * @example const text = await withLocale('en', () => decodeFile(bytes, 'a.png'));
 */
import { getLocale, overwriteGetLocale, type Locale } from '../paraglide/runtime.js';

export async function withLocale<T>(locale: Locale, fn: () => T | Promise<T>): Promise<T> {
	const previous = getLocale;
	overwriteGetLocale(() => locale);
	try {
		return await fn();
	} finally {
		overwriteGetLocale(previous);
	}
}
