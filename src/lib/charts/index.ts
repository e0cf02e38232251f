/**
 * Pure ECharts option builders: plain data in, `EChartsOption | null` out (null = nothing to draw,
 * `<EChart>` then shows its empty text). No echarts runtime import here — only `<EChart>` loads it.
 * Options contain formatter functions: build them in components (`$derived(rankingBar(data.rows))`),
 * not in a server `load` (functions do not serialize).
 */
export { rankingBar, RANKING_VISIBLE_ROWS, type RankingRow } from './ranking-bar';
export { scoreDistribution, scoreBands, DEFAULT_SCORE_BINS, type ScoreBand } from './score-distribution';
export { dimensionAverages, type DimensionAverage } from './dimension-averages';
export { trendLines, type TrendSeries, type TrendOptions } from './trend-lines';
export { gapsHeatmap, HEATMAP_VISIBLE_ROWS, type GapsAgency, type GapsIndicator, type GapsCell, type GapsCellDatum } from './gaps-heatmap';
export { missingCounts, MISSING_VISIBLE_ROWS, type MissingCount } from './missing-counts';
export { radarCompare, type RadarIndicator, type RadarSeries } from './radar-compare';
export { rankingClickId, gapsClickTarget, missingClickId } from './click';
export { LEVEL_STYLE, NA_STYLE, levelStyle, rowsHeight, formatNumber, formatPercent, type LevelStyle } from './common';
export type { ChartClickEvent, Level } from './types';
export { expandGapLevels } from './gaps-levels';
