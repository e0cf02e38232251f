/**
 * CSV exports of a round: UTF-8 with a BOM (so Excel on Chinese Windows reads it as UTF-8),
 * CRLF line endings and RFC 4180 quoting.
 */
import type { RoundResults } from '../results/types';
import { agencyRemarks, levelText, overrideNote, rankChange } from './format';

const BOM = '\uFEFF';

/** Quote a field when it holds a comma, a quote, CR or LF; double the quotes inside. */
function field(value: string | number | null): string {
	if (value === null) return '';
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) return '';
		return String(Math.round(value * 100) / 100);
	}
	// A text cell starting with = + - @ (or a tab/CR) would run as a formula when a spreadsheet
	// opens the file (CSV injection); a leading apostrophe keeps it text.
	const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
	return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * Rows to CSV text: BOM, CRLF after every row (including the last). Numbers keep at most two
 * decimals; null is an empty field.
 *
 * @example toCsv([['单位', '总分'], ['青岚盟财政局', 71.5]]) // "\uFEFF单位,总分\r\n青岚盟财政局,71.5\r\n"
 */
export function toCsv(rows: (string | number | null)[][]): string {
	return BOM + rows.map((row) => row.map(field).join(',') + '\r\n').join('');
}

/**
 * The ranking: one row per scored agency in rank order, then one row per agency that did not
 * report (no score, 备注 = 未报送 — never a 0).
 */
export function buildRankingCsv(r: RoundResults): string {
	const header = [
		'名次',
		'单位',
		'分组',
		'组内名次',
		'地区',
		'总分',
		'满分',
		'得分率(%)',
		...r.dimensions.map((d) => `${d.name}(${d.max})`),
		'上期名次',
		'较上期名次变化',
		'备注'
	];
	const rows: (string | number | null)[][] = [header];
	for (const a of r.agencies) {
		rows.push([
			a.rank,
			a.agencyName,
			a.group,
			a.groupRank,
			a.region,
			a.total,
			a.max,
			a.max > 0 ? Math.round((a.total / a.max) * 1000) / 10 : null,
			...r.dimensions.map((d) => a.dimensions[d.id] ?? null),
			a.previousRank,
			rankChange(a),
			agencyRemarks(r, a) || null
		]);
	}
	for (const m of r.missing) {
		rows.push([null, m.agencyName, m.group, null, null, null, null, null, ...r.dimensions.map(() => null), null, null, '未报送']);
	}
	return toCsv(rows);
}

/** One row per agency × indicator: 单位, 指标编号, 指标, 等级, 得分, 满分, 人工调整. */
export function buildIndicatorCsv(r: RoundResults): string {
	const rows: (string | number | null)[][] = [['单位', '指标编号', '指标', '等级', '得分', '满分', '人工调整']];
	for (const a of r.agencies) {
		for (const d of r.indicators) {
			const res = a.indicators[d.id];
			if (!res) {
				rows.push([a.agencyName, d.id, d.name, '无结果', null, null, null]);
				continue;
			}
			rows.push([a.agencyName, d.id, d.name, levelText(res.level), res.score, res.max, overrideNote(res)]);
		}
	}
	return toCsv(rows);
}
