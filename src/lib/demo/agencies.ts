/**
 * Fictional agencies for demo data and benchmarks.
 *
 * The core league is 青岚盟 (a made-up name: no league, prefecture or county of that name is
 * known to us; 青川 was avoided because 青川县 is a real county in Sichuan). Banner and county
 * names are likewise invented and checked by hand against the real banners/counties/cities of
 * Inner Mongolia. Large counts add the departments of each banner and then further invented
 * leagues, so names stay unique and deterministic.
 */
import { Rng, hashParts } from './rng';

export interface DemoAgency {
	name: string;
	aliases: string[];
	group: '盟直部门' | '旗县市区';
	level: '部门' | '旗县';
	/** Path-ish location: '青岚盟' for league departments, '青岚盟/北岭旗' below. */
	region: string;
}

/** Business sector of a department; drives the topical vocabulary of its reports. */
export type Sector =
	| 'gov'
	| 'dev'
	| 'edu'
	| 'tech'
	| 'industry'
	| 'police'
	| 'civil'
	| 'justice'
	| 'finance'
	| 'hr'
	| 'land'
	| 'eco'
	| 'housing'
	| 'transport'
	| 'water'
	| 'agri'
	| 'commerce'
	| 'culture'
	| 'health'
	| 'veterans'
	| 'emergency'
	| 'audit'
	| 'market'
	| 'stats'
	| 'forest'
	| 'medical'
	| 'service'
	| 'airdefense'
	| 'energy'
	| 'rural'
	| 'petition'
	| 'urban';

interface DeptDef {
	name: string;
	/** Common short form, e.g. 发改委 (same as name when none). */
	abbr: string;
	/** How the department refers to itself: 我局 / 我委 / 我办. */
	self: string;
	sector: Sector;
}

const DEPARTMENTS: readonly DeptDef[] = [
	{ name: '发展和改革委员会', abbr: '发改委', self: '我委', sector: 'dev' },
	{ name: '教育局', abbr: '教育局', self: '我局', sector: 'edu' },
	{ name: '财政局', abbr: '财政局', self: '我局', sector: 'finance' },
	{ name: '公安局', abbr: '公安局', self: '我局', sector: 'police' },
	{ name: '民政局', abbr: '民政局', self: '我局', sector: 'civil' },
	{ name: '人力资源和社会保障局', abbr: '人社局', self: '我局', sector: 'hr' },
	{ name: '自然资源局', abbr: '自然资源局', self: '我局', sector: 'land' },
	{ name: '生态环境局', abbr: '生态环境局', self: '我局', sector: 'eco' },
	{ name: '住房和城乡建设局', abbr: '住建局', self: '我局', sector: 'housing' },
	{ name: '交通运输局', abbr: '交通运输局', self: '我局', sector: 'transport' },
	{ name: '水利局', abbr: '水利局', self: '我局', sector: 'water' },
	{ name: '农牧局', abbr: '农牧局', self: '我局', sector: 'agri' },
	{ name: '卫生健康委员会', abbr: '卫健委', self: '我委', sector: 'health' },
	{ name: '应急管理局', abbr: '应急管理局', self: '我局', sector: 'emergency' },
	{ name: '市场监督管理局', abbr: '市场监管局', self: '我局', sector: 'market' },
	{ name: '文化旅游体育局', abbr: '文旅体局', self: '我局', sector: 'culture' },
	{ name: '审计局', abbr: '审计局', self: '我局', sector: 'audit' },
	{ name: '统计局', abbr: '统计局', self: '我局', sector: 'stats' },
	{ name: '林业和草原局', abbr: '林草局', self: '我局', sector: 'forest' },
	{ name: '医疗保障局', abbr: '医保局', self: '我局', sector: 'medical' },
	{ name: '行政审批和政务服务局', abbr: '政务服务局', self: '我局', sector: 'service' },
	{ name: '退役军人事务局', abbr: '退役军人事务局', self: '我局', sector: 'veterans' },
	{ name: '人民防空办公室', abbr: '人防办', self: '我办', sector: 'airdefense' },
	{ name: '司法局', abbr: '司法局', self: '我局', sector: 'justice' },
	{ name: '商务局', abbr: '商务局', self: '我局', sector: 'commerce' },
	{ name: '科学技术局', abbr: '科技局', self: '我局', sector: 'tech' },
	{ name: '工业和信息化局', abbr: '工信局', self: '我局', sector: 'industry' },
	{ name: '能源局', abbr: '能源局', self: '我局', sector: 'energy' },
	{ name: '乡村振兴局', abbr: '乡村振兴局', self: '我局', sector: 'rural' },
	{ name: '信访局', abbr: '信访局', self: '我局', sector: 'petition' },
	{ name: '城市管理综合执法局', abbr: '城管局', self: '我局', sector: 'urban' }
];

