/**
 * Word documents of a round (the `docx` package): the results notice (通报) and one agency's
 * rectification notice (整改通知书), alone or zipped for every agency below a threshold.
 *
 * Layout follows the usual official-document habits (GB/T 9704): A4, 仿宋 三号 body with a
 * two-character first-line indent, 小标宋 二号 title, 黑体 first-level and 楷体 second-level
 * headings, issuer and date right-aligned. Tables are real Word tables, editable after export.
 */
import {
	AlignmentType,
	Document,
	Footer,
	HeadingLevel,
	LineRuleType,
	Packer,
	PageNumber,
	Paragraph,
	ShadingType,
	Table,
	TableCell,
	TableLayoutType,
	TableRow,
	TextRun,
	VerticalAlignTable,
	WidthType
} from 'docx';
import { zipSync, type Zippable } from 'fflate';
import type { AgencyResult, IndicatorDef, IndicatorResult, Level, RoundResults } from '../results/types';
import { STATUS_NAMES, formatScore, groupsInOrder, percentOf } from './format';

export interface NoticeOptions {
	/** 青岚盟政务公开办公室 */
	issuer: string;
	/** 2026年11月23日 */
	date: string;
	/** Bands by percentage of the (possibly reduced) maximum, highest first: the first band with pct ≥ min wins. */
	bands: { label: '优秀' | '良好' | '合格' | '不合格'; min: number }[];
}

export const DEFAULT_BANDS: NoticeOptions['bands'] = [
	{ label: '优秀', min: 90 },
	{ label: '良好', min: 80 },
	{ label: '合格', min: 60 },
	{ label: '不合格', min: 0 }
];

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

// ——— layout constants (twips: 1 mm ≈ 56.7) ———
const A4 = { width: 11906, height: 16838 };
const MARGIN = { top: 2098, bottom: 1984, left: 1588, right: 1474 }; // 37 / 35 / 28 / 26 mm
const CONTENT_WIDTH = A4.width - MARGIN.left - MARGIN.right; // 8844
const BODY_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', cs: 'Times New Roman', eastAsia: '仿宋' };
const TITLE_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', cs: 'Times New Roman', eastAsia: '方正小标宋简体' };
const HEI_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', cs: 'Times New Roman', eastAsia: '黑体' };
const KAI_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', cs: 'Times New Roman', eastAsia: '楷体' };
const SIZE_BODY = 32; // 三号 16 pt (half-points)
const SIZE_TITLE = 44; // 二号 22 pt
const SIZE_TABLE = 24; // 小四 12 pt
const SIZE_TABLE_SMALL = 21; // 五号 10.5 pt
const LINE_EXACT = { line: 560, lineRule: LineRuleType.EXACT }; // 28 pt
const LEVEL_SHADES: Record<Level, string> = { 0: 'F4C7C3', 1: 'FFE699', 2: 'C6EFCE' };

// ——— small paragraph builders ———
function title(text: string): Paragraph {
	return new Paragraph({
		heading: HeadingLevel.TITLE,
		alignment: AlignmentType.CENTER,
		spacing: { before: 0, after: 560, line: 700, lineRule: LineRuleType.EXACT },
		children: [new TextRun({ text, font: TITLE_FONT, size: SIZE_TITLE, color: '000000' })]
	});
}

function centered(text: string): Paragraph {
	return new Paragraph({ alignment: AlignmentType.CENTER, spacing: LINE_EXACT, children: [new TextRun({ text, font: KAI_FONT })] });
}

function body(text: string, opts: { indent?: boolean } = {}): Paragraph {
	return new Paragraph({
		alignment: AlignmentType.JUSTIFIED,
		spacing: LINE_EXACT,
		indent: opts.indent === false ? undefined : { firstLine: 640, firstLineChars: 200 },
		children: [new TextRun({ text })]
	});
}

function heading1(text: string): Paragraph {
	return new Paragraph({
		heading: HeadingLevel.HEADING_1,
		spacing: LINE_EXACT,
		indent: { firstLine: 640, firstLineChars: 200 },
		children: [new TextRun({ text, font: HEI_FONT, size: SIZE_BODY, bold: false, color: '000000' })]
	});
}

