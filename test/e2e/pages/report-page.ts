import { expect, type Page } from '@playwright/test';

/** /reports/[id]: putting a report right (withdraw, restore, move, assign). */
export class ReportPage {
	constructor(private readonly page: Page) {}

	async goto(id: number): Promise<void> {
		await this.page.goto(`/reports/${id}`);
		await this.page.waitForLoadState('networkidle');
	}

	get fix() {
		return this.page.getByRole('region', { name: '更正报告' });
	}

	/** Opens the withdraw dialog and fills the reason; returns the dialog (not confirmed). */
	async openWithdraw(reason: string) {
		const dialog = this.page.getByRole('dialog', { name: '撤回报告' });
		// The button opens a dialog once the page is hydrated: click again until it does.
		await expect(async () => {
			if (!(await dialog.isVisible())) await this.fix.getByRole('button', { name: '撤回报告' }).click();
			await expect(dialog).toBeVisible({ timeout: 1000 });
		}).toPass({ timeout: 15_000 });
		await dialog.getByLabel(/撤回理由/).fill(reason);
		return dialog;
	}

	async restore(): Promise<void> {
		await this.fix.getByRole('button', { name: '恢复报告' }).click();
		await expect(this.fix.getByRole('status')).toContainText('已恢复');
	}
}
