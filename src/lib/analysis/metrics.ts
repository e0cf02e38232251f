/**
 * Metrics (RUBRIC.md): figures with their evidence sentence. Arabic and Chinese numerals,
 * 余/多/近 → approximate, a received total split over clauses of one sentence is summed,
 * "已全部办结" → closed = received. Table metrics (applications from 本年新收 总计, the counts of 表二)
 * are merged in by table-report.ts mergeTableMetrics, the table winning over the text.
 */
import { findCounts, type NumberHit } from './numerals';
import type { Sentence } from './sentences';
import { splitClauses, hasZero } from './specifics';
import type { ParsedTable } from './tables';

export interface NMetric {
	id: string;
	value: number;
	approx: boolean;
	start: number;
	end: number;
}

type CountsIn = (text: string, measures: RegExp) => NumberHit[];

/** findCounts with a memo for one extraction (the same clauses are read by several metrics). */
function makeCountsIn(): CountsIn {
	const memo = new Map<string, NumberHit[]>();
	return (text, measures) => {
		let hits = memo.get(text);
		if (!hits) {
			hits = findCounts(text);
			memo.set(text, hits);
		}
		return hits.filter((c) => measures.test(c.measure));
	};
}

function firstSentence(sentences: readonly Sentence[], test: (s: Sentence) => NMetric | null): NMetric | null {
	for (const s of sentences) {
		if (s.role !== 'body' || s.heading) continue;
		const r = test(s);
		if (r) return r;
	}
	return null;
}

function publishedItems(sentences: readonly Sentence[], countsIn: CountsIn): NMetric | null {
	const cands: { m: NMetric; total: boolean }[] = [];
	for (const s of sentences) {
		if (s.role !== 'body' || s.heading) continue;
		if (!/公开|发布/.test(s.text) || !/信息/.test(s.text)) continue;
		for (const c of s.text.split(/[；。]/)) {
			// the figure must follow a 公开/发布 … 信息 phrase in the same clause group
			const m = /(?:公开|发布)[^，；。]{0,24}?信息/.exec(c);
			if (!m) continue;
			if (/解读|舆情|留言|招投标|依申请|申请/.test(m[0])) continue;
			const rest = c.slice(m.index + m[0].length);
			const before = c.slice(0, m.index + m[0].length);
			const hit = countsIn(rest.split('，')[0], /^(?:条|篇|件)$/)[0];
			if (!hit) continue;
			const off = s.text.indexOf(c);
			cands.push({
				m: { id: 'published_items', value: hit.value, approx: hit.approx, start: s.start + Math.max(0, off), end: s.start + Math.max(0, off) + c.length },
				total: /共|累计|全年|总计|合计|全部/.test(before + rest.slice(0, hit.start))
			});
		}
	}
	if (cands.length === 0) return null;
	cands.sort((a, b) => Number(b.total) - Number(a.total) || b.m.value - a.m.value);
	return cands[0].m;
}

const INTERP_MEASURE = /^(?:篇|条|次|期|篇次|个)$/;

function interpretations(sentences: readonly Sentence[], countsIn: CountsIn): NMetric | null {
	return firstSentence(sentences, (s) => {
		if (!/解读/.test(s.text)) return null;
		// the figure of the clause that names 解读 (not a press-conference count elsewhere in the sentence)
		const clause = splitClauses(s.text).find((c) => c.text.includes('解读') && countsIn(c.text, INTERP_MEASURE).length > 0);
		if (!clause) return null;
		const hit = countsIn(clause.text, INTERP_MEASURE)[0];
		return { id: 'interpretations', value: hit.value, approx: hit.approx, start: s.start, end: s.end };
	});
}

const MESSAGE_WORDS = /留言|来信|来电|诉求|信箱|热线|咨询|投诉|工单|12345/;
const RECEIVE = /收到|受理|接到|接收|共有|收集/;
const CLOSE = /办结|答复|回复|办理完毕|处理完毕|回应/;

