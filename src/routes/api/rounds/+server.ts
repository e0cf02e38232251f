import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/auth/policy';
import { getDb } from '$lib/server/bootstrap';
import { visibleRounds } from '$lib/server/rounds/visibility';

/** `[{ id, name, period, status }]`, newest period first: every round for staff; for agency users only the open and published ones. */
export const GET: RequestHandler = async ({ locals }) => {
	const user = requireUser(locals.user);
	const list = await visibleRounds(await getDb(), user);
	return json(list.map((r) => ({ id: r.id, name: r.name, period: r.period, status: r.status })));
};
