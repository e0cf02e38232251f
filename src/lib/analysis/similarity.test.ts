import { describe, expect, it } from 'vitest';
import { demoAgencies, generateReport } from '../demo/generate';
import {
	commonFingerprints,
	commonMask,
	compareRound,
	exclusionSummary,
	prepareText,
	reuseDeduction,
	shareIn,
	sideBySide,
	standardRanges,
	type Mark
} from './similarity';

/** The skeleton every annual report shares: the six part headings, the subsections, the tables' labels, the prescribed opening. */
function annualReport(body: { overall: string[]; problems: string; other: string }, year = 2021): string {
	const sub = ['（一）主动公开', '（二）依申请公开', '（三）政府信息管理', '（四）平台建设', '（五）监督保障'];
	const lines = [
		'政府信息公开工作年度报告',
		'',
		`本报告依据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》要求编制。全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议及行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。本报告所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。`,
		'一、总体情况'
	];
	sub.forEach((h, i) => lines.push(h, body.overall[i] ?? ''));
	lines.push(
		'二、主动公开政府信息情况',
		'| 第二十条第（一）项 |',
		'| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |',
		'| 规章 | 0 | 0 | 0 |',
		'| 行政规范性文件 | 3 | 1 | 27 |',
		'| 第二十条第（五）项 |',
		'| 信息内容 | 本年处理决定数量 |',
		'| 行政许可 | 154 |',
		'三、收到和处理政府信息公开申请情况',
		'| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况 |',
		'| 自然人 | 法人或其他组织 | 总计 |',
		'| 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |',
		'| 一、本年新收政府信息公开申请数量 | 5 | 1 | 0 | 0 | 0 | 0 | 6 |',
		'| 二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |',
		'| 三、本年度办理结果 | （一）予以公开 | 3 | 1 | 0 | 0 | 0 | 0 | 4 |',
		'| （四）无法提供 | 1.本机关不掌握相关政府信息 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |',
		'| 四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |',
		'四、政府信息公开行政复议、行政诉讼情况',
		'| 行政复议 | 行政诉讼 |',
		'| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉 |',
		'| 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |',
		'五、存在的主要问题及改进情况',
		body.problems,
		'六、其他需要报告的事项',
		body.other
	);
	return lines.join('\n');
}

/** A district's report: the place and the year appear in the body only. */
function districtBody(place: string, year: number) {
	return {
		overall: [
			`${year}年，${place}人民政府围绕优化营商环境这条主线，把涉企政策集中到一个专栏发布，全年新增涉企政策文件43件，企业可以按行业和规模筛选。${place}市场监管部门把抽查计划和抽查结果同时挂网，抽查结果在检查结束后二十个工作日内公示。`,
			`${place}政务服务中心设立了依申请公开受理窗口，由两名工作人员专门负责登记、转办和答复，${year}年共受理申请6件，全部在法定期限内答复。`,
			`${place}档案馆与各部门对历年文件逐件清理，明确了每份文件的公开属性，对已经失效的文件在网站上统一标注，便于群众查阅时区分。`,
			`${place}人民政府门户网站改版后，首页增加了无障碍浏览入口，栏目由原来的八十余个归并为三十二个，老年人使用的大字版页面同步上线。`,
			`${place}把政务公开纳入乡镇和部门年度绩效考核，占比百分之三，${year}年第三季度组织了一次交叉检查，发现的问题都已整改到位。`
		],
		problems: `${place}部分乡镇更新网站不及时，个别栏目长期没有内容。${year}年起，${place}建立了栏目每月巡查制度，由区政务公开办公室通报巡查结果。`,
		other: `${place}${year}年度未收取信息处理费。`
	};
}

const OTHER_BODY = {
	overall: [
		'我局今年重点公开了河道采砂许可、取水许可和水土保持方案审批三类事项，每一项许可决定都在作出后七日内上网，群众可以按河段查询。汛期每天发布主要河流水位和水库蓄水信息，雨情较大时加密到每三小时一次。',
		'我局收到的申请主要涉及征地补偿和水库移民安置，申请人多为当地村民，局里安排法规科一名同志全程跟踪，答复前都与申请人电话沟通确认需求。',
		'按照档案管理规定，我局对农村饮水安全工程的建设资料进行了数字化处理，二〇一五年以来的工程档案已经全部可以在线检索。',
		'水利局网站新开设了防汛抗旱专题，集中展示预警信息、避险常识和各乡镇转移路线图，专题页面在汛期访问量最高的一周超过一万次。',
		'局党组每季度听取一次政务公开工作汇报，年底由纪检组对公开内容的准确性进行抽查，抽查发现两处数据错误并已更正。'
	],
	problems: '水利工程项目信息公开的深度不够，资金使用情况只公开了总额，没有细化到单个项目。明年将逐个项目公开资金拨付进度。',
	other: '本机关今年没有收取信息处理费。'
};

