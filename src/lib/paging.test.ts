import { describe, expect, it } from 'vitest';
import { clampPage, MAX_PAGE_PARAM, pageParam } from './paging';

describe('pageParam', () => {
	it.each([
		[null, 1],
		['', 1],
		['abc', 1],
		['-3', 1],
		['0', 1],
		['2', 2],
		['2.7', 2],
		[' 3 ', 3],
		['1e308', MAX_PAGE_PARAM],
		['1e400', MAX_PAGE_PARAM],
		['Infinity', 1],
		['NaN', 1],
		['0x10', 1],
		['99999999999999999999', MAX_PAGE_PARAM]
	])('%j → %d', (raw, n) => expect(pageParam(raw)).toBe(n));
});

describe('clampPage', () => {
	it('keeps a page that exists, clamps one that does not', () => {
		expect(clampPage(2, 120, 50)).toEqual({ page: 2, pages: 3, offset: 50 });
		expect(clampPage(MAX_PAGE_PARAM, 120, 50)).toEqual({ page: 3, pages: 3, offset: 100 });
		expect(clampPage(5, 0, 50)).toEqual({ page: 1, pages: 1, offset: 0 });
		expect(clampPage(Number.POSITIVE_INFINITY, 10, 50)).toEqual({ page: 1, pages: 1, offset: 0 });
	});
});
