/**
 * How reports name themselves (fixtures of our own): the title families, titles split over two
 * lines or buried in a one-line page, opening formulas, page fields, the signature and date line,
 * and two readings that disagree.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from './analyze';
import { cleanAgency } from './metadata';
import { defaultRubric } from './rubric';

const BODY = ['一、总体情况', '全年主动公开政府信息320条，办理依申请公开3件。', '二、存在的主要问题及改进情况', '一是公开不够及时；二是解读形式单一。下一步将加强培训，丰富解读形式。'];
const meta = (lines: string[]) => analyze(lines.join('\n'), defaultRubric).meta;

describe('title families', () => {
	it.each([
		['2019年青岚县交通运输局政府信息公开工作年度报告', '青岚县交通运输局', '2019'],
		['青岚县2017年政府信息公开工作年度报告', '青岚县', '2017'],
		['青岚县民政局2022年政府信息公开年度报告', '青岚县民政局', '2022'],
		['2020年度青岚市生态环境局政府信息公开工作年度报告', '青岚市生态环境局', '2020']
	])('%s', (title, agency, period) => {
		const m = meta([title, ...BODY]);
		expect(m).toMatchObject({ agency, period, type: 'annual_report' });
	});

	it('a title split over two lines (agency, then year and kind)', () => {
		expect(meta(['青岚市生态环境局', '2023年政府信息公开工作年度报告', ...BODY])).toMatchObject({ agency: '青岚市生态环境局', period: '2023', type: 'annual_report' });
		const m = meta(['青岚市生态环境局2023年政府信息', '公开工作年度报告', ...BODY]);
		expect(m).toMatchObject({ agency: '青岚市生态环境局', period: '2023', type: 'annual_report' });
		expect(m.title).toBe('青岚市生态环境局2023年政府信息公开工作年度报告');
	});

	it('a title buried in a one-line page', () => {
		const page = `首页 > 政务公开 > 年度报告 青岚县人民政府2020年政府信息公开工作年度报告 发布时间：2021-01-15 浏览次数：35 ${BODY.join('')}`;
		const m = analyze(page, defaultRubric).meta;
		expect(m).toMatchObject({ agency: '青岚县人民政府', period: '2020', type: 'annual_report', published: '2021-01-15' });
	});

	it('a saved page’s 标题： line', () => {
		const m = meta(['标题：2021年青岚县卫生健康委员会政府信息公开工作年度报告', '发布机构：青岚县卫生健康委员会', '一、总体情况根据条例规定，现将本年度情况报告如下。', ...BODY]);
		expect(m).toMatchObject({ agency: '青岚县卫生健康委员会', period: '2021', type: 'annual_report' });
	});
});

describe('opening formulas and page fields', () => {
	it('现公布由…编制的《…》: the quoted title names agency, year and type; the verb and quotes stay out', () => {
		const m = meta(['根据《中华人民共和国政府信息公开条例》规定，现公布由青岚市人民政府办公室编制的《青岚市人民政府2019年政府信息公开工作年度报告》。', ...BODY]);
		expect(m).toMatchObject({ agency: '青岚市人民政府', period: '2019', type: 'annual_report' });
		expect(m.agency).not.toMatch(/现公布|《|》/);
	});

	it('本报告由…根据…编制 names the agency when nothing else does', () => {
		const m = meta(['本报告由青岚县市场监督管理局根据《中华人民共和国政府信息公开条例》要求编制。', '2022年，我局主动公开政府信息200条。', ...BODY]);
		expect(m.agency).toBe('青岚县市场监督管理局');
		expect(m.period).toBe('2022');
	});

	it('a 来源： field of the page', () => {
		const m = meta(['来源：青岚县水利局', '一、总体情况', '2021年，我局全年主动公开政府信息96条。', ...BODY.slice(2)]);
		expect(m.agency).toBe('青岚县水利局');
	});

	it.each([
		['现公布广州市某某局2019年', '广州市某某局2019年'],
		['《青岚县民政局》', '青岚县民政局'],
		['“青岚县民政局”', '青岚县民政局'],
		['由青岚县民政局编制', '青岚县民政局']
	])('cleanAgency(%s)', (raw, clean) => {
		expect(cleanAgency(raw)).toBe(clean);
	});
});

describe('the signature and date line', () => {
	it('at the end of a one-line page', () => {
		const page = `青岚县民政局2021年政府信息公开工作年度报告 ${BODY.join('')}特此报告。青岚县民政局 2022年1月18日`;
		expect(analyze(page, defaultRubric).meta).toMatchObject({ agency: '青岚县民政局', published: '2022-01-18' });
	});

	it('two readings that disagree: the title wins, with a warning naming both', () => {
		const m = meta(['青岚县民政局2021年政府信息公开工作年度报告', ...BODY, '青岚县财政局', '2022年1月18日']);
		expect(m.agency).toBe('青岚县民政局');
		const w = m.warnings.find((x) => x.code === 'agency_conflict');
		expect(w?.params).toEqual({ chosen: '青岚县民政局', other: '青岚县财政局' });
		expect(w?.message).toContain('青岚县财政局');
	});

	it('an office signing for its government is no conflict', () => {
		const m = meta(['青岚县人民政府2021年政府信息公开工作年度报告', ...BODY, '青岚县人民政府办公室', '2022年1月18日']);
		expect(m.warnings.some((x) => x.code === 'agency_conflict')).toBe(false);
	});
});
