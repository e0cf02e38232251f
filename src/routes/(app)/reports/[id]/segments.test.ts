import { describe, expect, it } from 'vitest';
import { buildSegments } from './segments';

describe('buildSegments', () => {
	const text = '导航栏\n一、总体情况\n我局制定了《公开制度》。下一步将加强培训。';
	it('splits at noise, evidence and section starts, and the pieces join back to the text', () => {
		const ev = text.indexOf('我局');
		const evEnd = text.indexOf('。') + 1;
		const segs = buildSegments(text, [{ start: 0, end: 3 }], [{ id: 'im.rules', spans: [{ start: ev, end: evEnd }] }], [{ start: 4, role: 'body', heading: '一、总体情况' }]);
		expect(segs.map((s) => s.text).join('')).toBe(text);
		expect(segs[0]).toMatchObject({ text: '导航栏', noise: true, ids: [] });
		expect(segs.find((s) => s.section)?.section).toEqual({ role: 'body', heading: '一、总体情况' });
		const hit = segs.find((s) => s.ids.includes('im.rules'));
		expect(hit?.text).toBe('我局制定了《公开制度》。');
	});
	it('marks overlapping evidence of two indicators on the shared run only', () => {
		const segs = buildSegments('甲乙丙丁', [], [
			{ id: 'a', spans: [{ start: 0, end: 3 }] },
			{ id: 'b', spans: [{ start: 2, end: 4 }] }
		]);
		expect(segs.map((s) => [s.text, s.ids.join(',')])).toEqual([
			['甲乙', 'a'],
			['丙', 'a,b'],
			['丁', 'b']
		]);
	});
	it('clamps spans that run past the text', () => {
		const segs = buildSegments('abc', [{ start: 2, end: 99 }], []);
		expect(segs.map((s) => s.text).join('')).toBe('abc');
	});
});
