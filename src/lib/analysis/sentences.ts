/**
 * Sentences (split at 。！？ and at the end of a heading's title) with their section role.
 * Inside a "mixed" section (存在的主要问题及改进情况) each sentence is assigned to problems or
 * plans: plan sentences start at a forward-looking sentence (今后/下一步/将…) and stay until a
 * sentence names problems again.
 */
import type { Line } from './noise';
import type { Heading, LineKind } from './sections';
import type { SectionRole } from './types';

export interface Sentence {
	/** normalized offsets */
	start: number;
	end: number;
	text: string;
	role: SectionRole;
	/** the title part of a heading line */
	heading: boolean;
	/** depth of the heading when `heading` */
	headingDepth: number;
	line: number;
	/** index of the heading line of the innermost section (−1 when none) */
	sectionLine: number;
}

const PLAN_START =
	/^(?:在)?(?:今后|下一步|下阶段|明年|来年)|^为此|^针对(?:上述|以上|存在的?|这些)?(?:问题|不足)|今后|下一步|我们将|我局将|我办将|我委将|我中心将|我单位将|将从以下|主要做好以下|改进措施|改进方向|整改措施|努力方向|工作打算|^\d{4}年[^。]{0,30}将|将(?:进一步|继续|着力|重点|持续|切实|不断|加大|加强)/;
const PROBLEM_START = /存在(?:的)?(?:主要|突出)?(?:问题|不足|困难)|不足之处|主要表现在|差距|^(?:一是|二是|三是)?[^。]{0,30}(?:有待|不够|不足|不到位|滞后|欠缺|薄弱)/;

export function splitSentences(
	text: string,
	lines: readonly Line[],
	kinds: readonly LineKind[],
	headings: readonly (Heading | null)[],
	lineRole: readonly SectionRole[],
	lineMixed: readonly boolean[]
): Sentence[] {
	const out: Sentence[] = [];
	let sectionLine = -1;
	let mixedState: 'problems' | 'plans' = 'problems';
	let mixedSection = -1;
	let mixedRoot = -1;
	for (let li = 0; li < lines.length; li++) {
		const k = kinds[li];
		if (k !== 'text' && k !== 'title' && k !== 'tail') continue;
		const l = lines[li];
		const h = headings[li];
		if (h && h.depth <= 4) sectionLine = li;
		if (h && h.ownRole === 'mixed') mixedRoot = li;
		let pos = l.start;
		const push = (s: number, e: number, heading: boolean): void => {
			let a = s;
			let b = e;
			while (a < b && /\s/.test(text[a])) a++;
			while (b > a && /\s/.test(text[b - 1])) b--;
			if (b <= a) return;
			const t = text.slice(a, b);
			let role = lineRole[li];
			if (lineMixed[li] && !(h && h.ownRole !== null && h.ownRole !== 'mixed' && heading)) {
				// the state belongs to the mixed section itself: its sub-headings ((一)办好公开平台)
				// under a plans intro stay plans
				if (mixedSection !== mixedRoot) {
					mixedSection = mixedRoot;
					mixedState = 'problems';
				}
				if (h && heading && h.ownRole === 'mixed') role = 'problems';
				else {
					if (mixedState === 'problems' && PLAN_START.test(t)) mixedState = 'plans';
					else if (mixedState === 'plans' && PROBLEM_START.test(t) && !PLAN_START.test(t)) mixedState = 'problems';
					role = mixedState;
				}
			}
			out.push({
				start: a,
				end: b,
				text: t,
				role,
				heading,
				headingDepth: heading && h ? h.depth : 0,
				line: li,
				sectionLine
			});
		};
		if (h && h.titleLike && h.depth !== 5) {
			let e = h.textEnd;
			// include the punctuation that closed the title
			if (e < l.end && /[。；：！？]/.test(text[e])) e++;
			push(l.start, e, true);
			pos = e;
		}
		for (let i = pos; i < l.end; i++) {
			const c = text[i];
			if (c === '。' || c === '！' || c === '？') {
				// keep closing quotes/brackets with the sentence
				let e = i + 1;
				while (e < l.end && /[”’）)」』]/.test(text[e])) e++;
				push(pos, e, false);
				pos = e;
				i = e - 1;
			}
		}
		if (pos < l.end) push(pos, l.end, false);
	}
	return out;
}
