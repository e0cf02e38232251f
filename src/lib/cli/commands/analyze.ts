/**
 * `zwgk analyze [--json] [--rubric FILE] FILE...`: the engine on files, without a database.
 * --json prints one JSON object per input file (per entry of a zip), one per line, and nothing else on stdout.
 */
import fs from 'node:fs';
import path from 'node:path';
import { analyze, type AnalysisResult } from '../../analysis/analyze';
import { defaultRubric, validateRubric, type RubricDefinition } from '../../analysis/rubric';
import { decodeFile } from '../../server/import/decode';
import { expandUpload } from '../../server/import/zip';
import { CliError, flagString, type ParsedArgs } from '../args';

export const ANALYZE_HELP = `zwgk analyze [--json] [--rubric FILE] FILE...
  按考评细则分析报告文件（.txt/.html/.docx/.pdf，或内含这些文件的 .zip，每个文件一个结果），不写数据库。--json 每个文件输出一行 JSON。
  Scores report files (or each file of a .zip) against the rubric without a database; --json prints one JSON object per file per line.`;

const LEVEL = ['缺失', '部分', '达标'] as const;
const WHY: Record<string, string> = {
	problems: '只出现在存在问题部分',
	plan: '仅为下一步计划',
	intention: '仅为打算或要求',
	absence: '明确尚未开展',
	generic: '只有原则性表述，无具体内容'
};
const TYPE: Record<string, string> = {
	annual_report: '政府信息公开工作年度报告',
	self_inspection: '自查（自评）报告',
	key_points: '工作要点落实情况报告',
	work_summary: '工作总结/其他'
};

function loadRubric(file: string | undefined): RubricDefinition {
	if (!file) return defaultRubric;
	let raw: unknown;
	try {
		raw = JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch (e) {
		throw new CliError(`无法读取考评细则文件 ${file}：${(e as Error).message}`);
	}
	const v = validateRubric(raw);
	if (!v.ok) throw new CliError(`考评细则文件 ${file} 无效：\n  ${v.errors.join('\n  ')}`);
	return v.rubric;
}

function clip(s: string, n = 80): string {
	const t = s.replace(/\s+/g, ' ').trim();
	return t.length > n ? t.slice(0, n) + '…' : t;
}

export function summarize(file: string, r: AnalysisResult): string {
	const m = r.meta;
	const out: string[] = [];
	out.push(`■ ${file}`);
	out.push(`  单位：${m.agency ?? '（未能确定）'}　期间：${m.period ?? '（未能确定）'}　类型：${TYPE[m.type] ?? m.type}　发布日期：${m.published ?? '—'}`);
	for (const w of m.warnings) out.push(`  ⚠ ${w.message}`);
	const reduced = r.score.max < 100 ? `（满分因不适用指标调整为 ${r.score.max}）` : '';
	out.push(`  总分：${r.score.total} / ${r.score.max}${reduced}`);
	out.push('  ' + r.dimensions.map((d) => `${d.name} ${d.score}/${d.max}`).join('　'));
	const weak = r.indicators.filter((i) => i.level !== null && i.level < 2);
	if (weak.length) out.push('  缺失和部分达标的指标：');
	for (const i of weak) {
		out.push(`    [${LEVEL[i.level ?? 0]}] ${i.id} ${i.name} ${i.score}/${i.max}`);
		for (const e of i.evidence.slice(0, 1)) out.push(`        依据：${clip(e.text)}`);
		for (const d of i.discounted.slice(0, 2)) out.push(`        未计入（${WHY[d.why] ?? d.why}）：${clip(d.text)}`);
		if (!i.evidence.length && !i.discounted.length) out.push('        未见相关内容');
	}
	for (const c of r.checks.filter((c) => !c.ok)) out.push(`  ✗ 核对未通过：${c.details}`);
	return out.join('\n');
}

/** One file (or zip entry) decoded and scored: a JSON line or the summary. */
async function analyzeOne(
	label: string,
	bytes: Uint8Array,
	rubric: RubricDefinition,
	json: boolean,
	out: (s: string) => void | Promise<void>,
	err: (s: string) => void
): Promise<boolean> {
	const name = path.basename(label);
	// pdf.js refuses a Node Buffer: a plain Uint8Array copy
	const decoded = await decodeFile(Buffer.isBuffer(bytes) ? new Uint8Array(bytes) : bytes, name);
	if (!decoded.ok) {
		err(`错误：${label}：${decoded.message}`);
		return false;
	}
	const r = analyze({ text: decoded.text, tables: decoded.tables }, rubric, { fileName: name });
	if (json)
		await out(
			JSON.stringify({
				file: label,
				rubric: { id: rubric.id, version: rubric.version },
				encoding: decoded.encoding,
				format: decoded.format,
				meta: r.meta,
				score: r.score,
				dimensions: r.dimensions,
				indicators: r.indicators,
				metrics: r.metrics,
				checks: r.checks
			})
		);
	else await out(summarize(label, r) + '\n');
	return true;
}

/**
 * Score files; a `.zip` gives one result per entry (`file` is `archive.zip/entry.txt`). `out` may
 * return a promise (the entry waits for stdout to drain), so piped output is never cut short.
 */
export async function analyzeCommand(args: ParsedArgs, out: (s: string) => void | Promise<void>, err: (s: string) => void): Promise<number> {
	const files = args.positionals;
	if (!files.length) throw new CliError(`缺少要分析的文件。\n${ANALYZE_HELP}`);
	const rubric = loadRubric(flagString(args, 'rubric'));
	const json = !!args.flags.json;
	let failed = 0;
	for (const file of files) {
		let bytes: Uint8Array;
		try {
			bytes = fs.readFileSync(file);
		} catch (e) {
			err(`错误：无法读取 ${file}：${(e as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : (e as Error).message}`);
			failed++;
			continue;
		}
		const expanded = expandUpload(bytes, path.basename(file));
		for (const r of expanded.rejected) {
			err(`错误：${file}/${r.path}：${r.message}`);
			failed++;
		}
		for (const e of expanded.entries) {
			const base = path.basename(file);
			const label = !e.path || e.path === base ? file : `${file}/${e.path}`;
			if (!(await analyzeOne(label, e.bytes, rubric, json, out, err))) failed++;
		}
	}
	return failed ? 1 : 0;
}
