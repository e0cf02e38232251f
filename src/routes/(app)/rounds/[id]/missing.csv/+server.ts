import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requirePermission } from '$lib/server/auth/policy';
import { getDb } from '$lib/server/bootstrap';
import { missingList, renderMissing } from '$lib/server/export/missing';
import { clientIp } from '$lib/server/export/route';
import { fileResponse, parseId, recordExport } from '$lib/server/export/service';
import { m } from '$lib/paraglide/messages.js';

/** 未报送单位_{period}.csv: the agencies expected in the round without a counted report (audited like every export). */
export const GET: RequestHandler = async (event) => {
	const user = requirePermission(event.locals.user, 'export.all');
	const id = parseId(event.params.id);
	const db = await getDb();
	const list = id == null ? null : await missingList(db, id);
	if (!list) error(404, m.err_round_not_found());
	const file = await renderMissing(list, 'csv');
	await recordExport(db, { id: user.id, username: user.username }, list.round.id, file, clientIp(event));
	return fileResponse(file);
};
