import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requirePermission } from '$lib/server/auth/policy';
import { getDb } from '$lib/server/bootstrap';
import { clientIp } from '$lib/server/export/route';
import { loadExportResults, recordExport, renderExport } from '$lib/server/export/service';

/**
 * The results of round [id] as JSON (`RoundResults`, see `$lib/server/results/types`), for other
 * systems. 'export.all' only; 404 unknown round, 409 nothing scored yet. Every call is audited.
 */
export const GET: RequestHandler = async (event) => {
	const user = requirePermission(event.locals.user, 'export.all');
	const db = await getDb();
	const loaded = await loadExportResults(db, event.params.id, { generatedBy: user.displayName });
	if (!loaded.ok) error(loaded.status, loaded.message);
	const out = await renderExport(loaded.results, { kind: 'json' });
	if (!out.ok) error(out.status, out.message);
	await recordExport(db, { id: user.id, username: user.username }, loaded.results.round.id, out.file, clientIp(event));
	return new Response(out.file.bytes as Uint8Array<ArrayBuffer>, {
		headers: { 'content-type': out.file.mime, 'cache-control': 'private, no-store' }
	});
};
