/**
 * Bench section: PDF decoding of the real annual reports in ../shared/corpus/pdf (read in place;
 * skipped with a message when absent). Prints, per file, the full decode (pdf.js + layout) cold and
 * warm, per file and per page, the layout step alone (text items already extracted), and the table
 * grids found (rows × columns).
 */
import fs from 'node:fs';
import path from 'node:path';
import { getResolvedPDFJS } from 'unpdf';
import { decodeFile } from '../../src/lib/server/import/decode';
import { layoutPdf, type LayoutPage } from '../../src/lib/server/import/pdf-layout';

const DIR = path.resolve(import.meta.dirname, '../../../shared/corpus/pdf');

async function items(bytes: Uint8Array): Promise<LayoutPage[]> {
	const { getDocument } = await getResolvedPDFJS();
	const pdf = await getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
	const pages: LayoutPage[] = [];
	for (let n = 1; n <= pdf.numPages; n++) {
		const page = await pdf.getPage(n);
		const content = await page.getTextContent();
		pages.push({
			height: page.view[3] ?? 842,
			items: content.items.flatMap((it) =>
				'str' in it ? [{ str: it.str, x: it.transform[4], y: it.transform[5], w: it.width, h: it.height || Math.hypot(it.transform[2], it.transform[3]) }] : []
			)
		});
	}
	await pdf.destroy();
	return pages;
}

export async function benchPdfDecode(line: (s?: string) => void): Promise<void> {
	line('\n6. PDF 解码 / PDF decode (../shared/corpus/pdf)');
	const files = fs.existsSync(DIR) ? fs.readdirSync(DIR).filter((f) => f.endsWith('.pdf')).sort() : [];
	if (files.length === 0) {
		line('   skipped: ../shared/corpus/pdf is absent');
		return;
	}
	for (const file of files) {
		const bytes = new Uint8Array(fs.readFileSync(path.join(DIR, file)));
		let t = performance.now();
		const first = await decodeFile(bytes, file, { timeoutMs: 60_000 });
		const cold = performance.now() - t;
		const warm: number[] = [];
		for (let i = 0; i < 3; i++) {
			t = performance.now();
			await decodeFile(bytes, file, { timeoutMs: 60_000 });
			warm.push(performance.now() - t);
		}
		const w = [...warm].sort((a, b) => a - b)[1];
		const pages = await items(bytes);
		t = performance.now();
		for (let i = 0; i < 10; i++) layoutPdf(pages);
		const layout = (performance.now() - t) / 10;
		const n = pages.length;
		const grids = first.ok ? (first.tables ?? []).map((tb) => `${tb.rows.length}×${tb.rows[0]?.length ?? 0}`).join(' ') : first.message;
		line(
			`   ${file}: ${n} 页, cold ${cold.toFixed(0)} ms, warm ${w.toFixed(0)} ms/file = ${(w / n).toFixed(0)} ms/page (layout ${layout.toFixed(1)} ms); grids ${grids}`
		);
	}
}
