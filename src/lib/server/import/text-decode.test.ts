import { describe, it, expect } from 'vitest';
import iconv from 'iconv-lite';
import { decodeTextBytes, scoreText } from './text-decode';

const SIMPLIFIED =
	'关于本局二〇二三年度政务公开工作的自查报告。我们认真落实条例要求，全年主动公开各类信息一百二十条，' +
	'收到依申请公开三件，均已按期答复，没有发生行政复议和行政诉讼。';
const TRADITIONAL = '本署依照規定辦理政府資訊公開，全年主動公開資訊八十則，受理申請五件，均於法定期限內答覆。';

const enc = (s: string, e: string): Uint8Array => new Uint8Array(iconv.encode(s, e));

describe('decodeTextBytes', () => {
	it.each([
		['GBK', SIMPLIFIED, 'gbk', 'gb18030'],
		['GB18030', SIMPLIFIED, 'gb18030', 'gb18030'],
		['Big5', TRADITIONAL, 'big5', 'big5']
	])('%s bytes come back with the encoding named', (_label, text, encoding, expected) => {
		const r = decodeTextBytes(enc(text, encoding));
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.encoding).toBe(expected);
		expect(r.text).toBe(text);
	});

	it.each([
		['你好', 'gbk', 'gb18030'],
		['政务公开', 'gbk', 'gb18030'],
		['公開資訊', 'big5', 'big5'],
		['依申請公開', 'big5', 'big5']
	])('short text %s (%s) is still told apart', (text, encoding, expected) => {
		const r = decodeTextBytes(enc(text, encoding));
		expect(r.ok && r.encoding).toBe(expected);
		expect(r.ok && r.text).toBe(text);
	});

	it('UTF-8 without BOM', () => {
		const r = decodeTextBytes(new TextEncoder().encode(SIMPLIFIED));
		expect(r).toEqual({ ok: true, text: SIMPLIFIED, encoding: 'utf-8', warnings: [] });
	});

	it('UTF-8 with BOM: the BOM is stripped', () => {
		const body = new TextEncoder().encode(SIMPLIFIED);
		const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...body]);
		const r = decodeTextBytes(bytes);
		expect(r.ok && r.text).toBe(SIMPLIFIED);
		expect(r.ok && r.encoding).toBe('utf-8');
	});

	it('UTF-16LE with BOM and UTF-16BE with BOM', () => {
		const le = new Uint8Array([0xff, 0xfe, ...iconv.encode(SIMPLIFIED, 'utf-16le')]);
		const r = decodeTextBytes(le);
		expect(r.ok && r.encoding).toBe('utf-16le');
		expect(r.ok && r.text).toBe(SIMPLIFIED);
		const be = new Uint8Array([0xfe, 0xff, ...iconv.encode(SIMPLIFIED, 'utf-16be')]);
		const r2 = decodeTextBytes(be);
		expect(r2.ok && r2.encoding).toBe('utf-16be');
		expect(r2.ok && r2.text).toBe(SIMPLIFIED);
	});

	it('ASCII-heavy UTF-16LE without BOM is recognised', () => {
		const text = 'Report 2023: 公开 120 items, 3 requests answered on time.';
		const r = decodeTextBytes(new Uint8Array(iconv.encode(text, 'utf-16le')));
		expect(r.ok && r.encoding).toBe('utf-16le');
		expect(r.ok && r.text).toBe(text);
	});

	it('mostly UTF-8 with one broken byte stays UTF-8 and warns', () => {
		const good = new TextEncoder().encode(SIMPLIFIED);
		const bytes = new Uint8Array([...good.subarray(0, 30), 0xff, ...good.subarray(30)]);
		const r = decodeTextBytes(bytes);
		expect(r.ok && r.encoding).toBe('utf-8');
		expect(r.ok && r.warnings.join()).toMatch(/无法解码/);
	});

	it('binary content is undecodable', () => {
		const bytes = new Uint8Array(4096);
		for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
		const r = decodeTextBytes(bytes);
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.message).toMatch(/无法识别为文字/);
	});
});

describe('scoreText', () => {
	it('scores the right decoding lower than the wrong one', () => {
		const gbk = iconv.encode(SIMPLIFIED, 'gbk');
		expect(scoreText(iconv.decode(gbk, 'gb18030')).score).toBeLessThan(scoreText(iconv.decode(gbk, 'big5')).score);
		const big5 = iconv.encode(TRADITIONAL, 'big5');
		expect(scoreText(iconv.decode(big5, 'big5')).score).toBeLessThan(scoreText(iconv.decode(big5, 'gb18030')).score);
	});
});
