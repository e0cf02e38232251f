/**
 * Issue 6, the table-driven access test: every route under src/routes and every load, action and
 * endpoint method in it, called as each role and as an anonymous visitor, against the rule table
 * below. A route or an export without a rule fails; a rule for something that no longer exists
 * fails too.
 *
 * Drive: anonymous requests go through the real `handle` hook (the guard for the (app) group);
 * signed-in requests call the route's load/action/handler with a minimal RequestEvent whose
 * locals carry the user (every load, action and endpoint must check on its own: layouts do not
 * protect actions). The database is a freshly migrated in-memory one with a small world.
 *
 * Outcomes: 'ok' = ran past the permission checks (returned, redirected, or for actions and
 * endpoints a fail()/4xx about the empty input); 'deny' = HttpError 403 (or 401);
 * 'own' (agency users) = 'ok' with the own agency's ids and 'deny' with another agency's.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isActionFailure, isHttpError, isRedirect } from '@sveltejs/kit';
import type { Database } from '../../src/lib/server/db/connect';
import type { SessionUser } from '../../src/lib/server/auth/session';
import { ROOT, freshDb } from './helpers';
import { buildWorld, type World } from './world';

const state = vi.hoisted(() => ({ db: null as unknown }));
vi.mock('$lib/server/bootstrap', async (importOriginal) => {
	const orig = await importOriginal<typeof import('../../src/lib/server/bootstrap')>();
	return { ...orig, getDb: async () => state.db };
});

type Expect = 'ok' | 'deny' | 'own';
type Anon = 'login' | 'public';
interface Rule {
	anonymous: Anon;
	agency: Expect;
	evaluator: Expect;
	supervisor: Expect;
	admin: Expect;
}
const ALL: Omit<Rule, 'anonymous'> = { agency: 'ok', evaluator: 'ok', supervisor: 'ok', admin: 'ok' };
const STAFF: Omit<Rule, 'anonymous'> = { agency: 'deny', evaluator: 'ok', supervisor: 'ok', admin: 'ok' };
const MANAGE: Omit<Rule, 'anonymous'> = { agency: 'deny', evaluator: 'deny', supervisor: 'ok', admin: 'ok' };
const ADMIN: Omit<Rule, 'anonymous'> = { agency: 'deny', evaluator: 'deny', supervisor: 'deny', admin: 'ok' };
const OVERRIDE: Omit<Rule, 'anonymous'> = { agency: 'deny', evaluator: 'ok', supervisor: 'deny', admin: 'ok' };
const AGENCY_ONLY: Omit<Rule, 'anonymous'> = { agency: 'ok', evaluator: 'deny', supervisor: 'deny', admin: 'deny' };
const OWN_OR_STAFF: Omit<Rule, 'anonymous'> = { agency: 'own', evaluator: 'ok', supervisor: 'ok', admin: 'ok' };
const g = (r: Omit<Rule, 'anonymous'>): Rule => ({ anonymous: 'login', ...r });

/** `route method` → rule. method: load | action:NAME | GET | POST | … | page (a page with no server module). */
const RULES: Record<string, Rule> = {
	'/ load': g(ALL), // agency users are redirected to /submit
	'/account load': g(ALL),
	'/account action:password': g(ALL),
	'/account action:revoke': g(ALL),
	'/account action:revokeOthers': g(ALL),
	'/agencies load': g(STAFF),
	'/agencies action:add': g(ADMIN),
	'/agencies action:edit': g(ADMIN),
	'/agencies action:merge': g(ADMIN),
	'/agencies action:mergePlan': g(ADMIN), // issue 14: the merge dialog's counts
	'/agencies action:unmerge': g(ADMIN),
	'/agencies action:importList': g(ADMIN),
	'/agencies/[id] load': g(OWN_OR_STAFF),
	'/audit load': g(STAFF), // evaluators read the audit log too (issue 14)
	'/compare load': g(STAFF),
	'/gaps load': g(STAFF),
	'/import load': g(MANAGE),
	'/import action:createRound': g(MANAGE),
	'/logout load': g(ALL),
	'/logout action:default': g(ALL),
	'/rankings load': g(STAFF),
	'/reports load': g(ALL), // agency users: own reports of published rounds only (filtered in SQL)
	'/reports/[id] load': g(OWN_OR_STAFF),
	'/reports/[id] action:override': g(OVERRIDE),
	// issue 14: putting a report right (supervisors and admins), reviews of overrides (evaluators)
	'/reports/[id] action:withdraw': g(MANAGE),
	'/reports/[id] action:restore': g(MANAGE),
	'/reports/[id] action:move': g(MANAGE),
	'/reports/[id] action:assign': g(MANAGE),
	'/reports/[id] action:release': g(MANAGE),
	'/reports/[id] action:reviewKeep': g(OVERRIDE),
	'/reports/[id] action:reviewDismiss': g(OVERRIDE),
	'/reports/[id]/original GET': g(OWN_OR_STAFF),
	'/reports/[id]/similarity load': g(STAFF), // issue 15: shows another agency's text

	'/rounds load': g(STAFF),
	'/rounds action:create': g(MANAGE),
	'/rounds/[id] load': g(STAFF),
	'/rounds/[id] action:transition': g(MANAGE),
	'/rounds/[id] action:edit': g(MANAGE),
	'/rounds/[id] action:delete': g(MANAGE),
	'/rounds/[id] action:assign': g(MANAGE),
	'/rounds/[id] action:rescorePlan': g(ADMIN), // re-scoring is rubric.manage, as on /rubric
	'/rounds/[id] action:rescore': g(ADMIN),
	'/rounds/[id]/agencies/[agencyId]/rectification.docx GET': g({ agency: 'own', evaluator: 'deny', supervisor: 'ok', admin: 'ok' }),
	'/rounds/[id]/indicators.csv GET': g(MANAGE),
	'/rounds/[id]/notice.docx GET': g(MANAGE),
	'/rounds/[id]/ranking.csv GET': g(MANAGE),
	'/rounds/[id]/missing.xlsx GET': g(MANAGE),
	'/rounds/[id]/missing.csv GET': g(MANAGE),
	'/rounds/[id]/rectification.zip GET': g(MANAGE),
	'/rounds/[id]/results.xlsx GET': g(MANAGE),
	'/rubric load': g(ALL),
	'/rubric action:preview': g(ADMIN),
	'/rubric action:save': g(ADMIN),
	'/rubric action:assign': g(ADMIN),
	'/submit load': g(AGENCY_ONLY),
	'/submit action:submit': g(AGENCY_ONLY),
	'/trends load': g(STAFF),
	'/users load': g(ADMIN),
	'/users action:create': g(ADMIN),
	'/users action:role': g(ADMIN),
	'/users action:disable': g(ADMIN),
	'/users action:password': g(ADMIN),
	'/users action:bulk': g(ADMIN),
	'/login load': { anonymous: 'public', ...ALL }, // signed-in users are redirected onwards
	'/login action:default': { anonymous: 'public', ...ALL },
	'/api/reports/[id]/agency POST': g(MANAGE),
	'/api/rounds GET': g(ALL), // agency users: only open and published rounds (issue 14)
	'/api/rounds/[id]/import POST': g(MANAGE),
	'/api/rounds/[id]/results GET': g(MANAGE),
	'/api/rounds/[id]/reuse GET': g(STAFF) // issue 15: names other agencies
};

