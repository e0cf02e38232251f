/**
 * Reuse planted in the demo data (issue 15), so the reuse view has something to show: in the last
 * round, the second report is its agency's previous report with the years moved on, and the fifth
 * is the fourth agency's report with the agency's name changed. Pure.
 */
import type { GeneratedReport } from './generate';

/** The text to import for report `k` of a round (the generated text unless a copy is planted there). */
export function plantReuse(k: number, round: readonly GeneratedReport[], previous: ReadonlyMap<string, string>, year: number): string {
	const g = round[k];
	if (k === 1) {
		const p = previous.get(g.agency);
		if (p) return p.replaceAll(String(year - 1), String(year)).replaceAll(String(year - 2), String(year - 1));
	}
	if (k === 4 && round[3]) return round[3].text.replaceAll(round[3].agency, g.agency);
	return g.text;
}
