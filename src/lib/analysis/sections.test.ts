import { describe, it, expect } from 'vitest';
import { analyze } from './analyze';
import { defaultRubric } from './rubric';
import { detectHeading, headingRole } from './sections';

describe('headings', () => {
	it.each([
		['一、总体情况', 1, '一、总体情况', true],
		['（二）政策解读情况', 2, '（二）政策解读情况', true],
		['(三)加强组织领导，明确工作责任。我局成立了领导小组。', 2, '(三)加强组织领导，明确工作责任', true],
		['3.完善公开平台', 3, '3.完善公开平台', true],
		['2、规范办理程序', 3, '2、规范办理程序', true],
		['（1）网站建设', 4, '（1）网站建设', true],
		['一是建立了信息发布审核制度，明确了审核流程。', 5, '一是建立了信息发布审核制度', false],
		['、存在的主要问题及改进措施', 1, '、存在的主要问题及改进措施', true],
		['存在问题和困难', 1, '存在问题和困难', true],
		['（二）本年度共收到申请5件。', 2, '（二）本年度共收到申请5件', false]
	])('%s → depth %i', (line, depth, text, titleLike) => {
		const h = detectHeading(line, 0, 0);
		expect(h?.depth).toBe(depth);
		expect(h?.text).toBe(text);
		expect(h?.titleLike).toBe(titleLike);
	});

	it.each(['2019年，我局共发布信息200条。', '我局高度重视政务公开工作，把它列入重要日程。', '2020年1月10日'])(
		'%s is not a heading',
		(line) => {
			expect(detectHeading(line, 0, 0)).toBeNull();
		}
	);

	it.each([
		['三、存在的问题', 'problems'],
		['（一）存在问题', 'problems'],
		['问题与不足', 'problems'],
		['四、下一步工作打算', 'plans'],
		['今后工作计划', 'plans'],
		['（二）改进措施', 'plans'],
		['五、存在的主要问题及改进情况', 'mixed'],
		['二、存在的主要问题及下一步工作打算', 'mixed'],
		['（三）聚焦政策落实，深化重点领域信息公开', null],
		['一、工作开展情况', null]
	])('role of %s', (heading, role) => {
		expect(headingRole(heading)).toBe(role);
	});
});

describe('section roles in a report', () => {
	const text = [
		'某县文化局2020年政务公开工作自查报告',
		'一、工作开展情况',
		'（一）组织领导',
		'我局成立了政务公开工作领导小组，由局长任组长。',
		'二、存在的问题',
		'（一）公开内容不够全面。',
		'部分科室主动公开意识不强。',
		'三、下一步工作打算',
		'（一）加强培训。',
		'计划组织两期业务培训班。',
		'四、存在的主要问题及改进情况',
		'一是政策解读形式单一；二是互动回应不够及时。今后，我局将丰富解读形式，加强互动回应。',
		'某县文化局',
		'2021年1月20日'
	].join('\n');
	const r = analyze(text, defaultRubric);
	const role = (h: string): string | undefined => r.sections.find((s) => s.heading === h)?.role;

	it('assigns roles and inherits them into sub-sections', () => {
		expect(role('一、工作开展情况')).toBe('body');
		expect(role('（一）组织领导')).toBe('body');
		expect(role('二、存在的问题')).toBe('problems');
		expect(role('（一）公开内容不够全面')).toBe('problems');
		expect(role('三、下一步工作打算')).toBe('plans');
		expect(role('（一）加强培训')).toBe('plans');
	});

	it('splits a mixed section into problem and plan sentences', () => {
		const rq = r.indicators.find((i) => i.id === 'rq.plans');
		expect(rq?.evidence.some((e) => e.text.startsWith('今后，我局将丰富解读形式'))).toBe(true);
		const pb = r.indicators.find((i) => i.id === 'rq.problems');
		expect(pb?.evidence.some((e) => e.text.includes('政策解读形式单一'))).toBe(true);
		expect(pb?.evidence.some((e) => e.text.includes('今后'))).toBe(false);
	});

	it('a plan mention does not count as achievement', () => {
		const training = r.indicators.find((i) => i.id === 'im.training');
		expect(training?.level).toBe(0);
		expect(training?.discounted.map((d) => d.why)).toContain('plan');
	});

	it('reads the signature block as metadata, not content', () => {
		expect(r.meta.agency).toBe('某县文化局');
		expect(r.meta.published).toBe('2021-01-20');
		expect(r.meta.type).toBe('self_inspection');
		expect(r.meta.period).toBe('2020');
	});
});
