/**
 * Rubric types, validation and the default rubric (RUBRIC.md, default v1).
 *
 * Term syntax: see terms.ts (`*` gap inside a clause, `(a|b)` alternatives).
 */
import defaultJson from './rubrics/default-v1.json';
import { compileTerm, type TermProblem } from './terms';
import type { ReportType } from './types';

export type { ReportType };

export type IndicatorKind =
	| 'default'
	| 'problems_section'
	| 'plans_section'
	| 'statistics'
	| 'table_consistency'
	| 'applications'
	| 'handling'
	| 'count';

/**
 * Kinds of "concrete specific" that lift a mention from level 1 to level 2:
 * document 《…》/文号, count (a number with a measure word), date, channel (website, 公众号, 12345…),
 * body (领导小组, 办公室, 专人…), system (a named 制度/机制/办法…), zero (a stated zero: 未收到…, 0件).
 */
export type SpecificKind = 'document' | 'count' | 'date' | 'channel' | 'body' | 'system' | 'zero';
export const SPECIFIC_KINDS: readonly SpecificKind[] = ['document', 'count', 'date', 'channel', 'body', 'system', 'zero'];

export interface RubricIndicator {
	id: string;
	name: string;
	points: number;
	description: string;
	/** evidence phrases (simplified); syntax in terms.ts */
	terms: string[];
	kind?: IndicatorKind;
	/** which specifics make a mention "met" (default: all but zero; counting kinds add zero) */
	specifics?: SpecificKind[];
	/** a mention counts only when its sentence also matches one of these terms */
	with?: string[];
}

export interface RubricDimension {
	id: string;
	name: string;
	indicators: RubricIndicator[];
}

export interface RubricDefinition {
	id: string;
	version: number;
	name: string;
	dimensions: RubricDimension[];
}

const KINDS: readonly IndicatorKind[] = [
	'default',
	'problems_section',
	'plans_section',
	'statistics',
	'table_consistency',
	'applications',
	'handling',
	'count'
];
/** Kinds whose level does not come from terms (terms may be empty). */
const TERMLESS: readonly IndicatorKind[] = ['problems_section', 'plans_section', 'statistics', 'table_consistency'];

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isStrArr = (x: unknown): x is string[] => Array.isArray(x) && x.every((s) => typeof s === 'string');

/** Where in a rubric a problem is: by id when it has one, else by (1-based) position. */
export type RubricSubject =
	| { kind: 'dimension'; dim: string }
	| { kind: 'dimension_at'; n: number }
	| { kind: 'indicator'; id: string }
	| { kind: 'indicator_at'; dim: string; n: number };

/** What is wrong with an evidence term (compileTerm's problem). */
export type { TermProblem };

/** One rubric problem as data: pages render it in the UI language (src/lib/i18n/rubric-errors.ts). */
export type RubricIssueData =
	| { code: 'not_object' | 'no_id' | 'bad_version' | 'no_name' | 'no_dimensions' }
	| {
			code:
				| 'must_be_object'
				| 'subject_no_id'
				| 'subject_no_name'
				| 'no_indicators'
				| 'points_not_positive'
				| 'points_half'
				| 'description_not_text'
				| 'terms_not_list'
				| 'no_terms'
				| 'with_invalid'
				| 'specifics_invalid';
			subject: RubricSubject;
	  }
	| { code: 'dimension_duplicate' | 'indicator_duplicate'; id: string }
	| { code: 'bad_kind' | 'bad_specific'; subject: RubricSubject; value: string; options: readonly string[] }
	| { code: 'points_not_number'; subject: RubricSubject; value: string }
	/** `detail` is compileTerm's (Chinese) message */
	| { code: 'term'; subject: RubricSubject; term: string; problem: TermProblem; detail: string }
	| { code: 'points_sum'; sum: number };

/** A rubric problem with its Chinese `message` (for the CLI, logs and tests). */
export type RubricIssue = RubricIssueData & { message: string };

function subjectZh(s: RubricSubject): string {
	switch (s.kind) {
		case 'dimension':
			return `维度“${s.dim}”`;
		case 'dimension_at':
			return `第 ${s.n} 个维度`;
		case 'indicator':
			return `指标“${s.id}”`;
		case 'indicator_at':
			return `维度“${s.dim}”的第 ${s.n} 个指标`;
	}
}

