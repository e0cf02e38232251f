/**
 * Deterministic generator of synthetic 政务公开 reports (demo data, benchmark corpus).
 *
 * Pure: no I/O. Same options → same text. The writer decides a level per rubric indicator from
 * `quality`, then writes the report the way real ones are written: a title, an opening notice,
 * numbered sections at several heading levels, specifics or only praise words, stated absences
 * and intentions, a problems section and a plans section that reuse the indicator vocabulary,
 * the standard tables in annual reports, and a signature. `intended` records what the writer
 * meant per indicator; it is a sanity reference, not a gold label.
 */
import { agencyProfile, type DemoAgency } from './agencies';
import { SECTOR_TOPICS, type Ctx, type Gen } from './context';
import { BANKS, BODY_INDICATORS, GENERIC_PLANS, GENERIC_PROBLEMS, fluffSentence, type IndicatorId } from './phrases';
import { Rng, hashParts, utf8Length } from './rng';
import { buildTables, type TableStyle } from './tables';
import { webNoise } from './noise';
import { toTraditional as defaultToTraditional } from './traditional';

export type { DemoAgency } from './agencies';
export { demoAgencies } from './agencies';

export type ReportType = 'annual_report' | 'self_inspection' | 'key_points' | 'work_summary';

export interface GenerateOptions {
	agency: DemoAgency;
	year: number;
	half?: boolean;
	seed: number;
	/** 0..1: how thorough the agency is this year; drives how many indicators are met. Default 0.6. */
	quality?: number;
	/** Default: annual_report (work_summary for a half year). */
	type?: ReportType;
	traditional?: boolean;
	webNoise?: boolean;
	/** Approximate UTF-8 size; default 6–12 KB chosen from the seed. */
	targetBytes?: number;
	/** Converter for `traditional` (default: opencc-js cn → tw, character level). */
	toTraditional?: (s: string) => string;
	/** Force how annual-report tables are written (default: mostly pipe rows, some one cell per line). */
	tableStyle?: TableStyle;
	/** Force the application-table identity to fail (true) or hold (false); default: fails 1 in 8. */
	breakIdentity?: boolean;
}

export interface GeneratedReport {
	fileName: string;
	/** The agency it was written for (its registry name). */
	agency: string;
	text: string;
	type: string;
	year: number;
	/** The level the writer intended per indicator id (rq.consistency only when the table exists). */
	intended: Record<string, 0 | 1 | 2>;
}

type Level = 0 | 1 | 2;
type ZeroMode = 'omit' | 'intent' | 'absent' | 'require';

interface Chunk {
	id?: IndicatorId;
	sentences: string[];
}
interface Para {
	kind: 'plain' | 'item' | 'enum' | 'line';
	lead?: string;
	chunks: Chunk[];
}
interface Group {
	heading?: string;
	paras: Para[];
	/** Filler paragraphs may be inserted here. */
	fillable: boolean;
}
/** A top-level section: heading line plus groups. */
interface Section {
	heading: string;
	groups: Group[];
}

const CN = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];
const TYPE_LABEL: Record<ReportType, string> = {
	annual_report: '政府信息公开工作年度报告',
	self_inspection: '政务公开工作自查报告',
	key_points: '政务公开工作要点落实情况报告',
	work_summary: '政务公开工作总结'
};

interface Style {
	l2: (i: number) => string;
	l3: (i: number) => string;
	indent: string;
	blank: boolean;
	itemsInline: boolean;
	halfwidth: boolean;
}

function pickStyle(rng: Rng): Style {
	const fullParen = rng.chance(0.7);
	const l3sep = rng.pick(['.', '、', '．']);
	return {
		l2: (i) => (fullParen ? `（${CN[i]}）` : `(${CN[i]})`),
		l3: (i) => `${i + 1}${l3sep}`,
		indent: rng.pick(['', '  ', '　　', '  ']),
		blank: rng.chance(0.5),
		itemsInline: rng.chance(0.7),
		halfwidth: rng.chance(0.15)
	};
}

function makeCtx(rng: Rng, agency: DemoAgency, year: number, half: boolean): Ctx {
	const p = agencyProfile(agency);
	const topics = SECTOR_TOPICS[p.sector] ?? SECTOR_TOPICS.gov;
	const period = half ? `${year}年上半年` : `${year}年`;
	const leagueGov = `${p.league}行政公署`;
	const site =
		p.sector === 'gov'
			? `${p.short}人民政府门户网站`
			: rng.chance(0.5)
				? `${leagueGov}门户网站`
				: `${agency.name}网站`;
	const base = p.sector === 'gov' ? p.short.slice(0, -1) : p.short;
	const head =
		p.sector === 'gov' ? `常务副${p.unit}长` : p.self === '我局' ? '局长' : '主任';
	const ctx: Ctx = {
		rng,
		p,
		name: agency.name,
		year,
		half,
		period,
		self: p.self,
		platOk: false,
		chanOk: false,
		site,
		wechat: `“${base}${p.sector === 'gov' ? '发布' : ''}”微信公众号`,
		head,
		stats: false,
		also: new Set<string>(),
		n: (min, max) => rng.int(min, max),
		about: (min, max) => {
			const v = rng.int(min, max);
			return v >= 20 && rng.chance(0.3) ? `${Math.floor(v / 10) * 10}余` : String(v);
		},
		date: () => `${rng.int(1, half ? 6 : 12)}月${rng.int(1, 28)}日`,
		topic: () => rng.pick(topics),
		pick: (items) => rng.pick(items)
	};
	return ctx;
}

