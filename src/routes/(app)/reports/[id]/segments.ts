/**
 * Cuts a report's original text into runs that share the same marks (page noise, the indicators
 * whose evidence covers them), so the text can be shown with evidence highlighted. Pure.
 */
export interface Mark {
	start: number;
	end: number;
}
export interface Segment {
	start: number;
	end: number;
	text: string;
	noise: boolean;
	/** ids of the indicators whose evidence covers this run */
	ids: string[];
	/** set on the first segment of a section: its role and heading */
	section?: { role: string; heading: string };
}

export function buildSegments(
	text: string,
	noise: readonly Mark[],
	evidence: readonly { id: string; spans: readonly Mark[] }[],
	sections: readonly { start: number; role: string; heading: string }[] = []
): Segment[] {
	const cuts = new Set<number>([0, text.length]);
	const clamp = (n: number) => Math.max(0, Math.min(text.length, n));
	for (const n of noise) cuts.add(clamp(n.start)).add(clamp(n.end));
	for (const e of evidence) for (const s of e.spans) cuts.add(clamp(s.start)).add(clamp(s.end));
	const sectionAt = new Map<number, { role: string; heading: string }>();
	for (const s of sections) {
		const at = clamp(s.start);
		cuts.add(at);
		if (!sectionAt.has(at)) sectionAt.set(at, { role: s.role, heading: s.heading });
	}
	const points = [...cuts].sort((a, b) => a - b);
	const out: Segment[] = [];
	for (let k = 0; k + 1 < points.length; k++) {
		const start = points[k];
		const end = points[k + 1];
		if (end <= start) continue;
		const inNoise = noise.some((n) => n.start <= start && end <= n.end);
		const ids = evidence.filter((e) => e.spans.some((s) => s.start <= start && end <= s.end)).map((e) => e.id);
		const seg: Segment = { start, end, text: text.slice(start, end), noise: inNoise, ids };
		const sec = sectionAt.get(start);
		if (sec) seg.section = sec;
		out.push(seg);
	}
	return out;
}
