/**
 * Seeds the e2e database for the workflow journey (run by serve.js through tsx, after bootstrap):
 * two agencies, an open round, a report from the second agency, and one user per role.
 * A fresh database numbers them deterministically: agency 1 (users' own), agency 2 (the other),
 * round 1, report 1 (agency 2's). workflow.e2e.ts relies on those ids.
 */
import { openDatabase } from '../../src/lib/server/db/connect';
import { ensureSchema } from '../../src/lib/server/bootstrap';
import { readConfig } from '../../src/lib/server/env';
import { hashPassword } from '../../src/lib/server/auth/password';
import * as agencies from '../../src/lib/server/db/agencies';
import * as rounds from '../../src/lib/server/db/rounds';
import * as rubrics from '../../src/lib/server/db/rubrics';
import * as users from '../../src/lib/server/db/users';
import { createIngestContext, ingestFile } from '../../src/lib/server/import/ingest';
import { generateReport } from '../../src/lib/demo/generate';
import { E2E_AGENCIES, E2E_PASSWORD, E2E_USERS } from './pages/fixtures';

const cfg = readConfig();
const db = await openDatabase(cfg.databaseUrl);
await ensureSchema(db, cfg);
const ids: number[] = [];
for (const a of E2E_AGENCIES) ids.push(await agencies.insertAgency(db, { name: a.name, groupName: '盟直部门', region: '青岚盟' }));
const rubric = await rubrics.latestRubric(db);
if (!rubric) throw new Error('no rubric');
const roundId = await rounds.insertRound(db, { name: 'E2E 2024年度考核', period: '2024', rubricId: rubric.id, deadline: '2099-12-31', status: 'open' });
const ctx = await createIngestContext(db, roundId, { id: null, username: 'e2e-seed' });
const other = E2E_AGENCIES[1];
const text = generateReport({ agency: { name: other.name, aliases: [], group: '盟直部门', level: '部门', region: '青岚盟' }, year: 2024, seed: 21, quality: 0.7 }).text;
const r = await ingestFile(ctx, '另一单位报告.txt', new TextEncoder().encode(text), { agencyId: ids[1] });
if (r.status !== 'imported') throw new Error(`seed import failed: ${JSON.stringify(r)}`);
const hash = await hashPassword(E2E_PASSWORD);
for (const u of Object.values(E2E_USERS)) {
	await users.insertUser(db, {
		username: u.username,
		display_name: u.display,
		role: u.role,
		agency_id: u.role === 'agency' ? ids[0] : null,
		password_hash: hash
	});
}
console.log(`e2e seed: agencies ${ids.join(',')}, round ${roundId}, report ${r.reportId}`);
await db.destroy();
