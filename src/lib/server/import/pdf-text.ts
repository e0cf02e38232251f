/**
 * PDF bytes → text and table grids with unpdf's bundled pdf.js: the positioned text items of every
 * page go to `layoutPdf` (pdf-layout.ts), which rebuilds lines, drops page numbers and running
 * headers, joins sentences broken over lines and pages, and rebuilds tables as `DocTable` grids
 * (written into the text as `| a | b |` lines). Characters are not normalised — the engine folds
 * Kangxi radicals and widths itself.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { getResolvedPDFJS } from 'unpdf';
import type { DocTable } from '../../analysis/types';
import { m } from '../../paraglide/messages.js';
import { layoutPdf, type LayoutItem, type LayoutPage } from './pdf-layout';

export type PdfTextResult =
	| { ok: true; text: string; warnings: string[]; pages: number; tables: DocTable[] }
	| { ok: false; code: 'no_text_layer' | 'corrupt' | 'unsupported' | 'undecodable' | 'timeout'; message: string };

// Messages render in the current request's language (Chinese outside a request): call them when the
// result is produced, never at module load.
export const noTextLayerMessage = (): string => m.ix_pdf_no_text_layer();
export const pdfCorruptMessage = (): string => m.ix_corrupt_file({ format: 'pdf' });
export const pdfUnmappedMessage = (): string => m.ix_pdf_unmapped();
export const pdfEncryptedMessage = (): string => m.ix_pdf_encrypted();

interface RawTextItem {
	str: string;
	transform: number[];
	width: number;
	height: number;
}

function isTextItem(v: unknown): v is RawTextItem {
	if (typeof v !== 'object' || v === null) return false;
	const r = v as Record<string, unknown>;
	return typeof r.str === 'string' && Array.isArray(r.transform) && typeof r.width === 'number';
}

export class PdfTimeoutError extends Error {
	constructor() {
		super('pdf timeout');
		this.name = 'PdfTimeoutError';
	}
}

interface AssetOptions {
	cMapUrl?: string;
	cMapPacked?: boolean;
	standardFontDataUrl?: string;
}
let assets: AssetOptions | null = null;

/**
 * pdf.js needs its CMap files for CJK fonts that use predefined encodings (UniGB-UCS2-H,
 * GBK-EUC-H… — common in older Chinese PDFs). unpdf bundles pdf.js but not those files; they come
 * from the `pdfjs-dist` package when it is installed. Without it such text cannot be mapped and
 * the file is reported with pdfUnmappedMessage() rather than as having no text layer.
 */
function assetOptions(): AssetOptions {
	if (assets) return assets;
	try {
		const base = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
		assets = {
			cMapUrl: path.join(base, 'cmaps') + path.sep,
			cMapPacked: true,
			standardFontDataUrl: path.join(base, 'standard_fonts') + path.sep
		};
	} catch {
		assets = {};
	}
	return assets;
}

function pageRanges(pages: number[]): string {
	const parts: string[] = [];
	for (let i = 0; i < pages.length; i++) {
		let j = i;
		while (j + 1 < pages.length && pages[j + 1] === pages[j] + 1) j++;
		parts.push(i === j ? `${pages[i]}` : `${pages[i]}–${pages[j]}`);
		i = j;
	}
	return parts.join(m.ix_enum_sep());
}

function errorName(e: unknown): string {
	return typeof e === 'object' && e !== null && 'name' in e && typeof e.name === 'string' ? e.name : '';
}

/**
 * Extract the text layer. `deadline` (epoch ms) is checked between pages; on expiry the document is
 * destroyed and `timeout` returned. `onTask` receives a destroy function so a caller racing a timer
 * can abort a stuck load.
 */
export async function extractPdfText(
	bytes: Uint8Array,
	deadline: number,
	onTask?: (destroy: () => void) => void
): Promise<PdfTextResult> {
	const { getDocument, OPS } = await getResolvedPDFJS();
	const textOps = new Set<number>([OPS.showText, OPS.showSpacedText, OPS.nextLineShowText, OPS.nextLineSetSpacingShowText]);
	// pdf.js may transfer/detach the buffer it is given: hand it a copy.
	const task = getDocument({
		data: bytes.slice(),
		isEvalSupported: false,
		disableFontFace: true,
		useSystemFonts: false,
		verbosity: 0,
		...assetOptions()
	});
	onTask?.(() => void task.destroy());
	try {
		const pdf = await task.promise;
		const layoutPages: LayoutPage[] = [];
		const emptyPages: number[] = [];
		let nonWs = 0;
		let suspicious = 0;
		for (let n = 1; n <= pdf.numPages; n++) {
			if (Date.now() > deadline) throw new PdfTimeoutError();
			const page = await pdf.getPage(n);
			const content = await page.getTextContent();
			const items: LayoutItem[] = [];
			for (const raw of content.items) {
				if (!isTextItem(raw)) continue;
				const t = raw.transform;
				const h = raw.height || Math.hypot(t[2] ?? 0, t[3] ?? 0);
				items.push({ str: raw.str, x: t[4] ?? 0, y: t[5] ?? 0, w: raw.width, h });
			}
			const height = page.view[3] ?? 842;
			page.cleanup();
			const chars = items.map((it) => it.str).join('').replace(/\s/g, '');
			nonWs += chars.length;
			suspicious += (chars.match(/[\ue000-\uf8ff\ufffd\u0000-\u001f]/g) ?? []).length;
			if (chars.length < 5) emptyPages.push(n);
			layoutPages.push({ items, height });
		}
		const pages = pdf.numPages;
		if (nonWs === 0 || nonWs < 5 * pages) {
			// Text-showing operators whose text could not be mapped to Unicode are not "no text layer".
			for (let n = 1; n <= Math.min(pages, 5); n++) {
				if (Date.now() > deadline) throw new PdfTimeoutError();
				const ops = await (await pdf.getPage(n)).getOperatorList();
				if (ops.fnArray.some((f) => textOps.has(f))) return { ok: false, code: 'undecodable', message: pdfUnmappedMessage() };
			}
			return { ok: false, code: 'no_text_layer', message: noTextLayerMessage() };
		}
		const warnings: string[] = [];
		if (emptyPages.length > 0) {
			warnings.push(
				emptyPages.length === 1 ? m.ix_pdf_empty_page({ page: emptyPages[0] }) : m.ix_pdf_empty_pages({ pages: pageRanges(emptyPages) })
			);
		}
		if (suspicious > nonWs * 0.3) {
			warnings.push(m.ix_pdf_garbled());
		}
		const layout = layoutPdf(layoutPages);
		if (Date.now() > deadline) throw new PdfTimeoutError();
		return { ok: true, text: layout.text, warnings, pages, tables: layout.tables };
	} catch (e) {
		if (e instanceof PdfTimeoutError) return { ok: false, code: 'timeout', message: '' };
		if (errorName(e) === 'PasswordException') return { ok: false, code: 'unsupported', message: pdfEncryptedMessage() };
		return { ok: false, code: 'corrupt', message: pdfCorruptMessage() };
	} finally {
		void task.destroy();
	}
}
