/**
 * Putting mistakes right (issue 14): a report can be withdrawn (soft delete with a reason,
 * restorable), moved to another round, and assigned or re-assigned to an agency. Every change is
 * audited in the same transaction, refused on a published round (the frozen 409), and asks first
 * (`replaces`) when it would replace an agency's current report in a round.
 */
import { analyze, type AnalysisResult } from '../../analysis/analyze';
import type { Database } from '../db/connect';
import { appendAudit } from '../db/audit';
import * as agencies from '../db/agencies';
import * as reports from '../db/reports';
import * as rubrics from '../db/rubrics';
import type { DB } from '../db/schema';
import type { Kysely } from 'kysely';
import { frozenProblem } from './integrity';
import { m } from '../../paraglide/messages.js';

type Executor = Kysely<DB>;
type User = { id: number | null; username: string | null };

export interface ReplacedReport {
	reportId: number;
	fileName: string;
	importedAt: string;
	total: number | null;
	max: number | null;
}

export type FixResult =
	| { ok: true; message: string }
	| { ok: false; status: 400 | 404 | 409; message: string }
	/** the change would replace this current report: repeat with `confirmReplace` */
	| { ok: false; status: 409; replaces: ReplacedReport; message: string };

const MAX_REASON = 500;

/** The agency's current report in a round (other than `exceptId`), with its total, or undefined. */
export async function currentReportOf(db: Executor, roundId: number, agencyId: number, exceptId?: number): Promise<ReplacedReport | undefined> {
	let q = db
		.selectFrom('reports')
		.innerJoin('rounds', 'rounds.id', 'reports.round_id')
		.leftJoin('report_totals as t', (j) => j.onRef('t.report_id', '=', 'reports.id').onRef('t.rubric_id', '=', 'rounds.rubric_id'))
		.select(['reports.id', 'reports.file_name', 'reports.imported_at', 't.total', 't.max'])
		.where('reports.round_id', '=', roundId)
		.where('reports.agency_id', '=', agencyId)
		.where('reports.superseded', '=', 0)
		.where('reports.status', '=', 'scored');
	if (exceptId != null) q = q.where('reports.id', '!=', exceptId);
	const r = await q.orderBy('reports.id', 'desc').executeTakeFirst();
	return r ? { reportId: r.id, fileName: r.file_name, importedAt: r.imported_at, total: r.total, max: r.max } : undefined;
}

/** The frozen-round refusal or the "would replace" question, as a FixResult. */
function replacesResult(r: ReplacedReport, agencyName: string): FixResult {
	return { ok: false, status: 409, replaces: r, message: m.rf_would_replace({ agency: agencyName, file: r.fileName }) };
}

/** When an agency has no current report left in a round, its latest earlier report (not withdrawn) becomes current again. */
async function promotePrevious(trx: Executor, roundId: number, agencyId: number | null): Promise<number | null> {
	if (agencyId == null) return null;
	const current = await trx
		.selectFrom('reports')
		.select('id')
		.where('round_id', '=', roundId)
		.where('agency_id', '=', agencyId)
		.where('superseded', '=', 0)
		.executeTakeFirst();
	if (current) return null;
	const prev = await trx
		.selectFrom('reports')
		.select('id')
		.where('round_id', '=', roundId)
		.where('agency_id', '=', agencyId)
		.where('withdrawn_at', 'is', null)
		.where('held', 'is', null) // a held report waits for a supervisor (submission checks), never promoted
		.where('status', '=', 'scored')
		.orderBy('id', 'desc')
		.executeTakeFirst();
	if (!prev) return null;
	await trx.updateTable('reports').set({ superseded: 0 }).where('id', '=', prev.id).execute();
	return prev.id;
}

async function loadReport(db: Executor, reportId: number) {
	return db
		.selectFrom('reports')
		.innerJoin('rounds', 'rounds.id', 'reports.round_id')
		.select([
			'reports.id',
			'reports.round_id',
			'reports.agency_id',
			'reports.file_name',
			'reports.status as report_status',
			'reports.superseded',
			'reports.withdrawn_at',
			'reports.text_sha256',
			'reports.imported_at',
			'reports.meta',
			'rounds.status',
			'rounds.rubric_id',
			'rounds.name as round_name'
		])
		.where('reports.id', '=', reportId)
		.executeTakeFirst();
}

/**
 * Withdraws a report (soft delete): it leaves every count and ranking, keeps its rows, and can be
 * restored. When it was the agency's current report, the agency's previous report becomes current.
 * @example await withdrawReport(db, 12, '误导入：2026 年的报告', user)
 */
