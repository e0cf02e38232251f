/**
 * A realistic `RoundResults` built in code, for the export tests and the export benchmark.
 *
 * The default call gives 12 agencies in two groups (盟直部门 / 旗县市区), the 22 indicators of the
 * default rubric v1, a few manual overrides, rq.consistency not applicable for some agencies (so their
 * maximum is 98), previous ranks (one agency new this round), a late report and one agency that did
 * not report (未报送). Levels come from a seeded generator, so the same options give the same data.
 *
 * @example
 *   const r = makeRoundResults();               // 12 agencies
 *   const big = makeRoundResults({ agencies: 2000 });
 */
import type {
	AgencyResult,
	DimensionDef,
	IndicatorDef,
	IndicatorResult,
	Level,
	RoundResults
} from '../results/types';

export const FIXTURE_DIMENSIONS: DimensionDef[] = [
	{ id: 'fd', name: '五公开覆盖', max: 30 },
	{ id: 'pi', name: '政策解读', max: 20 },
	{ id: 'rc', name: '回应社会关切', max: 20 },
	{ id: 'im', name: '制度机制与保障', max: 20 },
	{ id: 'rq', name: '报告规范性', max: 10 }
];

const ind = (id: string, name: string, points: number, description: string): IndicatorDef => ({
	id,
	name,
	dimensionId: id.split('.')[0],
	points,
	description
});

export const FIXTURE_INDICATORS: IndicatorDef[] = [
	ind('fd.decision', '决策公开', 6, '重大决策预公开、征求意见、公众参与、听证、专家论证、风险评估、会议开放、决策草案公开'),
	ind('fd.execution', '执行公开', 6, '重点工作、重大项目、政策措施落实情况公开，督查结果、审计整改、建议提案办理结果公开'),
	ind('fd.management', '管理公开', 6, '权力清单、责任清单，行政许可、处罚、强制，行政执法公示，双随机一公开，收费项目，规范性文件'),
	ind('fd.service', '服务公开', 6, '办事指南、办事流程、服务事项、政务服务大厅或窗口、一次办、网上办理、便民服务'),
	ind('fd.result', '结果公开', 6, '财政预决算、三公经费、政府采购、审计结果、工作总结、绩效、统计数据'),
	ind('pi.mechanism', '解读机制', 6, '三同步（同步起草、审批、发布）、解读方案、谁起草谁解读、解读责任主体、解读审核'),
	ind('pi.channels', '解读渠道与形式', 6, '政策解读专栏、答记者问、图解、视频动漫、新闻发布会、报纸电视广播、微博微信'),
	ind('pi.volume', '解读数量', 4, '写明发布的政策解读数量（篇、条）'),
	ind('pi.leaders', '负责人解读', 4, '主要负责人或领导干部带头解读、出席发布会、在线访谈'),
	ind('rc.mechanism', '舆情回应机制', 6, '舆情收集监测、研判、处置、回应机制或制度，回应时限，谁主管谁发声'),
	ind('rc.channels', '互动渠道', 5, '留言板、领导信箱、12345热线、在线咨询、政民互动、投诉电话'),
	ind('rc.handling', '办理情况', 5, '留言、诉求的受理和办结数量，办结率，答复时限'),
	ind('rc.applications', '依申请公开', 4, '依申请公开的受理、办理、答复数量，或明确说明未收到申请'),
	ind('im.leadership', '组织领导', 5, '领导小组、分管领导、一把手负总责、专人专职、工作机构'),
	ind('im.rules', '制度建设', 5, '政务公开制度、保密审查制度、依申请公开制度、公开指南、公开目录、发布审核、实施方案'),
	ind('im.assessment', '考核监督', 4, '纳入年度或绩效考核、督查、通报、责任追究、社会评议'),
	ind('im.training', '培训', 3, '政务公开业务培训、培训班、专题学习（写明次数或日期）'),
	ind('im.platforms', '公开平台', 3, '政府网站或信息公开平台、政务新媒体、公开栏、查阅点、电子屏'),
	ind('rq.problems', '存在问题', 3, '列明本单位存在的两个以上具体问题'),
	ind('rq.plans', '改进措施', 3, '列明两项以上下一步改进措施'),
	ind('rq.statistics', '数据支撑', 2, '公开数量、申请数量、留言数量等量化数据或年度报告标准表格'),
	ind('rq.consistency', '表格勾稽', 2, '依申请公开情况表第一项加第二项等于第三项加第四项（逐列）；无此表时不适用')
];

