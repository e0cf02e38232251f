/** Test-only accessors for built options (EChartsOption fields are unions of one-or-many). */
import type {
	BarSeriesOption,
	EChartsOption,
	HeatmapSeriesOption,
	LineSeriesOption,
	RadarSeriesOption,
	TooltipComponentFormatterCallbackParams,
	TooltipComponentOption
} from 'echarts';

export function first<T>(v: T | T[] | undefined): T {
	const x = Array.isArray(v) ? v[0] : v;
	if (x === undefined) throw new Error('expected a value');
	return x;
}

export function many<T>(v: T | T[] | undefined): T[] {
	return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

type AnySeries = BarSeriesOption | LineSeriesOption | HeatmapSeriesOption | RadarSeriesOption;
export function seriesOf<T extends AnySeries>(o: EChartsOption, type: T['type']): T[] {
	return many(o.series).filter((s): s is T => s.type === type);
}

export function categories(axis: EChartsOption['xAxis'] | EChartsOption['yAxis']): unknown[] {
	const a = first(axis);
	return 'data' in a && Array.isArray(a.data) ? a.data.map((d: unknown) => d) : [];
}

/** Calls the option's tooltip formatter as ECharts would for one data item. */
export function tooltipText(o: EChartsOption, dataIndex: number, extra: Record<string, unknown> = {}): string {
	const t: TooltipComponentOption = first(o.tooltip);
	const f = t.formatter;
	if (typeof f !== 'function') throw new Error('tooltip formatter is not a function');
	const params = { dataIndex, ...extra } as unknown as TooltipComponentFormatterCallbackParams;
	const out = f(params, '');
	if (typeof out !== 'string') throw new Error('tooltip formatter returned no string');
	return out;
}
