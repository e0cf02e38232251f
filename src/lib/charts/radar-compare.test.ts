import { describe, expect, it } from 'vitest';
import type { RadarComponentOption, RadarSeriesOption } from 'echarts';
import { radarCompare } from './radar-compare';
import { first, seriesOf, tooltipText } from './test-helpers';

const dims = [
	{ name: '五公开覆盖', max: 30 },
	{ name: '政策解读', max: 20 },
	{ name: '回应社会关切', max: 20 },
	{ name: '制度机制与保障', max: 20 }
];

describe('radarCompare', () => {
	it('returns null without axes or values', () => {
		expect(radarCompare([], [{ name: '甲县', values: [] }])).toBeNull();
		expect(radarCompare(dims, [])).toBeNull();
		expect(radarCompare(dims, [{ name: '甲县', values: [Number.NaN] }])).toBeNull();
	});

	it('draws the agency against the group average', () => {
		const o = radarCompare(dims, [
			{ name: '甲县人民政府', values: [24, 15, 12.5, 18] },
			{ name: '同组平均', values: [20.5, 13, 14, 16] }
		]);
		if (!o) throw new Error('expected an option');
		const radar = first(o.radar) as RadarComponentOption;
		expect(radar.indicator).toEqual(dims);
		const s = first(seriesOf<RadarSeriesOption>(o, 'radar'));
		const items = (s.data ?? []) as { name: string; value: number[]; lineStyle: { type: string } }[];
		expect(items.map((d) => [d.name, d.value])).toEqual([
			['甲县人民政府', [24, 15, 12.5, 18]],
			['同组平均', [20.5, 13, 14, 16]]
		]);
		expect(items[0].lineStyle.type).not.toBe(items[1].lineStyle.type);
		expect(first(o.legend)).toMatchObject({ data: ['甲县人民政府', '同组平均'] });
		expect(tooltipText(o, 0)).toBe(
			'<b>甲县人民政府</b><br/>五公开覆盖：24 / 30（80%）<br/>政策解读：15 / 20（75%）<br/>回应社会关切：12.5 / 20（62.5%）<br/>制度机制与保障：18 / 20（90%）'
		);
	});

	it('leaves out axes without a maximum or without a value instead of drawing 0', () => {
		const o = radarCompare(
			[...dims, { name: '无满分维度', max: 0 }],
			[
				{ name: '甲县', values: [24, Number.NaN, 12, 18, 3] },
				{ name: '同组平均', values: [20, 13, 14, 16, 2] }
			]
		);
		if (!o) throw new Error('expected an option');
		expect((first(o.radar) as RadarComponentOption).indicator?.map((i) => i.name)).toEqual(['五公开覆盖', '回应社会关切', '制度机制与保障']);
		const s = first(seriesOf<RadarSeriesOption>(o, 'radar'));
		expect((s.data ?? []).map((d) => (typeof d === 'object' && d && 'value' in d ? d.value : d))).toEqual([
			[24, 12, 18],
			[20, 14, 16]
		]);
	});
});
