/**
 * The 未报送 list of a round (issue 14): the agencies expected in the round (its roster once
 * published) that have no counted report, as a workbook or a CSV to send round before the deadline.
 * Unlike the results exports it is useful while nobody has reported yet, so it never refuses an
 * empty round: an empty list says so in words.
 */
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { missingAgencies } from '../results/round-results';
import { toCsv } from './csv';
import { STATUS_NAMES, displayWidth, formatOfficeTime } from './format';
import { XLSX_MIME } from './xlsx';
import { CSV_MIME, safeFileNamePart, type ExportFile } from './service';

export interface MissingList {
	round: { id: number; name: string; period: string; deadline: string | null; status: keyof typeof STATUS_NAMES };
	generatedAt: string;
	/** agencies counted as expected in the round */
	expected: number;
	rows: { agencyId: number; agencyName: string; group: string | null; region: string | null; level: string | null }[];
}

/** The list, or null for an unknown round. */
export async function missingList(db: Kysely<DB>, roundId: number, now = new Date()): Promise<MissingList | null> {
	const round = await db.selectFrom('rounds').select(['id', 'name', 'period', 'deadline', 'status']).where('id', '=', roundId).executeTakeFirst();
	if (!round) return null;
	const missing = await missingAgencies(db, roundId);
	const ids = missing.map((x) => x.agencyId);
	const extra = ids.length ? await db.selectFrom('agencies').select(['id', 'region', 'level']).where('id', 'in', ids).execute() : [];
	const by = new Map(extra.map((x) => [x.id, x]));
	const submitted = await db
		.selectFrom('reports')
		.select((eb) => eb.fn.count<number>('agency_id').distinct().as('n'))
		.where('round_id', '=', roundId)
		.where('status', '=', 'scored')
		.where('superseded', '=', 0)
		.where('agency_id', 'is not', null)
		.executeTakeFirstOrThrow();
	return {
		round,
		generatedAt: now.toISOString(),
		expected: missing.length + Number(submitted.n),
		rows: missing.map((x) => ({ ...x, region: by.get(x.agencyId)?.region ?? null, level: by.get(x.agencyId)?.level ?? null }))
	};
}

const HEADER = ['序号', '单位', '分组', '地区', '状态'];
const cells = (l: MissingList) => l.rows.map((r, i) => [i + 1, r.agencyName, r.group, r.region, '未报送']);

/** CSV (UTF-8 with BOM, CRLF): 序号, 单位, 分组, 地区, 状态. */
export function buildMissingCsv(l: MissingList): string {
	return toCsv([HEADER, ...cells(l)]);
}

/** Workbook: 未报送单位 (the table, frozen and filterable) and 说明 (round, deadline, counts, time). */
export async function buildMissingXlsx(l: MissingList): Promise<Uint8Array> {
	const wb = new ExcelJS.Workbook();
	wb.creator = '政务公开考评台';
	wb.created = new Date(l.generatedAt);
	const ws = wb.addWorksheet('未报送单位', { views: [{ state: 'frozen', ySplit: 1 }] });
	const rows = cells(l);
	ws.addRow(HEADER).font = { bold: true };
	for (const r of rows) ws.addRow(r);
	HEADER.forEach((h, i) => {
		const w = Math.max(displayWidth(h), ...rows.map((r) => (r[i] == null ? 0 : displayWidth(String(r[i])))));
		ws.getColumn(i + 1).width = Math.min(50, w + 3);
	});
	ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: HEADER.length } };
	if (rows.length === 0) ws.addRow(['', '全部单位均已报送']);
	const note = wb.addWorksheet('说明');
	note.getColumn(1).width = 16;
	note.getColumn(2).width = 60;
	for (const line of [
		['考核轮次', l.round.name],
		['考核期', l.round.period],
		['结果状态', STATUS_NAMES[l.round.status]],
		['报送截止日期', l.round.deadline ?? '未设置'],
		['应报送单位', `${l.expected}家`],
		['未报送单位', `${l.rows.length}家`],
		['生成时间', formatOfficeTime(l.generatedAt)]
	])
		note.addRow(line);
	return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The file of either format, named 未报送单位_{period}.xlsx / .csv. */
export async function renderMissing(l: MissingList, format: 'xlsx' | 'csv'): Promise<ExportFile> {
	const p = safeFileNamePart(l.round.period);
	const a = l.round.period.replace(/[^A-Za-z0-9._-]+/g, '_') || 'round';
	if (format === 'xlsx') return { format, mime: XLSX_MIME, bytes: await buildMissingXlsx(l), fileName: `未报送单位_${p}.xlsx`, asciiName: `missing_${a}.xlsx`, detail: { agencies: l.rows.length } };
	return { format, mime: CSV_MIME, bytes: new TextEncoder().encode(buildMissingCsv(l)), fileName: `未报送单位_${p}.csv`, asciiName: `missing_${a}.csv`, detail: { agencies: l.rows.length } };
}
