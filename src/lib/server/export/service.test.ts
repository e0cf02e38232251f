import { describe, it, expect } from 'vitest';
import { unzipSync } from 'fflate';
import {
	chineseDate,
	contentDisposition,
	exportFileNames,
	fileResponse,
	noticeOptionsFrom,
	parseBands,
	parseBelow,
	parseChineseDate,
	parseId,
	rectificationAccess,
	renderExport
} from './service';
import { DEFAULT_BANDS } from './docx';
import { makeRoundResults } from './fixtures';
import { withLocale } from '../../i18n/with-locale';

const q = (s: string) => new URLSearchParams(s);

describe('file names and Content-Disposition', () => {
	it('names every export after the period, with an ASCII fallback', () => {
		expect(exportFileNames('xlsx', '2019')).toEqual({ fileName: '考核结果_2019.xlsx', asciiName: 'results_2019.xlsx' });
		expect(exportFileNames('notice', '2019').fileName).toBe('考核结果通报_2019.docx');
		expect(exportFileNames('rectification-zip', '2017H1').fileName).toBe('整改通知_2017H1.zip');
		expect(exportFileNames('ranking-csv', '2019').fileName).toBe('排名_2019.csv');
		expect(exportFileNames('indicator-csv', '2019').fileName).toBe('指标得分_2019.csv');
		expect(exportFileNames('rectification', '2019', { id: 7, name: '青岚盟教育局' })).toEqual({
			fileName: '整改通知_青岚盟教育局_2019.docx',
			asciiName: 'rectification_7_2019.docx'
		});
		// Reserved characters never reach the file system.
		expect(exportFileNames('rectification', '2019', { id: 3, name: '某局/办公室:"一"' }).fileName).toBe('整改通知_某局_办公室__一__2019.docx');
	});

	it('writes RFC 5987 filename* and a quoted ASCII fallback', () => {
		const h = contentDisposition('排名_2019.csv', 'ranking_2019.csv');
		expect(h).toBe(`attachment; filename="ranking_2019.csv"; filename*=UTF-8''%E6%8E%92%E5%90%8D_2019.csv`);
		const decoded = decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(h)![1]);
		expect(decoded).toBe('排名_2019.csv');
		// ' ( ) * are not attr-chars: they must be percent-encoded; quotes never break the fallback.
		const odd = contentDisposition("整改通知_某局（试点）'a'(b)*.docx", 'a"b\\c.docx');
		expect(odd).toContain('filename="a_b_c.docx"');
		expect(odd.split("filename*=UTF-8''")[1]).not.toMatch(/['()*"]/);
		expect(decodeURIComponent(odd.split("UTF-8''")[1])).toBe("整改通知_某局（试点）'a'(b)*.docx");
	});
});

describe('notice options', () => {
	it('writes today the official way in China time', () => {
		expect(chineseDate(new Date('2026-11-23T02:00:00Z'))).toBe('2026年11月23日');
		// 20:30 UTC is already the next day in Beijing.
		expect(chineseDate(new Date('2026-01-04T20:30:00Z'))).toBe('2026年1月5日');
	});

	it('accepts ISO and Chinese dates, refuses impossible ones', () => {
		expect(parseChineseDate('2026-11-23')).toBe('2026年11月23日');
		expect(parseChineseDate('2026/3/09')).toBe('2026年3月9日');
		expect(parseChineseDate('2026年11月23日')).toBe('2026年11月23日');
		expect(parseChineseDate('2026-02-30')).toBeNull();
		expect(parseChineseDate('明天')).toBeNull();
	});

	it('defaults the issuer and date, validates the query', () => {
		const now = new Date('2026-11-23T02:00:00Z');
		expect(noticeOptionsFrom(q(''), { issuer: '政务公开办公室', now })).toEqual({
			ok: true,
			options: { issuer: '政务公开办公室', date: '2026年11月23日', bands: DEFAULT_BANDS }
		});
		const given = noticeOptionsFrom(q('issuer=青岚盟政务公开办公室&date=2026-12-01&bands=85,75,60'), { issuer: 'x', now });
		expect(given.ok && given.options).toMatchObject({ issuer: '青岚盟政务公开办公室', date: '2026年12月1日' });
		expect(given.ok && given.options.bands.map((b) => b.min)).toEqual([85, 75, 60, 0]);
		expect(noticeOptionsFrom(q('date=2026-13-01'), { issuer: 'x' })).toMatchObject({ ok: false, status: 400 });
		expect(noticeOptionsFrom(q(`issuer=${'长'.repeat(61)}`), { issuer: 'x' })).toMatchObject({ ok: false, status: 400 });
		expect(noticeOptionsFrom(q('bands=60,80,90'), { issuer: 'x' })).toMatchObject({ ok: false, status: 400 });
	});

	it('says what is wrong in the UI language (the document itself stays Chinese)', async () => {
		expect(noticeOptionsFrom(q('bands=60,80,90'), { issuer: 'x' })).toMatchObject({ message: '分档无效：应为三个由高到低的百分数，如 90,80,60' });
		const en = await withLocale('en', () => [
			noticeOptionsFrom(q('date=2026-13-01'), { issuer: 'x' }),
			noticeOptionsFrom(q(`issuer=${'长'.repeat(61)}`), { issuer: 'x' }),
			noticeOptionsFrom(q('bands=60,80,90'), { issuer: 'x' })
		]);
		expect(en.map((o) => (o.ok ? null : o.message))).toEqual([
			'Invalid date: use 2026-11-23',
			'The issuing office\'s name is invalid (at most 60 characters)',
			'Invalid bands: give three percentages from high to low, e.g. 90,80,60'
		]);
	});

	it('parses bands, thresholds and ids strictly', () => {
		expect(parseBands('90，80，60')?.[0]).toEqual({ label: '优秀', min: 90 });
		expect(parseBands('90,80')).toBeNull();
		expect(parseBands('120,80,60')).toBeNull();
		expect(parseBelow(null)).toBe(60);
		expect(parseBelow('72.5')).toBe(72.5);
		expect(parseBelow('0')).toBeNull();
		expect(parseBelow('abc')).toBeNull();
		expect(parseId('12')).toBe(12);
		expect(parseId('1e3')).toBeNull();
		expect(parseId('0')).toBeNull();
		expect(parseId('-1')).toBeNull();
	});
});

describe('rectification access', () => {
	const agency = { role: 'agency', agencyId: 5 };
	it('lets staff with export.all download any agency in any state', () => {
		expect(rectificationAccess({ role: 'supervisor', agencyId: null }, true, 9, 'review')).toBe('ok');
	});
	it('lets an agency user download only its own notice, only when published', () => {
		expect(rectificationAccess(agency, false, 5, 'published')).toBe('ok');
		expect(rectificationAccess(agency, false, 5, 'review')).toBe('unpublished');
		expect(rectificationAccess(agency, false, 6, 'published')).toBe('forbidden');
		expect(rectificationAccess(agency, false, 6, null)).toBe('forbidden');
		expect(rectificationAccess({ role: 'evaluator', agencyId: null }, false, 5, 'published')).toBe('forbidden');
		expect(rectificationAccess({ role: 'agency', agencyId: null }, false, 5, 'published')).toBe('forbidden');
	});
});

describe('renderExport', () => {
	const r = makeRoundResults();
	const opts = { issuer: '青岚盟政务公开办公室', date: '2026年11月23日' };

	it('renders the ranking csv with the BOM and the period in the name', async () => {
		const out = await renderExport(r, { kind: 'ranking-csv' });
		expect(out.ok).toBe(true);
		if (!out.ok) return;
		expect(out.file.fileName).toBe(`排名_${r.round.period}.csv`);
		expect([...out.file.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		expect(new TextDecoder().decode(out.file.bytes)).toContain(r.agencies[0].agencyName);
	});

	it('refuses a rectification notice for an agency without a result', async () => {
		const m = r.missing[0];
		expect(await renderExport(r, { kind: 'rectification', agencyId: m.agencyId, options: opts })).toMatchObject({ ok: false, status: 409 });
		expect(await renderExport(r, { kind: 'rectification', agencyId: 987654, options: opts })).toMatchObject({ ok: false, status: 404 });
	});

	it('zips only the agencies below the threshold, and refuses an empty zip', async () => {
		const sorted = [...r.agencies].sort((a, b) => a.total - b.total);
		const below = sorted[1].total + 0.01; // the two weakest (unless tied)
		const expected = r.agencies.filter((a) => a.total < below).length;
		const out = await renderExport(r, { kind: 'rectification-zip', below, options: opts });
		expect(out.ok).toBe(true);
		if (!out.ok) return;
		expect(Object.keys(unzipSync(out.file.bytes))).toHaveLength(expected);
		expect(out.file.detail).toEqual({ below, agencies: expected });
		expect(await renderExport(r, { kind: 'rectification-zip', below: 1, options: opts })).toMatchObject({ ok: false, status: 409 });
	});

	it('serves a file response with both names and no caching', async () => {
		const out = await renderExport(r, { kind: 'indicator-csv' });
		if (!out.ok) throw new Error(out.message);
		const res = fileResponse(out.file);
		expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''%E6%8C%87%E6%A0%87%E5%BE%97%E5%88%86_");
		expect(res.headers.get('cache-control')).toContain('no-store');
		// TextDecoder drops a BOM unless told not to.
		const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
		expect(text.startsWith('\uFEFF单位,指标编号')).toBe(true);
	});
});
