/**
 * Test-only: pages of positioned text (our own writing) for the PDF layout tests. The same pages
 * feed `layoutPdf` directly (as items whose width is one em per character, as in the fixture font)
 * and `buildPdf` (a real PDF read back through pdf.js). Not imported by application code.
 */
import type { LayoutPage } from './pdf-layout';
import type { PdfLine } from './test-fixtures';

export type PlacedText = PdfLine;

/** Items as pdf.js reports them for `buildPdf`'s font: every character one em wide. */
export function toLayoutPages(pages: PlacedText[][]): LayoutPage[] {
	return pages.map((p) => ({
		height: 842,
		items: p.map((t) => {
			const size = t.size ?? 12;
			return { str: t.text, x: t.x, y: t.y, w: [...t.text].length * size, h: size };
		})
	}));
}

/** Text centred on `cx`. */
export function centred(text: string, cx: number, y: number, size: number): PlacedText {
	return { text, x: cx - ([...text].length * size) / 2, y, size };
}

/** A paragraph cut into lines of `perLine` characters (the first indented by two), top at `y`. */
export function paragraph(text: string, y: number, opts: { x?: number; size?: number; perLine?: number; pitch?: number } = {}): PlacedText[] {
	const { x = 72, size = 12, perLine = 37, pitch = 20 } = opts;
	const chars = [...text];
	const out: PlacedText[] = [];
	let at = 0;
	for (let i = 0; at < chars.length; i++) {
		const n = i === 0 ? perLine - 2 : perLine;
		out.push({ text: chars.slice(at, at + n).join(''), x: i === 0 ? x + 2 * size : x, y: y - i * pitch, size });
		at += n;
	}
	return out;
}

const COLS = [320, 350, 380, 410, 440, 470, 500];
const T = 9;

function row(label: string, x: number, y: number, nums: number[]): PlacedText[] {
	return [{ text: label, x, y, size: T }, ...nums.map((n, i) => centred(String(n), COLS[i], y, T))];
}

/** Paragraphs of the fixture report (our own wording). */
export const PROSE = {
	opening:
		'本年度我局认真贯彻落实政府信息公开条例，围绕自然资源管理重点工作，持续深化主动公开，规范办理依申请公开，不断提升政务公开工作质量和水平，取得了较好成效。',
	acrossPages:
		'下一步我局将进一步健全依申请公开办理机制，加强答复文书合法性审查，做好申请人沟通解释工作，持续提升政府信息公开申请办理质量和规范化水平，切实保障人民群众依法获取政府信息的权利。'
};

/**
 * Three pages: a running header on each, page numbers (`- 1 -`, `- 2 -`, a lone `3`), an opening
 * paragraph over three lines, a 表三-like application table split over pages 1–2 (header over
 * three levels, a stub of three levels with vertical text, a wrapped label, group labels spanning
 * rows — one of them cut by the page break), and a paragraph running from page 2 onto page 3.
 * Every row carries 7 numbers: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计.
 */
