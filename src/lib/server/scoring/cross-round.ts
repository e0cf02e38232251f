/**
 * Checks across rounds (issue 12): this report's tables against the same agency's report of the
 * previous round (by period) — 上年结转 against last year's 结转下年度继续办理, 表二's 现行有效件数
 * against last year's plus 制发 minus 废止. The engine's pure crossRoundChecks does the arithmetic;
 * this module only finds last year's stored tables. Called by ingest and rescore after analysis,
 * the checks are appended to the report's stored analysis (reports.analysisDocument).
 */
import type { Kysely } from 'kysely';
import { crossRoundChecks } from '../../analysis/table-checks';
import type { CheckResult, TableResult } from '../../analysis/types';
import { previousRound } from '../db/rounds';
import type { DB, Round } from '../db/schema';

/** The stored tables of the agency's current report in the round before `round` (null: none). */
export async function previousTables(db: Kysely<DB>, round: Round, agencyId: number): Promise<TableResult[] | null> {
	const prev = await previousRound(db, round);
	if (!prev) return null;
	const row = await db
		.selectFrom('reports')
		.select('analysis')
		.where('round_id', '=', prev.id)
		.where('agency_id', '=', agencyId)
		.where('superseded', '=', 0)
		.orderBy('id', 'desc')
		.executeTakeFirst();
	if (!row?.analysis) return null;
	const doc = (typeof row.analysis === 'string' ? JSON.parse(row.analysis) : row.analysis) as { tables?: TableResult[] };
	return Array.isArray(doc.tables) ? doc.tables : null;
}

/**
 * The cross-round checks of a report with these tables (empty when there is no previous report or
 * no table to compare).
 * @example a.checks.push(...(await previousRoundChecks(trx, round, agencyId, a.tables)));
 */
export async function previousRoundChecks(db: Kysely<DB>, round: Round, agencyId: number, tables: readonly TableResult[]): Promise<CheckResult[]> {
	if (!tables.some((t) => (t.id === 'applications' || t.id === 'active_disclosure') && t.rows.length > 0)) return [];
	const prev = await previousTables(db, round, agencyId);
	return prev ? crossRoundChecks(tables, prev) : [];
}
