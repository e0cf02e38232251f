/**
 * Shared look of every chart: fonts, colours, number formatting, the level scale (缺失/部分/达标 with
 * symbols, so levels never depend on colour alone) and HTML escaping for tooltips.
 * Pure: no echarts runtime import. Words come from the UI messages (src/lib/i18n), read when a
 * builder runs, so charts follow the UI language.
 */
import type { EChartsOption, XAXisComponentOption, YAXisComponentOption } from 'echarts';
import type { Level } from './types';
import { levelLabel } from '../i18n/labels';

export const FONT_FAMILY =
	"'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', system-ui, sans-serif";

/** Main bar colour (neutral blue: the brand red would read as "bad" on a score chart). */
export const BAR_COLOR = '#2f6fb3';
export const AXIS_COLOR = '#6b7280';
export const SPLIT_COLOR = '#e5e7eb';

/** Okabe–Ito: a categorical palette that stays distinguishable for colour-blind readers. */
export const SERIES_COLORS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#6b7280', '#f0e442'];
/** Line/radar symbols and dash styles cycle with the colours, so series differ without colour too. */
export const SERIES_SYMBOLS = ['circle', 'rect', 'triangle', 'diamond', 'roundRect', 'pin', 'arrow', 'emptyCircle'];
export const LINE_TYPES: ('solid' | 'dashed' | 'dotted')[] = ['solid', 'dashed', 'dotted'];

export interface LevelStyle {
	/** In the UI language (a getter: read when the chart is built). */
	readonly label: string;
	symbol: string;
	color: string;
	/** Text colour on top of `color` (contrast ≥ 4.5:1). */
	text: string;
}

/** Colours match app.css (--c-l0/1/2, with a darker green for white-text contrast). */
export const LEVEL_STYLE: Record<Level, LevelStyle> = {
	0: { get label() { return levelLabel(0); }, symbol: '✗', color: '#dc2626', text: '#ffffff' },
	1: { get label() { return levelLabel(1); }, symbol: '◐', color: '#fbbf24', text: '#1f2937' },
	2: { get label() { return levelLabel(2); }, symbol: '✓', color: '#15803d', text: '#ffffff' }
};
/** An indicator that does not apply to the agency (its maximum is reduced, not scored 0). */
export const NA_STYLE: LevelStyle = { get label() { return levelLabel(null); }, symbol: '—', color: '#e5e7eb', text: '#4b5563' };
/** Heatmap value used for 不适用 (ECharts' '-' would leave the cell blank, indistinguishable from "no report"). */
export const NA_VALUE = -1;

export function levelStyle(level: Level | null): LevelStyle {
	return level === null ? NA_STYLE : LEVEL_STYLE[level];
}

/** `71.5`, `72`, `0.3`: at most one decimal, no trailing zero. */
export function formatNumber(n: number): string {
	if (!Number.isFinite(n)) return '—';
	const r = Math.round(n * 10) / 10;
	return Object.is(r, -0) ? '0' : String(r);
}

/** `61.5%`; '—' when the base is zero. */
export function formatPercent(part: number, whole: number): string {
	if (!(whole > 0) || !Number.isFinite(part)) return '—';
	return `${formatNumber((part / whole) * 100)}%`;
}

/** Tooltips are HTML: every name that comes from data goes through this. */
export function escapeHtml(s: string): string {
	return s.replace(/[&<>"']/g, (c) =>
		c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'
	);
}

/**
 * Options every builder starts from: Chinese font, ECharts aria on, short animation.
 * `ariaSkipDims`: data dimensions ECharts' generated aria text should not read out — on a category
 * axis the category index is a dimension too ("甲县的数据是88.5，0"): pass [0] when the categories are
 * on x, [1] when they are on y.
 */
export function baseOption(ariaSkipDims?: number[]): EChartsOption {
	return {
		aria: ariaSkipDims ? { enabled: true, label: { data: { excludeDimensionId: ariaSkipDims } } } : { enabled: true },
		textStyle: { fontFamily: FONT_FAMILY },
		color: SERIES_COLORS,
		animationDuration: 300,
		tooltip: { confine: true, textStyle: { fontFamily: FONT_FAMILY } }
	};
}

/**
 * A chart height that fits `rows` category rows (bars or heatmap rows), capped where a dataZoom takes
 * over. Use it for the `height` prop of `<EChart>`: `height={rowsHeight(rows.length)}`.
 */
export function rowsHeight(rows: number, opts: { rowPx?: number; extraPx?: number; maxRows?: number; minPx?: number } = {}): string {
	const { rowPx = 24, extraPx = 90, maxRows = 25, minPx = 200 } = opts;
	return `${Math.max(minPx, Math.min(Math.max(rows, 1), maxRows) * rowPx + extraPx)}px`;
}

/** A slider on the y (category) axis showing the first `visible` rows, plus wheel scrolling. */
export function yScrollZoom(visible: number): NonNullable<EChartsOption['dataZoom']> {
	return [
		{
			type: 'slider',
			yAxisIndex: 0,
			startValue: 0,
			endValue: visible - 1,
			right: 6,
			width: 14,
			zoomLock: true,
			showDetail: false,
			brushSelect: false
		},
		{ type: 'inside', yAxisIndex: 0, zoomOnMouseWheel: false, moveOnMouseWheel: true, moveOnMouseMove: false }
	];
}

/**
 * The y axis of a horizontal chart listing names (agencies, indicators): first row on top, every
 * name shown, long names truncated. `extra` adds or overrides fields.
 */
export function namesYAxis(names: readonly string[], extra: YAXisComponentOption = {}): YAXisComponentOption {
	return {
		type: 'category',
		inverse: true,
		data: [...names],
		axisTick: { show: false },
		axisLabel: { color: '#1f2937', interval: 0, width: 130, overflow: 'truncate' },
		...extra
	} as YAXisComponentOption;
}

/** The x (value) axis of a horizontal bar chart, its name centred below it. */
export function valueXAxis(name: string, extra: XAXisComponentOption = {}): XAXisComponentOption {
	return {
		type: 'value',
		name,
		nameLocation: 'middle',
		nameGap: 24,
		nameTextStyle: { color: AXIS_COLOR },
		axisLabel: { color: AXIS_COLOR },
		splitLine: { lineStyle: { color: SPLIT_COLOR } },
		...extra
	} as XAXisComponentOption;
}
