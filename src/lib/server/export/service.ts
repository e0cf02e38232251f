/**
 * The export service: loads a round's results, renders one export (xlsx, the notice docx, a
 * rectification docx or zip, the csvs, json), names the file, and records it in the audit log.
 * The file endpoints under `routes/(app)/rounds/[id]/…` and `zwgk export` both call it, so the
 * web and the CLI can never disagree on a file's content or name.
 *
 * Expected failures are values (`ExportProblem`: status + Chinese message); the caller turns them
 * into an HTTP error or a CLI error. Nothing here imports SvelteKit.
 */
import type { Kysely } from 'kysely';
import { appendAudit } from '../db/audit';
import * as rounds from '../db/rounds';
import type { DB } from '../db/schema';
import { roundResults } from '../results/round-results';
import type { RoundResults } from '../results/types';
import { buildIndicatorCsv, buildRankingCsv } from './csv';
import { DEFAULT_BANDS, DOCX_MIME, buildNoticeDocx, buildRectificationDocx, buildRectificationZip, type NoticeOptions } from './docx';
import { XLSX_MIME, buildResultsWorkbook } from './xlsx';
import { m } from '../../paraglide/messages.js';
import { config } from '../env';
import { formatDate } from '../../time';

type Executor = Kysely<DB>;

export type ExportFormat = 'xlsx' | 'docx' | 'zip' | 'csv' | 'json';

/** What to render. Issuer/date/bands come from `noticeOptionsFrom` (web) or CLI flags. */
export type ExportRequest =
	| { kind: 'xlsx' }
	| { kind: 'notice'; options: NoticeOptions }
	| { kind: 'rectification'; agencyId: number; options: Pick<NoticeOptions, 'issuer' | 'date'> }
	| { kind: 'rectification-zip'; below: number; options: Pick<NoticeOptions, 'issuer' | 'date'> }
	| { kind: 'ranking-csv' }
	| { kind: 'indicator-csv' }
	| { kind: 'json' };

export interface ExportFile {
	format: ExportFormat;
	/** The Chinese file name: 考核结果_2019.xlsx */
	fileName: string;
	/** An ASCII fallback for old clients: results_2019.xlsx */
	asciiName: string;
	mime: string;
	bytes: Uint8Array;
	/** Extra facts for the audit entry (agencyId, below). */
	detail?: Record<string, number>;
}

export interface ExportProblem {
	status: 400 | 404 | 409;
	message: string;
}

export type Outcome<T> = ({ ok: true } & T) | ({ ok: false } & ExportProblem);

export const ZIP_MIME = 'application/zip';
export const CSV_MIME = 'text/csv; charset=utf-8';
export const JSON_MIME = 'application/json; charset=utf-8';

/** A route or CLI id argument: a positive integer, else null. */
export function parseId(raw: string | number | undefined | null): number | null {
	const s = String(raw ?? '').trim();
	if (!/^\d{1,15}$/.test(s)) return null;
	const n = Number(s);
	return n > 0 ? n : null;
}

/**
 * The results of a round for an export: 404 for an unknown round, 409 when no report of the round
 * has been scored yet (an export is never an empty file).
 *
 * @example const r = await loadExportResults(db, params.id, { generatedBy: user.displayName });
 */
export async function loadExportResults(
	db: Executor,
	roundId: string | number,
	opts: { generatedBy?: string | null; withEvidence?: boolean } = {}
): Promise<Outcome<{ results: RoundResults }>> {
	const id = parseId(roundId);
	if (id == null) return { ok: false, status: 404, message: m.err_round_not_found() };
	const results = await roundResults(db, id, { generatedBy: opts.generatedBy ?? null, withEvidence: opts.withEvidence ?? true });
	if (!results) return { ok: false, status: 404, message: m.err_round_not_found() };
	if (results.agencies.length === 0) return { ok: false, status: 409, message: m.ex_no_scored_reports() };
	return { ok: true, results };
}

/** Characters Windows, macOS or Linux refuse in a file name become "_". */
export function safeFileNamePart(s: string): string {
	const cleaned = [...s]
		.map((ch) => ((ch.codePointAt(0) ?? 0) < 0x20 || '\\/:*?"<>|'.includes(ch) ? '_' : ch))
		.join('')
		.replace(/[. ]+$/, '')
		.trim();
	return cleaned || '未命名';
}

/** The period as it may appear in an ASCII file name. */
function asciiPart(s: string): string {
	return s.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '') || 'round';
}

