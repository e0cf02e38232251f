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

/** Words that open a formula or a quotation and never belong to an agency's name. */
const LEAD = /^(?:[《“"'「（(]|现公布|现将|特将|兹将|现予公布|现|特|兹|由|经|根据|按照|关于|本)+/;
const TRAIL = /(?:[》”"'」]|编制|发布|印发|公布|制定|的)+$/;
const ORG_NAME = new RegExp(`^[\\u4e00-\\u9fff（）()]{2,40}?(?:${ORG_SUFFIX})$`);
/** A report title of the annual family anywhere in a text (a one-line page): the agency before or after the year. */
const TITLE_FAMILY = /([\u4e00-\u9fff（）()]{0,30}?)(\d{4})\s*年(?:度)?\s*(上半年|下半年)?([\u4e00-\u9fff（）()]{0,30}?)(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:年度报告|年报|工作报告|工作总结|自查报告|自评报告|自查自评报告|(?:工作)?要点落实情况)/;
const PAGE_TITLE = /(?:^|\n)\s*(?:标题|文章标题|信息名称|名称)\s*[：:]\s*([^\n]{4,100})/;
const PAGE_FIELD = new RegExp(`(?:发布机构|发文机关|发布单位|发文单位|信息来源|来源)\\s*[：:]\\s*([\\u4e00-\\u9fff（）()]{2,40}?(?:${ORG_SUFFIX}))(?=$|[\\s|｜，,。；]|发布|日期|时间|索引|文号|字号|浏览|点击|作者|编辑)`, 'm');
/** 本报告由X根据…编制 / 现公布由X编制的《…》 */
const COMPILER = new RegExp(`由\\s*([\\u4e00-\\u9fff（）()]{2,40}?(?:${ORG_SUFFIX}))\\s*(?:根据|依据|按照|依照|编制|负责编制|组织编制)`);
const QUOTED_TITLE = /现公布[^《]{0,40}《([^》]{6,80}(?:报告|总结|情况))》/;
/** a signature at the very end of a text that lost its line breaks: …特此报告。某县民政局 2021年1月20日 */
const END_SIGNATURE = new RegExp(`([\\u4e00-\\u9fff（）()]{3,40}?(?:${ORG_SUFFIX}))\\s*((?:\\d{4}\\s*年\\s*\\d{1,2}\\s*月\\s*\\d{1,2}\\s*日|[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日|\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}))\\s*$`);

/** Strip formula verbs and quotation marks around a name (现公布广州市…局 → 广州市…局). */
export function cleanAgency(s: string): string {
	let t = cleanOrg(s.trim());
	for (let i = 0; i < 3; i++) t = t.replace(LEAD, '').replace(TRAIL, '');
	return t.trim();
}

/** The agency a title names: before the year (某县2017年…) or after it (2019年某某局政府信息公开…). */
function agencyOfTitle(title: string): string | null {
	const t = title.replace(/\s+/g, '');
	const before = /^([\u4e00-\u9fff（）()《“]{2,30}?)(?:\d{4}年|关于|政府信息公开|政务公开)/.exec(t);
	if (before) {
		const c = cleanAgency(before[1]);
		if (c.length >= 2 && !PRONOUN.test(c)) return c;
	}
	const after = /^(?:[《“]?)\d{4}年(?:度)?(?:上半年|下半年)?([\u4e00-\u9fff（）()]{2,30}?)(?:政府信息公开|政务公开|信息公开)/.exec(t);
	if (after) {
		const c = cleanAgency(after[1]);
		if (c.length >= 2 && !PRONOUN.test(c)) return c;
	}
	return null;
}

/** Two readings of one agency: equal, one completing the other (县民政局 / 某县民政局), a short form, or an office of it. */
function sameAgency(a: string, b: string): boolean {
	if (a === b || a.endsWith(b) || b.endsWith(a) || a.startsWith(b) || b.startsWith(a)) return true;
	if (isShortFormOf(a, b) || isShortFormOf(b, a)) return true;
	const core = (x: string): string => x.replace(/(?:人民政府)?(?:办公室|办公厅)$/, '').replace(/人民政府$/, '');
	return core(a) === core(b) && core(a).length >= 2;
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
	let title: string | null = null;
	{
		const ti = titleLines.findIndex((t) => /报告|总结|情况|要点|自查|自评/.test(t));
		if (ti >= 0) {
			title = titleLines[ti];
			// a title split over two lines: 某市生态环境局 / 2023年政府信息公开工作年度报告, 某市…政府信息 / 公开工作年度报告
			const prev = ti > 0 ? titleLines[ti - 1] : '';
			if (prev && prev.length <= 30 && !/报告|总结/.test(prev) && (ORG_LINE.test(prev) || /^(?:\d{4}\s*年|政府信息公开|政务公开|信息公开|公开|工作|年度报告)/.test(title)))
				title = `${prev}${title}`;
		}
	}
	// a saved page's 标题： line, else a title of the annual family buried in the first part of a one-line page
	const pageTitle = PAGE_TITLE.exec(text.slice(0, 3000))?.[1]?.trim() ?? null;
	const head = text.slice(0, 1500);
	const quoted = QUOTED_TITLE.exec(head)?.[1] ?? null;
	let buried: string | null = null;
	if (!title) {
		// not the framing sentence (现将2019年…工作要点落实情况报告如下)
		const re = new RegExp(TITLE_FAMILY.source, 'g');
		let m: RegExpExecArray | null;
		while (!buried && (m = re.exec(head))) {
			const before = head.slice(Math.max(0, m.index - 2), m.index);
			if (/^(?:现|将|就|按|根|对|把|的|照|据)/.test(m[1]) || /[现将就对把的照据]$/.test(before)) continue;
			buried = m[0];
		}
	}
	const titleText = title ?? pageTitle ?? quoted ?? buried;
	const body = sentences.filter((s) => s.role !== 'other');
	const opening = body.slice(0, 6).find((s) => /现将|报告如下|总结如下|汇报如下|如下[：。]/.test(s.text))?.text ?? '';
	const openingTail = opening.includes('现将') ? opening.slice(opening.indexOf('现将')) : opening;

	const type = detectType([titleText ?? '', pageTitle ?? '', quoted ?? '', openingTail, opening], tables, text);

	// published: a date bar at the top, else the signature date
	let published: string | null = null;
	const bar = /(?:发布日期|发布时间|信息时间|成文日期|发文日期|更新时间|日期|时间)\s*[：:]\s*(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2})/.exec(text);
	if (bar) published = parseDate(bar[1]);
	if (!published) {
		for (let i = tailLines.length - 1; i >= 0 && !published; i--) published = parseDate(tailLines[i]);
	}
	const endSig = tailLines.length === 0 ? END_SIGNATURE.exec(text.slice(-160)) : null;
	if (!published && endSig) published = parseDate(endSig[2]);

	const anonymised = ANON.test(text);
	let period: string | null = null;
	let agency: string | null = null;
	if (anonymised) {
		warnings.push({ code: 'anonymised', message: '文本已匿名化（如“20xx年”“xx县”），无法确定报送单位和年度' });
	} else {
		const y = yearIn(titleText ?? '') ?? yearIn(openingTail) ?? null;
		if (y) period = `${y.year}${y.half}`;
		else {
			const fy = mostFrequentYear(body);
			if (fy !== null) period = String(fy);
		}
		// readings of the agency, best first within each kind
		const signature: string[] = [];
		for (const t of tailLines) if (ORG_LINE.test(t) && !PRONOUN.test(t)) signature.push(cleanAgency(t));
		if (endSig) {
			const c = cleanAgency(endSig[1].replace(/^.*[。！？；，]/, ''));
			if (ORG_NAME.test(c) && !PRONOUN.test(c)) signature.push(c);
		}
		const titled: string[] = [];
		for (const t of titleLines) if (ORG_LINE.test(t) && !PRONOUN.test(t) && !/报告|总结|情况/.test(t)) titled.push(cleanAgency(t));
		for (const t of [title, pageTitle, quoted, buried]) {
			const a = t ? agencyOfTitle(t) : null;
			if (a) titled.push(a);
		}
		const other: string[] = [];
		const field = PAGE_FIELD.exec(text.slice(0, 3000));
		if (field) other.push(cleanAgency(field[1]));
		const compiler = COMPILER.exec(head);
		if (compiler) other.push(cleanAgency(compiler[1]));
		const subj = SUBJECT.exec(body.slice(0, 2).map((x) => x.text).join(''));
		if (subj && !PRONOUN.test(subj[1])) other.push(cleanAgency(subj[1]));
		const ai = text.search(/[（(]以下简称/);
		const abbr = ai < 0 ? null : ORG_AT_END.exec(text.slice(Math.max(0, ai - 25), ai));
		if (abbr && !PRONOUN.test(abbr[1])) other.push(cleanAgency(abbr[1]));
		const cands = [...signature, ...titled, ...other].filter((c) => c.length >= 2 && !PRONOUN.test(c));
		let found = cands[0];
		// the signature and the title name different agencies: the title (the report's own name) wins, said in a warning
		const sig = signature.find((c) => c.length >= 2);
		const tit = titled.find((c) => c.length >= 2 && ORG_NAME.test(c));
		if (sig && tit && !sameAgency(sig, tit)) {
			found = tit;
			warnings.push({
				code: 'agency_conflict',
				message: `标题中的单位“${tit}”与落款“${sig}”不一致，已采用“${tit}”，请人工确认`,
				params: { chosen: tit, other: sig }
			});
		}
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
	return { agency, period, type, published, title: titleText, warnings };
}
