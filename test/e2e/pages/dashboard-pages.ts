import { expect, type Page } from '@playwright/test';

/** Waits until every chart on the page has drawn (EChart sets data-chart-ready) and returns how many. */
export async function chartsReady(page: Page, atLeast: number): Promise<number> {
	// Every chart box (div.echart) must have drawn: ready ones carry data-chart-ready="true".
	await expect(page.locator('div.echart').nth(atLeast - 1)).toBeVisible({ timeout: 15_000 });
	await expect(page.locator('div.echart:not([data-chart-ready="true"])')).toHaveCount(0, { timeout: 15_000 });
	const n = await page.locator('[data-chart-ready="true"]').count();
	expect(n).toBeGreaterThanOrEqual(atLeast);
	// A drawn chart has a canvas or an svg with content inside its box.
	for (const box of await page.locator('[data-chart-ready="true"]').all()) {
		await expect(box.locator('canvas, svg').first()).toBeVisible();
	}
	return n;
}

/** Collects console errors of a page for a final assertion. */
export function consoleErrors(page: Page): string[] {
	const errors: string[] = [];
	page.on('console', (m) => {
		if (m.type() === 'error') errors.push(m.text());
	});
	page.on('pageerror', (e) => errors.push(String(e)));
	return errors;
}
