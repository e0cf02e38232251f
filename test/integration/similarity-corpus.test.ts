/**
 * Reuse on the real PDFs of the development corpus (read in place; skipped when absent): the same
 * county's annual reports of two consecutive years share much more of their own text than two
 * different agencies' reports of one year, whose shared part is mostly the format (left out).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeFile } from '../../src/lib/server/import/decode';
import { exclusionSummary, prepareText, shareIn, sideBySide } from '../../src/lib/analysis/similarity';
import { CORPUS } from './helpers';

const dir = path.join(CORPUS, 'pdf');
const files = ['huaian-hongze-2023.pdf', 'huaian-hongze-2024.pdf', 'huaian-city-2024.pdf'];
const present = files.every((f) => fs.existsSync(path.join(dir, f)));

async function prepared(name: string) {
	const d = await decodeFile(new Uint8Array(fs.readFileSync(path.join(dir, name))), name);
	if (!d.ok) throw new Error(`${name}: ${d.message}`);
	return prepareText(d.text);
}

describe.skipIf(!present)('reuse on the real annual reports (corpus/pdf; skipped when the corpus is absent)', () => {
	it('a county’s report against its previous year’s, and against the city’s of the same year', async () => {
		const [y2023, y2024, city] = await Promise.all(files.map(prepared));
		const previous = shareIn(y2024, y2023).share!;
		const peer = shareIn(y2024, city).share!;
		expect(previous).toBeGreaterThan(0.3);
		expect(peer).toBeLessThan(0.2);
		expect(previous).toBeGreaterThan(peer * 2);
		// the standard format text is left out and reported
		expect(exclusionSummary(y2024).find((e) => e.reason === 'standard')!.letters).toBeGreaterThan(300);
		// the view marks the year that moved on as a changed span
		const v = sideBySide(y2024, y2023);
		const changed = v.a.filter((m) => m.kind === 'changed').map((m) => y2024.original.slice(m.start, m.end));
		expect(changed.some((t) => t.includes('2024'))).toBe(true);
	}, 60_000);
});
