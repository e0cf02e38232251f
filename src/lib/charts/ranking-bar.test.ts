import { describe, expect, it } from 'vitest';
import type { BarSeriesOption, DataZoomComponentOption } from 'echarts';
import { rankingBar, RANKING_VISIBLE_ROWS, type RankingRow } from './ranking-bar';
import { rankingClickId } from './click';
import { categories, first, many, seriesOf, tooltipText } from './test-helpers';

const rows: RankingRow[] = [
	{ id: 3, name: '丙县人民政府', total: 64, max: 100 },
	{ id: 1, name: '甲县人民政府', total: 88.5, max: 100 },
	{ id: 2, name: '乙区人民政府', total: 71, max: 100 }
];

function bars(o: NonNullable<ReturnType<typeof rankingBar>>): BarSeriesOption {
	return first(seriesOf<BarSeriesOption>(o, 'bar'));
}

describe('rankingBar', () => {
	it('returns null when there is nothing to rank', () => {
		expect(rankingBar([])).toBeNull();
		expect(rankingBar([{ id: 1, name: '甲', total: Number.NaN, max: 100 }])).toBeNull();
	});

	it('sorts descending, keeps ids in the data items and labels the values', () => {
		const o = rankingBar(rows);
		expect(o).not.toBeNull();
		if (!o) return;
		expect(categories(o.yAxis)).toEqual(['甲县人民政府', '乙区人民政府', '丙县人民政府']);
		expect(first(o.yAxis)).toMatchObject({ type: 'category', inverse: true });
		const s = bars(o);
		expect(s.data).toEqual([
			{ id: 1, name: '甲县人民政府', value: 88.5 },
			{ id: 2, name: '乙区人民政府', value: 71 },
			{ id: 3, name: '丙县人民政府', value: 64 }
		]);
		expect(s.label).toMatchObject({ show: true, position: 'right', formatter: '{c}' });
		expect(first(o.xAxis)).toMatchObject({ type: 'value', min: 0, max: 100 });
	});

	it('draws the average as a mark line', () => {
		const o = rankingBar(rows);
		const ml = o ? bars(o).markLine : undefined;
		expect(ml?.data).toEqual([{ xAxis: 74.5 }]);
		expect(ml?.label).toMatchObject({ formatter: '平均 74.5' });
	});

	it('shows reduced maxima next to the score and in the tooltip', () => {
		const o = rankingBar([
			{ id: 1, name: '甲', total: 71.5, max: 98 },
			{ id: 2, name: '乙', total: 80, max: 100 }
		]);
		if (!o) throw new Error('expected an option');
		const label = bars(o).label;
		const f = label?.formatter;
		expect(typeof f).toBe('function');
		if (typeof f === 'function') {
			expect(f({ dataIndex: 1 } as Parameters<typeof f>[0])).toBe('71.5 / 98');
			expect(f({ dataIndex: 0 } as Parameters<typeof f>[0])).toBe('80 / 100');
		}
		expect(tooltipText(o, 1)).toContain('总分 <b>71.5</b> / 98（得分率 73%）');
		expect(tooltipText(o, 1)).toContain('第 2 名');
	});

	it('breaks ties by score rate, then by name', () => {
		const o = rankingBar([
			{ id: 1, name: '乙', total: 70, max: 100 },
			{ id: 2, name: '甲', total: 70, max: 90 },
			{ id: 3, name: '丙', total: 70, max: 100 }
		]);
		expect(o && categories(o.yAxis)).toEqual(['甲', '丙', '乙']);
	});

	it('escapes names in the HTML tooltip', () => {
		const o = rankingBar([{ id: 1, name: '<img src=x onerror=alert(1)>', total: 50, max: 100 }]);
		if (!o) throw new Error('expected an option');
		expect(tooltipText(o, 0)).toContain('&lt;img src=x onerror=alert(1)&gt;');
		expect(tooltipText(o, 0)).not.toContain('<img');
	});

	it('adds a y-axis slider only beyond 25 rows', () => {
		const make = (n: number): RankingRow[] =>
			Array.from({ length: n }, (_, i) => ({ id: i + 1, name: `机关${i + 1}`, total: 100 - i, max: 100 }));
		expect(rankingBar(make(RANKING_VISIBLE_ROWS))?.dataZoom).toBeUndefined();
		const zoom = many<DataZoomComponentOption>(rankingBar(make(RANKING_VISIBLE_ROWS + 1))?.dataZoom);
		expect(zoom.map((z) => z.type)).toEqual(['slider', 'inside']);
		expect(zoom[0]).toMatchObject({ yAxisIndex: 0, startValue: 0, endValue: 24 });
	});

	it('gives clicks the agency id back', () => {
		const o = rankingBar(rows);
		const item = o ? bars(o).data?.[1] : undefined;
		expect(rankingClickId({ name: '乙区人民政府', dataIndex: 1, value: 71, data: item })).toBe(2);
		expect(rankingClickId({ name: '', dataIndex: 0, value: 1, data: 1 })).toBeNull();
	});
});
