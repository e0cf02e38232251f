/**
 * Dashboards on the demo data (issue 5): every page renders its charts, a ranking click reaches the
 * agency, a heatmap click reaches the report at that indicator, an override changes the total and is
 * audited. Screenshots of each page are saved under test-results/screens/.
 */
import { expect, test } from '@playwright/test';
import { chartsReady, consoleErrors } from './pages/dashboard-pages';
import { ADMIN, LoginPage } from './pages/login-page';

test.beforeEach(async ({ page }) => {
	const login = new LoginPage(page);
	await login.goto();
	await login.signIn(ADMIN.username, ADMIN.password);
	await expect(page).toHaveURL(/\/$/);
});

test('the overview shows submissions, averages and four charts', async ({ page }) => {
	const errors = consoleErrors(page);
	await page.goto('/');
	await expect(page.getByText('已报送 / 应报送')).toBeVisible();
	await expect(page.locator('.stat .value').first()).toHaveText(/^\d+ \/ \d+$/);
	await chartsReady(page, 3);
	await page.screenshot({ path: 'test-results/screens/overview.png', fullPage: true });
	expect(errors).toEqual([]);
});

test('rankings: a sortable table and a bar chart; one click reaches the agency', async ({ page }) => {
	const errors = consoleErrors(page);
	await page.goto('/rankings');
	const rows = page.getByRole('table', { name: '排名表' }).locator('tbody tr');
	expect(await rows.count()).toBeGreaterThan(10);
	await chartsReady(page, 1);
	await page.screenshot({ path: 'test-results/screens/rankings.png', fullPage: true });
	// Filter by group: the URL keeps the filter and every row belongs to it.
	await page.getByLabel('分组').selectOption('旗县市区');
	await expect(page).toHaveURL(/group=/);
	await expect(rows.first()).toContainText('旗县市区');
	const name = (await rows.first().locator('td').nth(1).locator('a').textContent())?.trim() ?? '';
	await rows.first().locator('td').nth(1).locator('a').click();
	await expect(page).toHaveURL(/\/agencies\/\d+/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
	await chartsReady(page, 2);
	await expect(page.getByRole('heading', { name: '整改清单' })).toBeVisible();
	await page.screenshot({ path: 'test-results/screens/agency.png', fullPage: true });
	expect(errors).toEqual([]);
});

test('gaps: a heatmap click opens the report at that indicator with its evidence', async ({ page }) => {
	const errors = consoleErrors(page);
	await page.goto('/gaps');
	await chartsReady(page, 2);
	await page.screenshot({ path: 'test-results/screens/gaps.png', fullPage: true });
	const heat = page.locator('[data-chart-ready="true"]').first();
	const box = await heat.boundingBox();
	if (!box) throw new Error('heatmap has no box');
	// The middle of the heatmap is inside its grid of cells.
	await page.mouse.click(box.x + box.width * 0.55, box.y + box.height * 0.4);
	await expect(page).toHaveURL(/\/reports\/\d+\?indicator=[a-z]+\.[a-z]+/);
	const indicator = new URL(page.url()).searchParams.get('indicator') ?? '';
	await expect(page.locator(`#ind-${indicator.replace('.', '\\.')} button[aria-pressed="true"]`)).toBeVisible();
	// Open an indicator the report meets: its evidence is highlighted in the text.
	const met = page.locator('li.ind', { hasText: '✓ 达标' }).first();
	await met.locator('button.title').click();
	await expect(page.locator('article span.on').first()).toBeVisible();
	await page.screenshot({ path: 'test-results/screens/report.png', fullPage: false });
	expect(errors).toEqual([]);
});

test('trends and compare render their charts', async ({ page }) => {
	const errors = consoleErrors(page);
	await page.goto('/trends');
	await chartsReady(page, 3);
	await page.screenshot({ path: 'test-results/screens/trends.png', fullPage: true });
	await page.goto('/agencies');
	const first = page.getByRole('table', { name: '单位列表' }).locator('tbody tr a').first();
	const href = (await first.getAttribute('href')) ?? '';
	const id = href.split('/').pop();
	await page.goto(`/compare?mode=rounds&a=${id}`);
	await expect(page.getByRole('heading', { name: '对比' })).toBeVisible();
	await page.screenshot({ path: 'test-results/screens/compare.png', fullPage: true });
	expect(errors).toEqual([]);
});

test('an evaluator override changes the total and is recorded in the audit log', async ({ page }) => {
	// The newest demo round is in review, so its reports can be overridden.
	await page.goto('/rankings');
	await page.getByRole('table', { name: '排名表' }).locator('tbody tr td:nth-child(2) a').first().click();
	await page.getByRole('link', { name: /查看报告原文与依据/ }).click();
	await expect(page).toHaveURL(/\/reports\/\d+/);
	const before = Number((await page.locator('.score .big').textContent())?.split('/')[0].trim());
	const metId = await page.locator('li.ind', { hasText: '✓ 达标' }).first().getAttribute('id');
	const card = page.locator(`li#${(metId ?? '').replace('.', '\\.')}`);
	const name = (await card.locator('.name').textContent())?.trim() ?? '';
	await card.locator('button.title').click();
	await card.getByRole('button', { name: '调整等级…' }).click();
	await card.getByLabel(/✗ 缺失/).check();
	await card.getByLabel(/理由/).fill('经人工复核，报告所述内容未体现已完成的具体工作');
	await card.getByRole('button', { name: '保存调整' }).click();
	await expect(card.getByText('已保存，总分与排名已更新。')).toBeVisible();
	await expect(card.locator('.tag').first()).toContainText('缺失');
	const after = Number((await page.locator('.score .big').textContent())?.split('/')[0].trim());
	expect(after).toBeLessThan(before);
	await expect(page.getByRole('heading', { name: '人工调整记录' })).toBeVisible();
	await expect(page.locator('table').filter({ hasText: '经人工复核' })).toContainText(name);
	await page.goto('/audit');
	const entry = page.locator('table tbody tr', { hasText: '经人工复核，报告所述内容未体现已完成的具体工作' }).first();
	await expect(entry).toContainText('调整评分');
	await expect(entry).toContainText('e2e-admin');
});

test('the export buttons download files with their Chinese names', async ({ page }) => {
	await page.goto('/rankings');
	const period = (await page.getByLabel('考核轮次').locator('option:checked').textContent())?.match(/(\d{4})/)?.[1];
	for (const [link, name] of [
		['Excel', `考核结果_${period}.xlsx`],
		['通报(Word)', `考核结果通报_${period}.docx`],
		['CSV', `排名_${period}.csv`]
	] as const) {
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: link, exact: true }).click()]);
		expect(download.suggestedFilename()).toBe(name);
		const file = await download.path();
		expect(file).toBeTruthy();
	}
	await page.getByRole('table', { name: '排名表' }).locator('tbody tr td:nth-child(2) a').first().click();
	const [docx] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /整改通知/ }).click()]);
	expect(docx.suggestedFilename()).toMatch(new RegExp(`^整改通知_.+_${period}\\.docx$`));
});

