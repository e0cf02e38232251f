/** Submissions of a round per agency (the board) and one agency's current report with its scores. */
import type { Kysely } from 'kysely';
import type { DB } from './schema';
import { expectedInRound } from './rounds';

type Executor = Kysely<DB>;

export type SubmissionState = 'submitted' | 'late' | 'missing';
export const SUBMISSION_LABELS: Record<SubmissionState, string> = { submitted: '已报送', late: '逾期', missing: '未报送' };

export interface BoardRow {
	agencyId: number;
	agencyName: string;
	group: string | null;
	state: SubmissionState;
	reportId: number | null;
	fileName: string | null;
	submittedAt: string | null;
}

/**
 * One row per expected agency (the stored roster of a published round, else the active ones;
 * and any agency with a report in the round): its current
 * (non-superseded) report and whether it came in on time. One query, no per-agency loop.
 */
export async function submissionBoard(db: Executor, roundId: number): Promise<BoardRow[]> {
	const rows = await db
		.selectFrom('agencies')
		.leftJoin('reports', (j) =>
			j.onRef('reports.agency_id', '=', 'agencies.id').on('reports.round_id', '=', roundId).on('reports.superseded', '=', 0)
		)
		.select([
			'agencies.id as agencyId',
			'agencies.name as agencyName',
			'agencies.group_name as group',
			'agencies.active',
			'reports.id as reportId',
			'reports.file_name as fileName',
			'reports.imported_at as submittedAt',
			'reports.late'
		])
		.where((eb) => eb.or([expectedInRound(eb, roundId), eb('reports.id', 'is not', null)]))
		.orderBy('agencies.group_name')
		.orderBy('agencies.name')
		.orderBy('reports.id', 'desc')
		.execute();
	const seen = new Set<number>();
	const out: BoardRow[] = [];
	for (const r of rows) {
		if (seen.has(r.agencyId)) continue;
		seen.add(r.agencyId);
		out.push({
			agencyId: r.agencyId,
			agencyName: r.agencyName,
			group: r.group,
			state: r.reportId == null ? 'missing' : r.late ? 'late' : 'submitted',
			reportId: r.reportId,
			fileName: r.fileName,
			submittedAt: r.submittedAt
		});
	}
	return out;
}

/** The agency's current report in a round (the latest non-superseded one), without its bytes. */
export function currentReport(db: Executor, roundId: number, agencyId: number) {
	return db
		.selectFrom('reports')
		.select(['id', 'file_name', 'imported_at', 'late', 'status', 'report_type', 'period'])
		.where('round_id', '=', roundId)
		.where('agency_id', '=', agencyId)
		.where('superseded', '=', 0)
		.orderBy('id', 'desc')
		.limit(1)
		.executeTakeFirst();
}

/** Every report the agency sent to a round, newest first (its own submission history). */
export function agencySubmissions(db: Executor, roundId: number, agencyId: number) {
	return db
		.selectFrom('reports')
		.select(['id', 'file_name', 'imported_at', 'late', 'superseded', 'status', 'held'])
		.where('round_id', '=', roundId)
		.where('agency_id', '=', agencyId)
		.orderBy('id', 'desc')
		.execute();
}

export function reportScores(db: Executor, reportId: number, rubricId: number) {
	return db
		.selectFrom('scores')
		.select(['indicator_id', 'dimension_id', 'level', 'score', 'max', 'overridden'])
		.where('report_id', '=', reportId)
		.where('rubric_id', '=', rubricId)
		.execute();
}
