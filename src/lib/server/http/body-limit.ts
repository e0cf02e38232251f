/**
 * Request body limits per route (issue 13). adapter-node's BODY_SIZE_LIMIT (512 MB) is the ceiling
 * for uploads; everything else takes a small body, checked in hooks.server.ts before any handler
 * reads it: a declared Content-Length over the limit is answered 413 at once, and a body without one
 * (chunked) is wrapped so that reading past the limit fails with 413.
 */
import { error } from '@sveltejs/kit';
import { m } from '../../paraglide/messages.js';

const KB = 1024;
/** Sign-in, the account page and every other non-upload form or JSON call. */
export const SMALL_BODY_BYTES = 16 * KB;
/** The rubric editor posts a whole rubric (22 indicators with their terms). */
export const RUBRIC_BODY_BYTES = 1024 * KB;
/** Multipart framing and the other fields around one uploaded file. */
const UPLOAD_OVERHEAD_BYTES = 64 * KB;

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The largest body this request may send, or null for "the server's upload ceiling". The form
 * action name is in the query (`/agencies?/importList`).
 */
export function bodyLimitFor(method: string, pathname: string, search: string, maxFileBytes: number): number | null {
	if (!BODY_METHODS.has(method.toUpperCase())) return SMALL_BODY_BYTES;
	if (/^\/api\/rounds\/[^/]+\/import\/?$/.test(pathname)) return null; // a zip may hold many files
	const action = /^\?\/([\w-]+)/.exec(search)?.[1] ?? 'default';
	if (pathname === '/submit' && action === 'submit') return maxFileBytes + UPLOAD_OVERHEAD_BYTES;
	if (pathname === '/agencies' && action === 'importList') return maxFileBytes + UPLOAD_OVERHEAD_BYTES;
	if (pathname === '/rubric') return RUBRIC_BODY_BYTES;
	return SMALL_BODY_BYTES;
}

function limitText(bytes: number): string {
	return bytes >= 1024 * KB ? `${Math.round(bytes / (1024 * KB))} MB` : `${Math.round(bytes / KB)} KB`;
}

/** 413 with the limit named, in the request's language. */
export function tooLarge(limit: number): never {
	error(413, m.err_body_too_large({ limit: limitText(limit) }));
}

/**
 * Enforces `limit` on a request: throws 413 when its Content-Length says more; otherwise returns the
 * request, or (no Content-Length but a body) a copy whose body stream fails with 413 past the limit.
 */
export function limitRequest(request: Request, limit: number): Request {
	const declared = request.headers.get('content-length');
	if (declared != null) {
		const n = Number(declared);
		if (!Number.isFinite(n) || n > limit) tooLarge(limit);
		return request;
	}
	if (!request.body) return request;
	let seen = 0;
	const reader = request.body.getReader();
	const body = new ReadableStream<Uint8Array>({
		async pull(controller) {
			const { done, value } = await reader.read();
			if (done) return controller.close();
			seen += value.byteLength;
			if (seen > limit) {
				await reader.cancel();
				try {
					tooLarge(limit);
				} catch (e) {
					controller.error(e);
				}
				return;
			}
			controller.enqueue(value);
		},
		cancel: (reason) => reader.cancel(reason)
	});
	return new Request(request.url, { method: request.method, headers: request.headers, body, signal: request.signal, duplex: 'half' } as RequestInit);
}
