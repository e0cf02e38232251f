/**
 * Reading a sentence (RUBRIC.md): concrete specifics and the mood of each clause.
 *
 * Specifics: a named document 《…》 or 文号, a count (number + measure word), a date, a named
 * channel/platform, a named body, a named system (X制度/X机制 with a real qualifier), a stated zero.
 * Moods: achievement (已/了/完成/累计/先后/截至…), intention or requirement (将/拟/计划/要/应/须/
 * 必须/确保/争取/力争), imperative opening (加强…/推进…/进一步…), absence (尚未/没有/未建立/暂无…).
 */
import { SPECIFIC_KINDS, type SpecificKind } from './rubric';
import { findCounts } from './numerals';

export interface Specific {
	kind: SpecificKind;
	start: number;
	end: number;
	/** where the specific's name begins: the qualifier of a system (舆情回应 + 制度), else `start` */
	from: number;
}

const DOCUMENT = /《[^》]{2,80}》|[〔[]\d{4}[〕\]]\s*\d+\s*号|令第\s*\d+\s*号/g;
const DATE = /\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|(?<!\d)\d{1,2}月\d{1,2}日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}/g;
const CHANNEL =
	/门户网站|政府网站|网站|门户网|政务网|服务网|信息网|交易网|公众号|公众平台|微信|微博|12345|12580|热线|公开栏|公示栏|宣传栏|电子屏|显示屏|触摸屏|查阅点|查阅室|查阅场所|信箱|留言板|客户端|APP|日报|晚报|电视台|广播电台|报纸|专栏|栏目|服务大厅|政务大厅|审批大厅|办事大厅|服务中心|窗口|平台|新闻发布会|发布会|短信|展板|头条号|抖音|电子监察系统/g;
const BODY =
	/领导小组|办公室|工作机构|信息中心|专人|专职|分管领导|分管主任|分管副|责任人|专班|监察局|政务公开办|常务副|局长|主任|书记/g;
const SYSTEM = /制度|机制|办法|细则|规定|方案|指南|目录|清单|台账|流程图|规程/g;
const QUALIFIER = /[\u4e00-\u9fff、“”]{2,8}$/;
const GENERIC_QUALIFIER =
	/(?:工作|长效|运行|管理|相关|各项|有关|相应|规章|各类|多项|体制|保障|协调|联动|完善|健全|建立|制定|的|等|一系列|各种|内部|常态化|规范化|制度化|一整套|这项|该项|有效)$/;
const ZERO =
	/(?:未|没有|没)(?:有)?(?:收到|发生|接到|受理|出现|产生)|暂无|本年度无|全年无|(?:收到|受理|接到|办结|答复|回复)[^，。；]{0,12}?(?<![\d.])[0零]\s*(?:件|条|起|个|人次|次|份)|(?<![\d.])0\s*(?:件|条|起|份)/g;

const BASIS = /(?:根据|按照|依据|依照|遵照|贯彻|对照)$/;
/** an agency's own rule stays a specific even when cited (按照《信息发布审核制度》) */
const OWN_RULE = /(?:制度|办法|细则|规定|规程|方案|指南|目录|清单)》$/;
function notBasis(m: RegExpExecArray, text: string): boolean {
	return !BASIS.test(text.slice(Math.max(0, m.index - 4), m.index)) || OWN_RULE.test(m[0]);
}
const ALL_KINDS: ReadonlySet<SpecificKind> = new Set(SPECIFIC_KINDS);

/** Spans of quoted slogans (“…” up to 16 characters): numbers inside are not counts. */
function quotedRanges(text: string): [number, number][] {
	const out: [number, number][] = [];
	const re = /“[^”]{1,16}”|"[^"]{1,16}"/g;
	let m: RegExpExecArray | null;
	while ((m = re.exec(text))) out.push([m.index, m.index + m[0].length]);
	return out;
}
const inRanges = (r: [number, number][], a: number, b: number): boolean => r.some(([s, e]) => a >= s && b <= e);

function collect(re: RegExp, text: string, kind: SpecificKind, out: Specific[], filter?: (m: RegExpExecArray, text: string) => boolean): void {
	re.lastIndex = 0;
	let m: RegExpExecArray | null;
	while ((m = re.exec(text))) {
		if (m[0].length === 0) {
			re.lastIndex++;
			continue;
		}
		if (!filter || filter(m, text)) out.push({ kind, start: m.index, end: m.index + m[0].length, from: m.index });
	}
}

