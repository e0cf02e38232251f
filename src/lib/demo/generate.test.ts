import { describe, it, expect } from 'vitest';
import { demoAgencies, generateReport, generateRound, type ReportType } from './generate';

const agencies = demoAgencies(40, 1);
const dept = agencies[0];
const banner = agencies.find((a) => a.level === '旗县')!;
const TYPES: ReportType[] = ['annual_report', 'self_inspection', 'key_points', 'work_summary'];
const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

/** Parses the `|` rows of the application table: label → numbers (applicant columns + 总计). */
function applicationRows(text: string): Map<string, number[]> {
	const rows = new Map<string, number[]>();
	for (const line of text.split('\n')) {
		if (!line.includes('|')) continue;
		const cells = line.split('|').map((c) => c.trim()).filter((c) => c !== '');
		const nums = cells.filter((c) => /^-?\d+$/.test(c)).map(Number);
		const label = cells[0].replace(/[()]/g, (p) => (p === '(' ? '（' : '）'));
		if (nums.length !== 7) continue;
		if (label.startsWith('一、本年新收')) rows.set('new', nums);
		else if (label.startsWith('二、上年结转')) rows.set('carried', nums);
		else if (label.startsWith('（七）总计')) rows.set('handled', nums);
		else if (label.startsWith('四、结转下年度')) rows.set('forward', nums);
	}
	return rows;
}

function failingColumns(text: string): number {
	const r = applicationRows(text);
	const [a, b, c, d] = ['new', 'carried', 'handled', 'forward'].map((k) => r.get(k));
	expect(a && b && c && d, 'application table rows present').toBeTruthy();
	let fails = 0;
	for (let i = 0; i < 7; i++) if (a![i] + b![i] !== c![i] + d![i]) fails++;
	return fails;
}

