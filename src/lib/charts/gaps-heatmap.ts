import type { EChartsOption, HeatmapSeriesOption, TooltipComponentFormatterCallbackParams } from 'echarts';
import { m } from '../paraglide/messages.js';
import { AXIS_COLOR, LEVEL_STYLE, NA_STYLE, NA_VALUE, baseOption, escapeHtml, levelStyle, namesYAxis, yScrollZoom } from './common';
import type { Level } from './types';

export interface GapsAgency {
	id: number;
	name: string;
}
export interface GapsIndicator {
	/** Rubric indicator id, e.g. 'fd.decision'. */
	id: string;
	name: string;
}
export interface GapsCell {
	agencyIndex: number;
	indicatorIndex: number;
	/** null = 不适用 (drawn grey, labelled —). */
	level: Level | null;
	reportId: number;
}

/** The data item of one heatmap cell; `<EChart onclick>` hands it back as `data` (see `gapsCellTarget`). */
export interface GapsCellDatum {
	/** [indicator index (x), agency index (y), level 0/1/2 or −1 for 不适用]. */
	value: [number, number, number];
	reportId: number;
	indicatorId: string;
	agencyId: number;
	label: { formatter: string; color: string };
}

/** More agencies than this get a slider on the y axis. */
export const HEATMAP_VISIBLE_ROWS = 30;

/**
 * Agencies (rows) × indicators (columns), one cell per scored indicator, coloured by level with a
 * piecewise visualMap (0 缺失 / 1 部分 / 2 达标 / 不适用) and labelled ✗ ◐ ✓ — so the level reads
 * without colour too. Each cell carries `reportId` and `indicatorId` for click navigation.
 * Cells pointing outside the two lists are ignored; a pair with no cell (no report) stays blank.
 * Returns null when there are no agencies, no indicators or no valid cell.
 *
 * @example gapsHeatmap([{ id: 7, name: '甲县' }], [{ id: 'fd.decision', name: '决策公开' }],
 *   [{ agencyIndex: 0, indicatorIndex: 0, level: 2, reportId: 42 }])
 */
export function gapsHeatmap(
	agencies: readonly GapsAgency[],
	indicators: readonly GapsIndicator[],
	cells: readonly GapsCell[]
): EChartsOption | null {
	if (agencies.length === 0 || indicators.length === 0) return null;
	const data: GapsCellDatum[] = [];
	const counts = { 0: 0, 1: 0, 2: 0, na: 0 };
	for (const c of cells) {
		const agency = agencies[c.agencyIndex];
		const indicator = indicators[c.indicatorIndex];
		if (!agency || !indicator || !Number.isInteger(c.agencyIndex) || !Number.isInteger(c.indicatorIndex)) continue;
		const style = levelStyle(c.level);
		if (c.level === null) counts.na++;
		else counts[c.level]++;
		data.push({
			value: [c.indicatorIndex, c.agencyIndex, c.level ?? NA_VALUE],
			reportId: c.reportId,
			indicatorId: indicator.id,
			agencyId: agency.id,
			label: { formatter: style.symbol, color: style.text }
		});
	}
	if (data.length === 0) return null;

	const many = agencies.length > HEATMAP_VISIBLE_ROWS;
	const series: HeatmapSeriesOption = {
		type: 'heatmap',
		name: m.ch_indicator_level(),
		data,
		label: { show: true, fontSize: 13 },
		itemStyle: { borderColor: '#ffffff', borderWidth: 1 },
		emphasis: { itemStyle: { borderColor: '#111827', borderWidth: 2 } }
	};
	const option: EChartsOption = {
		...baseOption(),
		aria: {
			enabled: true,
			label: {
				description: m.ch_heatmap_aria({
					agencies: agencies.length,
					indicators: indicators.length,
					missing: counts[0],
					partial: counts[1],
					met: counts[2],
					na: counts.na
				})
			}
		},
		grid: { left: 8, right: many ? 40 : 16, top: 8, bottom: 44, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
		tooltip: {
			trigger: 'item',
			confine: true,
			formatter: (p: TooltipComponentFormatterCallbackParams) => {
				const one = Array.isArray(p) ? p[0] : p;
				const d = one ? data[one.dataIndex] : undefined;
				if (!d) return '';
				const [x, y, v] = d.value;
				const style = v === NA_VALUE ? NA_STYLE : levelStyle(v as Level);
				return (
					`${escapeHtml(agencies[y].name)}<br/>${m.ch_indicator_with_id({ name: escapeHtml(indicators[x].name), id: escapeHtml(indicators[x].id) })}` +
					`<br/>${m.ch_level_line({ level: `<b>${style.symbol} ${style.label}</b>` })}`
				);
			}
		},
		xAxis: {
			type: 'category',
			position: 'top',
			data: indicators.map((i) => i.name),
			splitArea: { show: false },
			axisTick: { show: false },
			axisLine: { show: false },
			axisLabel: { color: '#1f2937', interval: 0, rotate: indicators.length > 8 ? 45 : 0, width: 96, overflow: 'truncate' }
		},
		yAxis: namesYAxis(agencies.map((a) => a.name), { axisLine: { show: false } }),
		visualMap: {
			type: 'piecewise',
			dimension: 2,
			orient: 'horizontal',
			left: 'center',
			bottom: 4,
			textStyle: { color: AXIS_COLOR },
			pieces: [
				{ value: 0, label: `${LEVEL_STYLE[0].symbol} ${LEVEL_STYLE[0].label}`, color: LEVEL_STYLE[0].color },
				{ value: 1, label: `${LEVEL_STYLE[1].symbol} ${LEVEL_STYLE[1].label}`, color: LEVEL_STYLE[1].color },
				{ value: 2, label: `${LEVEL_STYLE[2].symbol} ${LEVEL_STYLE[2].label}`, color: LEVEL_STYLE[2].color },
				{ value: NA_VALUE, label: `${NA_STYLE.symbol} ${NA_STYLE.label}`, color: NA_STYLE.color }
			]
		},
		series: [series]
	};
	if (many) option.dataZoom = yScrollZoom(HEATMAP_VISIBLE_ROWS);
	return option;
}
