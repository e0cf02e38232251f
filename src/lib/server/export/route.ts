/**
 * The shared body of the file endpoints under `routes/(app)/rounds/[id]/…`: load, render, audit,
 * respond. Expected problems become HTTP errors with their Chinese message (404 unknown round,
 * 409 nothing scored yet, 400 bad query).
 */
import { error } from '@sveltejs/kit';
import type { SessionUser } from '../auth/session';
import { getDb } from '../bootstrap';
import { fileResponse, loadExportResults, recordExport, renderExport, type ExportRequest } from './service';

export interface ExportEvent {
	params: { id: string };
	getClientAddress(): string;
}

/** The client address for the audit entry; null where the adapter cannot tell. */
export function clientIp(event: Pick<ExportEvent, 'getClientAddress'>): string | null {
	try {
		return event.getClientAddress();
	} catch {
		return null;
	}
}

/** Serve one export of round `params.id` to a user whose right to it the route has checked. */
export async function serveRoundExport(event: ExportEvent, user: SessionUser, request: ExportRequest): Promise<Response> {
	const db = await getDb();
	const loaded = await loadExportResults(db, event.params.id, { generatedBy: user.displayName });
	if (!loaded.ok) error(loaded.status, loaded.message);
	const out = await renderExport(loaded.results, request);
	if (!out.ok) error(out.status, out.message);
	await recordExport(db, { id: user.id, username: user.username }, loaded.results.round.id, out.file, clientIp(event));
	return fileResponse(out.file);
}
