/**
 * The tree-shaken ECharts build: exactly the charts, components and renderers the builders in
 * `src/lib/charts` use. `EChart.svelte` imports this module lazily (`import('./echarts-setup')`) so
 * echarts lands in its own chunk, loaded only on pages that draw a chart. Add a chart type or
 * component here when a builder starts using it (the SSR smoke test in `echarts-setup.test.ts`
 * renders every builder through this module and fails on a missing registration).
 */
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart, RadarChart } from 'echarts/charts';
import {
	AriaComponent,
	DataZoomComponent,
	GridComponent,
	LegendComponent,
	MarkLineComponent,
	RadarComponent,
	TitleComponent,
	TooltipComponent,
	VisualMapComponent
} from 'echarts/components';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';

echarts.use([
	BarChart,
	LineChart,
	RadarChart,
	HeatmapChart,
	GridComponent,
	TooltipComponent,
	LegendComponent,
	VisualMapComponent,
	DataZoomComponent,
	// Not drawn: the hidden title carries the chart's name into ECharts' aria description.
	TitleComponent,
	RadarComponent,
	MarkLineComponent,
	AriaComponent,
	CanvasRenderer,
	SVGRenderer
]);

export { echarts };
export type { ECElementEvent, EChartsType } from 'echarts/core';