function messageZh(x: RubricIssueData): string {
	switch (x.code) {
		case 'not_object':
			return '细则必须是一个 JSON 对象';
		case 'no_id':
			return '细则缺少标识（id）';
		case 'bad_version':
			return '细则版本号（version）必须是正整数';
		case 'no_name':
			return '细则缺少名称（name）';
		case 'no_dimensions':
			return '细则至少需要一个维度（dimensions）';
		case 'must_be_object':
			return `${subjectZh(x.subject)}必须是对象`;
		case 'subject_no_id':
			return `${subjectZh(x.subject)}缺少标识（id）`;
		case 'subject_no_name':
			return `${subjectZh(x.subject)}缺少名称`;
		case 'no_indicators':
			return `${subjectZh(x.subject)}至少需要一个指标`;
		case 'dimension_duplicate':
			return `维度标识“${x.id}”重复`;
		case 'indicator_duplicate':
			return `指标标识“${x.id}”重复`;
		case 'points_not_positive':
			return `${subjectZh(x.subject)}的分值必须是正数`;
		case 'points_half':
			return `${subjectZh(x.subject)}的分值必须是 0.5 的整数倍`;
		case 'points_not_number':
			return `${subjectZh(x.subject)}的分值“${x.value}”不是数字`;
		case 'description_not_text':
			return `${subjectZh(x.subject)}的说明必须是文字`;
		case 'bad_kind':
			return `${subjectZh(x.subject)}的类型“${x.value}”无效，可选：${x.options.join('、')}`;
		case 'terms_not_list':
			return `${subjectZh(x.subject)}的关键词（terms）必须是文字列表`;
		case 'no_terms':
			return `${subjectZh(x.subject)}至少需要一个关键词`;
		case 'term':
			return `${subjectZh(x.subject)}：${x.detail}`;
		case 'with_invalid':
			return `${subjectZh(x.subject)}的“with”必须是非空的文字列表`;
		case 'specifics_invalid':
			return `${subjectZh(x.subject)}的“specifics”必须是非空列表`;
		case 'bad_specific':
			return `${subjectZh(x.subject)}的具体要素类型“${x.value}”无效，可选：${x.options.join('、')}`;
		case 'points_sum':
			return `各指标分值合计为 ${x.sum}，应为 100`;
	}
}

/** A rubric problem with its Chinese message filled in (also used by the editor's draft checks). */
export function rubricIssue(x: RubricIssueData): RubricIssue {
	return { ...x, message: messageZh(x) };
}

/**
 * Check a rubric given as plain JSON; problems come back as data, one per problem, each with its
 * Chinese `message`. `validateRubric` is the same check with the messages only.
 */
