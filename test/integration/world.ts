/**
 * A small world for the access and workflow tests: two agencies, one user per role (and a second
 * agency user), one round with one report per agency. Built in code (synthetic reports).
 */
import type { Database } from '../../src/lib/server/db/connect';
import type { SessionUser } from '../../src/lib/server/auth/session';
import { hashPassword } from '../../src/lib/server/auth/password';
import * as agencies from '../../src/lib/server/db/agencies';
import * as rounds from '../../src/lib/server/db/rounds';
import * as rubrics from '../../src/lib/server/db/rubrics';
import * as users from '../../src/lib/server/db/users';
import type { Role, RoundStatus } from '../../src/lib/server/db/schema';
import { createIngestContext, ingestFile } from '../../src/lib/server/import/ingest';
import { demoAgencies, generateReport } from '../../src/lib/demo/generate';

export const PASSWORD = 'world-password-1';

export interface World {
	agencyA: number;
	agencyB: number;
	nameA: string;
	nameB: string;
	roundId: number;
	reportA: number;
	reportB: number;
	rubricId: number;
	users: Record<'admin' | 'supervisor' | 'evaluator' | 'agency' | 'agencyB', SessionUser>;
}

const utf8 = (s: string) => new TextEncoder().encode(s);
let hashed: Promise<string> | null = null;

export async function buildWorld(db: Database, status: RoundStatus = 'published'): Promise<World> {
	const [a, b] = demoAgencies(40, 1).filter((x) => x.group === '盟直部门');
	const agencyA = await agencies.insertAgency(db, { name: a.name, groupName: a.group, region: a.region });
	const agencyB = await agencies.insertAgency(db, { name: b.name, groupName: b.group, region: b.region });
	const rubric = await rubrics.latestRubric(db);
	if (!rubric) throw new Error('no rubric');
	const roundId = await rounds.insertRound(db, { name: '2024年度政务公开考核', period: '2024', rubricId: rubric.id, deadline: '2099-01-31', status: 'open' });
	const ctx = await createIngestContext(db, roundId, { id: null, username: 'test' });
	const ra = await ingestFile(ctx, 'a.txt', utf8(generateReport({ agency: a, year: 2024, seed: 3, quality: 0.5 }).text), { agencyId: agencyA });
	const rb = await ingestFile(ctx, 'b.txt', utf8(generateReport({ agency: b, year: 2024, seed: 4, quality: 0.9 }).text), { agencyId: agencyB });
	if (ra.status !== 'imported' || rb.status !== 'imported') throw new Error(`fixture import failed: ${ra.status} ${rb.status}`);
	if (status !== 'open') await db.updateTable('rounds').set({ status }).where('id', '=', roundId).execute();
	hashed ??= hashPassword(PASSWORD);
	const hash = await hashed;
	const make = async (username: string, role: Role, agencyId: number | null): Promise<SessionUser> => {
		const id = await users.insertUser(db, { username, display_name: username, role, agency_id: agencyId, password_hash: hash });
		return { id, username, displayName: username, role, agencyId };
	};
	return {
		agencyA,
		agencyB,
		nameA: a.name,
		nameB: b.name,
		roundId,
		reportA: ra.reportId,
		reportB: rb.reportId,
		rubricId: rubric.id,
		users: {
			admin: await make('w-admin', 'admin', null),
			supervisor: await make('w-super', 'supervisor', null),
			evaluator: await make('w-eval', 'evaluator', null),
			agency: await make('w-agency', 'agency', agencyA),
			agencyB: await make('w-agency-b', 'agency', agencyB)
		}
	};
}
