/**
 * Issue 14 journey, on a round of its own (period 2023, so the workflow journey's round stays the
 * default one): a supervisor assigns a 待指定 report from the round page, withdraws and restores it,
 * edits the round, and reads the counts in the close and publish dialogs. Screenshots of the
 * dialogs go to test-results/screens/.
 */
import { expect, test, type Page } from '@playwright/test';
import { generateReport } from '../../src/lib/demo/generate';
import { E2E_AGENCIES, E2E_PASSWORD, E2E_USERS } from './pages/fixtures';
import { ADMIN, LoginPage } from './pages/login-page';
import { ReportPage } from './pages/report-page';
import { RoundPage } from './pages/round-page';

test.describe.configure({ mode: 'serial' });

const ROUND = 'E2E 更正演练 2023年度';
const FILE = '未登记单位报告.txt';
const OWN = E2E_AGENCIES[0].name;
let roundId = 0;
let reportId = 0;

async function signInAsSupervisor(page: Page): Promise<void> {
	await page.context().clearCookies();
	const login = new LoginPage(page);
	await login.goto();
	await login.signIn(E2E_USERS.supervisor.username, E2E_PASSWORD);
	await expect(page.getByText(E2E_USERS.supervisor.display)).toBeVisible();
}

test('a supervisor assigns a 待指定 report from the round page', async ({ page, baseURL }) => {
	await signInAsSupervisor(page);
	await page.goto('/rounds');
	await page.waitForLoadState('networkidle');
	const create = page.locator('form[action="?/create"]');
	await create.getByLabel('名称').fill(ROUND);
	await create.getByLabel('期间').fill('2023');
	await create.getByRole('button').click();
	await expect(page).toHaveURL(/\/rounds\/\d+$/);
	roundId = Number(page.url().split('/').pop());
	const round = new RoundPage(page);
	await page.waitForLoadState('networkidle');
	await round.step('开始报送');
	await round.expectStatus('报送中');

	// A report naming an agency the registry does not know: it lands as 待指定.
	const text = generateReport({ agency: { name: '青岚盟未登记事务中心', aliases: [], group: '盟直部门', level: '部门', region: '青岚盟' }, year: 2023, seed: 8, quality: 0.7 }).text;
	const res = await page.request.post(`/api/rounds/${roundId}/import`, {
		headers: { origin: baseURL! },
		multipart: { file: { name: FILE, mimeType: 'text/plain', buffer: Buffer.from(text) } }
	});
	expect(res.status()).toBe(200);
	const [outcome] = (await res.json()) as { status: string; reportId: number }[];
	expect(outcome.status).toBe('needs_agency');
	reportId = outcome.reportId;

	await round.goto(roundId);
	await expect(round.unassigned().getByRole('row').filter({ hasText: FILE })).toBeVisible();
	await page.screenshot({ path: 'test-results/screens/round-unassigned.png', fullPage: true });
	await round.assign(FILE, OWN);
	await expect(round.boardRow(OWN)).toContainText('已报送');
	await expect(page.getByText('没有待指定单位的报告。')).toBeVisible();
});

test('a supervisor withdraws a report with a reason and restores it', async ({ page }) => {
	await signInAsSupervisor(page);
	const report = new ReportPage(page);
	await report.goto(reportId);
	const dialog = await report.openWithdraw('误导入：核对后发现是另一单位的报告');
	await expect(dialog).toContainText(FILE);
	await page.screenshot({ path: 'test-results/screens/dialog-withdraw.png' });
	await dialog.getByRole('button', { name: '撤回报告' }).click();
	await expect(report.fix.getByRole('status')).toContainText('已撤回');
	await expect(page.getByText('此报告已撤回，不计入报送和排名。')).toBeVisible();
	await expect(report.fix).toContainText('误导入：核对后发现是另一单位的报告');

	const round = new RoundPage(page);
	await round.goto(roundId);
	await expect(round.boardRow(OWN)).toContainText('未报送');

	await report.goto(reportId);
	await report.restore();
	await round.goto(roundId);
	await expect(round.boardRow(OWN)).toContainText('已报送');
});

