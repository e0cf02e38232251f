import type { BarSeriesOption, EChartsOption, TooltipComponentFormatterCallbackParams } from 'echarts';
import { m } from '../paraglide/messages.js';
import { AXIS_COLOR, BAR_COLOR, SPLIT_COLOR, baseOption, formatNumber, formatPercent } from './common';

/** Default band edges: <60, 60–70, 70–80, 80–90, ≥90. */
export const DEFAULT_SCORE_BINS: readonly number[] = [60, 70, 80, 90];

export interface ScoreBand {
	label: string;
	/** Inclusive lower edge (−∞ for the first band). */
	from: number;
	/** Exclusive upper edge (+∞ for the last band). */
	to: number;
	count: number;
}

/**
 * Counts `totals` into bands cut at `bins` (each edge belongs to the band above it: 60 is in 60–70).
 * Non-finite totals are ignored. Exported for tables beside the chart.
 */
export function scoreBands(totals: readonly number[], bins: readonly number[] = DEFAULT_SCORE_BINS): ScoreBand[] {
	const edges = [...new Set(bins.filter((b) => Number.isFinite(b)))].sort((a, b) => a - b);
	const bands: ScoreBand[] = [];
	if (edges.length === 0) {
		bands.push({ label: m.common_all(), from: -Infinity, to: Infinity, count: 0 });
	} else {
		bands.push({ label: `<${formatNumber(edges[0])}`, from: -Infinity, to: edges[0], count: 0 });
		for (let i = 1; i < edges.length; i++) {
			bands.push({ label: `${formatNumber(edges[i - 1])}–${formatNumber(edges[i])}`, from: edges[i - 1], to: edges[i], count: 0 });
		}
		bands.push({ label: `≥${formatNumber(edges[edges.length - 1])}`, from: edges[edges.length - 1], to: Infinity, count: 0 });
	}
	for (const t of totals) {
		if (!Number.isFinite(t)) continue;
		const band = bands.find((b) => t >= b.from && t < b.to);
		if (band) band.count++;
	}
	return bands;
}

/**
 * Histogram of totals by score band, counts as bars with labels. Returns null when no finite total.
 *
 * @example scoreDistribution([55, 61, 78.5, 92])          // bands <60, 60–70, 70–80, 80–90, ≥90
 * @example scoreDistribution(totals, [50, 75])
 */
export function scoreDistribution(
	totals: readonly number[],
	bins: readonly number[] = DEFAULT_SCORE_BINS
): EChartsOption | null {
	const bands = scoreBands(totals, bins);
	const n = bands.reduce((s, b) => s + b.count, 0);
	if (n === 0) return null;

	const series: BarSeriesOption = {
		type: 'bar',
		name: m.ch_count(),
		data: bands.map((b) => ({ name: b.label, value: b.count })),
		barMaxWidth: 56,
		itemStyle: { color: BAR_COLOR, borderRadius: [3, 3, 0, 0] },
		label: { show: true, position: 'top', color: '#1f2937', formatter: '{c}' }
	};
	return {
		...baseOption([0]),
		grid: { left: 8, right: 16, top: 32, bottom: 36, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
		tooltip: {
			trigger: 'item',
			confine: true,
			formatter: (p: TooltipComponentFormatterCallbackParams) => {
				const one = Array.isArray(p) ? p[0] : p;
				const b = one ? bands[one.dataIndex] : undefined;
				if (!b) return '';
				return `${m.ch_band_title({ band: b.label, range: rangeText(b) })}<br/>${m.ch_band_count({ count: `<b>${b.count}</b>`, pct: formatPercent(b.count, n) })}`;
			}
		},
		xAxis: {
			type: 'category',
			name: m.ch_score_band(),
			nameLocation: 'middle',
			nameGap: 28,
			data: bands.map((b) => b.label),
			axisTick: { alignWithLabel: true },
			axisLabel: { color: '#1f2937', interval: 0 },
			nameTextStyle: { color: AXIS_COLOR }
		},
		yAxis: {
			type: 'value',
			name: m.ch_agency_count_axis(),
			minInterval: 1,
			nameTextStyle: { color: AXIS_COLOR, align: 'left' },
			axisLabel: { color: AXIS_COLOR },
			splitLine: { lineStyle: { color: SPLIT_COLOR } }
		},
		series: [series]
	};
}

function rangeText(b: ScoreBand): string {
	if (b.from === -Infinity && b.to === Infinity) return m.ch_range_all();
	if (b.from === -Infinity) return m.ch_range_below({ to: formatNumber(b.to) });
	if (b.to === Infinity) return m.ch_range_from({ from: formatNumber(b.from) });
	return m.ch_range_between({ from: formatNumber(b.from), to: formatNumber(b.to) });
}
