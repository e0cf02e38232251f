import { describe, expect, it } from 'vitest';
import type { BarSeriesOption } from 'echarts';
import { scoreBands, scoreDistribution } from './score-distribution';
import { categories, first, seriesOf, tooltipText } from './test-helpers';

describe('scoreBands', () => {
	it('puts each edge in the band above it', () => {
		const bands = scoreBands([59.9, 60, 69.9, 70, 85, 90, 100, Number.NaN]);
		expect(bands.map((b) => [b.label, b.count])).toEqual([
			['<60', 1],
			['60–70', 2],
			['70–80', 1],
			['80–90', 1],
			['≥90', 2]
		]);
	});

	it('sorts and de-duplicates custom edges', () => {
		expect(scoreBands([10, 65, 95], [80, 60, 80]).map((b) => [b.label, b.count])).toEqual([
			['<60', 1],
			['60–80', 1],
			['≥80', 1]
		]);
	});

	it('has one band without edges', () => {
		expect(scoreBands([1, 2], []).map((b) => [b.label, b.count])).toEqual([['全部', 2]]);
	});
});

describe('scoreDistribution', () => {
	it('returns null without a finite total', () => {
		expect(scoreDistribution([])).toBeNull();
		expect(scoreDistribution([Number.NaN, Number.POSITIVE_INFINITY])).toBeNull();
	});

	it('draws the counts as bars over the band categories', () => {
		const o = scoreDistribution([55, 61, 62, 78.5, 92]);
		if (!o) throw new Error('expected an option');
		expect(categories(o.xAxis)).toEqual(['<60', '60–70', '70–80', '80–90', '≥90']);
		const s = first(seriesOf<BarSeriesOption>(o, 'bar'));
		expect(s.data).toEqual([
			{ name: '<60', value: 1 },
			{ name: '60–70', value: 2 },
			{ name: '70–80', value: 1 },
			{ name: '80–90', value: 0 },
			{ name: '≥90', value: 1 }
		]);
		expect(s.label).toMatchObject({ show: true, formatter: '{c}' });
		expect(first(o.yAxis)).toMatchObject({ minInterval: 1, name: '机关数' });
	});

	it('explains the band and the share in the tooltip', () => {
		const o = scoreDistribution([55, 61, 62, 78.5]);
		if (!o) throw new Error('expected an option');
		expect(tooltipText(o, 1)).toBe('60–70 分（60 ≤ 分数 < 70）<br/><b>2</b> 个机关，占 50%');
		expect(tooltipText(o, 0)).toContain('分数 < 60');
		expect(tooltipText(o, 4)).toContain('分数 ≥ 90');
		expect(first(o.yAxis)).toMatchObject({ name: '机关数' });
	});
});