function messages(sentences: readonly Sentence[], countsIn: CountsIn): NMetric[] {
	for (const s of sentences) {
		if (s.role !== 'body' || s.heading) continue;
		if (!MESSAGE_WORDS.test(s.text) || /申请|舆情/.test(s.text)) continue;
		const clauses = splitClauses(s.text);
		const ri = clauses.findIndex((c) => RECEIVE.test(c.text));
		if (ri < 0) continue;
		let received: { value: number; approx: boolean } | null = null;
		let closed: { value: number; approx: boolean } | null = null;
		for (let i = ri; i < clauses.length; i++) {
			const c = clauses[i].text;
			if (i > ri && /其中/.test(c)) break;
			const hits = countsIn(c, /^(?:件|条|个|次|封|人次|起)$/);
			if (CLOSE.test(c)) {
				if (hits[0]) closed = { value: hits[0].value, approx: hits[0].approx };
				else if (/全部|均/.test(c) && received) closed = { ...received };
				break;
			}
			for (const h of hits) {
				received = received ? { value: received.value + h.value, approx: received.approx || h.approx } : { value: h.value, approx: h.approx };
			}
		}
		if (!received) continue;
		const out: NMetric[] = [{ id: 'messages_received', ...received, start: s.start, end: s.end }];
		if (closed) out.push({ id: 'messages_closed', ...closed, start: s.start, end: s.end });
		return out;
	}
	return [];
}

function opinionItems(sentences: readonly Sentence[], countsIn: CountsIn): NMetric | null {
	return firstSentence(sentences, (s) => {
		const i = s.text.indexOf('舆情');
		if (i < 0) return null;
		const hit = countsIn(s.text.slice(i), /^(?:条|件|起|次|篇)$/)[0];
		if (!hit) return null;
		return { id: 'opinion_items', value: hit.value, approx: hit.approx, start: s.start, end: s.end };
	});
}

/** The text's figure; the table's 本年新收 总计 wins over it in table-report.ts mergeTableMetrics (with a warning when they differ). */
function applications(sentences: readonly Sentence[], countsIn: CountsIn): NMetric | null {
	return firstSentence(sentences, (s) => {
		if (!/申请/.test(s.text) || !/依申请|公开申请|信息公开/.test(s.text)) return null;
		for (const c of splitClauses(s.text)) {
			if (!/收到|受理|接到|新收|申请/.test(c.text)) continue;
			const hit = countsIn(c.text, /^(?:件|条|个|份|次)$/)[0];
			if (hit) return { id: 'applications_received', value: hit.value, approx: hit.approx, start: s.start, end: s.end };
		}
		if (hasZero(s.text) || /没有发生|未发生/.test(s.text)) return { id: 'applications_received', value: 0, approx: false, start: s.start, end: s.end };
		return null;
	});
}

function training(sentences: readonly Sentence[], countsIn: CountsIn): NMetric[] {
	const out: NMetric[] = [];
	let sessions: NMetric | null = null;
	let people: NMetric | null = null;
	for (const s of sentences) {
		if (s.role !== 'body' || s.heading || !/培训/.test(s.text)) continue;
		for (const c of splitClauses(s.text)) {
			if (!sessions) {
				const h = countsIn(c.text, /^(?:期|场|次|轮)$/)[0];
				if (h && /培训|学习|讲座/.test(c.text)) sessions = { id: 'trainings', value: h.value, approx: h.approx, start: s.start, end: s.end };
			}
			if (!people) {
				const h = countsIn(c.text, /^(?:人|人次|名|余人)$/)[0];
				if (h) people = { id: 'trainees', value: h.value, approx: h.approx, start: s.start, end: s.end };
			}
		}
	}
	if (sessions) out.push(sessions);
	if (people) out.push(people);
	return out;
}

export function extractMetrics(sentences: readonly Sentence[], tables: readonly ParsedTable[]): NMetric[] {
	return extractAll(sentences, tables, makeCountsIn());
}

function extractAll(sentences: readonly Sentence[], tables: readonly ParsedTable[], countsIn: CountsIn): NMetric[] {
	const out: NMetric[] = [];
	const push = (m: NMetric | null): void => {
		if (m) out.push(m);
	};
	push(publishedItems(sentences, countsIn));
	push(interpretations(sentences, countsIn));
	out.push(...messages(sentences, countsIn));
	push(opinionItems(sentences, countsIn));
	push(applications(sentences, countsIn));
	out.push(...training(sentences, countsIn));
	return out;
}
