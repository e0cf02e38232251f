/**
 * Reuse figures of stored reports (issue 15). A report is fingerprinted once (its winnowed
 * fingerprints go to `similarity_fingerprints`); its figures are found through that index:
 *
 * - 与上一轮重复率: the share of its own text found in the same agency's report of the latest
 *   earlier round (the same agency only — never another agency's);
 * - the closest report of another agency in the same round, with its share;
 * - the letters left out: the format's standard text, and the round's template (passages in more
 *   than `commonShare` of the round's current reports).
 *
 * `computeForReport` runs at import (incremental: one report against the index; the reports it
 * resembles are refreshed too); `recomputeRound` recomputes a whole round in memory (the CLI and a
 * re-score). Figures computed at import see the round as it is then: the template share is
 * final once the round is complete and recomputed.
 */
import type { Kysely } from 'kysely';
import {
	commonFingerprints,
	commonMask,
	compareRound,
	lean,
	prepareText,
	shareIn,
	type Fingerprinted,
	type PreparedText,
	type RoundItem
} from '../../analysis/similarity';
import type { DB } from '../db/schema';
import { similarityConfig } from '../env';
import { simDb, type SimDb } from './tables';

export interface ReuseThresholds {
	previous: number;
	peer: number;
	commonShare: number;
}

/** Passages in more reports than this do not make candidates (they still count once a pair is compared). */
const CANDIDATE_MAX_DF = 64;
/** Candidates compared exactly per report. */
const CANDIDATES = 4;
const CHUNK = 400;

function standardLetters(p: PreparedText): number {
	let n = 0;
	for (const e of p.excluded) {
		if (e.reason !== 'standard') continue;
		const s = p.nz.text.slice(e.start, e.end);
		for (let i = 0; i < s.length; i++) {
			const c = s.charCodeAt(i);
			if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)) n++;
		}
	}
	return n;
}

const currentReports = (db: SimDb) =>
	db.selectFrom('reports').where('reports.superseded', '=', 0).where('reports.status', '!=', 'failed');

/** Writes a report's fingerprints once (replacing any earlier ones). */
export async function writeFingerprints(db: Kysely<DB>, reportId: number, p: Fingerprinted): Promise<void> {
	const s = simDb(db);
	await s.deleteFrom('similarity_fingerprints').where('report_id', '=', reportId).execute();
	const rows = Array.from(p.fingerprints, (hash) => ({ report_id: reportId, hash }));
	for (let i = 0; i < rows.length; i += CHUNK) await s.insertInto('similarity_fingerprints').values(rows.slice(i, i + CHUNK)).execute();
}

async function hasFingerprints(db: SimDb, reportId: number): Promise<boolean> {
	return !!(await db.selectFrom('similarity_fingerprints').select('report_id').where('report_id', '=', reportId).limit(1).executeTakeFirst());
}

/** The same agency's report of the latest earlier round (by period), if any. */
export async function previousReport(db: Kysely<DB>, report: { id: number; agency_id: number | null; period: string }): Promise<{ id: number; round_id: number; period: string } | null> {
	if (report.agency_id == null) return null;
	const row = await simDb(db)
		.selectFrom('reports')
		.innerJoin('rounds', 'rounds.id', 'reports.round_id')
		.select(['reports.id', 'reports.round_id', 'rounds.period'])
		.where('reports.agency_id', '=', report.agency_id)
		.where('reports.superseded', '=', 0)
		.where('reports.status', '!=', 'failed')
		.where('rounds.period', '<', report.period)
		.orderBy('rounds.period', 'desc')
		.orderBy('reports.id', 'desc')
		.limit(1)
		.executeTakeFirst();
	return row ?? null;
}

async function reportRow(db: SimDb, id: number) {
	return db
		.selectFrom('reports')
		.innerJoin('rounds', 'rounds.id', 'reports.round_id')
		.select(['reports.id', 'reports.round_id', 'reports.agency_id', 'reports.original_text', 'reports.superseded', 'reports.status', 'rounds.period'])
		.where('reports.id', '=', id)
		.executeTakeFirst();
}

