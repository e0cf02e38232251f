/**
 * Exports read back against the database: a seeded round (generated reports, one reviewer
 * override, an agency that did not report, a name with a comma and quotes), each export built
 * from `roundResults`, then opened again (exceljs, the docx XML, the csv text) and compared with
 * what SQL says. Then the file endpoints (roles, 404/409, headers, audit) and the CLI.
 */
import { spawnSync } from 'node:child_process';
import { setOverride } from '../../src/lib/server/scoring/override';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// The endpoints open the app's own database through `getDb()`: point it at memory before any
// module reads the configuration.
vi.hoisted(() => {
	process.env.DATABASE_URL = ':memory:';
	process.env.DEMO = '0';
	process.env.ZWGK_ISSUER = '青岚盟政务公开办公室';
});

import type { Database } from '../../src/lib/server/db/connect';
import * as agencies from '../../src/lib/server/db/agencies';
import * as rounds from '../../src/lib/server/db/rounds';
import * as rubrics from '../../src/lib/server/db/rubrics';
import * as users from '../../src/lib/server/db/users';
import type { SessionUser } from '../../src/lib/server/auth/session';
import { createIngestContext, ingestFile } from '../../src/lib/server/import/ingest';
import { demoAgencies, generateReport } from '../../src/lib/demo/generate';
import { roundResults } from '../../src/lib/server/results/round-results';
import type { RoundResults } from '../../src/lib/server/results/types';
import { buildResultsWorkbook } from '../../src/lib/server/export/xlsx';
import { DEFAULT_BANDS, buildNoticeDocx, buildRectificationDocx, buildRectificationZip } from '../../src/lib/server/export/docx';
import { buildIndicatorCsv, buildRankingCsv } from '../../src/lib/server/export/csv';
import { formatScore } from '../../src/lib/server/export/format';
import { freshDb, ROOT } from './helpers';

const utf8 = (s: string) => new TextEncoder().encode(s);
const USER = { id: null, username: 'test' };
const ODD_NAME = '青岚盟"数据"局,试点';

interface Seeded {
	roundId: number;
	emptyRoundId: number;
	/** agency id → name, for the agencies with a report. */
	reported: Map<number, string>;
	missingName: string;
	override: { agencyId: number; indicatorId: string };
}

/**
 * Six agencies report (qualities spread so some fall below 60), one does not; the first agency is
 * renamed to a name with a comma and quotes; one level-0 indicator is overridden to 2.
 */
async function seedRound(db: Database, status: 'review' | 'published' = 'review'): Promise<Seeded> {
	const all = demoAgencies(40, 1);
	const chosen = [...all.filter((a) => a.group === '盟直部门').slice(0, 4), ...all.filter((a) => a.group === '旗县市区').slice(0, 2)];
	const idByName = new Map<string, number>();
	for (const a of chosen) idByName.set(a.name, await agencies.insertAgency(db, { name: a.name, groupName: a.group, region: a.region }));
	const silent = all.filter((a) => a.group === '盟直部门')[6];
	await agencies.insertAgency(db, { name: silent.name, groupName: silent.group, region: silent.region });
	const rubric = await rubrics.latestRubric(db);
	const roundId = await rounds.insertRound(db, { name: '2019年度政务公开考核', period: '2019', rubricId: rubric!.id, status });
	const emptyRoundId = await rounds.insertRound(db, { name: '2020年度政务公开考核', period: '2020', rubricId: rubric!.id });
	const ctx = await createIngestContext(db, roundId, USER);
	const qualities = [0.95, 0.75, 0.55, 0.35, 0.2, 0.1];
	const reported = new Map<number, string>();
	for (const [i, a] of chosen.entries()) {
		const g = generateReport({ agency: a, year: 2019, seed: 100 + i, quality: qualities[i], type: 'annual_report' });
		const r = await ingestFile(ctx, g.fileName, utf8(g.text));
		if (r.status !== 'imported') throw new Error(`seed import failed: ${JSON.stringify(r)}`);
		expect(r.agencyId).toBe(idByName.get(a.name));
		reported.set(r.agencyId, a.name);
	}
	// A registry name that needs CSV quoting.
	const firstId = idByName.get(chosen[0].name)!;
	await db.updateTable('agencies').set({ name: ODD_NAME }).where('id', '=', firstId).execute();
	reported.set(firstId, ODD_NAME);

	// A reviewer raises one missing indicator of a middling agency to met, through the override service.
	const candidates = [2, 3, 1, 4, 5].map((i) => idByName.get(chosen[i].name)!);
	const zeros = await db
		.selectFrom('scores')
		.innerJoin('reports', 'reports.id', 'scores.report_id')
		.select(['reports.agency_id', 'scores.report_id', 'scores.indicator_id', 'scores.max', 'scores.rubric_id'])
		.where('reports.agency_id', 'in', candidates)
		.where('scores.level', '=', 0)
		.where('scores.max', '>', 0)
		.orderBy('scores.indicator_id')
		.execute();
	const target = candidates.find((id) => zeros.some((z) => z.agency_id === id));
	const row = zeros.find((z) => z.agency_id === target);
	if (target === undefined || !row) throw new Error('seed: no level-0 indicator to override');
	const ov = await setOverride(db, { reportId: row.report_id, indicatorId: row.indicator_id, level: 2, reason: '复核时在附件中找到了相关制度文件' }, { id: 1, username: 'admin' });
	if (!ov.ok) throw new Error(`seed: override refused: ${ov.message}`);
	return { roundId, emptyRoundId, reported, missingName: silent.name, override: { agencyId: target, indicatorId: row.indicator_id } };
}

