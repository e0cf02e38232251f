/**
 * The level rule (RUBRIC.md), one indicator at a time.
 *
 * A mention (a sentence matching the indicator's terms) counts only in a body section, read as
 * done (not an intention/requirement, not an absence). Level 2 = done + a concrete specific of
 * the kinds the indicator accepts; 1 = done, generic; 0 = only discounted mentions or none.
 */
import { SPECIFIC_KINDS, type RubricIndicator, type SpecificKind } from './rubric';
import type { Sentence } from './sentences';
import { findSpecifics, isNamed, problemObjects, readMention, splitClauses, type Clause, type Mood, type Specific } from './specifics';
import { compileScanner, compileTerms, type TermScanner } from './terms';
import type { RubricDefinition } from './rubric';
import type { ParsedTable } from './tables';
import type { DiscountReason, SectionRole } from './types';

export interface NSpan {
	start: number;
	end: number;
	section?: SectionRole;
}

export interface IndicatorLevel {
	level: 0 | 1 | 2 | null;
	evidence: NSpan[];
	discounted: (NSpan & { why: DiscountReason })[];
}

export interface LevelContext {
	sentences: readonly Sentence[];
	/** the normalized text the sentences index into */
	text: string;
	/** sentence index at each normalized offset (−1 outside sentences; filled lazily) */
	sentAt?: Int32Array;
	/** per-analysis memo of specifics by sentence and kinds (filled lazily) */
	memo?: Map<Sentence, Specific[]>;
	/** per-analysis memo: the problems each sentence's measures dealt with (problemObjects) */
	objects?: Map<Sentence, [number, number][]>;
	/** per-analysis memo: is the sentence the report's framing sentence (现将…报告如下) */
	framing?: Map<Sentence, boolean>;
	/** per-analysis memo of clause moods by sentence text */
	clauses?: Map<string, { clauses: Clause[]; moods: (Mood | undefined)[] }>;
	/** term matches per indicator id over `text`, flat [start, end, …] (see prepareTerms) */
	termHits?: Map<string, number[]>;
	tables: readonly ParsedTable[];
	keyPoints: boolean;
	/** result of the application-table identity check (null when there is no such table) */
	identity: { ok: boolean; checkable: boolean } | null;
}

/** a stated zero (全年未收到…/没有发生…) is a fact and, like any number, a specific */
const DEFAULT_SPECIFICS: SpecificKind[] = ['document', 'count', 'date', 'channel', 'body', 'system', 'zero'];
const MAX_EVIDENCE = 8;
const MAX_DISCOUNTED = 20;

// keyed by the term array itself: rubric objects are immutable once validated
const regexCache = new WeakMap<readonly string[], RegExp | null>();
function termsRe(terms: readonly string[] | undefined): RegExp | null {
	if (!terms || terms.length === 0) return null;
	let re = regexCache.get(terms);
	if (re === undefined) {
		re = compileTerms(terms);
		regexCache.set(terms, re);
	}
	return re;
}

const MENTION_KINDS = new Set(['default', 'applications', 'handling', 'count']);
const scanners = new WeakMap<RubricDefinition, { ids: string[]; scanner: TermScanner }>();

/**
 * Find the term matches of every mention indicator of `rubric` in one pass over the text
 * (instead of one regex scan per indicator) and keep them in `ctx.termHits`.
 */
export function prepareTerms(rubric: RubricDefinition, ctx: LevelContext): void {
	let sc = scanners.get(rubric);
	if (!sc) {
		const inds = rubric.dimensions.flatMap((d) => d.indicators).filter((i) => MENTION_KINDS.has(i.kind ?? 'default'));
		sc = { ids: inds.map((i) => i.id), scanner: compileScanner(inds.map((i) => i.terms)) };
		scanners.set(rubric, sc);
	}
	const hits = sc.scanner.scan(ctx.text);
	const m = new Map<string, number[]>();
	sc.ids.forEach((id, k) => m.set(id, hits[k]));
	ctx.termHits = m;
}

const APPLICANTS = /申请人|依申请|公开申请/;
const FRAMING = /现将[^。]{0,60}(?:报告|总结|汇报|说明)如下|(?:报告|总结|汇报)如下[：。]?$/;

function inQuotedList(text: string, pos: number): boolean {
	const open = text.lastIndexOf('“', pos);
	if (open < 0) return false;
	const close = text.indexOf('”', open);
	if (close < pos) return false;
	const inner = text.slice(open + 1, close);
	return inner.includes('、') && inner.length <= 40;
}

