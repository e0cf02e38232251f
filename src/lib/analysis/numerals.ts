/**
 * Numbers in report text: Arabic (1,234 / 32.55万) and Chinese numerals (三, 一百二十, 两千, 〇).
 * 余/多/近/约/超过 make a figure approximate.
 */

const DIGIT: Record<string, number> = {
	零: 0, 〇: 0, '○': 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9
};
const UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const BIG: Record<string, number> = { 万: 10000, 亿: 100000000 };

export const CN_NUMERAL_CHARS = '零〇○一二两三四五六七八九十百千万亿';

/** Parse a Chinese numeral string (一百二十 → 120, 两千 → 2000, 十五 → 15); NaN when invalid. */
export function parseChineseNumeral(s: string): number {
	if (s === '') return Number.NaN;
	// plain digit sequences (二〇一九) read digit by digit
	if ([...s].every((c) => c in DIGIT) && s.length > 1) {
		return Number([...s].map((c) => DIGIT[c]).join(''));
	}
	let total = 0;
	let section = 0;
	let num = 0;
	let seen = false;
	for (const c of s) {
		if (c in DIGIT) {
			num = DIGIT[c];
			seen = true;
		} else if (c in UNIT) {
			section += (seen || num > 0 ? num : 1) * UNIT[c];
			num = 0;
			seen = false;
		} else if (c in BIG) {
			section += num;
			total += (section === 0 ? 1 : section) * BIG[c];
			section = 0;
			num = 0;
			seen = false;
		} else return Number.NaN;
	}
	return total + section + num;
}

/** Parse an Arabic number with an optional 万/亿 multiplier ("32.55万" → 325500, "1,234" → 1234). */
export function parseArabic(num: string, mult?: string): number {
	const v = Number(num.replace(/,/g, ''));
	if (!Number.isFinite(v)) return Number.NaN;
	if (mult === '万') return Math.round(v * 10000);
	if (mult === '亿') return Math.round(v * 100000000);
	if (mult === '千') return Math.round(v * 1000);
	return v;
}

/** A measure word list shared by count detection and metrics. */
export const MEASURE =
	'人次|件次|条次|篇次|个工作日|工作日|平方米|万元|余人|人|件|条|篇|次|个|项|期|场|家|份|名|批|块|台|栏|户|元|套|部|天|小时|版|类|支|所|座|处|种|本|册|张|幅|位|起|封|例|轮|趟|周|月';

const START_CHARS = new Set([...`近约超逾${CN_NUMERAL_CHARS}`].map((c) => c.charCodeAt(0)));
const PREFIX_CHARS = new Set([...'近约超逾'].map((c) => c.charCodeAt(0)));
const RUN_CHARS = new Set([...`0123456789,.${CN_NUMERAL_CHARS}`].map((c) => c.charCodeAt(0)));
const MEASURE_FIRST = new Set([...MEASURE.split('|').map((m) => m[0]), '%'].map((c) => c.charCodeAt(0)));

export interface NumberHit {
	start: number;
	end: number;
	value: number;
	approx: boolean;
	measure: string;
	chinese: boolean;
}

const NUM_RE = new RegExp(
	`(近|约|超过|逾)?(?:(\\d{1,3}(?:,\\d{3})+|\\d+(?:\\.\\d+)?)\\s*(万|亿|千)?|([${CN_NUMERAL_CHARS}]+))\\s*(余|多)?\\s*(${MEASURE}|%)`,
	'y'
);

/**
 * Numbers followed by a measure word (or %). Ordinals (第三次), list enumerators (1、) and
 * idioms with a bare 一 (一站式, 一个窗口, 一次性) are not counts.
 */
export function findCounts(text: string): NumberHit[] {
	const out: NumberHit[] = [];
	let m: RegExpExecArray | null;
	// try the (sticky) pattern only where a number can start: much cheaper than a global scan
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (!((code >= 48 && code <= 57) || START_CHARS.has(code))) continue;
		// cheap pre-check: skip the numeral run and look for a measure word's first character
		let j = i;
		if (PREFIX_CHARS.has(code)) j += text.startsWith('超过', i) ? 2 : 1;
		const runStart = j;
		while (j < text.length && RUN_CHARS.has(text.charCodeAt(j))) j++;
		if (j === runStart) continue;
		while (j < text.length && (text[j] === ' ' || text[j] === '余' || text[j] === '多')) j++;
		if (j >= text.length || !MEASURE_FIRST.has(text.charCodeAt(j))) {
			i = Math.max(i, j - 1);
			continue;
		}
		NUM_RE.lastIndex = i;
		m = NUM_RE.exec(text);
		if (!m) continue;
		i = m.index + m[0].length - 1;
		const start = m.index + (m[1] ? m[1].length : 0);
		const before = text[start - 1] ?? '';
		if (before === '第' || before === '.' || /\d/.test(before)) continue;
		const measure = m[6];
		let value: number;
		let chinese = false;
		if (m[2] !== undefined) {
			value = parseArabic(m[2], m[3]);
		} else {
			const cn = m[4] ?? '';
			chinese = true;
			// bare 一 is almost always idiomatic (一站式, 一个窗口, 一次性办理, 一把手)
			if (cn === '一' || cn === '万' || cn === '亿' || cn === '千' || cn === '百') continue;
			// 一次性 / 一条龙 / 三个代表-like slogans
			const after = text.slice(m.index + m[0].length, m.index + m[0].length + 1);
			if (measure === '次' && after === '性') continue;
			value = parseChineseNumeral(cn);
		}
		if (!Number.isFinite(value)) continue;
		if (measure === '月' && !chinese) continue; // dates like 7月
		if (measure === '%' && m[2] === undefined) continue;
		out.push({
			start,
			end: m.index + m[0].length,
			value,
			approx: Boolean(m[1]) || Boolean(m[5]),
			measure,
			chinese
		});
	}
	return out;
}
