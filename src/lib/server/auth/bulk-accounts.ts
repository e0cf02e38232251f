/**
 * Agency accounts in bulk (issue 14): an administrator uploads a list (xlsx or csv: 单位, 用户名,
 * optionally 姓名), every row is checked first — the agency must already be in the registry (by
 * name, alias or the same name written differently; never created here), the user name valid and
 * free — and then all accounts are created in one transaction with generated passwords. The
 * passwords leave the server once, in the workbook the caller hands out; the audit entry names the
 * accounts, never a password.
 */
import { randomInt } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { Database } from '../db/connect';
import { appendAudit } from '../db/audit';
import * as agencies from '../db/agencies';
import * as users from '../db/users';
import { AgencyIndex } from '../import/resolve-agency';
import { readSheetTable } from '../import/agency-list';
import { hashPassword } from './password';
import { MAX_DISPLAY_NAME_LENGTH, USERNAME_RE, type Actor } from './user-admin';
import { m } from '../../paraglide/messages.js';

export interface AccountRow {
	/** the row in the file (the header is row 1) */
	row: number;
	agencyName: string;
	username: string;
	displayName: string;
}

export type AccountProblemCode = 'unknown_agency' | 'no_agency' | 'no_username' | 'username_invalid' | 'username_taken' | 'username_repeated' | 'name_too_long';

export interface AccountProblem {
	row: number;
	code: AccountProblemCode;
	/** in the request's language */
	message: string;
}

export interface CreatedAccount {
	id: number;
	username: string;
	displayName: string;
	agencyId: number;
	agencyName: string;
	/** the generated password: only in the result, never stored or logged */
	password: string;
}

export type ListResult = { ok: true; rows: AccountRow[] } | { ok: false; message: string };

const COLUMNS = {
	agency: /^(单位|单位名称|所属单位|机关|agency|agency name)$/i,
	username: /^(用户名|账号|帐号|登录名|username|user name|login)$/i,
	displayName: /^(姓名|显示名|显示名称|联系人|name|display name)$/i
};

function toRows(table: string[][]): ListResult {
	if (table.length === 0) return { ok: false, message: m.ix_list_no_data() };
	const header = table[0].map((h) => h.trim());
	const col = (re: RegExp) => header.findIndex((h) => re.test(h));
	const a = col(COLUMNS.agency);
	const u = col(COLUMNS.username);
	const d = col(COLUMNS.displayName);
	if (a < 0 || u < 0) return { ok: false, message: m.ba_columns() };
	const rows = table
		.slice(1)
		.map((cells, i) => ({ row: i + 2, agencyName: (cells[a] ?? '').trim(), username: (cells[u] ?? '').trim(), displayName: d >= 0 ? (cells[d] ?? '').trim() : '' }))
		.filter((r) => r.agencyName || r.username || r.displayName);
	if (rows.length === 0) return { ok: false, message: m.ix_list_no_data() };
	return { ok: true, rows };
}

/** Reads the list from .xlsx (first sheet) or .csv (UTF-8, GBK… detected). */
export async function readAccountList(bytes: Uint8Array, fileName: string): Promise<ListResult> {
	const t = await readSheetTable(bytes, fileName, m.ba_format);
	return t.ok ? toRows(t.table) : t;
}

/** No 0/O, 1/l/I: a password read off paper is typed right. */
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A 12-character password from the CSPRNG. */
export function generatePassword(length = 12): string {
	let s = '';
	for (let i = 0; i < length; i++) s += ALPHABET[randomInt(ALPHABET.length)];
	return s;
}

/**
 * Checks every row and, when none has a problem (or `skipProblems` is set), creates the accounts
 * of the good rows in one transaction. Returns the created accounts with their passwords and
 * every problem; nothing is created when there are problems and `skipProblems` is not set.
 */