function allSpecifics(ctx: LevelContext, s: Sentence): Specific[] {
	if (!ctx.memo) ctx.memo = new Map();
	// all kinds once per sentence, filtered per indicator
	let v = ctx.memo.get(s);
	if (!v) {
		v = findSpecifics(s.text, SPECIFIC_KINDS);
		ctx.memo.set(s, v);
	}
	return v;
}

function specificsOf(ctx: LevelContext, s: Sentence, kinds: readonly SpecificKind[]): Specific[] {
	const v = allSpecifics(ctx, s);
	if (kinds.length === SPECIFIC_KINDS.length || v.length === 0) return v;
	return v.filter((x) => kinds.includes(x.kind));
}

const COUNT_KINDS: readonly SpecificKind[] = ['count', 'zero'];

/** Counts and stated zeros of a sentence: from the full memo when there, else only those kinds. */
function countsOf(ctx: LevelContext, s: Sentence): Specific[] {
	const all = ctx.memo?.get(s);
	if (all) return all.filter((x) => x.kind === 'count' || x.kind === 'zero');
	return findSpecifics(s.text, COUNT_KINDS);
}

const NO_OBJECTS: [number, number][] = [];
/** problemObjects once per sentence (every indicator reads it) */
function objectsOf(ctx: LevelContext, s: Sentence): [number, number][] {
	if (!ctx.objects) ctx.objects = new Map();
	let v = ctx.objects.get(s);
	if (v === undefined) {
		v = problemObjects(s.text);
		ctx.objects.set(s, v.length ? v : NO_OBJECTS);
	}
	return v;
}

function isFraming(ctx: LevelContext, s: Sentence): boolean {
	if (!ctx.framing) ctx.framing = new Map();
	let v = ctx.framing.get(s);
	if (v === undefined) {
		v = FRAMING.test(s.text);
		ctx.framing.set(s, v);
	}
	return v;
}

/** Constituted bodies stay concrete even when they are the keyword (政务公开工作领导小组); roles
 * (分管领导, 专人, 专职) do not. */
const CONSTITUTED = /^(?:领导小组|办公室|信息中心|专班|监察局|政务公开办)$/;
/** Written rules stay concrete even when they are the keyword (政务公开制度, 保密审查制度). */
const WRITTEN_RULE = /^(?:制度|办法|细则|规定|规程)$/;

/**
 * The indicator's own keyword is not its specific: a channel, body or system whose own words are
 * part of one of the indicator's term matches (公开平台 for 公开平台, 分管领导 for 分管领导, the
 * 机制 of 回应机制, the 清单 of 权力清单, the 指南 of 办事指南) counts only when it carries a
 * proper name (区政府门户网站, “白泉发布”微信公众号). Written rules (X制度/X办法) are exempt.
 * `terms` holds sentence-relative [start, end) pairs.
 */
function ownTermsAreNotSpecifics(text: string, specifics: Specific[], terms: readonly number[]): Specific[] {
	let out: Specific[] | null = null;
	for (let i = 0; i < specifics.length; i++) {
		const x = specifics[i];
		let drop = false;
		const own = text.slice(x.start, x.end);
		if ((x.kind === 'channel' && !/^\d+$/.test(own)) || (x.kind === 'body' && !CONSTITUTED.test(own)) || (x.kind === 'system' && !WRITTEN_RULE.test(own))) {
			for (let k = 0; k < terms.length && !drop; k += 2)
				if (x.start < terms[k + 1] && terms[k] < x.end) drop = !isNamed(text, x.from) && !isNamed(text, x.start);
		}
		if (drop && out === null) out = specifics.slice(0, i);
		else if (!drop && out !== null) out.push(x);
	}
	return out ?? specifics;
}

const YEAR_BEFORE = /\d{4}\s*年度?[^\d，。；：、]{0,2}$/;
/** A year that qualifies the item itself (2019年度预算, 2018年决算) names a specific one: a date. */
function qualifyingYear(text: string, terms: readonly number[]): Specific | null {
	for (let k = 0; k < terms.length; k += 2) {
		const a = terms[k];
		if (a < 5) continue;
		const from = Math.max(0, a - 9);
		const m = YEAR_BEFORE.exec(text.slice(from, a));
		if (m) return { kind: 'date', start: from + m.index, end: a, from: from + m.index };
	}
	return null;
}

const span = (s: Sentence): NSpan => ({ start: s.start, end: s.end, section: s.role });

export function levelFor(ind: RubricIndicator, ctx: LevelContext): IndicatorLevel {
	switch (ind.kind ?? 'default') {
		case 'problems_section':
			return sectionLevel(ctx.sentences, 'problems');
		case 'plans_section':
			return sectionLevel(ctx.sentences, 'plans');
		case 'statistics':
			return statisticsLevel(ind, ctx);
		case 'table_consistency':
			return consistencyLevel(ctx);
		default:
			return mentionLevel(ind, ctx);
	}
}

