import { describe, expect, it } from 'vitest';
import { escapeHtml, formatNumber, formatPercent, levelStyle, rowsHeight } from './common';

describe('chart helpers', () => {
	it('formats scores with at most one decimal', () => {
		expect([71.5, 72, 0.25, 1 / 3, -0.01, Number.NaN].map(formatNumber)).toEqual(['71.5', '72', '0.3', '0.3', '0', '—']);
		expect(formatPercent(71.5, 98)).toBe('73%');
		expect(formatPercent(1, 0)).toBe('—');
	});

	it('escapes HTML', () => {
		expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
	});

	it('names every level in words and symbols', () => {
		expect([0, 1, 2, null].map((l) => levelStyle(l as 0 | 1 | 2 | null)).map((s) => `${s.symbol}${s.label}`)).toEqual([
			'✗缺失',
			'◐部分',
			'✓达标',
			'—不适用'
		]);
	});

	it('sizes row charts up to the zoom threshold', () => {
		expect(rowsHeight(0)).toBe('200px');
		expect(rowsHeight(10)).toBe('330px');
		expect(rowsHeight(100)).toBe(rowsHeight(25));
	});
});