// ------------------------------------------------------------------------------------------------
// Route discovery

const ROUTES_DIR = path.join(ROOT, 'src/routes');
const serverModules = import.meta.glob(['/src/routes/**/+page.server.ts', '/src/routes/**/+server.ts']);

interface RouteFile {
	route: string;
	kind: 'page' | 'page-server' | 'endpoint';
	file: string;
}

function walk(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

function routeOf(file: string): string {
	const rel = path.relative(ROUTES_DIR, path.dirname(file)).split(path.sep).filter((s) => !/^\(.+\)$/.test(s));
	return '/' + rel.join('/');
}

function discover(): RouteFile[] {
	const out: RouteFile[] = [];
	for (const f of walk(ROUTES_DIR)) {
		const base = path.basename(f);
		if (base === '+page.server.ts') out.push({ route: routeOf(f), kind: 'page-server', file: f });
		else if (base === '+server.ts') out.push({ route: routeOf(f), kind: 'endpoint', file: f });
		else if (base === '+page.svelte') out.push({ route: routeOf(f), kind: 'page', file: f });
	}
	return out;
}

const HTTP = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'fallback'];
type Fn = (event: unknown) => unknown;
interface Target {
	key: string;
	route: string;
	method: string;
	fn: Fn | null; // null: a page without a server module
}

