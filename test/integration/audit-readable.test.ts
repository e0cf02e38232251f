/**
 * The audit log reads as words (issue 14): a report by agency and file name, users by name,
 * rounds by name, indicators by name, actions in words in both languages, the override reason
 * apart, and the date filter in the office's days.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/connect';
import { appendAudit } from '../../src/lib/server/db/audit';
import { auditActionLabel, queryAudit, readableAudit } from '../../src/lib/server/db/audit-query';
import { setOverride } from '../../src/lib/server/scoring/override';
import { transitionRound } from '../../src/lib/server/rounds/workflow';
import { withLocale } from '../../src/lib/i18n/with-locale';
import { formatDateTime } from '../../src/lib/time';
import { freshDb } from './helpers';
import { buildWorld, type World } from './world';

let db: Database;
let w: World;

beforeAll(async () => {
	db = await freshDb();
	w = await buildWorld(db, 'review');
	await db.updateTable('users').set({ display_name: '王评审' }).where('id', '=', w.users.evaluator.id).execute();
	const ind = await db.selectFrom('scores').select('indicator_id').where('report_id', '=', w.reportA).where('machine_level', '=', 2).executeTakeFirstOrThrow();
	const ov = await setOverride(db, { reportId: w.reportA, indicatorId: ind.indicator_id, level: 1, reason: '依据不足，只有笼统表述' }, w.users.evaluator);
	expect(ov.ok).toBe(true);
	await appendAudit(db, { userId: null, username: 'cli', action: 'export', entity: 'round', entityId: w.roundId, after: { format: 'xlsx', file: 'x.xlsx' } }, new Date('2026-11-22T17:30:00Z'));
}, 120_000);

async function all() {
	const r = await queryAudit(db, { pageSize: 500 });
	return readableAudit(db, r.rows);
}

describe('readable audit log', () => {
	it('names the report by agency, file and round, the user by display name, the indicator by name, the reason apart', async () => {
		const rows = await withLocale('zh-CN', all);
		const ov = rows.find((r) => r.action === 'override');
		expect(ov).toBeDefined();
		expect(ov!.subject).toBe(`${w.nameA} · a.txt（2024年度政务公开考核）`);
		expect(ov!.user).toBe('王评审（w-eval）');
		expect(ov!.reason).toBe('依据不足，只有笼统表述');
		const level = ov!.fields.find((f) => f.key === 'level');
		expect(level).toMatchObject({ label: '等级', before: '2 达标', after: '1 部分' });
		const indicator = ov!.fields.find((f) => f.key === 'indicator');
		expect(indicator?.label).toBe('指标');
		expect(indicator?.after).not.toMatch(/^[a-z]+\.[a-z_]+$/); // a name, not the id
		expect(JSON.stringify(ov)).not.toContain('"{');
		expect(auditActionLabel('override')).toBe('调整评分');
	});

	it('resolves agency and round ids inside the details (import) and keeps unknown fields', async () => {
		const rows = await withLocale('zh-CN', all);
		const imp = rows.find((r) => r.action === 'import' && r.subject?.includes(w.nameB));
		expect(imp?.fields.find((f) => f.key === 'agencyId')?.after).toBe(w.nameB);
		expect(imp?.fields.find((f) => f.key === 'roundId')?.after).toBe('2024年度政务公开考核');
		const exp = rows.find((r) => r.action === 'export');
		expect(exp?.subject).toBe('2024年度政务公开考核');
		expect(exp?.user).toBe('cli');
	});

	it('speaks English when asked', async () => {
		const rows = await withLocale('en', all);
		const ov = rows.find((r) => r.action === 'override')!;
		expect(ov.fields.find((f) => f.key === 'level')).toMatchObject({ label: 'Level', before: '2 Met', after: '1 Partial' });
		expect(await withLocale('en', () => auditActionLabel('override'))).toMatch(/^[A-Za-z ]+$/);
		expect(await withLocale('en', () => auditActionLabel('round_publish'))).not.toBe('round_publish');
	});

	it('names a round status change and its reason', async () => {
		const r = await transitionRound(db, w.roundId, 'published', w.users.supervisor);
		expect(r.ok).toBe(true);
		const back = await transitionRound(db, w.roundId, 'review', w.users.supervisor, { reason: '发现一份报告单位有误' });
		expect(back.ok).toBe(true);
		const rows = await withLocale('zh-CN', all);
		const reopen = rows.find((x) => x.action === 'round_reopen')!;
		expect(reopen.reason).toBe('发现一份报告单位有误');
		expect(reopen.fields.find((f) => f.key === 'status')).toMatchObject({ before: '已发布', after: '评审中' });
	});

	it('filters by the office day and shows Beijing times: 17:30 UTC on the 22nd is the 23rd in Beijing', async () => {
		const day = await queryAudit(db, { from: '2026-11-23', to: '2026-11-23', timeZone: 'Asia/Shanghai' });
		expect(day.rows.map((r) => r.action)).toEqual(['export']);
		expect(formatDateTime(day.rows[0].at, 'Asia/Shanghai')).toBe('2026-11-23 01:30');
		const utcDay = await queryAudit(db, { from: '2026-11-23', to: '2026-11-23', timeZone: 'UTC' });
		expect(utcDay.rows).toHaveLength(0);
	});
});