export async function createAgencyAccounts(
	db: Database,
	actor: Actor,
	rows: AccountRow[],
	opts: { fileName: string; skipProblems?: boolean }
): Promise<{ created: CreatedAccount[]; problems: AccountProblem[] }> {
	const index = new AgencyIndex(
		(await agencies.listAgencies(db, { activeOnly: true })).map((a) => ({ id: a.id, name: a.name, region: a.region })),
		await agencies.listAliases(db)
	);
	const names = new Map((await agencies.listAgencies(db)).map((a) => [a.id, a.name]));
	const taken = new Set((await db.selectFrom('users').select('username').execute()).map((u) => u.username.toLowerCase()));
	const seen = new Map<string, number>();
	const problems: AccountProblem[] = [];
	const good: (AccountRow & { agencyId: number })[] = [];
	for (const r of rows) {
		const p = (code: AccountProblemCode, message: string) => problems.push({ row: r.row, code, message });
		const before = problems.length;
		let agencyId: number | null = null;
		if (!r.agencyName) p('no_agency', m.ba_no_agency({ row: r.row }));
		else {
			const res = index.resolve(r.agencyName);
			// A suffix match (县应急管理局 → 某县应急管理局) is a guess: an account is never attached by a guess.
			if (res.ok && res.how !== 'suffix') agencyId = res.agencyId;
			else p('unknown_agency', m.ba_unknown_agency({ row: r.row, name: r.agencyName }));
		}
		const key = r.username.toLowerCase();
		if (!r.username) p('no_username', m.ba_no_username({ row: r.row }));
		else if (!USERNAME_RE.test(r.username)) p('username_invalid', m.ba_username_invalid({ row: r.row, username: r.username }));
		else if (taken.has(key)) p('username_taken', m.ba_username_taken({ row: r.row, username: r.username }));
		else if (seen.has(key)) p('username_repeated', m.ba_username_repeated({ row: r.row, username: r.username, first: seen.get(key)! }));
		if (r.displayName.length > MAX_DISPLAY_NAME_LENGTH) p('name_too_long', m.ba_name_too_long({ row: r.row, max: MAX_DISPLAY_NAME_LENGTH }));
		if (r.username && !seen.has(key)) seen.set(key, r.row);
		if (problems.length === before && agencyId != null) good.push({ ...r, agencyId });
	}
	if (problems.length > 0 && !opts.skipProblems) return { created: [], problems };
	if (good.length === 0) return { created: [], problems };

	const withPasswords = await Promise.all(good.map(async (r) => ({ ...r, password: generatePassword(), hash: '' })));
	for (const r of withPasswords) r.hash = await hashPassword(r.password);
	const created: CreatedAccount[] = [];
	await db.transaction().execute(async (trx) => {
		const now = new Date().toISOString();
		for (const r of withPasswords) {
			const id = await users.insertUser(trx, {
				username: r.username,
				display_name: r.displayName || r.username,
				role: 'agency',
				agency_id: r.agencyId,
				password_hash: r.hash,
				created_at: now
			});
			created.push({ id, username: r.username, displayName: r.displayName || r.username, agencyId: r.agencyId, agencyName: names.get(r.agencyId) ?? r.agencyName, password: r.password });
		}
		await appendAudit(trx, {
			userId: actor.id,
			username: actor.username,
			action: 'users_bulk_create',
			entity: 'user',
			after: { file: opts.fileName, created: created.length, skipped: problems.length, usernames: created.map((c) => c.username) },
			ip: actor.ip ?? null
		});
	});
	return { created, problems };
}

export const PASSWORDS_FILE_NAME = '单位账号初始密码.xlsx';

/** The one copy of the passwords: a workbook 单位 / 用户名 / 姓名 / 初始密码, and a note to change them. */
export async function passwordsWorkbook(created: CreatedAccount[], at: string): Promise<Uint8Array> {
	const wb = new ExcelJS.Workbook();
	wb.creator = '政务公开考评台';
	wb.created = new Date();
	const ws = wb.addWorksheet('初始密码', { views: [{ state: 'frozen', ySplit: 1 }] });
	ws.columns = [
		{ header: '单位', key: 'agency', width: 36 },
		{ header: '用户名', key: 'username', width: 20 },
		{ header: '姓名', key: 'name', width: 16 },
		{ header: '初始密码', key: 'password', width: 18 }
	];
	ws.getRow(1).font = { bold: true };
	for (const c of created) ws.addRow({ agency: c.agencyName, username: c.username, name: c.displayName, password: c.password });
	ws.getColumn('password').font = { name: 'Consolas' };
	const note = wb.addWorksheet('说明');
	note.getColumn(1).width = 90;
	for (const line of [
		`生成时间：${at}`,
		'本文件是初始密码的唯一副本，系统不保存明文密码，也无法再次生成本文件。',
		'请将每个单位的账号和初始密码分别交给该单位，分发后删除本文件。',
		'单位用户首次登录后请在“账户”页面修改密码。忘记密码时由系统管理员在“用户”页面重置。'
	])
		note.addRow([line]);
	return new Uint8Array(await wb.xlsx.writeBuffer());
}