/** Invented banners/counties/cities/districts of the core league (checked against real names). */
const CORE_BANNERS: readonly string[] = [
	'北岭旗', '东岚旗', '西岚旗', '白泉旗', '柳滩旗', '苇塘旗', '鹿原旗', '雁湖旗', '榆沟旗',
	'银湖旗', '驼铃旗', '桦溪县', '苇川县', '清沟县', '柳营县', '杏沟县', '桑原县',
	'岚城市', '云原市', '岚北区'
];

const CORE_LEAGUE = '青岚盟';
const LEAGUE_FIRST = ['霁', '澄', '苍', '朔', '翠', '岱', '曦', '溯', '汀', '澜', '砚', '琮'];
const LEAGUE_SECOND = ['原', '川', '岭', '泽', '丘', '峦', '溪', '湾'];
const BANNER_FIRST = [
	'霁', '澄', '苍', '朔', '翠', '岱', '曦', '溯', '汀', '澜', '砚', '苇', '桦', '鹿', '雁', '榆',
	'杏', '桑', '驼', '琮', '蓼', '荻', '楸', '椴'
];
const BANNER_SECOND = ['岭', '泉', '沟', '滩', '湖', '原', '川', '甸', '坡', '台', '营', '溪'];
const BANNER_KIND = ['旗', '旗', '旗', '旗', '县', '县', '市'];

const LEAGUE_DEPT_COUNT = 24;
const BANNER_COUNT = 16;
const BANNER_DEPT_COUNT = 20;

/** What the generator needs to know about an agency beyond the public fields. */
export interface AgencyProfile {
	league: string;
	/** The banner/county name ('北岭旗') when the agency is a banner or belongs to one. */
	banner?: string;
	/** The department's base name ('教育局') for departments. */
	dept?: string;
	/** Short name used inside the text: 盟教育局 / 北岭旗 / 旗教育局. */
	short: string;
	/** Self reference: 我局 / 我委 / 我办 / 我旗 / 我县 / 我市 / 我区. */
	self: string;
	/** 旗 / 县 / 市 / 区 for banner governments and their departments; 盟 for league departments. */
	unit: string;
	sector: Sector;
	/** The body that sends the notices to this agency, e.g. 青岚盟行政公署办公室. */
	supervisor: string;
	/** Prefix of the supervisor's document numbers, e.g. 青署办发. */
	docPrefix: string;
}

const DEPT_BY_NAME = new Map(DEPARTMENTS.map((d) => [d.name, d]));

/** Derives the generator's profile from a DemoAgency (also works for agencies the caller built). */
export function agencyProfile(a: DemoAgency): AgencyProfile {
	const [league = CORE_LEAGUE, banner] = a.region.split('/');
	const leagueGov = `${league.replace(/盟$/, '')}盟行政公署办公室`;
	const leaguePrefix = `${league.charAt(0)}署办发`;
	if (a.level === '旗县') {
		const b = banner ?? a.name.replace(/人民政府$/, '');
		const unit = b.slice(-1);
		return {
			league,
			banner: b,
			short: b,
			self: `我${unit}`,
			unit,
			sector: 'gov',
			supervisor: leagueGov,
			docPrefix: leaguePrefix
		};
	}
	const prefix = banner ?? league;
	const base = a.name.startsWith(prefix) ? a.name.slice(prefix.length) : a.name;
	const def = DEPT_BY_NAME.get(base);
	const unit = banner ? banner.slice(-1) : '盟';
	return {
		league,
		banner,
		dept: base,
		short: `${unit}${def ? def.abbr : base}`,
		self: def ? def.self : base.endsWith('委员会') ? '我委' : base.endsWith('办公室') ? '我办' : '我局',
		unit,
		sector: def ? def.sector : 'gov',
		supervisor: banner ? `${banner}人民政府办公室` : leagueGov,
		docPrefix: banner ? `${banner.charAt(0)}政办发` : leaguePrefix
	};
}

function deptAgency(prefix: string, region: string, unit: string, d: DeptDef, group: DemoAgency['group']): DemoAgency {
	const aliases = [`${unit}${d.name}`];
	if (d.abbr !== d.name) aliases.push(`${unit}${d.abbr}`, `${prefix}${d.abbr}`);
	return { name: `${prefix}${d.name}`, aliases, group, level: '部门', region };
}

function bannerAgency(league: string, banner: string): DemoAgency {
	return {
		name: `${banner}人民政府`,
		aliases: [`${banner}政府`, banner],
		group: '旗县市区',
		level: '旗县',
		region: `${league}/${banner}`
	};
}