/** Our own evidence sentences (invented for the fixture, not taken from any report). */
const EVIDENCE_MET: Record<string, string> = {
	'fd.decision': '全年就《城区停车管理办法（征求意见稿）》等3项重大决策公开征求意见，收到意见41条。',
	'fd.execution': '在门户网站开设“重点工作落实”专栏，发布督查通报6期。',
	'fd.management': '公开权力清单事项218项、责任清单事项305项。',
	'fd.service': '在政务服务大厅设置“一次办”窗口4个，公开办事指南97项。',
	'fd.result': '于2019年2月28日公开部门预算和“三公”经费预算。',
	'pi.mechanism': '制定《政策解读工作实施方案》，落实解读材料与文件同步起草、同步审批、同步发布。',
	'pi.channels': '通过图解、短视频和新闻发布会等形式解读政策，在官方微信推送解读信息。',
	'pi.volume': '全年发布政策解读信息58篇。',
	'pi.leaders': '局主要负责人于2019年6月12日参加在线访谈，解读义务教育招生政策。',
	'rc.mechanism': '建立《网络舆情监测处置办法》，明确舆情回应时限为24小时。',
	'rc.channels': '开通局长信箱和12345热线联动渠道，设立在线咨询栏目。',
	'rc.handling': '共收到群众留言312件，已全部办结，办结率100%。',
	'rc.applications': '全年受理政府信息公开申请17件，均在法定期限内答复。',
	'im.leadership': '成立以局长为组长的政务公开工作领导小组，配备专职人员2名。',
	'im.rules': '修订《政府信息公开保密审查制度》和《政府信息公开指南》。',
	'im.assessment': '将政务公开工作纳入年度绩效考核，权重占3%。',
	'im.training': '2019年9月举办政务公开业务培训班1期，56人参加。',
	'im.platforms': '依托政府门户网站信息公开平台和政务微博“青岚发布”公开信息。',
	'rq.problems': '存在的问题：一是解读形式较单一；二是基层公开栏更新不及时。',
	'rq.plans': '下一步：一是丰富图解和视频解读；二是建立公开栏月度更新台账。',
	'rq.statistics': '全年主动公开政府信息3276条。',
	'rq.consistency': '依申请公开情况表各列第一项与第二项之和等于第三项与第四项之和。'
};

const EVIDENCE_PARTIAL: Record<string, string> = {
	'fd.decision': '积极推进重大决策预公开，广泛听取群众意见。',
	'fd.execution': '及时公开重点工作推进情况。',
	'fd.management': '依法公开行政执法相关信息。',
	'fd.service': '不断优化办事流程，方便群众办事。',
	'fd.result': '按要求公开了财政预决算信息。',
	'pi.mechanism': '坚持政策文件与解读材料同步推进。',
	'pi.channels': '采取多种形式开展政策解读。',
	'pi.volume': '及时发布了一批政策解读。',
	'pi.leaders': '领导干部带头解读重要政策。',
	'rc.mechanism': '加强舆情监测，及时回应社会关切。',
	'rc.channels': '畅通了群众诉求表达渠道。',
	'rc.handling': '群众来信来电均得到及时办理。',
	'rc.applications': '依法规范办理了政府信息公开申请。',
	'im.leadership': '单位高度重视政务公开工作，明确了分管领导。',
	'im.rules': '建立健全了政务公开相关制度。',
	'im.assessment': '开展了政务公开督促检查。',
	'im.training': '组织干部学习了政务公开业务知识。',
	'im.platforms': '充分利用网站和新媒体公开信息。',
	'rq.problems': '工作中还存在一些不足。',
	'rq.plans': '下一步将继续做好政务公开工作。',
	'rq.statistics': '主动公开信息数量较上年有所增加。',
	'rq.consistency': '依申请公开情况表部分列数据不一致。'
};

/** Evidence found only in the plans section: the level is still 0, but a sentence was seen. */
const EVIDENCE_MISSING_SEEN: Record<string, string> = {
	'pi.leaders': '下一步将推动主要负责人参加在线访谈解读政策。',
	'im.training': '计划明年组织一次政务公开业务培训。',
	'fd.decision': '今后要进一步做好重大决策预公开工作。'
};

const LEAGUE_AGENCIES = [
	'青岚盟教育局',
	'青岚盟财政局',
	'青岚盟卫生健康委员会',
	'青岚盟生态环境局',
	'青岚盟交通运输局',
	'青岚盟市场监督管理局'
];
const COUNTIES = ['白川旗', '石榴县', '云岫市', '乌苏里旗', '南坪区', '柳泉县'];
const MISSING_AGENCY = { name: '青岚盟应急管理局', group: '盟直部门' };

export interface FixtureOptions {
	/** Number of agencies with results (default 12). Names beyond the first 12 are generated. */
	agencies?: number;
	/** Seed of the level generator (default 7). */
	seed?: number;
}

