import { describe, expect, it } from 'vitest';
import { safeRedirect } from './redirect';

describe('safeRedirect: only same-origin paths after sign-in', () => {
	it.each([
		['/reports?round=2', '/reports?round=2'],
		['/rounds/3#top', '/rounds/3#top'],
		['/agencies/%E5%8D%95%E4%BD%8D', '/agencies/%E5%8D%95%E4%BD%8D'],
		['/', '/']
	])('keeps %s', (input, out) => expect(safeRedirect(input)).toBe(out));

	it.each([
		null,
		'',
		'https://evil.example/',
		'evil.example',
		'//evil.example',
		'/\\evil.example',
		'/\\/evil.example',
		'\\\\evil.example',
		'/%09/evil.example',
		'/%0a/evil.example',
		'/%0d%0a/evil.example',
		'/%20/evil.example',
		'/%2f/evil.example',
		'/%2F%2Fevil.example',
		'/%5cevil.example',
		'/%5C%5Cevil.example',
		'/%252f%252fevil.example',
		'/\t/evil.example',
		'/\n/evil.example',
		'/ok\u0000',
		'/ok\u007f',
		'/\u3000/evil.example',
		'/%zz',
		'/' + 'a'.repeat(3000)
	])('refuses %j → /', (input) => expect(safeRedirect(input)).toBe('/'));
});