interface LeaguePlan {
	core: DemoAgency[];
	/** Departments of each banner, one list per banner. */
	bannerDepts: DemoAgency[][];
}

function planLeague(league: string, banners: string[], rng: Rng): LeaguePlan {
	const depts = rng.sample(DEPARTMENTS, LEAGUE_DEPT_COUNT);
	const deptAgencies = depts.map((d) => deptAgency(league, league, '盟', d, '盟直部门'));
	const bannerAgencies = banners.map((b) => bannerAgency(league, b));
	const bannerDepts = banners.map((b) => {
		const own = rng.sample(DEPARTMENTS, BANNER_DEPT_COUNT);
		return own.map((d) => deptAgency(b, `${league}/${b}`, b.slice(-1), d, '旗县市区'));
	});
	return { core: [...deptAgencies, ...bannerAgencies], bannerDepts };
}

function interleave(lists: DemoAgency[][]): DemoAgency[] {
	const out: DemoAgency[] = [];
	const longest = Math.max(0, ...lists.map((l) => l.length));
	for (let i = 0; i < longest; i++) for (const l of lists) if (i < l.length) out.push(l[i]);
	return out;
}

/**
 * Deterministic fictional agencies. The first 40 are the core league's 24 departments
 * (盟直部门) and 16 banners/counties/cities (旗县市区); larger counts add the banners'
 * departments, then further invented leagues. Names are unique.
 *
 * @example demoAgencies(40, 1)[0].name // e.g. '青岚盟教育局'
 */
export function demoAgencies(count = 40, seed = 1): DemoAgency[] {
	const n = Math.max(0, Math.floor(count));
	const rng = new Rng(hashParts('agencies', seed));
	const usedBanners = new Set<string>();
	const usedLeagues = new Set<string>([CORE_LEAGUE]);
	const out: DemoAgency[] = [];

	const coreBanners = pickCoreBanners(rng);
	for (const b of CORE_BANNERS) usedBanners.add(b.slice(0, 2));
	let plan = planLeague(CORE_LEAGUE, coreBanners, rng);

	if (n < plan.core.length) {
		// Keep the departments : banners proportion for small demos.
		const deptN = Math.min(LEAGUE_DEPT_COUNT, Math.ceil((n * LEAGUE_DEPT_COUNT) / (LEAGUE_DEPT_COUNT + BANNER_COUNT)));
		return [...plan.core.slice(0, deptN), ...plan.core.slice(LEAGUE_DEPT_COUNT, LEAGUE_DEPT_COUNT + n - deptN)];
	}

	for (let guard = 0; out.length < n && guard < 10_000; guard++) {
		out.push(...plan.core, ...interleave(plan.bannerDepts));
		if (out.length >= n) break;
		const league = nextLeagueName(rng, usedLeagues);
		const banners: string[] = [];
		for (let misses = 0; banners.length < BANNER_COUNT && misses < 2000; ) {
			const b = `${rng.pick(BANNER_FIRST)}${rng.pick(BANNER_SECOND)}${rng.pick(BANNER_KIND)}`;
			if (usedBanners.has(b.slice(0, 2))) {
				misses++;
				continue;
			}
			usedBanners.add(b.slice(0, 2));
			banners.push(b);
		}
		// Out of invented banner names (> ~6,000 agencies): number the rest.
		while (banners.length < BANNER_COUNT) banners.push(`${league.slice(0, 2)}第${banners.length + 1}旗`);
		plan = planLeague(league, banners, rng);
	}
	return out.slice(0, n);
}

function pickCoreBanners(rng: Rng): string[] {
	const qi = rng.sample(CORE_BANNERS.filter((b) => b.endsWith('旗')), 9);
	const xian = rng.sample(CORE_BANNERS.filter((b) => b.endsWith('县')), 4);
	const shi = CORE_BANNERS.filter((b) => b.endsWith('市'));
	const qu = rng.sample(CORE_BANNERS.filter((b) => b.endsWith('区')), 1);
	return [...shi, ...qu, ...qi, ...xian].slice(0, BANNER_COUNT);
}

function nextLeagueName(rng: Rng, used: Set<string>): string {
	for (let i = 0; i < 1000; i++) {
		const name = `${rng.pick(LEAGUE_FIRST)}${rng.pick(LEAGUE_SECOND)}盟`;
		if (!used.has(name)) {
			used.add(name);
			return name;
		}
	}
	// All two-character combinations used (over 90 leagues): number them.
	const name = `第${used.size + 1}盟`;
	used.add(name);
	return name;
}