/** Totals and level-0/1 counts per agency straight from SQL (the reference the exports must match). */
async function sqlTruth(db: Database, roundId: number) {
	const rows = await db
		.selectFrom('scores')
		.innerJoin('reports', 'reports.id', 'scores.report_id')
		.innerJoin('rounds', 'rounds.id', 'reports.round_id')
		.select(['reports.agency_id', 'scores.indicator_id', 'scores.level', 'scores.score', 'scores.max', 'scores.overridden'])
		.where('reports.round_id', '=', roundId)
		.where('reports.status', '=', 'scored')
		.where('reports.superseded', '=', 0)
		.whereRef('scores.rubric_id', '=', 'rounds.rubric_id')
		.execute();
	const totals = new Map<number, { total: number; max: number; gaps: string[] }>();
	for (const r of rows) {
		const t = totals.get(r.agency_id!) ?? { total: 0, max: 0, gaps: [] };
		t.total += r.score;
		t.max += r.max;
		if (r.level === 0 || r.level === 1) t.gaps.push(r.indicator_id);
		totals.set(r.agency_id!, t);
	}
	for (const t of totals.values()) t.total = Math.round(t.total * 100) / 100;
	return totals;
}

const arrayBuffer = (b: Uint8Array): ArrayBuffer => {
	const ab = new ArrayBuffer(b.byteLength);
	new Uint8Array(ab).set(b);
	return ab;
};
async function readWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load(arrayBuffer(bytes));
	return wb;
}
const headerOf = (ws: ExcelJS.Worksheet): string[] => {
	const out: string[] = [];
	ws.getRow(1).eachCell((c) => out.push(String(c.value)));
	return out;
};
const noteText = (cell: ExcelJS.Cell): string => {
	const n: unknown = cell.note;
	if (typeof n === 'string') return n;
	if (n && typeof n === 'object' && 'texts' in n && Array.isArray(n.texts)) {
		return n.texts.map((t: unknown) => (t && typeof t === 'object' && 'text' in t ? String(t.text) : '')).join('');
	}
	return '';
};
/** The text of word/document.xml, paragraph by paragraph, entities decoded. */
function docxParagraphs(bytes: Uint8Array): string[] {
	const xml = unzipSync(bytes)['word/document.xml'];
	if (!xml) throw new Error('no word/document.xml');
	const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
	return [...strFromU8(xml).matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) =>
		decode([...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''))
	);
}
/** Minimal RFC 4180 reader: enough to check the quoting round-trips. */
function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
			else if (c === '"') quoted = false;
			else field += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') row.push(field), (field = '');
		else if (c === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
		else field += c;
	}
	return rows;
}

