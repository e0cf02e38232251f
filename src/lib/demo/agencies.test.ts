import { describe, it, expect } from 'vitest';
import { agencyProfile, demoAgencies } from './agencies';

describe('demoAgencies', () => {
	it('gives 24 league departments and 16 banners/counties by default', () => {
		const list = demoAgencies();
		expect(list).toHaveLength(40);
		expect(list.filter((a) => a.group === '盟直部门' && a.level === '部门')).toHaveLength(24);
		expect(list.filter((a) => a.group === '旗县市区' && a.level === '旗县')).toHaveLength(16);
		for (const a of list) {
			expect(a.name.startsWith('青岚盟') || a.name.endsWith('人民政府')).toBe(true);
			expect(a.aliases.length).toBeGreaterThan(0);
			expect(a.region.startsWith('青岚盟')).toBe(true);
		}
		expect(list.some((a) => a.name.endsWith('旗人民政府'))).toBe(true);
		expect(list.some((a) => a.name.endsWith('县人民政府'))).toBe(true);
		expect(list.some((a) => a.name.endsWith('市人民政府'))).toBe(true);
	});

	it('is deterministic and seed-dependent', () => {
		expect(demoAgencies(40, 3)).toEqual(demoAgencies(40, 3));
		expect(demoAgencies(40, 3).map((a) => a.name)).not.toEqual(demoAgencies(40, 4).map((a) => a.name));
	});

	it('makes 2,000 unique names, with banner departments, and keeps the 40 as a prefix', () => {
		const big = demoAgencies(2000, 1);
		expect(big).toHaveLength(2000);
		expect(new Set(big.map((a) => a.name)).size).toBe(2000);
		expect(big.slice(0, 40)).toEqual(demoAgencies(40, 1));
		const bannerDept = big.find((a) => a.level === '部门' && a.region.includes('/'));
		expect(bannerDept).toBeDefined();
		expect(bannerDept!.group).toBe('旗县市区');
		expect(bannerDept!.name.startsWith(bannerDept!.region.split('/')[1])).toBe(true);
		expect(new Set(big.map((a) => a.region.split('/')[0])).size).toBeGreaterThan(1);
	});

	it('keeps the department/banner proportion for small counts', () => {
		const ten = demoAgencies(10);
		expect(ten).toHaveLength(10);
		expect(ten.filter((a) => a.level === '部门').length).toBe(6);
		expect(demoAgencies(0)).toEqual([]);
	});

	it('profiles agencies for the writer', () => {
		const list = demoAgencies(2000, 1);
		const edu = list.find((a) => a.name === '青岚盟教育局') ?? list.find((a) => a.name.endsWith('教育局'))!;
		const p = agencyProfile(edu);
		expect(p.sector).toBe('edu');
		expect(p.self).toBe('我局');
		const gov = list.find((a) => a.level === '旗县')!;
		const g = agencyProfile(gov);
		expect(g.sector).toBe('gov');
		expect(g.self).toMatch(/^我[旗县市区]$/);
		expect(g.supervisor).toBe('青岚盟行政公署办公室');
	});
});
