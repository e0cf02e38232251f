import { describe, expect, it } from 'vitest';
import type { EChartsOption } from 'echarts';
import { withLocale } from '../i18n/with-locale';
import { dimensionAverages, gapsHeatmap, missingCounts, radarCompare, rankingBar, scoreDistribution, trendLines } from './index';
import { first, tooltipText } from './test-helpers';

/**
 * Charts follow the UI language (issue 5 item 10): built in English with English data names, no
 * option text — series and axis names, legends, visualMap pieces, aria text, mark lines, tooltips —
 * may contain Chinese.
 */
const CJK = /[\u4e00-\u9fff]/;

function build(): Record<string, EChartsOption | null> {
	return {
		dimensions: dimensionAverages([{ name: 'Decisions', avg: 12.3, max: 20 }, { name: 'Channels', avg: 8, max: 10 }]),
		heatmap: gapsHeatmap(
			[{ id: 1, name: 'North County' }, { id: 2, name: 'Water Bureau' }],
			[{ id: 'fd.decision', name: 'Decisions' }, { id: 'rq.plans', name: 'Plans' }],
			[
				{ agencyIndex: 0, indicatorIndex: 0, level: 0, reportId: 1 },
				{ agencyIndex: 0, indicatorIndex: 1, level: 1, reportId: 1 },
				{ agencyIndex: 1, indicatorIndex: 0, level: 2, reportId: 2 },
				{ agencyIndex: 1, indicatorIndex: 1, level: null, reportId: 2 }
			]
		),
		missing: missingCounts([{ name: 'Decisions', missing: 3, partial: 5 }]),
		radar: radarCompare([{ name: 'Decisions', max: 30 }, { name: 'Channels', max: 20 }], [{ name: 'North County', values: [24, 15] }, { name: 'Group average', values: [20.5, 12] }]),
		ranking: rankingBar([{ id: 1, name: 'North County', total: 81.5, max: 100 }, { id: 2, name: 'Water Bureau', total: 70, max: 98 }]),
		distribution: scoreDistribution([55, 61, 78.5, 92]),
		distributionOneBand: scoreDistribution([55, 61], []),
		trends: trendLines(['2023', '2024'], [{ name: 'North County', values: [71.5, null] }], { yName: 'Score' })
	};
}

/** Every string an option shows: its JSON (functions left out) plus what its formatters return. */
function texts(o: EChartsOption): string[] {
	const out = [JSON.stringify(o)];
	const tooltip = first(o.tooltip);
	if (typeof tooltip.formatter === 'function') for (let i = 0; i < 4; i++) out.push(tooltipText(o, i, { seriesIndex: 0 }));
	if (typeof tooltip.valueFormatter === 'function') out.push(String(tooltip.valueFormatter(null as unknown as number, 0)), String(tooltip.valueFormatter(3, 0)));
	return out;
}

describe('charts in English', () => {
	it('carry no Chinese in any text they show', async () => {
		const options = await withLocale('en', build);
		const leaks: string[] = [];
		for (const [name, o] of Object.entries(options)) {
			expect(o, name).not.toBeNull();
			if (!o) continue;
			const all = await withLocale('en', () => texts(o));
			for (const t of all) if (CJK.test(t)) leaks.push(`${name}: ${t.slice(0, 200)}`);
		}
		expect(leaks).toEqual([]);
	});

	it('say the level words and counts in English', async () => {
		const { heatmap, missing, ranking, distribution } = await withLocale('en', build);
		if (!heatmap || !missing || !ranking || !distribution) throw new Error('expected options');
		await withLocale('en', () => {
			expect(tooltipText(heatmap, 0)).toBe('North County<br/>Decisions (fd.decision)<br/>Level: <b>✗ Missing</b>');
			expect(tooltipText(missing, 0)).toBe('Decisions<br/>✗ Missing: <b>3</b><br/>◐ Partial: <b>5</b>');
			expect(tooltipText(ranking, 0)).toBe('North County<br/>No. 1 · Total <b>81.5</b> / 100 (rate 81.5%)');
			expect(tooltipText(distribution, 1)).toBe('60–70 points (60 ≤ score < 70)<br/>Agencies: <b>1</b> (25% of all)');
		});
		expect(JSON.stringify(heatmap.visualMap)).toContain('✗ Missing');
		expect(JSON.stringify(heatmap.aria)).toContain('Levels of 2 agencies × 2 indicators: 1 missing, 1 partial, 1 met, 1 not applicable.');
	});
});
