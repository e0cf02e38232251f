/**
 * Demo data: the generated reports of ~40 fictional agencies of 青岚盟 over four yearly rounds,
 * imported through the real decode → analyze → ingest path (some as GBK bytes, as agencies send).
 */
import iconv from 'iconv-lite';
import { demoAgencies, generateRound } from '../demo/generate';
import type { Database } from './db/connect';
import * as agencies from './db/agencies';
import * as rounds from './db/rounds';
import * as rubrics from './db/rubrics';
import { createIngestContext, ingestFile } from './import/ingest';
import { plantReuse } from '../demo/reuse';

export const DEMO_YEARS = [2022, 2023, 2024, 2025] as const;
const DEMO_SEED = 7;

export interface DemoSummary {
	agencies: number;
	rounds: number;
	reports: number;
	failed: number;
}

export async function hasData(db: Database): Promise<boolean> {
	const r = await db.selectFrom('rounds').select('id').limit(1).executeTakeFirst();
	const a = await db.selectFrom('agencies').select('id').limit(1).executeTakeFirst();
	return !!(r || a);
}

/** Loads the demo data; refuses (returns null) when the database already has rounds or agencies. */
export async function loadDemo(db: Database, opts: { count?: number; years?: readonly number[]; log?: (s: string) => void } = {}): Promise<DemoSummary | null> {
	if (await hasData(db)) return null;
	const log = opts.log ?? (() => {});
	const list = demoAgencies(opts.count ?? 40, 1);
	const ids = new Map<string, number>();
	await db.transaction().execute(async (trx) => {
		for (const a of list) {
			ids.set(a.name, await agencies.insertAgency(trx, { name: a.name, level: a.level, region: a.region, groupName: a.group, aliases: a.aliases }));
		}
	});
	const rubric = await rubrics.latestRubric(db);
	if (!rubric) throw new Error('缺少默认考评细则');
	const years = opts.years ?? DEMO_YEARS;
	let reports = 0;
	let failed = 0;
	let previous = new Map<string, string>();
	for (const [i, year] of years.entries()) {
		const last = i === years.length - 1;
		const roundId = await rounds.insertRound(db, {
			name: `${year}年度政务公开考核`,
			period: String(year),
			rubricId: rubric.id,
			deadline: `${year + 1}-01-31`,
			status: last ? 'review' : 'published'
		});
		if (!last) await db.updateTable('rounds').set({ published_at: `${year + 1}-03-15T02:00:00.000Z` }).where('id', '=', roundId).execute();
		const ctx = await createIngestContext(db, roundId, { id: null, username: '演示数据' });
		const generated = generateRound(list, year, DEMO_SEED);
		for (const [k, g] of generated.entries()) {
			// issue 15: the last round has two planted copies (last year's text again; a neighbour's)
			const text = last ? plantReuse(k, generated, previous, year) : g.text;
			const bytes = k % 7 === 3 ? iconv.encode(text, 'gb18030') : new TextEncoder().encode(text);
			// Most reports arrive before the deadline (31 January); a few are late.
			const day = k % 11 === 5 ? `${year + 1}-02-0${1 + (k % 8)}` : `${year + 1}-01-${String(5 + (k % 25)).padStart(2, '0')}`;
			const r = await ingestFile(ctx, g.fileName, bytes, { agencyId: ids.get(g.agency), now: new Date(`${day}T09:00:00+08:00`) });
			if (r.status === 'imported') reports++;
			else {
				failed++;
				log(`  演示报告 ${g.fileName}：${r.message}`);
			}
		}
		previous = new Map(generated.map((g) => [g.agency, g.text]));
		log(`  已导入 ${year} 年度演示报告 ${generated.length} 份`);
	}
	return { agencies: list.length, rounds: years.length, reports, failed };
}