function mentionLevel(ind: RubricIndicator, ctx: LevelContext): IndicatorLevel {
	const kind = ind.kind ?? 'default';
	const re = termsRe(ind.terms);
	const withRe = termsRe(ind.with);
	const zeroIsFact = kind === 'applications' || kind === 'handling';
	const kinds = ind.specifics ?? DEFAULT_SPECIFICS;
	const byLevel: { 1: NSpan[]; 2: NSpan[] } = { 1: [], 2: [] };
	const discounted: (NSpan & { why: DiscountReason })[] = [];
	const discount = (s: Sentence, why: DiscountReason): void => {
		if (discounted.length < MAX_DISCOUNTED) discounted.push({ ...span(s), why });
	};
	if (re) {
		// one scan of the whole text per indicator; mentions are grouped by sentence
		if (!ctx.sentAt) {
			const at = new Int32Array(ctx.text.length).fill(-1);
			ctx.sentences.forEach((x, i) => at.fill(i, x.start, x.end));
			ctx.sentAt = at;
		}
		const sentAt = ctx.sentAt;
		// per sentence: sentence-relative [start, end) of every term match
		const bySentence = new Map<number, number[]>();
		const add = (at: number, end: number): void => {
			const si = sentAt[at];
			// 因政府信息公开申请提起行政复议: the application is only the cause of another subject
			const cause = kind === 'applications' && at > 0 && ctx.text.charCodeAt(at - 1) === 0x56e0;
			if (si < 0 || cause) return;
			const rel = at - ctx.sentences[si].start;
			const list = bySentence.get(si);
			if (list) list.push(rel, rel + end - at);
			else bySentence.set(si, [rel, rel + end - at]);
		};
		const pre = ctx.termHits?.get(ind.id);
		if (pre) for (let k = 0; k < pre.length; k += 2) add(pre[k], pre[k + 1]);
		else {
			re.lastIndex = 0;
			let hm: RegExpExecArray | null;
			while ((hm = re.exec(ctx.text))) {
				if (hm[0].length > 0) add(hm.index, hm.index + hm[0].length);
				else re.lastIndex++;
			}
		}
		for (const [si, spans] of bySentence) {
			const s = ctx.sentences[si];
			const positions: number[] = [];
			for (let k = 0; k < spans.length; k += 2) positions.push(spans[k]);
			if (withRe) {
				withRe.lastIndex = 0;
				if (!withRe.test(s.text)) continue;
			}
			if (s.role === 'other' || s.role === 'table') continue;
			if (s.heading) {
				discount(s, 'generic');
				continue;
			}
			if (s.role === 'problems') {
				discount(s, 'problems');
				continue;
			}
			if (s.role === 'plans') {
				discount(s, 'plan');
				continue;
			}
			// disclosure applicants' requests are rc.applications, not messages handled
			if (kind === 'handling' && APPLICANTS.test(s.text)) continue;
			// a term only inside the shortcomings a measure dealt with (将互动咨询不回应等问题列入检查) is a problem
			const objs = objectsOf(ctx, s);
			if (objs.length > 0 && positions.every((p) => objs.some(([a, b]) => p >= a && p < b))) {
				discount(s, 'problems');
				continue;
			}
			if (isFraming(ctx, s)) {
				// the report's own framing sentence (现将…报告如下) is not evidence
				discount(s, 'generic');
				continue;
			}
			let specifics = ownTermsAreNotSpecifics(s.text, specificsOf(ctx, s, kinds), spans);
			// the shortcomings a measure dealt with (对存在空白栏目等问题进行督查) are not its specifics
			if (objs.length > 0) specifics = specifics.filter((x) => !objs.some(([a, b]) => x.start >= a && x.end <= b));
			if (specifics.length === 0 && kinds.includes('date')) {
				// a new array: `specifics` may be the per-sentence memo
				const y = qualifyingYear(s.text, spans);
				if (y) specifics = [y];
			}
			// a stated zero (ZERO matches) is exactly a 'zero' specific of the sentence
			const zeroFact = zeroIsFact && allSpecifics(ctx, s).some((x) => x.kind === 'zero');
			// read every mention in the sentence; the best reading wins
			let best: 'achieved' | 'intention' | 'absence' | null = null;
			for (const pos of positions) {
				const r = zeroFact
					? 'achieved'
					: readMention(s.text, pos, {
							hasSpecific: specifics.length > 0,
							relaxImperative: ctx.keyPoints,
							memo: (ctx.clauses ??= new Map())
						});
				if (r === 'achieved') {
					best = r;
					break;
				}
				if (best === null || (best === 'absence' && r === 'intention')) best = r;
			}
			if (best === 'absence') {
				discount(s, 'absence');
				continue;
			}
			if (best === 'intention') {
				discount(s, 'intention');
				continue;
			}
			if (kind === 'count' && !specifics.some((x) => x.kind === 'count')) {
				discount(s, 'generic');
				continue;
			}
			// a mention only inside a quoted list slogan (“全面公开、公众参与”) is generic at best
			const lvl = specifics.length > 0 && positions.some((p) => !inQuotedList(s.text, p)) ? 2 : 1;
			byLevel[lvl].push(span(s));
		}
	}
	if (kind === 'default' && re) {
		// rows of table 二 (第二十条 items) with a non-zero figure are disclosure evidence
		for (const t of ctx.tables) {
			if (t.id !== 'active_disclosure') continue;
			for (const row of t.rows) {
				re.lastIndex = 0;
				if (re.test(row.label) && row.cells.some((v) => v !== null && v > 0)) {
					byLevel[2].push({ start: t.start, end: t.end, section: 'table' });
					break;
				}
			}
		}
	}
	if (kind === 'applications') {
		const t = ctx.tables.find((x) => x.id === 'applications' && x.rows.length > 0);
		if (t) byLevel[2].unshift({ start: t.start, end: t.end, section: 'table' });
	}
	const level: 0 | 1 | 2 = byLevel[2].length > 0 ? 2 : byLevel[1].length > 0 ? 1 : 0;
	const evidence = level === 0 ? [] : byLevel[level].slice(0, MAX_EVIDENCE);
	return { level, evidence, discounted };
}

