/**
 * The side-by-side view of a report and another one (its agency's previous report, the closest
 * other agency, or any report chosen): both original texts with the shared passages, the changed
 * spans and what was left out marked, the two shares, and the exclusions per reason.
 */
import type { Kysely } from 'kysely';
import { exclusionSummary, prepareText, sideBySide, type ExclusionReason, type Mark } from '../../analysis/similarity';
import type { DB } from '../db/schema';
import { similarityConfig } from '../env';
import { figuresFor, previousReport, roundContext, type SimilarityFigures } from './service';

export interface ViewSide {
	reportId: number;
	agencyId: number | null;
	agencyName: string | null;
	roundId: number;
	roundName: string;
	period: string;
	fileName: string;
	text: string;
	marks: Mark[];
	excluded: { reason: ExclusionReason; letters: number; samples: string[] }[];
}

export interface PairView {
	a: ViewSide;
	b: ViewSide | null;
	/** share of a's own text found in b, and of b's in a */
	aInB: number | null;
	bInA: number | null;
	relation: 'previous' | 'peer' | 'other' | null;
	figures: SimilarityFigures | null;
	choices: { reportId: number; label: 'previous' | 'peer' | 'earlier'; agencyName: string | null; period: string; roundName: string }[];
	thresholds: { previous: number; peer: number; commonShare: number };
}

async function sideRow(db: Kysely<DB>, id: number) {
	return db
		.selectFrom('reports')
		.innerJoin('rounds', 'rounds.id', 'reports.round_id')
		.leftJoin('agencies', 'agencies.id', 'reports.agency_id')
		.select([
			'reports.id',
			'reports.agency_id',
			'reports.file_name',
			'reports.original_text',
			'reports.round_id',
			'reports.superseded',
			'rounds.name as round_name',
			'rounds.period',
			'agencies.name as agency_name'
		])
		.where('reports.id', '=', id)
		.executeTakeFirst();
}

const SAMPLES = 6;

/** The pair view; `otherId` null picks the previous report of the agency, else the closest other agency. Null when the report does not exist. */
export async function pairView(db: Kysely<DB>, reportId: number, otherId: number | null): Promise<PairView | null> {
	const th = similarityConfig();
	const a = await sideRow(db, reportId);
	if (!a) return null;
	const figures = (await figuresFor(db, [reportId])).get(reportId) ?? null;
	const prev = await previousReport(db, { id: a.id, agency_id: a.agency_id, period: a.period });
	// earlier reports of the same agency (every earlier round), newest first
	const earlier =
		a.agency_id == null
			? []
			: await db
					.selectFrom('reports')
					.innerJoin('rounds', 'rounds.id', 'reports.round_id')
					.select(['reports.id', 'rounds.period', 'rounds.name as round_name'])
					.where('reports.agency_id', '=', a.agency_id)
					.where('reports.superseded', '=', 0)
					.where('rounds.period', '<', a.period)
					.orderBy('rounds.period', 'desc')
					.execute();
	const choices: PairView['choices'] = [];
	for (const e of earlier) choices.push({ reportId: e.id, label: prev && e.id === prev.id ? 'previous' : 'earlier', agencyName: a.agency_name, period: e.period, roundName: e.round_name });
	if (figures?.peer) {
		const p = await sideRow(db, figures.peer.reportId);
		if (p) choices.push({ reportId: p.id, label: 'peer', agencyName: p.agency_name, period: p.period, roundName: p.round_name });
	}
	const pick = otherId ?? prev?.id ?? figures?.peer?.reportId ?? null;
	const b = pick != null && pick !== reportId ? await sideRow(db, pick) : undefined;
	const pa = prepareText(a.original_text);
	const ctxA = await roundContext(db, a.id, a.round_id, th.commonShare, { postings: false });
	const side = (row: NonNullable<Awaited<ReturnType<typeof sideRow>>>, marks: Mark[], ex: ReturnType<typeof exclusionSummary>): ViewSide => ({
		reportId: row.id,
		agencyId: row.agency_id,
		agencyName: row.agency_name,
		roundId: row.round_id,
		roundName: row.round_name,
		period: row.period,
		fileName: row.file_name,
		text: row.original_text,
		marks,
		excluded: ex.map((e) => ({
			reason: e.reason,
			letters: e.letters,
			samples: [...new Set(e.passages.map((r) => row.original_text.slice(r.start, r.end).trim().slice(0, 60)))].filter((x) => x !== '').slice(0, SAMPLES)
		}))
	});
	if (!b) {
		return {
			a: side(a, sideBySide(pa, pa, ctxA.common, ctxA.common).a.filter((m) => m.kind !== 'shared'), exclusionSummary(pa, ctxA.common)),
			b: null,
			aInB: null,
			bInA: null,
			relation: null,
			figures,
			choices,
			thresholds: th
		};
	}
	const pb = prepareText(b.original_text);
	// b's own round decides b's template (the same round for a peer, an earlier one for a previous report)
	const commonB = (await roundContext(db, b.id, b.round_id, th.commonShare, { postings: false })).common;
	const view = sideBySide(pa, pb, ctxA.common, commonB);
	const relation: PairView['relation'] = prev && b.id === prev.id ? 'previous' : figures?.peer?.reportId === b.id ? 'peer' : 'other';
	return {
		a: side(a, view.a, exclusionSummary(pa, ctxA.common)),
		b: side(b, view.b, exclusionSummary(pb, commonB)),
		aInB: view.aInB.share,
		bInA: view.bInA.share,
		relation,
		figures,
		choices,
		thresholds: th
	};
}
