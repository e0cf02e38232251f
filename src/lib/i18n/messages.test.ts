import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The UI's two message files (issue 5 item 10): same keys, no empty values, the same {placeholders}
 * in both languages, and every key used by some page or component.
 */
const root = process.cwd();
const read = (locale: string): Record<string, string> => {
	const raw: unknown = JSON.parse(fs.readFileSync(path.join(root, 'messages', `${locale}.json`), 'utf8'));
	if (typeof raw !== 'object' || raw === null) throw new Error(`messages/${locale}.json is not an object`);
	const out: Record<string, string> = {};
	for (const [k, v] of Object.entries(raw)) {
		if (k === '$schema') continue;
		if (typeof v !== 'string') throw new Error(`messages/${locale}.json: ${k} is not a string`);
		out[k] = v;
	}
	return out;
};
const zh = read('zh-CN');
const en = read('en');
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort();

function sourceFiles(dir: string): string[] {
	const out: string[] = [];
	for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
		const p = path.join(dir, e.name);
		if (e.isDirectory()) {
			if (e.name !== 'paraglide') out.push(...sourceFiles(p));
		} else if (/\.(svelte|ts)$/.test(e.name) && !e.name.endsWith('.test.ts')) out.push(p);
	}
	return out;
}

describe('messages', () => {
	it('has a few hundred messages', () => {
		expect(Object.keys(zh).length).toBeGreaterThan(300);
	});

	it('zh-CN and en have exactly the same keys', () => {
		expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
	});

	it('has no empty values', () => {
		const empty = [...Object.entries(zh).map(([k, v]) => ['zh-CN', k, v]), ...Object.entries(en).map(([k, v]) => ['en', k, v])].filter(([, , v]) => !v.trim());
		expect(empty).toEqual([]);
	});

	it('uses the same placeholders in both languages', () => {
		const diff = Object.keys(zh).filter((k) => placeholders(zh[k]).join() !== placeholders(en[k] ?? '').join());
		expect(diff).toEqual([]);
	});

	it('keeps the keys snake_case (they become function names)', () => {
		expect(Object.keys(zh).filter((k) => !/^[a-z][a-z0-9_]*$/.test(k))).toEqual([]);
	});

	it('the English file is English: no Chinese outside quoted examples', () => {
		// Examples of Chinese input (round names, rubric syntax, alias separators) may stay Chinese.
		const allowed = new Set(['im_name_ph', 'rn_name_ph', 'ag_group_ph', 'ag_region_ph', 'ag_aliases_ph', 'ag_import_hint', 'rr_missing', 'im_first_round_hint', 'lang_zh']);
		const chinese = Object.entries(en).filter(([k, v]) => !allowed.has(k) && /[\u4e00-\u9fff]/.test(v)).map(([k]) => k);
		expect(chinese).toEqual([]);
	});

	it('every key is used by a page, a component or the label helpers', () => {
		const src = sourceFiles(path.join(root, 'src'))
			.map((f) => fs.readFileSync(f, 'utf8'))
			.filter((s) => s.includes('paraglide/messages'))
			.join('\n');
		const used = new Set([...src.matchAll(/\bm\.(\w+)/g)].map((x) => x[1]));
		expect(Object.keys(zh).filter((k) => !used.has(k))).toEqual([]);
	});
});
