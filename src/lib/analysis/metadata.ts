/**
 * Report metadata: agency, period, type, published date, title, and warnings.
 *
 * agency: the signature at the end, a header/title line naming an organ, the title's prefix
 * (定西市安定区2016年…), or the opening notice's subject (…要求，县应急管理局结合…); a partial
 * name (县应急管理局) is completed with the place named elsewhere (武定县 → 武定县应急管理局).
 * Anonymised texts (20xx年, xx县) get no agency and no period.
 */
import { parseChineseNumeral } from './numerals';
import type { Line } from './noise';
import type { LineKind } from './sections';
import type { Sentence } from './sentences';
import type { ParsedTable } from './tables';
import type { ReportType, Warning } from './types';

export interface Metadata {
	agency: string | null;
	period: string | null;
	type: ReportType;
	published: string | null;
	title: string | null;
	warnings: Warning[];
}

const ORG_SUFFIX =
	'人民政府办公室|人民政府办公厅|人民政府|政府办公室|办公室|办公厅|委员会|管理局|服务中心|中心|局|委|办|厅|院|署|所|站|队|馆|社|公司|政府|街道办事处|办事处';
const ORG_LINE = new RegExp(`^[\\u4e00-\\u9fff（）()]{3,40}(?:${ORG_SUFFIX})$`);
/** The opening notice's subject: …要求，县应急管理局结合… */
const SUBJECT = new RegExp(`(?:要求|精神|部署|规定|安排)[，]\\s*([\\u4e00-\\u9fff]{2,25}?(?:${ORG_SUFFIX}))(?=[（(]以下简称|结合|认真|高度|按照|坚持|积极|切实|扎实|紧紧|围绕|全面|始终|把|对|在|将|于|根据|现|紧密|严格|不断|大力|着力|深入|进一步|2\\d{3}年)`);
const ORG_AT_END = new RegExp(`([\\u4e00-\\u9fff]{2,25}?(?:${ORG_SUFFIX}))$`);
const PRONOUN = /^(?:我|本|该|各|全|此)/;
const ANON = /20[xX×＊*]{2}\s*年|(?:^|[^a-zA-Z])[xX×○]{2,}(?:省|市|县|区|旗|盟|乡|镇|局|委|办)|某某(?:县|市|区|局)/;
const PLACE = /([\u4e00-\u9fff]{2})(县|市|区|旗|盟|州)/g;
const PLACE_STOP = /[全各本我该每此这其等和与及的在对县市区旗省州盟乡镇到为了是个两一上下中外内向从给由同年月日以或并发级域辖属直地城农山城新老个]/;

function detectType(sources: string[], tables: readonly ParsedTable[], text: string): ReportType {
	for (const s of sources) {
		if (!s) continue;
		if (/要点[^，。；]{0,8}(?:落实|完成|执行|贯彻)|落实[^，。；]{0,12}要点/.test(s)) return 'key_points';
		if (/自查|自评/.test(s)) return 'self_inspection';
		if (/年度报告|年报|年度[^，。；]{0,12}工作报告/.test(s)) return 'annual_report';
		if (/总结/.test(s)) return 'work_summary';
	}
	if (tables.some((t) => t.id === 'applications') || (/总体情况/.test(text) && /收到和处理政府信息公开申请情况/.test(text)))
		return 'annual_report';
	return 'work_summary';
}

function yearIn(s: string): { year: number; half: string } | null {
	const re = /(\d{4})\s*年(?:度)?\s*(上半年|下半年)?/g;
	let m: RegExpExecArray | null;
	while ((m = re.exec(s))) {
		const y = Number(m[1]);
		if (y >= 1990 && y <= 2100) return { year: y, half: m[2] === '上半年' ? 'H1' : m[2] === '下半年' ? 'H2' : '' };
	}
	return null;
}

function mostFrequentYear(sentences: readonly Sentence[]): number | null {
	const counts = new Map<number, number>();
	for (const s of sentences) {
		if (s.role === 'other') continue;
		const t = s.text.replace(/《[^》]*》|〔\d{4}〕|\[\d{4}\]/g, '');
		for (const m of t.matchAll(/(\d{4})\s*年/g)) {
			const y = Number(m[1]);
			if (y >= 1990 && y <= 2100) counts.set(y, (counts.get(y) ?? 0) + 1);
		}
	}
	let best: number | null = null;
	let bc = 0;
	for (const [y, c] of counts) if (c > bc || (c === bc && best !== null && y > best)) [best, bc] = [y, c];
	return best;
}

const pad = (n: number): string => String(n).padStart(2, '0');

function dateOf(y: number, m: number, d: number): string | null {
	if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return null;
	return `${y}-${pad(m)}-${pad(d)}`;
}