function letters(s: string): number {
	return s.match(/[\u4e00-\u9fff]/g)?.length ?? 0;
}

describe('standard format text', () => {
	it('leaves out the part headings, the table labels and figures, and the prescribed opening', () => {
		const text = annualReport(OTHER_BODY);
		const rs = standardRanges(text);
		const covered = (s: string): boolean => {
			const i = text.indexOf(s);
			return rs.some((r) => r.start <= i && r.end >= i + s.length);
		};
		for (const s of ['一、总体情况', '（三）政府信息管理', '| 行政许可 | 154 |', '本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止。', '五、存在的主要问题及改进情况', '| 0 | 0 | 0 |'])
			expect(covered(s), s).toBe(true);
		// the agency's own prose is not standard text
		expect(covered('我局今年重点公开了河道采砂许可')).toBe(false);
		// a short label is standard as a line or cell only, not inside a sentence
		expect(covered('水利局网站新开设了防汛抗旱专题')).toBe(false);
	});
});

describe('a copy with the place names swapped and the year changed', () => {
	const source = annualReport(districtBody('青山区', 2021), 2021);
	const copy = annualReport(districtBody('青山县', 2022), 2022);
	const a = prepareText(copy);
	const b = prepareText(source);

	it('scores at least 0.9 both ways', () => {
		const r = shareIn(a, b);
		expect(r.share).not.toBeNull();
		expect(r.share!).toBeGreaterThanOrEqual(0.9);
		expect(shareIn(b, a).share!).toBeGreaterThanOrEqual(0.9);
		// the standard text is not what made the score: the countable letters are the body's
		expect(r.countable).toBeGreaterThan(300);
	});

	it('marks exactly the swapped words and the changed years', () => {
		const view = sideBySide(a, b);
		/** every character position marked as changed */
		const changed = (ms: Mark[]): number[] => ms.filter((m) => m.kind === 'changed').flatMap((m) => Array.from({ length: m.end - m.start }, (_, i) => m.start + i));
		const excluded = (ms: Mark[], i: number) => ms.some((m) => (m.kind === 'standard' || m.kind === 'noise') && m.start <= i && m.end > i);
		/** positions of the words that differ (outside the standard text, which is not compared) */
		const expected = (text: string, re: RegExp, ms: Mark[]): number[] =>
			[...text.matchAll(re)].flatMap((m) => {
				const g = m[1] ?? m[2];
				const at = m.index! + (m[0].length - g.length);
				return excluded(ms, at) ? [] : Array.from({ length: g.length }, (_, i) => at + i);
			});
		const inCopy = expected(copy, /青山(县)|(2022)/g, view.a);
		const inSource = expected(source, /青山(区)|(2021)/g, view.b);
		expect(inCopy.length).toBeGreaterThan(20);
		expect(changed(view.a)).toEqual(inCopy.sort((x, y) => x - y));
		expect(changed(view.b)).toEqual(inSource.sort((x, y) => x - y));
		expect(new Set(changed(view.a).map((i) => copy[i]))).toEqual(new Set(['县', '2', '0']));
		// and the rest of the body is shown as shared
		const shared = view.a.filter((m) => m.kind === 'shared').reduce((n, m) => n + letters(copy.slice(m.start, m.end)), 0);
		expect(shared).toBeGreaterThan(300);
	});
});

describe('two independent reports', () => {
	it('sharing only the standard headings and table labels score under 0.1', () => {
		const a = prepareText(annualReport(districtBody('青山区', 2021)));
		const b = prepareText(annualReport(OTHER_BODY));
		expect(shareIn(a, b).share!).toBeLessThan(0.1);
		expect(shareIn(b, a).share!).toBeLessThan(0.1);
		// what was left out is reported
		const ex = exclusionSummary(a);
		expect(ex.find((e) => e.reason === 'standard')?.letters).toBeGreaterThan(200);
	});

	it('two generated reports of different agencies in different sectors stay low', () => {
		const [x, , , , , y] = demoAgencies(12);
		const a = prepareText(generateReport({ agency: x, year: 2021, seed: 5, type: 'annual_report' }).text);
		const b = prepareText(generateReport({ agency: y, year: 2021, seed: 9, type: 'annual_report' }).text);
		expect(shareIn(a, b).share!).toBeLessThan(0.5);
	});
});

