/** A text cut at its marks (sorted, non-overlapping): plain pieces between marked ones. */
import type { MarkKind } from '$lib/analysis/similarity';

export interface Piece {
	text: string;
	kind: MarkKind | null;
}

export function pieces(text: string, marks: readonly { start: number; end: number; kind: MarkKind }[]): Piece[] {
	const out: Piece[] = [];
	let at = 0;
	for (const mk of marks) {
		const s = Math.max(at, Math.min(mk.start, text.length));
		const e = Math.max(s, Math.min(mk.end, text.length));
		if (s > at) out.push({ text: text.slice(at, s), kind: null });
		if (e > s) out.push({ text: text.slice(s, e), kind: mk.kind });
		at = Math.max(at, e);
	}
	if (at < text.length) out.push({ text: text.slice(at), kind: null });
	return out;
}
