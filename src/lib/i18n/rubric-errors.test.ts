import { describe, expect, it } from 'vitest';
import { checkRubric, defaultRubric, type RubricIssue } from '../analysis/rubric';
import { rubricErrorText } from './rubric-errors';
import { withLocale } from './with-locale';

const CJK = /[\u4e00-\u9fff]/;
type Dim = Record<string, unknown> & { indicators: unknown[] };

/** Broken rubrics covering every problem code; `checkRubric` reports them as data. */
function brokenIssues(): RubricIssue[] {
	const mutations: ((r: Record<string, unknown>) => void)[] = [
		(r) => ((r.id = ''), (r.version = 0), (r.name = ' ')),
		(r) => (r.dimensions = []),
		(r) => ((r.dimensions as unknown[])[1] = 'x'),
		(r) => {
			const d = r.dimensions as Dim[];
			d[0].id = '';
			d[0].name = '';
			d[1].id = d[2].id;
			d[3].indicators = [];
			d[4].indicators[0] = 7;
		},
		(r) => {
			const ind = (r.dimensions as Dim[])[0].indicators as Record<string, unknown>[];
			ind[0].points = -1;
			ind[1].points = 6.3;
			ind[2].description = 5;
			ind[3].kind = 'magic';
			ind[4].terms = 'x';
			ind[1].terms = [];
			ind[1].with = [];
			ind[2].specifics = [];
			ind[3].specifics = ['colour'];
			ind[3].with = ['a|b'];
			ind[0].name = '';
		},
		(r) => (((r.dimensions as Dim[])[1].indicators[0] as Record<string, unknown>).points = 5)
	];
	return mutations.flatMap((mutate) => {
		const r = JSON.parse(JSON.stringify(defaultRubric)) as Record<string, unknown>;
		mutate(r);
		const v = checkRubric(r);
		return v.ok ? [] : v.issues;
	});
}

describe('rubricErrorText', () => {
	const issues = brokenIssues();

	it('covers every problem code', () => {
		expect(new Set(issues.map((i) => i.code))).toEqual(
			new Set([
				'no_id', 'bad_version', 'no_name', 'no_dimensions', 'must_be_object', 'subject_no_id', 'subject_no_name', 'dimension_duplicate',
				'no_indicators', 'points_not_positive', 'points_half', 'description_not_text', 'bad_kind', 'terms_not_list', 'no_terms',
				'with_invalid', 'specifics_invalid', 'bad_specific', 'term', 'points_sum'
			])
		);
	});

	it('in Chinese says exactly what validateRubric says', () => {
		expect(issues.map(rubricErrorText)).toEqual(issues.map((i) => i.message));
	});

	it('in English has no Chinese and differs from the Chinese', async () => {
		const english = await withLocale('en', () => issues.map(rubricErrorText));
		for (const [i, text] of english.entries()) {
			expect(text, issues[i].message).not.toMatch(CJK);
			expect(text).not.toBe(issues[i].message);
		}
		expect(english).toContain('Dimension 2 must be an object');
		expect(english).toContain('Dimension “1” has no name');
		expect(english).toContain('Indicator “fd.execution”: the points must be a multiple of 0.5');
		expect(english).toContain('Indicator “fd.service”: the specific kind “colour” is invalid; choose from document, count, date, channel, body, system, zero');
	});
});
