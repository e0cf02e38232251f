/** The writing context handed to every phrase template. */
import type { AgencyProfile } from './agencies';
import type { Rng } from './rng';

export interface Ctx {
	rng: Rng;
	p: AgencyProfile;
	/** The agency's full name. */
	name: string;
	year: number;
	half: boolean;
	/** '2021年' or '2021年上半年'. */
	period: string;
	/** 我局 / 我旗 … */
	self: string;
	/** Platform names (websites, WeChat) may appear: im.platforms is met this time. */
	platOk: boolean;
	/** Interaction channel names (领导信箱, 12345) may appear: rc.channels is met. */
	chanOk: boolean;
	/** The website the agency publishes on. */
	site: string;
	/** The agency's WeChat account, with its quotes. */
	wechat: string;
	/** Title of the head of the agency: 局长 / 主任 / 旗长 … */
	head: string;
	/** Set when a sentence states a disclosure figure (items, messages, applications). */
	stats: boolean;
	/** Indicators a written met sentence also meets (see `also` in phrases.ts). */
	also: Set<string>;
	n(min: number, max: number): number;
	/** A count, sometimes written approximately (120余). */
	about(min: number, max: number): string;
	/** A date inside the reporting period, e.g. 3月12日. */
	date(): string;
	topic(): string;
	pick<T>(items: readonly T[]): T;
}

export type Gen = (c: Ctx) => string;

/** Sector topics: the business vocabulary of each kind of agency. */
export const SECTOR_TOPICS: Record<string, readonly string[]> = {
	gov: ['乡村振兴', '营商环境优化', '生态环境保护', '民生实事', '城乡基础设施建设', '招商引资', '重点项目建设'],
	dev: ['重大项目谋划', '价格监测', '粮食安全保障', '社会信用体系建设', '能源保供'],
	edu: ['学前教育普及', '义务教育均衡发展', '招生入学', '学生资助', '校园安全', '教师队伍建设'],
	tech: ['科技成果转化', '科技特派员', '高新技术企业培育', '科普宣传'],
	industry: ['工业园区建设', '中小企业纾困', '数字化转型', '节能降耗'],
	police: ['户籍办理', '出入境证件办理', '交通安全管理', '社会治安防控', '反诈宣传'],
	civil: ['社会救助', '养老服务', '儿童福利', '殡葬管理', '婚姻登记', '社会组织管理'],
	justice: ['公共法律服务', '人民调解', '普法宣传', '社区矫正', '法律援助'],
	finance: ['预算管理', '惠农惠牧补贴发放', '政府债务管理', '国有资产管理', '财政资金直达'],
	hr: ['就业创业', '社会保险', '职业技能提升', '劳动保障监察', '人才引进'],
	land: ['国土空间规划', '不动产登记', '耕地保护', '矿产资源管理', '土地征收'],
	eco: ['大气污染防治', '水污染防治', '环境影响评价', '排污许可', '生态保护修复'],
	housing: ['老旧小区改造', '保障性住房', '建筑市场监管', '农村牧区危房改造', '物业管理'],
	transport: ['农村牧区公路建设', '道路运输管理', '公交出行', '交通工程质量监督'],
	water: ['农村牧区饮水安全', '河湖长制', '水土保持', '防汛抗旱', '水资源管理'],
	agri: ['粮食生产', '草原畜牧业', '动物疫病防控', '农畜产品质量安全', '高标准农田建设'],
	commerce: ['外贸稳增长', '消费促进', '电子商务进农村牧区', '市场保供', '招商引资'],
	culture: ['公共文化建设', '文物保护', '全民健身', '旅游市场整治', '非物质文化遗产保护'],
	health: ['疫情防控', '基层医疗卫生', '家庭医生签约', '妇幼健康', '爱国卫生运动'],
	veterans: ['退役军人安置', '优抚对象待遇保障', '退役军人就业创业', '双拥共建', '烈士纪念设施保护'],
	emergency: ['安全生产', '防灾减灾', '应急救援', '森林草原防灭火', '危险化学品监管'],
	audit: ['预算执行审计', '经济责任审计', '民生资金审计', '审计整改'],
	market: ['食品安全', '药品监管', '特种设备安全', '市场主体登记', '价格监督检查'],
	stats: ['统计调查', '人口普查', '经济普查', '统计执法', '统计数据质量'],
	forest: ['国土绿化', '草原保护', '森林防火', '林业有害生物防治', '湿地保护'],
	medical: ['医保基金监管', '医保待遇保障', '异地就医结算', '药品集中带量采购'],
	service: ['行政审批制度改革', '一网通办', '帮办代办', '营商环境优化', '工程建设项目审批'],
	airdefense: ['人防工程建设', '防空警报试鸣', '人防宣传教育', '易地建设费征收'],
	energy: ['煤炭行业管理', '新能源项目建设', '电力保供', '能源安全'],
	rural: ['巩固脱贫攻坚成果', '产业帮扶', '驻村帮扶', '防返贫监测'],
	petition: ['信访矛盾化解', '领导接访下访', '信访秩序维护', '网上信访'],
	urban: ['市容环境整治', '违法建设治理', '城市精细化管理', '垃圾分类']
};
