import { describe, expect, it } from 'vitest';
import { analyze, type AnalysisResult } from '../analysis/analyze';
import { defaultRubric } from '../analysis/rubric';
import { demoAgencies, generateReport, generateRound } from '../demo/generate';
import { checkText, warningText } from './labels';
import { withLocale } from './with-locale';

/**
 * Warnings and table checks the engine writes (Chinese `message`/`details`, kept for the CLI and
 * JSON) are shown in the UI through `warningText` / `checkText` from their code and params: in the
 * base locale they must read exactly as the engine's own text, in English they must carry no Chinese
 * other than the values passed in (a file name, a column of the report's table).
 */
const CJK = /[\u4e00-\u9fff]/;
const run = (text: string, fileName?: string) => analyze(text, defaultRubric, fileName ? { fileName } : undefined);

function results(): AnalysisResult[] {
	const [agency] = demoAgencies(1, 5);
	const annual2019 = generateReport({ agency, year: 2019, seed: 11, quality: 0.7, type: 'annual_report' }).text;
	const out = [
		run(''),
		run('\u0000\u0001\u0002\u0003binary\u0000\u0000\u0000\u0004\u0005'),
		run('关于20xx年政务公开工作的总结\n20xx年，xx县认真落实政务公开各项要求，主动公开政府信息。'),
		run('本单位高度重视政务公开工作，本年度主动公开信息一百余条，及时更新政府网站栏目。', '白泉旗教育局报告.txt'),
		// a 2019-layout table in a report that says it covers 2022
		run(annual2019.replaceAll('2019', '2022')),
		run('青岚盟气象局2023年政府信息公开工作年度报告\n一、总体情况\n2023年，我局主动公开政府信息120条。\n青岚盟气象局\n2024年1月20日'),
		// the title and the signature name different agencies
		run('青岚盟气象局2023年政府信息公开工作年度报告\n一、总体情况\n2023年，我局主动公开政府信息120条。\n青岚盟水利局\n2024年1月20日'),
		run('青岚盟水利局2023年政务公开工作总结\n' + '我局持续推进政务公开，及时发布工作动态。'.repeat(110_000))
	];
	for (const year of [2020, 2023]) for (const g of generateRound(demoAgencies(40, 1), year, 3)) out.push(run(g.text, g.fileName));
	return out;
}

describe('engine warnings and checks in the UI language', () => {
	const all = results();
	const warnings = all.flatMap((r) => r.meta.warnings);
	const checks = all.flatMap((r) => r.checks);

	it('the inputs reach every warning code and every check outcome the UI renders', () => {
		expect(new Set(warnings.map((w) => w.code))).toEqual(
			new Set(['empty', 'binary', 'truncated', 'agency_from_file_name', 'old_table_layout', 'no_application_table', 'anonymised', 'no_period', 'no_agency', 'agency_conflict'])
		);
		const outcomes = new Set(checks.map((c) => `${c.id}:${c.ok}`));
		for (const o of ['applications_identity:true', 'applications_identity:false', 'applications_row_totals:true', 'applications_outcome_total:true', 'review_litigation_totals:true'])
			expect(outcomes).toContain(o);
	});

	it('in Chinese they read exactly as the engine wrote them', () => {
		expect(warnings.filter((w) => warningText(w) !== w.message)).toEqual([]);
		expect(checks.filter((c) => checkText(c) !== c.details)).toEqual([]);
	});

	it('in English they carry no Chinese beyond the values passed in', async () => {
		const en = await withLocale('en', () => [
			...warnings.map((w) => ({ text: warningText(w), values: Object.values(w.params ?? {}).map(String) })),
			...checks.map((c) => ({ text: checkText(c), values: (c.cells ?? []).map((x) => x.column) }))
		]);
		const leaks = en.filter(({ text, values }) => CJK.test(values.reduce((t, v) => t.replaceAll(v, ''), text)));
		expect(leaks).toEqual([]);
		expect(en.find((x) => x.text.startsWith('The table does not balance'))?.text).toMatch(/column \S+: 1 \+ 2 = \d+, 3 \+ 4 = \d+/);
		const fileWarning = warnings.find((w) => w.code === 'agency_from_file_name');
		expect(fileWarning && (await withLocale('en', () => warningText(fileWarning)))).toBe(
			'The text does not name the submitting agency; check the file name “白泉旗教育局报告.txt” and confirm by hand'
		);
	});

	it('a warning stored before it had params shows its stored text', async () => {
		const old = { code: 'truncated', message: '文本过长，仅分析前 1 个字符' };
		expect(await withLocale('en', () => warningText(old))).toBe(old.message);
		expect(await withLocale('en', () => warningText({ code: 'no_agency', message: '未能确定报送单位' }))).toBe('Could not determine the submitting agency');
		expect(await withLocale('en', () => checkText({ id: 'x', ok: true, details: '旧文本' }))).toBe('旧文本');
	});
});
