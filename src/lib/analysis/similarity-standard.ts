/**
 * Text that every annual report carries because the format prescribes it (国办公开办函〔2019〕60号,
 * revised 〔2021〕30号) or the statute names it: part headings, subsection headings, table titles,
 * row and column labels, and the standard opening sentences. Shared text of this kind is not
 * copying, so the similarity measure leaves it out (and says so).
 *
 * Written for this product from the format notices' structure; phrases are in the engine's
 * normalized form (simplified, Chinese punctuation). Longest first is not required: the matcher
 * sorts them.
 */

/** Headings of the six parts (2019/2021 format and the pre-2019 free form) and of the 总体情况 subsections. */
const HEADINGS = [
	'总体情况',
	'基本情况',
	'概述',
	'主动公开政府信息情况',
	'主动公开政府信息的情况',
	'收到和处理政府信息公开申请情况',
	'收到和处理政府信息公开申请的情况',
	'依申请公开政府信息情况',
	'依申请公开政府信息的情况',
	'政府信息公开行政复议、行政诉讼情况',
	'政府信息公开行政复议及行政诉讼情况',
	'因政府信息公开申请提起行政复议、行政诉讼的情况',
	'因政府信息公开申请提起行政复议、提起行政诉讼的情况',
	'存在的主要问题及改进情况',
	'存在的主要问题及改进措施',
	'存在的主要问题和改进措施',
	'存在的主要问题和改进情况',
	'存在的问题及改进措施',
	'其他需要报告的事项',
	'主动公开',
	'依申请公开',
	'政府信息管理',
	'政府信息公开平台建设',
	'平台建设',
	'监督保障',
	'统计表',
	'政府信息公开工作年度报告',
	'政府信息公开工作报告'
];

/** Table 二 (主动公开): item rows and column labels of both layouts. */
const TABLE_PROACTIVE = [
	'第二十条第（一）项',
	'第二十条第（五）项',
	'第二十条第（六）项',
	'第二十条第（八）项',
	'第二十条第（九）项',
	'信息内容',
	'本年制发件数',
	'本年废止件数',
	'现行有效件数',
	'本年新制作数量',
	'本年新公开数量',
	'对外公开总数量',
	'上一年项目数量',
	'本年增/减',
	'本年增／减',
	'处理决定数量',
	'本年处理决定数量',
	'本年收费金额（单位：万元）',
	'本年收费金额',
	'采购项目数量',
	'采购总金额',
	'行政规范性文件',
	'规范性文件',
	'规章',
	'行政许可',
	'其他对外管理服务事项',
	'行政处罚',
	'行政强制',
	'行政事业性收费',
	'政府集中采购'
];

/** Table 三 (applications): applicant columns, outcome rows, the identity note. */
const TABLE_APPLICATIONS = [
	'（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
	'本列数据的勾稽关系为',
	'第一项加第二项之和，等于第三项加第四项之和',
	'申请人情况',
	'自然人',
	'法人或其他组织',
	'商业企业',
	'科研机构',
	'社会公益组织',
	'法律服务机构',
	'其他',
	'总计',
	'本年新收政府信息公开申请数量',
	'上年结转政府信息公开申请数量',
	'本年度办理结果',
	'予以公开',
	'部分公开（区分处理的，只计这一情形，不计其他情形）',
	'区分处理的，只计这一情形，不计其他情形',
	'部分公开',
	'不予公开',
	'属于国家秘密',
	'其他法律行政法规禁止公开',
	'危及“三安全一稳定”',
	'危及"三安全一稳定"',
	'保护第三方合法权益',
	'属于三类内部事务信息',
	'属于四类过程性信息',
	'属于行政执法案卷',
	'属于行政查询事项',
	'无法提供',
	'本机关不掌握相关政府信息',
	'没有现成信息需要另行制作',
	'补正后申请内容仍不明确',
	'不予处理',
	'信访举报投诉类申请',
	'重复申请',
	'要求提供公开出版物',
	'无正当理由大量反复申请',
	'要求行政机关确认或重新出具已获取信息',
	'其他处理',
	'申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
	'申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
	'结转下年度继续办理'
];

/** Table 四 (review and litigation). */
const TABLE_REVIEW = ['行政复议', '行政诉讼', '未经复议直接起诉', '复议后起诉', '结果维持', '结果纠正', '其他结果', '尚未审结'];

/** Names the statute and the format notices give, quoted by every report. */
const STATUTE = [
	'《中华人民共和国政府信息公开条例》（以下简称《条例》）',
	'《中华人民共和国政府信息公开条例》',
	'《中华人民共和国政府信息公开工作年度报告格式》',
	'《政府信息公开工作年度报告格式》',
	'国办公开办函〔2019〕60号',
	'国办公开办函〔2021〕30号',
	'国务院令第711号'
];

/** Every fixed standard phrase, in normalized form. */
export const STANDARD_PHRASES: readonly string[] = [...new Set([...HEADINGS, ...TABLE_PROACTIVE, ...TABLE_APPLICATIONS, ...TABLE_REVIEW, ...STATUTE])];

/**
 * Sentences the format prescribes with a few words filled in (the agency, the year, a contact).
 * Each matches within one sentence (no 。 or line break inside the gaps).
 */
export const STANDARD_PATTERNS: readonly RegExp[] = [
	// 本报告依据《条例》和《…年度报告格式》要求编制（而成）。
	/本报告[^。\n]{0,60}?《中华人民共和国政府信息公开条例》[^。\n]{0,160}?(?:编制|制作|撰写|形成)(?:而成)?[。；]?/g,
	// 全文包括总体情况、主动公开政府信息情况、…、其他需要报告的事项。
	/(?:报告)?全文(?:包括|分为|由)[^。\n]{0,160}?(?:其他需要报告的事项|统计表|改进措施|改进情况)(?:等)?(?:[六五七八]部分)?(?:组成)?[。；]?/g,
	// 本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止。
	/本(?:年度)?报告(?:中)?所列数据的统计期限[^。\n]{0,40}?止[。；]?/g,
	// 本报告电子版可在…网站（…）下载/查阅。
	/本(?:年度)?报告(?:的)?电子版[^。\n]{0,120}?(?:下载|查阅|查询)[。；]?/g,
	// 如对本报告有疑问（有任何疑问），请与…联系（地址…，电话…）。
	/如对本(?:年度)?报告有(?:任何)?疑问[^。\n]{0,160}?联系[^。\n]{0,120}?(?:[。]|$)/gm
];
