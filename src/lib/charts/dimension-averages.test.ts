import { describe, expect, it } from 'vitest';
import type { BarSeriesOption } from 'echarts';
import { dimensionAverages } from './dimension-averages';
import { categories, first, seriesOf, tooltipText } from './test-helpers';

const dims = [
	{ name: '五公开覆盖', avg: 21.6, max: 30 },
	{ name: '政策解读', avg: 12.3, max: 20 },
	{ name: '回应社会关切', avg: 9, max: 20 },
	{ name: '制度机制与保障', avg: 15.25, max: 20 }
];

describe('dimensionAverages', () => {
	it('returns null without a usable dimension', () => {
		expect(dimensionAverages([])).toBeNull();
		expect(dimensionAverages([{ name: '政策解读', avg: 3, max: 0 }])).toBeNull();
		expect(dimensionAverages([{ name: '政策解读', avg: Number.NaN, max: 20 }])).toBeNull();
	});

	it('plots each average as a percentage of its maximum', () => {
		const o = dimensionAverages(dims);
		if (!o) throw new Error('expected an option');
		expect(categories(o.xAxis)).toEqual(['五公开覆盖', '政策解读', '回应社会关切', '制度机制与保障']);
		const s = first(seriesOf<BarSeriesOption>(o, 'bar'));
		expect(s.data).toEqual([
			{ name: '五公开覆盖', value: 72 },
			{ name: '政策解读', value: 61.5 },
			{ name: '回应社会关切', value: 45 },
			{ name: '制度机制与保障', value: 76.3 }
		]);
		expect(s.label).toMatchObject({ formatter: '{c}%' });
		expect(first(o.yAxis)).toMatchObject({ min: 0, max: 100, axisLabel: { formatter: '{value}%' } });
	});

	it('keeps the absolute values for the tooltip', () => {
		const o = dimensionAverages(dims);
		if (!o) throw new Error('expected an option');
		expect(tooltipText(o, 1)).toBe('政策解读<br/>平均 <b>12.3</b> / 20 分（61.5%）');
		expect(tooltipText(o, 3)).toContain('平均 <b>15.3</b> / 20 分');
	});
});
