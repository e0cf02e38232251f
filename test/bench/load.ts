/**
 * Bench section (issue 13): dashboard latency under 100 concurrent requests against the production
 * server — alone, during a 1,000-file import through the upload API, and while a slow PDF is being
 * parsed. Printed, never asserted. Parsing runs in the import worker pool, so neither should move
 * the dashboards much (targets: p99 during the import < 1 s; the slow PDF does not move p99).
 */
import { slowPdf } from '../../src/lib/server/import/heavy-fixtures';
import { demoAgencies, generateReport } from '../../src/lib/demo/generate';

type Line = (s?: string) => void;

function pct(sorted: number[], p: number): number {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** One burst of `n` concurrent GETs; returns each request's latency in ms. */
async function burst(url: string, headers: Record<string, string>, n: number): Promise<number[]> {
	return Promise.all(
		Array.from({ length: n }, async () => {
			const t = performance.now();
			const res = await fetch(url, { headers });
			await res.arrayBuffer();
			return performance.now() - t;
		})
	);
}

/** Bursts of 100 until `until` settles (at least `min` bursts); p50/p99 of all samples. */
async function measure(url: string, headers: Record<string, string>, until: Promise<unknown> | null, min = 3) {
	const samples: number[] = [];
	let done = until === null;
	void until?.finally(() => (done = true));
	for (let i = 0; i < min || !done; i++) samples.push(...(await burst(url, headers, 100)));
	samples.sort((a, b) => a - b);
	return { p50: pct(samples, 50), p99: pct(samples, 99), n: samples.length };
}

async function upload(base: string, headers: Record<string, string>, roundId: number, name: string, bytes: Uint8Array) {
	const form = new FormData();
	form.set('file', new File([bytes as Uint8Array<ArrayBuffer>], name));
	const res = await fetch(`${base}/api/rounds/${roundId}/import`, { method: 'POST', headers: { ...headers, origin: base }, body: form });
	return (await res.json()) as { status: string; message?: string }[];
}

export async function benchDashboardLoad(line: Line, o: { base: string; headers: Record<string, string>; page: string; importRound: number; files: number }) {
	line(`   100 个并发请求 ${o.page}（p50 / p99）：`);
	const url = `${o.base}${o.page}`;
	const fmt = (r: { p50: number; p99: number; n: number }) => `p50 ${r.p50.toFixed(0)} ms，p99 ${r.p99.toFixed(0)} ms（${r.n} 次）`;
	await burst(url, o.headers, 20); // warm-up
	line(`     单独 / alone                  ${fmt(await measure(url, o.headers, null))}`);

	// A 1,000-file import the way the import page sends it: one file per request, two at a time.
	const agencies = demoAgencies(40, 5);
	let next = 0;
	let failed = 0;
	const t0 = performance.now();
	const uploader = async () => {
		while (next < o.files) {
			const i = next++;
			const r = generateReport({ agency: agencies[i % 40], year: 2024, seed: 10_000 + i, quality: (i % 10) / 10 });
			const out = await upload(o.base, o.headers, o.importRound, `${String(i).padStart(4, '0')}.txt`, new TextEncoder().encode(r.text));
			if (out.some((x) => x.status === 'failed')) failed++;
		}
	};
	const importing = Promise.all([uploader(), uploader()]);
	const during = await measure(url, o.headers, importing);
	await importing;
	line(`     导入 ${o.files} 份期间 / import     ${fmt(during)}${during.p99 < 1000 ? '' : '  ← 未达目标 (< 1 s)'}；导入用时 ${((performance.now() - t0) / 1000).toFixed(0)} 秒，失败 ${failed}`);

	// A PDF that keeps a parser busy for longer than the limit (refused by the worker pool).
	const pdf = slowPdf(150_000);
	const t1 = performance.now();
	const parsing = upload(o.base, o.headers, o.importRound, 'slow.pdf', pdf);
	const slow = await measure(url, o.headers, parsing);
	const outcome = (await parsing)[0];
	line(`     解析慢 PDF 期间 / slow PDF     ${fmt(slow)}；该文件 ${((performance.now() - t1) / 1000).toFixed(0)} 秒后：${outcome?.status} ${outcome?.message ?? ''}`);
}