async function targets(): Promise<Target[]> {
	const files = discover();
	const out: Target[] = [];
	for (const f of files) {
		const globKey = '/' + path.relative(ROOT, f.file).split(path.sep).join('/');
		if (f.kind === 'page') {
			const hasServer = files.some((x) => x.kind === 'page-server' && x.route === f.route);
			const hasUniversal = fs.existsSync(path.join(path.dirname(f.file), '+page.ts'));
			if (!hasServer && !hasUniversal) out.push({ key: `${f.route} page`, route: f.route, method: 'page', fn: null });
			continue;
		}
		const load = serverModules[globKey];
		if (!load) throw new Error(`module not globbed: ${globKey}`);
		const mod = (await load()) as Record<string, unknown>;
		if (f.kind === 'page-server') {
			if (typeof mod.load === 'function') out.push({ key: `${f.route} load`, route: f.route, method: 'load', fn: mod.load as Fn });
			const actions = (mod.actions ?? {}) as Record<string, Fn>;
			for (const [name, fn] of Object.entries(actions)) out.push({ key: `${f.route} action:${name}`, route: f.route, method: `action:${name}`, fn });
		} else {
			for (const m of HTTP) if (typeof mod[m] === 'function') out.push({ key: `${f.route} ${m}`, route: f.route, method: m, fn: mod[m] as Fn });
		}
	}
	return out;
}

// ------------------------------------------------------------------------------------------------
// Fake events

let db: Database;
let world: World;
let all: Target[];

function paramsFor(route: string, side: 'own' | 'other'): Record<string, string> {
	const own = side === 'own';
	const agency = String(own ? world.agencyA : world.agencyB);
	const report = String(own ? world.reportA : world.reportB);
	const p: Record<string, string> = {};
	for (const m of route.matchAll(/\[(\w+)\]/g)) {
		const name = m[1];
		const before = route.slice(0, m.index);
		if (name === 'agencyId') p[name] = agency;
		else if (/\/agencies\/$/.test(before)) p[name] = agency;
		else if (/\/reports\/$/.test(before)) p[name] = report;
		else if (/\/rounds\/$/.test(before)) p[name] = String(world.roundId);
		else throw new Error(`no fixture id for [${name}] in ${route}: extend paramsFor`);
	}
	return p;
}

function concrete(route: string, params: Record<string, string>): string {
	return route.replace(/\[(\w+)\]/g, (_, n: string) => params[n]);
}

function fakeEvent(t: Target, user: SessionUser | null, params: Record<string, string>) {
	const url = new URL(`http://localhost${concrete(t.route, params)}`);
	const isAction = t.method.startsWith('action:');
	const method = isAction ? 'POST' : t.method === 'load' || t.method === 'page' ? 'GET' : t.method;
	const body = method === 'GET' || method === 'HEAD' ? undefined : new FormData();
	if (isAction) url.search = `?/${t.method.slice('action:'.length)}`;
	const cookies = new Map<string, string>();
	return {
		url,
		params,
		route: { id: t.route },
		request: new Request(url, { method, body }),
		locals: { user, session: user ? { id: `fake-session-${user.id}`, userId: user.id, expiresAt: new Date(Date.now() + 86_400_000) } : null },
		cookies: {
			get: (n: string) => cookies.get(n),
			getAll: () => [...cookies].map(([name, value]) => ({ name, value })),
			set: (n: string, v: string) => void cookies.set(n, v),
			delete: (n: string) => void cookies.delete(n),
			serialize: () => ''
		},
		getClientAddress: () => '127.0.0.1',
		setHeaders: () => {},
		depends: () => {},
		untrack: <T>(fn: () => T) => fn(),
		parent: async () => ({}),
		fetch: globalThis.fetch,
		platform: undefined,
		isDataRequest: false,
		isSubRequest: false,
		isRemoteRequest: false,
		tracing: { enabled: false, root: null, current: null }
	};
}

type Outcome =
	| { kind: 'ok'; detail: string; text?: string }
	| { kind: 'deny'; status: number; detail: string }
	| { kind: 'error'; detail: string };

/** What a role could read from a result: the load's data, or a textual response body. */
async function readable(r: unknown): Promise<string | undefined> {
	if (r instanceof Response) {
		const type = r.headers.get('content-type') ?? '';
		return /text|json|csv/.test(type) ? await r.clone().text() : undefined;
	}
	return r === undefined ? undefined : JSON.stringify(r);
}

