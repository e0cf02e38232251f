/**
 * Rubric types, validation and the default rubric (RUBRIC.md, default v1).
 *
 * Term syntax: see terms.ts (`*` gap inside a clause, `(a|b)` alternatives).
 */
import defaultJson from './rubrics/default-v1.json';
import { compileTerm } from './terms';
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

/**
 * Check a rubric given as plain JSON. Errors are Chinese, one per problem.
 * Example: validateRubric({ id: 'x', version: 1, name: 'x', dimensions: [] }) → { ok: false, errors: [...] }
 */
export function validateRubric(x: unknown): { ok: true; rubric: RubricDefinition } | { ok: false; errors: string[] } {
	const errors: string[] = [];
	if (!isObj(x)) return { ok: false, errors: ['细则必须是一个 JSON 对象'] };
	if (typeof x.id !== 'string' || x.id.trim() === '') errors.push('细则缺少标识（id）');
	if (typeof x.version !== 'number' || !Number.isInteger(x.version) || x.version < 1)
		errors.push('细则版本号（version）必须是正整数');
	if (typeof x.name !== 'string' || x.name.trim() === '') errors.push('细则缺少名称（name）');
	if (!Array.isArray(x.dimensions) || x.dimensions.length === 0) {
		errors.push('细则至少需要一个维度（dimensions）');
		return { ok: false, errors };
	}
	const dimIds = new Set<string>();
	const indIds = new Set<string>();
	let sum = 0;
	const dims: RubricDimension[] = [];
	x.dimensions.forEach((d: unknown, di: number) => {
		const where = `第 ${di + 1} 个维度`;
		if (!isObj(d)) {
			errors.push(`${where}必须是对象`);
			return;
		}
		const did = typeof d.id === 'string' ? d.id.trim() : '';
		if (!did) errors.push(`${where}缺少标识（id）`);
		else if (dimIds.has(did)) errors.push(`维度标识“${did}”重复`);
		else dimIds.add(did);
		if (typeof d.name !== 'string' || d.name.trim() === '') errors.push(`维度“${did || di + 1}”缺少名称`);
		if (!Array.isArray(d.indicators) || d.indicators.length === 0) {
			errors.push(`维度“${did || di + 1}”至少需要一个指标`);
			return;
		}
		const inds: RubricIndicator[] = [];
		d.indicators.forEach((ind: unknown, ii: number) => {
			const iwhere = `维度“${did || di + 1}”的第 ${ii + 1} 个指标`;
			if (!isObj(ind)) {
				errors.push(`${iwhere}必须是对象`);
				return;
			}
			const iid = typeof ind.id === 'string' ? ind.id.trim() : '';
			const label = iid ? `指标“${iid}”` : iwhere;
			if (!iid) errors.push(`${iwhere}缺少标识（id）`);
			else if (indIds.has(iid)) errors.push(`指标标识“${iid}”重复`);
			else indIds.add(iid);
			if (typeof ind.name !== 'string' || ind.name.trim() === '') errors.push(`${label}缺少名称`);
			if (typeof ind.points !== 'number' || !Number.isFinite(ind.points) || ind.points <= 0)
				errors.push(`${label}的分值必须是正数`);
			else if (Math.round(ind.points * 2) !== ind.points * 2) errors.push(`${label}的分值必须是 0.5 的整数倍`);
			else sum += ind.points;
			if (ind.description !== undefined && typeof ind.description !== 'string') errors.push(`${label}的说明必须是文字`);
			let kind: IndicatorKind = 'default';
			if (ind.kind !== undefined) {
				if (typeof ind.kind !== 'string' || !(KINDS as readonly string[]).includes(ind.kind))
					errors.push(`${label}的类型“${String(ind.kind)}”无效，可选：${KINDS.join('、')}`);
				else kind = ind.kind as IndicatorKind;
			}
			if (!isStrArr(ind.terms)) errors.push(`${label}的关键词（terms）必须是文字列表`);
			else {
				if (ind.terms.length === 0 && !TERMLESS.includes(kind)) errors.push(`${label}至少需要一个关键词`);
				for (const t of ind.terms) {
					const c = compileTerm(t);
					if (!c.ok) errors.push(`${label}：${c.error}`);
				}
			}
			if (ind.with !== undefined) {
				if (!isStrArr(ind.with) || ind.with.length === 0) errors.push(`${label}的“with”必须是非空的文字列表`);
				else
					for (const t of ind.with) {
						const c = compileTerm(t);
						if (!c.ok) errors.push(`${label}：${c.error}`);
					}
			}
			if (ind.specifics !== undefined) {
				if (!isStrArr(ind.specifics) || ind.specifics.length === 0)
					errors.push(`${label}的“specifics”必须是非空列表`);
				else
					for (const s of ind.specifics)
						if (!(SPECIFIC_KINDS as readonly string[]).includes(s))
							errors.push(`${label}的具体要素类型“${s}”无效，可选：${SPECIFIC_KINDS.join('、')}`);
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
	if (errors.length === 0 && Math.abs(sum - 100) > 1e-9) errors.push(`各指标分值合计为 ${sum}，应为 100`);
	if (errors.length > 0) return { ok: false, errors };
	return {
		ok: true,
		rubric: { id: (x.id as string).trim(), version: x.version as number, name: (x.name as string).trim(), dimensions: dims }
	};
}

function loadDefault(): RubricDefinition {
	const v = validateRubric(defaultJson as unknown);
	if (!v.ok) throw new Error(`default rubric invalid: ${v.errors.join('; ')}`);
	return v.rubric;
}

/** The shipped default rubric (RUBRIC.md; id "default", version 1 — file rubrics/default-v1.json). */
export const defaultRubric: RubricDefinition = loadDefault();
