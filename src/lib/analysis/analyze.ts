/**
 * The one entry of the analysis engine: text in, result out (pure, no I/O).
 *
 * Pipeline: normalize (with offset map) → lines → page noise → annual-report tables →
 * headings/sections/roles → sentences → metadata → indicator levels → metrics → checks.
 * All offsets in the result point into the ORIGINAL text.
 */
import { levelFor, prepareTerms, type LevelContext, type NSpan } from './levels';
import { extractMetadata } from './metadata';
import { extractMetrics } from './metrics';
import { detectNoise, splitLines } from './noise';
import { normalize, reflow, toOriginal, type Normalized } from './normalize';
import type { RubricDefinition } from './rubric';
import { buildSections } from './sections';
import { splitSentences } from './sentences';
import { capStuffedLevel, detectStuffing, stuffingWarning } from './stuffing';
import { cellSpansToOriginal, checkToOriginal, mergeTableMetrics, readTables, reportTableChecks } from './table-report';
import type { AnalysisResult, DocTable, IndicatorResult, ReportDocument, Span, Warning } from './types';

export type {
	AnalysisResult,
	CheckResult,
	DiscountReason,
	DocCell,
	DocTable,
	IndicatorResult,
	MetricResult,
	ReportType,
	SectionRole,
	ReportDocument,
	Span,
	TableResult
} from './types';

/** Input beyond this many characters is cut and a 'truncated' warning added. */
export const MAX_TEXT_CHARS = 2_000_000;

function looksBinary(text: string): boolean {
	const len = Math.min(text.length, 4096);
	if (len === 0) return false;
	let bad = 0;
	for (let i = 0; i < len; i++) {
		const c = text.charCodeAt(i);
		if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) bad++;
	}
	return bad / len > 0.1;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

function emptyResult(rubric: RubricDefinition, warnings: Warning[]): AnalysisResult {
	const indicators: IndicatorResult[] = [];
	const dimensions: AnalysisResult['dimensions'] = [];
	let max = 0;
	for (const d of rubric.dimensions) {
		let dmax = 0;
		for (const ind of d.indicators) {
			const na = (ind.kind ?? 'default') === 'table_consistency';
			indicators.push({ id: ind.id, name: ind.name, dimension: d.id, level: na ? null : 0, score: 0, max: na ? 0 : ind.points, evidence: [], discounted: [] });
			if (!na) dmax += ind.points;
		}
		dimensions.push({ id: d.id, name: d.name, score: 0, max: dmax });
		max += dmax;
	}
	return {
		meta: { agency: null, period: null, type: 'work_summary', published: null, script: 'simplified', title: null, warnings },
		score: { total: 0, max },
		dimensions,
		indicators,
		metrics: [],
		checks: [],
		sections: [],
		noise: [],
		tables: []
	};
}

/**
 * Analyse one report against a rubric. Never throws on content: empty, binary or huge input
 * returns a result with warnings.
 *
 * @example
 * const r = analyze(text, defaultRubric, { fileName: '2019年报.txt' });
 * r.score.total; r.indicators.find((i) => i.id === 'rq.plans')?.level;
 */