function decideLevels(rng: Rng, quality: number): Record<IndicatorId, Level> {
	const q = Math.min(1, Math.max(0, quality));
	const p2 = 0.08 + 0.84 * q;
	const levels = {} as Record<IndicatorId, Level>;
	for (const id of BODY_INDICATORS) {
		const r = rng.next();
		levels[id] = r < p2 ? 2 : r < p2 + (1 - p2) * 0.6 ? 1 : 0;
	}
	return levels;
}

function zeroMode(rng: Rng, id: IndicatorId, type: ReportType): ZeroMode {
	const bank = BANKS[id as keyof typeof BANKS];
	const r = rng.next();
	if (type === 'key_points') {
		if (r < 0.5) return 'require';
		if (r < 0.7) return 'omit';
		if (r < 0.85 || !bank.absent) return 'intent';
		return 'absent';
	}
	if (r < 0.5) return 'omit';
	if (r < 0.72) return 'intent';
	if (r < 0.9 && bank.absent) return 'absent';
	return r < 0.95 ? 'require' : 'omit';
}

/** Remaining sentences an indicator may add while padding. */
type Pools = Map<IndicatorId, Gen[]>;

interface Writer {
	rng: Rng;
	c: Ctx;
	type: ReportType;
	levels: Record<IndicatorId, Level>;
	zero: Map<IndicatorId, ZeroMode>;
	pools: Pools;
	style: Style;
}

function bankOf(id: IndicatorId) {
	return BANKS[id as keyof typeof BANKS];
}

/** First sentences an indicator contributes to the body (empty when omitted). */
function firstSentences(w: Writer, id: IndicatorId): string[] {
	const bank = bankOf(id);
	const { rng, c } = w;
	const level = w.levels[id];
	const out: string[] = [];
	const requireFirst = w.type === 'key_points' && rng.chance(level === 0 ? 1 : 0.55);
	if (level === 2) {
		const met = rng.shuffle(bank.met.slice());
		const partial = rng.shuffle(bank.partial.slice());
		if (requireFirst) out.push(rng.pick(bank.require)(c));
		if (rng.chance(0.3)) out.push(partial.shift()!(c));
		out.push(met.shift()!(c));
		w.pools.set(id, rng.shuffle(bank.exclusive ? partial : [...met, ...partial]));
		return out;
	}
	if (level === 1) {
		const partial = rng.shuffle(bank.partial.slice());
		if (requireFirst) out.push(rng.pick(bank.require)(c));
		out.push(partial.shift()!(c));
		w.pools.set(id, partial);
		return out;
	}
	const mode = w.zero.get(id) ?? 'omit';
	if (mode === 'omit') return out;
	if (mode === 'require') return [rng.pick(bank.require)(c)];
	if (mode === 'absent' && bank.absent) return [rng.pick(bank.absent)(c)];
	if (requireFirst) out.push(rng.pick(bank.require)(c));
	out.push(rng.pick(bank.intent)(c));
	return out;
}

/** One body group: a heading and the paragraphs for its indicators, in one of several styles. */
function bodyGroup(w: Writer, heading: string | undefined, ids: IndicatorId[], forceItems = false): Group {
	const { rng } = w;
	const chunks: Chunk[] = [];
	for (const id of ids) {
		const s = firstSentences(w, id);
		if (s.length > 0) chunks.push({ id, sentences: s });
	}
	const paras: Para[] = [];
	const r = rng.next();
	if (chunks.length === 0) {
		// Nothing to say: real reports still write a generic line under the heading.
		paras.push({ kind: 'plain', chunks: [{ sentences: [fluffSentence(w.c)] }] });
	} else if (forceItems || (r < 0.4 && chunks.length > 1)) {
		chunks.forEach((ch, i) => {
			const title = rng.pick(bankOf(ch.id!).title);
			paras.push({ kind: 'item', lead: `${w.style.l3(i)}${title}`, chunks: [ch] });
		});
	} else if (r < 0.65 && chunks.length > 1) {
		paras.push({ kind: 'enum', chunks });
	} else {
		const cut = chunks.length > 3 && rng.chance(0.5) ? rng.int(1, chunks.length - 1) : chunks.length;
		paras.push({ kind: 'plain', chunks: chunks.slice(0, cut) });
		if (cut < chunks.length) paras.push({ kind: 'plain', chunks: chunks.slice(cut) });
	}
	return { heading, paras, fillable: true };
}

