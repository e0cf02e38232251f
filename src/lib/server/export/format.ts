/**
 * Small text helpers shared by the xlsx, docx and csv builders, so every export words levels,
 * rank changes and scores the same way.
 */
import type { AgencyResult, IndicatorResult, Level, RoundResults } from '../results/types';
import { config } from '../env';
import { formatDateTime, zoneName } from '../../time';

export const LEVEL_NAMES: Record<Level, string> = { 0: '缺失', 1: '部分', 2: '达标' };

/** "2级 达标", "0级 缺失"; "不适用" for a not-applicable indicator. */
export function levelText(level: Level | null): string {
	return level === null ? '不适用' : `${level}级 ${LEVEL_NAMES[level]}`;
}

/** What a reviewer changed: "人工调整：原为1级（部分）", or null when not overridden. */
export function overrideNote(r: IndicatorResult): string | null {
	if (!r.overridden) return null;
	const was = r.machineLevel === null ? '不适用' : `${r.machineLevel}级（${LEVEL_NAMES[r.machineLevel]}）`;
	return `人工调整：原为${was}`;
}

/** ↑3 (moved up three places), ↓2, — (unchanged), 新 (no previous rank). */
export function rankChange(a: Pick<AgencyResult, 'rank' | 'previousRank'>): string {
	if (a.previousRank === null) return '新';
	const d = a.previousRank - a.rank;
	if (d > 0) return `↑${d}`;
	if (d < 0) return `↓${-d}`;
	return '—';
}

/** A score with at most one decimal, without float noise: 71.5 → "71.5", 60 → "60". */
export function formatScore(n: number): string {
	const rounded = Math.round(n * 10) / 10;
	return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
}

/** Percentage of the (possibly reduced) maximum; 0 when the maximum is 0. */
export function percentOf(a: Pick<AgencyResult, 'total' | 'max'>): number {
	return a.max > 0 ? (a.total / a.max) * 100 : 0;
}

/** Display width in a monospaced grid: CJK and full-width characters count 2. */
export function displayWidth(s: string): number {
	let w = 0;
	for (const ch of s) {
		const c = ch.codePointAt(0) ?? 0;
		const wide =
			(c >= 0x1100 && c <= 0x115f) ||
			(c >= 0x2e80 && c <= 0xa4cf) ||
			(c >= 0xac00 && c <= 0xd7a3) ||
			(c >= 0xf900 && c <= 0xfaff) ||
			(c >= 0xfe30 && c <= 0xfe4f) ||
			(c >= 0xff00 && c <= 0xff60) ||
			(c >= 0xffe0 && c <= 0xffe6) ||
			(c >= 0x20000 && c <= 0x3fffd);
		w += wide ? 2 : 1;
	}
	return w;
}

/** Remarks on one agency's row: late report, reduced maximum and why. */
export function agencyRemarks(r: RoundResults, a: AgencyResult): string {
	const notes: string[] = [];
	if (a.late) notes.push('逾期报送');
	const na = r.indicators.filter((d) => a.indicators[d.id]?.level === null).map((d) => d.name);
	if (na.length > 0) notes.push(`${na.join('、')}不适用，满分${formatScore(a.max)}`);
	return notes.join('；');
}

/** Groups in first-seen order (agencies are sorted by rank); null groups become "其他单位". */
export function groupsInOrder(agencies: AgencyResult[]): { name: string; agencies: AgencyResult[] }[] {
	const map = new Map<string, AgencyResult[]>();
	for (const a of agencies) {
		const key = a.group ?? '其他单位';
		const list = map.get(key);
		if (list) list.push(a);
		else map.set(key, [a]);
	}
	return [...map].map(([name, list]) => ({ name, agencies: list }));
}

/**
 * "2026-11-23 10:30（北京时间）": an instant in the office's time zone (TIME_ZONE, default
 * Asia/Shanghai), named after the zone, so an exported file never claims a zone it was not written in.
 */
export function formatOfficeTime(iso: string, tz: string = config.timeZone): string {
	return `${formatDateTime(iso, tz)}（${zoneName(tz, 'zh', new Date(iso))}）`;
}

export const STATUS_NAMES: Record<RoundResults['round']['status'], string> = {
	draft: '草稿（暂定）',
	open: '报送中（暂定）',
	review: '评审中（暂定）',
	published: '已发布'
};

/** The level rule and the score formula in words, for the 说明 sheet and the notice. */
export const METHOD_LINES = {
	level2: '2级 达标：报告写明已开展该项工作，并有至少一项具体内容（文件名称、制度、机构、渠道或平台、数量或日期）。',
	level1: '1级 部分：报告写明已开展，但只有笼统表述，没有具体内容。',
	level0:
		'0级 缺失：未提及；或只出现在“存在问题”“下一步打算”部分、只是表述意向（将、拟、计划、要），或写明尚未开展。',
	formula: '指标得分 = 指标分值 × 等级 ÷ 2；维度得分和总分为各指标得分之和。',
	reducedMax:
		'满分低于100分：某项指标对该单位不适用时（如报告中没有依申请公开情况表，“表格勾稽”不适用），该指标不计入满分，满分相应扣减；比较单位之间时请参考得分率（总分 ÷ 满分）。'
};
