import { describe, expect, it } from 'vitest';
import { pieces } from './pieces';

describe('pieces', () => {
	it('cuts a text at its marks and keeps every character once', () => {
		const t = '青山县2022年度报告全文';
		const p = pieces(t, [
			{ start: 0, end: 2, kind: 'shared' },
			{ start: 2, end: 3, kind: 'changed' },
			{ start: 7, end: 9, kind: 'standard' }
		]);
		expect(p.map((x) => x.text).join('')).toBe(t);
		expect(p).toEqual([
			{ text: '青山', kind: 'shared' },
			{ text: '县', kind: 'changed' },
			{ text: '2022', kind: null },
			{ text: '年度', kind: 'standard' },
			{ text: '报告全文', kind: null }
		]);
	});
});
