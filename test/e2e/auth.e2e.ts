import { expect, test } from '@playwright/test';
import { ADMIN, LoginPage } from './pages/login-page';

test('an anonymous visitor is sent to the login page', async ({ page }) => {
	await page.goto('/rankings');
	await expect(page).toHaveURL(/\/login\?redirectTo=%2Frankings/);
	await expect(page.getByRole('heading', { name: '政务公开考评台' })).toBeVisible();
});

test('a wrong password shows one message and no session', async ({ page }) => {
	const login = new LoginPage(page);
	await login.goto();
	await login.signIn(ADMIN.username, 'not-the-password');
	await login.expectError('用户名或密码错误');
	await login.signIn('nobody-here', 'whatever-1');
	await login.expectError('用户名或密码错误');
	await page.goto('/');
	await expect(page).toHaveURL(/\/login/);
});

test('the admin signs in through the form, sees the shell, and signs out', async ({ page }) => {
	const errors: string[] = [];
	page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
	const login = new LoginPage(page);
	await login.goto();
	await login.signIn(ADMIN.username, ADMIN.password);
	await expect(page).toHaveURL(/\/$/);
	const nav = page.getByRole('navigation', { name: '主导航' });
	for (const label of ['总览', '排名', '趋势', '缺失项', '单位', '报告', '导入', '考评细则', '用户']) {
		await expect(nav.getByRole('link', { name: label, exact: true })).toBeVisible();
	}
	await expect(page.getByText('测试管理员')).toBeVisible();
	await page.screenshot({ path: 'test-results/screens/shell.png', fullPage: true });
	await page.getByRole('button', { name: '退出' }).click();
	await expect(page).toHaveURL(/\/login/);
	await page.goto('/');
	await expect(page).toHaveURL(/\/login/);
	expect(errors).toEqual([]);
});
