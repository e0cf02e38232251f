import { expect, test } from '@playwright/test';
import { ADMIN, LoginPage } from './pages/login-page';

interface RoundRow {
	id: number;
	name: string;
	period: string;
	status: string;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The UTF-8 file name of a Content-Disposition header (RFC 5987 `filename*`). */
function fileNameOf(header: string | undefined): string {
	const m = /filename\*=UTF-8''([^;]+)/.exec(header ?? '');
	return m ? decodeURIComponent(m[1]) : '';
}

test('the exports of the latest scored round download with their Chinese names and types', async ({ page }) => {
	const login = new LoginPage(page);
	await login.goto();
	await login.signIn(ADMIN.username, ADMIN.password);
	await expect(page).toHaveURL(/\/$/);

	const list = await page.request.get('/api/rounds');
	expect(list.status()).toBe(200);
	const rounds = (await list.json()) as RoundRow[];
	test.skip(rounds.length === 0, 'no rounds: the e2e server runs without demo data (set E2E_DEMO=1)');

	// Newest first: the first round whose results API answers 200 (409 = nothing scored yet).
	let round: RoundRow | undefined;
	let agencyId = 0;
	for (const r of rounds) {
		const res = await page.request.get(`/api/rounds/${r.id}/results`);
		if (res.status() === 200) {
			expect(res.headers()['content-type']).toContain('application/json');
			const body = (await res.json()) as { round: { id: number }; agencies: { agencyId: number }[] };
			expect(body.round.id).toBe(r.id);
			expect(body.agencies.length).toBeGreaterThan(0);
			round = r;
			agencyId = body.agencies[body.agencies.length - 1].agencyId;
			break;
		}
		expect(res.status()).toBe(409);
	}
	test.skip(!round, 'no round has scored reports yet');
	const { id, period } = round!;

	const files: [string, string, string][] = [
		[`/rounds/${id}/results.xlsx`, `考核结果_${period}.xlsx`, XLSX],
		[`/rounds/${id}/notice.docx`, `考核结果通报_${period}.docx`, DOCX],
		[`/rounds/${id}/ranking.csv`, `排名_${period}.csv`, 'text/csv; charset=utf-8'],
		[`/rounds/${id}/indicators.csv`, `指标得分_${period}.csv`, 'text/csv; charset=utf-8'],
		[`/rounds/${id}/rectification.zip?below=100`, `整改通知_${period}.zip`, 'application/zip']
	];
	for (const [url, name, type] of files) {
		const res = await page.request.get(url);
		expect(res.status(), url).toBe(200);
		expect(res.headers()['content-type']).toBe(type);
		expect(fileNameOf(res.headers()['content-disposition'])).toBe(name);
		expect((await res.body()).byteLength).toBeGreaterThan(100);
	}

	const one = await page.request.get(`/rounds/${id}/agencies/${agencyId}/rectification.docx`);
	expect(one.status()).toBe(200);
	expect(one.headers()['content-type']).toBe(DOCX);
	expect(fileNameOf(one.headers()['content-disposition'])).toMatch(new RegExp(`^整改通知_.+_${period}\\.docx$`));

	const unknown = await page.request.get('/rounds/999999/results.xlsx');
	expect(unknown.status()).toBe(404);
});

test('the JSON API refuses an anonymous caller with 401 JSON', async ({ request }) => {
	const res = await request.get('/api/rounds');
	expect(res.status()).toBe(401);
	expect(await res.json()).toMatchObject({ error: 'unauthorized' });
});
