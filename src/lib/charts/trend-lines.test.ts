import { describe, expect, it } from 'vitest';
import type { LineSeriesOption, TooltipComponentOption } from 'echarts';
import { trendLines } from './trend-lines';
import { categories, first, seriesOf } from './test-helpers';

const rounds = ['2022年度', '2023年度', '2024年度'];

describe('trendLines', () => {
	it('returns null without rounds or without any value', () => {
		expect(trendLines([], [{ name: '甲县', values: [1] }])).toBeNull();
		expect(trendLines(rounds, [])).toBeNull();
		expect(trendLines(rounds, [{ name: '甲县', values: [null, null, null] }])).toBeNull();
	});

	it('draws one line per series with nulls as gaps, aligned to the rounds', () => {
		const o = trendLines(rounds, [
			{ name: '甲县', values: [70, null, 82.5] },
			{ name: '乙区', values: [60, 65] },
			{ name: '丙县', values: [50, 55, 60, 99] }
		]);
		if (!o) throw new Error('expected an option');
		expect(categories(o.xAxis)).toEqual(rounds);
		const lines = seriesOf<LineSeriesOption>(o, 'line');
		expect(lines.map((l) => l.name)).toEqual(['甲县', '乙区', '丙县']);
		expect(lines.map((l) => l.data)).toEqual([
			[70, null, 82.5],
			[60, 65, null],
			[50, 55, 60]
		]);
		expect(lines.every((l) => l.connectNulls === false)).toBe(true);
		// Lines differ by symbol, not only by colour.
		expect(new Set(lines.map((l) => l.symbol)).size).toBe(3);
		expect(first(o.legend)).toMatchObject({ data: ['甲县', '乙区', '丙县'] });
	});

	it('formats percentages and says 无数据 for gaps', () => {
		const o = trendLines(rounds, [{ name: '全市平均', values: [61.25, null, 70] }], { yName: '得分率', percent: true });
		if (!o) throw new Error('expected an option');
		expect(first(o.yAxis)).toMatchObject({ name: '得分率', min: 0, max: 100, axisLabel: { formatter: '{value}%' } });
		expect(o.legend).toBeUndefined();
		const tip: TooltipComponentOption = first(o.tooltip);
		expect(tip.trigger).toBe('axis');
		expect(tip.valueFormatter?.(61.25, 0)).toBe('61.3%');
		expect(tip.valueFormatter?.(null, 1)).toBe('无数据');
	});

	it('labels the points when there is a single round', () => {
		const o = trendLines(['2024年度'], [{ name: '甲县', values: [80] }]);
		const line = o ? first(seriesOf<LineSeriesOption>(o, 'line')) : undefined;
		expect(line?.label).toMatchObject({ show: true, formatter: '{c}' });
	});
});
