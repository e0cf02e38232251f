import { describe, it, expect } from 'vitest';
import { defaultRubric, validateRubric } from './rubric';
import { compileTerm } from './terms';

const clone = (): Record<string, unknown> => JSON.parse(JSON.stringify(defaultRubric)) as Record<string, unknown>;
type Dim = { id: string; indicators: Record<string, unknown>[] };

describe('default rubric', () => {
	it('matches RUBRIC.md ids and points', () => {
		const points = Object.fromEntries(defaultRubric.dimensions.flatMap((d) => d.indicators.map((i) => [i.id, i.points])));
		expect(points).toEqual({
			'fd.decision': 6, 'fd.execution': 6, 'fd.management': 6, 'fd.service': 6, 'fd.result': 6,
			'pi.mechanism': 6, 'pi.channels': 6, 'pi.volume': 4, 'pi.leaders': 4,
			'rc.mechanism': 6, 'rc.channels': 5, 'rc.handling': 5, 'rc.applications': 4,
			'im.leadership': 5, 'im.rules': 5, 'im.assessment': 4, 'im.training': 3, 'im.platforms': 3,
			'rq.problems': 3, 'rq.plans': 3, 'rq.statistics': 2, 'rq.consistency': 2
		});
		expect(defaultRubric.dimensions.map((d) => d.name)).toEqual(['五公开覆盖', '政策解读', '回应社会关切', '制度机制与保障', '报告规范性']);
		expect(validateRubric(clone()).ok).toBe(true);
	});
});

describe('validateRubric', () => {
	const errorsOf = (mutate: (r: Record<string, unknown>) => void): string[] => {
		const r = clone();
		mutate(r);
		const v = validateRubric(r);
		return v.ok ? [] : v.errors;
	};
	const dims = (r: Record<string, unknown>): Dim[] => r.dimensions as Dim[];

	it.each<[string, (r: Record<string, unknown>) => void, string]>([
		['points not summing to 100', (r) => (dims(r)[0].indicators[0].points = 4), '各指标分值合计为 98，应为 100'],
		['duplicate indicator id', (r) => (dims(r)[1].indicators[0].id = 'fd.decision'), '指标标识“fd.decision”重复'],
		['duplicate dimension id', (r) => (dims(r)[1].id = 'fd'), '维度标识“fd”重复'],
		['empty term', (r) => (dims(r)[0].indicators[0].terms = ['征求意见', '']), '关键词不能为空'],
		['unbalanced group', (r) => (dims(r)[0].indicators[0].terms = ['(征求|听证']), '括号不配对'],
		['bare alternative', (r) => (dims(r)[0].indicators[0].terms = ['征求|听证']), '只能用在括号内'],
		['unknown kind', (r) => (dims(r)[0].indicators[0].kind = 'magic'), '类型“magic”无效'],
		['unknown specific', (r) => (dims(r)[0].indicators[0].specifics = ['colour']), '具体要素类型“colour”无效'],
		['negative points', (r) => (dims(r)[0].indicators[0].points = -1), '分值必须是正数'],
		['no terms for a default indicator', (r) => (dims(r)[0].indicators[0].terms = []), '至少需要一个关键词'],
		['bad version', (r) => (r.version = 0), '版本号'],
		['no dimensions', (r) => (r.dimensions = []), '至少需要一个维度']
	])('rejects %s', (_n, mutate, message) => {
		const errs = errorsOf(mutate);
		expect(errs.some((e) => e.includes(message))).toBe(true);
	});

	it('rejects non-objects', () => {
		expect(validateRubric('x')).toEqual({ ok: false, errors: ['细则必须是一个 JSON 对象'] });
		expect(validateRubric(null).ok).toBe(false);
	});

	it('accepts a retuned rubric that still sums to 100', () => {
		const r = clone();
		const d = dims(r);
		d[0].indicators[0].points = 5.5;
		d[0].indicators[1].points = 6.5;
		const v = validateRubric(r);
		expect(v.ok).toBe(true);
	});
});

describe('term syntax', () => {
	it.each([
		['政务公开*培训', '政务公开工作人员业务培训', true],
		['政务公开*培训', '政务公开，培训', false],
		['(报纸|电视)*解读', '在电视上进行解读', true],
		['谁起草*谁解读', '坚持谁起草、谁解读原则', true],
		['公開目錄', '编制公开目录', true]
	])('%s on %s → %s', (term, text, expected) => {
		const c = compileTerm(term);
		expect(c.ok).toBe(true);
		if (c.ok) expect(new RegExp(c.source).test(text)).toBe(expected);
	});
});
