import { describe, it, expect } from 'vitest';
import { analyze, MAX_TEXT_CHARS } from './analyze';
import { defaultRubric } from './rubric';

const level = (text: string, id: string) => analyze(text, defaultRubric).indicators.find((i) => i.id === id);

describe('analyze: robustness', () => {
	it.each([
		['', 'empty'],
		['   \n\n ', 'empty'],
		['\u0000\u0001\u0002\u0003\u0004abc\u0005\u0006\u0007\u0008', 'binary']
	])('returns warnings, not exceptions (%j)', (text, code) => {
		const r = analyze(text, defaultRubric);
		expect(r.meta.warnings.map((w) => w.code)).toContain(code);
		expect(r.score.total).toBe(0);
		expect(r.indicators.find((i) => i.id === 'rq.consistency')?.level).toBeNull();
		expect(r.score.max).toBe(98);
	});

	it('caps huge input and says so', () => {
		const para = '我局在门户网站发布政府信息10条。\n';
		const text = para.repeat(Math.ceil((MAX_TEXT_CHARS + 10) / para.length));
		const r = analyze(text, defaultRubric);
		expect(r.meta.warnings.map((w) => w.code)).toContain('truncated');
	});

	it('anonymised text: no agency, no period', () => {
		const r = analyze('xx县民政局20xx年政务公开工作总结\n一、工作情况\n我局成立了领导小组。', defaultRubric);
		expect(r.meta.agency).toBeNull();
		expect(r.meta.period).toBeNull();
		expect(r.meta.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['anonymised', 'no_agency']));
	});
});

describe('analyze: the level rule', () => {
	it.each([
		['achieved with a specific → 2', '一、工作情况\n我局于2019年5月举办政务公开业务培训班1期。', 'im.training', 2],
		['achieved generically → 1', '一、工作情况\n我局积极组织干部参加政务公开业务培训。', 'im.training', 1],
		['only an intention → 0', '一、工作情况\n我局将组织政务公开业务培训。', 'im.training', 0],
		['only in the problems section → 0', '一、存在的问题\n政务公开业务培训开展较少。', 'im.training', 0],
		['stated absence → 0', '一、工作情况\n目前尚未开通政务微博和微信公众号。', 'im.platforms', 0],
		['stated zero is a fact → 2', '一、依申请公开\n本年度未收到政府信息公开申请。', 'rc.applications', 2],
		['count indicator needs a count → 0', '一、政策解读\n我局及时对出台的文件进行解读。', 'pi.volume', 0],
		['count indicator with a count → 2', '一、政策解读\n全年发布政策解读稿件15篇。', 'pi.volume', 2]
	])('%s', (_n, text, id, expected) => {
		expect(level(text, id)?.level).toBe(expected);
	});

	it('records discounted mentions with their reason', () => {
		const text = '一、工作情况\n我局将开通政务微博。\n目前尚未开通政务微信。\n二、存在的问题\n政务新媒体建设滞后。\n三、下一步打算\n建设政务新媒体平台。';
		const ind = level(text, 'im.platforms');
		expect(ind?.level).toBe(0);
		expect(ind?.discounted.map((d) => d.why).sort()).toEqual(['absence', 'intention', 'plan', 'problems']);
	});

	it('evidence offsets point into the original (traditional) text', () => {
		const text = '一、工作情況\n我局製定了《某縣政務公開保密審查制度》。';
		const r = analyze(text, defaultRubric);
		const ind = r.indicators.find((i) => i.id === 'im.rules');
		expect(ind?.level).toBe(2);
		const ev = ind?.evidence[0];
		expect(ev?.text).toBe('我局製定了《某縣政務公開保密審查制度》。');
		if (ev) expect(text.slice(ev.start, ev.end)).toBe(ev.text);
		expect(ev?.section).toBe('body');
		expect(r.meta.script).toBe('traditional');
	});

	it('scores = points × level ÷ 2, n/a excluded from the maximum', () => {
		const r = analyze('一、工作情况\n我局成立了政务公开工作领导小组。\n我局积极组织干部参加政务公开业务培训。', defaultRubric);
		const lead = r.indicators.find((i) => i.id === 'im.leadership');
		const tr = r.indicators.find((i) => i.id === 'im.training');
		expect(lead).toMatchObject({ level: 2, score: 5, max: 5 });
		expect(tr).toMatchObject({ level: 1, score: 1.5, max: 3 });
		const sum = r.indicators.reduce((s, i) => s + i.score, 0);
		expect(r.score.total).toBe(sum);
		expect(r.score.max).toBe(98);
		expect(r.dimensions.find((d) => d.id === 'rq')?.max).toBe(8);
	});

	it('noise is reported and excluded from evidence', () => {
		const text = '首页 > 政务公开\n分享到：微信 微博\n一、工作情况\n我局通过门户网站公开信息。\n版权所有：某县人民政府 某ICP备00000000号';
		const r = analyze(text, defaultRubric);
		expect(r.noise.length).toBe(2);
		expect(text.slice(r.noise[0].start, r.noise[0].end)).toContain('首页');
		const p = r.indicators.find((i) => i.id === 'im.platforms');
		expect(p?.evidence.every((e) => !e.text.includes('分享'))).toBe(true);
	});
});