/** Independent prose by construction: sentences of common characters drawn from a seeded generator. */
function filler(seed: number, sentences: number): string {
	const pool = '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严';
	let x = seed * 2654435761 >>> 0;
	const next = (): number => {
		x ^= x << 13;
		x >>>= 0;
		x ^= x >>> 17;
		x ^= x << 5;
		x >>>= 0;
		return x;
	};
	const out: string[] = [];
	for (let s = 0; s < sentences; s++) {
		const n = 14 + (next() % 20);
		let t = '';
		for (let i = 0; i < n; i++) t += pool[next() % pool.length] + (i === 7 ? '，' : '');
		out.push(t + '。');
	}
	return out.join('');
}

describe('a passage shared by most of a round', () => {
	const TEMPLATE =
		'按照全省统一部署，我们对照政务公开标准化规范化目录逐项梳理本级事项清单，目录动态调整机制已经建立，每年由司法行政部门会同政务公开办公室集中审核一次，审核结果在政府网站专栏同步更新。';
	// six independent reports; five of them carry the province's template paragraph
	const texts = [1, 2, 3, 4, 5, 6].map((seed) =>
		annualReport({
			overall: [0, 1, 2, 3, 4].map((j) => filler(seed * 10 + j, 4) + (j === 2 && seed <= 5 ? TEMPLATE : '')),
			problems: filler(seed * 10 + 7, 3),
			other: filler(seed * 10 + 8, 1)
		})
	);
	const items = texts.map((t, i) => ({ id: i + 1, agency: i + 1, prepared: prepareText(t) }));

	it('is excluded as the round’s common text and reported as excluded', () => {
		const { common, figures } = compareRound(items);
		expect(common.size).toBeGreaterThan(0);
		const first = items[0].prepared;
		const ex = exclusionSummary(first, common);
		const c = ex.find((e) => e.reason === 'common');
		expect(c).toBeDefined();
		const passage = c!.passages.map((r) => first.original.slice(r.start, r.end)).join('');
		// found through the winnowed fingerprints: up to one window at each end may stay counted
		expect(letters(passage)).toBeGreaterThan(letters(TEMPLATE) * 0.7);
		expect(TEMPLATE).toContain(passage.replace(/\n/g, '').slice(0, 30));
		// without the round, the template alone makes two reports look alike; with it, they do not
		const b = items[1].prepared;
		expect(shareIn(first, b).share!).toBeGreaterThan(0.1);
		expect(shareIn(first, b, commonMask(first, common)).share!).toBeLessThan(0.05);
		expect(figures[0].commonLetters).toBeGreaterThan(letters(TEMPLATE) * 0.7);
		expect(figures[0].peer === null || figures[0].peer.share < 0.05).toBe(true);
		// the sixth report has no template: nothing of it is common
		expect(exclusionSummary(items[5].prepared, common).find((e) => e.reason === 'common')).toBeUndefined();
		// the view marks it as common, not as shared
		const view = sideBySide(first, b, common, common);
		const commonMarks = view.a.filter((m) => m.kind === 'common');
		expect(commonMarks.length).toBeGreaterThan(0);
		expect(view.a.filter((m) => m.kind === 'shared').every((m) => !TEMPLATE.includes(first.original.slice(m.start, m.end)) || m.end - m.start < 12)).toBe(true);
	});

	it('two reports sharing a passage are never the round’s common text', () => {
		const df = new Map([
			[1, 2],
			[2, 5]
		]);
		expect([...commonFingerprints(df, 6)]).toEqual([2]);
		expect([...commonFingerprints(df, 4)]).toEqual([]); // too few reports for the rule
	});
});

describe('a rubric rule can use the figure', () => {
	it('deducts above the threshold only', () => {
		expect(reuseDeduction(0.72, { threshold: 0.5, points: 0.5 })).toEqual({ fires: true, points: 0.5 });
		expect(reuseDeduction(0.5, { threshold: 0.5, points: 0.5 })).toEqual({ fires: false, points: 0 });
		expect(reuseDeduction(null, { threshold: 0.5, points: 0.5 })).toEqual({ fires: false, points: 0 });
	});
});
