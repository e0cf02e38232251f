/**
 * Issue 14 daily comforts: an evaluator reads the audit log with names and Beijing times; an
 * administrator creates agency accounts from a list and gets the passwords as a file (the printed
 * rankings: print.e2e.ts, on the demo data). Screenshots under test-results/screens/.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, test, type Page } from '@playwright/test';
import { E2E_AGENCIES, E2E_PASSWORD, E2E_USERS } from './pages/fixtures';
import { ADMIN, LoginPage } from './pages/login-page';

test.describe.configure({ mode: 'serial' });

async function signIn(page: Page, username: string, password: string): Promise<void> {
	await page.context().clearCookies();
	const login = new LoginPage(page);
	await login.goto();
	await login.signIn(username, password);
	await expect(page).not.toHaveURL(/\/login/);
}

const beijing = (iso: string) => {
	const p = Object.fromEntries(
		new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
			.formatToParts(new Date(iso))
			.map((x) => [x.type, x.value])
	);
	return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
};

test('an evaluator reads the audit log: names, actions in words, Beijing times', async ({ page }) => {
	await signIn(page, E2E_USERS.evaluator.username, E2E_PASSWORD);
	await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '审计日志', exact: true }).click();
	await expect(page).toHaveURL(/\/audit$/);
	const table = page.getByRole('table', { name: '审计记录' });
	await expect(table.locator('thead')).toContainText('时间（北京时间）');
	// The seed's import: the report by agency and file name in its round, not "report #1".
	const imp = table.locator('tbody tr', { hasText: '导入报告' }).first();
	await expect(imp).toContainText(`${E2E_AGENCIES[1].name} · 另一单位报告.txt（E2E 2024年度考核）`);
	await expect(imp).toContainText(`单位：${E2E_AGENCIES[1].name}`);
	await expect(imp).not.toContainText('agencyId');
	await expect(imp).not.toContainText('{');
	// The evaluator's own sign-in, by display name, at a Beijing time.
	const login = table.locator('tbody tr', { hasText: '登录' }).filter({ hasText: E2E_USERS.evaluator.username }).first();
	await expect(login).toContainText(`${E2E_USERS.evaluator.display}（${E2E_USERS.evaluator.username}）`);
	const time = login.locator('time');
	const iso = (await time.getAttribute('datetime')) ?? '';
	await expect(time).toHaveText(beijing(iso));
	fs.mkdirSync('test-results/screens', { recursive: true });
	await page.screenshot({ path: 'test-results/screens/audit-log.png', fullPage: true });
});

test('an administrator creates agency accounts from a list and downloads the passwords once', async ({ page }) => {
	await signIn(page, ADMIN.username, ADMIN.password);
	await page.goto('/users');
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet('名单');
	ws.addRow(['单位', '用户名', '姓名']);
	ws.addRow([E2E_AGENCIES[0].name, 'bulk-one', '联络员甲']);
	ws.addRow([E2E_AGENCIES[1].name, 'bulk-two', '联络员乙']);
	ws.addRow(['青岚盟并不存在局', 'bulk-three', '']);
	const list = Buffer.from(await wb.xlsx.writeBuffer());
	const section = page.locator('section', { has: page.getByRole('heading', { name: '批量创建单位账号' }) });
	await section.getByLabel('账号名单').setInputFiles({ name: '账号名单.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: list });
	await section.getByRole('button', { name: '检查并创建' }).click();
	// The unknown agency is reported and nothing is created.
	await expect(section.getByRole('alert')).toContainText('未创建任何账号');
	await expect(section.getByRole('list', { name: '名单中的问题' })).toContainText('青岚盟并不存在局');
	await expect(page.getByRole('table', { name: '用户列表' })).not.toContainText('bulk-one');
	// Skip the bad row: two accounts, and the passwords as a file.
	await section.getByLabel('账号名单').setInputFiles({ name: '账号名单.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: list });
	await section.getByLabel('跳过有问题的行').check();
	await section.getByRole('button', { name: '检查并创建' }).click();
	await expect(section.getByRole('status')).toContainText('已创建 2 个单位账号');
	const [download] = await Promise.all([page.waitForEvent('download'), section.getByRole('link', { name: /下载初始密码/ }).click()]);
	expect(download.suggestedFilename()).toBe('单位账号初始密码.xlsx');
	const back = new ExcelJS.Workbook();
	await back.xlsx.load(fs.readFileSync(await download.path()) as unknown as ArrayBuffer);
	const sheet = back.getWorksheet('初始密码')!;
	const rows = [2, 3].map((i) => sheet.getRow(i).values as string[]);
	expect(rows.map((r) => [r[1], r[2]])).toEqual([
		[E2E_AGENCIES[0].name, 'bulk-one'],
		[E2E_AGENCIES[1].name, 'bulk-two']
	]);
	await page.screenshot({ path: 'test-results/screens/bulk-accounts.png', fullPage: true });
	// The password from the file signs the new agency user in.
	await signIn(page, 'bulk-one', String(rows[0][4]));
	await expect(page).toHaveURL(/\/submit$/);
	await expect(page.getByText('联络员甲')).toBeVisible();
});