describe('analyze: a 2021-layout annual report with markdown tables', () => {
	const row = (label: string, nums: number[]): string => `| ${label} | ${nums.join(' | ')} |`;
	const text = [
		'某市生态环境局2022年政府信息公开工作年度报告',
		'一、总体情况',
		'2022年，我局共主动公开政府信息560条，其中通过门户网站公开420条。全年召开新闻发布会4场，发布政策解读12篇。',
		'二、主动公开政府信息情况',
		'| 第二十条第（一）项 |',
		'| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |',
		row('规章', [0, 0, 0]),
		row('行政规范性文件', [2, 0, 9]),
		'三、收到和处理政府信息公开申请情况',
		'| 本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和 | 申请人情况 |',
		'| 自然人 | 法人或其他组织 | 总计 |',
		'| 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |',
		row('一、本年新收政府信息公开申请数量', [10, 2, 0, 0, 0, 0, 12]),
		row('二、上年结转政府信息公开申请数量', [1, 0, 0, 0, 0, 0, 1]),
		row('三、本年度办理结果 | （一）予以公开', [8, 2, 0, 0, 0, 0, 10]),
		row('（六）其他处理 | 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', [1, 0, 0, 0, 0, 0, 1]),
		row('（七）总计', [9, 2, 0, 0, 0, 0, 11]),
		row('四、结转下年度继续办理', [1, 0, 0, 0, 0, 0, 1]),
		'四、政府信息公开行政复议、行政诉讼情况',
		`| ${[1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0].join(' | ')} |`,
		'五、存在的主要问题及改进情况',
		'一是政策解读形式较为单一；二是依申请公开办理能力有待提升。下一步，我局将丰富解读形式，加强业务培训，规范申请办理流程。',
		'某市生态环境局',
		'2023年1月20日'
	].join('\n');
	const r = analyze(text, defaultRubric);

	it('reads metadata', () => {
		expect(r.meta).toMatchObject({ agency: '某市生态环境局', period: '2022', type: 'annual_report', published: '2023-01-20' });
	});

	it('flags the failed identity and scores rq.consistency 0 (applicable)', () => {
		const id = r.checks.find((c) => c.id === 'applications_identity');
		expect(id?.ok).toBe(false);
		expect(id?.cells?.map((c) => c.column)).toEqual(['自然人', '总计']);
		expect(r.indicators.find((i) => i.id === 'rq.consistency')).toMatchObject({ level: 0, max: 2 });
		expect(r.score.max).toBe(100);
	});

	it('parses the tables with the 2021 layout and takes applications from the table', () => {
		expect(r.tables.map((t) => [t.id, t.layout])).toEqual([
			['active_disclosure', '2021'],
			['applications', '2021'],
			['review_litigation', '2021']
		]);
		expect(r.metrics.find((m) => m.id === 'applications_received')?.value).toBe(12);
		expect(r.metrics.find((m) => m.id === 'interpretations')?.value).toBe(12);
		expect(r.metrics.find((m) => m.id === 'published_items')?.value).toBe(560);
	});

	it('splits the mixed section: problems and plans each met', () => {
		expect(r.indicators.find((i) => i.id === 'rq.problems')?.level).toBe(2);
		expect(r.indicators.find((i) => i.id === 'rq.plans')?.level).toBe(2);
		expect(r.indicators.find((i) => i.id === 'im.training')?.discounted[0]?.why).toBe('plan');
	});
});
