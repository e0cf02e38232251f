/**
 * Page noise: navigation, breadcrumbs, share/print/字号 bars, view counters and site footers.
 * Works line by line on the normalized text; returns the lines judged to be noise.
 */
import { PAGE_NUMBER_LINE } from './normalize';

export interface Line {
	/** normalized offsets, end exclusive, without the newline */
	start: number;
	end: number;
	text: string;
}

export function splitLines(text: string): Line[] {
	const lines: Line[] = [];
	let s = 0;
	for (let i = 0; i <= text.length; i++) {
		if (i === text.length || text.charCodeAt(i) === 10) {
			lines.push({ start: s, end: i, text: text.slice(s, i) });
			s = i + 1;
		}
	}
	return lines;
}

/** Whole-line navigation words (a line made only of these is noise). */
const NAV_WORDS =
	/^(?:首页|主页|网站首页|站内搜索|搜索|全文检索|高级搜索|分享|分享到|打印|打印本页|下载本页|关闭|关闭窗口|关闭本页|返回|返回顶部|返回首页|收藏|上一篇|下一篇|相关链接|扫一扫|用手机扫描|【|】|\[|\]|>|»|\||字号|大|中|小|[：:\s|【】[\]>»·]+|\s)+$/;
/** Markers that make a short line noise wherever they occur. */
const NAV_MARKERS =
	/当前位置|现在的位置|您的位置|所在位置|字号[：:\s]*[【[]?\s*(?:大|[\]】]|$)|浏览次数|阅读次数|点击量|点击数|点击率|浏览量|阅读量|访问量|访问次数|视力保护色|打印本页|关闭窗口|我要打印|分享到|【打印】|【关闭】|扫一扫|无障碍|适老化|繁体版|简体版|English/;
/** Footer markers (noise at any reasonable length). */
const FOOTER =
	/ICP备|ICP证|公网安备|版权所有|Copyright|©|All Rights Reserved|技术支持[：:]|主办单位[：:]|承办单位[：:]|网站标识码|政府网站标识码|举报中心|网站地图|联系我们|主办[：:]|维护单位|建议使用.{0,20}浏览器|分辨率/i;
const ADDRESS = /^(?:地\s*址|通讯地址|联系地址|单位地址)[：:]/;
/** NAV_MARKERS with `$` at any line end, for the whole-text test */
const NAV_MARKERS_ANY = new RegExp(NAV_MARKERS.source, 'm');
const FOOTER_ALL = new RegExp(FOOTER.source, 'gi');
const ADDRESS_ANY = /(?:地\s*址|通讯地址|联系地址|单位地址)[：:]/;
const ADDRESS_MORE = /电话|邮编|传真|Email|邮箱/i;
/** Publication metadata lines (source/date/author bars), noise when they carry no sentence. */
const META_BAR = /(?:发布日期|发布时间|信息时间|更新时间|来源|信息来源|作者|责任编辑|编辑|发文日期|索引号|文号)[：:]/;

export function isNoiseLine(raw: string, any?: { nav: boolean; footer: boolean; address: boolean; meta: boolean }): boolean {
	const t = raw.trim();
	if (t === '') return false;
	if (t.length <= 40 && NAV_WORDS.test(t)) return true;
	// a page number of a printed or exported page (- 1 -, 第2页)
	if (t.length <= 20 && PAGE_NUMBER_LINE.test(t)) return true;
	if ((any?.nav ?? true) && t.length <= 120 && NAV_MARKERS.test(t) && !t.includes('。')) return true;
	if ((any?.footer ?? true) && t.length <= 400 && FOOTER.test(t)) return true;
	if ((any?.address ?? true) && ADDRESS.test(t) && ADDRESS_MORE.test(t)) return true;
	if ((any?.meta ?? true) && t.length <= 120 && META_BAR.test(t) && !t.includes('。')) return true;
	// breadcrumbs: 首页 > 政务公开 > …
	if (t.length <= 80 && /(?:>|»|＞|›)/.test(t) && (t.match(/>|»|＞|›/g)?.length ?? 0) >= 1 && !/[。；]/.test(t) && /^[>»＞›]|首页|>.*>/.test(t))
		return true;
	return false;
}

/** Noise lines, merged into normalized ranges. */
export function detectNoise(lines: readonly Line[], text?: string): { lineNoise: boolean[]; ranges: { start: number; end: number }[] } {
	// a line can only match a marker the whole text contains: test the text once, then skip
	// the per-line marker tests when none occurs anywhere
	let lineNoise: boolean[];
	if (text === undefined) lineNoise = lines.map((l) => isNoiseLine(l.text));
	else {
		const any = { nav: NAV_MARKERS_ANY.test(text), footer: false, address: ADDRESS_ANY.test(text), meta: META_BAR.test(text) };
		// the (case-insensitive, slow) footer pattern runs once over the text; a line matches
		// exactly when a match starts inside it (no footer marker spans a line break)
		const footerAt = new Set<number>();
		FOOTER_ALL.lastIndex = 0;
		let m: RegExpExecArray | null;
		let li = 0;
		while ((m = FOOTER_ALL.exec(text))) {
			while (li < lines.length && lines[li].end < m.index) li++;
			if (li < lines.length && m.index >= lines[li].start) footerAt.add(li);
			if (m[0].length === 0) FOOTER_ALL.lastIndex++;
		}
		lineNoise = lines.map((l, i) => isNoiseLine(l.text, { ...any, footer: footerAt.has(i) }));
	}
	const ranges: { start: number; end: number }[] = [];
	lines.forEach((l, i) => {
		if (!lineNoise[i]) return;
		const last = ranges[ranges.length - 1];
		// merge across blank lines between noise lines
		if (last && lines.slice(0, i).length > 0) {
			let j = i - 1;
			while (j >= 0 && lines[j].text.trim() === '') j--;
			if (j >= 0 && lineNoise[j] && last.end === lines[j].end) {
				last.end = l.end;
				return;
			}
		}
		ranges.push({ start: l.start, end: l.end });
	});
	return { lineNoise, ranges };
}
