import { expect, type Page } from '@playwright/test';

/** /submit: an agency user's submission and results page. */
export class SubmitPage {
	constructor(private readonly page: Page) {}

	async goto(): Promise<void> {
		await this.page.goto('/submit');
		await expect(this.page.getByRole('heading', { name: /报送与结果/ })).toBeVisible();
	}

	round(name: string) {
		return this.page.getByRole('region', { name });
	}

	async submit(roundName: string, fileName: string, text: string): Promise<void> {
		const r = this.round(roundName);
		await r.locator('input[type=file]').setInputFiles({ name: fileName, mimeType: 'text/plain', buffer: Buffer.from(text, 'utf8') });
		await r.getByRole('button', { name: '报送', exact: true }).click();
		await expect(r.getByRole('status')).toContainText('已报送');
	}
}
