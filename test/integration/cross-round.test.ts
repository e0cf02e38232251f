/**
 * Issue 12 across rounds: two reports of one agency in consecutive rounds; the later one's stored
 * analysis carries the carry-over and documents-in-force checks against the earlier one's tables,
 * on import and again on re-score.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/lib/analysis/types';
import type { Database } from '../../src/lib/server/db/connect';
import * as agencies from '../../src/lib/server/db/agencies';
import * as rounds from '../../src/lib/server/db/rounds';
import * as rubrics from '../../src/lib/server/db/rubrics';
import { createIngestContext, ingestFile } from '../../src/lib/server/import/ingest';
import { rescoreRound } from '../../src/lib/server/scoring/rescore';
import { BALANCED, pipeTableFour, pipeTableThree, pipeTableTwo, tableThree } from '../fixtures/annual-tables';
import { freshDb } from './helpers';

const AGENCY = '青岚县交通运输局';
const USER = { id: null, username: 'test' };
const utf8 = (s: string) => new TextEncoder().encode(s);

function annual(year: number, o: { carried: number[]; carryOver: number[]; inForce: number }): string {
	const received = [3, 1, 0, 0, 1, 0, 5];
	const total = received.map((v, i) => v + o.carried[i] - o.carryOver[i]);
	const rows = tableThree({ received, carried: o.carried, granted: total, total, carryOver: o.carryOver });
	return [
		`${AGENCY}${year}年政府信息公开工作年度报告`,
		'一、总体情况',
		`${year}年，我局认真贯彻落实《中华人民共和国政府信息公开条例》，及时回应公众关切，依法办理政府信息公开申请，按时答复，没有发生逾期答复的情况。`.repeat(3),
		pipeTableTwo({ rules: [0, 0, 2], normative: [3, 1, o.inForce], licensing: 25, penalties: 7 }),
		pipeTableThree(rows),
		pipeTableFour([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
		'五、存在的主要问题及改进情况',
		'一是公开内容不够全面。下一步，我局将加强业务培训。',
		AGENCY,
		`${year + 1}年1月20日`
	].join('\n');
}

let db: Database;
let r2023: number;
let r2024: number;
beforeEach(async () => {
	db = await freshDb();
	await agencies.insertAgency(db, { name: AGENCY, groupName: '县直部门', region: '青岚县' });
	const rubric = await rubrics.latestRubric(db);
	r2023 = await rounds.insertRound(db, { name: '2023年度政务公开考核', period: '2023', rubricId: rubric!.id });
	r2024 = await rounds.insertRound(db, { name: '2024年度政务公开考核', period: '2024', rubricId: rubric!.id });
});
afterEach(() => db.destroy());

async function storedChecks(roundId: number): Promise<CheckResult[]> {
	const row = await db.selectFrom('reports').select('analysis').where('round_id', '=', roundId).executeTakeFirstOrThrow();
	return (JSON.parse(String(row.analysis)) as { checks: CheckResult[] }).checks;
}

describe('cross-round table checks', () => {
	it('this year’s 上年结转 against last year’s 结转下年度; 现行有效 from last year’s', async () => {
		const last = await ingestFile(await createIngestContext(db, r2023, USER), 'a2023.txt', utf8(annual(2023, { carried: [0, 0, 0, 0, 0, 0, 0], carryOver: [1, 0, 0, 0, 0, 0, 1], inForce: 10 })));
		expect(last.status).toBe('imported');
		expect((await storedChecks(r2023)).some((c) => c.id === 'carry_over')).toBe(false);
		const now = await ingestFile(await createIngestContext(db, r2024, USER), 'a2024.txt', utf8(annual(2024, { carried: [1, 0, 0, 0, 0, 0, 1], carryOver: [0, 0, 0, 0, 0, 0, 0], inForce: 12 })));
		expect(now.status).toBe('imported');
		const checks = await storedChecks(r2024);
		expect(checks.find((c) => c.id === 'applications_identity')?.ok).toBe(true);
		expect(checks.find((c) => c.id === 'carry_over')).toMatchObject({ ok: true, params: { checked: 7 } });
		expect(checks.find((c) => c.id === 'documents_in_force')).toMatchObject({ ok: true });
	});

	it('flags a carry-over that does not match last year’s report, again after re-scoring', async () => {
		await ingestFile(await createIngestContext(db, r2023, USER), 'a2023.txt', utf8(annual(2023, { carried: [0, 0, 0, 0, 0, 0, 0], carryOver: [2, 0, 0, 0, 0, 0, 2], inForce: 10 })));
		await ingestFile(await createIngestContext(db, r2024, USER), 'a2024.txt', utf8(annual(2024, { carried: [1, 0, 0, 0, 0, 0, 1], carryOver: [0, 0, 0, 0, 0, 0, 0], inForce: 15 })));
		const first = await storedChecks(r2024);
		expect(first.find((c) => c.id === 'carry_over')).toMatchObject({ ok: false, status: 'failed' });
		expect(first.find((c) => c.id === 'carry_over')?.cells?.map((x) => x.column)).toEqual(['自然人', '总计']);
		expect(first.find((c) => c.id === 'documents_in_force')).toMatchObject({ ok: false });
		const rubric = await rubrics.latestRubric(db);
		await rescoreRound(db, r2024, rubric!.id, USER);
		const again = await storedChecks(r2024);
		expect(again.find((c) => c.id === 'carry_over')).toMatchObject({ ok: false });
		expect(again.find((c) => c.id === 'carry_over')?.evidence?.some((e) => e.previous)).toBe(true);
	});
});
