/**
 * A rubric draft from the editor's form: the base version with the admin's changes to indicator
 * names, points, wording and evidence phrases, validated by `validateRubric` (Chinese messages).
 * Field names: `name` (the version's name), and per indicator `iname.<id>`, `points.<id>`,
 * `desc.<id>`, `terms.<id>` (one phrase per line).
 */
import { validateRubric, type RubricDefinition } from '../../analysis/rubric';

export type DraftResult =
	| { ok: true; rubric: RubricDefinition; changed: string[] }
	| { ok: false; errors: string[]; draft: RubricDefinition };

/** `get` reads one form field (FormData.get, or a plain record in tests). */
export function draftFromForm(base: RubricDefinition, nextVersion: number, get: (name: string) => string | null): DraftResult {
	const errors: string[] = [];
	const changed: string[] = [];
	const dimensions = base.dimensions.map((d) => ({
		...d,
		indicators: d.indicators.map((ind) => {
			const rawPoints = get(`points.${ind.id}`);
			let points = ind.points;
			if (rawPoints != null && rawPoints.trim() !== '') {
				const p = Number(rawPoints.trim());
				if (!Number.isFinite(p)) errors.push(`指标“${ind.id}”的分值“${rawPoints}”不是数字`);
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
	if (errors.length) return { ok: false, errors, draft };
	const v = validateRubric(draft);
	if (!v.ok) return { ok: false, errors: v.errors, draft };
	return { ok: true, rubric: v.rubric, changed };
}