interface Distinct {
	ids: IndicatorId[];
	generic: number;
}

/** Which indicators the problems (and plans) talk about: mostly the weak ones. */
function chooseTopics(w: Writer, n: number): Distinct {
	const { rng } = w;
	const weak = BODY_INDICATORS.filter((id) => w.levels[id] < 2 && id !== 'rq.statistics');
	const strong = BODY_INDICATORS.filter((id) => w.levels[id] === 2 && id !== 'rq.statistics');
	const ids: IndicatorId[] = [];
	let generic = 0;
	for (let i = 0; i < n; i++) {
		const r = rng.next();
		const pool = r < 0.75 ? weak : r < 0.9 ? strong : [];
		const free = pool.filter((id) => !ids.includes(id));
		if (free.length === 0 || (pool.length === 0 && generic < 2)) {
			if (generic < 2) generic++;
			else ids.push(rng.pick(BODY_INDICATORS.filter((id) => !ids.includes(id))));
		} else ids.push(rng.pick(free));
	}
	return { ids, generic };
}

function count13(rng: Rng): number {
	const r = rng.next();
	return r < 0.3 ? 1 : r < 0.7 ? 2 : 3;
}

function problemsGroups(w: Writer, chosen: Distinct): Group[] {
	const { rng, c } = w;
	const clauses = [
		...chosen.ids.map((id) => rng.pick(bankOf(id).problem)(c)),
		...rng.sample(GENERIC_PROBLEMS, chosen.generic).map((g) => g(c))
	];
	rng.shuffle(clauses);
	const intro = rng.pick([
		`${c.period}，${c.self}政务公开工作虽然取得了一定成效，但对照上级要求和群众期盼，仍存在一些不足`,
		'在肯定成绩的同时，我们也清醒地看到，工作中还存在一些问题和不足，主要表现在',
		'虽然取得了一定成绩，但还存在以下问题'
	]);
	const style = rng.next();
	if (style < 0.4 && clauses.length > 1) {
		return [
			{
				paras: [
					{ kind: 'line', chunks: [{ sentences: [`${intro}：`] }] },
					...clauses.map((cl, i): Para => ({ kind: 'line', chunks: [{ sentences: [`${w.style.l2(i)}${cl}。`] }] }))
				],
				fillable: false
			}
		];
	}
	const body =
		clauses.length === 1
			? `${clauses[0]}。`
			: style < 0.75
				? `${clauses.map((cl, i) => `${CN[i]}是${cl}`).join('；')}。`
				: `${clauses.join('；')}。`;
	return [{ paras: [{ kind: 'plain', chunks: [{ sentences: [`${intro}：${body}`] }] }], fillable: false }];
}

function plansGroups(w: Writer, chosen: Distinct): Group[] {
	const { rng, c } = w;
	const items: Array<[string, string]> = [
		...chosen.ids.map((id): [string, string] => [rng.pick(bankOf(id).planTitle), rng.pick(bankOf(id).plan)(c)]),
		...rng.sample(GENERIC_PLANS, chosen.generic).map(([title, g]): [string, string] => [title, g(c)])
	];
	const prefixes = ['进一步', '着力', '切实', '', '继续'];
	const withPrefix = (plan: string): string =>
		/^(进一步|不断|继续|切实|着力)/.test(plan) ? plan : `${rng.pick(prefixes)}${plan}`;
	const intro = rng.pick([
		`下一步，${c.self}将重点做好以下工作`,
		`${c.year + 1}年，我们将从以下几个方面加强政务公开工作`,
		'针对上述问题，下一步将采取以下措施',
		'今后，我们将继续按照上级要求，着力抓好以下工作'
	]);
	const style = rng.next();
	if (style < 0.5 && items.length > 1) {
		return [
			{
				paras: [
					{ kind: 'line', chunks: [{ sentences: [`${intro}：`] }] },
					...items.map(([title, plan], i): Para => ({
						kind: 'line',
						chunks: [{ sentences: [`${w.style.l2(i)}${title}。${withPrefix(plan)}。`] }]
					}))
				],
				fillable: false
			}
		];
	}
	const text =
		items.length === 1
			? `${rng.pick([`下一步，${c.self}将`, `${c.year + 1}年，我们将`, '针对上述问题，下一步将'])}${withPrefix(items[0][1])}。`
			: `${intro}：${items.map(([, plan], i) => `${CN[i]}是${withPrefix(plan)}`).join('；')}。`;
	return [{ paras: [{ kind: 'plain', chunks: [{ sentences: [text] }] }], fillable: false }];
}

