/**
 * The general rules added when checking the engine against the synthetic report set (one case
 * per rule, sentences written for this test). Each rule is stated in RUBRIC.md's words.
 */
import { describe, it, expect } from 'vitest';
import { analyze } from './analyze';
import { defaultRubric } from './rubric';
import { readMention, findSpecifics } from './specifics';
import { compileScanner, compileTerms } from './terms';

/** A body section with the given paragraphs. */
const body = (...paras: string[]): string => `一、工作开展情况\n${paras.join('\n')}`;
const levelOf = (text: string, id: string): number | null | undefined =>
	analyze(text, defaultRubric).indicators.find((i) => i.id === id)?.level;

describe("the indicator's own keyword is not its specific", () => {
	it.each([
		// generic words only: the platform / role / mechanism / list named is the indicator itself
		['im.platforms', '注重公开平台建设，信息发布渠道进一步拓宽。', 1],
		['im.leadership', '主要领导亲自抓，分管领导具体抓，形成了齐抓共管的格局。', 1],
		['rc.mechanism', '建立了舆情收集和回应机制，对热点问题作出了回应。', 1],
		['fd.management', '按要求公开了权力清单和责任清单。', 1],
		['fd.service', '进一步规范了办事指南，群众办事更加方便。', 1],
		// a proper name makes the same keyword concrete
		['im.platforms', '通过北山县人民政府门户网站发布各类信息。', 2],
		['im.platforms', '开通了“北山发布”微信公众号。', 2],
		['rc.channels', '开通了12345便民热线，畅通了诉求渠道。', 2],
		// constituted bodies and written rules stay concrete
		['im.leadership', '我局成立了政务公开工作领导小组。', 2],
		['im.rules', '我局制定了政务公开制度和保密审查制度。', 2]
	])('%s: %s → %i', (id, sentence, expected) => {
		expect(levelOf(body(sentence), id)).toBe(expected);
	});
});

describe('more specifics', () => {
	it('a stated zero is a fact, hence a specific, for any indicator', () => {
		expect(levelOf(body('建立了舆情收集和回应机制，全年未发生涉及本单位的舆情事件。'), 'rc.mechanism')).toBe(2);
	});
	it('a year that qualifies the item names a specific one', () => {
		expect(levelOf(body('配合财政部门完成2023年度预算信息公开。'), 'fd.result')).toBe(2);
		expect(levelOf(body('及时公开了部门预算信息。'), 'fd.result')).toBe(1);
	});
	it('records where a system name begins (its qualifier)', () => {
		const text = '我们建立了政务舆情回应机制。';
		const sys = findSpecifics(text, ['system']);
		expect(sys).toHaveLength(1);
		// up to 8 characters before the suffix
		expect(text.slice(sys[0].from, sys[0].start)).toBe('立了政务舆情回应');
		expect(text.slice(sys[0].start, sys[0].end)).toBe('机制');
	});
	it('a quoted slogan list does not hide a mention outside it', () => {
		const s = '印发了《北山县政策解读工作规范》，明确“谁起草、谁解读”，解读材料与政策文件一并报批。';
		expect(levelOf(body(s), 'pi.mechanism')).toBe(2);
	});
});

describe('term lists', () => {
	it('execution disclosure in either word order, and rectification of audit/inspection findings', () => {
		expect(levelOf(body('按季度公开重点任务落实情况，全年发布进展信息12条。'), 'fd.execution')).toBe(2);
		expect(levelOf(body('主动公开了上年度审计发现问题的整改情况，涉及问题6个。'), 'fd.execution')).toBe(2);
	});
	it('绩效考核 of the agency is not performance disclosure; 建议提案办理结果 is execution', () => {
		expect(levelOf(body('将政务公开工作纳入年度绩效考核，分值占5%。'), 'fd.result')).toBe(0);
		expect(levelOf(body('办理人大代表建议8件，办理结果已全部公开。'), 'fd.result')).toBe(0);
	});
	it('messages handled are rc.handling, not a channel; 办理 counts as handling', () => {
		const text = body('全年收到群众留言30件，均已按时办结。', '全年办理群众诉求45件，满意率98%。');
		expect(levelOf(text, 'rc.channels')).toBe(0);
		expect(levelOf(body('全年办理群众诉求45件，满意率98%。'), 'rc.handling')).toBe(2);
	});
	it('a leader, then a date, then attending a press conference', () => {
		expect(levelOf(body('局长5月8日出席就业政策专题新闻发布会，回答记者提问。'), 'pi.leaders')).toBe(2);
	});
	it('an application that is only the cause of a review is not an application handled', () => {
		expect(levelOf(body('本年度未发生因政府信息公开申请提起行政复议的情况。'), 'rc.applications')).toBe(0);
	});
});