describe('exports built from a seeded round match the database', () => {
	let db: Database;
	let seed: Seeded;
	let r: RoundResults;
	let truth: Awaited<ReturnType<typeof sqlTruth>>;
	const opts = { issuer: '青岚盟政务公开办公室', date: '2026年11月23日' };

	beforeAll(async () => {
		db = await freshDb();
		seed = await seedRound(db);
		r = (await roundResults(db, seed.roundId, { generatedBy: '测试员' }))!;
		truth = await sqlTruth(db, seed.roundId);
	});
	afterAll(() => db.destroy());

	it('the results cover every reporting agency, rank by score rate, and list the silent one as missing', () => {
		expect(r.agencies.map((a) => a.agencyId).sort()).toEqual([...seed.reported.keys()].sort());
		for (const a of r.agencies) {
			expect(a.total).toBeCloseTo(truth.get(a.agencyId)!.total, 5);
			expect(a.max).toBe(truth.get(a.agencyId)!.max);
		}
		const rates = r.agencies.map((a) => a.total / a.max);
		for (let i = 1; i < rates.length; i++) expect(rates[i]).toBeLessThanOrEqual(rates[i - 1] + 1e-9);
		expect(r.agencies.map((a) => a.rank)).toEqual([1, 2, 3, 4, 5, 6]);
		expect(r.missing.map((m) => m.agencyName)).toEqual([seed.missingName]);
		expect(r.agencies.some((a) => a.total < 60)).toBe(true);
	});

	it('xlsx: 排名 rows, 指标得分 override mark and 缺失项 rows equal SQL', async () => {
		const wb = await readWorkbook(await buildResultsWorkbook(r));
		expect(wb.worksheets.map((w) => w.name)).toEqual(['排名', '指标得分', '缺失项', '说明']);

		const rank = wb.getWorksheet('排名')!;
		const h = headerOf(rank);
		const col = (name: string) => h.indexOf(name) + 1;
		const seen: { rank: number; name: string; total: number }[] = [];
		for (let i = 2; i <= r.agencies.length + 1; i++) {
			const row = rank.getRow(i);
			seen.push({ rank: Number(row.getCell(col('名次')).value), name: String(row.getCell(col('单位')).value), total: Number(row.getCell(col('总分')).value) });
		}
		const byName = new Map([...seed.reported].map(([id, name]) => [name, id]));
		for (const s of seen) {
			expect(byName.has(s.name)).toBe(true);
			expect(s.total).toBeCloseTo(truth.get(byName.get(s.name)!)!.total, 5);
		}
		expect(seen.map((s) => s.rank)).toEqual([1, 2, 3, 4, 5, 6]);
		expect(seen.map((s) => s.name)).toContain(ODD_NAME);
		const missingRow = rank.getRow(r.agencies.length + 2);
		expect(missingRow.getCell(col('单位')).value).toBe(seed.missingName);
		expect(missingRow.getCell(col('总分')).value).toBeNull();
		expect(missingRow.getCell(col('备注')).value).toBe('未报送');

		// The overridden indicator: '2级 达标（人工）' with a note naming the machine's level.
		const ind = wb.getWorksheet('指标得分')!;
		const ih = headerOf(ind);
		const def = r.indicators.find((d) => d.id === seed.override.indicatorId)!;
		const levelCol = ih.indexOf(`${def.name} 等级`) + 1;
		const ovName = seed.reported.get(seed.override.agencyId)!;
		let found = false;
		for (let i = 2; i <= r.agencies.length + 1; i++) {
			const row = ind.getRow(i);
			const cell = row.getCell(levelCol);
			if (row.getCell(2).value === ovName) {
				found = true;
				expect(cell.value).toBe('2级 达标（人工）');
				expect(noteText(cell)).toBe('人工调整：原为0级（缺失）');
				expect(row.getCell(levelCol + 1).value).toBe(def.points);
			} else {
				expect(String(cell.value)).not.toContain('（人工）');
			}
		}
		expect(found).toBe(true);

		// 缺失项: exactly the level-0/1 rows of SQL, the overridden one no longer among them.
		const gaps = wb.getWorksheet('缺失项')!;
		const gh = headerOf(gaps);
		const got: string[] = [];
		for (let i = 2; i <= gaps.actualRowCount; i++) {
			const row = gaps.getRow(i);
			got.push(`${row.getCell(gh.indexOf('单位') + 1).value}|${row.getCell(gh.indexOf('指标编号') + 1).value}`);
			const ev = String(row.getCell(gh.indexOf('已见证据') + 1).value);
			expect(ev.length).toBeGreaterThan(0);
		}
		const want = [...truth].flatMap(([id, t]) => t.gaps.map((g) => `${seed.reported.get(id)}|${g}`));
		expect(got.sort()).toEqual(want.sort());
		expect(got).not.toContain(`${ovName}|${seed.override.indicatorId}`);

		const method = wb.getWorksheet('说明')!;
		const lines: string[] = [];
		method.eachRow((row) => lines.push(`${row.getCell(1).value}=${row.getCell(2).value}`));
		expect(lines).toContain('考核轮次=2019年度政务公开考核');
		expect(lines).toContain('生成人=测试员');
	});

	it('docx notice: title, every agency with its total, the missing agency, the issuer and date', async () => {
		const paras = docxParagraphs(await buildNoticeDocx(r, { ...opts, bands: DEFAULT_BANDS }));
		const text = paras.join('\n');
		expect(paras[0]).toBe('关于2019年度政务公开考核结果的通报');
		for (const a of r.agencies) {
			const cellIdx = paras.indexOf(a.agencyName);
			expect(cellIdx, a.agencyName).toBeGreaterThan(0);
			// The table row: 名次, 单位, 总分, 等次 — the total follows the name.
			expect(paras[cellIdx + 1]).toContain(formatScore(truth.get(a.agencyId)!.total));
		}
		expect(text).toContain(`未报送（1家）：${seed.missingName}`);
		expect(text).toContain('评审中（暂定），结果尚未发布，仅供审核');
		expect(paras.slice(-2)).toEqual(['青岚盟政务公开办公室', '2026年11月23日']);
	});

	it('docx rectification: the weakest agency’s level-0/1 indicators from SQL, with the rubric wording', async () => {
		const weakest = r.agencies[r.agencies.length - 1];
		const paras = docxParagraphs(await buildRectificationDocx(r, weakest.agencyId, opts));
		const text = paras.join('\n');
		expect(text).toContain(`${weakest.agencyName}：`);
		expect(text).toContain(`得分${formatScore(truth.get(weakest.agencyId)!.total)}分`);
		const gapIds = truth.get(weakest.agencyId)!.gaps;
		expect(gapIds.length).toBeGreaterThan(3);
		expect(text).toContain(`有${gapIds.length}项指标未达标`);
		for (const id of gapIds) {
			const def = r.indicators.find((d) => d.id === id)!;
			expect(paras).toContain(def.name);
			expect(paras).toContain(def.description);
		}
		expect(text).toContain('未见相关内容');
	});

	it('zip: one notice per agency below the threshold, nobody else', async () => {
		const below = 60;
		const zip = unzipSync(await buildRectificationZip(r, below, opts));
		const want = [...truth].filter(([, t]) => t.total < below).map(([id]) => `整改通知_${seed.reported.get(id)!.replace(/[",]/g, (c) => (c === '"' ? '_' : c))}.docx`);
		expect(Object.keys(zip).sort()).toEqual(want.sort());
		for (const bytes of Object.values(zip)) expect(docxParagraphs(bytes)[0]).toBe('政务公开考核整改通知书');
	});

	it('csv: BOM, CRLF, the odd name quoted, rows equal SQL, the override marked', () => {
		const ranking = buildRankingCsv(r);
		expect(ranking.charCodeAt(0)).toBe(0xfeff);
		expect(ranking).toContain('"青岚盟""数据""局,试点"');
		const rows = parseCsv(ranking.slice(1));
		expect(rows[0].slice(0, 6)).toEqual(['名次', '单位', '分组', '组内名次', '地区', '总分']);
		const byName = new Map([...seed.reported].map(([id, name]) => [name, id]));
		const body = rows.slice(1);
		expect(body).toHaveLength(r.agencies.length + 1);
		for (const row of body.slice(0, r.agencies.length)) {
			expect(Number(row[5])).toBeCloseTo(truth.get(byName.get(row[1])!)!.total, 2);
		}
		expect(body.map((row) => row[0]).slice(0, r.agencies.length)).toEqual(['1', '2', '3', '4', '5', '6']);
		expect(body[r.agencies.length][1]).toBe(seed.missingName);
		expect(body[r.agencies.length].at(-1)).toBe('未报送');
		expect(body[r.agencies.length][5]).toBe('');

		const ind = parseCsv(buildIndicatorCsv(r).slice(1));
		expect(ind).toHaveLength(1 + r.agencies.length * r.indicators.length);
		const ov = ind.find((row) => row[0] === seed.reported.get(seed.override.agencyId) && row[1] === seed.override.indicatorId)!;
		expect(ov[3]).toBe('2级 达标');
		expect(ov[6]).toBe('人工调整：原为0级（缺失）');
		expect(ind.slice(1).filter((row) => row[6] !== '')).toHaveLength(1);
	});
});

