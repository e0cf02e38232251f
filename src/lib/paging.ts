/**
 * Page numbers from the URL (`?page=`), clamped: a missing, non-numeric, fractional, negative or
 * absurd value (`page=1e308`, `page=Infinity`) never reaches SQL as an offset — it becomes a page
 * that exists. Pure: used by server loads and by the Pager.
 *
 * @example const { page, pages, offset } = clampPage(pageParam(url.searchParams.get('page')), total, 50);
 */

/** The largest page number ever read from a URL (bigger numbers are clamped to the last page anyway). */
export const MAX_PAGE_PARAM = 1_000_000;

/** A whole page number ≥ 1 from a URL value; anything unusable is 1, anything huge MAX_PAGE_PARAM. */
export function pageParam(raw: string | null | undefined): number {
	if (raw == null || !/^\s*\+?\d+(\.\d+)?(e\+?\d+)?\s*$/i.test(raw)) return 1;
	const n = Math.floor(Number(raw));
	if (!Number.isFinite(n)) return MAX_PAGE_PARAM;
	return Math.min(MAX_PAGE_PARAM, Math.max(1, n));
}

/** The requested page within 1…pages for `total` rows, with the SQL offset of its first row. */
export function clampPage(requested: number, total: number, pageSize: number): { page: number; pages: number; offset: number } {
	const pages = Math.max(1, Math.ceil(Math.max(0, total) / pageSize));
	const page = Math.min(pages, Math.max(1, Math.floor(Number.isFinite(requested) ? requested : 1)));
	return { page, pages, offset: (page - 1) * pageSize };
}