export function analyze(doc: string | ReportDocument, rubric: RubricDefinition, opts?: { fileName?: string }): AnalysisResult {
	const warnings: Warning[] = [];
	const text = typeof doc === 'string' ? doc : doc?.text;
	/** tables the decoder read as grids (offsets into `text`); the engine reads them instead of re-finding them */
	const docTables: DocTable[] = typeof doc === 'string' ? [] : (doc?.tables ?? []);
	let input = typeof text === 'string' ? text : '';
	if (input.charCodeAt(0) === 0xfeff) input = ' ' + input.slice(1);
	if (input.trim() === '') return emptyResult(rubric, [{ code: 'empty', message: '文本为空' }]);
	if (looksBinary(input)) return emptyResult(rubric, [{ code: 'binary', message: '内容不是文本（可能是二进制文件或编码错误）' }]);
	if (input.length > MAX_TEXT_CHARS) {
		input = input.slice(0, MAX_TEXT_CHARS);
		warnings.push({ code: 'truncated', message: `文本过长，仅分析前 ${MAX_TEXT_CHARS} 个字符`, params: { max: MAX_TEXT_CHARS } });
	}

	// hard-wrapped lines joined, headings inside a line broken out (the offset map is kept)
	const nz = reflow(normalize(input), docTables);
	const lines = splitLines(nz.text);
	const { lineNoise, ranges: noiseRanges } = detectNoise(lines, nz.text);
	const tables = readTables(docTables, nz, lines, lineNoise, warnings);
	const tableLines = new Set<number>();
	const tableTitleLines = new Set<number>();
	for (const t of tables) {
		for (let i = Math.max(0, t.firstLine); i <= t.lastLine; i++) tableLines.add(i);
		if (t.titleLine >= 0) tableTitleLines.add(t.titleLine);
	}
	const { kinds, headings, sections, lineRole, lineMixed } = buildSections(lines, lineNoise, tableLines, tableTitleLines);
	const sentences = splitSentences(nz.text, lines, kinds, headings, lineRole, lineMixed);
	const meta = extractMetadata(nz.text, lines, kinds, sentences, tables);

	if (opts?.fileName && !meta.agency) {
		// the importer may offer the file name; we only say so, never guess silently
		warnings.push({ code: 'agency_from_file_name', message: `正文未写明报送单位，可参考文件名“${opts.fileName}”人工确认`, params: { fileName: opts.fileName } });
	}

	// checks of the tables (identities, narrative figures, year, layout); identity → rq.consistency
	const { checks, identity } = reportTableChecks(tables, { sentences, period: meta.period, type: meta.type, text: nz.text }, warnings);
	const layouts = new Set(tables.map((t) => t.layout));
	const period = meta.period ? Number(meta.period.slice(0, 4)) : null;
	if (layouts.has('2019') && period !== null && period >= 2021)
		warnings.push({ code: 'old_table_layout', message: `${period}年度报告仍使用2019版表格格式（国办公开办函〔2019〕60号）`, params: { year: period } });
	if (meta.type === 'annual_report' && period !== null && period >= 2019 && !tables.some((t) => t.id === 'applications'))
		warnings.push({ code: 'no_application_table', message: '年度报告中未找到“收到和处理政府信息公开申请情况”表格' });

	// indicators
	const keyPoints = meta.type === 'key_points';
	const ctx: LevelContext = { sentences, tables, keyPoints, identity, text: nz.text };
	prepareTerms(rubric, ctx);
	// keyword stuffing (stuffing.ts): flagged reports keep at most 1 where only term-dense sentences speak
	const stuffing = detectStuffing(sentences, rubric);
	if (stuffing.flagged) warnings.push(stuffingWarning(stuffing));
	const toSpan = (s: NSpan): Span => {
		const o = toOriginal(nz, s.start, s.end);
		return { start: o.start, end: o.end, text: input.slice(o.start, o.end), ...(s.section ? { section: s.section } : {}) };
	};
	const indicators: IndicatorResult[] = [];
	const dimensions: AnalysisResult['dimensions'] = [];
	let total = 0;
	let max = 0;
	for (const d of rubric.dimensions) {
		let ds = 0;
		let dm = 0;
		for (const ind of d.indicators) {
			const found = levelFor(ind, ctx);
			const r = { ...found, level: capStuffedLevel(found.level, found.evidence, stuffing) };
			const applicable = r.level !== null;
			const score = applicable ? round2((ind.points * (r.level ?? 0)) / 2) : 0;
			indicators.push({
				id: ind.id,
				name: ind.name,
				dimension: d.id,
				level: r.level,
				score,
				max: applicable ? ind.points : 0,
				evidence: r.evidence.map(toSpan),
				discounted: r.discounted.map((x) => ({ ...toSpan(x), why: x.why }))
			});
			if (applicable) {
				ds += score;
				dm += ind.points;
			}
		}
		dimensions.push({ id: d.id, name: d.name, score: round2(ds), max: round2(dm) });
		total += ds;
		max += dm;
	}

	const metrics = mergeTableMetrics(extractMetrics(sentences, tables), tables, warnings).map((m) => {
		const sp = toSpan({ start: m.start, end: m.end, section: 'body' });
		return { id: m.id, value: m.value, approx: m.approx, evidence: sp };
	});

	return {
		meta: {
			agency: meta.agency,
			period: meta.period,
			type: meta.type,
			published: meta.published,
			script: nz.script,
			title: meta.title,
			warnings: [...warnings, ...meta.warnings]
		},
		score: { total: round2(total), max: round2(max) },
		dimensions,
		indicators,
		metrics,
		checks: checks.map((c) => checkToOriginal(c, nz, input)),
		sections: sections.map((s) => {
			const o = toOriginal(nz, s.start, s.end);
			return { start: o.start, end: o.end, heading: s.heading, role: s.role, depth: s.depth };
		}),
		noise: noiseRanges.map((r) => toOriginal(nz, r.start, r.end)),
		tables: tables.map((t) => {
			const o = toOriginal(nz, t.start, t.end);
			const cellSpans = cellSpansToOriginal(t, nz);
			return { id: t.id, layout: t.layout, start: o.start, end: o.end, rows: t.rows, columns: t.columns, ...(cellSpans ? { cellSpans } : {}), ...(t.source ? { source: t.source } : {}) };
		})
	};
}

export { normalize, type Normalized };