test('a supervisor edits the round (the deadline must fall after the period)', async ({ page }) => {
	await signInAsSupervisor(page);
	const round = new RoundPage(page);
	await round.goto(roundId);
	await page.waitForLoadState('networkidle');
	await round.edit({ deadline: '2023-10-31' });
	await expect(page.getByRole('alert')).toContainText('截止日期须晚于考核期间结束日（2023-12-31）');
	await page.screenshot({ path: 'test-results/screens/round-edit.png', fullPage: true });
	await round.edit({ name: `${ROUND}（更正）`, deadline: '2024-01-31' });
	await expect(page.getByRole('status').first()).toContainText('轮次已保存');
	await expect(page.getByRole('heading', { level: 1 })).toContainText(`${ROUND}（更正）`);
	await expect(page.getByText('截止日期：2024-01-31')).toBeVisible();
});

test('the close and publish dialogs state the counts before anything happens', async ({ page }) => {
	await signInAsSupervisor(page);
	const round = new RoundPage(page);
	await round.goto(roundId);
	await page.waitForLoadState('networkidle');
	const close = await round.openStep('截止报送，进入评审');
	const list = close.getByRole('list', { name: '将发生的情况' });
	await expect(list).toContainText('已报送 1 / 应报 2 家单位');
	await expect(list).toContainText('1 家单位未报送');
	await expect(list).toContainText('0 份报告待指定单位');
	await page.screenshot({ path: 'test-results/screens/dialog-close.png' });
	await close.getByRole('button', { name: '确认截止报送，进入评审' }).click();
	await round.expectStatus('评审中');

	const publish = await round.openStep('发布结果');
	await expect(publish.getByRole('list', { name: '将发生的情况' })).toContainText('1 家单位未报送');
	await expect(publish).toContainText('冻结');
	await page.screenshot({ path: 'test-results/screens/dialog-publish.png' });
	// Cancelled: nothing happens (the round stays under review, out of the agency's sight).
	await publish.getByRole('button', { name: '取消' }).click();
	await expect(publish).toBeHidden();
	await round.expectStatus('评审中');
});

test('an administrator reads what a re-score and a merge will do before confirming', async ({ page }) => {
	await page.context().clearCookies();
	const login = new LoginPage(page);
	await login.goto();
	await login.signIn(ADMIN.username, ADMIN.password);
	await expect(page).toHaveURL(/\/$/);

	const round = new RoundPage(page);
	await round.goto(roundId);
	await page.waitForLoadState('networkidle');
	await page.getByRole('button', { name: '预览影响' }).click();
	const rescore = page.getByRole('dialog', { name: '重新评分' });
	await expect(rescore).toContainText('将按考评细则 v1 重新评分 1 份报告');
	await expect(rescore).toContainText('0 条人工调整保留');
	await expect(rescore).toContainText('0 条人工调整待复核');
	await page.screenshot({ path: 'test-results/screens/dialog-rescore.png' });
	await rescore.getByRole('button', { name: '确认重新评分' }).click();
	await expect(page.getByRole('status').first()).toContainText('已重新评分 1 份报告：0 条人工调整保留，0 条待复核');

	await page.goto('/agencies');
	await page.waitForLoadState('networkidle');
	await page.getByText('添加、合并、导入单位名单').click();
	await page.getByLabel('被合并的单位').selectOption({ label: E2E_AGENCIES[1].name });
	await page.getByLabel('合并到', { exact: true }).selectOption({ label: OWN });
	await page.getByRole('button', { name: '合并', exact: true }).click();
	const merge = page.getByRole('dialog', { name: '合并重复单位' });
	await expect(merge).toContainText(`将“${E2E_AGENCIES[1].name}”合并到“${OWN}”`);
	await expect(merge).toContainText('份未发布轮次的报告转到目标单位');
	await page.screenshot({ path: 'test-results/screens/dialog-merge.png' });
	await merge.getByRole('button', { name: '取消' }).click(); // the workflow journey needs both agencies
	await expect(merge).toBeHidden();
});