/** A second-level heading (楷体) followed, on the same line, by body text. */
function heading2(head: string, rest = ''): Paragraph {
	return new Paragraph({
		heading: HeadingLevel.HEADING_2,
		spacing: LINE_EXACT,
		indent: { firstLine: 640, firstLineChars: 200 },
		children: [
			new TextRun({ text: head, font: KAI_FONT, size: SIZE_BODY, bold: false, color: '000000' }),
			...(rest ? [new TextRun({ text: rest, font: BODY_FONT, size: SIZE_BODY, color: '000000' })] : [])
		]
	});
}

/** Issuer and date, right-aligned, with the customary blank line before. */
function signature(issuer: string, date: string): Paragraph[] {
	const right = (text: string) =>
		new Paragraph({ alignment: AlignmentType.RIGHT, spacing: LINE_EXACT, indent: { right: 640 }, children: [new TextRun({ text })] });
	return [new Paragraph({ spacing: LINE_EXACT, children: [] }), right(issuer), right(date)];
}

interface CellSpec {
	text: string;
	shade?: string;
	align?: 'left' | 'center';
}

function table(headers: string[], rows: (string | CellSpec)[][], widths: number[], size: number): Table {
	const cell = (spec: string | CellSpec, header: boolean) => {
		const s = typeof spec === 'string' ? { text: spec } : spec;
		return new TableCell({
			verticalAlign: VerticalAlignTable.CENTER,
			shading: header ? { type: ShadingType.CLEAR, fill: 'D9D9D9', color: 'auto' } : s.shade ? { type: ShadingType.CLEAR, fill: s.shade, color: 'auto' } : undefined,
			margins: { left: 80, right: 80, top: 40, bottom: 40 },
			children: s.text.split('\n').map(
				(line) =>
					new Paragraph({
						alignment: header || s.align !== 'left' ? AlignmentType.CENTER : AlignmentType.LEFT,
						spacing: { line: 300, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
						children: [new TextRun({ text: line, size, bold: header, font: header ? HEI_FONT : BODY_FONT })]
					})
			)
		});
	};
	return new Table({
		width: { size: CONTENT_WIDTH, type: WidthType.DXA },
		columnWidths: widths,
		layout: TableLayoutType.FIXED,
		alignment: AlignmentType.CENTER,
		rows: [
			new TableRow({ tableHeader: true, cantSplit: true, children: headers.map((h) => cell(h, true)) }),
			...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c) => cell(c, false)) }))
		]
	});
}

/**
 * The page number in the footer as official documents print it (GB/T 9704: "— 1 —", 4号 宋体
 * half-width digits), centred; a Word PAGE field, so it stays right after editing.
 */
function pageNumberFooter(): Footer {
	return new Footer({
		children: [
			new Paragraph({
				alignment: AlignmentType.CENTER,
				children: [new TextRun({ font: 'SimSun', size: 28, children: ['— ', PageNumber.CURRENT, ' —'] })]
			})
		]
	});
}

