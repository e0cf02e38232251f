/**
 * Character-level traditional → simplified map, built once from opencc-js's dictionaries.
 *
 * We deliberately use only the single-character tables (TW/HK variant reversal, then
 * TSCharacters) and never the phrase tables: phrase mode rewrites mainland words
 * (文件→文档, 程序→进程), and a 1:1 character map keeps offsets trivially mappable.
 */
import { from, to } from 'opencc-js/preset/t2cn';
import { from as fromCn } from 'opencc-js/preset/cn2t';

type Dict = string | readonly (readonly [string, string])[];

function singleCharPairs(dict: Dict): [string, string][] {
	const out: [string, string][] = [];
	const push = (k: string, v: string): void => {
		// Only code point → code point entries; phrases are ignored on purpose.
		if (k.length > 0 && v.length > 0 && [...k].length === 1 && [...v].length === 1) out.push([k, v]);
	};
	if (typeof dict === 'string') {
		for (const entry of dict.split('|')) {
			const sp = entry.indexOf(' ');
			if (sp <= 0) continue;
			const rest = entry.slice(sp + 1);
			const sp2 = rest.indexOf(' ');
			push(entry.slice(0, sp), sp2 < 0 ? rest : rest.slice(0, sp2));
		}
	} else {
		for (const [k, v] of dict) push(k, v);
	}
	return out;
}

function groupPairs(groups: readonly (readonly Dict[])[] | undefined): Map<string, string> {
	const m = new Map<string, string>();
	for (const group of groups ?? []) {
		for (const dict of group) {
			for (const [k, v] of singleCharPairs(dict)) if (!m.has(k)) m.set(k, v);
		}
	}
	return m;
}

function build(): Map<string, string> {
	const variants = groupPairs(from.tw);
	for (const [k, v] of groupPairs(from.hk)) if (!variants.has(k)) variants.set(k, v);
	const ts = groupPairs(to.cn);
	const out = new Map<string, string>();
	const apply = (c: string): string => {
		const v = variants.get(c) ?? c;
		return ts.get(v) ?? v;
	};
	for (const k of variants.keys()) {
		const s = apply(k);
		if (s !== k) out.set(k, s);
	}
	for (const k of ts.keys()) {
		const s = apply(k);
		if (s !== k) out.set(k, s);
	}
	return out;
}

/** traditional (or variant) character → simplified character; absent when unchanged. */
export const t2sMap: ReadonlyMap<string, string> = build();

/**
 * Characters that only exist as simplified forms: those the simplified→traditional character
 * table (STCharacters) changes. Approximate (干/后/台 are also traditional); used for a ratio only.
 */
export const simplifiedOnly: ReadonlySet<string> = (() => {
	const s = new Set<string>();
	for (const [k, v] of groupPairs(fromCn.cn)) if (k !== v && !t2sMap.has(k)) s.add(k);
	return s;
})();
