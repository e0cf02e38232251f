/**
 * Generalization check against an independent source: the synthetic report generator
 * (src/lib/demo, another writer's phrase banks, structure and noise). Its `intended` levels say
 * what the writer meant per indicator; they are not gold, but a fixed-seed set of 40 agencies ×
 * 2 years must agree with the engine on ≥ 90% of indicator levels, and every report's agency
 * and period must be read from the text. Prints per-indicator agreement and the top confusions.
 */
import { describe, it, expect } from 'vitest';
import { analyze, type AnalysisResult } from './analyze';
import { defaultRubric } from './rubric';
import { demoAgencies, generateRound, type GeneratedReport } from '../demo/generate';

const SEED = 11;
const YEARS = [2019, 2023];

const set: { g: GeneratedReport; r: AnalysisResult }[] = [];
const agencies = demoAgencies(40, SEED);
for (const y of YEARS)
	for (const g of generateRound(agencies, y, SEED)) set.push({ g, r: analyze(g.text, defaultRubric, { fileName: g.fileName }) });

describe(`synthetic reports (seed ${SEED}, 40 agencies × ${YEARS.join('/')})`, () => {
	it('a sizeable set of every report type', () => {
		expect(set.length).toBeGreaterThan(60);
		expect(new Set(set.map(({ g }) => g.type)).size).toBeGreaterThanOrEqual(3);
	});

	it("agrees with the writer's intended levels on ≥ 90% of indicators", () => {
		let agree = 0;
		let total = 0;
		const byInd = new Map<string, [number, number]>();
		const confusions = new Map<string, number>();
		for (const { g, r } of set) {
			for (const ind of r.indicators) {
				const want = g.intended[ind.id];
				if (want === undefined) continue;
				const ok = ind.level === want;
				total++;
				if (ok) agree++;
				const t = byInd.get(ind.id) ?? [0, 0];
				byInd.set(ind.id, [t[0] + (ok ? 1 : 0), t[1] + 1]);
				if (!ok) {
					const k = `${ind.id} want ${want} got ${String(ind.level)}`;
					confusions.set(k, (confusions.get(k) ?? 0) + 1);
				}
			}
		}
		console.log(`synthetic agreement ${agree}/${total} = ${(agree / total).toFixed(3)} over ${set.length} reports`);
		console.log(
			[...byInd]
				.map(([id, [a, t]]) => `${id} ${(a / t).toFixed(2)}`)
				.join(' | ')
		);
		console.log(
			'top confusions:',
			[...confusions]
				.sort((a, b) => b[1] - a[1])
				.slice(0, 8)
				.map(([k, n]) => `${k} ×${n}`)
				.join('; ')
		);
		expect(total).toBeGreaterThan(1000);
		expect(agree / total).toBeGreaterThanOrEqual(0.9);
	});

	it('reads every report’s agency and period from the text', () => {
		const misses = set
			.filter(({ g, r }) => r.meta.agency !== g.agency || r.meta.period !== String(g.year))
			.map(({ g, r }) => `${g.fileName}: agency ${String(r.meta.agency)}, period ${String(r.meta.period)}`);
		expect(misses).toEqual([]);
	});

	it('reads the report type', () => {
		const misses = set.filter(({ g, r }) => r.meta.type !== g.type).map(({ g, r }) => `${g.fileName}: ${r.meta.type}`);
		expect(misses).toEqual([]);
	});
});