async function texts(db: SimDb, ids: number[]): Promise<Map<number, string>> {
	const out = new Map<number, string>();
	for (let i = 0; i < ids.length; i += CHUNK) {
		const rows = await db.selectFrom('reports').select(['id', 'original_text']).where('id', 'in', ids.slice(i, i + CHUNK)).execute();
		for (const r of rows) out.set(r.id, r.original_text);
	}
	return out;
}

/**
 * The round's template among a report's fingerprints: how many of the round's current reports
 * hold each of them, and which are in more than the common share.
 */
export async function roundContext(db: Kysely<DB>, reportId: number, roundId: number, commonShare: number, opts: { postings?: boolean } = {}) {
	const s = simDb(db);
	const { n } = await currentReports(s)
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('reports.round_id', '=', roundId)
		.executeTakeFirstOrThrow();
	// how many of the round's current reports hold each of this report's fingerprints (counted in SQL)
	const counts = await s
		.selectFrom('similarity_fingerprints as f')
		.innerJoin('reports', 'reports.id', 'f.report_id')
		.select((eb) => ['f.hash', eb.fn.countAll<number>().as('df')])
		.where('f.hash', 'in', (eb) => eb.selectFrom('similarity_fingerprints').select('hash').where('report_id', '=', reportId))
		.where('reports.round_id', '=', roundId)
		.where('reports.superseded', '=', 0)
		.where('reports.status', '!=', 'failed')
		.groupBy('f.hash')
		.execute();
	const df = new Map<number, number>(counts.map((c) => [c.hash, Number(c.df)]));
	const common = commonFingerprints(df, Number(n), { commonShare });
	// the reports holding the rare ones (the candidates); frequent passages make no candidates
	const rare = counts.filter((c) => Number(c.df) >= 2 && Number(c.df) <= CANDIDATE_MAX_DF && !common.has(c.hash)).map((c) => c.hash);
	const postings: { hash: number; report_id: number; agency_id: number | null }[] = [];
	if (opts.postings !== false)
		for (let i = 0; i < rare.length; i += CHUNK)
			postings.push(
				...(await s
					.selectFrom('similarity_fingerprints as f')
					.innerJoin('reports', 'reports.id', 'f.report_id')
					.select(['f.hash', 'f.report_id', 'reports.agency_id'])
					.where('f.hash', 'in', rare.slice(i, i + CHUNK))
					.where('reports.round_id', '=', roundId)
					.where('reports.superseded', '=', 0)
					.where('reports.status', '!=', 'failed')
					.execute())
			);
	return { reports: Number(n), df, common, postings };
}

/**
 * Figures of one report through the index (at import, after the report's transaction). Also
 * refreshes the reports of other agencies it resembles, whose closest match may now be this one.
 * @example await computeForReport(db, reportId)
 */
