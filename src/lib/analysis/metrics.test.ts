import { describe, it, expect } from 'vitest';
import { analyze } from './analyze';
import { findCounts, parseChineseNumeral } from './numerals';
import { defaultRubric } from './rubric';

describe('numerals', () => {
	it.each([
		['三', 3],
		['十', 10],
		['十五', 15],
		['一百二十', 120],
		['两千', 2000],
		['三万五千', 35000],
		['一千零八', 1008],
		['二〇一九', 2019]
	])('%s → %i', (s, v) => {
		expect(parseChineseNumeral(s)).toBe(v);
	});

	it.each([
		['共发布信息20260条', 20260, false],
		['发布解读一百二十余篇', 120, true],
		['组织两千余人次参加', 2000, true],
		['50余人参加培训', 50, true],
		['受理事项33万余件', 330000, true],
		['办结32.55万件', 325500, false],
		['分三次进行解读', 3, false],
		['近30场发布会', 30, true],
		['共1,200条', 1200, false]
	])('%s → %i (approx %s)', (s, v, approx) => {
		const c = findCounts(s)[0];
		expect(c?.value).toBe(v);
		expect(c?.approx).toBe(approx);
	});

	it.each(['一站式办公', '一个窗口对外', '一次性办理', '第三次会议', '2019年工作', '1、机构职能'])('%s has no count', (s) => {
		expect(findCounts(s)).toEqual([]);
	});
});

describe('metrics from text', () => {
	const metric = (text: string, id: string) => analyze(text, defaultRubric).metrics.find((m) => m.id === id);

	it('sums a received figure split over one sentence and reads 已全部办结', () => {
		const text = '一、回应关切\n全年共收到市长信箱群众留言12件，部门网站群众留言8件，已全部办结。';
		expect(metric(text, 'messages_received')).toMatchObject({ value: 20, approx: false });
		expect(metric(text, 'messages_closed')).toMatchObject({ value: 20 });
		expect(metric(text, 'messages_received')?.evidence.text).toContain('市长信箱');
	});

	it('reads explicit zeros for hotline items', () => {
		const text = '一、回应关切\n全年12345热线收到事项0件，按时办结0件。';
		expect(metric(text, 'messages_received')?.value).toBe(0);
		expect(metric(text, 'messages_closed')?.value).toBe(0);
	});

	it('prefers the stated total of published items over its parts', () => {
		const text = '一、主动公开\n全年累计主动公开政府信息共350条，其中，通过门户网站公开信息200余条，通过公众号公开信息150条。';
		expect(metric(text, 'published_items')).toMatchObject({ value: 350, approx: false });
	});

	it('reads interpretations with Chinese numerals and approximation', () => {
		expect(metric('一、政策解读\n全年发布政策解读信息八十余篇。', 'interpretations')).toMatchObject({ value: 80, approx: true });
	});

	it('reads opinion items, trainings and trainees', () => {
		const text = '一、工作情况\n全年共监测到舆情信息12条。举办政务公开业务培训班3期，培训工作人员120余人。';
		expect(metric(text, 'opinion_items')?.value).toBe(12);
		expect(metric(text, 'trainings')?.value).toBe(3);
		expect(metric(text, 'trainees')).toMatchObject({ value: 120, approx: true });
	});

	it('reads applications from text, including a stated zero', () => {
		expect(metric('一、依申请公开\n全年共收到政府信息公开申请6件，均已按时答复。', 'applications_received')?.value).toBe(6);
		expect(metric('一、依申请公开\n本年度未收到政府信息公开申请。', 'applications_received')?.value).toBe(0);
	});

	it('does not take service-hall figures for messages', () => {
		expect(metric('一、政务服务\n便民服务中心共受理群众申办事项3万余件，办结2.9万件。', 'messages_received')).toBeUndefined();
	});
});
