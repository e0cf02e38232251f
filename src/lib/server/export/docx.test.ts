import { describe, it, expect, beforeAll } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import {
	DEFAULT_BANDS,
	assessmentSubject,
	bandOf,
	buildNoticeDocx,
	buildRectificationDocx,
	buildRectificationZip,
	commonProblems,
	noticeTitle
} from './docx';
import { makeRoundResults } from './fixtures';
import { formatScore } from './format';
import type { RoundResults } from '../results/types';

const r: RoundResults = makeRoundResults();
const opts = { issuer: '青岚盟政务公开办公室', date: '2026年11月23日', bands: DEFAULT_BANDS };

function documentXml(bytes: Uint8Array): string {
	const files = unzipSync(bytes);
	const xml = files['word/document.xml'];
	if (!xml) throw new Error('no word/document.xml');
	return strFromU8(xml);
}

/** The text of the document, paragraph by paragraph (runs joined). */
function paragraphs(xml: string): string[] {
	return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) =>
		[...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')
	);
}

/** Central-directory entries of a zip: name bytes decoded as UTF-8 and the general-purpose flag. */
function centralDirectory(zip: Uint8Array): { name: string; flag: number }[] {
	const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
	let eocd = zip.length - 22;
	while (eocd >= 0 && view.getUint32(eocd, true) !== 0x06054b50) eocd--;
	const count = view.getUint16(eocd + 10, true);
	let p = view.getUint32(eocd + 16, true);
	const out: { name: string; flag: number }[] = [];
	for (let i = 0; i < count; i++) {
		const flag = view.getUint16(p + 8, true);
		const n = view.getUint16(p + 28, true);
		const extra = view.getUint16(p + 30, true);
		const comment = view.getUint16(p + 32, true);
		out.push({ name: new TextDecoder().decode(zip.subarray(p + 46, p + 46 + n)), flag });
		p += 46 + n + extra + comment;
	}
	return out;
}

describe('notice wording helpers', () => {
	it('does not double 考核 in the title', () => {
		expect(noticeTitle('2019年度政务公开考核')).toBe('关于2019年度政务公开考核结果的通报');
		expect(noticeTitle('2019年度政务公开')).toBe('关于2019年度政务公开考核结果的通报');
		expect(noticeTitle('2017年上半年政务公开考评')).toBe('关于2017年上半年政务公开考评结果的通报');
		expect(assessmentSubject(' 2020年度政务公开第三方评估 ')).toBe('2020年度政务公开第三方评估');
	});

	it('bands by percentage of the reduced maximum', () => {
		expect(bandOf({ total: 88.5, max: 98 }, DEFAULT_BANDS)).toBe('优秀'); // 90.3%
		expect(bandOf({ total: 88.5, max: 100 }, DEFAULT_BANDS)).toBe('良好');
		expect(bandOf({ total: 60, max: 100 }, DEFAULT_BANDS)).toBe('合格');
		expect(bandOf({ total: 59.5, max: 100 }, DEFAULT_BANDS)).toBe('不合格');
	});
});

describe('buildNoticeDocx', () => {
	let xml: string;
	let paras: string[];
	beforeAll(async () => {
		xml = documentXml(await buildNoticeDocx(r, opts));
		paras = paragraphs(xml);
	});

	it('has the title, the opening, every section and the signature', () => {
		expect(paras[0]).toBe('关于2019年度政务公开考核结果的通报');
		expect(paras[1]).toContain('《中华人民共和国政府信息公开条例》');
		expect(paras[1]).toContain('青岚盟政务公开办公室组织开展了2019年度政务公开考核工作。现将有关情况通报如下：');
		for (const h of ['一、总体情况', '二、考核结果', '三、考核等次', '四、主要问题', '五、工作要求']) expect(paras).toContain(h);
		expect(paras.at(-2)).toBe('青岚盟政务公开办公室');
		expect(paras.at(-1)).toBe('2026年11月23日');
		// Issuer and date are right-aligned.
		const last = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].at(-1)?.[0] ?? '';
		expect(last).toContain('<w:jc w:val="right"/>');
	});

	it('states the overall numbers', () => {
		const overall = paras[paras.indexOf('一、总体情况') + 1];
		const avg = r.agencies.reduce((s, a) => s + a.total, 0) / r.agencies.length;
		expect(overall).toContain(`共${r.agencies.length + 1}家单位应参评，其中${r.agencies.length}家单位报送了报告`);
		expect(overall).toContain('1家单位未报送报告（青岚盟应急管理局）');
		expect(overall).toContain(`平均得分${formatScore(avg)}分`);
		expect(overall).toContain('逾期报送1家');
	});

	it('has one real table per group, with every agency, its group rank and band', () => {
		const tables = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
		expect(tables).toHaveLength(2);
		expect(paras).toContain('（一）盟直部门（6家）');
		expect(paras).toContain('（二）旗县市区（6家）');
		const rowsOf = (t: string) => [...t.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((m) => paragraphs(m[0]));
		const all = tables.flatMap(rowsOf);
		expect(all.filter((row) => row[0] === '名次')).toHaveLength(2);
		for (const a of r.agencies) {
			const row = all.find((cells) => cells[1] === a.agencyName);
			expect(row, a.agencyName).toBeDefined();
			expect(row?.[0]).toBe(String(a.groupRank));
			expect(row?.[2]).toContain(formatScore(a.total));
			expect(row?.[3]).toBe(bandOf(a, DEFAULT_BANDS));
		}
		// A reduced maximum is shown next to the total.
		const reduced = r.agencies.find((a) => a.max < 100);
		expect(all.find((cells) => cells[1] === reduced?.agencyName)?.[2]).toBe(`${formatScore(reduced?.total ?? 0)}（满分98）`);
	});

	it('lists the agencies of each band', () => {
		const counts = new Map<string, string[]>();
		for (const a of r.agencies) {
			const b = bandOf(a, DEFAULT_BANDS);
			counts.set(b, [...(counts.get(b) ?? []), a.agencyName]);
		}
		DEFAULT_BANDS.forEach((b, i) => {
			const names = counts.get(b.label) ?? [];
			const line = paras.find((p) => p.startsWith(`（${'一二三四'[i]}）${b.label}（${names.length}家）：`));
			expect(line, b.label).toBeDefined();
			for (const n of names) expect(line).toContain(n);
		});
		expect(paras).toContain('（五）未报送（1家）：青岚盟应急管理局。');
	});

	it('names the most common missing items with their counts', () => {
		const top = commonProblems(r)[0];
		expect(top.missing).toBeGreaterThan(0);
		expect(paras.some((p) => p.startsWith(`1. ${top.indicator.name}：${top.missing}家单位缺失`))).toBe(true);
	});

	it('uses FangSong for the body, A4 pages and the title font', () => {
		expect(xml).toContain('w:w="11906"');
		expect(xml).toContain('w:h="16838"');
		expect(xml).toContain('方正小标宋简体');
		expect(xml).toContain('黑体');
	});

	it('marks a provisional round', async () => {
		const draft = { ...r, round: { ...r.round, status: 'review' as const } };
		const p = paragraphs(documentXml(await buildNoticeDocx(draft, opts)));
		expect(p[1]).toContain('结果尚未发布');
	});
});

