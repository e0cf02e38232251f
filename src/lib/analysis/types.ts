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

/**
 * A table cell a check read (its evidence): the table, the row and column (indexes into
 * TableResult.rows / .columns), the value read (null: blank) and where the cell lies (offsets into
 * the ORIGINAL text; 0/0 when the cell's place is not known).
 */
export interface CheckEvidence {
	table: TableId;
	row: number;
	column: number;
	value: number | null;
	start: number;
	end: number;
	/** part of a comparison that failed */
	bad?: true;
	/** read from the same agency's report of the previous round (cross-round checks) */
	previous?: true;
}

export interface CheckResult {
	id: string;
	ok: boolean;
	/**
	 * ok: every relation checked holds; failed: one does not; missing: none failed but blank cells
	 * (or absent rows) left relations unchecked — missing data, never a failed identity.
	 */
	status?: 'ok' | 'failed' | 'missing';
	/** Chinese text (CLI, JSON); the UI renders id + ok + params (labels.ts `checkText`). */
	details: string;
	/** checked: rows/columns/groups checked; failed: how many failed; more figures per check (missing, table, text, year…). */
	params?: { checked: number; failed: number; [k: string]: number | string };
	/** the comparisons that failed */
	cells?: CheckCell[];
	/** every table cell the check read */
	evidence?: CheckEvidence[];
	/** sentences of the report the check read (narrative figures, the year) */
	spans?: Span[];
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
	/** where each cell of `rows` lies (offsets into the ORIGINAL text), aligned with rows/cells; null: not known */
	cellSpans?: ([number, number] | null)[][];
	/** grid: read from the decoder's cell grid; text: rows found in the text; flat: labels and digits run together */
	source?: 'grid' | 'text' | 'flat';
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
