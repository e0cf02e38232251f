/**
 * Structure of text whose layout was lost (fixtures of our own): hard-wrapped PDF lines with page
 * numbers, web copies on one line with the headings inside it, combined problems/plans headings,
 * the 2021 format's 总体情况 subsections and category counts.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from './analyze';
import { normalize, reflow, toOriginal } from './normalize';
import { defaultRubric } from './rubric';

const level = (r: ReturnType<typeof analyze>, id: string) => r.indicators.find((i) => i.id === id)?.level;

/** Wrap a paragraph at `width` characters, as a PDF export does. */
function wrap(paragraph: string, width = 26): string[] {
	const out: string[] = [];
	for (let i = 0; i < paragraph.length; i += width) out.push(paragraph.slice(i, i + width));
	return out;
}

describe('hard-wrapped text (PDF exports)', () => {
	const paras = [
		'一、总体情况',
		'2023年，某市交通运输局认真贯彻落实政府信息公开条例，全年通过局门户网站主动公开政府信息1350条，其中重大项目建设信息58条、行政许可类信息27条、部门预决算信息40条，发布政策解读15篇。',
		'（一）政府信息管理。我局制定了《政府信息公开保密审查办法》，建立了信息发布三审三校流程，全年组织政务公开业务培训3期，参训人员120人次，确保公开信息准确规范。',
		'二、存在的主要问题及改进情况',
		'一是依申请公开答复规范性有待提高；二是政策解读形式还不够丰富。下一步，我局将规范答复文书，丰富图解、视频等解读形式。'
	];
	const lines: string[] = ['某市交通运输局', '2023年政府信息公开工作年度报告'];
	paras.forEach((p, i) => {
		const w = wrap(p);
		// a page ends inside the second paragraph
		if (i === 1) w.splice(3, 0, '- 1 -');
		lines.push(...w);
	});
	const text = lines.join('\n');
	const r = analyze(text, defaultRubric);

	it('joins lines broken mid-sentence and drops the page number between them', () => {
		const nz = reflow(normalize(text));
		expect(nz.text).toContain('全年通过局门户网站主动公开政府信息1350条');
		expect(nz.text).toContain('其中重大项目建设信息58条、行政许可类信息27条、部门预决算信息40条，发布政策解读15篇。');
		expect(nz.text).not.toMatch(/- 1 -/);
		// offsets still point into the original
		const at = nz.text.indexOf('1350条');
		const o = toOriginal(nz, at, at + 5);
		expect(text.slice(o.start, o.end)).toBe('1350条');
	});

	it('reads figures that a line break had split', () => {
		expect(r.metrics.find((m) => m.id === 'published_items')?.value).toBe(1350);
		expect(r.metrics.find((m) => m.id === 'interpretations')?.value).toBe(15);
		expect(r.metrics.find((m) => m.id === 'trainings')?.value).toBe(3);
	});

	it('keeps the title lines apart and reads the metadata', () => {
		expect(r.meta).toMatchObject({ agency: '某市交通运输局', period: '2023', type: 'annual_report' });
	});

	it('a category count of a disclosed kind is a done measure with a specific', () => {
		expect(level(r, 'fd.execution')).toBe(2);
		expect(level(r, 'fd.management')).toBe(2);
		expect(level(r, 'fd.result')).toBe(2);
	});

	it('splits the combined heading: problems first, then the plans after 下一步', () => {
		expect(r.sections.find((s) => s.heading.startsWith('二、存在的主要问题'))?.role).toBe('problems');
		expect(level(r, 'rq.problems')).toBe(2);
		const plans = r.indicators.find((i) => i.id === 'rq.plans');
		expect(plans?.evidence.some((e) => e.text.replace(/\n/g, '').includes('规范答复文书'))).toBe(true);
		expect(r.indicators.find((i) => i.id === 'rq.problems')?.evidence.some((e) => e.text.includes('下一步'))).toBe(false);
	});

	it('does not join a paragraph-per-line text', () => {
		const plain = [
			'一、总体情况',
			...Array.from({ length: 8 }, (_, i) => `我局第${i + 1}项工作已经完成，${'并按要求公开了相关信息，'.repeat(i % 3)}做到应公开尽公开。`),
			'二、工作打算'
		].join('\n');
		expect(reflow(normalize(plain)).text).toBe(normalize(plain).text);
	});

	it('leaves table rows on their own lines', () => {
		const rows = ['规章 1 0 11', '行政规范性文件 8 26 66'];
		const t = [...lines, ...rows].join('\n');
		const out = reflow(normalize(t)).text;
		for (const row of rows) expect(out.split('\n')).toContain(row);
	});
});

