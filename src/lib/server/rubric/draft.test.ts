import { describe, expect, it } from 'vitest';
import { defaultRubric } from '../../analysis/rubric';
import { draftFromForm } from './draft';

const form = (fields: Record<string, string>) => (k: string) => fields[k] ?? null;

describe('rubric draft from the editor form', () => {
	it('applies weights, wording and evidence phrases into the next version', () => {
		const r = draftFromForm(defaultRubric, 2, form({
			name: '政务公开考评细则（2025 修订）',
			'points.fd.decision': '7',
			'points.fd.execution': '5',
			'desc.pi.leaders': '主要负责人带头解读政策',
			'terms.im.training': '业务培训\n培训班\n\n  专题辅导 '
		}));
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.rubric.version).toBe(2);
		expect(r.rubric.name).toBe('政务公开考评细则（2025 修订）');
		const ind = (id: string) => r.rubric.dimensions.flatMap((d) => d.indicators).find((i) => i.id === id)!;
		expect(ind('fd.decision').points).toBe(7);
		expect(ind('pi.leaders').description).toBe('主要负责人带头解读政策');
		expect(ind('im.training').terms).toEqual(['业务培训', '培训班', '专题辅导']);
		expect(r.changed.sort()).toEqual(['fd.decision', 'fd.execution', 'im.training', 'pi.leaders']);
		// the base is not mutated
		expect(defaultRubric.dimensions[0].indicators[0].points).toBe(6);
	});

	it('reports a wrong points sum in Chinese', () => {
		const r = draftFromForm(defaultRubric, 2, form({ 'points.fd.decision': '10' }));
		expect(r).toMatchObject({ ok: false, errors: ['各指标分值合计为 104，应为 100'] });
	});

	it('reports bad numbers, half-point rule and empty terms', () => {
		const r = draftFromForm(defaultRubric, 2, form({ 'points.fd.decision': 'abc', 'points.fd.service': '6.3', 'terms.rc.channels': '\n ' }));
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors).toContain('指标“fd.decision”的分值“abc”不是数字');
		const r2 = draftFromForm(defaultRubric, 2, form({ 'points.fd.service': '6.3', 'terms.rc.channels': '\n ' }));
		expect(r2.ok).toBe(false);
		if (r2.ok) return;
		expect(r2.errors).toEqual(expect.arrayContaining(['指标“fd.service”的分值必须是 0.5 的整数倍', '指标“rc.channels”至少需要一个关键词']));
		// the draft comes back so the form keeps what was typed
		expect(r2.draft.dimensions[0].indicators[3].points).toBe(6.3);
	});

	it('reports an invalid evidence pattern', () => {
		const r = draftFromForm(defaultRubric, 2, form({ 'terms.fd.result': '预算\n(决算|' }));
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors.length).toBe(1);
		expect(r.errors[0]).toMatch(/^指标“fd\.result”：/);
	});
});
