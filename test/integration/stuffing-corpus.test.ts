/** Keyword stuffing calibration (issue 13): no real report of the development set is flagged. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/lib/analysis/analyze';
import type { RubricDefinition } from '../../src/lib/analysis/rubric';
import rubricJson from '../../src/lib/analysis/rubrics/default-v1.json';
import { decodeFile } from '../../src/lib/server/import/decode';
import { CORPUS } from './helpers';

const rubric = rubricJson as unknown as RubricDefinition;
const has = fs.existsSync(path.join(CORPUS, 'reports'));

describe.skipIf(!has)('keyword stuffing on the real reports (../shared/corpus, read in place; skipped when absent)', () => {
	it('flags none of them, text or PDF', async () => {
		const flagged: string[] = [];
		let n = 0;
		for (const f of fs.readdirSync(path.join(CORPUS, 'reports')).filter((x) => x.endsWith('.txt'))) {
			n++;
			if (analyze(fs.readFileSync(path.join(CORPUS, 'reports', f), 'utf8'), rubric).meta.warnings.some((w) => w.code === 'keyword_stuffing')) flagged.push(f);
		}
		const pdfDir = path.join(CORPUS, 'pdf');
		for (const f of fs.existsSync(pdfDir) ? fs.readdirSync(pdfDir).filter((x) => x.endsWith('.pdf')) : []) {
			const d = await decodeFile(new Uint8Array(fs.readFileSync(path.join(pdfDir, f))), f);
			if (!d.ok) continue;
			n++;
			if (analyze({ text: d.text, tables: d.tables }, rubric).meta.warnings.some((w) => w.code === 'keyword_stuffing')) flagged.push(f);
		}
		expect(n).toBeGreaterThan(3);
		expect(flagged).toEqual([]);
	}, 120_000);
});
