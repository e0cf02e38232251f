import type { BarSeriesOption, EChartsOption, TooltipComponentFormatterCallbackParams } from 'echarts';
import { m } from '../paraglide/messages.js';
import { AXIS_COLOR, BAR_COLOR, SPLIT_COLOR, baseOption, escapeHtml, formatNumber } from './common';

export interface DimensionAverage {
	name: string;
	/** Average score of the dimension over the agencies shown. */
	avg: number;
	/** The dimension's maximum (e.g. 30 for 五公开覆盖). */
	max: number;
}

/**
 * Bars of each dimension's average as a percentage of its maximum (dimensions have different
 * maxima, so raw averages would not compare); the absolute "平均 x / max 分" is in the tooltip.
 * Dimensions with a non-finite average or a maximum ≤ 0 are left out. Returns null when none is left.
 *
 * @example dimensionAverages([{ name: '政策解读', avg: 12.3, max: 20 }])   // one bar at 61.5%
 */
export function dimensionAverages(dims: readonly DimensionAverage[]): EChartsOption | null {
	const kept = dims.filter((d) => Number.isFinite(d.avg) && Number.isFinite(d.max) && d.max > 0);
	if (kept.length === 0) return null;
	const pct = kept.map((d) => Math.round((d.avg / d.max) * 1000) / 10);

	const series: BarSeriesOption = {
		type: 'bar',
		name: m.ch_avg_rate(),
		data: kept.map((d, i) => ({ name: d.name, value: pct[i] })),
		barMaxWidth: 48,
		itemStyle: { color: BAR_COLOR, borderRadius: [3, 3, 0, 0] },
		label: { show: true, position: 'top', color: '#1f2937', formatter: '{c}%' }
	};
	return {
		...baseOption([0]),
		grid: { left: 8, right: 16, top: 32, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
		tooltip: {
			trigger: 'item',
			confine: true,
			formatter: (p: TooltipComponentFormatterCallbackParams) => {
				const one = Array.isArray(p) ? p[0] : p;
				const d = one ? kept[one.dataIndex] : undefined;
				if (!d) return '';
				return `${escapeHtml(d.name)}<br/>${m.ch_dim_avg_tooltip({ avg: `<b>${formatNumber(d.avg)}</b>`, max: formatNumber(d.max), pct: formatNumber(pct[one.dataIndex]) })}`;
			}
		},
		xAxis: {
			type: 'category',
			data: kept.map((d) => d.name),
			axisTick: { alignWithLabel: true },
			axisLabel: { color: '#1f2937', interval: 0, width: 96, overflow: 'break' }
		},
		yAxis: {
			type: 'value',
			name: m.ch_avg_rate(),
			min: 0,
			max: Math.max(100, Math.ceil(Math.max(...pct) / 20) * 20),
			interval: 20,
			nameTextStyle: { color: AXIS_COLOR, align: 'left' },
			axisLabel: { color: AXIS_COLOR, formatter: '{value}%' },
			splitLine: { lineStyle: { color: SPLIT_COLOR } }
		},
		series: [series]
	};
}