// ---- problems and plans sections ------------------------------------------------------------

const PROBLEM_MARK =
	/不|未|没有|缺乏|缺少|有待|欠缺|滞后|薄弱|差距|问题|困难|不足|单一|较少|偏少|较低|较弱|难以|仍需|还需|尚需|繁重|身兼|局限|参差/;
/** a shortfall stated on its own (a problem of its own when a sentence lists several) */
const SHORTFALL = /有待|不够|不足|不强|不高|不深|不广|滞后|欠缺|薄弱|较少|偏少|单一|不到位|不完善|不规范|不及时|不健全|缺乏|缺少|仍需|还需|尚需|亟待|较弱|较低/;
const MEASURE_VERB =
	/加强|加大|完善|健全|提高|推进|强化|拓展|扩大|深化|规范|建立|落实|做好|创新|丰富|探索|转变|编制|实行|开展|提升|优化|推动|坚持|严格|修订|制定|增强|加快|组织|建设|培训|学习|整改|督促|配备|更新|公开/;
/** the effect of the measure before it (…，增强政民互动实效 / 提高答复质量), not a new measure */
const EFFECT =
	/^(?:增强|提高|提升|确保|促进|推动)[^，。；]{0,12}(?:实效|水平|质量|效果|效率|时效性?|能力|满意度|透明度|公信力|针对性|可读性|知晓度|获得感|感|意识|便捷度?)$/;
const INTRO = /[：:]$|以下[^，。；]{0,8}(?:方面|工作|几点)|如下|取得了?(?:一定|较好|明显|一些)?(?:的)?(?:成效|成绩|进展)/;
const INTRO_PREFIX = /^.*?(?:主要表现在|表现在|主要是|问题是|具体是|主要有)[：，]?/;
const ENUM_SPLIT = /(?:^|[，；。])\s*(?:[一二三四五六七八九十]是|其[一二三四五六七八九十]|\d+[、.．]|[（(][一二三四五六七八九十\d]+[）)])/g;

function unitsOf(text: string, plans: boolean): string[] {
	const withBreaks = text.replace(ENUM_SPLIT, (m) => `；${m.replace(/^[，；。]/, '')}`);
	const parts = withBreaks.split(/[；：]|(?<=[。！？])/);
	const out: string[] = [];
	for (const p of parts) {
		if (!plans) {
			// a list of shortfalls in one sentence (规范性还有待提高、内容深度有待提升、队伍建设有待加强)
			let cur = '';
			// (an enumeration with 、, or three or more comma clauses each stating a shortfall; two
			// comma clauses are usually one problem and its detail)
			const commas = p.split('，');
			const sep = commas.filter((x) => SHORTFALL.test(x)).length >= 3 ? /[，、]/ : /、/;
			for (const piece of p.split(sep)) {
				if (cur && SHORTFALL.test(cur) && SHORTFALL.test(piece) && piece.length >= 6) {
					out.push(cur);
					cur = piece;
				} else cur = cur ? `${cur}、${piece}` : piece;
			}
			if (cur) out.push(cur);
			continue;
		}
		// plans: a comma starts a new measure when the next clause opens with a measure verb
		let cur = '';
		for (const c of splitClauses(p)) {
			const t = c.text.replace(/^\s*(?:进一步|继续|不断|切实|认真|积极|努力|着力|大力)/, '');
			if (cur && MEASURE_VERB.test(t.slice(0, 2)) && !EFFECT.test(t)) {
				out.push(cur);
				cur = c.text;
			} else cur = cur ? `${cur}，${c.text}` : c.text;
		}
		if (cur) out.push(cur);
	}
	return out;
}