test('in English the charts, a report\'s warnings and its table checks are English too', async ({ page, context, baseURL }) => {
	const errors = consoleErrors(page);
	await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'en', url: baseURL ?? 'http://localhost' }]);
	await page.goto('/gaps');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Missing items');
	await chartsReady(page, 2);
	// ECharts writes the builder's aria description onto the chart box: the level counts, in English.
	await expect(page.locator('div.echart[aria-label*="Levels of"]')).toHaveCount(1);
	await expect(page.locator('div.echart[aria-label*="missing"]').first()).toBeVisible();
	await page.screenshot({ path: 'test-results/screens/en-gaps.png', fullPage: true });

	// An annual report with the statistics tables: the identity check reads in English.
	await page.goto(`/reports?q=${encodeURIComponent('年度报告')}`);
	const links = page.locator('table tbody tr td a[href^="/reports/"]');
	const hrefs = (await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).filter((h): h is string => !!h).slice(0, 8);
	expect(hrefs.length).toBeGreaterThan(0);
	let checked = false;
	for (const href of hrefs) {
		await page.goto(href);
		if ((await page.getByRole('heading', { name: 'Statistics tables' }).count()) === 0) continue;
		const lines = page.locator('section.tables p');
		await expect(lines.first()).toHaveText(/^[✓✗] (The table balances|The table does not balance|The request table is incomplete)/);
		// Only the report's own column names (passed in as values) may be Chinese.
		for (const t of await lines.allTextContents()) expect(t.replace(/column [^:]+:/g, '')).not.toMatch(/[\u4e00-\u9fff]/);
		// the rebuilt table is a grid; choosing a check marks the cells it read
		await page.locator('section.tables p button[data-check="applications_identity"]').click();
		await expect(page.locator('section.tables table[data-table="applications"] td.read').first()).toBeVisible();
		checked = true;
		await page.screenshot({ path: 'test-results/screens/en-report.png', fullPage: true });
		break;
	}
	expect(checked, 'one of the first annual reports has statistics tables').toBe(true);
	expect(errors).toEqual([]);
});
