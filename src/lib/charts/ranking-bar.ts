import type { BarSeriesOption, EChartsOption, TooltipComponentFormatterCallbackParams } from 'echarts';
import { m } from '../paraglide/messages.js';
import { AXIS_COLOR, BAR_COLOR, baseOption, escapeHtml, formatNumber, formatPercent, namesYAxis, valueXAxis, yScrollZoom } from './common';

export interface RankingRow {
	/** Agency id: kept in the bar's data item (`data.id`) so a click can navigate. */
	id: number;
	name: string;
	total: number;
	/** The agency's maximum (reduced when indicators are 不适用). */
	max: number;
}

/** More rows than this get a slider on the y axis. */
export const RANKING_VISIBLE_ROWS = 25;

interface RankingDatum {
	id: number;
	name: string;
	value: number;
}

/**
 * Horizontal bars of total scores, highest on top, with value labels, a dashed average line and
 * a y-axis slider beyond 25 rows. Rows with a non-finite total are left out (never drawn as 0).
 * Returns null when no row is left.
 *
 * @example rankingBar([{ id: 1, name: '甲县', total: 81.5, max: 100 }])
 */
export function rankingBar(rows: readonly RankingRow[], opts: { label?: string } = {}): EChartsOption | null {
	const label = opts.label ?? m.ch_total();
	const kept = rows.filter((r) => Number.isFinite(r.total));
	if (kept.length === 0) return null;
	const sorted = [...kept].sort(
		(a, b) => b.total - a.total || rate(b) - rate(a) || a.name.localeCompare(b.name, 'zh-Hans-CN')
	);
	const maxes = new Set(sorted.map((r) => r.max));
	const commonMax = maxes.size === 1 ? sorted[0].max : null;
	const axisMax = Math.max(...sorted.map((r) => (Number.isFinite(r.max) ? r.max : 0)), ...sorted.map((r) => r.total));
	const mean = sorted.reduce((s, r) => s + r.total, 0) / sorted.length;

	const data: RankingDatum[] = sorted.map((r) => ({ id: r.id, name: r.name, value: r.total }));
	const series: BarSeriesOption = {
		type: 'bar',
		name: label,
		data,
		barMaxWidth: 18,
		itemStyle: { color: BAR_COLOR, borderRadius: [0, 3, 3, 0] },
		// Reduced maxima are shown next to the score ("71.5 / 98"), a common maximum only in the tooltip.
		label: {
			show: true,
			position: 'right',
			color: '#1f2937',
			formatter: commonMax === null ? (p) => labelFor(sorted[p.dataIndex]) : '{c}'
		},
		markLine: {
			symbol: 'none',
			silent: true,
			lineStyle: { type: 'dashed', color: AXIS_COLOR },
			label: { formatter: m.ch_average({ value: formatNumber(mean) }), position: 'start', color: AXIS_COLOR },
			data: [{ xAxis: Math.round(mean * 10) / 10 }]
		}
	};

	const option: EChartsOption = {
		...baseOption([1]),
		grid: { left: 8, right: sorted.length > RANKING_VISIBLE_ROWS ? 44 : 24, top: 24, bottom: 36, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
		tooltip: {
			trigger: 'item',
			confine: true,
			formatter: (p: TooltipComponentFormatterCallbackParams) => {
				const one = Array.isArray(p) ? p[0] : p;
				const r = one ? sorted[one.dataIndex] : undefined;
				if (!r) return '';
				return `${escapeHtml(r.name)}<br/>${m.ch_rank_tooltip({ rank: one.dataIndex + 1, label: escapeHtml(label), value: `<b>${formatNumber(r.total)}</b>`, max: formatNumber(r.max), rate: formatPercent(r.total, r.max) })}`;
			}
		},
		xAxis: valueXAxis(label, { min: 0, max: axisMax > 0 ? Math.ceil(axisMax) : undefined }),
		yAxis: namesYAxis(sorted.map((r) => r.name)),
		series: [series]
	};
	if (sorted.length > RANKING_VISIBLE_ROWS) option.dataZoom = yScrollZoom(RANKING_VISIBLE_ROWS);
	return option;
}

function rate(r: RankingRow): number {
	return r.max > 0 ? r.total / r.max : 0;
}

function labelFor(r: RankingRow | undefined): string {
	return r ? `${formatNumber(r.total)} / ${formatNumber(r.max)}` : '';
}
