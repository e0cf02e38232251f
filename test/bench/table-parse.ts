/**
 * Bench section: table parse time (issue 12) — reading the standard tables and running every check
 * on them, the text already normalized and split into lines (that part is the engine's, measured in
 * section 1). Three inputs: synthetic annual reports whose tables are `|` rows, the same tables
 * flattened into one line (web copies), and the decoder's grids of the real PDFs in
 * ../shared/corpus/pdf (skipped when absent).
 */
import fs from 'node:fs';
import path from 'node:path';
import { detectNoise, splitLines } from '../../src/lib/analysis/noise';
import { normalize } from '../../src/lib/analysis/normalize';
import { readTables, reportTableChecks } from '../../src/lib/analysis/table-report';
import type { DocTable } from '../../src/lib/analysis/types';
import { demoAgencies, generateReport } from '../../src/lib/demo/generate';
import { decodeFile } from '../../src/lib/server/import/decode';

const DIR = path.resolve(import.meta.dirname, '../../../shared/corpus/pdf');

function prepared(text: string, tables: DocTable[] = []) {
	const nz = normalize(text);
	const lines = splitLines(nz.text);
	const { lineNoise } = detectNoise(lines, nz.text);
	return { nz, lines, lineNoise, tables };
}

function time(inputs: ReturnType<typeof prepared>[], rounds: number): { perReport: number; found: number } {
	let found = 0;
	const t = performance.now();
	for (let k = 0; k < rounds; k++)
		for (const p of inputs) {
			const w: { code: string; message: string }[] = [];
			const tables = readTables(p.tables, p.nz, p.lines, p.lineNoise, w);
			reportTableChecks(tables, { sentences: [], period: '2023', type: 'annual_report', text: p.nz.text }, w);
			if (k === 0) found += tables.length;
		}
	return { perReport: (performance.now() - t) / (rounds * inputs.length), found };
}

export async function benchTableParse(line: (s?: string) => void, quick: boolean): Promise<void> {
	line('\n7. 表格解析 / table parse (tables + checks, text already normalized)');
	const n = quick ? 100 : 400;
	const ags = demoAgencies(Math.min(n, 2000), 7);
	const reports = Array.from({ length: n }, (_, i) => generateReport({ agency: ags[i % ags.length], year: 2021 + (i % 4), seed: 500 + i, type: 'annual_report', targetBytes: 10_000 }).text);
	const pipe = reports.map((t) => prepared(t));
	time(pipe, 1);
	const a = time(pipe, quick ? 2 : 5);
	line(`   pipe rows, ${n} synthetic annual reports: ${(a.perReport * 1000).toFixed(0)} µs/report (${(1000 / a.perReport).toFixed(0)} reports/s), ${a.found} tables`);
	// web copies: the same reports with their line breaks gone
	const flat = reports.map((t) => prepared(t.replace(/\s*\|\s*/g, ' ').replace(/\n/g, '')));
	time(flat, 1);
	const b = time(flat, quick ? 2 : 5);
	line(`   flattened into one line: ${(b.perReport * 1000).toFixed(0)} µs/report (${(1000 / b.perReport).toFixed(0)} reports/s), ${b.found} tables`);
	const files = fs.existsSync(DIR) ? fs.readdirSync(DIR).filter((f) => f.endsWith('.pdf')).sort() : [];
	if (files.length === 0) {
		line('   real PDFs: skipped, ../shared/corpus/pdf is absent');
		return;
	}
	const pdfs: ReturnType<typeof prepared>[] = [];
	for (const f of files) {
		const d = await decodeFile(new Uint8Array(fs.readFileSync(path.join(DIR, f))), f, { timeoutMs: 60_000 });
		if (d.ok) pdfs.push(prepared(d.text, d.tables ?? []));
	}
	time(pdfs, 3);
	const c = time(pdfs, 50);
	line(`   decoder grids of ${pdfs.length} real PDFs (${pdfs.reduce((s, p) => s + p.tables.length, 0)} grids): ${(c.perReport * 1000).toFixed(0)} µs/report, ${c.found} tables read`);
}