describe('web copies that lost their line breaks', () => {
	const oneLine =
		'某县人民政府办公室2020年政府信息公开工作年度报告 现将本年度报告如下。一、基本情况2020年，我办全年主动公开政府信息860条。' +
		'（一）政府信息管理。我办修订了《政府信息公开指南》，组织政务公开专题培训2期。' +
		'（二）平台建设。县政府门户网站开设“政策解读”专栏，发布解读材料12篇。' +
		'（三）监督保障。将政务公开工作纳入全县年度绩效考核，开展专项督查3次。' +
		'二、存在的主要问题及改进措施一是公开内容不够全面；二是解读形式较为单一。为此，我办将扩大公开范围，丰富解读形式。1.5万元的经费已列入预算。';
	const r = analyze(oneLine, defaultRubric);
	const heads = r.sections.map((s) => s.heading);

	it('finds the headings inside the line at every level', () => {
		expect(heads).toContain('一、基本情况');
		expect(heads).toContain('（一）政府信息管理');
		expect(heads).toContain('（三）监督保障');
		expect(heads.some((h) => h.startsWith('二、存在的主要问题及改进措施'))).toBe(true);
	});

	it('does not take a decimal number in prose for a heading', () => {
		expect(heads.some((h) => h.startsWith('1.') || h.startsWith('5万'))).toBe(false);
	});

	it('the 2021 format subsections are body sections: what they state is credited', () => {
		for (const h of ['（一）政府信息管理', '（二）平台建设', '（三）监督保障']) expect(r.sections.find((s) => s.heading === h)?.role).toBe('body');
		expect(level(r, 'im.training')).toBe(2);
		expect(level(r, 'im.assessment')).toBe(2);
		expect(level(r, 'pi.channels')).toBe(2);
		expect(level(r, 'im.rules')).toBe(2);
	});

	it('the sentences after 为此 inside the combined section are plans', () => {
		expect(level(r, 'rq.problems')).toBe(2);
		const plans = r.indicators.find((i) => i.id === 'rq.plans');
		expect(plans?.level).toBe(2);
		expect(plans?.evidence.some((e) => e.text.startsWith('为此'))).toBe(true);
		expect(r.indicators.find((i) => i.id === 'rq.problems')?.evidence.some((e) => e.text.includes('为此'))).toBe(false);
	});
});

describe('problems: several shortfalls in one sentence, measures that deal with problems', () => {
	it('counts a listed enumeration of shortfalls as distinct problems', () => {
		const r = analyze(
			['一、工作情况', '我局全年公开信息200条。', '二、存在的问题', '目前还存在一些不足，如答复规范性还有待提高、公开内容的深度和广度还有待提升、队伍建设有待加强等。'].join('\n'),
			defaultRubric
		);
		expect(level(r, 'rq.problems')).toBe(2);
	});

	it('a problem clause and its detail stay one problem', () => {
		const r = analyze(
			['一、工作情况', '我局全年公开信息200条。', '二、存在的问题', '我局工作虽然取得了一定成效，但仍存在一些不足：办事流程公开不够直观，便民服务信息更新不及时。'].join('\n'),
			defaultRubric
		);
		expect(level(r, 'rq.problems')).toBe(1);
	});

	it('the problems a check dealt with are its object, not an absence of the check', () => {
		const r = analyze(['一、监督保障', '我局按季度开展专项检查，对存在未及时更新、不良链接等问题进行严格督查并督促整改。'].join('\n'), defaultRubric);
		expect(level(r, 'im.assessment')).toBeGreaterThan(0);
		expect(r.indicators.find((i) => i.id === 'im.assessment')?.discounted.some((d) => d.why === 'absence')).toBe(false);
	});

	it('a term only inside those problems is not a measure (互动咨询不回应等问题列入检查)', () => {
		const r = analyze(['一、平台建设', '定期对公开栏目进行检查，将栏目不更新、互动咨询不回应等问题列入重点检查范围。'].join('\n'), defaultRubric);
		expect(level(r, 'rc.handling')).toBe(0);
	});

	it('a law cited as the basis is not a specific of the measure; an own named rule is', () => {
		const basis = analyze(['一、工作情况', '根据《中华人民共和国政府信息公开条例》要求，强化组织领导。'].join('\n'), defaultRubric);
		expect(level(basis, 'im.leadership')).toBe(1);
		const own = analyze(['一、工作情况', '按照《政府信息公开保密审查制度》开展审查。'].join('\n'), defaultRubric);
		expect(level(own, 'im.rules')).toBe(2);
	});
});

describe('annual-report wording of the measures', () => {
	it.each([
		['将政务公开工作纳入全县年度考评，考评结果于3月15日通报。', 'im.assessment', 2],
		['全年组织4次政府信息公开栏目全覆盖检查，并出具各部门评估报告。', 'im.assessment', 2],
		['制作“一图读懂”图解材料12期，同步在门户网站发布。', 'pi.channels', 2],
		['3月对全县政务公开工作人员进行业务培训，参训60人。', 'im.training', 2],
		['公开重大建设项目批准和实施信息58条。', 'fd.execution', 2],
		['区政府常务会议议题7个在门户网站公开。', 'fd.decision', 2]
	])('%s → %s %i', (sentence, id, lvl) => {
		const r = analyze(['一、总体情况', '（一）监督保障', sentence].join('\n'), defaultRubric);
		expect(level(r, id)).toBe(lvl);
	});
});