/** Specifics found in a sentence (offsets relative to the sentence), limited to `kinds`. */
export function findSpecifics(text: string, kinds: readonly SpecificKind[]): Specific[] {
	const out: Specific[] = [];
	const want = kinds === SPECIFIC_KINDS ? ALL_KINDS : new Set(kinds);
	// one pass for the characters the patterns need: most sentences skip most patterns
	let digit = false;
	let doc = false;
	let zero = false;
	let quote = false;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c >= 48 && c <= 57) {
			digit = true;
			if (c === 48) zero = true;
		} else if (c === 0x300a || c === 0x3014 || c === 0x5b || c === 0x4ee4) doc = true; // 《 〔 [ 令
		else if (c === 0x672a || c === 0x6ca1 || c === 0x65e0 || c === 0x96f6) zero = true; // 未 没 无 零
		else if (c === 0x201c || c === 0x22) quote = true; // “ "
	}
	const quotes = quote ? quotedRanges(text) : [];
	// a document cited as the basis of the work (根据《条例》规定) is not what was done
	if (doc && want.has('document')) collect(DOCUMENT, text, 'document', out, notBasis);
	if (digit && want.has('date')) collect(DATE, text, 'date', out);
	if (want.has('count'))
		for (const c of findCounts(text)) if (!inRanges(quotes, c.start, c.end)) out.push({ kind: 'count', start: c.start, end: c.end, from: c.start });
	if (want.has('channel')) collect(CHANNEL, text, 'channel', out);
	if (want.has('body')) collect(BODY, text, 'body', out);
	if (want.has('system')) {
		const before = out.length;
		const qlen: number[] = [];
		collect(SYSTEM, text, 'system', out, (m) => {
			// the qualifier: up to 8 characters right before the suffix (舆情回应 + 制度)
			const qm = QUALIFIER.exec(text.slice(Math.max(0, m.index - 8), m.index));
			const q = qm ? qm[0].replace(/[“”]/g, '') : '';
			const ok = q.length >= 2 && !GENERIC_QUALIFIER.test(q);
			if (ok) qlen.push(qm ? qm[0].length : 0);
			return ok;
		});
		for (let i = before; i < out.length; i++) out[i].from = out[i].start - qlen[i - before];
	}
	if (zero && want.has('zero')) collect(ZERO, text, 'zero', out);
	return out;
}

/** A proper name right before a channel/body/system: a closing quote or an organ or place name. */
const NAME_BEFORE = /(?:[”》」]|[\u4e00-\u9fff](?:人民政府|政府|行政公署|公署|[县旗市区盟省州局委办厅]))$/;

/**
 * True when the channel/body/system at `from` carries a proper name (“白泉发布”微信公众号,
 * 区政府门户网站, 县政府办公室): then it is concrete even when it is the indicator's own keyword.
 */
export function isNamed(text: string, from: number): boolean {
	if (from <= 0) return false;
	const before = text.slice(Math.max(0, from - 8), from);
	if (NAME_BEFORE.test(before)) return true;
	// inside a quoted name: “行风热线”, “政民互动”栏目
	const open = before.lastIndexOf('“');
	return open >= 0 && before.indexOf('”', open) < 0;
}

export function hasZero(text: string): boolean {
	ZERO.lastIndex = 0;
	return ZERO.test(text);
}

// ---- moods -------------------------------------------------------------------------------

export type Mood = 'achieved' | 'intention' | 'imperative' | 'absence' | 'neutral';

const ACH = /已|(?<![为除])了(?![解然])|完成|累计|先后|截至|共计|均已|建成|开通了|成立了|今年以来|年内共|全年共/;
const INTENT_GOVERNING =
	/将(?=开通|开展|建设|编制|制定|出台|组织|举办|召开|启动|上线|设立|增设|修订|印发|发布|公开|实施|推出|研究|修改|升级|改版|对接|投入|全力|一如既往|以更|不折不扣|着眼|立足|优化|做到|进一步|继续|加强|加大|不断|全面|积极|以|按照|在|从|着力|努力|更加|持续|深入|逐步|认真|严格|切实|大力|做好|推进|完善|建立|开展|进行|有效|实现|重点|围绕|坚持|结合|紧紧|充分|主动|及时|高标准|扎实|于|会|力争|争取|把|针对|对照|聚焦|强化|提高|提升|健全|探索|加快|推动|抓好|落实|规范|拓展|深化|创新|丰富|组织|定期|适时|尽快|切实)|拟|计划(?=[^，。；]{0,3}(?:于|在|开展|组织|推进|建设|完成|实施|举办|开通|开设|修订|制定|出台|建立|编制|启动|上线|增设|设立|推出|探索|公开))|争取|力争|(?<![重主需纪摘提只])要(?![求点闻素件害])|(?<![回相响供适反对效答])应(?![急用对])|必须|务必|(?<!无)须|需要|需(?=进一步|加强|要)|亟需|亟待/;
const INTENT_LOCAL = /确保|以便|以期|旨在/;
const IMPERATIVE_OPEN =
	/^(?:[一二三四五六七八九十]是|\d+[.、]|[（(][一二三四五六七八九十\d]+[）)])?\s*(?:要|应|加强|推进|进一步|加大|加快|深化|强化|推动|着力|大力|努力|切实|继续|持续|不断|全面推进|积极推进|扎实推进|做好|抓好|健全|完善|提高|提升|拓展|扩大|规范)/;
