/**
 * Agencies in pinyin order for the pickers (issue 14), with the keys their search box matches.
 *
 * ICU's `zh-u-co-pinyin` collation (checked on Node 20: 阿 < 北 < 长 < 重 as single characters)
 * gives one reading per character, so 长春 sorts as "zhang chun" after 重庆 "chong qing"; pinyin-pro
 * reads words (长春 chang chun, 银行 yin hang) and runs here, on the server only, so the browser
 * bundle does not carry its dictionary.
 */
import { pinyin } from 'pinyin-pro';
import type { AgencyOption } from '../agency-order';

const collator = new Intl.Collator(['zh-CN-u-co-pinyin', 'zh-CN'], { numeric: true });
/** Compares the pinyin keys: letters in order, digits by value (第2中学 before 第10中学). */
const keyOrder = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Toneless pinyin syllables of a name ("青岚盟统计局" → ["qing","lan","meng","tong","ji","ju"]); other characters as they are. */
export function pinyinSyllables(name: string): string[] {
	return pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true }).map((s) => s.toLowerCase().trim()).filter(Boolean);
}

/** The agencies sorted by the pinyin of their names (then by ICU order, then id), each with its search keys. */
export function agencyOptions<T extends { id: number; name: string; group?: string | null }>(list: readonly T[]): (T & Required<Pick<AgencyOption, 'py' | 'initials'>>)[] {
	const keyed = list.map((a) => {
		const syl = pinyinSyllables(a.name);
		return { a, key: syl.join(' '), py: syl.join(''), initials: syl.map((s) => s[0]).join('') };
	});
	keyed.sort((x, y) => keyOrder.compare(x.key, y.key) || collator.compare(x.a.name, y.a.name) || x.a.id - y.a.id);
	return keyed.map(({ a, py, initials }) => ({ ...a, py, initials }));
}