/** A small deterministic generator (mulberry32). */
function rng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function agencyIdentity(i: number): { name: string; group: string; region: string } {
	const half = i % 2 === 0;
	const k = Math.floor(i / 2);
	if (half) {
		const name = k < LEAGUE_AGENCIES.length ? LEAGUE_AGENCIES[k] : `青岚盟第${k + 1}直属局`;
		return { name, group: '盟直部门', region: '青岚盟' };
	}
	const name = k < COUNTIES.length ? COUNTIES[k] : `青岚盟第${k + 1}旗`;
	return { name, group: '旗县市区', region: name };
}

/** Assign 1-based ranks by total desc; ties share a rank (competition ranking: 1, 2, 2, 4). */
function assignRanks<T extends { total: number }>(items: T[], set: (item: T, rank: number) => void): void {
	const sorted = [...items].sort((a, b) => b.total - a.total);
	let current = 1;
	sorted.forEach((item, i) => {
		if (i > 0 && sorted[i - 1].total !== item.total) current = i + 1;
		set(item, current);
	});
}

export function makeRoundResults(options: FixtureOptions = {}): RoundResults {
	const count = options.agencies ?? 12;
	const random = rng(options.seed ?? 7);
	const agencies: AgencyResult[] = [];

	for (let i = 0; i < count; i++) {
		const who = agencyIdentity(i);
		// Each agency has its own strength so totals spread out.
		const strength = 0.45 + 0.55 * random();
		const indicators: Record<string, IndicatorResult> = {};
		const dimensions: Record<string, number> = Object.fromEntries(FIXTURE_DIMENSIONS.map((d) => [d.id, 0]));
		let total = 0;
		let max = 0;
		for (const def of FIXTURE_INDICATORS) {
			// Agencies with index ≡ 1 (mod 3) have no standard application table.
			if (def.id === 'rq.consistency' && i % 3 === 1) {
				indicators[def.id] = { level: null, machineLevel: null, score: 0, max: 0, overridden: false, evidence: null };
				continue;
			}
			const x = random();
			const machineLevel: Level = x < strength ? 2 : x < strength + (1 - strength) * 0.5 ? 1 : 0;
			let level: Level = machineLevel;
			let overridden = false;
			// A few reviewer overrides: raise a partial to met, lower a met to partial.
			if (i % 4 === 0 && def.id === 'pi.volume') {
				level = machineLevel === 2 ? 1 : 2;
				overridden = true;
			}
			if (i % 5 === 2 && def.id === 'im.training') {
				level = machineLevel === 0 ? 1 : 0;
				overridden = true;
			}
			const evidence =
				level === 2
					? EVIDENCE_MET[def.id]
					: level === 1
						? EVIDENCE_PARTIAL[def.id]
						: (i % 2 === 0 ? EVIDENCE_MISSING_SEEN[def.id] : undefined) ?? null;
			const score = (def.points * level) / 2;
			indicators[def.id] = { level, machineLevel, score, max: def.points, overridden, evidence };
			dimensions[def.dimensionId] += score;
			total += score;
			max += def.points;
		}
		agencies.push({
			agencyId: 101 + i,
			agencyName: who.name,
			group: who.group,
			region: who.region,
			reportId: 5001 + i,
			late: i === 5,
			total,
			max,
			dimensions,
			rank: 0,
			groupRank: 0,
			previousTotal: null,
			previousRank: null,
			indicators
		});
	}

	assignRanks(agencies, (a, rank) => (a.rank = rank));
	for (const group of new Set(agencies.map((a) => a.group))) {
		assignRanks(
			agencies.filter((a) => a.group === group),
			(a, rank) => (a.groupRank = rank)
		);
	}
	agencies.sort((a, b) => a.rank - b.rank || a.agencyId - b.agencyId);

	// Previous round: a shuffled ranking; agency index 3 is new this round.
	const order = agencies.map((a) => ({ a, key: a.rank + (random() - 0.5) * 8 }));
	order.sort((p, q) => p.key - q.key);
	let prev = 1;
	for (const { a } of order) {
		if (a.agencyId === 101 + 3) continue;
		a.previousRank = prev++;
		a.previousTotal = Math.round(Math.max(20, Math.min(100, a.total + (random() - 0.5) * 20)) * 2) / 2;
	}

	return {
		round: {
			id: 9,
			name: '2019年度政务公开考核',
			period: '2019',
			status: 'published',
			rubric: { id: 1, key: 'default', version: 1, name: '政务公开考评细则' }
		},
		generatedAt: '2026-11-23T02:30:00.000Z',
		generatedBy: '王晓梅',
		dimensions: FIXTURE_DIMENSIONS.map((d) => ({ ...d })),
		indicators: FIXTURE_INDICATORS.map((d) => ({ ...d })),
		agencies,
		missing: [{ agencyId: 100, agencyName: MISSING_AGENCY.name, group: MISSING_AGENCY.group }]
	};
}
