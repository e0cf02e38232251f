/** Reports, their per-indicator scores and extracted metrics. */
import type { Kysely } from 'kysely';
import type { AnalysisResult, DiscountReason, DocTable, ReportDocument, Span } from '../../analysis/analyze';
import type { DB, ReportStatus } from './schema';

type Executor = Kysely<DB>;

export interface NewReport {
	roundId: number;
	agencyId: number | null;
	fileName: string;
	fileType: string;
	sha256: string;
	textSha256: string;
	bytes: Uint8Array;
	encoding: string | null;
	originalText: string;
	normalizedText: string;
	/** the decoder's tables (document model), kept for re-scoring */
	docTables?: DocTable[] | null;
	status: ReportStatus;
	late: boolean;
	importedBy: number | null;
}

/** The parts of an analysis the report page needs that are not in their own tables. */
export function analysisDocument(a: AnalysisResult) {
	return { sections: a.sections, noise: a.noise, tables: a.tables, checks: a.checks, score: a.score };
}

export async function insertReport(db: Executor, r: NewReport, a: AnalysisResult): Promise<number> {
	const row = await db
		.insertInto('reports')
		.values({
			round_id: r.roundId,
			agency_id: r.agencyId,
			file_name: r.fileName,
			file_type: r.fileType,
			sha256: r.sha256,
			text_sha256: r.textSha256,
			bytes: r.bytes,
			encoding: r.encoding,
			original_text: r.originalText,
			normalized_text: r.normalizedText,
			doc_tables: r.docTables?.length ? JSON.stringify(r.docTables) : null,
			meta: JSON.stringify(a.meta),
			analysis: JSON.stringify(analysisDocument(a)),
			period: a.meta.period,
			report_type: a.meta.type,
			status: r.status,
			late: r.late ? 1 : 0,
			imported_by: r.importedBy,
			imported_at: new Date().toISOString()
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

/**
 * The stored document model of a report (text + the decoder's table grids) for re-analysis.
 * @example analyze(reportDocument(row), rubric)
 */
export function reportDocument(row: { original_text: string; doc_tables?: unknown }): ReportDocument {
	const raw = row.doc_tables;
	if (raw == null) return { text: row.original_text };
	const tables = (typeof raw === 'string' ? JSON.parse(raw) : raw) as DocTable[];
	return { text: row.original_text, tables };
}

/** Recomputes a report's total, maximum and per-dimension sums from its score rows (call after any change to them). */
export async function refreshTotals(db: Executor, reportId: number, rubricId: number): Promise<void> {
	const rows = await db
		.selectFrom('scores')
		.select(['indicator_id', 'dimension_id', 'level', 'score', 'max'])
		.where('report_id', '=', reportId)
		.where('rubric_id', '=', rubricId)
		.execute();
	const dims: Record<string, number> = {};
	const levels: Record<string, number | null> = {};
	let total = 0;
	let max = 0;
	for (const r of rows) {
		dims[r.dimension_id] = Math.round(((dims[r.dimension_id] ?? 0) + r.score) * 100) / 100;
		levels[r.indicator_id] = r.level;
		total += r.score;
		max += r.max;
	}
	await db.deleteFrom('report_totals').where('report_id', '=', reportId).where('rubric_id', '=', rubricId).execute();
	await db
		.insertInto('report_totals')
		.values({ report_id: reportId, rubric_id: rubricId, total: Math.round(total * 100) / 100, max, dimensions: JSON.stringify(dims), levels: JSON.stringify(levels) })
		.execute();
}

/** Evidence and discounted spans of one report's indicators under a rubric version. */
export async function scoreEvidence(db: Executor, reportId: number, rubricId: number) {
	const rows = await db
		.selectFrom('score_evidence')
		.select(['indicator_id', 'evidence', 'discounted'])
		.where('report_id', '=', reportId)
		.where('rubric_id', '=', rubricId)
		.execute();
	return new Map(rows.map((r) => [r.indicator_id, { evidence: JSON.parse(r.evidence) as Span[], discounted: JSON.parse(r.discounted) as (Span & { why: DiscountReason })[] }]));
}

/**
 * Writes the scores of one analysis under one rubric version (replacing earlier machine rows for
 * that version; overrides recorded for that version are re-applied) and the metrics.
 */
export async function writeScores(db: Executor, reportId: number, rubricId: number, a: AnalysisResult): Promise<void> {
	await db.deleteFrom('scores').where('report_id', '=', reportId).where('rubric_id', '=', rubricId).execute();
	await db.deleteFrom('score_evidence').where('report_id', '=', reportId).where('rubric_id', '=', rubricId).execute();
	const latestOverride = new Map<string, number>();
	const ovs = await db
		.selectFrom('overrides')
		.select(['id', 'indicator_id', 'level'])
		.where('report_id', '=', reportId)
		.where('rubric_id', '=', rubricId)
		.orderBy('id')
		.execute();
	// An override an evaluator dropped at review (the new machine level was taken) stays dropped.
	const dismissed = new Set(
		(await db.selectFrom('override_reviews').select('override_id').where('report_id', '=', reportId).where('resolution', '=', 'dismissed').execute()).map((d) => d.override_id)
	);
	for (const o of ovs) {
		if (dismissed.has(o.id)) latestOverride.delete(o.indicator_id);
		else latestOverride.set(o.indicator_id, o.level);
	}
	// An override waiting for review (its indicator's machine level changed at a re-score) is not applied.
	const pending = await db
		.selectFrom('override_reviews')
		.select('indicator_id')
		.where('report_id', '=', reportId)
		.where('rubric_id', '=', rubricId)
		.where('resolved_at', 'is', null)
		.execute();
	for (const p of pending) latestOverride.delete(p.indicator_id);
	const rows = a.indicators.map((ind) => {
		const ov = latestOverride.get(ind.id);
		const level = ov ?? ind.level;
		const max = ind.level === null && ov === undefined ? 0 : ind.max;
		return {
			report_id: reportId,
			rubric_id: rubricId,
			indicator_id: ind.id,
			dimension_id: ind.dimension,
			machine_level: ind.level,
			level,
			score: level === null ? 0 : (max * level) / 2,
			max,
			overridden: ov === undefined ? 0 : 1
		};
	});
	if (rows.length) await db.insertInto('scores').values(rows).execute();
	await refreshTotals(db, reportId, rubricId);
	const evidence = a.indicators.map((ind) => ({
		report_id: reportId,
		rubric_id: rubricId,
		indicator_id: ind.id,
		evidence: JSON.stringify(ind.evidence),
		discounted: JSON.stringify(ind.discounted)
	}));
	if (evidence.length) await db.insertInto('score_evidence').values(evidence).execute();
	await db.deleteFrom('report_metrics').where('report_id', '=', reportId).execute();
	const seen = new Set<string>();
	const metrics = a.metrics
		.filter((m) => !seen.has(m.id) && seen.add(m.id))
		.map((m) => ({
			report_id: reportId,
			metric_id: m.id,
			value: m.value,
			approx: m.approx ? 1 : 0,
			evidence: JSON.stringify(m.evidence)
		}));
	if (metrics.length) await db.insertInto('report_metrics').values(metrics).execute();
}

export function findReportByTextHash(db: Executor, roundId: number, textSha256: string) {
	return db
		.selectFrom('reports')
		.leftJoin('agencies', 'agencies.id', 'reports.agency_id')
		.select(['reports.id', 'reports.file_name', 'agencies.name as agency_name'])
		.where('reports.round_id', '=', roundId)
		.where('reports.text_sha256', '=', textSha256)
		.executeTakeFirst();
}

export function findReport(db: Executor, id: number) {
	return db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
}