export async function withdrawReport(db: Database, reportId: number, reason: string, user: User): Promise<FixResult> {
	const why = reason.trim();
	if (why.length < 2) return { ok: false, status: 400, message: m.rf_reason_required() };
	if (why.length > MAX_REASON) return { ok: false, status: 400, message: m.sv_reason_too_long({ max: MAX_REASON }) };
	const r = await loadReport(db, reportId);
	if (!r) return { ok: false, status: 404, message: m.err_report_not_found() };
	const frozen = frozenProblem(r);
	if (frozen) return { ok: false, ...frozen };
	if (r.withdrawn_at) return { ok: false, status: 409, message: m.rf_already_withdrawn() };
	await db.transaction().execute(async (trx) => {
		await trx
			.updateTable('reports')
			.set({ withdrawn_at: new Date().toISOString(), withdrawn_by: user.id, withdrawn_reason: why, superseded: 1 })
			.where('id', '=', reportId)
			.execute();
		const promoted = r.superseded ? null : await promotePrevious(trx, r.round_id, r.agency_id);
		await appendAudit(trx, {
			userId: user.id,
			username: user.username,
			action: 'report_withdraw',
			entity: 'report',
			entityId: reportId,
			before: { current: !r.superseded, roundId: r.round_id, agencyId: r.agency_id },
			after: { reason: why, ...(promoted ? { current: promoted } : {}) }
		});
	});
	return { ok: true, message: m.rf_withdrawn({ file: r.file_name }) };
}

/**
 * Restores a withdrawn report. It becomes the agency's current report again when the agency has
 * none or only older ones; asks first (`replaces`) when that would replace a newer-chosen one.
 */
export async function restoreReport(db: Database, reportId: number, user: User, opts: { confirmReplace?: boolean } = {}): Promise<FixResult> {
	const r = await loadReport(db, reportId);
	if (!r) return { ok: false, status: 404, message: m.err_report_not_found() };
	const frozen = frozenProblem(r);
	if (frozen) return { ok: false, ...frozen };
	if (!r.withdrawn_at) return { ok: false, status: 409, message: m.rf_not_withdrawn() };
	const other = r.agency_id != null && r.report_status === 'scored' ? await currentReportOf(db, r.round_id, r.agency_id, r.id) : undefined;
	if (other && other.reportId > r.id && !opts.confirmReplace) {
		const agency = await agencies.findAgency(db, r.agency_id!);
		return replacesResult(other, agency?.name ?? '');
	}
	await db.transaction().execute(async (trx) => {
		if (other) await trx.updateTable('reports').set({ superseded: 1 }).where('id', '=', other.reportId).execute();
		await trx.updateTable('reports').set({ withdrawn_at: null, withdrawn_by: null, withdrawn_reason: null, superseded: 0 }).where('id', '=', reportId).execute();
		await appendAudit(trx, {
			userId: user.id,
			username: user.username,
			action: 'report_restore',
			entity: 'report',
			entityId: reportId,
			after: { roundId: r.round_id, agencyId: r.agency_id, ...(other ? { replaced: other.reportId } : {}) }
		});
	});
	return { ok: true, message: m.rf_restored({ file: r.file_name }) };
}

/**
 * Moves a report to another round (both not published). Scored again under the target round's
 * rubric version when it differs; late is judged against the target's deadline.
 */
