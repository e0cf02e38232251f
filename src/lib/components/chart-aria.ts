import type { EChartsOption } from 'echarts';

/**
 * The option `<EChart>` hands to ECharts: the builder's option with ECharts' aria turned on and the
 * component's `ariaLabel` worked into the description ECharts writes on the chart's `aria-label`:
 * as a hidden title ("这是一个关于“{ariaLabel}”的图表。…" followed by the data) or, when the
 * builder wrote its own `aria.label.description`, as its prefix. Pure, so it is unit-tested.
 */
export function withAria(option: EChartsOption, ariaLabel: string): EChartsOption {
	const aria = option.aria ?? {};
	const label = aria.label ?? {};
	const description = label.description;
	const next: EChartsOption = {
		...option,
		aria: {
			...aria,
			enabled: true,
			label: description && ariaLabel ? { ...label, description: `${ariaLabel}：${description}` } : label
		}
	};
	if (option.title === undefined && ariaLabel) next.title = { text: ariaLabel, show: false };
	return next;
}