/** File names of every export: `[chinese, ascii]`. */
export function exportFileNames(
	kind: ExportRequest['kind'],
	period: string,
	agency?: { id: number; name: string }
): { fileName: string; asciiName: string } {
	const p = safeFileNamePart(period);
	const a = asciiPart(period);
	switch (kind) {
		case 'xlsx':
			return { fileName: `考核结果_${p}.xlsx`, asciiName: `results_${a}.xlsx` };
		case 'notice':
			return { fileName: `考核结果通报_${p}.docx`, asciiName: `notice_${a}.docx` };
		case 'rectification': {
			const name = safeFileNamePart(agency?.name ?? '');
			return { fileName: `整改通知_${name}_${p}.docx`, asciiName: `rectification_${agency?.id ?? 0}_${a}.docx` };
		}
		case 'rectification-zip':
			return { fileName: `整改通知_${p}.zip`, asciiName: `rectification_${a}.zip` };
		case 'ranking-csv':
			return { fileName: `排名_${p}.csv`, asciiName: `ranking_${a}.csv` };
		case 'indicator-csv':
			return { fileName: `指标得分_${p}.csv`, asciiName: `indicators_${a}.csv` };
		case 'json':
			return { fileName: `考核结果_${p}.json`, asciiName: `results_${a}.json` };
	}
}

/**
 * `attachment; filename="ascii"; filename*=UTF-8''percent-encoded` (RFC 6266 + RFC 5987): every
 * current browser takes the UTF-8 name; the quoted ASCII name is for the rest.
 *
 * @example contentDisposition('排名_2019.csv', 'ranking_2019.csv')
 *   // attachment; filename="ranking_2019.csv"; filename*=UTF-8''%E6%8E%92%E5%90%8D_2019.csv
 */
