import { describe, expect, it } from 'vitest';
import { analyze } from './analyze';
import type { RubricDefinition } from './rubric';
import rubricJson from './rubrics/default-v1.json';
import { longestRun, STUFFING } from './stuffing';
import { demoAgencies, generateReport } from '../demo/generate';

const rubric = rubricJson as unknown as RubricDefinition;
/** A term as plain words: the first option of each group, gaps dropped. */
const literal = (t: string) => t.replace(/\(([^)|]*)[^)]*\)/g, '$1').replace(/\*/g, '');

/** Padding an attacker builds from the rubric's terms: one enumeration sentence per indicator. */
function padding(perSentence = 5): string {
	return rubric.dimensions
		.flatMap((d) => d.indicators.filter((i) => i.terms.length >= perSentence).map((i) => `我单位扎实推进${i.terms.slice(0, perSentence).map(literal).join('、')}等工作，印发《${i.name}工作方案》，全年开展12次。`))
		.join('\n');
}

describe('longestRun', () => {
	const mark = (text: string, words: string[]) => {
		const c = new Uint8Array(text.length);
		for (const w of words) for (let i = text.indexOf(w); i >= 0; i = text.indexOf(w, i + 1)) c.fill(1, i, i + w.length);
		return c;
	};
	it('counts terms joined only by list separators', () => {
		const t = '推进甲乙、丙丁、戊己、庚辛和壬癸等工作';
		expect(longestRun(t, mark(t, ['甲乙', '丙丁', '戊己', '庚辛', '壬癸']))).toBe(4);
		const u = '甲乙工作中落实丙丁，并通过戊己发布';
		expect(longestRun(u, mark(u, ['甲乙', '丙丁', '戊己']))).toBe(0);
	});
});

describe('keyword stuffing', () => {
	const [agency] = demoAgencies(1, 3);
	const base = generateReport({ agency, year: 2023, seed: 11, quality: 0.2 }).text;

	it('a report padded with sentences built from the terms is flagged and gains at most level 1 from them', () => {
		const plain = analyze(base, rubric);
		const padded = analyze(`${base}\n${padding()}`, rubric);
		expect(plain.meta.warnings.map((w) => w.code)).not.toContain('keyword_stuffing');
		const w = padded.meta.warnings.find((x) => x.code === 'keyword_stuffing');
		expect(w).toBeDefined();
		expect(w?.message).toMatch(/^疑似关键词堆砌/);
		expect(Number(w?.params?.sentences)).toBeGreaterThanOrEqual(STUFFING.minDenseSentences);
		// without the cap the padding (terms, a named plan, a count) would have bought level 2s
		const limits = STUFFING as { minDenseSentences: number };
		const keep = limits.minDenseSentences;
		limits.minDenseSentences = Number.POSITIVE_INFINITY;
		const uncapped = analyze(`${base}\n${padding()}`, rubric);
		limits.minDenseSentences = keep;
		expect(padded.score.total).toBeLessThan(uncapped.score.total - 10);
		// Indicators the padding lifted to 2 on its own: nearly none (a padded sentence that does not
		// read as an enumeration may still count, which the warning asks the evaluator to check).
		const before = new Map(plain.indicators.map((i) => [i.id, i.level]));
		const lifted = padded.indicators.filter((i) => i.level === 2 && (before.get(i.id) ?? 0) < 2).map((i) => i.id);
		const liftedUncapped = uncapped.indicators.filter((i) => i.level === 2 && (before.get(i.id) ?? 0) < 2).map((i) => i.id);
		expect(liftedUncapped.length).toBeGreaterThan(5);
		expect(lifted.length).toBeLessThanOrEqual(2);
	});

	it('160 demo reports of every quality are not flagged', () => {
		const agencies = demoAgencies(40, 1);
		const flagged: string[] = [];
		for (let i = 0; i < 160; i++) {
			const r = generateReport({ agency: agencies[i % 40], year: 2019 + (i % 5), seed: i, quality: (i % 10) / 10 });
			if (analyze(r.text, rubric).meta.warnings.some((w) => w.code === 'keyword_stuffing')) flagged.push(`${i}`);
		}
		expect(flagged).toEqual([]);
	});
});
