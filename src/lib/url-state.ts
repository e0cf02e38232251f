/**
 * Filters live in the URL (a link reproduces the view): the dashboard pages change them through
 * these two helpers instead of each keeping its own copy.
 */
import { goto } from '$app/navigation';
import { page } from '$app/state';

/** The current path and query with some parameters set (a string) or removed (null). */
export function hrefWith(params: Record<string, string | null>): string {
	const url = new URL(page.url);
	for (const [k, v] of Object.entries(params)) {
		if (v) url.searchParams.set(k, v);
		else url.searchParams.delete(k);
	}
	return url.pathname + url.search;
}

/** Navigates to the current view with one parameter changed; a changed filter goes back to page 1. */
export function setUrlParam(key: string, value: string | null, opts: { resetPage?: boolean } = {}): Promise<void> {
	return goto(hrefWith({ [key]: value, ...(opts.resetPage ? { page: null } : {}) }), { keepFocus: true, noScroll: true });
}
