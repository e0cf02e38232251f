import { describe, it, expect } from 'vitest';
import { joinList, levelLabel, navLabel, periodLabel, reportTypeLabel, roleLabel, roundAxisLabels, roundStatusLabel } from './labels';
import { withLocale } from './with-locale';
import { m } from '../paraglide/messages.js';

// Outside a request the runtime falls back to the base locale, zh-CN.
describe('labels (base locale zh-CN)', () => {
	it('translates codes the server sends', () => {
		expect(roundStatusLabel('review')).toBe('评审中');
		expect(roleLabel('evaluator')).toBe('评审人员');
		expect(reportTypeLabel('annual_report')).toBe('年度报告');
		expect(levelLabel(0)).toBe('缺失');
		expect(levelLabel(2)).toBe('达标');
		expect(levelLabel(null)).toBe('不适用');
		expect(navLabel('/gaps', 'x')).toBe('缺失项');
	});

	it('falls back for unknown codes', () => {
		expect(roundStatusLabel('archived', '已归档')).toBe('已归档');
		expect(roleLabel('guest')).toBe('guest');
		expect(reportTypeLabel(null)).toBe('—');
		expect(navLabel('/new-page', '新页面')).toBe('新页面');
	});

	it('formats periods', () => {
		expect(periodLabel('2024')).toBe('2024年度');
		expect(periodLabel('2024H1')).toBe('2024年上半年');
		expect(periodLabel('2024H2')).toBe('2024年下半年');
		expect(periodLabel('2024Q3', '2024年第三季度')).toBe('2024年第三季度');
	});

	it('labels rounds on an axis by period, by name when two share one', async () => {
		const rounds = [{ name: '2023年度政务公开考核', period: '2023' }, { name: '2024年上半年考核', period: '2024H1' }];
		expect(roundAxisLabels(rounds)).toEqual(['2023年度', '2024年上半年']);
		expect(await withLocale('en', () => roundAxisLabels(rounds))).toEqual(['2023', 'H1 2024']);
		const twice = [{ name: '2024年度考核', period: '2024' }, { name: '2024年度补充考核', period: '2024' }];
		expect(roundAxisLabels(twice)).toEqual(['2024年度考核', '2024年度补充考核']);
	});

	it('joins lists with the language\'s separator', async () => {
		expect(joinList(['甲', '乙'])).toBe('甲；乙');
		expect(await withLocale('en', () => joinList(['a', 'b']))).toBe('a; b');
	});
});

describe('compiled messages', () => {
	it('render both languages with parameters', () => {
		expect(m.common_page_of({ page: 2, pages: 5 })).toBe('第 2 / 5 页');
		expect(m.common_page_of({ page: 2, pages: 5 }, { locale: 'en' })).toBe('Page 2 of 5');
		expect(m.nav_rankings({}, { locale: 'en' })).toBe('Rankings');
		expect(m.period_h1({ year: '2025' }, { locale: 'en' })).toBe('H1 2025');
	});
});
