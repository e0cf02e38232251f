/**
 * Rubric problems (`checkRubric` / the editor's draft, as data) in the current UI language: the
 * rubric editor shows them. The analysis engine has no UI messages; its Chinese `message` is
 * what the CLI prints.
 * @example rubricErrorText({ code: 'points_sum', sum: 98 }) // 'The indicator points add up to 98; they must add up to 100'
 */
import type { RubricIssueData, RubricSubject, TermProblem } from '../analysis/rubric';
import { m } from '../paraglide/messages.js';

function subjectText(s: RubricSubject): string {
	switch (s.kind) {
		case 'dimension':
			return m.sv_rb_subj_dimension({ dim: s.dim });
		case 'dimension_at':
			return m.sv_rb_subj_dimension_at({ n: s.n });
		case 'indicator':
			return m.sv_rb_subj_indicator({ id: s.id });
		case 'indicator_at':
			return m.sv_rb_subj_indicator_at({ dim: s.dim, n: s.n });
	}
}

function termText(term: string, problem: TermProblem): string {
	switch (problem) {
		case 'empty':
			return m.sv_rb_term_empty();
		case 'too_long':
			return m.sv_rb_term_too_long({ term: term.slice(0, 20) });
		case 'nested':
			return m.sv_rb_term_nested({ term });
		case 'unbalanced':
			return m.sv_rb_term_unbalanced({ term });
		case 'empty_option':
			return m.sv_rb_term_empty_option({ term });
		case 'bar_outside':
			return m.sv_rb_term_bar_outside({ term });
		case 'no_text':
			return m.sv_rb_term_no_text({ term });
	}
}

/** One rubric problem as text in the current UI language. */
export function rubricErrorText(e: RubricIssueData): string {
	switch (e.code) {
		case 'not_object':
			return m.sv_rb_not_object();
		case 'no_id':
			return m.sv_rb_no_id();
		case 'bad_version':
			return m.sv_rb_bad_version();
		case 'no_name':
			return m.sv_rb_no_name();
		case 'no_dimensions':
			return m.sv_rb_no_dimensions();
		case 'must_be_object':
			return m.sv_rb_must_be_object({ subject: subjectText(e.subject) });
		case 'subject_no_id':
			return m.sv_rb_subject_no_id({ subject: subjectText(e.subject) });
		case 'subject_no_name':
			return m.sv_rb_subject_no_name({ subject: subjectText(e.subject) });
		case 'no_indicators':
			return m.sv_rb_no_indicators({ subject: subjectText(e.subject) });
		case 'dimension_duplicate':
			return m.sv_rb_dimension_duplicate({ id: e.id });
		case 'indicator_duplicate':
			return m.sv_rb_indicator_duplicate({ id: e.id });
		case 'points_not_positive':
			return m.sv_rb_points_not_positive({ subject: subjectText(e.subject) });
		case 'points_half':
			return m.sv_rb_points_half({ subject: subjectText(e.subject) });
		case 'points_not_number':
			return m.sv_rb_points_not_number({ subject: subjectText(e.subject), value: e.value });
		case 'description_not_text':
			return m.sv_rb_description_not_text({ subject: subjectText(e.subject) });
		case 'bad_kind':
			return m.sv_rb_bad_kind({ subject: subjectText(e.subject), value: e.value, options: e.options.join(m.ix_enum_sep()) });
		case 'terms_not_list':
			return m.sv_rb_terms_not_list({ subject: subjectText(e.subject) });
		case 'no_terms':
			return m.sv_rb_no_terms({ subject: subjectText(e.subject) });
		case 'term':
			return m.sv_rb_term_error({ subject: subjectText(e.subject), problem: termText(e.term, e.problem) });
		case 'with_invalid':
			return m.sv_rb_with_invalid({ subject: subjectText(e.subject) });
		case 'specifics_invalid':
			return m.sv_rb_specifics_invalid({ subject: subjectText(e.subject) });
		case 'bad_specific':
			return m.sv_rb_bad_specific({ subject: subjectText(e.subject), value: e.value, options: e.options.join(m.ix_enum_sep()) });
		case 'points_sum':
			return m.sv_rb_points_sum({ sum: e.sum });
	}
}
