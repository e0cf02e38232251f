import { expect, type Page } from '@playwright/test';

/** /rounds/[id]: the round's workflow buttons and submission board. */
export class RoundPage {
	constructor(private readonly page: Page) {}

	async goto(id: number): Promise<void> {
		await this.page.goto(`/rounds/${id}`);
	}

	/** Takes a workflow step; steps with consequences (close, publish) are confirmed in their dialog. */
	async step(label: string, reason?: string): Promise<void> {
		const box = this.page.locator('.transition').filter({ has: this.page.getByRole('button', { name: label, exact: true }) });
		if (reason) await box.getByLabel(/理由/).fill(reason);
		const button = box.getByRole('button', { name: label, exact: true });
		if ((await button.getAttribute('type')) === 'button') {
			// a step with consequences: confirmed in its dialog
			const dialog = await this.openStep(label);
			await dialog.getByRole('button', { name: `确认${label}` }).click();
		} else await button.click();
		await expect(this.page.getByRole('status').first()).toBeVisible();
	}

	/** Opens the confirmation of a step and returns the dialog (not confirmed). */
	async openStep(label: string) {
		const dialog = this.page.getByRole('dialog', { name: label });
		// The button opens a dialog once the page is hydrated: click again until it does.
		await expect(async () => {
			if (!(await dialog.isVisible())) await this.page.locator('.transition').getByRole('button', { name: label, exact: true }).click();
			await expect(dialog).toBeVisible({ timeout: 1000 });
		}).toPass({ timeout: 15_000 });
		return dialog;
	}

	async expectStatus(label: string): Promise<void> {
		await expect(this.page.getByRole('heading', { level: 1 })).toContainText(label);
	}

	boardRow(agency: string) {
		return this.page.getByRole('table', { name: '报送情况' }).getByRole('row').filter({ hasText: agency });
	}

	unassigned() {
		return this.page.getByRole('table', { name: '待指定单位的报告' });
	}

	/** Assigns a 待指定 report (by file name) to an agency from the round page. */
	async assign(fileName: string, agency: string): Promise<void> {
		const row = this.unassigned().getByRole('row').filter({ hasText: fileName });
		await row.getByRole('combobox').selectOption({ label: agency });
		await row.getByRole('button', { name: '指定' }).click();
		await expect(this.page.getByRole('status').first()).toContainText(`已将《${fileName}》指定给 ${agency}`);
	}

	/** Edits the round's name, period and deadline; returns after the page answered. */
	async edit(values: { name?: string; period?: string; deadline?: string }): Promise<void> {
		const form = this.page.getByRole('form', { name: '编辑轮次' });
		if (!(await form.isVisible())) await this.page.getByText('编辑轮次', { exact: true }).click();
		if (values.name !== undefined) await form.getByLabel('名称').fill(values.name);
		if (values.period !== undefined) await form.getByLabel('期间').fill(values.period);
		if (values.deadline !== undefined) await form.getByLabel('截止日期').fill(values.deadline);
		await form.getByRole('button', { name: '保存' }).click();
	}
}

