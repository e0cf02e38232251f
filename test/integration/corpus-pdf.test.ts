/**
 * The engine on the real published PDFs of ../shared/corpus/pdf (decoded as an import decodes
 * them), against pdf-labels.json: level agreement ≥ 0.85, every metadata field right, every listed
 * metric right. Prints the figures and every disagreement. Read in place; skipped when absent.
 *
 * Resting on the tables the PDF decoder rebuilds (DocTable grids): rq.consistency (null when table 三
 * is not found) and the metric applications_received of huaian-hongze-2024 (the table's 95 wins
 * over the text's 17).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze, type AnalysisResult } from '../../src/lib/analysis/analyze';
import { defaultRubric } from '../../src/lib/analysis/rubric';
import { decodeFile } from '../../src/lib/server/import/decode';
import { CORPUS } from './paths';

interface Gold {
	file: string;
	meta: { agency: string[]; period: string | null; type: string; published: string | null };
	levels: Record<string, number | number[] | null>;
	metrics: Record<string, { value: number; approx?: boolean; also?: number[] }>;
}

const labels = path.join(CORPUS, 'pdf-labels.json');
const present = existsSync(labels);
const reports: Gold[] = present ? (JSON.parse(readFileSync(labels, 'utf8')) as { reports: Gold[] }).reports : [];

describe.skipIf(!present)(`PDF corpus (${present ? CORPUS : 'absent: ../shared/corpus/pdf-labels.json not found, skipped'})`, () => {
	const results = new Map<Gold, AnalysisResult>();
	beforeAll(async () => {
		for (const g of reports) {
			const d = await decodeFile(new Uint8Array(readFileSync(path.join(CORPUS, g.file))), path.basename(g.file));
			if (!d.ok) throw new Error(`${g.file}: ${d.message}`);
			results.set(g, analyze({ text: d.text, tables: d.tables }, defaultRubric, { fileName: path.basename(g.file) }));
		}
	}, 120_000);

	it('level agreement ≥ 0.85', () => {
		let agree = 0;
		let total = 0;
		const lines: string[] = [];
		for (const g of reports) {
			const r = results.get(g);
			if (!r) throw new Error(`no result for ${g.file}`);
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
							.map((e) => e.text.replace(/\s+/g, '').slice(0, 60))
							.join(' / ')} | discounted: ${(got?.discounted ?? [])
							.slice(0, 2)
							.map((d) => `${d.why}:${d.text.replace(/\s+/g, '').slice(0, 40)}`)
							.join(' / ')}`
					);
			}
		}
		console.log(`pdf corpus level agreement ${agree}/${total} = ${(agree / total).toFixed(3)}`);
		for (const l of lines) console.log('  disagreement', l);
		expect(agree / total).toBeGreaterThanOrEqual(0.85);
	});

	it.each(reports.map((g) => [g.file, g] as const))('metadata of %s', (_f, g) => {
		const r = results.get(g);
		expect(r).toBeDefined();
		if (!r) return;
		expect(g.meta.agency).toContain(r.meta.agency);
		expect(r.meta.period).toBe(g.meta.period);
		expect(r.meta.type).toBe(g.meta.type);
		expect(r.meta.published).toBe(g.meta.published);
	});

	it.each(reports.map((g) => [g.file, g] as const))('metrics of %s', (_f, g) => {
		const r = results.get(g);
		if (!r) throw new Error('missing result');
		const wrong: string[] = [];
		for (const [id, exp] of Object.entries(g.metrics)) {
			const got = r.metrics.find((m) => m.id === id);
			const ok = got !== undefined && [exp.value, ...(exp.also ?? [])].includes(got.value) && (exp.approx === undefined || got.approx === exp.approx);
			if (!ok) wrong.push(`${id}: got ${got ? got.value : 'none'} expected ${exp.value}`);
			else expect(got.evidence.text.length).toBeGreaterThan(0);
		}
		if (wrong.length) console.log(`  metrics of ${g.file}: ${wrong.join('; ')}`);
		expect(wrong).toEqual([]);
	});
});
