import { expect, type Page } from '@playwright/test';

/** The sign-in form, as a person uses it. */
export class LoginPage {
	constructor(private readonly page: Page) {}

	async goto(): Promise<void> {
		await this.page.goto('/login');
		// Type only into the hydrated form, as a person who waits for the page would.
		await this.page.waitForLoadState('networkidle');
	}

	async signIn(username: string, password: string): Promise<void> {
		await this.page.getByLabel('用户名').fill(username);
		await this.page.getByLabel('密码').fill(password);
		await this.page.getByRole('button', { name: '登录' }).click();
	}

	async expectError(text: string): Promise<void> {
		await expect(this.page.getByRole('alert')).toContainText(text);
	}
}

export const ADMIN = { username: 'e2e-admin', password: 'e2e-password-1' };
