/**
 * Where to go after signing in: only a path on this site. Refused (→ '/'): anything not starting
 * with one '/', '//' and '/\' (protocol-relative: another host), any backslash, control or white-space
 * character, and their percent-encoded forms (%09 %0a %0d %20 %5c %2f… at the start), which browsers
 * or proxies may decode into one of the above — `/%09/evil.example` lands on evil.example.
 *
 * @example safeRedirect('/reports?round=2') // '/reports?round=2'
 * @example safeRedirect('/%09/evil.example') // '/'
 */
export function safeRedirect(target: string | null | undefined): string {
	if (!target || target.length > 2048) return '/';
	if (!target.startsWith('/') || target.startsWith('//')) return '/';
	// eslint-disable-next-line no-control-regex
	if (/[\\\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff]/.test(target)) return '/';
	let decoded = target;
	for (let i = 0; i < 3; i++) {
		let next: string;
		try {
			next = decodeURIComponent(decoded);
		} catch {
			return '/';
		}
		if (next === decoded) break;
		decoded = next;
		// After decoding, the same rules: a second slash, a backslash or white space near the start
		// would make a browser read a host.
		// eslint-disable-next-line no-control-regex
		if (/^\/[\s\\/\u0000-\u001f]|[\\\u0000-\u001f\u007f]/.test(decoded)) return '/';
	}
	// The path must resolve to this origin.
	try {
		const u = new URL(target, 'http://same.invalid');
		if (u.origin !== 'http://same.invalid') return '/';
	} catch {
		return '/';
	}
	return target;
}