export function contentDisposition(fileName: string, asciiName: string): string {
	const fallback = asciiName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
	// encodeURIComponent leaves ' ( ) * unescaped; RFC 5987's attr-char does not allow them.
	const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
	return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** Today (or `at`) in the office's time zone (TIME_ZONE), written the official way: 2026年11月23日. */
export function chineseDate(at: Date = new Date(), tz: string = config.timeZone): string {
	const [y, mo, d] = formatDate(at, tz).split('-').map(Number);
	return `${y}年${mo}月${d}日`;
}

/** Accepts 2026-11-23, 2026/11/23 or 2026年11月23日; returns the Chinese form or null. */
export function parseChineseDate(raw: string): string | null {
	const hit = /^\s*(\d{4})\s*(?:[-/.年])\s*(\d{1,2})\s*(?:[-/.月])\s*(\d{1,2})\s*日?\s*$/.exec(raw);
	if (!hit) return null;
	const [y, mo, d] = [Number(hit[1]), Number(hit[2]), Number(hit[3])];
	const date = new Date(Date.UTC(y, mo - 1, d));
	if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
	return `${y}年${mo}月${d}日`;
}

const MAX_ISSUER = 60;

/**
 * Issuer, date and bands of a notice from query parameters: `issuer` (default: the configured
 * office), `date` (default: today), `bands=90,80,60` (the lower bounds of 优秀/良好/合格).
 */
export function noticeOptionsFrom(query: URLSearchParams, defaults: { issuer: string; now?: Date }): Outcome<{ options: NoticeOptions }> {
	const issuer = (query.get('issuer') ?? '').trim() || defaults.issuer;
	if ([...issuer].length > MAX_ISSUER || /[\u0000-\u001f]/.test(issuer)) {
		return { ok: false, status: 400, message: m.ex_issuer_invalid({ max: MAX_ISSUER }) };
	}
	const rawDate = (query.get('date') ?? '').trim();
	const date = rawDate ? parseChineseDate(rawDate) : chineseDate(defaults.now);
	if (!date) return { ok: false, status: 400, message: m.ex_date_invalid() };
	let bands = DEFAULT_BANDS;
	const rawBands = (query.get('bands') ?? '').trim();
	if (rawBands) {
		const parsed = parseBands(rawBands);
		if (!parsed) return { ok: false, status: 400, message: m.ex_bands_invalid() };
		bands = parsed;
	}
	return { ok: true, options: { issuer, date, bands } };
}

/** "90,80,60" → 优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60, 不合格 below. */
export function parseBands(raw: string): NoticeOptions['bands'] | null {
	const parts = raw.split(/[,，]/).map((s) => s.trim());
	if (parts.length !== 3 || parts.some((p) => !/^\d{1,3}(\.\d+)?$/.test(p))) return null;
	const [a, b, c] = parts.map(Number);
	if (!(a <= 100 && a > b && b > c && c > 0)) return null;
	return [
		{ label: '优秀', min: a },
		{ label: '良好', min: b },
		{ label: '合格', min: c },
		{ label: '不合格', min: 0 }
	];
}

/** `below` of the rectification zip: a score in (0, 100]; default 60. */
export function parseBelow(raw: string | null | undefined): number | null {
	const s = (raw ?? '').trim();
	if (!s) return 60;
	if (!/^\d{1,3}(\.\d+)?$/.test(s)) return null;
	const n = Number(s);
	return n > 0 && n <= 100 ? n : null;
}

const utf8 = (s: string) => new TextEncoder().encode(s);

/**
 * Render one export of loaded results. Problems: an agency without a result in the round
 * (unknown → 404, did not report → 409), no agency below the zip's threshold (409).
 */
export async function renderExport(r: RoundResults, req: ExportRequest): Promise<Outcome<{ file: ExportFile }>> {
	const period = r.round.period;
	const file = (format: ExportFormat, mime: string, bytes: Uint8Array, agency?: { id: number; name: string }, detail?: Record<string, number>) => ({
		ok: true as const,
		file: { format, mime, bytes, detail, ...exportFileNames(req.kind, period, agency) }
	});
	switch (req.kind) {
		case 'xlsx':
			return file('xlsx', XLSX_MIME, await buildResultsWorkbook(r));
		case 'notice':
			return file('docx', DOCX_MIME, await buildNoticeDocx(r, req.options));
		case 'rectification': {
			const a = r.agencies.find((x) => x.agencyId === req.agencyId);
			if (!a) {
				const miss = r.missing.find((x) => x.agencyId === req.agencyId);
				return miss
					? { ok: false, status: 409, message: m.ex_agency_not_scored({ agency: miss.agencyName, round: r.round.name }) }
					: { ok: false, status: 404, message: m.ex_agency_no_result() };
			}
			const bytes = await buildRectificationDocx(r, a.agencyId, req.options);
			return file('docx', DOCX_MIME, bytes, { id: a.agencyId, name: a.agencyName }, { agencyId: a.agencyId });
		}
		case 'rectification-zip': {
			const count = r.agencies.filter((a) => a.total < req.below).length;
			if (count === 0) return { ok: false, status: 409, message: m.ex_none_below({ below: req.below }) };
			const bytes = await buildRectificationZip(r, req.below, req.options);
			return file('zip', ZIP_MIME, bytes, undefined, { below: req.below, agencies: count });
		}
		case 'ranking-csv':
			return file('csv', CSV_MIME, utf8(buildRankingCsv(r)));
		case 'indicator-csv':
			return file('csv', CSV_MIME, utf8(buildIndicatorCsv(r)));
		case 'json':
			return file('json', JSON_MIME, utf8(JSON.stringify(r)));
	}
}

/** Who exported: a signed-in user, or the CLI (`{ id: null, username: 'cli' }`). */
export interface Exporter {
	id: number | null;
	username: string;
}

/** One audit entry per export: action 'export', entity 'round', after { format, file, … }. */
export async function recordExport(db: Executor, who: Exporter, roundId: number, file: Pick<ExportFile, 'format' | 'fileName' | 'detail'>, ip?: string | null): Promise<void> {
	await appendAudit(db, {
		userId: who.id,
		username: who.username,
		action: 'export',
		entity: 'round',
		entityId: roundId,
		after: { format: file.format, file: file.fileName, ...file.detail },
		ip: ip ?? null
	});
}

/** The HTTP response of a file export: attachment with both file names, never cached. */
export function fileResponse(file: ExportFile): Response {
	return new Response(file.bytes as Uint8Array<ArrayBuffer>, {
		headers: {
			'content-type': file.mime,
			'content-disposition': contentDisposition(file.fileName, file.asciiName),
			'content-length': String(file.bytes.byteLength),
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff'
		}
	});
}

/**
 * May this user download this agency's rectification notice of this round? Staff with
 * 'export.all': any agency, any status. An agency user: only its own agency, only once the round
 * is published. Checked before anything about the round or agency is revealed.
 */
export function rectificationAccess(
	user: { role: string; agencyId: number | null },
	canExportAll: boolean,
	agencyId: number,
	roundStatus: RoundResults['round']['status'] | null
): 'ok' | 'forbidden' | 'unpublished' {
	if (canExportAll) return 'ok';
	if (user.role !== 'agency' || user.agencyId == null || user.agencyId !== agencyId) return 'forbidden';
	return roundStatus === 'published' ? 'ok' : 'unpublished';
}

/** The rounds as the JSON API lists them. */
export async function roundList(db: Executor): Promise<{ id: number; name: string; period: string; status: RoundResults['round']['status'] }[]> {
	return (await rounds.listRounds(db)).map((r) => ({ id: r.id, name: r.name, period: r.period, status: r.status }));
}

/** The status of a round, or null when it does not exist (for the access check). */
export async function roundStatus(db: Executor, roundId: number): Promise<RoundResults['round']['status'] | null> {
	return (await rounds.findRound(db, roundId))?.status ?? null;
}
