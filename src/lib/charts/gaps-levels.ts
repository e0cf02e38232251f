import type { GapsCell } from './gaps-heatmap';

/**
 * Expands the compact heatmap levels the gaps page receives — per agency one string with a
 * character per indicator: '0' '1' '2', '-' not applicable, ' ' no score — into heatmap cells.
 * @example expandGapLevels([{ reportId: 7 }], ['2-1']) // three cells of report 7
 */
export function expandGapLevels(agencies: readonly { reportId: number }[], levels: readonly string[]): GapsCell[] {
	const cells: GapsCell[] = [];
	levels.forEach((row, a) => {
		for (let i = 0; i < row.length; i++) {
			const c = row[i];
			if (c === ' ') continue;
			cells.push({ agencyIndex: a, indicatorIndex: i, level: c === '-' ? null : (Number(c) as 0 | 1 | 2), reportId: agencies[a].reportId });
		}
	});
	return cells;
}
