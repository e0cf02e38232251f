import { describe, expect, it } from 'vitest';
import type { AriaComponentOption, BarSeriesOption } from 'echarts';
import { missingCounts } from './missing-counts';
import { missingClickId } from './click';
import { categories, first, seriesOf, tooltipText } from './test-helpers';

const items = [
	{ id: 'fd.decision', name: '决策公开', missing: 2, partial: 5 },
	{ id: 'pi.leaders', name: '负责人解读', missing: 9, partial: 1 },
	{ id: 'im.training', name: '培训', missing: 2, partial: 7 },
	{ id: 'rc.channels', name: '互动渠道', missing: 0, partial: 0 }
];

describe('missingCounts', () => {
	it('returns null without items', () => {
		expect(missingCounts([])).toBeNull();
	});

	it('stacks 缺失 and 部分 per indicator, largest gap on top', () => {
		const o = missingCounts(items);
		if (!o) throw new Error('expected an option');
		expect(categories(o.yAxis)).toEqual(['负责人解读', '培训', '决策公开', '互动渠道']);
		const [missing, partial] = seriesOf<BarSeriesOption>(o, 'bar');
		expect([missing.name, partial.name]).toEqual(['缺失', '部分']);
		expect(missing.stack).toBe('gap');
		expect(partial.stack).toBe('gap');
		expect(missing.data).toEqual([
			{ name: '负责人解读', id: 'pi.leaders', value: 9, label: { show: true } },
			{ name: '培训', id: 'im.training', value: 2, label: { show: true } },
			{ name: '决策公开', id: 'fd.decision', value: 2, label: { show: true } },
			{ name: '互动渠道', id: 'rc.channels', value: 0, label: { show: false } }
		]);
		expect(partial.data?.map((d) => (typeof d === 'object' && d && 'value' in d ? d.value : d))).toEqual([1, 7, 5, 0]);
		expect(first(o.legend)).toMatchObject({ data: ['缺失', '部分'] });
		// Patterns as well as colours tell the two stacks apart.
		expect((o.aria as AriaComponentOption).decal?.show).toBe(true);
	});

	it('keeps the rubric order on request and reads ids from clicks', () => {
		const o = missingCounts(items, { keepOrder: true });
		if (!o) throw new Error('expected an option');
		expect(categories(o.yAxis)).toEqual(['决策公开', '负责人解读', '培训', '互动渠道']);
		const item = first(seriesOf<BarSeriesOption>(o, 'bar')).data?.[1];
		expect(missingClickId({ name: '负责人解读', dataIndex: 1, value: 9, data: item })).toBe('pi.leaders');
	});

	it('lists both counts in the tooltip', () => {
		const o = missingCounts(items);
		if (!o) throw new Error('expected an option');
		expect(tooltipText(o, 0)).toBe('负责人解读<br/>✗ 缺失：<b>9</b> 个机关<br/>◐ 部分：<b>1</b> 个机关');
	});
});
