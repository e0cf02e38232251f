/**
 * Reads an agency list (name, group, region, aliases) from CSV or XLSX, as offices keep them.
 * Header names are matched in Chinese or English; aliases are split on 、,;，；|.
 */
import ExcelJS from 'exceljs';
import { m } from '../../paraglide/messages.js';
import { decodeTextBytes } from './text-decode';
import { checkArchive } from './zip';

export interface AgencyListRow {
	name: string;
	group: string | null;
	region: string | null;
	level: string | null;
	aliases: string[];
}
export type AgencyListResult = { ok: true; rows: AgencyListRow[]; skipped: string[] } | { ok: false; message: string };

const HEADERS: Record<keyof Omit<AgencyListRow, 'aliases'> | 'aliases', RegExp> = {
	name: /^(单位|单位名称|名称|机关|name)$/i,
	group: /^(分组|类别|组别|group)$/i,
	region: /^(地区|区域|所属地区|region)$/i,
	level: /^(层级|级别|level)$/i,
	aliases: /^(别名|简称|其他名称|aliases?)$/i
};

/** RFC 4180-ish CSV parsing: quotes, doubled quotes, commas and newlines inside quotes. */
export function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				cell += '"';
				i++;
			} else if (c === '"') quoted = false;
			else cell += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') {
			row.push(cell);
			cell = '';
		} else if (c === '\n' || c === '\r') {
			if (c === '\r' && text[i + 1] === '\n') i++;
			row.push(cell);
			rows.push(row);
			row = [];
			cell = '';
		} else cell += c;
	}
	if (cell || row.length) {
		row.push(cell);
		rows.push(row);
	}
	return rows.filter((r) => r.some((x) => x.trim()));
}

function toRows(table: string[][]): AgencyListResult {
	if (table.length === 0) return { ok: false, message: m.ix_list_no_data() };
	const header = table[0].map((h) => h.trim());
	const col = (k: keyof typeof HEADERS) => header.findIndex((h) => HEADERS[k].test(h));
	const nameCol = col('name');
	if (nameCol < 0) return { ok: false, message: m.ix_list_no_name_column({ name: '单位名称', alt1: '单位', alt2: '名称' }) };
	const [g, r, l, a] = [col('group'), col('region'), col('level'), col('aliases')];
	const rows: AgencyListRow[] = [];
	const skipped: string[] = [];
	const seen = new Set<string>();
	table.slice(1).forEach((cells, i) => {
		const name = (cells[nameCol] ?? '').trim();
		if (!name) return void skipped.push(m.ix_list_row_no_name({ row: i + 2 }));
		if (seen.has(name)) return void skipped.push(m.ix_list_row_duplicate({ row: i + 2, name }));
		seen.add(name);
		const get = (k: number) => (k >= 0 ? (cells[k] ?? '').trim() || null : null);
		rows.push({ name, group: get(g), region: get(r), level: get(l), aliases: (get(a) ?? '').split(/[、,;，；|]/).map((x) => x.trim()).filter(Boolean) });
	});
	return { ok: true, rows, skipped };
}

/**
 * A list file as a table of cell texts: .xlsx (first sheet, through the archive guard) or .csv/.txt
 * (UTF-8, GBK… detected). `formatMessage` is the refusal for any other extension.
 * @example const t = await readSheetTable(bytes, '单位名单.xlsx', m.ix_list_format); if (t.ok) t.table[0];
 */
export async function readSheetTable(
	bytes: Uint8Array,
	fileName: string,
	formatMessage: () => string
): Promise<{ ok: true; table: string[][] } | { ok: false; message: string }> {
	const lower = fileName.toLowerCase();
	if (lower.endsWith('.xlsx')) {
		const guard = checkArchive(bytes);
		if (!guard.ok) return { ok: false, message: guard.message };
		const wb = new ExcelJS.Workbook();
		try {
			await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
		} catch {
			return { ok: false, message: m.ix_list_xlsx_unreadable() };
		}
		const ws = wb.worksheets[0];
		if (!ws) return { ok: false, message: m.ix_list_no_sheet() };
		const table: string[][] = [];
		ws.eachRow((row) => {
			const values = Array.isArray(row.values) ? row.values.slice(1) : [];
			table.push(values.map((v) => (v == null ? '' : typeof v === 'object' && 'text' in v ? String(v.text) : String(v))));
		});
		return { ok: true, table };
	}
	if (lower.endsWith('.csv') || lower.endsWith('.txt')) {
		const decoded = decodeTextBytes(bytes);
		if (!decoded.ok) return { ok: false, message: m.ix_list_unreadable({ reason: decoded.message }) };
		return { ok: true, table: parseCsv(decoded.text.replace(/^\uFEFF/, '')) };
	}
	return { ok: false, message: formatMessage() };
}

export async function readAgencyList(bytes: Uint8Array, fileName: string): Promise<AgencyListResult> {
	const t = await readSheetTable(bytes, fileName, m.ix_list_format);
	return t.ok ? toRows(t.table) : t;
}