async function run(t: Target, user: SessionUser | null, params: Record<string, string>): Promise<Outcome> {
	if (!t.fn) return { kind: 'ok', detail: 'static page' };
	try {
		const r = await t.fn(fakeEvent(t, user, params));
		if (isActionFailure(r)) return { kind: 'ok', detail: `fail(${r.status})` };
		if (r instanceof Response && (r.status === 401 || r.status === 403)) return { kind: 'deny', status: r.status, detail: `response ${r.status}` };
		return { kind: 'ok', detail: r instanceof Response ? `response ${r.status}` : 'returned', text: await readable(r) };
	} catch (e) {
		if (isRedirect(e)) return { kind: 'ok', detail: `redirect ${e.location}` };
		if (isHttpError(e)) {
			if (e.status === 401 || e.status === 403) return { kind: 'deny', status: e.status, detail: `${e.status} ${e.body.message}` };
			// A load must succeed for an allowed role; an action or endpoint may refuse the empty input.
			if (t.method !== 'load') return { kind: 'ok', detail: `${e.status} ${e.body.message}` };
			return { kind: 'error', detail: `${e.status} ${e.body.message}` };
		}
		return { kind: 'error', detail: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
	}
}

beforeAll(async () => {
	db = await freshDb();
	world = await buildWorld(db, 'published');
	state.db = db;
	all = await targets();
}, 60_000);
afterAll(() => db?.destroy());

// ------------------------------------------------------------------------------------------------

describe('route coverage', () => {
	it('finds the routes (sanity: the glob works)', () => {
		expect(all.length).toBeGreaterThan(30);
		expect(all.map((t) => t.key)).toEqual(expect.arrayContaining(['/rubric load', '/users action:role', '/rounds/[id]/results.xlsx GET']));
	});

	it('every route, load, action and endpoint method has a rule', () => {
		const missing = all.map((t) => t.key).filter((k) => !(k in RULES));
		expect(missing, `routes without an access rule — add them to RULES in ${path.relative(ROOT, __filename)}`).toEqual([]);
	});

	it('every rule names something that exists', () => {
		const keys = new Set(all.map((t) => t.key));
		expect(Object.keys(RULES).filter((k) => !keys.has(k))).toEqual([]);
	});

	it('a page that denies any role has a server module to enforce it', () => {
		const bad = all.filter((t) => t.method === 'page' && Object.values(RULES[t.key] ?? {}).includes('deny'));
		expect(bad.map((t) => t.key)).toEqual([]);
	});
});

const ROLES = ['agency', 'evaluator', 'supervisor', 'admin'] as const;

describe('each role against the rule table', () => {
	for (const role of ROLES) {
		it(`as ${role}`, async () => {
			const user = world.users[role];
			expect(world.nameB.length).toBeGreaterThan(2);
			const problems: string[] = [];
			for (const t of all) {
				const rule = RULES[t.key];
				if (!rule) continue; // reported by the coverage test
				const want = rule[role];
				const own = await run(t, user, paramsFor(t.route, 'own'));
				const wantOwn = want === 'deny' ? 'deny' : 'ok';
				if (own.kind !== wantOwn) problems.push(`${t.key}: expected ${wantOwn}, got ${own.kind} (${own.detail})`);
				// Aggregates leak too: nothing an agency user can read may name another agency.
				if (role === 'agency' && own.kind === 'ok' && own.text?.includes(world.nameB)) {
					problems.push(`${t.key}: an agency user can read another agency's name (${world.nameB})`);
				}
				if (want === 'own' && /\[/.test(t.route)) {
					const other = await run(t, user, paramsFor(t.route, 'other'));
					if (other.kind !== 'deny') problems.push(`${t.key} (another agency's id): expected deny, got ${other.kind} (${other.detail})`);
				}
			}
			expect(problems).toEqual([]);
		}, 120_000);
	}
});

describe('anonymous visitors', () => {
	it('are stopped by the hook on every non-public route (redirect to /login, or 401 for API and POST)', async () => {
		const { handle } = await import('../../src/hooks.server');
		const problems: string[] = [];
		for (const t of all) {
			const rule = RULES[t.key];
			if (!rule) continue;
			const params = paramsFor(t.route, 'own');
			const event = fakeEvent(t, null, params);
			let resolved = false;
			let outcome = '';
			try {
				const res = await handle({
					event: event as unknown as Parameters<typeof handle>[0]['event'],
					resolve: async () => {
						resolved = true;
						return new Response('ok');
					}
				});
				outcome = resolved ? 'through' : `response ${res.status}`;
			} catch (e) {
				outcome = isRedirect(e) ? `redirect ${e.location}` : isHttpError(e) ? `error ${e.status}` : `throw ${String(e)}`;
			}
			const isApi = t.route.startsWith('/api/');
			const isGet = event.request.method === 'GET';
			const expected = rule.anonymous === 'public' ? 'through' : isApi ? 'response 401' : isGet ? 'redirect' : 'error 401';
			if (!outcome.startsWith(expected) || (expected === 'redirect' && !outcome.includes('/login'))) {
				problems.push(`${t.key}: expected ${expected}, got ${outcome}`);
			}
		}
		expect(problems).toEqual([]);
	});
});
