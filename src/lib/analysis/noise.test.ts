import { describe, it, expect } from 'vitest';
import { detectNoise, isNoiseLine, splitLines } from './noise';

describe('page noise', () => {
	it.each([
		['首页', true],
		['首页 > 政务公开 > 年度报告', true],
		['>政务公开>工作报告', true],
		['您现在的位置：首页 > 信息公开', true],
		['分享', true],
		['下载本页 打印', true],
		['【字号 大 中 小】【打印】【关闭】', true],
		['发布时间：2020-01-15 09:30 字号：[ ] 视力保护色：', true],
		['来源：县政府办 发布日期：2020-01-15 浏览次数：', true],
		['阅读量：1024', true],
		['地址：某某路1号 电话：0000-1234567 邮编：100000', true],
		['某省某县人民政府主办 某ICP备12345678号', true],
		['某公网安备 12345号', true],
		['版权所有：某县人民政府办公室', true],
		['技术支持：某某网络公司', true],
		['一、总体情况', false],
		['我局高度重视政务公开工作，制定了年度工作方案。', false],
		['2019年，我局共发布政府信息120条，其中通过网站发布80条。', false],
		['某县民政局', false]
	])('%s → %s', (line, expected) => {
		expect(isNoiseLine(line)).toBe(expected);
	});

	it('merges adjacent noise lines into ranges', () => {
		const text = '首页\n\n分享\n一、总体情况\n正文内容。\n版权所有：某县政府';
		const lines = splitLines(text);
		const { ranges } = detectNoise(lines);
		expect(ranges.map((r) => text.slice(r.start, r.end))).toEqual(['首页\n\n分享', '版权所有：某县政府']);
	});
});
