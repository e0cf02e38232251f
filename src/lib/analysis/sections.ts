/**
 * Document structure: headings at every level and the role of each section.
 *
 * Heading forms: 一、 （一） 1. 1、 （1） 一是/第一，/其一 (enumerators, depth 5), a heading
 * that lost its numeral (`、存在的问题`), and short unnumbered lines without 。.
 * Roles: problems (存在的问题/不足/困难/差距), plans (下一步/今后/打算/改进措施/…), table, body,
 * other (title block and signature). A role is inherited by sub-sections; a heading naming
 * both (存在的主要问题及改进情况) makes a "mixed" section split later sentence by sentence.
 */
import type { Line } from './noise';
import type { SectionRole } from './types';

export interface Heading {
	line: number;
	/** normalized offsets of the whole line */
	lineStart: number;
	lineEnd: number;
	/** normalized end of the heading text (exclusive; the title part of the line) */
	textEnd: number;
	text: string;
	depth: number;
	/** true when the heading text is a title (no content of its own) */
	titleLike: boolean;
	ownRole: 'problems' | 'plans' | 'mixed' | null;
}

export interface Section {
	start: number;
	end: number;
	heading: string;
	depth: number;
	role: SectionRole;
	mixed: boolean;
	line: number;
}

export type LineKind = 'blank' | 'noise' | 'table' | 'title' | 'tail' | 'text';

const CN_NUM = '[一二三四五六七八九十]{1,3}';
const H1 = new RegExp(`^\\s*(?:第${CN_NUM}部分|${CN_NUM})\\s*[、，．.]\\s*`);
const H1_LOST = /^\s*、\s*/;
const H2 = new RegExp(`^\\s*[（(]\\s*${CN_NUM}\\s*[）)]\\s*[、，．.]?\\s*`);
const H3 = /^\s*\d{1,2}\s*[、.．](?!\d)\s*/;
const H4 = /^\s*[（(]\s*\d{1,2}\s*[）)]\s*[、.．]?\s*/;
const H5 = new RegExp(`^\\s*(?:${CN_NUM}是|其${CN_NUM}|第${CN_NUM}[，、：])\\s*`);

const PROBLEMS_RE =
	/存在(?:的)?(?:主要|突出)?(?:问题|不足|困难)|问题(?:和|与|及)?(?:不足|困难)|(?:不足|困难)(?:和|与|及)(?:问题|不足)|^(?:主要)?(?:问题|不足)$|不足之处|主要不足|差距|短板|薄弱环节|存在问题/;
const PLANS_RE =
	/下一步|今后|打算|改进措施|改进情况|改进方向|改进计划|整改措施|整改情况|工作计划|工作思路|努力方向|工作设想|工作安排|明年|来年|\d{4}年(?:工作)?(?:计划|安排|重点|思路)|意见建议|措施建议/;
/** content markers: a numbered line carrying these is content, not a title */
const CONTENT_MARK = /[了已]|\d|共|完成|累计|截至|没有|未|无|[零〇两二三四五六七八九十百千]+[条件篇次个项人名期场]/;

export function headingRole(text: string): 'problems' | 'plans' | 'mixed' | null {
	const p = PROBLEMS_RE.test(text);
	const l = PLANS_RE.test(text);
	if (p && l) return 'mixed';
	if (p) return 'problems';
	if (l) return 'plans';
	return null;
}

const DATE_LINE = /^\s*(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|[二〇○零一三四五六七八九十]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)\s*$/;

/** Detect a heading on one line; null when the line is a plain paragraph. */
export function detectHeading(t: string, lineStart: number, line: number): Heading | null {
	let depth = 0;
	let m: RegExpExecArray | null = null;
	if ((m = H2.exec(t))) depth = 2;
	else if ((m = H4.exec(t))) depth = 4;
	else if ((m = H1.exec(t))) depth = 1;
	else if ((m = H1_LOST.exec(t))) depth = 1;
	else if ((m = H3.exec(t))) depth = 3;
	else if ((m = H5.exec(t))) depth = 5;
	const trimmed = t.trim();
	if (!m) {
		// unnumbered short line without sentence punctuation
		if (
			trimmed.length >= 2 &&
			trimmed.length <= 25 &&
			!/[。；！？，、]$/.test(trimmed) &&
			!/[。！？]/.test(trimmed) &&
			!DATE_LINE.test(trimmed) &&
			/[\u4e00-\u9fff]{2}/.test(trimmed)
		) {
			const role = headingRole(trimmed);
			const lead = t.length - t.trimStart().length;
			return {
				line,
				lineStart,
				lineEnd: lineStart + t.length,
				textEnd: lineStart + lead + trimmed.length,
				text: trimmed,
				depth: role ? 1 : 6,
				titleLike: true,
				ownRole: role
			};
		}
		return null;
	}
	const prefixEnd = m[0].length;
	const rest = t.slice(prefixEnd);
	const stop = rest.search(depth === 5 ? /[，。；：！？]/ : /[。；：！？]/);
	let textLen: number;
	if (stop >= 0 && stop <= 45) textLen = stop;
	else if (rest.trimEnd().length <= 45) textLen = rest.trimEnd().length;
	else textLen = Math.min(rest.length, 20);
	const text = rest.slice(0, textLen).trim();
	const wholeLineShort = stop < 0 && rest.trimEnd().length <= 45;
	const titleLike = depth !== 5 && (stop >= 0 && stop <= 45 || wholeLineShort) && !CONTENT_MARK.test(text);
	return {
		line,
		lineStart,
		lineEnd: lineStart + t.length,
		textEnd: lineStart + prefixEnd + textLen,
		text: (t.slice(0, prefixEnd).trim() + text).trim(),
		depth,
		titleLike,
		ownRole: depth === 5 ? null : headingRole(text)
	};
}

