/**
 * Issue 6 journey: an agency submits to an open round and cannot open another agency by URL; a
 * supervisor closes and publishes the round and the agency then sees its score; an evaluator
 * cannot override after publishing until the supervisor reopens the round with a reason.
 */
import { expect, test, type Page } from '@playwright/test';
import { generateReport } from '../../src/lib/demo/generate';
import { E2E_AGENCIES, E2E_IDS, E2E_PASSWORD, E2E_USERS } from './pages/fixtures';
import { ADMIN, LoginPage } from './pages/login-page';
import { RoundPage } from './pages/round-page';
import { SubmitPage } from './pages/submit-page';

test.describe.configure({ mode: 'serial' });

const ROUND = 'E2E 2024年度考核';
const OWN = E2E_AGENCIES[0].name;

async function signInAs(page: Page, who: keyof typeof E2E_USERS): Promise<void> {
	await page.context().clearCookies();
	const login = new LoginPage(page);
	await login.goto();
	await login.signIn(E2E_USERS[who].username, E2E_PASSWORD);
	await expect(page.getByText(E2E_USERS[who].display)).toBeVisible();
}

test('pages carry the CSP and security headers', async ({ page }) => {
	const res = await page.goto('/login');
	const h = res!.headers();
	expect(h['content-security-policy']).toContain("default-src 'self'");
	expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
	expect(h['content-security-policy']).toMatch(/script-src 'self' 'nonce-/);
	expect(h['x-content-type-options']).toBe('nosniff');
	expect(h['referrer-policy']).toBe('same-origin');
});

test('no page of the app violates the CSP (charts, forms, the rubric editor)', async ({ page }) => {
	const violations: string[] = [];
	page.on('console', (m) => m.type() === 'error' && violations.push(`${page.url()}: ${m.text()}`));
	const login = new LoginPage(page);
	await login.goto();
	await login.signIn(ADMIN.username, ADMIN.password);
	await expect(page).toHaveURL(/\/$/);
	for (const url of ['/', '/rankings', '/trends', '/gaps', '/agencies', '/reports', '/rounds', `/rounds/${E2E_IDS.round}`, '/rubric', '/users', '/audit', '/account']) {
		const res = await page.goto(url);
		expect(res?.status(), url).toBe(200);
	}
	await page.goto('/rubric');
	await page.getByRole('button', { name: '编辑为新版本' }).click();
	await expect(page.getByRole('form', { name: '编辑新版本' })).toBeVisible();
	expect(violations).toEqual([]);
});

test('an agency user submits to the open round and cannot see other agencies', async ({ page }) => {
	await signInAs(page, 'agency');
	await expect(page).toHaveURL(/\/submit$/);
	const nav = page.getByRole('navigation', { name: '主导航' });
	await expect(nav.getByRole('link', { name: '报送', exact: true })).toBeVisible();
	for (const hidden of ['排名', '趋势', '单位', '用户', '审计日志']) await expect(nav.getByRole('link', { name: hidden, exact: true })).toHaveCount(0);

	const submit = new SubmitPage(page);
	const text = generateReport({ agency: { name: OWN, aliases: [], group: '盟直部门', level: '部门', region: '青岚盟' }, year: 2024, seed: 5, quality: 0.6 }).text;
	await submit.submit(ROUND, '<script>alert(1)</script>本单位报告.txt', text);
	// the file name shows as text, not markup
	await expect(submit.round(ROUND).getByRole('cell', { name: '<script>alert(1)</script>本单位报告.txt' })).toBeVisible();
	await expect(submit.round(ROUND)).toContainText('结果发布后可在此查看');

	for (const url of [`/agencies/${E2E_IDS.otherAgency}`, `/reports/${E2E_IDS.otherReport}`, '/rankings', `/rounds/${E2E_IDS.round}`]) {
		const res = await page.goto(url);
		expect(res?.status(), url).toBe(403);
		await expect(page.getByText(E2E_AGENCIES[1].name)).toHaveCount(0);
	}
	const own = await page.goto(`/agencies/${E2E_IDS.ownAgency}`);
	expect(own?.status()).toBe(200);
});

test('a supervisor sees the submission, closes and publishes; the agency then sees its score', async ({ page }) => {
	await signInAs(page, 'supervisor');
	const round = new RoundPage(page);
	await round.goto(E2E_IDS.round);
	await round.expectStatus('报送中');
	await expect(round.boardRow(OWN)).toContainText('已报送');
	await round.step('截止报送，进入评审');
	await round.expectStatus('评审中');
	await round.step('发布结果');
	await round.expectStatus('已发布');

	await signInAs(page, 'agency');
	const submit = new SubmitPage(page);
	await submit.goto();
	const r = submit.round(ROUND);
	await expect(r.getByLabel('总分')).toContainText('/');
	await expect(r.getByRole('table', { name: '整改清单' })).toBeVisible();
	await expect(r.locator('input[type=file]')).toHaveCount(0);
	await expect(r).toContainText('已发布，分数已冻结'); // the one frozen message (issue 14)
});

test("an evaluator's override after publishing is refused until the supervisor reopens", async ({ page }) => {
	await signInAs(page, 'evaluator');
	await page.goto(`/reports/${E2E_IDS.otherReport}`);
	await expect(page.getByText('本轮次已发布，成绩已冻结。')).toBeVisible();
	await page.locator('button.title[aria-pressed]').first().click(); // open the first indicator
	await expect(page.locator('button.title[aria-pressed="true"]')).toHaveCount(1);
	await expect(page.getByRole('button', { name: '调整等级…' })).toHaveCount(0);

	await signInAs(page, 'supervisor');
	const round = new RoundPage(page);
	await round.goto(E2E_IDS.round);
	await round.step('重新打开评审', '复核发现个别指标判定有误');
	await round.expectStatus('评审中');
	await expect(page.getByRole('cell', { name: '复核发现个别指标判定有误' })).toBeVisible();

	await signInAs(page, 'evaluator');
	await page.goto(`/reports/${E2E_IDS.otherReport}`);
	await expect(page.getByText('本轮次已发布，成绩已冻结。')).toHaveCount(0);
	await page.locator('button.title[aria-pressed]').first().click();
	await expect(page.getByRole('button', { name: '调整等级…' })).toBeVisible();
});
