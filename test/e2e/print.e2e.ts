/**
 * Issue 14: the rankings print on the demo data (40 agencies): the print view has every row and no
 * controls, and printed to PDF (Chromium's page.pdf) it repeats the header on each page. The PDF
 * and a screenshot go to test-results/screens/ (turn the PDF into PNGs with pdftoppm to look at it).
 */
import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { ADMIN, LoginPage } from './pages/login-page';

test('the rankings print: every row, no controls, the header on each page', async ({ page }) => {
	const login = new LoginPage(page);
	await login.goto();
	await login.signIn(ADMIN.username, ADMIN.password);
	await expect(page).toHaveURL(/\/$/);
	await page.goto('/rankings');
	await page.getByRole('link', { name: '打印', exact: true }).click();
	await expect(page).toHaveURL(/print=1/);
	const table = page.getByRole('table', { name: '排名表' });
	await expect(table).toBeVisible();
	const rows = await table.locator('tbody tr').count();
	expect(rows).toBeGreaterThan(30); // the demo round: every agency, not one page of them
	await expect(table.locator('a, select, input, button')).toHaveCount(0);
	await expect(page.getByText(/共 \d+ 家单位/)).toContainText(String(rows));
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByRole('button', { name: '打印' })).toBeHidden();
	await expect(page.getByRole('navigation', { name: '主导航' })).toBeHidden();
	fs.mkdirSync('test-results/screens', { recursive: true });
	await page.screenshot({ path: 'test-results/screens/rankings-print.png', fullPage: true });
	const pdf = await page.pdf({ printBackground: true, preferCSSPageSize: true });
	fs.writeFileSync('test-results/screens/rankings-print.pdf', pdf);
	// More than one page, and every page starts with the header row (thead repeated).
	const text = pdf.toString('latin1');
	const pages = (text.match(/\/Type\s*\/Page[^s]/g) ?? []).length;
	expect(pages).toBeGreaterThan(1);
	await page.emulateMedia({ media: 'screen' });
});