export async function computeForReport(db: Kysely<DB>, reportId: number, opts: { thresholds?: ReuseThresholds; refreshOthers?: boolean; now?: Date } = {}): Promise<void> {
	const th = opts.thresholds ?? similarityConfig();
	const s = simDb(db);
	const r = await reportRow(s, reportId);
	if (!r) return;
	const prepared = prepareText(r.original_text);
	if (!(await hasFingerprints(s, reportId))) await writeFingerprints(db, reportId, prepared);
	if (r.superseded || r.status === 'failed') {
		await s.deleteFrom('report_similarity').where('report_id', '=', reportId).execute();
		return;
	}
	const ctx = await roundContext(db, reportId, r.round_id, th.commonShare);
	const counts = new Map<number, number>();
	for (const p of ctx.postings) {
		if (p.report_id === reportId || (r.agency_id != null && p.agency_id === r.agency_id)) continue;
		counts.set(p.report_id, (counts.get(p.report_id) ?? 0) + 1);
	}
	const cands = [...counts].sort((a, b) => b[1] - a[1]).slice(0, CANDIDATES).map(([id]) => id);
	const prev = await previousReport(db, { id: r.id, agency_id: r.agency_id, period: r.period });
	const others = await texts(s, [...cands, ...(prev ? [prev.id] : [])]);
	const mask = commonMask(prepared, ctx.common);
	let peer: { id: number; share: number } | null = null;
	const resembling: number[] = [];
	for (const id of cands) {
		const t = others.get(id);
		if (t === undefined) continue;
		const other = prepareText(t);
		const res = shareIn(prepared, other, mask);
		if (res.share !== null && (!peer || res.share > peer.share)) peer = { id, share: res.share };
		if ((res.share ?? 0) >= 0.2) resembling.push(id);
	}
	const base = shareIn(prepared, prepared, mask);
	const prevText = prev ? others.get(prev.id) : undefined;
	const previousShare = prev && prevText !== undefined ? shareIn(prepared, prepareText(prevText), mask).share : null;
	await writeFigures(s, {
		report_id: reportId,
		round_id: r.round_id,
		letters: base.countable,
		standard_letters: standardLetters(prepared),
		common_letters: base.commonLetters,
		previous_report_id: prev?.id ?? null,
		previous_share: previousShare,
		peer_report_id: peer?.id ?? null,
		peer_share: peer?.share ?? null,
		computed_at: (opts.now ?? new Date()).toISOString()
	});
	if (opts.refreshOthers !== false) for (const id of resembling) await computeForReport(db, id, { ...opts, thresholds: th, refreshOthers: false });
}

async function writeFigures(s: SimDb, row: import('./tables').ReportSimilarityTable): Promise<void> {
	await s.deleteFrom('report_similarity').where('report_id', '=', row.report_id).execute();
	await s.insertInto('report_similarity').values(row).execute();
}

/**
 * Recomputes every current report of a round in memory (fingerprints written where missing):
 * the round's template from all of them, the closest other agency through the inverted index,
 * and each report against its agency's previous report.
 * @example await recomputeRound(db, roundId) // { reports: 40, aboveprevious: 3, abovePeer: 1 }
 */