describe('generateReport', () => {
	it('is deterministic: same options, same text', () => {
		for (const type of TYPES) {
			const o = { agency: dept, year: 2021, seed: 42, quality: 0.5, type, webNoise: true };
			const a = generateReport(o);
			const b = generateReport(o);
			expect(a.text).toBe(b.text);
			expect(a.intended).toEqual(b.intended);
			expect(a.fileName).toBe(b.fileName);
		}
	});

	it('differs with the seed, the agency and the year', () => {
		const base = { agency: dept, year: 2021, seed: 1, type: 'self_inspection' as const };
		const t = generateReport(base).text;
		expect(generateReport({ ...base, seed: 2 }).text).not.toBe(t);
		expect(generateReport({ ...base, agency: agencies[1] }).text).not.toBe(t);
		expect(generateReport({ ...base, year: 2022 }).text).not.toBe(t);
	});

	it('lands within ±30% of targetBytes', () => {
		for (const type of TYPES)
			for (const target of [8_000, 10_000, 20_000, 50_000])
				for (const seed of [1, 2, 3]) {
					const r = generateReport({ agency: seed === 2 ? banner : dept, year: 2021, seed, type, targetBytes: target });
					const size = bytes(r.text);
					expect(size, `${type} ${target} ${seed}`).toBeGreaterThanOrEqual(target * 0.7);
					expect(size, `${type} ${target} ${seed}`).toBeLessThanOrEqual(target * 1.3);
				}
	});

	it('defaults to roughly 6–12 KB', () => {
		for (let seed = 0; seed < 20; seed++) {
			const r = generateReport({ agency: agencies[seed], year: 2020, seed, type: TYPES[seed % 4] });
			expect(bytes(r.text)).toBeGreaterThan(5_000);
			expect(bytes(r.text)).toBeLessThan(14_000);
		}
	});

	it('has a title, numbered headings, problems, plans and a dated signature', () => {
		for (const type of TYPES)
			for (let seed = 0; seed < 6; seed++) {
				const r = generateReport({ agency: agencies[seed * 5], year: 2022, seed, type });
				const t = r.text;
				const label = `${type} ${seed}`;
				expect(t, label).toMatch(/^一、/m);
				expect(t, label).toMatch(/^二、/m);
				expect(t, label).toMatch(/[（(]一[）)]/);
				expect(t, label).toMatch(/存在(的主要|的)?问题/);
				expect(t, label).toMatch(/下一步|打算|改进|计划/);
				expect(t, label).toMatch(/(20\d\d年\d{1,2}月\d{1,2}日|20\d\d-\d\d-\d\d|20\d\d\/\d{1,2}\/\d{1,2})\s*$/);
				expect([1, 2], label).toContain(r.intended['rq.problems']);
				expect([1, 2], label).toContain(r.intended['rq.plans']);
				const name = agencies[seed * 5].name;
				const named = t.includes(name) || agencies[seed * 5].aliases.some((a) => t.includes(a));
				expect(named, label).toBe(true);
			}
		expect(generateReport({ agency: dept, year: 2021, seed: 3, type: 'key_points' }).text).toContain('要点落实情况');
		expect(generateReport({ agency: dept, year: 2021, seed: 3, type: 'annual_report' }).text).toContain('年度报告');
	});

	it('writes half-year reports as such', () => {
		const r = generateReport({ agency: banner, year: 2021, half: true, seed: 9 });
		expect(r.type).toBe('work_summary');
		expect(r.text).toContain('2021年上半年');
		expect(r.fileName).toContain('上半年');
	});

	it('gives annual reports the tables of their year and marks the identity as intended', () => {
		for (let seed = 0; seed < 16; seed++) {
			const year = seed % 2 === 0 ? 2020 : 2022;
			const breakIdentity = seed % 4 === 1;
			const r = generateReport({ agency: agencies[seed], year, seed, type: 'annual_report', tableStyle: 'pipe', breakIdentity });
			const t = r.text;
			expect(t).toContain('收到和处理政府信息公开申请情况');
			expect(t).toContain('第二十条第');
			expect(t).toMatch(/行政复议.*\|.*行政诉讼/);
			if (year === 2020) {
				expect(t).toContain('本年新制作数量');
				expect(t).toContain('政府集中采购');
			} else {
				expect(t).toContain('本年制发件数');
				expect(t).toContain('逾期未按收费通知要求缴纳费用');
				expect(t).not.toContain('政府集中采购');
			}
			expect(failingColumns(t)).toBe(breakIdentity ? 1 : 0);
			expect(r.intended['rq.consistency']).toBe(breakIdentity ? 0 : 2);
			expect(r.intended['rc.applications']).toBe(2);
			expect(r.intended['rq.statistics']).toBe(2);
		}
	});

	it('breaks the identity in about 1 of 8 annual reports by default', () => {
		let broken = 0;
		const n = 240;
		for (let seed = 0; seed < n; seed++) {
			const r = generateReport({ agency: agencies[seed % 40], year: 2021, seed, type: 'annual_report', tableStyle: 'pipe', targetBytes: 4000 });
			const fails = failingColumns(r.text);
			expect(fails === 0).toBe(r.intended['rq.consistency'] === 2);
			if (fails > 0) broken++;
		}
		expect(broken / n).toBeGreaterThan(0.05);
		expect(broken / n).toBeLessThan(0.22);
	});

	it('writes tables one cell per line on request, and no standard tables before 2019', () => {
		const cells = generateReport({ agency: banner, year: 2021, seed: 5, type: 'annual_report', tableStyle: 'cells' });
		expect(cells.text).toMatch(/^一、本年新收政府信息公开申请数量\n\d+\n\d+\n/m);
		const old = generateReport({ agency: banner, year: 2018, seed: 5, type: 'annual_report' });
		expect(old.text).not.toContain('第二十条第');
		expect(old.text).toContain('依申请公开');
		expect(old.intended['rq.consistency']).toBeUndefined();
		const self = generateReport({ agency: banner, year: 2021, seed: 5, type: 'self_inspection' });
		expect(self.intended['rq.consistency']).toBeUndefined();
	});

	it('never states two different application totals, and states zeros', () => {
		let zeros = 0;
		for (let seed = 0; seed < 120; seed++) {
			const r = generateReport({ agency: agencies[seed % 40], year: 2021, seed, quality: 0.9, type: TYPES[seed % 4], targetBytes: 30_000 });
			const t = r.text;
			if (t.includes('未收到政府信息公开申请')) zeros++;
			expect(t.includes('未收到政府信息公开申请') && /共(受理|收到)政府信息公开申请[1-9]/.test(t)).toBe(false);
		}
		expect(zeros).toBeGreaterThan(0);
	});

	it('meets more indicators when quality is higher', () => {
		const mean = (q: number): number => {
			let sum = 0;
			let count = 0;
			for (let seed = 0; seed < 40; seed++) {
				const r = generateReport({ agency: agencies[seed], year: 2021, seed, quality: q, type: 'self_inspection' });
				for (const [id, v] of Object.entries(r.intended)) if (!id.startsWith('rq.')) (sum += v), count++;
			}
			return sum / count;
		};
		const low = mean(0.1);
		const high = mean(0.9);
		expect(high - low).toBeGreaterThan(0.8);
	});

	it('writes specifics only for met indicators of a low-quality writer (stated absences and intentions appear)', () => {
		let absences = 0;
		let intentions = 0;
		for (let seed = 0; seed < 40; seed++) {
			const t = generateReport({ agency: agencies[seed], year: 2021, seed, quality: 0.1, type: 'self_inspection' }).text;
			if (/尚未(开通|开设|建立|成立)|暂未开通/.test(t)) absences++;
			// Only the body, before the problems section: intentions there are not achievements.
			const body = t.split(/^[一二三四五六七]、存在/m)[0];
			if (/(下一步，|今后将|计划|拟)/.test(body)) intentions++;
		}
		expect(absences).toBeGreaterThan(3);
		expect(intentions).toBeGreaterThan(10);
	});

	it('converts to traditional characters', () => {
		const r = generateReport({ agency: dept, year: 2021, seed: 4, type: 'self_inspection', traditional: true });
		expect(r.text).toContain('政務公開');
		expect(r.text).not.toContain('政务公开');
		const custom = generateReport({ agency: dept, year: 2021, seed: 4, type: 'self_inspection', traditional: true, toTraditional: (s) => s.replaceAll('公开', '公開') });
		expect(custom.text).toContain('政务公開');
	});

	it('adds web-page noise when asked', () => {
		const plain = generateReport({ agency: banner, year: 2021, seed: 8, type: 'annual_report' }).text;
		const r = generateReport({ agency: banner, year: 2021, seed: 8, type: 'annual_report', webNoise: true }).text;
		for (const t of [r]) {
			expect(t).toMatch(/当前位置|您现在的位置/);
			expect(t).toMatch(/字号/);
			expect(t).toMatch(/打印本页/);
			expect(t).toMatch(/ICP备\d+号/);
			expect(t).toMatch(/公网安备 ?\d+号/);
			expect(t).toMatch(/主办单位/);
		}
		expect(plain).not.toMatch(/ICP备|当前位置|打印本页/);
	});
});