export function checkRubric(x: unknown): { ok: true; rubric: RubricDefinition } | { ok: false; issues: RubricIssue[] } {
	const issues: RubricIssue[] = [];
	const add = (i: RubricIssueData): void => {
		issues.push(rubricIssue(i));
	};
	if (!isObj(x)) return { ok: false, issues: [rubricIssue({ code: 'not_object' })] };
	if (typeof x.id !== 'string' || x.id.trim() === '') add({ code: 'no_id' });
	if (typeof x.version !== 'number' || !Number.isInteger(x.version) || x.version < 1) add({ code: 'bad_version' });
	if (typeof x.name !== 'string' || x.name.trim() === '') add({ code: 'no_name' });
	if (!Array.isArray(x.dimensions) || x.dimensions.length === 0) {
		add({ code: 'no_dimensions' });
		return { ok: false, issues };
	}
	const dimIds = new Set<string>();
	const indIds = new Set<string>();
	let sum = 0;
	const dims: RubricDimension[] = [];
	x.dimensions.forEach((d: unknown, di: number) => {
		const where: RubricSubject = { kind: 'dimension_at', n: di + 1 };
		if (!isObj(d)) {
			add({ code: 'must_be_object', subject: where });
			return;
		}
		const did = typeof d.id === 'string' ? d.id.trim() : '';
		const dim: RubricSubject = { kind: 'dimension', dim: did || String(di + 1) };
		if (!did) add({ code: 'subject_no_id', subject: where });
		else if (dimIds.has(did)) add({ code: 'dimension_duplicate', id: did });
		else dimIds.add(did);
		if (typeof d.name !== 'string' || d.name.trim() === '') add({ code: 'subject_no_name', subject: dim });
		if (!Array.isArray(d.indicators) || d.indicators.length === 0) {
			add({ code: 'no_indicators', subject: dim });
			return;
		}
		const inds: RubricIndicator[] = [];
		d.indicators.forEach((ind: unknown, ii: number) => {
			const iwhere: RubricSubject = { kind: 'indicator_at', dim: did || String(di + 1), n: ii + 1 };
			if (!isObj(ind)) {
				add({ code: 'must_be_object', subject: iwhere });
				return;
			}
			const iid = typeof ind.id === 'string' ? ind.id.trim() : '';
			const label: RubricSubject = iid ? { kind: 'indicator', id: iid } : iwhere;
			if (!iid) add({ code: 'subject_no_id', subject: iwhere });
			else if (indIds.has(iid)) add({ code: 'indicator_duplicate', id: iid });
			else indIds.add(iid);
			if (typeof ind.name !== 'string' || ind.name.trim() === '') add({ code: 'subject_no_name', subject: label });
			if (typeof ind.points !== 'number' || !Number.isFinite(ind.points) || ind.points <= 0)
				add({ code: 'points_not_positive', subject: label });
			else if (Math.round(ind.points * 2) !== ind.points * 2) add({ code: 'points_half', subject: label });
			else sum += ind.points;
			if (ind.description !== undefined && typeof ind.description !== 'string') add({ code: 'description_not_text', subject: label });
			let kind: IndicatorKind = 'default';
			if (ind.kind !== undefined) {
				if (typeof ind.kind !== 'string' || !(KINDS as readonly string[]).includes(ind.kind))
					add({ code: 'bad_kind', subject: label, value: String(ind.kind), options: KINDS });
				else kind = ind.kind as IndicatorKind;
			}
			const checkTerms = (terms: readonly string[]): void => {
				for (const t of terms) {
					const c = compileTerm(t);
					if (!c.ok) add({ code: 'term', subject: label, term: t, problem: c.problem, detail: c.error });
				}
			};
			if (!isStrArr(ind.terms)) add({ code: 'terms_not_list', subject: label });
			else {
				if (ind.terms.length === 0 && !TERMLESS.includes(kind)) add({ code: 'no_terms', subject: label });
				checkTerms(ind.terms);
			}
			if (ind.with !== undefined) {
				if (!isStrArr(ind.with) || ind.with.length === 0) add({ code: 'with_invalid', subject: label });
				else checkTerms(ind.with);
			}
			if (ind.specifics !== undefined) {
				if (!isStrArr(ind.specifics) || ind.specifics.length === 0) add({ code: 'specifics_invalid', subject: label });
				else
					for (const s of ind.specifics)
						if (!(SPECIFIC_KINDS as readonly string[]).includes(s))
							add({ code: 'bad_specific', subject: label, value: s, options: SPECIFIC_KINDS });
			}
			inds.push({
				id: iid,
				name: typeof ind.name === 'string' ? ind.name : '',
				points: typeof ind.points === 'number' ? ind.points : 0,
				description: typeof ind.description === 'string' ? ind.description : '',
				terms: isStrArr(ind.terms) ? [...ind.terms] : [],
				kind,
				...(isStrArr(ind.specifics) ? { specifics: [...ind.specifics] as SpecificKind[] } : {}),
				...(isStrArr(ind.with) ? { with: [...ind.with] } : {})
			});
		});
		dims.push({ id: did, name: typeof d.name === 'string' ? d.name : '', indicators: inds });
	});
	if (issues.length === 0 && Math.abs(sum - 100) > 1e-9) add({ code: 'points_sum', sum });
	if (issues.length > 0) return { ok: false, issues };
	return {
		ok: true,
		rubric: { id: (x.id as string).trim(), version: x.version as number, name: (x.name as string).trim(), dimensions: dims }
	};
}

/**
 * Check a rubric given as plain JSON. Errors are Chinese, one per problem (`checkRubric` gives
 * them as data, for rendering in the UI language).
 * Example: validateRubric({ id: 'x', version: 1, name: 'x', dimensions: [] }) → { ok: false, errors: [...] }
 */
export function validateRubric(x: unknown): { ok: true; rubric: RubricDefinition } | { ok: false; errors: string[] } {
	const v = checkRubric(x);
	return v.ok ? v : { ok: false, errors: v.issues.map((i) => i.message) };
}

function loadDefault(): RubricDefinition {
	const v = validateRubric(defaultJson as unknown);
	if (!v.ok) throw new Error(`default rubric invalid: ${v.errors.join('; ')}`);
	return v.rubric;
}

/** The shipped default rubric (RUBRIC.md; id "default", version 1 — file rubrics/default-v1.json). */
export const defaultRubric: RubricDefinition = loadDefault();
