import { describe, it, expect } from 'vitest';
import { buildIndicatorCsv, buildRankingCsv, toCsv } from './csv';
import { makeRoundResults } from './fixtures';
import type { RoundResults } from '../results/types';

const r: RoundResults = makeRoundResults();

/** A small RFC 4180 parser for reading the output back. */
function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				field += '"';
				i++;
			} else if (c === '"') quoted = false;
			else field += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') {
			row.push(field);
			field = '';
		} else if (c === '\r' && text[i + 1] === '\n') {
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
			i++;
		} else field += c;
	}
	if (field !== '' || row.length > 0) rows.push([...row, field]);
	return rows;
}

describe('toCsv', () => {
	it('quotes commas, quotes and newlines, and ends every row with CRLF', () => {
		const text = toCsv([
			['单位', '备注'],
			['甲,乙"丙"局', '第一行\n第二行'],
			[71.5, null]
		]);
		expect(text).toBe('\uFEFF单位,备注\r\n"甲,乙""丙""局","第一行\n第二行"\r\n71.5,\r\n');
	});

	it('keeps formulas from running in a spreadsheet', () => {
		expect(toCsv([['=1+1', '-2', '@x', '+3', -2]])).toBe("\uFEFF'=1+1,'-2,'@x,'+3,-2\r\n");
	});

	it('rounds float noise in numbers', () => {
		expect(toCsv([[0.1 + 0.2, 98]])).toBe('\uFEFF0.3,98\r\n');
	});
});

describe('buildRankingCsv', () => {
	it('starts with the BOM and has a header, one row per agency and the missing agency', () => {
		const text = buildRankingCsv(r);
		expect(text.startsWith('\uFEFF名次,单位,分组')).toBe(true);
		expect(text.split('\r\n')).toHaveLength(1 + r.agencies.length + r.missing.length + 1); // trailing CRLF
		expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
		const rows = parseCsv(text.slice(1));
		const header = rows[0];
		expect(rows).toHaveLength(1 + r.agencies.length + 1);
		const first = r.agencies[0];
		expect(rows[1][header.indexOf('单位')]).toBe(first.agencyName);
		expect(rows[1][header.indexOf('名次')]).toBe(String(first.rank));
		expect(Number(rows[1][header.indexOf('总分')])).toBe(first.total);
		const last = rows[rows.length - 1];
		expect(last[header.indexOf('单位')]).toBe('青岚盟应急管理局');
		expect(last[header.indexOf('总分')]).toBe('');
		expect(last[header.indexOf('备注')]).toBe('未报送');
	});

	it('quotes and escapes an agency name with a comma and a quote', () => {
		const odd = { ...r.agencies[0], agencyName: '青岚盟"数据,信息"中心' };
		const text = buildRankingCsv({ ...r, agencies: [odd], missing: [] });
		expect(text).toContain(',"青岚盟""数据,信息""中心",');
		expect(parseCsv(text.slice(1))[1][1]).toBe('青岚盟"数据,信息"中心');
	});
});

describe('buildIndicatorCsv', () => {
	it('has one row per agency × indicator with level, score, max and override', () => {
		const text = buildIndicatorCsv(r);
		expect(text.charCodeAt(0)).toBe(0xfeff);
		const rows = parseCsv(text.slice(1));
		expect(rows[0]).toEqual(['单位', '指标编号', '指标', '等级', '得分', '满分', '人工调整']);
		expect(rows).toHaveLength(1 + r.agencies.length * r.indicators.length);
		const a = r.agencies.find((x) => x.indicators['pi.volume'].overridden);
		const row = rows.find((x) => x[0] === a?.agencyName && x[1] === 'pi.volume');
		const res = a?.indicators['pi.volume'];
		expect(row?.[3]).toBe(`${res?.level}级 ${['缺失', '部分', '达标'][res?.level ?? 0]}`);
		expect(Number(row?.[4])).toBe(res?.score);
		expect(row?.[5]).toBe('4');
		expect(row?.[6]).toBe(`人工调整：原为${res?.machineLevel}级（${['缺失', '部分', '达标'][res?.machineLevel ?? 0]}）`);
		const na = rows.find((x) => x[1] === 'rq.consistency' && x[3] === '不适用');
		expect(na?.[5]).toBe('0');
	});
});