describe('generateRound', () => {
	const big = demoAgencies(300, 1);

	it('is deterministic, skips about 10%, and mixes types, scripts and noise', () => {
		const a = generateRound(big, 2021, 7);
		const b = generateRound(big, 2021, 7);
		expect(a.map((r) => r.text)).toEqual(b.map((r) => r.text));
		const missing = 1 - a.length / big.length;
		expect(missing).toBeGreaterThan(0.04);
		expect(missing).toBeLessThan(0.18);
		const types = new Map<string, number>();
		for (const r of a) types.set(r.type, (types.get(r.type) ?? 0) + 1);
		expect((types.get('annual_report') ?? 0) / a.length).toBeGreaterThan(0.5);
		expect(types.get('self_inspection') ?? 0).toBeGreaterThan(0);
		expect(types.get('key_points') ?? 0).toBeGreaterThan(0);
		const trad = a.filter((r) => r.text.includes('政務公開') || r.text.includes('資訊')).length / a.length;
		expect(trad).toBeGreaterThan(0.03);
		expect(trad).toBeLessThan(0.2);
		const web = a.filter((r) => /ICP备|ICP備/.test(r.text)).length / a.length;
		expect(web).toBeGreaterThan(0.18);
		expect(web).toBeLessThan(0.42);
		expect(new Set(a.map((r) => r.fileName)).size).toBe(a.length);
	});

	it('lets agencies improve or decline across years', () => {
		const score = (year: number): Map<string, number> => {
			const m = new Map<string, number>();
			for (const r of generateRound(big, year, 7)) {
				const vals = Object.entries(r.intended).filter(([id]) => !id.startsWith('rq.')).map(([, v]) => v);
				m.set(r.fileName.split('-')[0], vals.reduce<number>((x, y) => x + y, 0));
			}
			return m;
		};
		const first = score(2019);
		const last = score(2024);
		let up = 0;
		let down = 0;
		for (const [name, s] of first) {
			const t = last.get(name);
			if (t === undefined) continue;
			if (t - s >= 6) up++;
			if (s - t >= 6) down++;
		}
		expect(up).toBeGreaterThan(10);
		expect(down).toBeGreaterThan(10);
	});
});
