/**
 * Web-page noise around a report body: navigation, breadcrumb, page meta line (date, source,
 * view count, font size), share/print links and a footer with (fictional) address, phone,
 * ICP and 公网安备 numbers. None of it is report content.
 */
import type { Rng } from './rng';

export interface PageInfo {
	title: string;
	/** Site owner, e.g. 青岚盟行政公署办公室. */
	host: string;
	source: string;
	/** Publication date as YYYY-MM-DD. */
	published: string;
	city: string;
}

const NAV = [
	'首页 | 政务公开 | 政务服务 | 互动交流 | 走进{city}',
	'网站首页  机构概况  信息公开  办事服务  政民互动  专题专栏',
	'首页 政府信息公开 政务服务 公众参与 数据开放'
];
const CRUMBS = [
	'当前位置：首页 > 政务公开 > 政府信息公开年报',
	'您现在的位置：首页 > 信息公开 > 工作报告',
	'当前位置：首页 > 政府信息公开 > 政务公开工作 > 工作动态',
	'当前位置:首页>政务公开>法定主动公开内容'
];

export function webNoise(rng: Rng, info: PageInfo): { head: string[]; foot: string[] } {
	const time = `${String(rng.int(8, 18)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}`;
	const views = rng.int(12, 4800);
	const head: string[] = [];
	if (rng.chance(0.5)) head.push('站内搜索：', '');
	head.push(rng.pick(NAV).replace('{city}', info.city));
	head.push(rng.pick(CRUMBS), '');
	head.push(info.title, '');
	head.push(
		rng.pick([
			`发布时间：${info.published} ${time}  来源：${info.source}  浏览次数：${views}  字号：大 中 小`,
			`【发布日期：${info.published}】【来源：${info.source}】【字号：大 中 小】【浏览次数：${views}】`,
			`信息来源：${info.source} 发布日期：${info.published} 点击量：${views} 字号：[ 大 中 小 ]`
		])
	);
	if (rng.chance(0.5)) head.push('分享到：');
	head.push('');

	const area = `04${rng.int(80, 99)}`;
	const foot = [
		'',
		rng.pick(['【打印本页】 【关闭窗口】', '[ 打印本页 | 关闭窗口 ]', '打印本页 关闭窗口']),
		'',
		`主办单位：${info.host}  承办：${info.city}大数据中心`,
		`地址：${info.city}${rng.pick(['团结', '新华', '兴安', '文明', '和平'])}${rng.pick(['大街', '路', '北路'])}${rng.int(1, 199)}号  电话：${area}-${rng.int(2000000, 8999999)}`,
		`网站标识码：15${rng.int(10, 99)}${rng.int(100000, 999999)}  蒙ICP备${rng.int(10000000, 29999999)}号-${rng.int(1, 4)}  蒙公网安备 ${rng.int(15000000000000, 15999999999999)}号`
	];
	return { head, foot };
}