describe('buildRectificationDocx', () => {
	// The lowest-ranked agency has the most gaps.
	const weak = r.agencies[r.agencies.length - 1];

	it("lists the agency's missing and partial indicators with evidence or 未见相关内容", async () => {
		const xml = documentXml(await buildRectificationDocx(r, weak.agencyId, opts));
		const paras = paragraphs(xml);
		expect(paras[0]).toBe('政务公开考核整改通知书');
		expect(paras).toContain(`${weak.agencyName}：`);
		expect(paras.some((p) => p.includes(`你单位得分${formatScore(weak.total)}分`) && p.includes(`排名第${weak.rank}名`))).toBe(true);
		const gaps = r.indicators.filter((d) => weak.indicators[d.id].level === 0 || weak.indicators[d.id].level === 1);
		const missing = gaps.filter((d) => weak.indicators[d.id].level === 0);
		expect(missing.length).toBeGreaterThan(0);
		const rows = [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((m) => paragraphs(m[0]));
		expect(rows).toHaveLength(gaps.length + 1);
		expect(rows[0]).toEqual(['序号', '指标', '等级', '细则要求', '已见证据', '整改要求']);
		gaps.forEach((d, i) => {
			const res = weak.indicators[d.id];
			expect(rows[i + 1][1]).toBe(d.name);
			expect(rows[i + 1][2]).toBe(res.level === 0 ? '缺失' : '部分');
			expect(rows[i + 1][3]).toBe(d.description);
			expect(rows[i + 1][4]).toBe(res.evidence ?? '未见相关内容');
			expect(rows[i + 1][5]).toContain(res.level === 0 ? `补充开展“${d.name}”相关工作` : '请补充具体内容');
		});
		expect(gaps.some((d) => weak.indicators[d.id].evidence === null)).toBe(true);
		expect(paras).toContain('未见相关内容');
		expect(paras.some((p) => p.includes('30日内完成整改') && p.includes('青岚盟政务公开办公室'))).toBe(true);
		expect(paras.at(-1)).toBe('2026年11月23日');
	});

	it('throws a clear error for an unknown or non-reporting agency', async () => {
		await expect(buildRectificationDocx(r, 99999, opts)).rejects.toThrow('没有单位编号为99999的考核结果');
		await expect(buildRectificationDocx(r, r.missing[0].agencyId, opts)).rejects.toThrow('青岚盟应急管理局');
	});
});

describe('buildRectificationZip', () => {
	it('holds exactly the agencies below the threshold, with UTF-8 flagged Chinese names', async () => {
		const below = 70;
		const expected = r.agencies.filter((a) => a.total < below).map((a) => `整改通知_${a.agencyName}.docx`);
		expect(expected.length).toBeGreaterThan(0);
		expect(expected.length).toBeLessThan(r.agencies.length);
		const zip = await buildRectificationZip(r, below, opts);
		const files = unzipSync(zip);
		expect(Object.keys(files).sort()).toEqual([...expected].sort());
		for (const e of centralDirectory(zip)) {
			expect(expected).toContain(e.name);
			expect(e.flag & 0x800).toBe(0x800);
		}
		// Each entry is a real docx for that agency.
		const first = r.agencies.find((a) => a.total < below);
		const inner = files[`整改通知_${first?.agencyName}.docx`];
		expect(paragraphs(documentXml(inner))).toContain(`${first?.agencyName}：`);
	});

	it('is an empty zip when nobody is below the threshold', async () => {
		expect(Object.keys(unzipSync(await buildRectificationZip(r, 0, opts)))).toEqual([]);
	});

	it('makes names safe and unique', async () => {
		const twin = { ...r.agencies[0], agencyId: 999, agencyName: r.agencies[0].agencyName };
		const odd = { ...r.agencies[1], agencyId: 998, agencyName: '某局/办公室:一' };
		const rr: RoundResults = { ...r, agencies: [r.agencies[0], twin, odd] };
		const names = Object.keys(unzipSync(await buildRectificationZip(rr, 101, opts))).sort();
		expect(names).toEqual(
			[`整改通知_${r.agencies[0].agencyName}.docx`, `整改通知_${r.agencies[0].agencyName}_999.docx`, '整改通知_某局_办公室_一.docx'].sort()
		);
	});
});
