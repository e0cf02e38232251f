import type { EChartsOption, LineSeriesOption } from 'echarts';
import { m } from '../paraglide/messages.js';
import { AXIS_COLOR, LINE_TYPES, SERIES_COLORS, SERIES_SYMBOLS, SPLIT_COLOR, baseOption, formatNumber } from './common';

export interface TrendSeries {
	name: string;
	/** One value per round, aligned with `rounds`; null = no score that round (drawn as a gap). */
	values: readonly (number | null)[];
}

export interface TrendOptions {
	/** Y-axis title, e.g. '总分' or '得分率'. */
	yName?: string;
	/** Values are percentages: the axis runs 0–100% and values print with '%'. */
	percent?: boolean;
}

/**
 * One line per series across assessment rounds. A null (or non-finite) value is a gap, never a 0
 * (`connectNulls: false`); values beyond `rounds.length` are ignored, missing ones are gaps.
 * Each series gets its own colour, symbol and dash so lines differ without colour.
 * Returns null when there is no round or no value at all.
 *
 * @example trendLines(['2023年度', '2024年度'], [{ name: '甲县', values: [71.5, 80] }], { yName: '总分' })
 */
export function trendLines(
	rounds: readonly string[],
	series: readonly TrendSeries[],
	opts: TrendOptions = {}
): EChartsOption | null {
	if (rounds.length === 0) return null;
	const aligned = series.map((s) => ({
		name: s.name,
		values: rounds.map((_, i) => {
			const v = s.values[i];
			return typeof v === 'number' && Number.isFinite(v) ? v : null;
		})
	}));
	if (!aligned.some((s) => s.values.some((v) => v !== null))) return null;
	const suffix = opts.percent ? '%' : '';

	const lines: LineSeriesOption[] = aligned.map((s, i) => ({
		type: 'line',
		name: s.name,
		data: s.values,
		connectNulls: false,
		symbol: SERIES_SYMBOLS[i % SERIES_SYMBOLS.length],
		symbolSize: 8,
		showAllSymbol: true,
		lineStyle: { width: 2, type: LINE_TYPES[Math.floor(i / SERIES_COLORS.length) % LINE_TYPES.length] },
		emphasis: { focus: 'series' },
		// With a single round there is no line to follow: label the points instead.
		label: { show: rounds.length === 1, position: 'top', formatter: `{c}${suffix}` }
	}));

	return {
		...baseOption([0]),
		grid: { left: 8, right: 24, top: aligned.length > 1 ? 48 : 32, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
		legend: aligned.length > 1 ? { type: 'scroll', top: 0, data: aligned.map((s) => s.name) } : undefined,
		tooltip: {
			trigger: 'axis',
			confine: true,
			valueFormatter: (v) => (typeof v === 'number' && Number.isFinite(v) ? `${formatNumber(v)}${suffix}` : m.ch_no_data())
		},
		xAxis: {
			type: 'category',
			boundaryGap: rounds.length === 1,
			data: [...rounds],
			axisLabel: { color: '#1f2937' }
		},
		yAxis: {
			type: 'value',
			name: opts.yName,
			min: 0,
			max: opts.percent ? 100 : undefined,
			// Left-aligned from the axis: a longer (English) name grows into the chart, not off its left edge.
			nameTextStyle: { color: AXIS_COLOR, align: 'left' },
			axisLabel: { color: AXIS_COLOR, formatter: `{value}${suffix}` },
			splitLine: { lineStyle: { color: SPLIT_COLOR } }
		},
		series: lines
	};
}