export async function recomputeRound(
	db: Kysely<DB>,
	roundId: number,
	opts: { thresholds?: ReuseThresholds; now?: Date } = {}
): Promise<{ reports: number; abovePrevious: number; abovePeer: number; ms: number }> {
	const started = Date.now();
	const th = opts.thresholds ?? similarityConfig();
	const s = simDb(db);
	const round = await s.selectFrom('rounds').select(['id', 'period']).where('id', '=', roundId).executeTakeFirst();
	if (!round) throw new Error(`考核轮次 ${roundId} 不存在`);
	const ids = (await currentReports(s).select(['reports.id', 'reports.agency_id']).where('reports.round_id', '=', roundId).orderBy('reports.id').execute()).map((x) => ({
		id: x.id,
		agency: x.agency_id
	}));
	const withFp = new Set(
		(
			await s
				.selectFrom('similarity_fingerprints')
				.innerJoin('reports', 'reports.id', 'similarity_fingerprints.report_id')
				.select('similarity_fingerprints.report_id')
				.distinct()
				.where('reports.round_id', '=', roundId)
				.execute()
		).map((x) => x.report_id)
	);
	const items: RoundItem[] = [];
	const standard = new Map<number, number>();
	for (let i = 0; i < ids.length; i += 200) {
		const batch = ids.slice(i, i + 200);
		const t = await texts(s, batch.map((b) => b.id));
		for (const b of batch) {
			const p = prepareText(t.get(b.id) ?? '');
			if (!withFp.has(b.id)) await writeFingerprints(db, b.id, p);
			standard.set(b.id, standardLetters(p));
			items.push({ id: b.id, agency: b.agency, prepared: lean(p) });
		}
	}
	const { figures, common } = compareRound(items, { commonShare: th.commonShare, maxDf: CANDIDATE_MAX_DF, candidates: CANDIDATES });
	// previous reports of the same agencies: the latest earlier round each
	const agencyIds = [...new Set(ids.map((x) => x.agency).filter((a): a is number => a != null))];
	const prevOf = new Map<number, number>();
	for (let i = 0; i < agencyIds.length; i += CHUNK) {
		const rows = await s
			.selectFrom('reports')
			.innerJoin('rounds', 'rounds.id', 'reports.round_id')
			.select(['reports.id', 'reports.agency_id', 'rounds.period'])
			.where('reports.agency_id', 'in', agencyIds.slice(i, i + CHUNK))
			.where('reports.superseded', '=', 0)
			.where('reports.status', '!=', 'failed')
			.where('rounds.period', '<', round.period)
			.orderBy('rounds.period', 'desc')
			.orderBy('reports.id', 'desc')
			.execute();
		for (const r of rows) if (r.agency_id != null && !prevOf.has(r.agency_id)) prevOf.set(r.agency_id, r.id);
	}
	const now = (opts.now ?? new Date()).toISOString();
	let abovePrevious = 0;
	let abovePeer = 0;
	const rows: import('./tables').ReportSimilarityTable[] = [];
	const prevIds = [...prevOf.values()];
	const prevPrepared = new Map<number, Fingerprinted>();
	for (let i = 0; i < prevIds.length; i += 200) {
		const t = await texts(s, prevIds.slice(i, i + 200));
		for (const [id, text] of t) prevPrepared.set(id, lean(prepareText(text)));
	}
	items.forEach((it, idx) => {
		const f = figures[idx];
		const agency = it.agency as number | null;
		const prevId = agency != null ? (prevOf.get(agency) ?? null) : null;
		const prev = prevId != null ? prevPrepared.get(prevId) : undefined;
		const previousShare = prev ? shareIn(it.prepared, prev, commonMask(it.prepared, common)).share : null;
		if (previousShare !== null && previousShare > th.previous) abovePrevious++;
		if (f.peer && f.peer.share > th.peer) abovePeer++;
		rows.push({
			report_id: it.id,
			round_id: roundId,
			letters: f.countable,
			standard_letters: standard.get(it.id) ?? 0,
			common_letters: f.commonLetters,
			previous_report_id: prevId,
			previous_share: previousShare,
			peer_report_id: f.peer?.id ?? null,
			peer_share: f.peer?.share ?? null,
			computed_at: now
		});
	});
	await db.transaction().execute(async (trx) => {
		const t = simDb(trx);
		await t.deleteFrom('report_similarity').where('round_id', '=', roundId).execute();
		for (let i = 0; i < rows.length; i += 100) await t.insertInto('report_similarity').values(rows.slice(i, i + 100)).execute();
	});
	return { reports: items.length, abovePrevious, abovePeer, ms: Date.now() - started };
}

/**
 * Import hook: figures of a newly stored report, never failing the import (a failure is logged;
 * `zwgk similarity --round ID` recomputes).
 */
export async function afterImport(db: Kysely<DB>, reportId: number): Promise<void> {
	try {
		await computeForReport(db, reportId);
	} catch (e) {
		console.error(`similarity of report ${reportId} failed`, e);
	}
}

export interface SimilarityFigures {
	reportId: number;
	previous: { reportId: number; share: number | null } | null;
	peer: { reportId: number; agencyId: number | null; agencyName: string | null; share: number } | null;
	letters: number;
	standardLetters: number;
	commonLetters: number;
	computedAt: string;
}

