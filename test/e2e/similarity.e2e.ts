/**
 * Reuse (issue 15) on the demo data, whose last round has planted copies: the overview lists the
 * reports above the thresholds; from a report page the side-by-side view opens with both texts,
 * the shared passages and the changed words marked, and what was left out listed. Screenshot:
 * test-results/screens/similarity.png.
 */
import { expect, test } from '@playwright/test';
import { consoleErrors } from './pages/dashboard-pages';
import { ADMIN, LoginPage } from './pages/login-page';

test.beforeEach(async ({ page }) => {
	const login = new LoginPage(page);
	await login.goto();
	await login.signIn(ADMIN.username, ADMIN.password);
	await expect(page).toHaveURL(/\/$/);
});

test('the side-by-side reuse view opens from the report page', async ({ page }) => {
	const errors = consoleErrors(page);
	await page.goto('/');
	const list = page.getByTestId('reuse-list');
	await expect(list.getByRole('heading', { name: '重复率超过阈值的报告' })).toBeVisible();
	const first = list.locator('li').filter({ hasText: '与上一轮重复' }).first();
	await expect(first).toBeVisible();
	await list.screenshot({ path: 'test-results/screens/reuse-list.png' });
	// the report page of the flagged agency, then its reuse link
	await first.locator('a').first().click();
	await expect(page).toHaveURL(/\/reports\/\d+$/);
	await page.getByTestId('similarity-link').click();
	await expect(page).toHaveURL(/\/reports\/\d+\/similarity$/);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('重复率比对');
	// the figure, above its threshold, and the pair's shares
	await expect(page.getByTestId('sim-previous')).toContainText(/\d+\.\d%/);
	await expect(page.getByTestId('sim-previous')).toContainText('超过阈值 50.0%');
	await expect(page.getByTestId('sim-pair')).toContainText('的内容见于右侧报告');
	// both texts, shared passages and changed words (the years moved on) marked
	await expect(page.locator('article.side')).toHaveCount(2);
	expect(await page.locator('article.side').first().locator('mark[data-kind="shared"]').count()).toBeGreaterThan(3);
	const changed = page.locator('article.side').first().locator('mark[data-kind="changed"]');
	expect(await changed.count()).toBeGreaterThan(0);
	await expect(changed.first()).toHaveText(/20\d\d|\d/);
	// what was left out, with its reason
	await expect(page.getByText(/格式规定的标准文字 \d+ 字/)).toBeVisible();
	await page.screenshot({ path: 'test-results/screens/similarity.png', fullPage: false });
	await page.locator('article.side').first().scrollIntoViewIfNeeded();
	await page.screenshot({ path: 'test-results/screens/similarity-texts.png', fullPage: false });
	// another comparison from the choices: the URL says which
	const other = page.getByRole('navigation', { name: '比对对象' }).locator('a:not([aria-current])').first();
	if ((await other.count()) > 0) {
		await other.click();
		await expect(page).toHaveURL(/similarity\?with=\d+/);
		await expect(page.locator('article.side')).toHaveCount(2);
	}
	expect(errors).toEqual([]);
});
