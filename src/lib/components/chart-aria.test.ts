import { describe, expect, it } from 'vitest';
import type { EChartsOption } from 'echarts';
import { withAria } from './chart-aria';

describe('withAria', () => {
	it('turns aria on and carries the label as a hidden title', () => {
		const o = withAria({ series: [] }, '各机关总分排名');
		expect(o.aria).toEqual({ enabled: true, label: {} });
		expect(o.title).toEqual({ text: '各机关总分排名', show: false });
	});

	it('keeps a title the builder wrote', () => {
		const input: EChartsOption = { title: { text: '自有标题' }, aria: { enabled: false } };
		const o = withAria(input, '排名');
		expect(o.title).toEqual({ text: '自有标题' });
		expect(o.aria?.enabled).toBe(true);
		expect(input.aria).toEqual({ enabled: false });
	});

	it('prefixes a builder-written description with the label', () => {
		const o = withAria({ aria: { enabled: true, label: { description: '2 个机关 × 3 项指标' } } }, '差距矩阵');
		expect(o.aria?.label?.description).toBe('差距矩阵：2 个机关 × 3 项指标');
	});
});