/** Stored figures of reports (null entries: not computed yet). */
export async function figuresFor(db: Kysely<DB>, reportIds: number[]): Promise<Map<number, SimilarityFigures>> {
	const out = new Map<number, SimilarityFigures>();
	const s = simDb(db);
	for (let i = 0; i < reportIds.length; i += CHUNK) {
		const rows = await s
			.selectFrom('report_similarity as rs')
			.leftJoin('reports as pr', 'pr.id', 'rs.peer_report_id')
			.leftJoin('agencies as pa', 'pa.id', 'pr.agency_id')
			.select([
				'rs.report_id',
				'rs.previous_report_id',
				'rs.previous_share',
				'rs.peer_report_id',
				'rs.peer_share',
				'rs.letters',
				'rs.standard_letters',
				'rs.common_letters',
				'rs.computed_at',
				'pr.agency_id as peer_agency_id',
				'pa.name as peer_agency_name'
			])
			.where('rs.report_id', 'in', reportIds.slice(i, i + CHUNK))
			.execute();
		for (const r of rows)
			out.set(r.report_id, {
				reportId: r.report_id,
				previous: r.previous_report_id != null ? { reportId: r.previous_report_id, share: r.previous_share } : null,
				peer: r.peer_report_id != null && r.peer_share != null ? { reportId: r.peer_report_id, agencyId: r.peer_agency_id, agencyName: r.peer_agency_name, share: r.peer_share } : null,
				letters: r.letters,
				standardLetters: r.standard_letters,
				commonLetters: r.common_letters,
				computedAt: r.computed_at
			});
	}
	return out;
}

export interface FlaggedReport {
	reportId: number;
	agencyId: number | null;
	agencyName: string | null;
	kind: 'previous' | 'peer';
	share: number;
	otherReportId: number;
	otherAgencyName: string | null;
}

/** The round's current reports above a threshold: against the agency's previous report, or against another agency. */
export async function flaggedReports(db: Kysely<DB>, roundId: number, th: ReuseThresholds = similarityConfig()): Promise<FlaggedReport[]> {
	const s = simDb(db);
	const rows = await s
		.selectFrom('report_similarity as rs')
		.innerJoin('reports as r', 'r.id', 'rs.report_id')
		.leftJoin('agencies as a', 'a.id', 'r.agency_id')
		.leftJoin('reports as pr', 'pr.id', 'rs.peer_report_id')
		.leftJoin('agencies as pa', 'pa.id', 'pr.agency_id')
		.select(['rs.report_id', 'r.agency_id', 'a.name as agency_name', 'rs.previous_report_id', 'rs.previous_share', 'rs.peer_report_id', 'rs.peer_share', 'pa.name as peer_agency_name'])
		.where('rs.round_id', '=', roundId)
		.where('r.superseded', '=', 0)
		.where((eb) => eb.or([eb('rs.previous_share', '>', th.previous), eb('rs.peer_share', '>', th.peer)]))
		.execute();
	const out: FlaggedReport[] = [];
	for (const r of rows) {
		const base = { reportId: r.report_id, agencyId: r.agency_id, agencyName: r.agency_name };
		if (r.previous_share != null && r.previous_share > th.previous && r.previous_report_id != null)
			out.push({ ...base, kind: 'previous', share: r.previous_share, otherReportId: r.previous_report_id, otherAgencyName: r.agency_name });
		if (r.peer_share != null && r.peer_share > th.peer && r.peer_report_id != null)
			out.push({ ...base, kind: 'peer', share: r.peer_share, otherReportId: r.peer_report_id, otherAgencyName: r.peer_agency_name });
	}
	return out.sort((a, b) => b.share - a.share);
}

/** Re-score hook: the round's figures recomputed; a failure is logged, the re-score stands. */
export async function afterRescore(db: Kysely<DB>, roundId: number): Promise<void> {
	try {
		await recomputeRound(db, roundId);
	} catch (e) {
		console.error(`similarity of round ${roundId} failed`, e);
	}
}

export interface ReuseList {
	thresholds: ReuseThresholds;
	items: FlaggedReport[];
	/** items beyond the list's length */
	more: number;
	/** reports of the round with figures (0: not computed yet — say so, never "none above") */
	computed: number;
}

/** The overview's and the round page's list of reports above the thresholds (highest first). */
export async function reuseList(db: Kysely<DB>, roundId: number, limit = 20): Promise<ReuseList> {
	const th = similarityConfig();
	const all = await flaggedReports(db, roundId, th);
	const { n } = await simDb(db)
		.selectFrom('report_similarity')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('round_id', '=', roundId)
		.executeTakeFirstOrThrow();
	return { thresholds: th, items: all.slice(0, limit), more: Math.max(0, all.length - limit), computed: Number(n) };
}
