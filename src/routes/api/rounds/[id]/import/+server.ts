import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/bootstrap';
import { requirePermission } from '$lib/server/auth/policy';
import { config } from '$lib/server/env';
import { createIngestContext, ingestEach, type IngestOutcome } from '$lib/server/import/ingest';
import { expandUpload } from '$lib/server/import/zip';
import * as agencies from '$lib/server/db/agencies';
import { assertNotFrozen } from '$lib/server/rounds/integrity';
import { m } from '$lib/paraglide/messages.js';

/**
 * POST one file (multipart: `file`, optional `agencyId`) into round [id]. A zip yields one outcome
 * per entry. The page sends files one by one so it can show per-file progress. A file that would
 * replace an agency's current report is not saved but answered `replaces` (send again with `replace=1`).
 */
export const POST: RequestHandler = async ({ params, request, locals }) => {
	const user = requirePermission(locals.user, 'import.run');
	const db = await getDb();
	const roundId = Number(params.id);
	let form: FormData;
	try {
		form = await request.formData();
	} catch {
		error(400, m.err_upload_unreadable());
	}
	const file = form.get('file');
	if (!(file instanceof File)) error(400, m.ix_no_file());
	const agencyRaw = form.get('agencyId');
	const agencyId = agencyRaw ? Number(agencyRaw) : null;
	if (agencyId != null && !(await agencies.findAgency(db, agencyId))) error(400, m.err_selected_agency_missing());
	if (file.size > config.maxFileBytes && !file.name.toLowerCase().endsWith('.zip')) {
		return json([{ status: 'failed', fileName: file.name, message: m.err_file_over_limit({ mb: Math.round(config.maxFileBytes / 1048576) }) }]);
	}
	let ctx;
	try {
		ctx = await createIngestContext(db, roundId, { id: user.id, username: user.username }, config.maxFileBytes);
	} catch (e) {
		error(404, (e as Error).message);
	}
	assertNotFrozen(ctx.round);
	// Replacing an agency's current report is asked first (outcome 'replaces'); `replace=1` confirms.
	const askBeforeReplace = form.get('replace') !== '1';
	const bytes = new Uint8Array(await file.arrayBuffer());
	const expanded = expandUpload(bytes, file.name);
	const out: IngestOutcome[] = expanded.rejected.map((r) => ({ status: 'failed', fileName: `${file.name}/${r.path}`, message: r.message }));
	// A zip's files are parsed in the worker pool, several at once; this thread only writes rows.
	const files = expanded.entries.map((e) => ({ fileName: !e.path || e.path === file.name ? file.name : `${file.name}/${e.path}`, bytes: e.bytes, agencyId }));
	for await (const r of ingestEach(ctx, files, { askBeforeReplace })) out.push(r);
	return json(out);
};
