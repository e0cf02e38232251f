/**
 * Smoke test: every chart builder's option is rendered by the real ECharts (through the same
 * tree-shaken registrations `<EChart>` loads) with server-side SVG rendering, and the SVG must show
 * the expected Chinese text. Proves the options are valid for ECharts, not just well typed, and
 * that `echarts-setup.ts` registers every chart/component the builders use.
 */
import { describe, expect, it } from 'vitest';
import type { EChartsOption } from 'echarts';
import { echarts } from './echarts-setup';
import { withAria } from './chart-aria';
import {
	dimensionAverages,
	gapsHeatmap,
	missingCounts,
	radarCompare,
	rankingBar,
	scoreDistribution,
	trendLines
} from '../charts/index';

function renderSvg(option: EChartsOption | null, label = '测试图表'): string {
	if (!option) throw new Error('builder returned null');
	const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 600, height: 400, locale: 'ZH' });
	try {
		// No animation: the SVG then holds the final frame.
		chart.setOption({ ...withAria(option, label), animation: false }, { notMerge: true });
		return chart.renderToSVGString();
	} finally {
		chart.dispose();
	}
}

/** Text nodes of the SVG, entities decoded (ECharts writes each label as one <text>). */
function texts(svg: string): string[] {
	return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
		m[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
	);
}

describe('ECharts SSR renders every builder', () => {
	it('rankingBar', () => {
		const t = texts(
			renderSvg(
				rankingBar([
					{ id: 1, name: '甲县人民政府', total: 88.5, max: 100 },
					{ id: 2, name: '乙区人民政府', total: 71.5, max: 98 }
				])
			)
		);
		expect(t).toEqual(expect.arrayContaining(['甲县人民政府', '乙区人民政府', '88.5 / 100', '71.5 / 98', '平均 80']));
	});

	it('rankingBar with a slider past 25 rows', () => {
		const rows = Array.from({ length: 40 }, (_, i) => ({ id: i, name: `第${i + 1}机关`, total: 100 - i, max: 100 }));
		const t = texts(renderSvg(rankingBar(rows)));
		expect(t).toContain('第1机关');
		expect(t).toContain('第25机关');
		expect(t).not.toContain('第26机关');
	});

	it('scoreDistribution', () => {
		const t = texts(renderSvg(scoreDistribution([55, 61, 62, 78.5, 92])));
		expect(t).toEqual(expect.arrayContaining(['<60', '60–70', '≥90', '分数段', '机关数']));
	});

	it('dimensionAverages', () => {
		const t = texts(renderSvg(dimensionAverages([{ name: '政策解读', avg: 12.3, max: 20 }, { name: '回应社会关切', avg: 9, max: 20 }])));
		expect(t).toEqual(expect.arrayContaining(['政策解读', '回应社会关切', '61.5%', '45%', '100%']));
	});

	it('trendLines with a gap', () => {
		const svg = renderSvg(
			trendLines(['2022年度', '2023年度', '2024年度'], [
				{ name: '甲县', values: [70, null, 82] },
				{ name: '全市平均', values: [65, 68, 71] }
			], { yName: '总分' })
		);
		expect(texts(svg)).toEqual(expect.arrayContaining(['2022年度', '2024年度', '甲县', '全市平均', '总分']));
		// The gap splits 甲县's line into two sub-paths (a second "M" inside one path).
		expect(svg).toMatch(/<path d="M[^"]*M[^"]*"[^>]*stroke="#0072b2"/);
	});

	it('gapsHeatmap', () => {
		const t = texts(
			renderSvg(
				gapsHeatmap(
					[{ id: 1, name: '甲县人民政府' }, { id: 2, name: '乙区人民政府' }],
					[{ id: 'fd.decision', name: '决策公开' }, { id: 'rc.applications', name: '依申请公开' }],
					[
						{ agencyIndex: 0, indicatorIndex: 0, level: 0, reportId: 1 },
						{ agencyIndex: 0, indicatorIndex: 1, level: 1, reportId: 1 },
						{ agencyIndex: 1, indicatorIndex: 0, level: 2, reportId: 2 },
						{ agencyIndex: 1, indicatorIndex: 1, level: null, reportId: 2 }
					]
				)
			)
		);
		expect(t).toEqual(
			expect.arrayContaining(['甲县人民政府', '乙区人民政府', '决策公开', '✗', '◐', '✓', '—', '✗ 缺失', '◐ 部分', '✓ 达标', '— 不适用'])
		);
	});

	it('missingCounts', () => {
		const t = texts(renderSvg(missingCounts([{ name: '决策公开', missing: 3, partial: 5 }, { name: '培训', missing: 1, partial: 0 }])));
		expect(t).toEqual(expect.arrayContaining(['决策公开', '培训', '缺失', '部分', '3', '5']));
	});

	it('radarCompare', () => {
		const t = texts(
			renderSvg(
				radarCompare(
					[{ name: '五公开覆盖', max: 30 }, { name: '政策解读', max: 20 }, { name: '回应社会关切', max: 20 }],
					[{ name: '甲县', values: [24, 15, 12] }, { name: '同组平均', values: [20, 13, 14] }]
				)
			)
		);
		expect(t).toEqual(expect.arrayContaining(['五公开覆盖', '政策解读', '甲县', '同组平均']));
	});
});
