/**
 * The search of an agency picker (issue 14). The server sends agencies already in pinyin order
 * (`$lib/server/agency-order`, pinyin-pro reads words, so 长春 is chang chun and 重庆 chong qing)
 * with each name's pinyin and initials; typing 统计, tongji or tjj finds 青岚盟统计局.
 */

/** An agency as a picker shows it. `py` / `initials`: toneless pinyin, lower case, no spaces. */
export interface AgencyOption {
	id: number;
	name: string;
	group?: string | null;
	py?: string;
	initials?: string;
}

const squash = (s: string) => s.normalize('NFKC').replace(/[\s'’·]+/g, '').toLowerCase();

/** Does an agency match what was typed: any part of its name, its pinyin or its initials (spaces and width ignored)? */
export function matchesQuery(a: Pick<AgencyOption, 'name' | 'py' | 'initials'>, query: string): boolean {
	const q = squash(query);
	if (q === '') return true;
	if (squash(a.name).includes(q)) return true;
	return /^[a-z]+$/.test(q) && (!!a.py?.includes(q) || !!a.initials?.includes(q));
}

/**
 * ICU's pinyin collation, for lists sorted in the browser without the server's keys. It reads
 * characters, not words (长春 sorts as zhang chun), so the server's order is preferred.
 */
export function pinyinCollator(): Intl.Collator {
	return new Intl.Collator(['zh-CN-u-co-pinyin', 'zh-CN', 'zh'], { numeric: true });
}