function docNo(c: Ctx, year: number): string {
	return `${c.p.docPrefix}〔${year}〕${c.n(3, 98)}号`;
}

function opening(w: Writer): string {
	const { c, rng, type } = w;
	const y = c.year;
	switch (type) {
		case 'self_inspection':
			return rng.pick([
				`按照《${c.p.supervisor}关于开展${y}年度政务公开工作考核评估的通知》（${docNo(c, y + (c.half ? 0 : 1))}）要求，${c.self}对${c.period}政务公开工作进行了认真自查，现将自查情况报告如下：`,
				`根据《${c.p.supervisor}关于做好${c.period}政务公开工作自查自评的通知》要求，${c.self}对照考核细则逐项开展了自查，现将有关情况报告如下：`
			]);
		case 'key_points':
			return `按照《${c.p.supervisor}关于印发${c.p.banner ?? c.p.league}${y}年政务公开工作要点的通知》（${docNo(c, y)}）要求，${c.self}结合工作实际，认真抓好各项任务落实。现将${c.period}政务公开工作要点落实情况报告如下：`;
		case 'work_summary':
			return `${c.period}，${c.self}在${c.p.banner ? `${c.p.banner}委、${c.p.banner}政府` : `${c.p.league}委、${c.p.league}行政公署`}的正确领导下，认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政务公开各项工作。现将${c.half ? '上半年' : '全年'}工作总结如下：`;
		case 'annual_report':
			if (y < 2019)
				return `本报告根据《中华人民共和国政府信息公开条例》要求，由${c.name}编制。全文包括概述，主动公开政府信息情况，依申请公开政府信息情况，政府信息公开的收费及减免情况，因政府信息公开申请提起行政复议、行政诉讼的情况，存在的主要问题及改进措施等内容。本报告中所列数据的统计期限自${y}年1月1日起至${y}年12月31日止。`;
			return `本报告依据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》要求编制。全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议及行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。本报告所列数据的统计期限自${y}年1月1日起至${y}年12月31日止。如对本报告有疑问，请与${c.name}办公室联系。`;
	}
}

function l1(i: number, text: string): string {
	return `${CN[i]}、${text}`;
}