function clean(u: string): string {
	return u
		.replace(/^[\s，；。：]*(?:[一二三四五六七八九十]是|其[一二三四五六七八九十]|\d+[、.．]|[（(][一二三四五六七八九十\d]+[）)])?/, '')
		.replace(/[\s，；。：！？“”]/g, '');
}

export function countUnits(sentences: readonly Sentence[], role: 'problems' | 'plans'): { count: number; spans: NSpan[] } {
	const seen = new Set<string>();
	const spans: NSpan[] = [];
	const ownTitle = role === 'problems' ? /存在|问题|不足|困难/ : /下一步|今后|打算|改进|措施|计划|思路|方向/;
	for (const s of sentences) {
		if (s.role !== role) continue;
		// the section's own title (三、存在的主要问题) is not a problem
		if (s.heading && s.headingDepth <= 4 && ownTitle.test(s.text) && s.text.length <= 30 && !/[，]/.test(s.text)) continue;
		let counted = false;
		for (const raw of unitsOf(s.text, role === 'plans')) {
			let u = raw.trim();
			if (role === 'problems') u = u.replace(INTRO_PREFIX, '');
			if (INTRO.test(u.trim()) || INTRO.test(raw.trim())) continue;
			const key = clean(u);
			if (key.length < 4) continue;
			const ok = role === 'problems' ? PROBLEM_MARK.test(key) : MEASURE_VERB.test(key);
			if (!ok || seen.has(key)) continue;
			seen.add(key);
			counted = true;
		}
		if (counted || spans.length < MAX_EVIDENCE) spans.push(span(s));
	}
	return { count: seen.size, spans: spans.slice(0, 12) };
}

function sectionLevel(sentences: readonly Sentence[], role: 'problems' | 'plans'): IndicatorLevel {
	const { count, spans } = countUnits(sentences, role);
	const level: 0 | 1 | 2 = count >= 2 ? 2 : count === 1 ? 1 : 0;
	return { level, evidence: level > 0 ? spans : [], discounted: [] };
}

// ---- statistics and table consistency -------------------------------------------------------

function statisticsLevel(ind: RubricIndicator, ctx: LevelContext): IndicatorLevel {
	const re = termsRe(ind.terms);
	const ev: NSpan[] = [];
	for (const t of ctx.tables) if (t.rows.length > 0 && t.id !== 'review_litigation') ev.push({ start: t.start, end: t.end, section: 'table' });
	const tableBacked = ev.length > 0;
	let figures = 0;
	for (const s of ctx.sentences) {
		if (s.role !== 'body' || (s.heading && s.text.length < 12)) continue;
		if (re) {
			re.lastIndex = 0;
			if (!re.test(s.text)) continue;
		}
		const counts = countsOf(ctx, s);
		if (counts.length === 0) continue;
		const reading = readMention(s.text, counts[0].start, { hasSpecific: true, relaxImperative: true, memo: (ctx.clauses ??= new Map()) });
		if (reading !== 'achieved' && !counts.some((x) => x.kind === 'zero')) continue;
		figures += counts.length;
		if (ev.length < MAX_EVIDENCE) ev.push(span(s));
	}
	const level: 0 | 1 | 2 = tableBacked || figures >= 2 ? 2 : figures === 1 ? 1 : 0;
	return { level, evidence: level > 0 ? ev : [], discounted: [] };
}

function consistencyLevel(ctx: LevelContext): IndicatorLevel {
	const t = ctx.tables.find((x) => x.id === 'applications' && x.rows.length > 0);
	if (!t || !ctx.identity) return { level: null, evidence: [], discounted: [] };
	const ev = [{ start: t.start, end: t.end, section: 'table' as const }];
	if (!ctx.identity.checkable) return { level: 1, evidence: ev, discounted: [] };
	return { level: ctx.identity.ok ? 2 : 0, evidence: ev, discounted: [] };
}
