/**
 * The engine against the real reports and their gold labels (/work/shared/corpus, read in place).
 * Prints every disagreement (indicator, got, expected, evidence) and asserts:
 * level agreement ≥ 0.90, all metadata right, all listed metrics right.
 */
import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { analyze } from './analyze';
import { defaultRubric } from './rubric';

const CORPUS = path.resolve(process.cwd(), '../shared/corpus');
const present = existsSync(path.join(CORPUS, 'labels.json'));

interface Gold {
	file: string;
	meta: { agency: string[]; period: string | null; type: string; published: string | null };
	levels: Record<string, number | number[] | null>;
	metrics: Record<string, { value: number; approx?: boolean; also?: number[] }>;
}

const reports: Gold[] = present
	? ((JSON.parse(readFileSync(path.join(CORPUS, 'labels.json'), 'utf8')) as { reports: Gold[] }).reports)
	: [];

describe.skipIf(!present)(`corpus (${present ? CORPUS : 'absent: ../shared/corpus not found, skipped'})`, () => {
	const results = reports.map((g) => ({ g, r: analyze(readFileSync(path.join(CORPUS, g.file), 'utf8'), defaultRubric, { fileName: path.basename(g.file) }) }));

	it('level agreement ≥ 0.90', () => {
		let agree = 0;
		let total = 0;
		const lines: string[] = [];
		for (const { g, r } of results) {
			for (const [id, exp] of Object.entries(g.levels)) {
				const got = r.indicators.find((i) => i.id === id);
				total++;
				const lvl = got ? got.level : -1;
				const ok = Array.isArray(exp) ? exp.includes(lvl ?? -1) : exp === lvl;
				if (ok) agree++;
				else
					lines.push(
						`${g.file} ${id}: got ${String(got?.level)} expected ${JSON.stringify(exp)} | evidence: ${(got?.evidence ?? [])
							.slice(0, 2)
							.map((e) => e.text.slice(0, 60))
							.join(' / ')} | discounted: ${(got?.discounted ?? [])
							.slice(0, 2)
							.map((d) => `${d.why}:${d.text.slice(0, 40)}`)
							.join(' / ')}`
					);
			}
		}
		console.log(`corpus level agreement ${agree}/${total} = ${(agree / total).toFixed(3)}`);
		for (const l of lines) console.log('  disagreement', l);
		expect(agree / total).toBeGreaterThanOrEqual(0.9);
	});

	it.each(reports.map((g) => [g.file, g] as const))('metadata of %s', (_f, g) => {
		const r = results.find((x) => x.g === g)?.r;
		expect(r).toBeDefined();
		if (!r) return;
		expect(g.meta.agency).toContain(r.meta.agency);
		expect(r.meta.period).toBe(g.meta.period);
		expect(r.meta.type).toBe(g.meta.type);
		expect(r.meta.published).toBe(g.meta.published);
	});

	it.each(reports.map((g) => [g.file, g] as const))('metrics of %s', (_f, g) => {
		const r = results.find((x) => x.g === g)?.r;
		if (!r) throw new Error('missing result');
		for (const [id, exp] of Object.entries(g.metrics)) {
			const got = r.metrics.find((m) => m.id === id);
			expect(got, `${g.file} ${id}`).toBeDefined();
			expect([exp.value, ...(exp.also ?? [])], `${g.file} ${id}`).toContain(got?.value);
			if (exp.approx !== undefined) expect(got?.approx, `${g.file} ${id} approx`).toBe(exp.approx);
			if (got) expect(got.evidence.text.length).toBeGreaterThan(0);
		}
	});

	it('the application table of the standard annual report parses and holds', () => {
		const annual = results.find(({ r }) => r.tables.some((t) => t.id === 'applications'));
		expect(annual).toBeDefined();
		const check = annual?.r.checks.find((c) => c.id === 'applications_identity');
		expect(check?.ok).toBe(true);
	});
});
