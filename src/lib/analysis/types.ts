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
