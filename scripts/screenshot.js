// @ts-check
/**
 * Developer aid: sign in and screenshot pages of a running server, to look at them as a user would.
 * Usage: node scripts/screenshot.js http://localhost:3000 USER PASSWORD OUTDIR /path1 /path2 …
 * UI_LOCALE=en shows the pages in English.
 */
import { chromium } from '@playwright/test';

const [base, user, password, outDir, ...paths] = process.argv.slice(2);
const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic']
});
const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' });
page.on('console', (m) => m.type() === 'error' && console.log('console error:', m.text()));
await page.goto(`${base}/login`);
await page.getByLabel('用户名').fill(user);
await page.getByLabel('密码').fill(password);
await page.getByRole('button', { name: '登录' }).click();
await page.waitForURL((u) => !u.pathname.startsWith('/login'));
if (process.env.UI_LOCALE) await page.context().addCookies([{ name: 'PARAGLIDE_LOCALE', value: process.env.UI_LOCALE, url: base }]);
for (const p of paths) {
	await page.goto(base + p);
	await page.waitForLoadState('networkidle');
	await page.waitForTimeout(800);
	const file = `${outDir}/${p.replace(/[^a-z0-9]+/gi, '_') || 'root'}.png`;
	await page.screenshot({ path: file, fullPage: true });
	console.log('saved', file);
}
await browser.close();
