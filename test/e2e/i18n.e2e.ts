import { expect, test, type Page } from '@playwright/test';
import { ADMIN, LoginPage } from './pages/login-page';
import { E2E_AGENCIES } from './pages/fixtures';

/** UI language (issue 5 item 10): Chinese by default, English by choice, kept in a cookie across reloads. */

const nav = (page: Page) => page.locator('header nav');
const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

test('the admin switches the UI to English, keeps it across a reload, and switches back', async ({ page }) => {
	const errors: string[] = [];
	page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
	const login = new LoginPage(page);
	await login.goto();
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
	await login.signIn(ADMIN.username, ADMIN.password);
	await expect(page).toHaveURL(/\/$/);
	await expect(h1(page)).toHaveText('总览');

	await page.getByRole('group', { name: '界面语言' }).getByRole('button', { name: 'English' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(h1(page)).toHaveText('Overview');
	const main = page.getByRole('navigation', { name: 'Main navigation' });
	for (const label of ['Overview', 'Rankings', 'Trends', 'Missing items', 'Agencies', 'Reports', 'Import', 'Rubric', 'Users', 'Audit log']) {
		await expect(main.getByRole('link', { name: label, exact: true })).toBeVisible();
	}
	await expect(page.getByText('Administrator')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();

	await main.getByRole('link', { name: 'Rubric', exact: true }).click();
	await expect(h1(page)).toHaveText('Rubric');
	await expect(page.getByRole('heading', { name: 'Scoring rules' })).toBeVisible();
	await page.screenshot({ path: 'test-results/screens/i18n-en-rubric.png', fullPage: true });

	await page.reload();
	await expect(h1(page)).toHaveText('Rubric');
	await page.goto('/rounds');
	await expect(h1(page)).toHaveText('Assessment rounds');
	await expect(page.getByRole('columnheader', { name: 'Status' })).toBeVisible();

	await page.getByRole('group', { name: 'Interface language' }).getByRole('button', { name: '中文' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
	await expect(h1(page)).toHaveText('考核轮次');
	await expect(nav(page).getByRole('link', { name: '排名', exact: true })).toBeVisible();
	await page.reload();
	await expect(h1(page)).toHaveText('考核轮次');
	expect(errors).toEqual([]);
});

test('the login page has the switch too, and the choice carries into the app', async ({ page }) => {
	const login = new LoginPage(page);
	await login.goto();
	await page.getByRole('button', { name: 'English' }).click();
	await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
	await page.getByLabel('Username').fill(ADMIN.username);
	await page.getByLabel('Password').fill(ADMIN.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(/\/$/);
	await expect(h1(page)).toHaveText('Overview');
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page).toHaveURL(/\/login/);
	await expect(page.getByRole('heading', { name: 'ZWGK Scorecard' })).toBeVisible();
	await page.getByRole('button', { name: '中文' }).click();
	await expect(page.getByRole('heading', { name: '政务公开考评台' })).toBeVisible();
});

test('messages made on the server follow the language too: sign-in, a form action, an import', async ({ page, context, baseURL }) => {
	const errors: string[] = [];
	page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
	await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'en', url: baseURL ?? 'http://localhost' }]);
	await page.goto('/login');
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Username').fill(ADMIN.username);
	await page.getByLabel('Password').fill('not-the-password');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('alert')).toHaveText('Incorrect username or password');

	await page.getByLabel('Password').fill(ADMIN.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(h1(page)).toHaveText('Overview');

	// A form action's refusal: an agency that already exists.
	await page.goto('/agencies');
	await page.getByText('Add, merge or import agencies').click();
	await page.getByRole('textbox', { name: 'Full name' }).fill(E2E_AGENCIES[0].name);
	await page.getByRole('button', { name: 'Add', exact: true }).click();
	await expect(page.getByRole('status').filter({ hasText: 'already exists' })).toHaveText(`The agency “${E2E_AGENCIES[0].name}” already exists`);

	// An import outcome: a picture is refused with its reason, in English.
	await page.goto('/import');
	const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]);
	await page.getByLabel('Choose report files').setInputFiles([{ name: 'scan.png', mimeType: 'image/png', buffer: png }]);
	const row = page.getByRole('table', { name: 'Import results' }).locator('tbody tr', { hasText: 'scan.png' });
	await expect(row).toContainText('Unsupported file format (.png image)', { timeout: 30_000 });
	await expect(row).not.toContainText(/[\u4e00-\u9fff]/);
	await page.screenshot({ path: 'test-results/screens/i18n-en-import-refused.png', fullPage: true });
	expect(errors).toEqual([]);
});