async function pack(children: (Paragraph | Table)[], meta: { title: string; creator: string }): Promise<Uint8Array> {
	const doc = new Document({
		title: meta.title,
		creator: meta.creator,
		styles: {
			default: {
				document: {
					run: { font: BODY_FONT, size: SIZE_BODY, language: { value: 'en-US', eastAsia: 'zh-CN' } },
					paragraph: { spacing: LINE_EXACT }
				},
				title: { run: { font: TITLE_FONT, size: SIZE_TITLE, color: '000000' } },
				heading1: { run: { font: HEI_FONT, size: SIZE_BODY, bold: false, color: '000000' } },
				heading2: { run: { font: KAI_FONT, size: SIZE_BODY, bold: false, color: '000000' } }
			}
		},
		sections: [
			{
				properties: { page: { size: A4, margin: { ...MARGIN, header: 851, footer: 992 } } },
				footers: { default: pageNumberFooter() },
				children
			}
		]
	});
	const buf = await Packer.toBuffer(doc);
	return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

// ——— wording helpers ———

/** "2019年度政务公开考核" stays; "2019年度政务公开" becomes "2019年度政务公开考核" (never 考核考核). */
export function assessmentSubject(roundName: string): string {
	const name = roundName.trim();
	return /(考核|考评|评估|评议|测评|检查)(结果)?$/.test(name) ? name : `${name}考核`;
}

/** 关于2019年度政务公开考核结果的通报 */
export function noticeTitle(roundName: string): string {
	const subject = assessmentSubject(roundName);
	return `关于${subject}${subject.endsWith('结果') ? '' : '结果'}的通报`;
}

/** The band of an agency by its percentage of its own maximum. */
export function bandOf(a: Pick<AgencyResult, 'total' | 'max'>, bands: NoticeOptions['bands']): NoticeOptions['bands'][number]['label'] {
	const sorted = [...bands].sort((x, y) => y.min - x.min);
	const pct = percentOf(a);
	for (const b of sorted) if (pct + 1e-9 >= b.min) return b.label;
	return sorted[sorted.length - 1]?.label ?? '不合格';
}

function bandRule(bands: NoticeOptions['bands']): string {
	const sorted = [...bands].sort((x, y) => y.min - x.min);
	return sorted
		.map((b, i) => {
			if (i === 0) return `得分率${b.min}%及以上为${b.label}`;
			if (b.min <= 0) return `${sorted[i - 1].min}%以下为${b.label}`;
			return `${b.min}%（含）至${sorted[i - 1].min}%为${b.label}`;
		})
		.join('，');
}

const scoreText = (a: AgencyResult) => (a.max < 100 ? `${formatScore(a.total)}（满分${formatScore(a.max)}）` : formatScore(a.total));
const joinNames = (names: string[]) => (names.length > 0 ? names.join('、') : '无');

export interface CommonProblem {
	indicator: IndicatorDef;
	missing: number;
	partial: number;
}

/** Indicators ordered by how many agencies miss them (level 0), then by partial (level 1). */
export function commonProblems(r: RoundResults): CommonProblem[] {
	return r.indicators
		.map((d) => {
			let missing = 0;
			let partial = 0;
			for (const a of r.agencies) {
				const lv = a.indicators[d.id]?.level;
				if (lv === 0) missing++;
				else if (lv === 1) partial++;
			}
			return { indicator: d, missing, partial };
		})
		.filter((p) => p.missing > 0 || p.partial > 0)
		.sort((p, q) => q.missing - p.missing || q.partial - p.partial);
}

/**
 * The results notice (通报) of a round.
 *
 * @example
 *   await buildNoticeDocx(results, { issuer: '青岚盟政务公开办公室', date: '2026年11月23日', bands: DEFAULT_BANDS });
 */
export async function buildNoticeDocx(r: RoundResults, o: NoticeOptions): Promise<Uint8Array> {
	const subject = assessmentSubject(r.round.name);
	const heading = noticeTitle(r.round.name);
	const bands = o.bands.length > 0 ? o.bands : DEFAULT_BANDS;
	const n = r.agencies.length;
	const m = r.missing.length;
	const children: (Paragraph | Table)[] = [title(heading)];
	if (r.round.status !== 'published') children.push(centered(`（${STATUS_NAMES[r.round.status]}，结果尚未发布，仅供审核）`));

	children.push(
		body(
			`为深入贯彻落实《中华人民共和国政府信息公开条例》和政务公开工作有关部署要求，进一步提升政务公开工作质量，${o.issuer}组织开展了${subject}工作。现将有关情况通报如下：`
		)
	);

	// 一、总体情况
	children.push(heading1('一、总体情况'));
	const bandCounts = new Map<string, number>(bands.map((b) => [b.label, 0]));
	for (const a of r.agencies) {
		const label = bandOf(a, bands);
		bandCounts.set(label, (bandCounts.get(label) ?? 0) + 1);
	}
	if (n === 0) {
		children.push(body(`本次考核共${m}家单位应参评，均未报送报告，无考核结果。${m > 0 ? `未报送单位：${joinNames(r.missing.map((x) => x.agencyName))}。` : ''}`));
	} else {
		const avg = r.agencies.reduce((s, a) => s + a.total, 0) / n;
		const avgPct = r.agencies.reduce((s, a) => s + percentOf(a), 0) / n;
		const totals = r.agencies.map((a) => a.total);
		const late = r.agencies.filter((a) => a.late).length;
		const reduced = r.agencies.filter((a) => a.max < 100).length;
		let text = `本次考核共${n + m}家单位应参评，其中${n}家单位报送了报告并参加评分${late > 0 ? `（含逾期报送${late}家）` : ''}`;
		text += m > 0 ? `，${m}家单位未报送报告（${joinNames(r.missing.map((x) => x.agencyName))}）。` : '，所有单位均已报送。';
		text += `参评单位平均得分${formatScore(avg)}分，平均得分率${formatScore(avgPct)}%，最高${formatScore(Math.max(...totals))}分，最低${formatScore(Math.min(...totals))}分。`;
		text += `按得分率评定等次（${bandRule(bands)}），${bands.map((b) => `${b.label}${bandCounts.get(b.label) ?? 0}家`).join('、')}。`;
		if (reduced > 0) text += `另有${reduced}家单位因部分指标不适用，满分相应扣减，按得分率评定等次。`;
		children.push(body(text));
	}

	// 二、考核结果
	children.push(heading1('二、考核结果'));
	const cn = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
	const groups = groupsInOrder(r.agencies);
	groups.forEach((g, i) => {
		const label = groups.length > 1 || g.name !== '其他单位' ? `（${cn[i] ?? String(i + 1)}）${g.name}（${g.agencies.length}家）` : `参评单位（${g.agencies.length}家）`;
		children.push(heading2(label));
		children.push(
			table(
				['名次', '单位', '总分', '等次'],
				g.agencies.map((a) => [String(a.groupRank), { text: a.agencyName, align: 'left' }, scoreText(a), bandOf(a, bands)]),
				[1100, 4144, 1900, 1700],
				SIZE_TABLE
			)
		);
	});
	if (n === 0) children.push(body('本次考核无参评单位。'));
	if (r.agencies.some((a) => a.max < 100)) {
		children.push(body('注：总分后括号内为扣减不适用指标后的满分。', { indent: true }));
	}

	// 三、等次
	children.push(heading1('三、考核等次'));
	bands.forEach((b, i) => {
		const names = r.agencies.filter((a) => bandOf(a, bands) === b.label).map((a) => a.agencyName);
		children.push(heading2(`（${cn[i] ?? String(i + 1)}）${b.label}（${names.length}家）：`, `${joinNames(names)}。`));
	});
	if (m > 0) {
		children.push(heading2(`（${cn[bands.length] ?? String(bands.length + 1)}）未报送（${m}家）：`, `${joinNames(r.missing.map((x) => x.agencyName))}。`));
	}

	// 四、主要问题
	children.push(heading1('四、主要问题'));
	const problems = commonProblems(r).slice(0, 5);
	if (problems.length === 0) {
		children.push(body('本次考核各参评单位各项指标均已达标。'));
	} else {
		children.push(body('从考核情况看，各单位报告中缺失较多的指标如下：'));
		problems.forEach((p, i) => {
			const parts: string[] = [];
			if (p.missing > 0) parts.push(`${p.missing}家单位缺失`);
			if (p.partial > 0) parts.push(`${p.partial}家单位表述笼统、缺少具体内容`);
			children.push(body(`${i + 1}. ${p.indicator.name}：${parts.join('，')}。细则要求：${p.indicator.description}。`));
		});
	}

	// 五、工作要求
	children.push(heading1('五、工作要求'));
	children.push(
		body(
			'各单位要高度重视考核中发现的问题，对照考核细则和整改通知逐项整改，在政务公开工作年度报告和工作总结中写明具体做法、文件名称、数量和日期，避免以笼统表述代替工作实绩。考核等次为不合格和未报送的单位，要认真分析原因，于收到本通报之日起30日内将整改情况书面报送' +
				`${o.issuer}。`
		)
	);
	children.push(...signature(o.issuer, o.date));
	return pack(children, { title: heading, creator: o.issuer });
}

/** The 整改要求 sentence for a level. */
export function rectificationRequirement(def: IndicatorDef, level: Level): string {
	return level === 0
		? `请对照细则补充开展“${def.name}”相关工作，并在报告中写明具体做法、文件名称、数量或日期。`
		: `请补充具体内容，写明“${def.name}”的具体做法、文件名称、渠道平台、数量或日期，不以笼统表述代替。`;
}

function findAgency(r: RoundResults, agencyId: number): AgencyResult {
	const a = r.agencies.find((x) => x.agencyId === agencyId);
	if (a) return a;
	const missing = r.missing.find((x) => x.agencyId === agencyId);
	if (missing) throw new Error(`${missing.agencyName}在“${r.round.name}”中未报送报告，没有考核结果，无法生成整改通知书`);
	throw new Error(`“${r.round.name}”中没有单位编号为${agencyId}的考核结果，无法生成整改通知书`);
}

function rectificationChildren(r: RoundResults, a: AgencyResult, o: Pick<NoticeOptions, 'issuer' | 'date'>): (Paragraph | Table)[] {
	const subject = assessmentSubject(r.round.name);
	const gaps: { def: IndicatorDef; res: IndicatorResult; level: 0 | 1 }[] = [];
	for (const def of r.indicators) {
		const res = a.indicators[def.id];
		if (res && (res.level === 0 || res.level === 1)) gaps.push({ def, res, level: res.level });
	}
	const missingCount = gaps.filter((g) => g.level === 0).length;
	const children: (Paragraph | Table)[] = [title('政务公开考核整改通知书')];
	if (r.round.status !== 'published') children.push(centered(`（${STATUS_NAMES[r.round.status]}，结果尚未发布，仅供审核）`));
	children.push(body(`${a.agencyName}：`, { indent: false }));
	let intro = `根据${subject}结果，你单位得分${formatScore(a.total)}分（满分${formatScore(a.max)}分，得分率${formatScore(percentOf(a))}%），在${r.agencies.length}家参评单位中排名第${a.rank}名`;
	intro += a.group ? `，在${a.group}中排名第${a.groupRank}名。` : '。';
	if (a.late) intro += '你单位报告逾期报送。';
	if (a.max < 100) intro += '因部分指标不适用，你单位满分相应扣减。';
	children.push(body(intro));
	if (gaps.length === 0) {
		children.push(body('经核查，你单位报告各项指标均已达标，请继续保持。'));
	} else {
		children.push(
			body(`经核查，你单位报告中有${gaps.length}项指标未达标（缺失${missingCount}项、部分达标${gaps.length - missingCount}项），具体如下：`)
		);
		children.push(
			table(
				['序号', '指标', '等级', '细则要求', '已见证据', '整改要求'],
				gaps.map((g, i) => [
					String(i + 1),
					g.def.name,
					{ text: g.level === 0 ? '缺失' : '部分', shade: LEVEL_SHADES[g.level] },
					{ text: g.def.description, align: 'left' },
					{ text: g.res.evidence ?? '未见相关内容', align: 'left' },
					{ text: rectificationRequirement(g.def, g.level), align: 'left' }
				]),
				[600, 1250, 800, 2044, 2100, 2050],
				SIZE_TABLE_SMALL
			)
		);
		children.push(body(`请你单位对照上述问题认真整改，于收到本通知之日起30日内完成整改，并将整改情况书面报送${o.issuer}。`));
	}
	children.push(...signature(o.issuer, o.date));
	return children;
}

/**
 * One agency's rectification notice. Throws an Error (Chinese message) when the agency has no
 * result in the round (unknown id, or an agency that did not report).
 */
export async function buildRectificationDocx(r: RoundResults, agencyId: number, o: Pick<NoticeOptions, 'issuer' | 'date'>): Promise<Uint8Array> {
	const a = findAgency(r, agencyId);
	return pack(rectificationChildren(r, a, o), { title: `${a.agencyName}政务公开考核整改通知书`, creator: o.issuer });
}

/** A file name safe on Windows, macOS and Linux: reserved characters become "_". */
function safeFileName(name: string): string {
	const cleaned = [...name]
		.map((ch) => ((ch.codePointAt(0) ?? 0) < 0x20 || '\\/:*?"<>|'.includes(ch) ? '_' : ch))
		.join('')
		.replace(/[. ]+$/, '')
		.trim();
	return cleaned || '未命名单位';
}

/**
 * Rectification notices for every agency whose total is below `below`, zipped as
 * 整改通知_{单位}.docx (UTF-8 names, flagged as such). Agencies are in rank order; a duplicate
 * name gets its agency id appended. An empty zip when no agency is below the threshold.
 */
export async function buildRectificationZip(r: RoundResults, below: number, o: Pick<NoticeOptions, 'issuer' | 'date'>): Promise<Uint8Array> {
	const files: Zippable = {};
	const mtime = Number.isNaN(Date.parse(r.generatedAt)) ? undefined : new Date(r.generatedAt);
	for (const a of r.agencies) {
		if (!(a.total < below)) continue;
		let name = `整改通知_${safeFileName(a.agencyName)}.docx`;
		if (name in files) name = `整改通知_${safeFileName(a.agencyName)}_${a.agencyId}.docx`;
		const bytes = await buildRectificationDocx(r, a.agencyId, o);
		// docx is already deflated: store it.
		files[name] = [bytes, { level: 0, mtime }];
	}
	return zipSync(files);
}