describe('reading and structure', () => {
	it('计划 + a verb is an intention', () => {
		const s = '计划开通政务新媒体，拓宽信息发布渠道。';
		expect(readMention(s, s.indexOf('政务新媒体'), { hasSpecific: false, relaxImperative: false })).toBe('intention');
	});
	it('sub-headings under the plans intro of a mixed section stay plans', () => {
		const text = [
			'一、主要工作',
			'我局全年主动公开政府信息120条。',
			'二、存在的主要问题及改进情况',
			'一是公开内容不够全面；二是政策解读形式单一。',
			'2024年，我们将从以下几个方面加强工作：',
			'（一）丰富解读形式。多采用图解、视频等方式解读政策。',
			'（二）完善公开内容。及时更新公开目录。'
		].join('\n');
		expect(levelOf(text, 'rq.plans')).toBe(2);
		expect(levelOf(text, 'rq.problems')).toBe(2);
	});
	it('the effect of a measure is not a second measure', () => {
		const one = ['一、工作情况', '全年公开信息100条。', '二、下一步工作打算', '下一步，我局将完善在线咨询功能，增强政民互动实效。'].join('\n');
		expect(levelOf(one, 'rq.plans')).toBe(1);
		const two = ['一、工作情况', '全年公开信息100条。', '二、下一步工作打算', '下一步，我局将完善在线咨询功能，规范留言办理流程。'].join('\n');
		expect(levelOf(two, 'rq.plans')).toBe(2);
	});
});

describe('metadata', () => {
	it('a short signature yields to the full name the text uses', () => {
		const text = [
			'2023年度政府信息公开工作报告',
			'本报告由北山县人民政府编制。',
			'一、总体情况',
			'全年主动公开政府信息120条。',
			'',
			'北山县政府',
			'2024年1月20日'
		].join('\n');
		const r = analyze(text, defaultRubric);
		expect(r.meta.agency).toBe('北山县人民政府');
		expect(r.meta.type).toBe('annual_report');
		expect(r.meta.period).toBe('2023');
	});
	it('keeps the signature when the text has no fuller form', () => {
		const r = analyze(['2023年政务公开工作总结', '一、主要工作', '全年公开信息80条。', '', '北山县政府', '2023年12月20日'].join('\n'), defaultRubric);
		expect(r.meta.agency).toBe('北山县政府');
	});
});

describe('the one-pass term scanner', () => {
	const lists = defaultRubric.dimensions.flatMap((d) => d.indicators).map((i) => i.terms);
	const extra = [['(甲|乙)*丙', '丁', '戊己庚'], ['*前导', '尾'], ['阿(贝|c)*得']];
	const texts = [
		'我局成立了政务公开工作领导小组，分管领导具体抓。全年公开政府信息120条，解读政策5篇。',
		'甲丙乙x丙丁戊己庚；阿贝得阿c得前导尾。',
		'通过政府网站、政务新媒体、公开栏发布信息；开通12345热线和领导信箱，受理群众诉求30件，办结28件。',
		'依申请公开：本年度未收到政府信息公开申请。重大项目、政策措施落实情况按季度公开。'
	];
	it('finds exactly the matches of one global scan per list', () => {
		const all = [...lists, ...extra];
		const scanner = compileScanner(all);
		for (const text of texts) {
			const hits = scanner.scan(text);
			all.forEach((terms, k) => {
				const re = compileTerms(terms);
				const want: number[] = [];
				if (re) for (const m of text.matchAll(re)) want.push(m.index ?? 0, (m.index ?? 0) + m[0].length);
				expect(hits[k], `${terms.join('/')} in ${text}`).toEqual(want);
			});
		}
	});
});
