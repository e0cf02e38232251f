/** `zwgk export`: the same export service as the file endpoints, written to a file. */
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../../server/db/connect';
import * as rounds from '../../server/db/rounds';
import { config } from '../../server/env';
import type { ExportRequest } from '../../server/export/service';
import { CliError, flagString, type ParsedArgs } from '../args';

const CLI_USER = { id: null, username: 'cli' };

export const EXPORT_FORMATS = ['xlsx', 'docx', 'csv', 'json'] as const;
export type CliExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_HELP = `zwgk export [--round ID] --format xlsx|docx|csv|json --out FILE [--issuer 发文单位] [--date 2026-11-23]
  导出考核轮次的结果（默认最新一轮）：
    xlsx  考核结果工作簿（排名、指标得分、缺失项、说明）
    docx  考核结果通报（Word），--issuer 默认取 ZWGK_ISSUER，--date 默认今天
    csv   排名（UTF-8 带 BOM，Excel 可直接打开）
    json  完整结果（与 /api/rounds/ID/results 相同）
  Exports a round's results (default: the latest round) to FILE.`;

function isFormat(s: string): s is CliExportFormat {
	return (EXPORT_FORMATS as readonly string[]).includes(s);
}

/**
 * Export one round to a file; returns the exit code. Throws `CliError` (Chinese message) for a
 * bad format, a missing --out, an unknown round, or a round with nothing scored.
 *
 * @example await exportCommand(db, parseArgs(['--format', 'xlsx', '--out', 'r.xlsx'], VALUED), console.log)
 */
export async function exportCommand(db: Database, args: ParsedArgs, out: (s: string) => void): Promise<number> {
	const format = flagString(args, 'format');
	if (!format) throw new CliError(`缺少 --format。可选：${EXPORT_FORMATS.join('、')}\n${EXPORT_HELP}`);
	if (!isFormat(format)) throw new CliError(`导出格式无效：“${format}”。可选：${EXPORT_FORMATS.join('、')}`);
	const target = flagString(args, 'out');
	if (!target) throw new CliError(`缺少 --out 输出文件路径。\n${EXPORT_HELP}`);
	// Loaded here, not at the top: exceljs and docx would slow every other zwgk command's start.
	const { loadExportResults, noticeOptionsFrom, recordExport, renderExport } = await import('../../server/export/service');

	const roundArg = flagString(args, 'round');
	let roundRef: string | number;
	if (roundArg !== undefined) roundRef = roundArg;
	else {
		const latest = await rounds.latestRound(db);
		if (!latest) throw new CliError('还没有考核轮次。先运行 npm run zwgk -- rounds add "2019年度政务公开考核" --period 2019');
		roundRef = latest.id;
	}

	let request: ExportRequest;
	if (format === 'docx') {
		const q = new URLSearchParams();
		const issuer = flagString(args, 'issuer');
		const date = flagString(args, 'date');
		if (issuer) q.set('issuer', issuer);
		if (date) q.set('date', date);
		const o = noticeOptionsFrom(q, { issuer: config.issuer });
		if (!o.ok) throw new CliError(o.message);
		request = { kind: 'notice', options: o.options };
	} else if (format === 'csv') request = { kind: 'ranking-csv' };
	else request = { kind: format };

	const loaded = await loadExportResults(db, roundRef, { generatedBy: '命令行' });
	if (!loaded.ok) {
		throw new CliError(loaded.status === 404 ? `考核轮次 ${roundRef} 不存在。运行 npm run zwgk -- rounds list 查看` : loaded.message);
	}
	const rendered = await renderExport(loaded.results, request);
	if (!rendered.ok) throw new CliError(rendered.message);
	const file = path.resolve(target);
	try {
		fs.mkdirSync(path.dirname(file), { recursive: true });
		fs.writeFileSync(file, rendered.file.bytes);
	} catch (e) {
		throw new CliError(`无法写入 ${file}：${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
	}
	await recordExport(db, CLI_USER, loaded.results.round.id, { ...rendered.file, fileName: path.basename(file) });
	const r = loaded.results;
	out(
		`已导出 ${r.round.name}（${format}）到 ${file}：${r.agencies.length} 家单位${r.missing.length ? `，${r.missing.length} 家未报送` : ''}，${rendered.file.bytes.byteLength} 字节`
	);
	return 0;
}
