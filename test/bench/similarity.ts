/**
 * Bench section (issue 15): reuse across one round of 2,000 generated reports with planted copies —
 * fingerprinting, the round comparison through the inverted index (one core), memory, and the
 * recall of the planted copies. Prints figures; asserts nothing.
 */
import os from 'node:os';
import { compareRound, lean, prepareText, type RoundItem } from '../../src/lib/analysis/similarity';
import { demoAgencies, generateRound, type GeneratedReport } from '../../src/lib/demo/generate';

export async function benchSimilarity(line: (s?: string) => void, quick: boolean): Promise<void> {
	const target = quick ? 300 : 2000;
	const planted = quick ? 15 : 100;
	line(`5. 重复率 / reuse: a round of ${target} reports, ${planted} planted copies`);
	// about 10% of agencies do not report: generate a few more agencies than reports
	const reports: GeneratedReport[] = generateRound(demoAgencies(Math.ceil(target * 1.12), 5), 2024, 15).slice(0, target);
	// planted copies: report j is report i's text with the agency name changed and some figures edited
	const pairs: [number, number][] = [];
	for (let p = 0; p < planted && 2 * p + 1 < reports.length; p++) {
		const i = (p * 37) % reports.length;
		const j = (i + 1 + ((p * 101) % (reports.length - 1))) % reports.length;
		if (pairs.some(([a, b]) => a === i || b === i || a === j || b === j)) continue;
		let n = 0;
		const text = reports[i].text.replaceAll(reports[i].agency, reports[j].agency).replace(/\d+/g, (d) => (n++ % 5 === 0 ? String(Number(d) + 1) : d));
		reports[j] = { ...reports[j], text };
		pairs.push([j, i]);
	}
	const chars = reports.reduce((s, r) => s + r.text.length, 0);
	global.gc?.();
	const rss0 = process.memoryUsage().rss;
	const cpu0 = process.cpuUsage();
	let t = performance.now();
	const items: RoundItem[] = reports.map((r, id) => ({ id, agency: r.agency, prepared: lean(prepareText(r.text)) }));
	const prep = performance.now() - t;
	t = performance.now();
	const { figures, common } = compareRound(items);
	const cmp = performance.now() - t;
	const cpu = process.cpuUsage(cpu0);
	const cpuMs = (cpu.user + cpu.system) / 1000;
	const rss = process.memoryUsage().rss - rss0;
	const fps = items.reduce((s, x) => s + x.prepared.fingerprints.length, 0);
	const byId = new Map(figures.map((f) => [f.id, f]));
	let found = 0;
	let flaggedFound = 0;
	const minShare: number[] = [];
	for (const [copy, source] of pairs) {
		const f = byId.get(copy)?.peer;
		if (f && f.id === source) {
			found++;
			minShare.push(f.share);
			if (f.share > 0.6) flaggedFound++;
		}
	}
	const plantedIds = new Set(pairs.flatMap(([a, b]) => [a, b]));
	const falseFlags = figures.filter((f) => !plantedIds.has(f.id) && (f.peer?.share ?? 0) > 0.6).length;
	const total = prep + cmp;
	line(`   ${reports.length} 份报告，${(chars / 1e6).toFixed(1)} M 字符，${fps} 个指纹（每份 ${(fps / reports.length).toFixed(0)}），本轮模板指纹 ${common.size} 个`);
	line(`   指纹 ${(prep / 1000).toFixed(1)} s，全轮比对 ${(cmp / 1000).toFixed(1)} s，合计 ${(total / 1000).toFixed(1)} s；CPU 时间 ${(cpuMs / 1000).toFixed(1)} s（目标 < 10 s，单核）${cpuMs < 10_000 ? '' : '  ← 未达目标'}`);
	line(`   （机器繁忙时墙钟时间偏长：负载 ${os.loadavg()[0].toFixed(1)}，${os.cpus().length} 核）`);
	// what the round keeps per report (typed arrays of the lean fingerprint data), counted exactly
	const kept = items.reduce((n, x) => n + [x.prepared.seg, x.prepared.keys, x.prepared.valid, x.prepared.sortedKeys, x.prepared.fpPos, x.prepared.fpHash, x.prepared.fingerprints].reduce((m, a) => m + a.byteLength, 0), 0);
	line(`   内存：保留的指纹数据 ${(kept / 1048576).toFixed(0)} MB（每份 ${(kept / items.length / 1024).toFixed(0)} KB），RSS +${(rss / 1048576).toFixed(0)} MB，进程峰值 RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
	line(
		`   植入的抄袭 ${pairs.length} 对：找到 ${found}（召回 ${((100 * found) / Math.max(1, pairs.length)).toFixed(0)}%），其中重复率 > 60% 的 ${flaggedFound}；最低 ${minShare.length ? (Math.min(...minShare) * 100).toFixed(1) : '—'}%${found === pairs.length ? '' : '  ← 有漏检'}`
	);
	line(`   未植入而与其他单位重复率 > 60% 的报告 ${falseFlags} 份（生成器的短语库本身相似）`);
}