export function applicationTablePages(): PlacedText[][] {
	const runningHeader = (): PlacedText => ({ text: '某县自然资源局政务公开专栏', x: 72, y: 815, size: 9 });
	const S = 170; // the sub-label column
	const p1: PlacedText[] = [
		runningHeader(),
		centred('某县自然资源局2023年政府信息公开工作年度报告', 297, 805, 16),
		...paragraph(PROSE.opening, 780),
		{ text: '三、收到和处理政府信息公开申请情况', x: 72, y: 720, size: 12 },
		// header: three levels over the numbers, one stub header cell
		{ text: '（本列数据勾稽关系：一加二等于三加四）', x: 60, y: 660, size: T },
		centred('申请人情况', 410, 698, T),
		centred('法人或其他组织', 410, 676, T),
		centred('自然人', COLS[0], 660, T),
		centred('总计', COLS[6], 660, T),
		...[
			['商业', '企业'],
			['科研', '机构'],
			['社会', '公益', '组织'],
			['法律', '服务', '机构'],
			['其他']
		].flatMap((parts, i) => parts.map((t, k) => centred(t, COLS[i + 1], 644 + ((parts.length - 1) / 2 - k) * 10, T))),
		// body
		...row('一、本年新收政府信息公开申请数量', 60, 612, [6, 2, 0, 0, 1, 0, 9]),
		...row('二、上年结转政府信息公开申请数量', 60, 592, [1, 0, 0, 0, 0, 0, 1]),
		...row('（一）予以公开', 90, 572, [3, 1, 0, 0, 0, 0, 4]),
		{ text: '（二）部分公开（区分处理的，只计', x: 90, y: 553, size: T },
		{ text: '这一情形，不计其他情形）', x: 90, y: 543, size: T },
		...COLS.map((c, i) => centred(String([1, 0, 0, 0, 0, 0, 1][i]), c, 548, T)),
		...row('1.属于国家秘密', S, 524, [0, 0, 0, 0, 0, 0, 0]),
		...row('2.其他法律行政法规禁止公开', S, 504, [1, 0, 0, 0, 0, 0, 1]),
		...row('3.危及“三安全一稳定”', S, 484, [0, 0, 0, 0, 0, 0, 0]),
		// a group label centred on its rows, level with the middle one
		{ text: '（三）不予公开', x: 90, y: 504, size: T },
		...row('1.本机关不掌握相关政府信息', S, 464, [2, 1, 0, 0, 0, 0, 3]),
		// cut by the page break: centred on the part of its rows on this page
		{ text: '（四）无法提供', x: 90, y: 464, size: T },
		// 三、本年度办理结果, one character per line in the first stub column
		...['三、', '本', '年', '度', '办', '理', '结', '果'].map((c, i) => ({ text: c, x: 62, y: 570 - i * 12, size: T })),
		{ text: '- 1 -', x: 285, y: 40, size: 10 }
	];
	const acrossPages = paragraph(PROSE.acrossPages, 600);
	const p2: PlacedText[] = [
		runningHeader(),
		...row('2.没有现成信息需要另行制作', S, 780, [0, 0, 0, 0, 0, 0, 0]),
		...row('3.补正后申请内容仍不明确', S, 760, [0, 0, 0, 0, 0, 0, 0]),
		...row('1.信访举报投诉类申请', S, 740, [1, 0, 0, 0, 0, 0, 1]),
		...row('2.重复申请', S, 720, [0, 0, 0, 0, 0, 0, 0]),
		{ text: '（五）不予处理', x: 90, y: 730, size: T },
		...row('（六）其他处理', 90, 700, [0, 0, 0, 0, 0, 0, 0]),
		...row('（七）总计', 90, 680, [7, 2, 0, 0, 1, 0, 10]),
		...row('四、结转下年度继续办理', 60, 660, [0, 0, 0, 0, 0, 0, 0]),
		{ text: '五、存在的主要问题及改进情况', x: 72, y: 630, size: 12 },
		...acrossPages.slice(0, 2),
		{ text: '- 2 -', x: 285, y: 40, size: 10 }
	];
	const p3: PlacedText[] = [
		runningHeader(),
		...acrossPages.slice(2).map((l, i) => ({ ...l, y: 780 - i * 20 })),
		{ text: '六、其他需要报告的事项', x: 72, y: 700, size: 12 },
		{ text: '3', x: 295, y: 40, size: 10 }
	];
	return [p1, p2, p3];
}

/**
 * Two pages: a 表二-like block (caption, one header row, rows) continued on page 2 under its header
 * printed again, then a second block with another header and a single row.
 */
export function repeatedHeaderPages(): PlacedText[][] {
	const cols = [260, 360, 460];
	const hdr = (y: number): PlacedText[] => [
		{ text: '信息内容', x: 80, y, size: 10 },
		...['本年制发件数', '本年废止件数', '现行有效件数'].map((t, i) => centred(t, cols[i], y, 10))
	];
	const r = (label: string, y: number, nums: number[]): PlacedText[] => [
		{ text: label, x: 80, y, size: 10 },
		...nums.map((n, i) => centred(String(n), cols[i], y, 10))
	];
	return [
		[
			{ text: '二、主动公开政府信息情况', x: 72, y: 700, size: 12 },
			centred('第二十条第（一）项', 297, 670, 10),
			...hdr(640),
			...r('规章', 610, [0, 0, 2]),
			{ text: '第 1 页 共 2 页', x: 260, y: 40, size: 9 }
		],
		[
			...hdr(780),
			...r('行政规范性文件', 750, [3, 1, 12]),
			centred('第二十条第（五）项', 297, 710, 10),
			{ text: '信息内容', x: 80, y: 680, size: 10 },
			centred('本年处理决定数量', 360, 680, 10),
			...r('行政许可', 650, [25]).slice(0, 1),
			centred('25', 360, 650, 10),
			{ text: '第 2 页 共 2 页', x: 260, y: 40, size: 9 }
		]
	];
}
