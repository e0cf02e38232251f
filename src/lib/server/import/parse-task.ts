/**
 * The CPU-heavy half of importing one file — decode, analyse, fingerprint — as one plain function
 * of plain data, so that it can run in a worker thread (pool.ts) and, when no worker can be
 * started, inline. Everything it returns is structured-clonable (plain objects, strings, numbers).
 *
 * @example const r = await parseFile({ bytes, fileName: 'a.pdf', rubric, locale: 'zh-CN' });
 */
import { createHash } from 'node:crypto';
import { analyze, normalize, type AnalysisResult } from '../../analysis/analyze';
import type { RubricDefinition } from '../../analysis/rubric';
import type { Locale } from '../../paraglide/runtime.js';
import { withLocale } from '../../i18n/with-locale';
import { decodeFile, type DecodeOptions, type DecodeResult } from './decode';

export interface ParseTask {
	bytes: Uint8Array;
	fileName: string;
	rubric: RubricDefinition;
	/** The request's language: messages made in the worker render in it. */
	locale: Locale;
	decode?: DecodeOptions;
}

export type ParseOutcome =
	| {
			ok: true;
			decoded: Extract<DecodeResult, { ok: true }>;
			analysis: AnalysisResult;
			/** normalized text and the SHA-256 of it without white space (the duplicate key) */
			normalized: string;
			textHash: string;
	  }
	| { ok: false; code: string; message: string };

export function sha256Hex(data: Uint8Array | string): string {
	return createHash('sha256').update(data).digest('hex');
}

/** The duplicate key: normalized text without any white space. */
export function textFingerprint(text: string): { normalized: string; hash: string } {
	const normalized = normalize(text).text;
	return { normalized, hash: sha256Hex(normalized.replace(/\s+/g, '')) };
}

/** Decode + analyse one file. Never throws on content: a bad file is `ok: false` with a message. */
export function parseFile(task: ParseTask): Promise<ParseOutcome> {
	// pdf.js refuses a Node Buffer (files read from disk, zip entries inflated by node:zlib); a worker
	// receives a plain Uint8Array anyway (structured clone), inline calls get a plain copy.
	const bytes = Buffer.isBuffer(task.bytes) ? new Uint8Array(task.bytes) : task.bytes;
	return withLocale(task.locale, async (): Promise<ParseOutcome> => {
		const decoded = await decodeFile(bytes, task.fileName, task.decode);
		if (!decoded.ok) return { ok: false, code: decoded.code, message: decoded.message };
		const analysis = analyze({ text: decoded.text, tables: decoded.tables }, task.rubric, { fileName: task.fileName });
		const { normalized, hash } = textFingerprint(decoded.text);
		return { ok: true, decoded, analysis, normalized, textHash: hash };
	});
}