/** Builds the sections for each report type. Returns sections and, for annual reports, table info. */
function buildSections(w: Writer, tableInfo: { holds?: boolean; present: boolean; also: Set<string> }, o: GenerateOptions): Section[] {
	const { rng, c, type, style } = w;
	const nP = count13(rng);
	const nM = count13(rng);
	const probs = chooseTopics(w, nP);
	// Plans mostly answer the problems, sometimes other items.
	const planIds = rng.chance(0.6) ? probs.ids.slice(0, nM) : chooseTopics(w, nM).ids;
	const plans: Distinct = { ids: planIds, generic: Math.max(0, nM - planIds.length) };
	const G = (ids: IndicatorId[]) => ids;
	const sections: Section[] = [];
	const groupsFrom = (spec: Array<[string, IndicatorId[]]>, forceItems = false): Group[] =>
		spec.map(([h, ids], i) => bodyGroup(w, `${style.l2(i)}${h}`, ids, forceItems));

	const addProblemsPlans = (start: number, combined: boolean, probTitle: string, planTitle: string) => {
		if (combined) {
			sections.push({
				heading: l1(start, `${probTitle}及${planTitle}`),
				groups: [...problemsGroups(w, probs), ...plansGroups(w, plans)]
			});
		} else {
			sections.push({ heading: l1(start, probTitle), groups: problemsGroups(w, probs) });
			sections.push({ heading: l1(start + 1, planTitle), groups: plansGroups(w, plans) });
		}
	};

	if (type === 'self_inspection') {
		sections.push({
			heading: l1(0, rng.pick(['工作开展情况', '主要工作开展情况', '政务公开工作开展情况'])),
			groups: groupsFrom([
				['推进“五公开”情况', G(['fd.decision', 'fd.execution', 'fd.management', 'fd.service', 'fd.result', 'rq.statistics'])],
				['政策解读情况', G(['pi.mechanism', 'pi.channels', 'pi.volume', 'pi.leaders'])],
				['回应社会关切情况', G(['rc.mechanism', 'rc.channels', 'rc.handling', 'rc.applications'])],
				['组织领导和考核监督情况', G(['im.leadership', 'im.assessment'])],
				['制度机制建设情况', G(['im.rules', 'im.training'])],
				['公开平台建设情况', G(['im.platforms'])]
			])
		});
		addProblemsPlans(1, rng.chance(0.3), rng.pick(['存在的问题', '存在的主要问题', '存在的问题和不足']), rng.pick(['下一步工作打算', '下一步工作措施', '今后工作打算']));
	} else if (type === 'work_summary') {
		sections.push({
			heading: l1(0, rng.pick(['主要工作及成效', '主要工作开展情况'])),
			groups: groupsFrom([
				['加强组织领导，夯实工作基础', G(['im.leadership', 'im.rules', 'im.training', 'im.assessment'])],
				['突出公开重点，深化“五公开”', G(['fd.decision', 'fd.execution', 'fd.management', 'fd.service', 'fd.result', 'rq.statistics'])],
				['强化解读回应，增进社会认同', G(['pi.mechanism', 'pi.channels', 'pi.volume', 'pi.leaders', 'rc.mechanism', 'rc.channels', 'rc.handling', 'rc.applications'])],
				['加强平台建设，拓宽公开渠道', G(['im.platforms'])]
			])
		});
		addProblemsPlans(1, rng.chance(0.2), rng.pick(['存在的问题和不足', '存在的问题']), rng.pick([`${c.half ? '下半年' : `${c.year + 1}年`}工作打算`, '下一步工作打算']));
	} else if (type === 'key_points') {
		sections.push({
			heading: l1(0, `${c.year}年政务公开工作要点落实情况`),
			groups: groupsFrom(
				[
					['加强政策解读和回应关切', G(['pi.mechanism', 'pi.channels', 'pi.volume', 'pi.leaders', 'rc.mechanism', 'rc.channels', 'rc.handling'])],
					['深入推进决策和执行公开', G(['fd.decision', 'fd.execution'])],
					['深化管理、服务和结果公开', G(['fd.management', 'fd.service', 'fd.result', 'rq.statistics'])],
					['加强公开平台建设', G(['im.platforms'])],
					['完善公开制度规范', G(['im.leadership', 'im.rules', 'im.assessment', 'im.training', 'rc.applications'])]
				],
				true
			)
		});
		addProblemsPlans(1, false, rng.pick(['存在的问题', '存在问题和困难']), rng.pick(['下一步工作打算', '下一步工作计划']));
	} else if (c.year < 2019) {
		// Free-form annual report before the 2019 format.
		sections.push({
			heading: l1(0, '概述'),
			groups: [
				bodyGroup(w, undefined, ['im.leadership', 'im.rules', 'im.assessment', 'im.training']),
				bodyGroup(w, undefined, ['pi.mechanism', 'pi.channels', 'pi.volume', 'pi.leaders', 'rc.mechanism', 'rc.channels', 'rc.handling'])
			]
		});
		sections.push({
			heading: l1(1, '主动公开政府信息情况'),
			groups: [bodyGroup(w, undefined, ['rq.statistics', 'fd.decision', 'fd.execution', 'fd.management', 'fd.service', 'fd.result', 'im.platforms'])]
		});
		sections.push({ heading: l1(2, '依申请公开政府信息情况'), groups: [bodyGroup(w, undefined, ['rc.applications'])] });
		sections.push({
			heading: l1(3, '政府信息公开的收费及减免情况'),
			groups: [{ paras: [{ kind: 'plain', chunks: [{ sentences: ['本年度未收取政府信息公开相关费用，无减免情况。'] }] }], fillable: false }]
		});
		sections.push({
			heading: l1(4, '因政府信息公开申请提起行政复议、行政诉讼的情况'),
			groups: [{ paras: [{ kind: 'plain', chunks: [{ sentences: ['本年度未发生因政府信息公开申请提起行政复议和行政诉讼的情况。'] }] }], fillable: false }]
		});
		addProblemsPlans(5, true, '存在的主要问题', '改进措施');
	} else {
		const layout = c.year >= 2021 ? '2021' : '2019';
		const zero = rng.chance(w.c.p.sector === 'gov' ? 0.15 : 0.55);
		const breakIt = o.breakIdentity ?? rng.chance(1 / 8);
		const tables = buildTables(rng.fork('tables'), {
			layout,
			style: o.tableStyle ?? (rng.chance(0.8) ? 'pipe' : 'cells'),
			zeroApplications: zero,
			breakIdentity: breakIt,
			isGov: c.p.sector === 'gov'
		});
		tableInfo.present = true;
		tableInfo.holds = tables.identityHolds;
		// the active-disclosure table's figures are specifics for the indicators its rows name
		for (const label of tables.activeFigures) {
			if (/规范性文件|行政许可|行政处罚|行政强制/.test(label)) tableInfo.also.add('fd.management');
			if (/服务事项/.test(label)) tableInfo.also.add('fd.service');
			if (/集中采购/.test(label)) tableInfo.also.add('fd.result');
		}
		const overview: Group = {
			paras: [{ kind: 'plain', chunks: [{ sentences: [fluffSentence(c)] }] }],
			fillable: true
		};
		// The prose on applications repeats the table's true figures.
		const nApp = tables.newApplications;
		const appProse =
			nApp === 0 && tables.carriedApplications === 0
				? rng.pick(['本年度未收到政府信息公开申请。', `${c.year}年，${c.self}未收到政府信息公开申请，无上年结转申请。`])
				: `${c.year}年，${c.self}共收到政府信息公开申请${nApp}件，上年结转${tables.carriedApplications}件，${
						tables.forwardApplications > 0 ? `结转下年度继续办理${tables.forwardApplications}件，其余` : ''
					}均已在法定期限内答复。`;
		const overviewGroups = groupsFrom([
			['主动公开', G(['rq.statistics', 'fd.decision', 'fd.execution', 'fd.management', 'fd.service', 'fd.result', 'pi.mechanism', 'pi.channels', 'pi.volume', 'pi.leaders'])],
			['依申请公开', []],
			['政府信息管理', G(['im.rules', 'rc.mechanism'])],
			['平台建设', G(['im.platforms', 'rc.channels', 'rc.handling'])],
			['监督保障', G(['im.leadership', 'im.assessment', 'im.training'])]
		]);
		overviewGroups[1].paras = [{ kind: 'plain', chunks: [{ sentences: [appProse] }] }];
		sections.push({ heading: l1(0, '总体情况'), groups: [overview, ...overviewGroups] });
		const tableGroup = (lines: string[]): Group => ({
			paras: lines.map((l): Para => ({ kind: 'line', chunks: [{ sentences: [l] }] })),
			fillable: false
		});
		sections.push({ heading: l1(1, '主动公开政府信息情况'), groups: [tableGroup(tables.active)] });
		const appGroups = [tableGroup(tables.applications)];
		if (nApp === 0 && rng.chance(0.3))
			appGroups.unshift({ paras: [{ kind: 'plain', chunks: [{ sentences: ['本年度未收到政府信息公开申请。'] }] }], fillable: false });
		sections.push({ heading: l1(2, '收到和处理政府信息公开申请情况'), groups: appGroups });
		sections.push({ heading: l1(3, '政府信息公开行政复议、行政诉讼情况'), groups: [tableGroup(tables.review)] });
		sections.push({
			heading: l1(4, '存在的主要问题及改进情况'),
			groups: [...problemsGroups(w, probs), ...plansGroups(w, plans)]
		});
		sections.push({
			heading: l1(5, '其他需要报告的事项'),
			groups: [
				{
					paras: [
						{
							kind: 'plain',
							chunks: [{ sentences: [layout === '2021' ? rng.pick(['本年度未收取信息处理费。', '依据《政府信息公开信息处理费管理办法》，本年度未收取信息处理费。无其他需要报告的事项。']) : '无。'] }]
						}
					],
					fillable: false
				}
			]
		});
	}
	w.levels['rq.problems' as IndicatorId] = nP >= 2 ? 2 : 1;
	w.levels['rq.plans' as IndicatorId] = nM >= 2 ? 2 : 1;
	return sections;
}

