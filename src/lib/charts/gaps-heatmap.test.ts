import { describe, expect, it } from 'vitest';
import type { AriaComponentOption, DataZoomComponentOption, HeatmapSeriesOption, PiecewiseVisualMapComponentOption } from 'echarts';
import { gapsHeatmap, HEATMAP_VISIBLE_ROWS, type GapsCell, type GapsCellDatum } from './gaps-heatmap';
import { gapsClickTarget } from './click';
import { categories, first, many, seriesOf, tooltipText } from './test-helpers';

const agencies = [
	{ id: 11, name: '甲县人民政府' },
	{ id: 12, name: '乙区发展和改革局' }
];
const indicators = [
	{ id: 'fd.decision', name: '决策公开' },
	{ id: 'pi.channels', name: '解读渠道与形式' },
	{ id: 'rc.applications', name: '依申请公开' }
];
const cells: GapsCell[] = [
	{ agencyIndex: 0, indicatorIndex: 0, level: 2, reportId: 101 },
	{ agencyIndex: 0, indicatorIndex: 1, level: 1, reportId: 101 },
	{ agencyIndex: 0, indicatorIndex: 2, level: 0, reportId: 101 },
	{ agencyIndex: 1, indicatorIndex: 0, level: 0, reportId: 102 },
	{ agencyIndex: 1, indicatorIndex: 2, level: null, reportId: 102 }
];

function data(o: NonNullable<ReturnType<typeof gapsHeatmap>>): GapsCellDatum[] {
	const s = first(seriesOf<HeatmapSeriesOption>(o, 'heatmap'));
	return (s.data ?? []) as GapsCellDatum[];
}

describe('gapsHeatmap', () => {
	it('returns null without agencies, indicators or valid cells', () => {
		expect(gapsHeatmap([], indicators, cells)).toBeNull();
		expect(gapsHeatmap(agencies, [], cells)).toBeNull();
		expect(gapsHeatmap(agencies, indicators, [])).toBeNull();
		expect(gapsHeatmap(agencies, indicators, [{ agencyIndex: 5, indicatorIndex: 0, level: 2, reportId: 1 }])).toBeNull();
	});

	it('puts indicators on x and agencies on y', () => {
		const o = gapsHeatmap(agencies, indicators, cells);
		if (!o) throw new Error('expected an option');
		expect(categories(o.xAxis)).toEqual(['决策公开', '解读渠道与形式', '依申请公开']);
		expect(categories(o.yAxis)).toEqual(['甲县人民政府', '乙区发展和改革局']);
		expect(first(o.yAxis)).toMatchObject({ inverse: true });
	});

	it('encodes levels, symbols and click targets in each cell', () => {
		const o = gapsHeatmap(agencies, indicators, cells);
		if (!o) throw new Error('expected an option');
		const d = data(o);
		expect(d.map((c) => c.value)).toEqual([
			[0, 0, 2],
			[1, 0, 1],
			[2, 0, 0],
			[0, 1, 0],
			[2, 1, -1]
		]);
		expect(d.map((c) => c.label.formatter)).toEqual(['✓', '◐', '✗', '✗', '—']);
		expect(d[4]).toMatchObject({ reportId: 102, indicatorId: 'rc.applications', agencyId: 12 });
		expect(gapsClickTarget({ name: '', dataIndex: 2, value: d[2].value, data: d[2] })).toEqual({
			reportId: 101,
			indicatorId: 'rc.applications',
			agencyId: 11
		});
		expect(gapsClickTarget({ name: '', dataIndex: 0, value: 0, data: { reportId: 1 } })).toBeNull();
	});

	it('maps levels with a piecewise visualMap labelled in words and symbols', () => {
		const o = gapsHeatmap(agencies, indicators, cells);
		if (!o) throw new Error('expected an option');
		const vm = first(o.visualMap) as PiecewiseVisualMapComponentOption;
		expect(vm.type).toBe('piecewise');
		expect(vm.dimension).toBe(2);
		expect(vm.pieces?.map((p) => [p.value, p.label])).toEqual([
			[0, '✗ 缺失'],
			[1, '◐ 部分'],
			[2, '✓ 达标'],
			[-1, '— 不适用']
		]);
		expect(new Set(vm.pieces?.map((p) => p.color)).size).toBe(4);
	});

	it('names agency, indicator and level in the tooltip', () => {
		const o = gapsHeatmap(agencies, indicators, cells);
		if (!o) throw new Error('expected an option');
		expect(tooltipText(o, 2)).toBe('甲县人民政府<br/>依申请公开（rc.applications）<br/>等级：<b>✗ 缺失</b>');
		expect(tooltipText(o, 4)).toContain('— 不适用');
		expect(tooltipText(o, 0)).toContain('✓ 达标');
	});

	it('summarises the matrix for screen readers', () => {
		const o = gapsHeatmap(agencies, indicators, cells);
		const aria = o?.aria as AriaComponentOption;
		expect(aria.label?.description).toBe('2 个机关 × 3 项指标的等级矩阵：缺失 2 项，部分 1 项，达标 1 项，不适用 1 项。');
	});

	it('scrolls many agencies with a y-axis slider', () => {
		const make = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i, name: `机关${i}` }));
		const cell: GapsCell[] = [{ agencyIndex: 0, indicatorIndex: 0, level: 1, reportId: 1 }];
		expect(gapsHeatmap(make(HEATMAP_VISIBLE_ROWS), indicators, cell)?.dataZoom).toBeUndefined();
		const zoom = many<DataZoomComponentOption>(gapsHeatmap(make(HEATMAP_VISIBLE_ROWS + 1), indicators, cell)?.dataZoom);
		expect(zoom[0]).toMatchObject({ type: 'slider', yAxisIndex: 0, endValue: HEATMAP_VISIBLE_ROWS - 1 });
	});
});
