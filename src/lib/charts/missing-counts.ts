import type { BarSeriesOption, EChartsOption, TooltipComponentFormatterCallbackParams } from 'echarts';
import { m } from '../paraglide/messages.js';
import { LEVEL_STYLE, baseOption, escapeHtml, namesYAxis, valueXAxis, yScrollZoom } from './common';

export interface MissingCount {
	/** Indicator name, e.g. '决策公开'. */
	name: string;
	/** Optional indicator id, kept in the data items (`data.id`) for click navigation. */
	id?: string;
	/** Agencies whose level is 0 缺失. */
	missing: number;
	/** Agencies whose level is 1 部分. */
	partial: number;
}

/** More indicators than this get a slider on the y axis. */
export const MISSING_VISIBLE_ROWS = 25;

interface CountDatum {
	name: string;
	id?: string;
	value: number;
	label: { show: boolean };
}

/**
 * Stacked horizontal bars per indicator: how many agencies miss it (缺失) and how many only partially
 * meet it (部分). Sorted by 缺失 then 部分, largest gap on top, unless `keepOrder` (rubric order).
 * The two stacks differ by colour, by ECharts' decal pattern and by their legend/tooltip names.
 * Returns null when `items` is empty; all-zero counts still draw (that is a result, not missing data).
 *
 * @example missingCounts([{ name: '决策公开', missing: 3, partial: 5 }])
 */
export function missingCounts(
	items: readonly MissingCount[],
	opts: { keepOrder?: boolean } = {}
): EChartsOption | null {
	const kept = items.filter((it) => Number.isFinite(it.missing) && Number.isFinite(it.partial));
	if (kept.length === 0) return null;
	const rows = opts.keepOrder
		? [...kept]
		: [...kept].sort((a, b) => b.missing - a.missing || b.partial - a.partial);

	const datum = (it: MissingCount, value: number): CountDatum => {
		const d: CountDatum = { name: it.name, value, label: { show: value > 0 } };
		if (it.id !== undefined) d.id = it.id;
		return d;
	};
	const stack = (name: string, color: string, pick: (it: MissingCount) => number, text: string): BarSeriesOption => ({
		type: 'bar',
		name,
		stack: 'gap',
		data: rows.map((it) => datum(it, pick(it))),
		barMaxWidth: 18,
		itemStyle: { color },
		label: { position: 'inside', color: text, formatter: '{c}' },
		emphasis: { focus: 'series' }
	});

	const option: EChartsOption = {
		...baseOption(),
		// Decal patterns make the two stacks distinguishable in greyscale print and for colour-blind readers;
		// the aria text skips the category index and the two stacking dimensions ECharts appends.
		aria: { enabled: true, decal: { show: true }, label: { data: { excludeDimensionId: [1, 2, 3] } } },
		legend: { top: 0, data: [LEVEL_STYLE[0].label, LEVEL_STYLE[1].label] },
		grid: { left: 8, right: rows.length > MISSING_VISIBLE_ROWS ? 44 : 24, top: 32, bottom: 36, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
		tooltip: {
			trigger: 'axis',
			axisPointer: { type: 'shadow' },
			confine: true,
			formatter: (p: TooltipComponentFormatterCallbackParams) => {
				const one = Array.isArray(p) ? p[0] : p;
				const it = one ? rows[one.dataIndex] : undefined;
				if (!it) return '';
				return (
					`${escapeHtml(it.name)}` +
					`<br/>${m.ch_agency_count_line({ level: `${LEVEL_STYLE[0].symbol} ${LEVEL_STYLE[0].label}`, count: `<b>${it.missing}</b>` })}` +
					`<br/>${m.ch_agency_count_line({ level: `${LEVEL_STYLE[1].symbol} ${LEVEL_STYLE[1].label}`, count: `<b>${it.partial}</b>` })}`
				);
			}
		},
		xAxis: valueXAxis(m.ch_agency_count_axis(), { minInterval: 1 }),
		yAxis: namesYAxis(rows.map((it) => it.name)),
		series: [
			stack(LEVEL_STYLE[0].label, LEVEL_STYLE[0].color, (it) => it.missing, LEVEL_STYLE[0].text),
			stack(LEVEL_STYLE[1].label, LEVEL_STYLE[1].color, (it) => it.partial, LEVEL_STYLE[1].text)
		]
	};
	if (rows.length > MISSING_VISIBLE_ROWS) option.dataZoom = yScrollZoom(MISSING_VISIBLE_ROWS);
	return option;
}