function renderPara(p: Para, style: Style, rng: Rng): string[] {
	const ind = style.indent;
	if (p.kind === 'line') return [p.chunks[0].sentences.join('')];
	if (p.kind === 'item') {
		const text = p.chunks.flatMap((ch) => ch.sentences).join('');
		return style.itemsInline ? [`${ind}${p.lead}。${text}`] : [p.lead ?? '', `${ind}${text}`];
	}
	if (p.kind === 'enum') {
		const single = p.chunks.every((ch) => ch.sentences.length === 1);
		const semi = single && hashParts(p.chunks[0].sentences[0]) % 2 === 0;
		const parts = p.chunks.map((ch, i) => `${CN[i]}是${ch.sentences.join('')}`);
		return [`${ind}${semi ? `${parts.map((s) => s.replace(/。$/, '')).join('；')}。` : parts.join('')}`];
	}
	void rng;
	return [`${ind}${(p.lead ?? '') + p.chunks.flatMap((ch) => ch.sentences).join('')}`];
}

function renderBody(sections: Section[], style: Style, rng: Rng): string[] {
	const lines: string[] = [];
	const sep = (): void => {
		if (style.blank) lines.push('');
	};
	for (const s of sections) {
		lines.push(s.heading);
		sep();
		for (const g of s.groups) {
			if (g.heading) {
				lines.push(g.heading);
				sep();
			}
			for (const p of g.paras) {
				lines.push(...renderPara(p, style, rng));
				if (p.kind !== 'line') sep();
			}
		}
	}
	return lines;
}

function pad2(n: number): string {
	return String(n).padStart(2, '0');
}

function formatDate(rng: Rng, y: number, m: number, d: number): string {
	const r = rng.next();
	if (r < 0.7) return `${y}年${m}月${d}日`;
	if (r < 0.85) return `${y}-${pad2(m)}-${pad2(d)}`;
	return `${y}/${m}/${d}`;
}

