/**
 * Agency accounts in bulk (issue 14): a list read from xlsx and csv, unknown agencies reported
 * (never created), nothing created while the list has problems, the passwords file read back and
 * its passwords checked against the stored hashes, the audit entry without any password.
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/connect';
import * as agencies from '../../src/lib/server/db/agencies';
import { createAgencyAccounts, passwordsWorkbook, readAccountList } from '../../src/lib/server/auth/bulk-accounts';
import { verifyPassword } from '../../src/lib/server/auth/password';
import { withLocale } from '../../src/lib/i18n/with-locale';
import { freshDb } from './helpers';

let db: Database;
const actor = { id: 1, username: 'admin', ip: '127.0.0.1' };

async function xlsx(rows: (string | null)[][]): Promise<Uint8Array> {
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet('名单');
	for (const r of rows) ws.addRow(r);
	return new Uint8Array(await wb.xlsx.writeBuffer());
}

beforeAll(async () => {
	db = await freshDb();
	await agencies.insertAgency(db, { name: '青岚盟统计局', groupName: '盟直部门', region: null });
	await agencies.insertAgency(db, { name: '青岚盟财政局', groupName: '盟直部门', region: null, aliases: ['盟财政局'] });
	await agencies.insertAgency(db, { name: '白石旗人民政府', groupName: '旗县市区', region: null });
});

describe('bulk agency accounts', () => {
	it('reports unknown agencies and bad user names, and creates nothing while there are problems', async () => {
		const bytes = await xlsx([
			['单位', '用户名', '姓名'],
			['青岚盟统计局', 'tjj', '统计联络员'],
			['盟财政局', 'czj', null],
			['青岚盟不存在局', 'bcz', null],
			['白石旗人民政府', 'tjj', null],
			['白石旗人民政府', 'admin', null],
			['白石旗人民政府', 'a b', null]
		]);
		const list = await readAccountList(bytes, '名单.xlsx');
		expect(list.ok).toBe(true);
		if (!list.ok) return;
		expect(list.rows).toHaveLength(6);
		const before = await db.selectFrom('users').select('id').execute();
		const r = await withLocale('zh-CN', () => createAgencyAccounts(db, actor, list.rows, { fileName: '名单.xlsx' }));
		expect(r.created).toEqual([]);
		expect(r.problems.map((p) => [p.row, p.code])).toEqual([
			[4, 'unknown_agency'],
			[5, 'username_repeated'],
			[6, 'username_taken'],
			[7, 'username_invalid']
		]);
		expect(r.problems[0].message).toContain('青岚盟不存在局');
		expect(await db.selectFrom('users').select('id').execute()).toHaveLength(before.length);
		expect(await db.selectFrom('agencies').select('id').where('name', '=', '青岚盟不存在局').execute()).toHaveLength(0);
	});

	it('creates the good rows when asked to skip problems; the passwords file opens and its passwords sign in', async () => {
		const bytes = await xlsx([
			['单位名称', '账号', '姓名'],
			['青岚盟统计局', 'tjj', '统计联络员'],
			['盟财政局', 'czj', ''],
			['青岚盟不存在局', 'bcz', '']
		]);
		const list = await readAccountList(bytes, 'list.xlsx');
		if (!list.ok) throw new Error(list.message);
		const r = await createAgencyAccounts(db, actor, list.rows, { fileName: 'list.xlsx', skipProblems: true });
		expect(r.problems.map((p) => p.code)).toEqual(['unknown_agency']);
		expect(r.created.map((c) => [c.username, c.agencyName, c.displayName])).toEqual([
			['tjj', '青岚盟统计局', '统计联络员'],
			['czj', '青岚盟财政局', 'czj']
		]);
		const file = await passwordsWorkbook(r.created, '2026-11-23 10:30（北京时间）');
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(Buffer.from(file) as unknown as ArrayBuffer);
		const ws = wb.getWorksheet('初始密码')!;
		expect(ws.getRow(1).values).toEqual([undefined, '单位', '用户名', '姓名', '初始密码']);
		const back = [2, 3].map((i) => ws.getRow(i).values as (string | undefined)[]);
		expect(back.map((v) => [v[1], v[2]])).toEqual([
			['青岚盟统计局', 'tjj'],
			['青岚盟财政局', 'czj']
		]);
		for (const v of back) {
			const pw = String(v[4]);
			expect(pw).toMatch(/^[A-Za-z2-9]{12}$/);
			const u = await db.selectFrom('users').select(['password_hash', 'role', 'agency_id']).where('username', '=', String(v[2])).executeTakeFirstOrThrow();
			expect(u.role).toBe('agency');
			expect(await verifyPassword(u.password_hash, pw)).toBe(true);
		}
		expect(back[0][4]).not.toBe(back[1][4]);
		expect(String(wb.getWorksheet('说明')!.getRow(1).values)).toContain('北京时间');
		const audit = await db.selectFrom('audit_log').selectAll().where('action', '=', 'users_bulk_create').execute();
		expect(audit).toHaveLength(1);
		expect(JSON.parse(audit[0].after!)).toMatchObject({ file: 'list.xlsx', created: 2, usernames: ['tjj', 'czj'] });
		for (const v of back) expect(JSON.stringify(audit[0])).not.toContain(String(v[4]));
	});

	it('reads csv lists with English headers, and refuses a list without the two columns', async () => {
		const csv = new TextEncoder().encode('\uFEFFagency,username\r\n白石旗人民政府,bsq\r\n');
		const list = await readAccountList(csv, 'a.csv');
		expect(list).toEqual({ ok: true, rows: [{ row: 2, agencyName: '白石旗人民政府', username: 'bsq', displayName: '' }] });
		const bad = await withLocale('zh-CN', () => readAccountList(new TextEncoder().encode('单位\n青岚盟统计局\n'), 'b.csv'));
		expect(bad.ok).toBe(false);
		expect(await readAccountList(new Uint8Array([1, 2]), 'c.doc')).toMatchObject({ ok: false });
	});
});
