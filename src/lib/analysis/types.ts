/** Shared result types of the analysis engine (the public contract lives in analyze.ts / rubric.ts). */

export type ReportType = 'annual_report' | 'self_inspection' | 'key_points' | 'work_summary';

export type SectionRole = 'body' | 'problems' | 'plans' | 'table' | 'other';

export type DiscountReason = 'problems' | 'plan' | 'intention' | 'absence' | 'generic';

/** A highlighted range; offsets are into the ORIGINAL text, `text` is the original slice. */
export interface Span {
	start: number;
	end: number;
	text: string;
	section?: SectionRole;
}

/**
 * A warning about a report. `message` is the Chinese text (CLI, JSON output); the UI renders `code`
 * with `params` in its own language (src/lib/i18n/labels.ts `warningText`).
 */
export interface Warning {
	code: string;
	message: string;
	params?: Record<string, string | number>;
}

export interface IndicatorResult {
	id: string;
	name: string;
	dimension: string;
	/** null only for a not-applicable indicator (rq.consistency without the application table) */
	level: 0 | 1 | 2 | null;
	score: number;
	max: number;
	evidence: Span[];
	discounted: (Span & { why: DiscountReason })[];
}

export interface MetricResult {
	id: string;
	value: number;
	approx: boolean;
	evidence: Span;
}

export interface CheckCell {
	row: string;
	column: string;
	expected: number;
	actual: number;
}

export interface CheckResult {
	id: string;
	ok: boolean;
	/** Chinese text (CLI, JSON); the UI renders id + ok + params (labels.ts `checkText`). */
	details: string;
	/** checked: rows/columns/groups checked; failed: how many failed. */
	params?: { checked: number; failed: number };
	cells?: CheckCell[];
}

export interface SectionResult {
	start: number;
	end: number;
	heading: string;
	role: SectionRole;
	depth: number;
}

export type TableId = 'active_disclosure' | 'applications' | 'review_litigation';

export interface TableResult {
	id: TableId;
	layout: '2019' | '2021' | 'unknown';
	start: number;
	end: number;
	rows: { label: string; cells: (number | null)[] }[];
	columns: string[];
}

/**
 * One cell of a table as a decoder saw it. `start`/`end` are offsets into the decoded text (the
 * text the report page shows and the evidence points into); `spanned` marks a grid slot filled by a
 * neighbour's rowspan/colspan (its text repeats the spanning cell's; it is not a number of its own).
 */
export interface DocCell {
	text: string;
	start: number;
	end: number;
	spanned?: boolean;
}

/**
 * A table as a decoder saw it: a rectangular cell grid (rowspan/colspan expanded) with where it lies
 * in the decoded text. Decoders also write the table into the text (one `| a | b |` line per grid row),
 * so plain-text re-analysis finds it again; when a grid is given the engine reads the grid.
 */
export interface DocTable {
	start: number;
	end: number;
	rows: DocCell[][];
	/** which decoder built it, for warnings and the report page */
	source: 'html' | 'docx' | 'pdf';
	/** PDF: the page numbers (1-based) the table covers */
	pages?: number[];
}

/**
 * The document model every decoder produces: the text (offsets of evidence point into it) and the
 * structure the input already had. Plain text is `{ text }`; the engine then finds the structure itself.
 */
export interface ReportDocument {
	text: string;
	tables?: DocTable[];
}

export interface AnalysisResult {
	meta: {
		agency: string | null;
		period: string | null;
		type: ReportType;
		published: string | null;
		script: 'simplified' | 'traditional' | 'mixed';
		title: string | null;
		warnings: Warning[];
	};
	score: { total: number; max: number };
	dimensions: { id: string; name: string; score: number; max: number }[];
	indicators: IndicatorResult[];
	metrics: MetricResult[];
	checks: CheckResult[];
	sections: SectionResult[];
	noise: { start: number; end: number }[];
	tables: TableResult[];
}
