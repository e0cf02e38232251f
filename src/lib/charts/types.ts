/** Scoring level of one indicator: 0 缺失, 1 部分, 2 达标 (see RUBRIC.md). */
export type Level = 0 | 1 | 2;

/**
 * What `<EChart onclick>` hands to its listener: the fields of ECharts' click event that a page needs
 * to navigate. `data` is the raw data item the builder wrote (e.g. a ranking bar's `{ id }`, a heatmap
 * cell's `{ reportId, indicatorId }`); read it with the narrowing helpers in `click.ts`.
 */
export interface ChartClickEvent {
	name: string;
	seriesName?: string;
	dataIndex: number;
	value: unknown;
	data: unknown;
}
