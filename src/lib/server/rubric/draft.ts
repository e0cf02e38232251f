/**
 * A rubric draft from the editor's form: the base version with the admin's changes to indicator
 * names, points, wording and evidence phrases, validated by `checkRubric`. Problems come back as
 * data (`issues`, rendered in the UI language by src/lib/i18n/rubric-errors.ts) and as their
 * Chinese messages (`errors`).
 * Field names: `name` (the version's name), and per indicator `iname.<id>`, `points.<id>`,
 * `desc.<id>`, `terms.<id>` (one phrase per line).
 */
import { checkRubric, rubricIssue, type RubricDefinition, type RubricIssue } from '../../analysis/rubric';

export type DraftResult =
	| { ok: true; rubric: RubricDefinition; changed: string[] }
	| { ok: false; issues: RubricIssue[]; errors: string[]; draft: RubricDefinition };

const failed = (issues: RubricIssue[], draft: RubricDefinition): DraftResult => ({ ok: false, issues, errors: issues.map((i) => i.message), draft });

/** `get` reads one form field (FormData.get, or a plain record in tests). */
export function draftFromForm(base: RubricDefinition, nextVersion: number, get: (name: string) => string | null): DraftResult {
	const issues: RubricIssue[] = [];
	const changed: string[] = [];
	const dimensions = base.dimensions.map((d) => ({
		...d,
		indicators: d.indicators.map((ind) => {
			const rawPoints = get(`points.${ind.id}`);
			let points = ind.points;
			if (rawPoints != null && rawPoints.trim() !== '') {
				const p = Number(rawPoints.trim());
				if (!Number.isFinite(p)) issues.push(rubricIssue({ code: 'points_not_number', subject: { kind: 'indicator', id: ind.id }, value: rawPoints }));
				else points = p;
			}
			const name = get(`iname.${ind.id}`)?.trim() ?? ind.name;
			const description = get(`desc.${ind.id}`)?.trim() ?? ind.description;
			const rawTerms = get(`terms.${ind.id}`);
			const terms =
				rawTerms == null
					? ind.terms
					: rawTerms
							.split(/[\r\n]+/)
							.map((t) => t.trim())
							.filter(Boolean);
			const next = { ...ind, name, points, description, terms };
			if (points !== ind.points || name !== ind.name || description !== ind.description || terms.join('\n') !== ind.terms.join('\n')) {
				changed.push(ind.id);
			}
			return next;
		})
	}));
	const draft: RubricDefinition = {
		id: base.id,
		version: nextVersion,
		name: get('name')?.trim() || base.name,
		dimensions
	};
	if (issues.length) return failed(issues, draft);
	const v = checkRubric(draft);
	if (!v.ok) return failed(v.issues, draft);
	return { ok: true, rubric: v.rubric, changed };
}
