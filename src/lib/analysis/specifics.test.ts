import { describe, it, expect } from 'vitest';
import { findSpecifics, hasZero, readMention } from './specifics';

const read = (s: string, term: string, relax = false): string => {
	const pos = s.indexOf(term);
	if (pos < 0) throw new Error(`term ${term} not in ${s}`);
	return readMention(s, pos, { hasSpecific: findSpecifics(s, ['document', 'count', 'date', 'channel', 'body', 'system']).length > 0, relaxImperative: relax });
};

describe('reading a mention', () => {
	it.each([
		['我局制定了政务公开保密审查制度。', '保密审查', 'achieved'],
		['已在门户网站开设政策解读专栏。', '政策解读', 'achieved'],
		['全年累计开展业务培训3次。', '业务培训', 'achieved'],
		['我办建立了舆情收集、研判和回应机制。', '研判', 'achieved'],
		['我局将进一步完善政策解读机制。', '政策解读', 'intention'],
		['要严格落实信息发布审核制度。', '发布审核', 'intention'],
		['各单位应当及时公开办事指南。', '办事指南', 'intention'],
		['拟于明年开通政务微博。', '政务微博', 'intention'],
		['力争年底前完成公开目录编制。', '公开目录', 'intention'],
		['加强政务新媒体管理，推进信息公开。', '政务新媒体', 'intention'],
		['进一步规范依申请公开工作。', '依申请公开', 'intention'],
		['今后，我局将加大政策解读力度。', '政策解读', 'intention'],
		['目前尚未开通政务微博。', '政务微博', 'absence'],
		['我单位没有设立政务公开栏。', '政务公开栏', 'absence'],
		['公开目录未建立。', '公开目录', 'absence'],
		['信息更新不及时，公开平台有待完善。', '公开平台', 'absence'],
		['加强政务新媒体管理，在门户网站发布信息50条。', '政务新媒体', 'achieved'],
		['严格落实三同步要求，解读好相关政策。', '三同步', 'achieved']
	])('%s [%s] → %s', (sentence, term, expected) => {
		const relax = sentence.startsWith('严格落实');
		expect(read(sentence, term, relax)).toBe(expected);
	});

	it('an imperative restatement counts in a key-points report only', () => {
		const s = '积极参加业务培训，提高工作能力。';
		expect(read('加强业务培训，提高工作能力。', '业务培训', false)).toBe('intention');
		expect(read('加强业务培训，提高工作能力。', '业务培训', true)).toBe('achieved');
		expect(read(s, '业务培训', true)).toBe('achieved');
	});
});

describe('specifics', () => {
	const kinds = (s: string): string[] =>
		[...new Set(findSpecifics(s, ['document', 'count', 'date', 'channel', 'body', 'system', 'zero']).map((x) => x.kind))].sort();
	it.each([
		['印发了《某县政务公开工作实施方案》。', ['document', 'system']],
		['共发布解读信息一百二十篇。', ['count']],
		['于2019年3月15日召开专题会议。', ['date']],
		['通过门户网站和微信公众号发布。', ['channel']],
		['成立了政务公开工作领导小组。', ['body']],
		['建立了舆情回应制度。', ['system']],
		['建立了长效工作机制。', []],
		['做到“一个窗口对外，一站式办公”。', ['channel']],
		['按照“四个标准化”要求推进。', []],
		['本年度未收到政府信息公开申请。', ['zero']],
		['热线收到事项0件，办结0件。', ['channel', 'count', 'zero']]
	])('%s → %j', (s, expected) => {
		expect(kinds(s)).toEqual(expected);
	});

	it.each([
		['本年度未收到政府信息公开申请。', true],
		['2019年没有发生依申请公开。', true],
		['共收到申请0件。', true],
		['共收到申请10件。', false],
		['尚未开通政务微博。', false]
	])('stated zero: %s → %s', (s, z) => {
		expect(hasZero(s)).toBe(z);
	});
});
