import type { EChartsOption, RadarSeriesOption, TooltipComponentFormatterCallbackParams } from 'echarts';
import { m } from '../paraglide/messages.js';
import { AXIS_COLOR, LINE_TYPES, SERIES_SYMBOLS, baseOption, escapeHtml, formatNumber, formatPercent } from './common';

export interface RadarIndicator {
	/** Axis name, e.g. a dimension '政策解读'. */
	name: string;
	/** Axis maximum (the dimension's points). */
	max: number;
}
export interface RadarSeries {
	/** e.g. the agency's name, or '同组平均'. */
	name: string;
	/** One value per indicator, same order. Missing/non-finite: that axis is left out (see below). */
	values: readonly number[];
}

/**
 * Radar of one agency against its group's average (or any few series) per dimension. The first
 * series is filled, the others are outlines with their own dash and symbol. Axes with max ≤ 0 and
 * axes some series has no value for are left out (ECharts' radar cannot draw a gap; it would show 0).
 * Returns null when no series has a value or no axis is left.
 *
 * @example radarCompare([{ name: '五公开覆盖', max: 30 }, …], [{ name: '甲县', values: [24, …] },
 *   { name: '同组平均', values: [20.5, …] }])
 */
export function radarCompare(indicators: readonly RadarIndicator[], series: readonly RadarSeries[]): EChartsOption | null {
	const usable = indicators.map((i) => Number.isFinite(i.max) && i.max > 0);
	const valueAt = (s: RadarSeries, k: number): number | null => {
		const v = s.values[k];
		return typeof v === 'number' && Number.isFinite(v) ? v : null;
	};
	const present = series.filter((s) => indicators.some((_, k) => usable[k] && valueAt(s, k) !== null));
	// ECharts' radar has no gaps (a missing value is drawn at the centre, i.e. as 0), so an axis that
	// some series lacks a value for is left out instead of faking a zero.
	const keptIdx = indicators
		.map((_, k) => k)
		.filter((k) => usable[k] && present.every((s) => valueAt(s, k) !== null));
	if (present.length === 0 || keptIdx.length === 0) return null;
	const axes = keptIdx.map((k) => indicators[k]);
	const rows = present.map((s) => ({ name: s.name, values: keptIdx.map((k) => valueAt(s, k) ?? 0) }));

	const radarSeries: RadarSeriesOption = {
		type: 'radar',
		name: m.ch_dimension_scores(),
		emphasis: { lineStyle: { width: 3 } },
		data: rows.map((s, i) => ({
			name: s.name,
			value: s.values,
			symbol: SERIES_SYMBOLS[i % SERIES_SYMBOLS.length],
			symbolSize: 7,
			lineStyle: { width: 2, type: LINE_TYPES[i % LINE_TYPES.length] },
			areaStyle: i === 0 ? { opacity: 0.18 } : undefined
		}))
	};
	return {
		...baseOption(),
		legend: { top: 0, data: rows.map((s) => s.name) },
		tooltip: {
			trigger: 'item',
			confine: true,
			formatter: (p: TooltipComponentFormatterCallbackParams) => {
				const one = Array.isArray(p) ? p[0] : p;
				const s = one ? rows[one.dataIndex] : undefined;
				if (!s) return '';
				const lines = axes.map((a, k) => {
					const v = s.values[k];
					return m.ch_axis_value({ name: escapeHtml(a.name), value: formatNumber(v), max: formatNumber(a.max), pct: formatPercent(v, a.max) });
				});
				return `<b>${escapeHtml(s.name)}</b><br/>${lines.join('<br/>')}`;
			}
		},
		radar: {
			center: ['50%', '56%'],
			radius: '66%',
			shape: 'polygon',
			indicator: axes.map((a) => ({ name: a.name, max: a.max })),
			axisName: { color: '#1f2937' },
			splitLine: { lineStyle: { color: '#e5e7eb' } },
			splitArea: { show: false },
			axisLine: { lineStyle: { color: AXIS_COLOR, opacity: 0.4 } }
		},
		series: [radarSeries]
	};
}