/**
 * Classify lines and build the section tree. `tableLines` marks lines inside parsed tables.
 */
export function buildSections(
	lines: readonly Line[],
	isNoise: readonly boolean[],
	tableLines: ReadonlySet<number>,
	tableTitleLines: ReadonlySet<number>
): { kinds: LineKind[]; headings: (Heading | null)[]; sections: Section[]; lineRole: SectionRole[]; lineMixed: boolean[] } {
	const n = lines.length;
	const kinds: LineKind[] = new Array<LineKind>(n);
	for (let i = 0; i < n; i++) {
		if (isNoise[i]) kinds[i] = 'noise';
		else if (tableLines.has(i)) kinds[i] = 'table';
		else if (lines[i].text.trim() === '') kinds[i] = 'blank';
		else kinds[i] = 'text';
	}
	// title block: leading short lines without 。 before the first paragraph or numbered heading
	for (let i = 0; i < n; i++) {
		if (kinds[i] !== 'text') continue;
		const t = lines[i].text.trim();
		if (t.length <= 60 && !/[。；]/.test(t) && !H1.test(t) && !H2.test(t) && !H3.test(t) && !H1_LOST.test(t)) kinds[i] = 'title';
		else break;
	}
	// signature block at the end: short lines (an agency, a date) after the last paragraph
	for (let i = n - 1; i >= 0; i--) {
		if (kinds[i] === 'blank' || kinds[i] === 'noise') continue;
		if (kinds[i] !== 'text') break;
		const t = lines[i].text.trim();
		if (t.length <= 30 && !/[。；：，]/.test(t) && !H1.test(t) && !H2.test(t) && !H3.test(t)) kinds[i] = 'tail';
		else break;
	}
	const headings: (Heading | null)[] = new Array<Heading | null>(n).fill(null);
	const sections: Section[] = [];
	const lineRole: SectionRole[] = new Array<SectionRole>(n).fill('body');
	const lineMixed: boolean[] = new Array<boolean>(n).fill(false);
	const stack: { depth: number; role: SectionRole; mixed: boolean; section: Section }[] = [];
	const close = (s: Section, end: number): void => {
		s.end = Math.max(s.start, end);
	};
	let lastContentEnd = 0;
	for (let i = 0; i < n; i++) {
		const k = kinds[i];
		const l = lines[i];
		if (k === 'title' || k === 'tail') {
			lineRole[i] = 'other';
			continue;
		}
		if (k === 'table') {
			lineRole[i] = 'table';
			lastContentEnd = l.end;
			continue;
		}
		if (k !== 'text') continue;
		const h = detectHeading(l.text, l.start, i);
		if (h) {
			headings[i] = h;
			while (stack.length > 0 && stack[stack.length - 1].depth >= h.depth) {
				const top = stack.pop();
				if (top) close(top.section, lastContentEnd);
			}
			const parent = stack[stack.length - 1];
			let role: SectionRole = parent?.role ?? 'body';
			let mixed = parent?.mixed ?? false;
			if (tableTitleLines.has(i)) {
				role = 'table';
				mixed = false;
			} else if (h.ownRole === 'mixed') {
				role = 'problems';
				mixed = true;
			} else if (h.ownRole === 'problems' || h.ownRole === 'plans') {
				role = h.ownRole;
				mixed = false;
			}
			const sec: Section = { start: l.start, end: l.end, heading: h.text, depth: h.depth, role, mixed, line: i };
			sections.push(sec);
			stack.push({ depth: h.depth, role, mixed, section: sec });
		}
		const top = stack[stack.length - 1];
		// prose after a table inside a table section is ordinary body text
		lineRole[i] = top?.role === 'table' && !(h && tableTitleLines.has(i)) ? 'body' : (top?.role ?? 'body');
		lineMixed[i] = top?.mixed ?? false;
		lastContentEnd = l.end;
	}
	for (const s of stack) close(s.section, lastContentEnd);
	return { kinds, headings, sections, lineRole, lineMixed };
}