const ABSENCE =
	/尚未|还未|并未|没有|未(?:建立|开通|设立|公开|开展|制定|出台|形成|落实|配备|纳入|实现|能|及时|完全)|暂无|暂未|缺乏|缺少|有待|不够|不到位|滞后|不完善|不健全|不及时|不规范|还需|仍需|尚需|欠缺|不足(?![\d一二三四五六七八九十])|薄弱|不强|不高/;
const FUTURE_OPEN = /^(?:在)?(?:今后|下一步|下阶段|明年|来年|\d{4}年(?=[^，。]{0,20}将))/;

export interface Clause {
	start: number;
	end: number;
	text: string;
}

export function splitClauses(text: string): Clause[] {
	const out: Clause[] = [];
	let s = 0;
	for (let i = 0; i <= text.length; i++) {
		const c = i < text.length ? text.charCodeAt(i) : 0;
		// ，；：。！？
		if (i === text.length || c === 0xff0c || c === 0xff1b || c === 0xff1a || c === 0x3002 || c === 0xff01 || c === 0xff1f) {
			if (i > s) out.push({ start: s, end: i, text: text.slice(s, i) });
			s = i + 1;
		}
	}
	return out;
}

const STRONG_ACH = /已|(?<![为除])了(?![解然])/;

/**
 * The problems a measure deals with are its object, not an absence of the measure:
 * 对存在未及时更新、不良链接等问题进行督查 / 针对公开不及时的问题开展整改.
 */
const PROBLEM_OBJECT = /(?:对|针对|就|将|把)[^，。；：]{1,40}?(?:等|的)?(?:问题|情况|现象)/g;

/** Spans of the problems a measure deals with (see PROBLEM_OBJECT): their words are not the measure's specifics. */
const FAULT = /不|未|没|缺|无|差|低|慢|错|滞后|薄弱|欠缺|问题突出/;
export function problemObjects(text: string): [number, number][] {
	const out: [number, number][] = [];
	if (!/问题|情况|现象/.test(text)) return out;
	PROBLEM_OBJECT.lastIndex = 0;
	let m: RegExpExecArray | null;
	while ((m = PROBLEM_OBJECT.exec(text))) if (FAULT.test(m[0])) out.push([m.index, m.index + m[0].length]);
	return out;
}

export function clauseMood(c: string): Mood {
	if (ABSENCE.test(c) && ABSENCE.test(c.replace(PROBLEM_OBJECT, '对问题'))) return 'absence';
	const ach = ACH.exec(c);
	const intent = INTENT_GOVERNING.exec(c) ?? INTENT_LOCAL.exec(c);
	if (ach && intent && intent.index < ach.index && !STRONG_ACH.test(c)) return 'intention';
	if (ach) return 'achieved';
	if (intent) return 'intention';
	if (IMPERATIVE_OPEN.test(c)) return 'imperative';
	return 'neutral';
}

/**
 * The reading of a mention at `pos` (sentence-relative): achieved, intention or absence.
 * `relaxImperative` (key-points reports) lets a restated task count as done.
 */
export interface ClauseMemo {
	get(sentence: string): { clauses: Clause[]; moods: (Mood | undefined)[] } | undefined;
	set(sentence: string, v: { clauses: Clause[]; moods: (Mood | undefined)[] }): unknown;
}

export function readMention(
	sentence: string,
	pos: number,
	opts: { hasSpecific: boolean; relaxImperative: boolean; memo?: ClauseMemo }
): 'achieved' | 'intention' | 'absence' {
	let cm = opts.memo?.get(sentence);
	if (!cm) {
		const cl = splitClauses(sentence);
		cm = { clauses: cl, moods: new Array<Mood | undefined>(cl.length) };
		opts.memo?.set(sentence, cm);
	}
	const { clauses } = cm;
	const cache = cm.moods;
	// moods are computed lazily: most mentions are decided by their own clause
	const moodAt = (j: number): Mood => (cache[j] ??= clauseMood(clauses[j].text));
	let idx = clauses.findIndex((c) => pos >= c.start && pos < c.end);
	if (idx < 0) idx = Math.max(0, clauses.length - 1);
	if (clauses.length === 0) return 'achieved';
	const own = moodAt(idx);
	if (own === 'absence') return 'absence';
	if (own === 'achieved') return 'achieved';
	// 确保/以便 purpose clauses and 将/拟/要/应 clauses are intentions
	if (own === 'intention') return 'intention';
	// look back: a governing intention (将/拟/要/应…) earlier in the sentence, unless a done clause intervenes
	for (let j = idx - 1; j >= 0; j--) {
		const mj = moodAt(j);
		if (mj === 'achieved') return 'achieved';
		if (mj === 'intention' && INTENT_GOVERNING.test(clauses[j].text)) return 'intention';
	}
	let anyAch = false;
	for (let j = idx + 1; j < clauses.length && !anyAch; j++) anyAch = moodAt(j) === 'achieved';
	if (!anyAch && FUTURE_OPEN.test(sentence.trim())) return 'intention';
	if (!anyAch && !opts.hasSpecific && !opts.relaxImperative && moodAt(0) === 'imperative') return 'intention';
	return 'achieved';
}
