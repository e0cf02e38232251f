/**
 * Narrowing helpers for `<EChart onclick>`: turn the raw `data` item of a click into the target a
 * page navigates to, or null when the click was elsewhere (an average line, an empty cell).
 */
import type { ChartClickEvent } from './types';

function record(v: unknown): Record<string, unknown> | null {
	return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

/** The agency id of a clicked `rankingBar` bar. */
export function rankingClickId(e: ChartClickEvent): number | null {
	const d = record(e.data);
	return d && typeof d.id === 'number' ? d.id : null;
}

/** The report and indicator of a clicked `gapsHeatmap` cell. */
export function gapsClickTarget(e: ChartClickEvent): { reportId: number; indicatorId: string; agencyId: number } | null {
	const d = record(e.data);
	if (!d || typeof d.reportId !== 'number' || typeof d.indicatorId !== 'string' || typeof d.agencyId !== 'number') return null;
	return { reportId: d.reportId, indicatorId: d.indicatorId, agencyId: d.agencyId };
}

/** The indicator id of a clicked `missingCounts` bar (when the items were given ids). */
export function missingClickId(e: ChartClickEvent): string | null {
	const d = record(e.data);
	return d && typeof d.id === 'string' ? d.id : null;
}