function signatureDate(rng: Rng, type: ReportType, year: number, half: boolean): [number, number, number] {
	if (half) return [year, 7, rng.int(1, 25)];
	if (type === 'annual_report') return year < 2019 ? [year + 1, rng.int(2, 3), rng.int(1, 28)] : [year + 1, 1, rng.int(5, 30)];
	if (type === 'key_points') return rng.chance(0.6) ? [year, rng.int(11, 12), rng.int(1, 28)] : [year + 1, 1, rng.int(3, 25)];
	return rng.chance(0.5) ? [year, 12, rng.int(5, 31)] : [year + 1, rng.int(1, 3), rng.int(1, 28)];
}

function toHalfwidth(s: string): string {
	return s.replace(/[，（）：；]/g, (ch) => ({ '，': ',', '（': '(', '）': ')', '：': ':', '；': ';' })[ch] ?? ch);
}

/**
 * One synthetic report.
 *
 * @example
 * const [a] = demoAgencies(1);
 * const r = generateReport({ agency: a, year: 2021, seed: 7, quality: 0.8, type: 'self_inspection' });
 * r.text.includes('存在的问题') // usually true
 */
export function generateReport(o: GenerateOptions): GeneratedReport {
	const half = o.half === true;
	let type: ReportType = o.type ?? (half ? 'work_summary' : 'annual_report');
	if (half && type === 'annual_report') type = 'work_summary';
	const rng = new Rng(hashParts('report', o.seed, o.agency.name, o.year, half ? 1 : 0, type));
	const style = pickStyle(rng.fork('style'));
	const c = makeCtx(rng.fork('ctx'), o.agency, o.year, half);
	const levels = decideLevels(rng.fork('levels'), o.quality ?? 0.6);
	c.platOk = levels['im.platforms'] === 2;
	c.chanOk = levels['rc.channels'] === 2;
	const zero = new Map<IndicatorId, ZeroMode>();
	const zr = rng.fork('zero');
	for (const id of BODY_INDICATORS) if (levels[id] === 0) zero.set(id, zeroMode(zr, id, type));
	const w: Writer = { rng: rng.fork('body'), c, type, levels, zero, pools: new Map(), style };

	const tableInfo: { holds?: boolean; present: boolean; also: Set<string> } = { present: false, also: new Set<string>() };
	const sections = buildSections(w, tableInfo, o);

	// Front and back matter.
	const p = c.p;
	const label = TYPE_LABEL[type];
	const meta = rng.fork('meta');
	const nameInTitle = meta.chance(0.8);
	const periodWord = c.period;
	const titleCore =
		type === 'annual_report'
			? meta.chance(0.8)
				? `${o.year}年政府信息公开工作年度报告`
				: `${o.year}年度政府信息公开工作报告`
			: type === 'self_inspection'
				? `${periodWord}${meta.pick(['政务公开工作自查报告', '政务公开工作自查自评报告', '政务公开自评报告'])}`
				: type === 'key_points'
					? `${periodWord}政务公开工作要点落实情况${meta.pick(['报告', '的报告'])}`
					: `${periodWord}政务公开工作总结`;
	const title = nameInTitle ? `${o.agency.name}${titleCore}` : titleCore;
	const [sy, sm, sd] = signatureDate(meta, type, o.year, half);
	const signDate = formatDate(meta, sy, sm, sd);
	const signName = !nameInTitle || meta.chance(0.8) ? meta.pick([o.agency.name, o.agency.name, ...o.agency.aliases.slice(0, 1)]) : '';
	const openText = opening(w);

	const target = Math.max(1000, o.targetBytes ?? (type === 'annual_report' ? meta.int(8000, 12000) : meta.int(6000, 11000)));
	const noise = o.webNoise
		? webNoise(rng.fork('noise'), {
				title,
				host: p.banner ? `${p.banner}人民政府办公室` : `${p.league}行政公署办公室`,
				source: meta.chance(0.5) ? p.short : o.agency.name,
				published: `${sy}-${pad2(sm)}-${pad2(sd)}`,
				city: p.banner ?? p.league
			})
		: undefined;

	const assemble = (): string => {
		const lines: string[] = [];
		if (noise) lines.push(...noise.head);
		else lines.push(title, '');
		lines.push(`${style.indent}${openText}`);
		if (style.blank) lines.push('');
		lines.push(...renderBody(sections, style, rng.fork('render')));
		lines.push('');
		if (signName) lines.push(signName);
		lines.push(signDate);
		if (noise) lines.push(...noise.foot);
		let text = lines.join('\n');
		if (style.halfwidth) text = toHalfwidth(text);
		return text;
	};

	padToTarget(w, sections, target, assemble);
	let text = assemble();
	if (o.traditional) text = (o.toTraditional ?? defaultToTraditional)(text);

	const intended: Record<string, 0 | 1 | 2> = {};
	for (const id of BODY_INDICATORS) intended[id] = levels[id] === 1 && BANKS[id as keyof typeof BANKS].countOnly ? 0 : levels[id];
	intended['rq.problems'] = levels['rq.problems' as IndicatorId];
	intended['rq.plans'] = levels['rq.plans' as IndicatorId];
	if (tableInfo.present) {
		intended['rc.applications'] = 2;
		intended['rq.statistics'] = 2;
		intended['rq.consistency'] = tableInfo.holds ? 2 : 0;
	} else if (c.stats) intended['rq.statistics'] = 2;
	for (const id of [...c.also, ...tableInfo.also]) if (id in intended) intended[id] = 2;

	const fileName = `${o.agency.name}-${o.year}${half ? '上半年' : ''}-${label}.txt`;
	return { fileName, text, type, year: o.year, agency: o.agency.name, intended };
}