describe('export endpoints', () => {
	// Route modules read the configuration at import: load them after vi.hoisted set it.
	let db: Database;
	let seed: Seeded;
	let admin: SessionUser;
	let evaluator: SessionUser;
	let own: SessionUser;
	type Handler = (event: unknown) => Promise<Response>;
	const routes: Record<string, Handler> = {};

	beforeAll(async () => {
		const { getDb } = await import('../../src/lib/server/bootstrap');
		db = await getDb();
		seed = await seedRound(db, 'review');
		const mk = async (username: string, role: SessionUser['role'], agencyId: number | null): Promise<SessionUser> => {
			const id = await users.insertUser(db, { username, display_name: `${username}显示名`, role, agency_id: agencyId, password_hash: 'x' });
			return { id, username, displayName: `${username}显示名`, role, agencyId };
		};
		admin = await mk('boss', 'admin', null);
		evaluator = await mk('eva', 'evaluator', null);
		own = await mk('dept', 'agency', seed.override.agencyId);
		const load = async (p: string) => ((await import(/* @vite-ignore */ path.join(ROOT, 'src/routes', p, '+server.ts'))) as { GET: Handler }).GET;
		routes.xlsx = await load('(app)/rounds/[id]/results.xlsx');
		routes.notice = await load('(app)/rounds/[id]/notice.docx');
		routes.zip = await load('(app)/rounds/[id]/rectification.zip');
		routes.one = await load('(app)/rounds/[id]/agencies/[agencyId]/rectification.docx');
		routes.ranking = await load('(app)/rounds/[id]/ranking.csv');
		routes.indicators = await load('(app)/rounds/[id]/indicators.csv');
		routes.json = await load('api/rounds/[id]/results');
		routes.list = await load('api/rounds');
	});

	function call(name: string, user: SessionUser | null, params: Record<string, string>, query = ''): Promise<Response> {
		return routes[name]({
			params,
			locals: { user, session: null },
			url: new URL(`http://localhost/x${query ? `?${query}` : ''}`),
			getClientAddress: () => '10.0.0.8'
		});
	}
	/** The status and message of a kit `error()` thrown by the handler. */
	async function failure(p: Promise<Response>): Promise<{ status: number; message: string }> {
		try {
			const res = await p;
			return { status: res.status, message: 'no error thrown' };
		} catch (e) {
			const err = e as { status?: number; body?: { message?: string } };
			if (typeof err.status !== 'number') throw e;
			return { status: err.status, message: err.body?.message ?? '' };
		}
	}
	const disposition = (res: Response) => {
		const h = res.headers.get('content-disposition') ?? '';
		return decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(h)?.[1] ?? '');
	};

	it('serves each file with its Chinese name and type, and audits every export', async () => {
		const id = String(seed.roundId);
		const cases: [string, string, string, string?][] = [
			['xlsx', '考核结果_2019.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
			['notice', '考核结果通报_2019.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'date=2026-11-23'],
			['zip', '整改通知_2019.zip', 'application/zip', 'below=60'],
			['ranking', '排名_2019.csv', 'text/csv; charset=utf-8'],
			['indicators', '指标得分_2019.csv', 'text/csv; charset=utf-8']
		];
		const before = (await db.selectFrom('audit_log').select('id').where('action', '=', 'export').execute()).length;
		for (const [name, file, type, query] of cases) {
			const res = await call(name, admin, { id }, query);
			expect(res.status, name).toBe(200);
			expect(res.headers.get('content-type')).toBe(type);
			expect(disposition(res)).toBe(file);
			expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
			expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(100);
		}
		const notice = docxParagraphs(new Uint8Array(await (await call('notice', admin, { id }, 'date=2026-11-23')).arrayBuffer()));
		expect(notice.slice(-2)).toEqual(['青岚盟政务公开办公室', '2026年11月23日']);

		const audit = await db.selectFrom('audit_log').selectAll().where('action', '=', 'export').orderBy('id').execute();
		expect(audit.length - before).toBe(cases.length + 1);
		const first = audit[before];
		expect(first).toMatchObject({ user_id: admin.id, username: 'boss', entity: 'round', entity_id: id, ip: '10.0.0.8' });
		expect(JSON.parse(first.after!)).toEqual({ format: 'xlsx', file: '考核结果_2019.xlsx' });
		expect(JSON.parse(audit[before + 2].after!)).toMatchObject({ format: 'zip', file: '整改通知_2019.zip', below: 60 });
	});

	it('the JSON API returns the RoundResults shape and is audited; the round list has the ids', async () => {
		const res = await call('json', admin, { id: String(seed.roundId) });
		expect(res.headers.get('content-type')).toContain('application/json');
		const body = (await res.json()) as RoundResults;
		expect(body.round).toMatchObject({ id: seed.roundId, period: '2019', status: 'review' });
		expect(body.agencies).toHaveLength(6);
		expect(body.missing.map((m) => m.agencyName)).toEqual([seed.missingName]);
		expect(body.generatedBy).toBe('boss显示名');
		const last = await db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
		expect(JSON.parse(last.after!)).toEqual({ format: 'json', file: '考核结果_2019.json' });

		const list = (await (await call('list', evaluator, {})).json()) as { id: number; name: string; period: string; status: string }[];
		expect(list.map((x) => x.period)).toEqual(['2020', '2019']);
		expect(list[1]).toEqual({ id: seed.roundId, name: '2019年度政务公开考核', period: '2019', status: 'review' });
		// agency users may list rounds, but only those open to them or published (issue 14): not the round in review
		expect(await (await call('list', own, {})).json()).toEqual([{ id: seed.emptyRoundId, name: '2020年度政务公开考核', period: '2020', status: 'open' }]);
	});

	it('404 for an unknown round, 409 for a round with nothing scored, 400 for a bad query', async () => {
		expect(await failure(call('xlsx', admin, { id: '99999' }))).toEqual({ status: 404, message: '考核轮次不存在' });
		expect(await failure(call('ranking', admin, { id: 'abc' }))).toEqual({ status: 404, message: '考核轮次不存在' });
		expect(await failure(call('xlsx', admin, { id: String(seed.emptyRoundId) }))).toEqual({
			status: 409,
			message: '该轮次尚无已评分的报告，无法导出'
		});
		expect(await failure(call('json', admin, { id: String(seed.emptyRoundId) }))).toMatchObject({ status: 409 });
		expect(await failure(call('zip', admin, { id: String(seed.roundId) }, 'below=abc'))).toMatchObject({ status: 400 });
		expect(await failure(call('zip', admin, { id: String(seed.roundId) }, 'below=1'))).toMatchObject({ status: 409 });
		expect(await failure(call('notice', admin, { id: String(seed.roundId) }, 'date=someday'))).toMatchObject({ status: 400 });
	});

	it('only export.all may take round-wide exports', async () => {
		for (const name of ['xlsx', 'notice', 'zip', 'ranking', 'indicators', 'json']) {
			expect(await failure(call(name, evaluator, { id: String(seed.roundId) })), name).toMatchObject({ status: 403 });
			expect(await failure(call(name, own, { id: String(seed.roundId) })), name).toMatchObject({ status: 403 });
			expect(await failure(call(name, null, { id: String(seed.roundId) })), name).toMatchObject({ status: 401 });
		}
	});

	it('an agency user gets only its own rectification notice, only once the round is published', async () => {
		const id = String(seed.roundId);
		const mine = String(seed.override.agencyId);
		const other = String([...seed.reported.keys()].find((k) => k !== seed.override.agencyId));
		expect(await failure(call('one', own, { id, agencyId: mine }))).toMatchObject({ status: 403, message: '该轮次考核结果尚未发布，暂不能下载整改通知书' });
		expect(await failure(call('one', own, { id, agencyId: other }))).toMatchObject({ status: 403, message: '您没有权限执行此操作' });
		// Another agency of an unknown round: still 403, nothing revealed.
		expect(await failure(call('one', own, { id: '99999', agencyId: other }))).toMatchObject({ status: 403 });
		expect(await failure(call('one', evaluator, { id, agencyId: mine }))).toMatchObject({ status: 403 });

		// Staff may download any agency's notice before publication.
		const staff = await call('one', admin, { id, agencyId: other });
		expect(disposition(staff)).toBe(`整改通知_${seed.reported.get(Number(other))!.replace(/"/g, '_')}_2019.docx`);

		await db.updateTable('rounds').set({ status: 'published' }).where('id', '=', seed.roundId).execute();
		const res = await call('one', own, { id, agencyId: mine });
		expect(res.status).toBe(200);
		const name = seed.reported.get(seed.override.agencyId)!;
		expect(disposition(res)).toBe(`整改通知_${name}_2019.docx`);
		const paras = docxParagraphs(new Uint8Array(await res.arrayBuffer()));
		expect(paras).toContain(`${name}：`);
		expect(paras.join('\n')).not.toContain('仅供审核');
		expect(await failure(call('one', own, { id, agencyId: other }))).toMatchObject({ status: 403 });
		// The agency that did not report has no notice to give.
		const silent = await agencies.findAgencyByName(db, seed.missingName);
		expect(await failure(call('one', admin, { id, agencyId: String(silent!.id) }))).toMatchObject({ status: 409 });
		expect(await failure(call('one', admin, { id, agencyId: '777777' }))).toMatchObject({ status: 404 });

		const last = await db.selectFrom('audit_log').selectAll().where('action', '=', 'export').orderBy('id', 'desc').executeTakeFirstOrThrow();
		expect(last).toMatchObject({ username: 'dept', entity_id: id });
		expect(JSON.parse(last.after!)).toEqual({ format: 'docx', file: `整改通知_${name}_2019.docx`, agencyId: seed.override.agencyId });
	});
});

// Each spawn starts tsx afresh (seconds on a busy 2-core machine): generous timeouts.
describe('zwgk export', { timeout: 120_000 }, () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zwgk-export-'));
	const dbFile = path.join(dir, 'cli.db');
	afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

	function zwgk(args: string[]) {
		const r = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'src/lib/cli/main.ts', ...args], {
			cwd: ROOT,
			env: { ...process.env, DATABASE_URL: dbFile, DEMO: '0', ZWGK_ISSUER: '青岚盟政务公开办公室' },
			encoding: 'utf8'
		});
		return { code: r.status, stdout: r.stdout, stderr: r.stderr };
	}

	beforeAll(() => {
		const reports = path.join(dir, 'reports');
		fs.mkdirSync(reports);
		demoAgencies(40, 2)
			.slice(0, 4)
			.forEach((a, i) => {
				const g = generateReport({ agency: a, year: 2019, seed: 300 + i, quality: 0.3 + 0.2 * i, type: 'annual_report' });
				fs.writeFileSync(path.join(reports, `${i}.txt`), g.text);
			});
		expect(zwgk(['rounds', 'add', '2019年度政务公开考核', '--period', '2019']).code).toBe(0);
		const imp = zwgk(['import', '--create-agencies', reports]);
		expect(imp.stdout).toContain('已导入 4');
		expect(zwgk(['rounds', 'add', '2020年度政务公开考核', '--period', '2020']).code).toBe(0);
	}, 120_000);

	it('writes the workbook of a round with the four sheets, and audits it', async () => {
		const out = path.join(dir, 'out', '结果.xlsx');
		const r = zwgk(['export', '--round', '1', '--format', 'xlsx', '--out', out]);
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		expect(r.stdout).toContain('已导出 2019年度政务公开考核（xlsx）');
		expect(r.stdout).toContain('4 家单位');
		const wb = await readWorkbook(new Uint8Array(fs.readFileSync(out)));
		expect(wb.worksheets.map((w) => w.name)).toEqual(['排名', '指标得分', '缺失项', '说明']);
		expect(wb.getWorksheet('排名')!.actualRowCount).toBe(5);
		const { openDatabase } = await import('../../src/lib/server/db/connect');
		const db = await openDatabase(dbFile);
		const audit = await db.selectFrom('audit_log').selectAll().where('action', '=', 'export').execute();
		await db.destroy();
		expect(audit).toHaveLength(1);
		expect(audit[0]).toMatchObject({ username: 'cli', entity: 'round', entity_id: '1' });
		expect(JSON.parse(audit[0].after!)).toEqual({ format: 'xlsx', file: '结果.xlsx' });
	});

	it('writes docx, csv and json files that hold the results', () => {
		const docx = path.join(dir, 'n.docx');
		expect(zwgk(['export', '--round', '1', '--format', 'docx', '--out', docx, '--date', '2026-11-23']).code).toBe(0);
		const paras = docxParagraphs(new Uint8Array(fs.readFileSync(docx)));
		expect(paras[0]).toBe('关于2019年度政务公开考核结果的通报');
		expect(paras.slice(-2)).toEqual(['青岚盟政务公开办公室', '2026年11月23日']);
		const csv = path.join(dir, 'r.csv');
		expect(zwgk(['export', '--round', '1', '--format', 'csv', '--out', csv]).code).toBe(0);
		const bytes = fs.readFileSync(csv);
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		expect(parseCsv(bytes.toString('utf8').slice(1))).toHaveLength(5);
		const json = path.join(dir, 'r.json');
		expect(zwgk(['export', '--round', '1', '--format', 'json', '--out', json]).code).toBe(0);
		const parsed = JSON.parse(fs.readFileSync(json, 'utf8')) as RoundResults;
		expect(parsed.round.period).toBe('2019');
		expect(parsed.agencies).toHaveLength(4);
	});

	it('refuses a bad format, a missing --out, an unknown round and an empty round with a message', () => {
		const bad = zwgk(['export', '--format', 'pdf', '--out', path.join(dir, 'x.pdf')]);
		expect(bad.code).toBe(1);
		expect(bad.stderr).toContain('导出格式无效：“pdf”');
		expect(bad.stderr).not.toMatch(/at .*\.ts:\d+/);
		const noOut = zwgk(['export', '--format', 'xlsx']);
		expect(noOut.code).toBe(1);
		expect(noOut.stderr).toContain('缺少 --out');
		const unknown = zwgk(['export', '--round', '42', '--format', 'xlsx', '--out', path.join(dir, 'y.xlsx')]);
		expect(unknown.code).toBe(1);
		expect(unknown.stderr).toContain('考核轮次 42 不存在');
		// Without --round the latest round (2020) is taken: it has nothing scored.
		const latest = zwgk(['export', '--format', 'xlsx', '--out', path.join(dir, 'z.xlsx')]);
		expect(latest.code).toBe(1);
		expect(latest.stderr).toContain('该轮次尚无已评分的报告，无法导出');
		expect(fs.existsSync(path.join(dir, 'x.pdf')) || fs.existsSync(path.join(dir, 'y.xlsx')) || fs.existsSync(path.join(dir, 'z.xlsx'))).toBe(false);
	});
});