function parseDate(s: string): string | null {
	let m = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/.exec(s);
	if (m) return dateOf(Number(m[1]), Number(m[2]), Number(m[3]));
	m = /([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日/.exec(s);
	if (m) return dateOf(parseChineseNumeral(m[1]), parseChineseNumeral(m[2]), parseChineseNumeral(m[3]));
	return null;
}

function places(text: string): Map<string, number> {
	const out = new Map<string, number>();
	PLACE.lastIndex = 0;
	let m: RegExpExecArray | null;
	while ((m = PLACE.exec(text))) {
		const name = m[1];
		if (PLACE_STOP.test(name)) {
			PLACE.lastIndex = m.index + 1;
			continue;
		}
		const key = name + m[2];
		out.set(key, (out.get(key) ?? 0) + 1);
	}
	return out;
}

/** Complete 县应急管理局 → 武定县应急管理局 from the most frequent place of that level. */
function complete(name: string, text: string): string {
	const level = name[0];
	if (!/[县市区旗盟州]/.test(level)) return name;
	let best = '';
	let bc = 0;
	for (const [p, c] of places(text)) {
		if (p.endsWith(level) && c > bc) [best, bc] = [p, c];
	}
	return best ? best.slice(0, -1) + name : name;
}

/** 白泉旗政府 ⊂ 白泉旗人民政府, 兴安盟人防办 ⊂ 兴安盟人民防空办公室: same start and end, in order. */
function isShortFormOf(short: string, long: string): boolean {
	if (long.length <= short.length || short.length < 3 || long.slice(0, 2) !== short.slice(0, 2)) return false;
	if (long[long.length - 1] !== short[short.length - 1] && !(short.endsWith('办') && long.endsWith('办公室'))) return false;
	let j = 0;
	for (let i = 0; i < long.length && j < short.length; i++) if (long[i] === short[j]) j++;
	return j === short.length;
}

function cleanOrg(s: string): string {
	return s.replace(/[（(][^）)]*[）)]$/, '').trim();
}

export function extractMetadata(
	text: string,
	lines: readonly Line[],
	kinds: readonly LineKind[],
	sentences: readonly Sentence[],
	tables: readonly ParsedTable[]
): Metadata {
	const warnings: Warning[] = [];
	const titleLines = lines.filter((_, i) => kinds[i] === 'title').map((l) => l.text.trim());
	const tailLines = lines.filter((_, i) => kinds[i] === 'tail').map((l) => l.text.trim());
	const title = titleLines.find((t) => /报告|总结|情况|要点|自查|自评/.test(t)) ?? null;
	const body = sentences.filter((s) => s.role !== 'other');
	const opening = body.slice(0, 6).find((s) => /现将|报告如下|总结如下|汇报如下|如下[：。]/.test(s.text))?.text ?? '';
	const openingTail = opening.includes('现将') ? opening.slice(opening.indexOf('现将')) : opening;

	const type = detectType([title ?? '', openingTail, opening], tables, text);

	// published: a date bar at the top, else the signature date
	let published: string | null = null;
	const bar = /(?:发布日期|发布时间|信息时间|成文日期|发文日期|更新时间|日期|时间)\s*[：:]\s*(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2})/.exec(text);
	if (bar) published = parseDate(bar[1]);
	if (!published) {
		for (let i = tailLines.length - 1; i >= 0 && !published; i--) published = parseDate(tailLines[i]);
	}

	const anonymised = ANON.test(text);
	let period: string | null = null;
	let agency: string | null = null;
	if (anonymised) {
		warnings.push({ code: 'anonymised', message: '文本已匿名化（如“20xx年”“xx县”），无法确定报送单位和年度' });
	} else {
		const y = yearIn(title ?? '') ?? yearIn(openingTail) ?? null;
		if (y) period = `${y.year}${y.half}`;
		else {
			const fy = mostFrequentYear(body);
			if (fy !== null) period = String(fy);
		}
		const cands: string[] = [];
		for (const t of tailLines) if (ORG_LINE.test(t) && !PRONOUN.test(t)) cands.push(t);
		for (const t of titleLines) if (ORG_LINE.test(t) && !PRONOUN.test(t) && !/报告|总结|情况/.test(t)) cands.push(t);
		if (title) {
			const m = /^([\u4e00-\u9fff（）()]{2,30}?)(?:\d{4}\s*年|关于|政府信息公开|政务公开)/.exec(title);
			if (m && !PRONOUN.test(m[1])) cands.push(cleanOrg(m[1]));
		}
		const subj = SUBJECT.exec(body.slice(0, 2).map((x) => x.text).join(''));
		if (subj && !PRONOUN.test(subj[1])) cands.push(subj[1]);
		const ai = text.search(/[（(]以下简称/);
		const abbr = ai < 0 ? null : ORG_AT_END.exec(text.slice(Math.max(0, ai - 25), ai));
		if (abbr && !PRONOUN.test(abbr[1])) cands.push(abbr[1]);
		let found = cands.find((c) => c.length >= 2);
		// a short form (白泉旗政府 in the signature) yields to the full name elsewhere (白泉旗人民政府)
		if (found) for (const c of cands) if (isShortFormOf(found, c)) found = c;
		// 白泉旗政府 signs a report whose text names 白泉旗人民政府 (由白泉旗人民政府编制)
		if (found && /[县市区旗盟州]政府$/.test(found)) {
			const full = `${found.slice(0, -2)}人民政府`;
			if (text.includes(full)) found = full;
		}
		if (found) agency = complete(found, text);
		if (!period) warnings.push({ code: 'no_period', message: '未能确定报告所属年度' });
	}
	if (!agency) warnings.push({ code: 'no_agency', message: '未能确定报送单位' });
	return { agency, period, type, published, title, warnings };
}
