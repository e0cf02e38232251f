/** Issue 13: per-route request body limits in the hook, bounded sign-in input and audit details. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../src/lib/server/db/connect';
import { appendAudit } from '../../src/lib/server/db/audit';
import { bodyLimitFor, SMALL_BODY_BYTES } from '../../src/lib/server/http/body-limit';
import { config } from '../../src/lib/server/env';
import { freshDb } from './helpers';

const state = vi.hoisted(() => ({ db: null as unknown }));
vi.mock('$lib/server/bootstrap', async (importOriginal) => {
	const orig = await importOriginal<typeof import('../../src/lib/server/bootstrap')>();
	return { ...orig, getDb: async () => state.db };
});

let db: Database;
beforeAll(async () => {
	db = await freshDb();
	state.db = db;
});
afterAll(() => db.destroy());

type Handle = typeof import('../../src/hooks.server').handle;
type Ev = Parameters<Handle>[0]['event'];

/** Runs the hook on a POST; `resolve` reads the body as a form action would. */
async function post(path: string, body: BodyInit, headers: Record<string, string> = {}) {
	const { handle } = await import('../../src/hooks.server');
	const url = new URL(`http://localhost${path}`);
	const request = new Request(url, { method: 'POST', body, headers, duplex: 'half' } as RequestInit);
	const event = { url, request, cookies: { get: () => undefined, delete: () => {}, set: () => {} }, locals: {}, getClientAddress: () => '127.0.0.1' };
	let read = -1;
	const res = await handle({
		event: event as unknown as Ev,
		resolve: async (e) => {
			read = (await e.request.arrayBuffer()).byteLength;
			return new Response('ok');
		}
	});
	return { res, read };
}

const MB = 1024 * 1024;

describe('request body limits per route', () => {
	it('a 1 MB sign-in body gets 413 before anything reads it', async () => {
		const big = 'username=' + 'a'.repeat(MB);
		await expect(post('/login', big, { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(big.length) })).rejects.toMatchObject({
			status: 413,
			body: { message: '请求内容过大（上限 16 KB）' }
		});
	});

	it('a chunked body without Content-Length is cut at the limit with 413', async () => {
		const chunks = Array.from({ length: 64 }, () => new TextEncoder().encode('x'.repeat(16 * 1024)));
		const stream = new ReadableStream<Uint8Array>({
			pull(c) {
				const next = chunks.shift();
				if (next) c.enqueue(next);
				else c.close();
			}
		});
		await expect(post('/login', stream)).rejects.toMatchObject({ status: 413 });
	});

	it('small bodies pass; upload routes keep the large limit', async () => {
		expect((await post('/login', 'username=wang&password=x', { 'content-type': 'application/x-www-form-urlencoded' })).read).toBe(24);
		const file = new Uint8Array(2 * MB);
		// Anonymous, so the session guard answers (401) — the body limit let them through.
		expect((await post('/api/rounds/1/import', file, { 'content-length': String(file.length) })).res.status).toBe(401);
		await expect(post('/submit?/submit', file, { 'content-length': String(file.length) })).rejects.toMatchObject({ status: 401 });
		await expect(post('/reports/1?/override', file, { 'content-length': String(file.length) })).rejects.toMatchObject({ status: 413 });
	});

	it('the table of limits', () => {
		expect(bodyLimitFor('POST', '/login', '', config.maxFileBytes)).toBe(SMALL_BODY_BYTES);
		expect(bodyLimitFor('POST', '/account', '?/password', config.maxFileBytes)).toBe(SMALL_BODY_BYTES);
		expect(bodyLimitFor('POST', '/agencies', '?/add', config.maxFileBytes)).toBe(SMALL_BODY_BYTES);
		expect(bodyLimitFor('POST', '/agencies', '?/importList', config.maxFileBytes)).toBeGreaterThan(config.maxFileBytes);
		expect(bodyLimitFor('POST', '/submit', '?/submit', config.maxFileBytes)).toBeGreaterThan(config.maxFileBytes);
		expect(bodyLimitFor('POST', '/api/rounds/7/import', '', config.maxFileBytes)).toBeNull();
		expect(bodyLimitFor('POST', '/api/reports/7/agency', '', config.maxFileBytes)).toBe(SMALL_BODY_BYTES);
		expect(bodyLimitFor('POST', '/rubric', '?/save', config.maxFileBytes)).toBe(MB);
	});
});

describe('the sign-in form with a 10 KB username', () => {
	it('is refused, not stored, and not echoed back whole', async () => {
		const { actions } = await import('../../src/routes/(auth)/login/+page.server');
		const long = 'x'.repeat(10 * 1024);
		const form = new URLSearchParams({ username: long, password: 'pw' });
		const url = new URL('http://localhost/login');
		const event = {
			url,
			request: new Request(url, { method: 'POST', body: form }),
			getClientAddress: () => '127.0.0.1',
			cookies: { set: () => {} }
		};
		const r = (await actions.default(event as never)) as { status: number; data: { username: string } };
		expect(r.status).toBe(400);
		expect(r.data.username.length).toBeLessThanOrEqual(64);
		expect(await db.selectFrom('audit_log').selectAll().where('username', 'like', 'xxxx%').execute()).toHaveLength(0);
		expect(await db.selectFrom('login_attempts').selectAll().execute()).toHaveLength(0);
	});
});

describe('audit entries store bounded details', () => {
	it('clips the user name and replaces a huge detail by a marked preview', async () => {
		await appendAudit(db, { userId: null, username: 'u'.repeat(5000), action: 'test_bounds', after: { text: 'z'.repeat(100_000) } });
		const row = await db.selectFrom('audit_log').selectAll().where('action', '=', 'test_bounds').executeTakeFirstOrThrow();
		expect(row.username?.length).toBe(64);
		expect(row.after!.length).toBeLessThan(2000);
		expect(JSON.parse(row.after!)).toMatchObject({ truncated: true, chars: 100_011 });
	});
});
