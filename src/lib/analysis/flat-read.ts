/**
 * Standard tables inside a line of prose (web copies that lost their grid and their line breaks):
 * `三、收到和处理政府信息公开申请情况申请人情况自然人…一、本年新收政府信息公开申请数量3 0 0 0 0 0 3二、…`.
 *
 * The region runs from the table's title to the next title or part heading (四、 that is not
 * 四、结转下年度…, 五、 …). It is cut into label and digit segments: a digit directly before `.`/`、`
 * and a Chinese character is a sub-row enumerator (`…0 21.属于国家秘密` is `…0 2` then `1.属于…`), so
 * labels are found by the format's own numbering, not by a list of sentences. The segments then go
 * through the same row builder as every other form; digits that run together are split only when
 * unambiguous (flat-tables.ts), and 表二 rows whose figure count does not match their block's header
 * are left unread with a warning.
 */
import type { Line } from './noise';
import { TITLES, tableFromCells, type Cell, type ParsedTable } from './tables';
import type { Warning } from './types';

const PART_END = /[五六七八九十]、|四、(?!结转)/g;
const ENUM_AT = /^\d[.．、](?=[\u4e00-\u9fff“"（(])/;
const VALUE_HEADERS = /本年新制作数量|本年新公开数量|对外公开总数量|上一年项目数量|本年增\/减|处理决定数量|采购项目数量|采购总金额|本年制发件数|本年废止件数|现行有效件数|本年收费金额/g;

/** Label and digit segments of a flat region, as row-builder cells (offsets normalized). */
export function flatCells(text: string, base: number, line: number): Cell[] {
	const out: Cell[] = [];
	let i = 0;
	let labelFrom = -1;
	const closeLabel = (to: number): void => {
		if (labelFrom < 0) return;
		const raw = text.slice(labelFrom, to);
		const t = raw.trim();
		if (t) {
			const lead = raw.length - raw.trimStart().length;
			out.push({ text: t, line, start: base + labelFrom + lead, end: base + labelFrom + lead + t.length });
		}
		labelFrom = -1;
	};
	while (i < text.length) {
		const ch = text[i];
		const isDigit = ch >= '0' && ch <= '9';
		if (isDigit && ENUM_AT.test(text.slice(i, i + 3))) {
			closeLabel(i);
			labelFrom = i;
			i += 2;
			continue;
		}
		if (isDigit) {
			closeLabel(i);
			// a run of figures: digits, decimals, single spaces; it ends before an enumerator
			let j = i;
			while (j < text.length) {
				const c = text[j];
				if (c >= '0' && c <= '9') {
					if (ENUM_AT.test(text.slice(j, j + 3))) break;
					j++;
				} else if (c === '.' && /\d/.test(text[j + 1] ?? '') && /\d/.test(text[j - 1] ?? '')) j++;
				else if (/[ \t]/.test(c) && /\d/.test(text[j + 1] ?? '') && !ENUM_AT.test(text.slice(j + 1, j + 4))) j++;
				else break;
			}
			for (const m of text.slice(i, j).matchAll(/\S+/g)) out.push({ text: m[0], line, start: base + i + m.index, end: base + i + m.index + m[0].length, run: true });
			i = j;
			continue;
		}
		if (labelFrom < 0 && !/\s/.test(ch)) labelFrom = i;
		i++;
	}
	closeLabel(text.length);
	return out;
}

/**
 * 表二 blocks: each header (信息内容 本年制发件数 …) says how many figures its rows hold; a row of
 * another count cannot be placed and is dropped with a warning.
 */
function checkActiveWidths(cells: Cell[], warnings: Warning[]): Cell[] {
	const out: Cell[] = [];
	let width = 0;
	let i = 0;
	while (i < cells.length) {
		const c = cells[i];
		if (!c.run) {
			const heads = [...c.text.matchAll(VALUE_HEADERS)];
			if (heads.length > 0) {
				width = heads.length;
				// the header and the first row's label ran together: 现行有效件数规章 → header | 规章
				const last = heads[heads.length - 1];
				let cut = last.index + last[0].length;
				const unit = /^\s*[（(][^）)]*[）)]/.exec(c.text.slice(cut));
				if (unit) cut += unit[0].length;
				const rest = c.text.slice(cut).trim();
				if (rest) {
					const at = c.start + c.text.indexOf(rest, cut);
					out.push({ ...c, text: c.text.slice(0, cut).trim(), end: c.start + cut }, { ...c, text: rest, start: at, end: at + rest.length });
					i++;
					continue;
				}
			}
			out.push(c);
			i++;
			continue;
		}
		let j = i;
		while (j < cells.length && cells[j].run) j++;
		const figs = cells.slice(i, j);
		if (width > 0 && figs.length !== width) {
			const label = out[out.length - 1]?.text ?? '';
			warnings.push({ code: 'table_split_ambiguous', message: `表格“${label}”一行的数字连在一起，无法唯一拆分，未读取该行`, params: { row: label } });
		} else out.push(...figs);
		i = j;
	}
	return out;
}

/**
 * Standard tables whose title stands inside a longer line (offsets normalized; firstLine -1: the
 * line is shared with prose, so it is not marked as a table line).
 */
export function parseFlatTables(lines: readonly Line[], isNoise: readonly boolean[], warnings: Warning[]): ParsedTable[] {
	const out: ParsedTable[] = [];
	for (let li = 0; li < lines.length; li++) {
		const line = lines[li];
		if (isNoise[li] || line.text.length <= 60) continue;
		const t = line.text;
		const hits: { id: ParsedTable['id']; at: number; end: number }[] = [];
		for (const x of TITLES) {
			const re = new RegExp(x.re.source, 'g');
			for (const m of t.matchAll(re)) hits.push({ id: x.id, at: m.index, end: m.index + m[0].length });
		}
		hits.sort((a, b) => a.at - b.at);
		for (let k = 0; k < hits.length; k++) {
			const h = hits[k];
			let stop = hits[k + 1]?.at ?? t.length;
			PART_END.lastIndex = h.end;
			const pe = PART_END.exec(t);
			if (pe && pe.index < stop) stop = pe.index;
			const body = t.slice(h.end, stop);
			if (!/\d/.test(body)) continue;
			let cells = flatCells(body, line.start + h.end, li);
			if (cells.filter((c) => c.run).length < 3) continue;
			const local: Warning[] = [];
			if (h.id === 'active_disclosure') cells = checkActiveWidths(cells, local);
			const table = tableFromCells(h.id, cells, { start: line.start + h.end, end: line.start + stop, firstLine: -1, lastLine: -1, titleLine: -1 }, local, 'flat');
			if (table.rows.length === 0 && local.length === 0) continue;
			warnings.push(...local);
			out.push(table);
		}
	}
	return out;
}