/** Adds extra indicator sentences and background paragraphs until the text reaches ~target bytes. */
function padToTarget(w: Writer, sections: Section[], target: number, assemble: () => string): void {
	const { rng, c, style } = w;
	let bytes = utf8Length(assemble());
	if (bytes >= target * 0.97) return;
	const fillable = sections.flatMap((s) => s.groups.filter((g) => g.fillable));
	if (fillable.length === 0) return;
	const chunkOf = new Map<IndicatorId, Chunk>();
	for (const g of fillable) for (const p of g.paras) for (const ch of p.chunks) if (ch.id) chunkOf.set(ch.id, ch);
	const extraIds = [...w.pools.keys()].filter((id) => chunkOf.has(id));
	const sepBytes = style.indent.length * 3 + (style.blank ? 2 : 1);
	for (let guard = 0; bytes < target * 0.97 && guard < 20000; guard++) {
		const live = extraIds.filter((id) => (w.pools.get(id)?.length ?? 0) > 0);
		if (live.length > 0 && rng.chance(0.75)) {
			const id = rng.pick(live);
			const s = w.pools.get(id)!.shift()!(c);
			chunkOf.get(id)!.sentences.push(s);
			bytes += utf8Length(s);
			continue;
		}
		const n = rng.int(2, 4);
		const sentences: string[] = [];
		for (let i = 0; i < n; i++) sentences.push(fluffSentence(c));
		const g = rng.pick(fillable);
		// Background goes before or after a group's own paragraphs, never between its items.
		const at = rng.chance(0.5) ? 0 : g.paras.length;
		g.paras.splice(at, 0, { kind: 'plain', chunks: [{ sentences }] });
		bytes += utf8Length(sentences.join('')) + sepBytes;
	}
}

/** Per-agency traits that persist across years (same seed → same trajectory). */
interface Traits {
	base: number;
	trend: number;
	typeBias: number;
	tradProne: boolean;
	webProne: boolean;
}

function traits(seed: number, a: DemoAgency): Traits {
	const r = new Rng(hashParts('traits', seed, a.name));
	const base = 0.15 + 0.8 * r.next();
	const trend = r.chance(0.45) ? 0.04 + 0.08 * r.next() : r.chance(0.6) ? -(0.03 + 0.07 * r.next()) : 0;
	return { base, trend, typeBias: r.next(), tradProne: r.chance(0.1), webProne: r.chance(0.3) };
}

/**
 * One round of reports: one per agency, about 10% not submitted; each agency's quality drifts
 * across years (some improve, some decline; pass the same seed for every year); mostly annual
 * reports, some self-inspection / key-points / work summaries; ~10% traditional, ~30% web copies.
 */
export function generateRound(agencies: DemoAgency[], year: number, seed: number): GeneratedReport[] {
	const out: GeneratedReport[] = [];
	for (const a of agencies) {
		const t = traits(seed, a);
		const r = new Rng(hashParts('round', seed, a.name, year));
		if (r.chance(0.1)) continue;
		const quality = Math.min(0.98, Math.max(0.02, t.base + t.trend * (year - 2019) + (r.next() - 0.5) * 0.12));
		const x = (t.typeBias + r.next() * 0.3) / 1.3;
		const type: ReportType =
			a.level === '旗县'
				? x < 0.8
					? 'annual_report'
					: x < 0.92
						? 'self_inspection'
						: 'key_points'
				: x < 0.6
					? 'annual_report'
					: x < 0.82
						? 'self_inspection'
						: x < 0.94
							? 'key_points'
							: 'work_summary';
		out.push(
			generateReport({
				agency: a,
				year,
				seed: hashParts(seed, year),
				quality,
				type,
				traditional: t.tradProne ? r.chance(0.85) : r.chance(0.01),
				webNoise: t.webProne ? r.chance(0.8) : r.chance(0.08)
			})
		);
	}
	return out;
}
