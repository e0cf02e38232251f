import { expect, type Page } from '@playwright/test';

/** /rounds/[id]: the round's workflow buttons and submission board. */
export class RoundPage {
	constructor(private readonly page: Page) {}

	async goto(id: number): Promise<void> {
		await this.page.goto(`/rounds/${id}`);
	}

	async step(label: string, reason?: string): Promise<void> {
		const form = this.page.locator('form.transition').filter({ has: this.page.getByRole('button', { name: label }) });
		if (reason) await form.getByLabel(/理由/).fill(reason);
		await form.getByRole('button', { name: label }).click();
		await expect(this.page.getByRole('status')).toBeVisible();
	}

	async expectStatus(label: string): Promise<void> {
		await expect(this.page.getByRole('heading', { level: 1 })).toContainText(label);
	}

	boardRow(agency: string) {
		return this.page.getByRole('table', { name: '报送情况' }).getByRole('row').filter({ hasText: agency });
	}
}
