/**
 * Import through the web page (issue 4): a zip of the real reports in ../shared/corpus goes in with
 * per-file results and scores; the same zip again reports five duplicates. Skipped, saying why, when
 * the corpus is absent.
 */
import fs from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { expect, test } from '@playwright/test';
import { ADMIN, LoginPage } from './pages/login-page';

const corpus = path.resolve(process.cwd(), '../shared/corpus/reports');
const files = fs.existsSync(corpus) ? fs.readdirSync(corpus).filter((f) => f.endsWith('.txt')) : [];

test.skip(files.length === 0, `the real reports are not here (${corpus} is absent)`);

test('a zip of the corpus imports with scores, and again as five duplicates', async ({ page }) => {
	const zip = Buffer.from(zipSync(Object.fromEntries(files.map((f) => [`报告/${f}`, new Uint8Array(fs.readFileSync(path.join(corpus, f)))]))));
	const login = new LoginPage(page);
	await login.goto();
	await login.signIn(ADMIN.username, ADMIN.password);
	await expect(page).toHaveURL(/\/$/);
	await page.goto('/import');
	// A round of its own for these reports.
	await page.getByText('新建考核轮次').click();
	await page.getByLabel('名称').fill('语料导入测试轮次');
	await page.getByLabel('期间').fill('2019');
	await page.getByRole('button', { name: '创建' }).click();
	await expect(page.getByText('已创建考核轮次')).toBeVisible();
	await page.getByLabel('考核轮次').selectOption({ label: '语料导入测试轮次（报送中）' });
	await expect(page).toHaveURL(/round=\d+/);

	const input = page.getByLabel('选择报告文件');
	await input.setInputFiles({ name: 'corpus.zip', mimeType: 'application/zip', buffer: zip });
	const table = page.getByRole('table', { name: '导入结果' });
	await expect(table.locator('tbody tr')).toHaveCount(files.length, { timeout: 60_000 });
	for (const row of await table.locator('tbody tr').all()) {
		await expect(row).toContainText(/已导入|待指定单位/);
		await expect(row.locator('td.num')).toHaveText(/^\d+(\.\d+)? \/ \d+$/);
	}
	await page.screenshot({ path: 'test-results/screens/import.png', fullPage: true });

	// Assign the first unresolved report to a new agency through the picker.
	const pendingFile = await table.locator('tbody tr', { hasText: '待指定单位' }).first().locator('td.file').textContent().catch(() => null);
	const pending = table.locator('tbody tr', { hasText: pendingFile ?? '\u0000' });
	if (pendingFile) {
		await pending.getByLabel('指定单位').selectOption('new');
		await pending.getByLabel('新单位名称').fill('语料测试单位');
		await pending.getByRole('button', { name: '确定' }).click();
		await expect(pending).toContainText('语料测试单位');
	}

	await input.setInputFiles({ name: 'corpus.zip', mimeType: 'application/zip', buffer: zip });
	await expect(table.locator('tbody tr')).toHaveCount(files.length * 2, { timeout: 60_000 });
	await expect(table.locator('tbody tr', { hasText: '重复' })).toHaveCount(files.length);
	await expect(page.locator('.progress')).toContainText(`重复 ${files.length}`);
});

test('a file that is not a report is refused with its reason, the rest of the batch goes in', async ({ page }) => {
	const login = new LoginPage(page);
	await login.goto();
	await login.signIn(ADMIN.username, ADMIN.password);
	await expect(page).toHaveURL(/\/$/);
	await page.goto('/import');
	const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1024)]);
	await page.getByLabel('选择报告文件').setInputFiles([
		{ name: '旧格式.doc', mimeType: 'application/msword', buffer: ole },
		{ name: files[0] ?? 'x.txt', mimeType: 'text/plain', buffer: fs.readFileSync(path.join(corpus, files[0])) }
	]);
	const table = page.getByRole('table', { name: '导入结果' });
	await expect(table.locator('tbody tr')).toHaveCount(2, { timeout: 60_000 });
	await expect(table.locator('tbody tr', { hasText: '旧格式.doc' })).toContainText('不支持的文件格式');
	await expect(table.locator('tbody tr', { hasText: files[0] })).toContainText(/已导入|待指定单位|待核实|重复/);
});
