/**
 * Server messages (service results, form actions, error() texts) in English: the same calls the
 * Chinese tests make, rendered with the locale fixed to English. No Chinese may appear except in
 * parameter values.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import type { Database } from '../../src/lib/server/db/connect';
import { signIn } from '../../src/lib/server/auth/sign-in';
import { THROTTLE } from '../../src/lib/server/auth/throttle';
import { passwordProblem } from '../../src/lib/server/auth/password';
import { requireAgency, requirePermission } from '../../src/lib/server/auth/policy';
import * as admin from '../../src/lib/server/auth/user-admin';
import * as users from '../../src/lib/server/db/users';
import { TRANSITIONS, overrideProblem, submissionProblem, transitionRound } from '../../src/lib/server/rounds/workflow';
import { setOverride } from '../../src/lib/server/scoring/override';
import { checkRubric, defaultRubric, validateRubric, type RubricIssue } from '../../src/lib/analysis/rubric';
import { draftFromForm } from '../../src/lib/server/rubric/draft';
import { rubricErrorText } from '../../src/lib/i18n/rubric-errors';
import { withLocale } from '../../src/lib/i18n/with-locale';
import { freshDb } from './helpers';
import { buildWorld, type World } from './world';

const state = vi.hoisted(() => ({ db: null as unknown }));
vi.mock('$lib/server/bootstrap', async (importOriginal) => {
	const orig = await importOriginal<typeof import('../../src/lib/server/bootstrap')>();
	return { ...orig, getDb: async () => state.db };
});

const CJK = /[\u4e00-\u9fff]/;
const en = <T>(fn: () => T | Promise<T>) => withLocale('en', fn);

let db: Database;
let w: World;
let actor: admin.Actor;

beforeEach(async () => {
	db = await freshDb();
	state.db = db;
	w = await buildWorld(db);
	actor = { id: w.users.admin.id, username: w.users.admin.username };
});
afterEach(() => db.destroy());

describe('sign-in and passwords in English', () => {
	it('bad credentials, then the throttle', async () => {
		const T0 = new Date('2026-03-01T08:00:00Z');
		for (let i = 0; i < THROTTLE.perSource.free; i++) {
			const r = await en(() => signIn(db, 'w-eval', 'wrong', { ip: '10.0.0.1', now: T0 }));
			expect(r).toEqual({ ok: false, status: 400, message: 'Incorrect username or password' });
		}
		expect(await en(() => signIn(db, 'w-eval', 'world-password-1', { ip: '10.0.0.1', now: T0 }))).toEqual({
			ok: false,
			status: 429,
			message: 'Too many sign-in attempts; please try again later'
		});
		expect(await en(() => signIn(db, '', ''))).toMatchObject({ message: 'Enter your username and password' });
		// outside withLocale: the base language, as before
		expect(await signIn(db, 'nobody', 'wrong', { ip: '10.9.9.9' })).toMatchObject({ message: '用户名或密码错误' });
	});

	it('password rules', async () => {
		expect(await en(() => passwordProblem('short'))).toBe('The password must be at least 8 characters long');
		expect(await en(() => passwordProblem('   '))).toBe('The password cannot be empty');
		expect(await en(() => passwordProblem('x'.repeat(257)))).toBe('The password is too long (at most 256 characters)');
		expect(await en(() => admin.resetPassword(db, actor, w.users.supervisor.id, 'short'))).toEqual({
			ok: false,
			message: 'The password must be at least 8 characters long'
		});
	});
});

describe('user administration in English', () => {
	it('duplicate username, bad role, missing agency', async () => {
		const input = { username: 'w-eval', displayName: '', role: 'evaluator', agencyId: null, password: 'long-enough-1' };
		expect(await en(() => admin.createUser(db, actor, input))).toEqual({ ok: false, message: 'The username “w-eval” is already taken' });
		expect(await en(() => admin.createUser(db, actor, { ...input, username: 'new-one', role: 'boss' }))).toEqual({ ok: false, message: 'Choose a valid role' });
		expect(await en(() => admin.createUser(db, actor, { ...input, username: 'new-one', role: 'agency' }))).toEqual({
			ok: false,
			message: 'An agency user must belong to an agency'
		});
		// a Chinese username is a parameter value: the sentence around it is English
		expect((await admin.createUser(db, actor, { ...input, username: '赵单位' })).ok).toBe(true);
		const zh = await en(() => admin.createUser(db, actor, { ...input, username: '赵单位' }));
		expect(zh).toEqual({ ok: false, message: 'The username “赵单位” is already taken' });
		if (!zh.ok) expect(zh.message.replace('赵单位', '')).not.toMatch(CJK);
	});

	it('the last active admin and oneself are protected', async () => {
		const boot = await users.findUserByUsername(db, 'admin');
		expect(await en(() => admin.setDisabled(db, actor, actor.id, true))).toEqual({ ok: false, message: 'You cannot disable your own account' });
		await admin.setDisabled(db, actor, boot!.id, true);
		expect(await en(() => admin.changeRole(db, actor, actor.id, 'evaluator', null))).toEqual({
			ok: false,
			message: 'At least one active administrator must remain'
		});
	});

	it('own password and sessions', async () => {
		const me = { id: w.users.evaluator.id, username: 'w-eval' };
		expect(await en(() => admin.changeOwnPassword(db, me, 'sid', 'wrong', 'new-pass-123', 'new-pass-123'))).toEqual({
			ok: false,
			message: 'The current password is incorrect'
		});
		expect(await en(() => admin.revokeOwnSession(db, me, 'nope'))).toEqual({ ok: false, message: 'The session does not exist or has already ended' });
	});
});

describe('policy errors in English', () => {
	it('401, 403 and another agency', async () => {
		const thrown = async (fn: () => unknown) => {
			try {
				await en(fn);
			} catch (e) {
				if (isHttpError(e)) return `${e.status} ${e.body.message}`;
				throw e;
			}
			return 'no error';
		};
		expect(await thrown(() => requirePermission(null, 'users.manage'))).toBe('401 You are not signed in, or your session has expired');
		expect(await thrown(() => requirePermission(w.users.evaluator, 'users.manage'))).toBe('403 You do not have permission to do this');
		expect(await thrown(() => requireAgency(w.users.agency, w.agencyB))).toBe("403 You can only see your own agency's data");
	});
});

describe('round workflow in English', () => {
	it('an invalid transition and a reopen without a reason', async () => {
		const bad = await en(() => transitionRound(db, w.roundId, 'draft', actor));
		expect(bad).toEqual({ ok: false, status: 400, message: 'A round cannot go from “Published” to “Draft”; from here it can only go to “In review”' });
		const noReason = await en(() => transitionRound(db, w.roundId, 'review', actor, { reason: '  ' }));
		expect(noReason).toEqual({ ok: false, status: 400, message: 'Give a reason to reopen a published round' });
		expect(await en(() => transitionRound(db, 99999, 'open', actor))).toEqual({ ok: false, status: 404, message: 'Assessment round not found' });
	});

	it('transition labels, override and submission states', async () => {
		expect(await en(() => TRANSITIONS.map((t) => t.label))).toEqual(['Open for submissions', 'Close submissions and start review', 'Publish results', 'Reopen review']);
		expect(TRANSITIONS[0].label).toBe('开始报送');
		expect(await en(() => overrideProblem({ status: 'published' }))).toBe(
			"This round's results are published and its scores are frozen; to adjust them, a supervisor must first reopen the review"
		);
		expect(await en(() => submissionProblem({ status: 'review' }))).toBe('Submissions for this round have closed; it is under review');
	});
});

describe('score overrides in English', () => {
	it('a too-short reason, and a published round', async () => {
		const user = { id: w.users.evaluator.id, username: 'w-eval' };
		const input = { reportId: w.reportA, indicatorId: 'fd.decision', level: 2 };
		expect(await en(() => setOverride(db, { ...input, reason: 'ab' }, user))).toEqual({
			ok: false,
			status: 400,
			message: 'Give a reason for the adjustment (at least 4 characters)'
		});
		expect(await en(() => setOverride(db, { ...input, level: 3, reason: 'long enough' }, user))).toMatchObject({
			message: 'The level must be 0 (missing), 1 (partial) or 2 (met)'
		});
		expect(await en(() => setOverride(db, { ...input, reason: 'checked by hand' }, user))).toEqual({
			ok: false,
			status: 409,
			message: "This round's results are published and its scores are frozen; to adjust them, a supervisor must first reopen the review"
		});
		expect(await setOverride(db, { ...input, reason: 'checked by hand' }, user)).toMatchObject({ message: /^该轮次结果已发布/ });
	});
});

describe('rubric problems in English', () => {
	const clone = (): Record<string, unknown> => JSON.parse(JSON.stringify(defaultRubric)) as Record<string, unknown>;
	type Dim = { id: string; indicators: Record<string, unknown>[] };
	const issuesOf = (mutate: (r: Record<string, unknown>) => void): RubricIssue[] => {
		const r = clone();
		mutate(r);
		const v = checkRubric(r);
		return v.ok ? [] : v.issues;
	};

	it('renders validateRubric problems in English, with the Chinese message kept for the CLI', async () => {
		const issues = issuesOf((r) => {
			const d = r.dimensions as Dim[];
			d[1].indicators[0].id = 'fd.decision';
			d[0].indicators[1].kind = 'magic';
			d[0].indicators[2].terms = ['(征求|听证'];
			delete d[2].indicators[0].id;
			d[2].indicators[0].name = '';
		});
		const text = await en(() => issues.map(rubricErrorText));
		expect(text).toEqual([
			'Indicator “fd.execution”: the kind “magic” is invalid; choose from default, problems_section, plans_section, statistics, table_consistency, applications, handling, count',
			'Indicator “fd.management”: the parentheses in the evidence term “(征求|听证” do not match',
			'The indicator id “fd.decision” is used more than once',
			'Indicator 1 of dimension “rc” has no id',
			'Indicator 1 of dimension “rc” has no name'
		]);
		// the Chinese stays what validateRubric always said, and rendering in Chinese gives the same
		expect(issues.map((i) => i.message)).toEqual([
			'指标“fd.execution”的类型“magic”无效，可选：default、problems_section、plans_section、statistics、table_consistency、applications、handling、count',
			'指标“fd.management”：关键词“(征求|听证”中的括号不配对',
			'指标标识“fd.decision”重复',
			'维度“rc”的第 1 个指标缺少标识（id）',
			'维度“rc”的第 1 个指标缺少名称'
		]);
		expect(issues.map(rubricErrorText)).toEqual(issues.map((i) => i.message));
		const r = clone();
		(r.dimensions as Dim[])[0].indicators[0].points = 4;
		const v = validateRubric(r);
		expect(v).toEqual({ ok: false, errors: ['各指标分值合计为 98，应为 100'] });
		const c = checkRubric(r);
		expect(c.ok ? [] : await en(() => c.issues.map(rubricErrorText))).toEqual(['The indicator points add up to 98; they must add up to 100']);
		expect(await en(() => rubricErrorText({ code: 'not_object' }))).toBe('The rubric must be a JSON object');
	});

	it('renders every term problem, in both languages', async () => {
		const cases: [string, string][] = [
			['', 'Indicator “fd.decision”: an evidence term is empty'],
			['((a))', 'Indicator “fd.decision”: the evidence term “((a))” has nested parentheses'],
			['a)', 'Indicator “fd.decision”: the parentheses in the evidence term “a)” do not match'],
			['(a|)', 'Indicator “fd.decision”: the evidence term “(a|)” has an empty alternative'],
			['a|b', 'Indicator “fd.decision”: in the evidence term “a|b”, “|” may only be used inside parentheses; split it into separate terms'],
			['*', 'Indicator “fd.decision”: the evidence term “*” contains no text'],
			['y'.repeat(201), `Indicator “fd.decision”: an evidence term is too long: ${'y'.repeat(20)}…`]
		];
		for (const [term, english] of cases) {
			const issues = issuesOf((r) => ((r.dimensions as Dim[])[0].indicators[0].terms = [term]));
			expect(issues).toHaveLength(1);
			expect(issues[0]).toMatchObject({ code: 'term', term });
			expect(await en(() => rubricErrorText(issues[0]))).toBe(english);
			expect(rubricErrorText(issues[0])).toBe(issues[0].message);
		}
	});

	it("the editor's draft: a non-number and the half-point rule", async () => {
		const r = draftFromForm(defaultRubric, 2, (k) => ({ 'points.fd.decision': 'abc' })[k] ?? null);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors).toEqual(['指标“fd.decision”的分值“abc”不是数字']);
		expect(await en(() => r.issues.map(rubricErrorText))).toEqual(['Indicator “fd.decision”: the points “abc” are not a number']);
		const r2 = draftFromForm(defaultRubric, 2, (k) => ({ 'points.fd.service': '6.3', 'terms.rc.channels': '\n ' })[k] ?? null);
		if (r2.ok) throw new Error('expected problems');
		const text = await en(() => r2.issues.map(rubricErrorText));
		expect(text).toEqual(['Indicator “fd.service”: the points must be a multiple of 0.5', 'Indicator “rc.channels” needs at least one evidence term']);
		for (const t of text) expect(t).not.toMatch(CJK);
	});
});

describe('form actions and the hook in English', () => {
	const formRequest = (fields: Record<string, string>) => {
		const body = new FormData();
		for (const [k, v] of Object.entries(fields)) body.set(k, v);
		return new Request('http://localhost/x', { method: 'POST', body });
	};

	it('a round transition action reports the new status', async () => {
		const { actions } = await import('../../src/routes/(app)/rounds/[id]/+page.server');
		const event = {
			locals: { user: w.users.supervisor },
			params: { id: String(w.roundId) },
			request: formRequest({ to: 'review', reason: 'recheck' }),
			getClientAddress: () => '127.0.0.1'
		};
		const out = await en(() => actions.transition(event as unknown as Parameters<typeof actions.transition>[0]));
		expect(out).toEqual({ done: 'The round is now “In review”' });
	});

	it('the rubric editor returns its problems in English', async () => {
		const { actions } = await import('../../src/routes/(app)/rubric/+page.server');
		const event = {
			locals: { user: w.users.admin },
			params: {},
			request: formRequest({ 'points.fd.decision': '10' }),
			getClientAddress: () => '127.0.0.1'
		};
		const out = await en(() => actions.save(event as unknown as Parameters<typeof actions.save>[0]));
		expect(out).toMatchObject({ status: 400, data: { errors: ['The indicator points add up to 104; they must add up to 100'] } });
	});

	it("the hook's 401 for the API follows the language cookie", async () => {
		const { handle } = await import('../../src/hooks.server');
		const call = async (cookie: string | null) => {
			const url = new URL('http://localhost/api/rounds');
			const headers = new Headers(cookie ? { cookie } : {});
			const event = { url, request: new Request(url, { headers }), cookies: { get: () => undefined, delete: () => {}, set: () => {} }, locals: {} };
			const res = await handle({
				event: event as unknown as Parameters<typeof handle>[0]['event'],
				resolve: async () => new Response('through')
			});
			return { status: res.status, body: (await res.json()) as unknown };
		};
		expect(await call('PARAGLIDE_LOCALE=en')).toEqual({ status: 401, body: { error: 'unauthorized', message: 'You are not signed in, or your session has expired' } });
		expect(await call(null)).toEqual({ status: 401, body: { error: 'unauthorized', message: '未登录或登录已过期' } });
	});
});
