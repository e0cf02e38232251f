/** Issue 13: what agency users read on /rubric, clamped paging, and how originals are served. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../src/lib/server/db/connect';
import type { SessionUser } from '../../src/lib/server/auth/session';
import { buildWorld, type World } from './world';
import { freshDb } from './helpers';

const state = vi.hoisted(() => ({ db: null as unknown }));
vi.mock('$lib/server/bootstrap', async (importOriginal) => {
	const orig = await importOriginal<typeof import('../../src/lib/server/bootstrap')>();
	return { ...orig, getDb: async () => state.db };
});

let db: Database;
let world: World;
beforeAll(async () => {
	db = await freshDb();
	world = await buildWorld(db, 'published');
	state.db = db;
}, 60_000);
afterAll(() => db.destroy());

function event(path: string, user: SessionUser, params: Record<string, string> = {}) {
	const url = new URL(`http://localhost${path}`);
	return {
		url,
		params,
		request: new Request(url),
		locals: { user, session: { id: 's', userId: user.id, expiresAt: new Date(Date.now() + 86_400_000) } },
		cookies: { get: () => undefined, getAll: () => [], set: () => {}, delete: () => {}, serialize: () => '' },
		getClientAddress: () => '127.0.0.1',
		setHeaders: () => {},
		depends: () => {},
		untrack: <T>(fn: () => T) => fn(),
		parent: async () => ({}),
		fetch: globalThis.fetch
	} as never;
}

describe('/rubric', () => {
	it('an agency user gets indicators, points and descriptions but not one matching term', async () => {
		const { load } = await import('../../src/routes/(app)/rubric/+page.server');
		const data = (await load(event('/rubric', world.users.agency))) as { rubric: { definition: { dimensions: { name: string; indicators: Record<string, unknown>[] }[] } }; showTerms: boolean };
		const indicators = data.rubric.definition.dimensions.flatMap((d) => d.indicators);
		expect(indicators.length).toBeGreaterThan(10);
		expect(data.showTerms).toBe(false);
		for (const ind of indicators) {
			expect(ind).toMatchObject({ id: expect.any(String), name: expect.any(String), points: expect.any(Number), description: expect.any(String) });
			expect(ind.terms).toEqual([]);
			expect(ind).not.toHaveProperty('with');
			expect(ind).not.toHaveProperty('specifics');
		}
		// and nothing of the real terms anywhere in what the page receives
		const staff = (await load(event('/rubric', world.users.evaluator))) as typeof data;
		// (terms that are also words of an indicator's name or description are shown there anyway)
		const shown = JSON.stringify(staff.rubric.definition.dimensions.map((d) => [d.name, d.indicators.map((i) => [i.name, i.description])]));
		const someTerms = staff.rubric.definition.dimensions.flatMap((d) => d.indicators.flatMap((i) => i.terms as string[])).filter((t) => t.length >= 4 && !shown.includes(t));
		expect(someTerms.length).toBeGreaterThan(20);
		const sent = JSON.stringify(data);
		expect(someTerms.filter((t) => sent.includes(t))).toEqual([]);
		expect(staff.showTerms).toBe(true);
	});
});

describe('paging clamps out-of-range and non-numeric pages', () => {
	it.each(['1e308', 'Infinity', '-1', 'abc', '99999999999999999999', '2.5'])('page=%s answers with a page that exists', async (p) => {
		const reports = await import('../../src/routes/(app)/reports/+page.server');
		const r = (await reports.load(event(`/reports?page=${encodeURIComponent(p)}`, world.users.supervisor))) as { page: number; pages: number; rows: unknown[] };
		expect(r.page).toBeGreaterThanOrEqual(1);
		expect(r.page).toBeLessThanOrEqual(r.pages);
		expect(r.rows.length).toBeGreaterThan(0);
		const audit = await import('../../src/routes/(app)/audit/+page.server');
		const a = (await audit.load(event(`/audit?page=${encodeURIComponent(p)}`, world.users.admin))) as { page: number; rows: unknown[] };
		expect(a.page).toBeGreaterThanOrEqual(1);
		expect(a.rows.length).toBeGreaterThan(0);
		const rankings = await import('../../src/routes/(app)/rankings/+page.server');
		const k = (await rankings.load(event(`/rankings?page=${encodeURIComponent(p)}`, world.users.supervisor))) as { page: number; pages: number };
		expect(k.page).toBeLessThanOrEqual(k.pages);
	});
});

describe('/reports/[id]/original', () => {
	it('is served with no-store and a CSP that runs and loads nothing', async () => {
		const { GET } = await import('../../src/routes/(app)/reports/[id]/original/+server');
		const res = (await GET(event(`/reports/${world.reportA}/original`, world.users.evaluator, { id: String(world.reportA) }))) as Response;
		expect(res.status).toBe(200);
		expect(res.headers.get('cache-control')).toBe('no-store');
		expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'.*sandbox/);
		expect(res.headers.get('content-disposition')).toMatch(/^attachment/);
	});
});
