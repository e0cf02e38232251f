/** Issue 6 security: the CSP configuration, the headers set by the hook, and escaping of report text. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { render } from 'svelte/server';
import type { Database } from '../../src/lib/server/db/connect';
import { ROOT, freshDb } from './helpers';

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

const EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)>';

describe('Content-Security-Policy', () => {
	it('is configured through kit.csp with the required directives', async () => {
		const { default: config } = await import('../../svelte.config.js');
		const csp = config.kit?.csp;
		expect(csp?.mode).toBe('auto');
		const d = csp?.directives ?? {};
		expect(d['default-src']).toEqual(['self']);
		expect(d['script-src']).toEqual(['self']);
		expect(d['style-src']).toEqual(['self', 'unsafe-inline']);
		expect(d['img-src']).toEqual(['self', 'data:', 'blob:']);
		expect(d['object-src']).toEqual(['none']);
		expect(d['frame-ancestors']).toEqual(['none']);
		expect(d['base-uri']).toEqual(['self']);
		expect(d['form-action']).toEqual(['self']);
		// no script escape hatches
		expect(JSON.stringify(d['script-src'])).not.toMatch(/unsafe-inline|unsafe-eval/);
		// SvelteKit's origin check (CSRF) stays on
		expect(config.kit?.csrf?.checkOrigin ?? true).toBe(true);
	});
});

describe('the hook', () => {
	it('adds nosniff and a same-origin referrer policy to responses', async () => {
		const { handle } = await import('../../src/hooks.server');
		const url = new URL('http://localhost/login');
		const event = {
			url,
			request: new Request(url),
			cookies: { get: () => undefined, delete: () => {}, set: () => {} },
			locals: {}
		};
		const res = await handle({
			event: event as unknown as Parameters<typeof handle>[0]['event'],
			resolve: async () => new Response('<html></html>', { headers: { 'content-type': 'text/html' } })
		});
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
		expect(res.headers.get('referrer-policy')).toBe('same-origin');
	});
});

describe('escaping', () => {
	function svelteFiles(dir: string): string[] {
		return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
			const p = path.join(dir, e.name);
			return e.isDirectory() ? svelteFiles(p) : e.name.endsWith('.svelte') ? [p] : [];
		});
	}

	it('no component renders raw HTML with {@html}', () => {
		const offenders = svelteFiles(path.join(ROOT, 'src')).filter((f) => /\{@html\s/.test(fs.readFileSync(f, 'utf8')));
		expect(offenders.map((f) => path.relative(ROOT, f))).toEqual([]);
	});

	it('a file name and an agency name containing <script> render as text on the submission board', async () => {
		const { default: Board } = await import('../../src/routes/(app)/rounds/[id]/SubmissionBoard.svelte');
		const { body } = render(Board, {
			props: {
				board: [{ agencyId: 1, agencyName: EVIL, group: null, state: 'submitted', stateLabel: '已报送', reportId: 7, fileName: `${EVIL}.txt`, submittedAt: '2025-01-02T03:04:05Z' }],
				counts: { submitted: 1, late: 0, missing: 0 },
				roundId: 1
			}
		});
		expect(body).not.toContain('<script>alert');
		expect(body).not.toContain('<img src=x');
		expect(body).toContain('&lt;script>alert');
	});

	it('rubric wording containing markup renders as text on the 整改清单', async () => {
		const { default: OwnResult } = await import('../../src/routes/(app)/submit/OwnResult.svelte');
		const { body } = render(OwnResult, {
			props: {
				result: {
					reportId: 1,
					fileName: EVIL,
					total: 50,
					max: 100,
					rubricName: EVIL,
					dimensions: [{ id: 'fd', name: EVIL, score: 10, max: 30 }],
					gaps: [{ id: 'fd.decision', name: EVIL, description: EVIL, dimension: EVIL, level: 0 as const, points: 6, lost: 6 }]
				}
			}
		});
		expect(body).not.toContain('<script>alert');
		expect(body).not.toContain('<img src=x');
	});
});