export async function moveReport(db: Database, reportId: number, targetRoundId: number, user: User, opts: { confirmReplace?: boolean } = {}): Promise<FixResult> {
	const r = await loadReport(db, reportId);
	if (!r) return { ok: false, status: 404, message: m.err_report_not_found() };
	const target = await db.selectFrom('rounds').selectAll().where('id', '=', targetRoundId).executeTakeFirst();
	if (!target) return { ok: false, status: 404, message: m.err_round_not_found() };
	const frozen = frozenProblem(r) ?? frozenProblem(target);
	if (frozen) return { ok: false, ...frozen };
	if (target.id === r.round_id) return { ok: false, status: 400, message: m.rf_same_round() };
	if (r.withdrawn_at) return { ok: false, status: 409, message: m.rf_restore_first() };
	const dup = await reports.findReportByTextHash(db, target.id, r.text_sha256);
	if (dup) return { ok: false, status: 409, message: m.ix_duplicate_of({ name: dup.agency_name ?? dup.file_name }) };
	const other = r.agency_id != null && r.report_status === 'scored' ? await currentReportOf(db, target.id, r.agency_id) : undefined;
	if (other && !opts.confirmReplace) {
		const agency = await agencies.findAgency(db, r.agency_id!);
		return replacesResult(other, agency?.name ?? '');
	}
	let analysis: AnalysisResult | null = null;
	if (target.rubric_id !== r.rubric_id) {
		const row = await db.selectFrom('reports').select(['original_text', 'doc_tables', 'file_name']).where('id', '=', reportId).executeTakeFirstOrThrow();
		const rubric = await rubrics.findRubric(db, target.rubric_id);
		if (!rubric) return { ok: false, status: 404, message: m.ix_round_rubric_not_found({ id: target.id }) };
		analysis = analyze(reports.reportDocument(row), rubric.definition, { fileName: row.file_name });
	}
	const late = !!target.deadline && r.imported_at.slice(0, 10) > target.deadline.slice(0, 10);
	await db.transaction().execute(async (trx) => {
		if (other) await trx.updateTable('reports').set({ superseded: 1 }).where('id', '=', other.reportId).execute();
		await trx.updateTable('reports').set({ round_id: target.id, superseded: 0, late: late ? 1 : 0 }).where('id', '=', reportId).execute();
		if (analysis) await reports.writeScores(trx, reportId, target.rubric_id, analysis);
		const promoted = r.superseded ? null : await promotePrevious(trx, r.round_id, r.agency_id);
		await appendAudit(trx, {
			userId: user.id,
			username: user.username,
			action: 'report_move',
			entity: 'report',
			entityId: reportId,
			before: { roundId: r.round_id, round: r.round_name },
			after: { roundId: target.id, round: target.name, ...(other ? { replaced: other.reportId } : {}), ...(promoted ? { current: promoted } : {}) }
		});
	});
	return { ok: true, message: m.rf_moved({ file: r.file_name, round: target.name }) };
}

/**
 * Assigns a report (待指定, or one filed under the wrong agency) to an agency of the registry, and
 * remembers the name the report used as an alias. Refused on a published round; asks first when
 * the agency already has a current report in the round.
 */
export async function reassignReport(db: Database, reportId: number, agencyId: number, user: User, opts: { confirmReplace?: boolean } = {}): Promise<FixResult> {
	const r = await loadReport(db, reportId);
	if (!r) return { ok: false, status: 404, message: m.err_report_not_found() };
	const frozen = frozenProblem(r);
	if (frozen) return { ok: false, ...frozen };
	if (r.withdrawn_at) return { ok: false, status: 409, message: m.rf_restore_first() };
	const agency = await agencies.findAgency(db, agencyId);
	if (!agency || !agency.active) return { ok: false, status: 404, message: m.err_agency_not_found() };
	if (r.agency_id === agencyId && r.report_status === 'scored') return { ok: true, message: m.rf_assigned({ file: r.file_name, agency: agency.name }) };
	const other = await currentReportOf(db, r.round_id, agencyId, r.id);
	if (other && !opts.confirmReplace) return replacesResult(other, agency.name);
	const meta = JSON.parse(r.meta) as AnalysisResult['meta'];
	await db.transaction().execute(async (trx) => {
		if (other) await trx.updateTable('reports').set({ superseded: 1 }).where('id', '=', other.reportId).execute();
		await trx.updateTable('reports').set({ agency_id: agencyId, status: 'scored', superseded: 0 }).where('id', '=', reportId).execute();
		// The agency it was filed under gets its previous report back.
		const promoted = r.superseded ? null : await promotePrevious(trx, r.round_id, r.agency_id);
		if (meta.agency && meta.agency !== agency.name) await agencies.addAlias(trx, agencyId, meta.agency);
		await appendAudit(trx, {
			userId: user.id,
			username: user.username,
			action: 'assign_agency',
			entity: 'report',
			entityId: reportId,
			before: { agencyId: r.agency_id },
			after: { agencyId, alias: meta.agency, ...(other ? { replaced: other.reportId } : {}), ...(promoted ? { current: promoted } : {}) }
		});
	});
	return { ok: true, message: m.rf_assigned({ file: r.file_name, agency: agency.name }) };
}

/** Reports of a round waiting for an agency (待指定), newest first, with the name the report used. */
export async function unassignedReports(db: Executor, roundId: number) {
	const rows = await db
		.selectFrom('reports')
		.select(['id', 'file_name', 'imported_at', 'meta'])
		.where('round_id', '=', roundId)
		.where('status', '=', 'needs_agency')
		.where('superseded', '=', 0)
		.where('withdrawn_at', 'is', null)
		.orderBy('id', 'desc')
		.execute();
	return rows.map((r) => ({ id: r.id, fileName: r.file_name, importedAt: r.imported_at, extracted: (JSON.parse(r.meta) as AnalysisResult['meta']).agency ?? null }));
}
