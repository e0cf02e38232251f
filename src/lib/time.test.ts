import { describe, expect, it } from 'vitest';
import { DEFAULT_TIME_ZONE, formatDate, formatDateTime, isValidTimeZone, localDayStartUtc, zoneName, zoneOffsetMinutes } from './time';
import { readConfig } from './server/env';
import { chineseDate } from './server/export/service';
import { formatOfficeTime } from './server/export/format';
import { isLate } from './server/rounds/workflow';

describe('office time zone', () => {
	it('formats UTC instants in Beijing time by default, across the date line', () => {
		expect(DEFAULT_TIME_ZONE).toBe('Asia/Shanghai');
		expect(formatDateTime('2026-01-01T20:00:00.000Z')).toBe('2026-01-02 04:00');
		expect(formatDateTime('2026-01-01T20:00:05.000Z', 'Asia/Shanghai', { seconds: true })).toBe('2026-01-02 04:00:05');
		expect(formatDate('2026-12-31T16:30:00Z')).toBe('2027-01-01');
		expect(formatDateTime('2026-06-01T00:00:00Z', 'UTC')).toBe('2026-06-01 00:00');
	});
	it('follows daylight saving in zones that have it', () => {
		expect(formatDateTime('2026-07-01T12:00:00Z', 'Europe/Berlin')).toBe('2026-07-01 14:00');
		expect(formatDateTime('2026-01-01T12:00:00Z', 'Europe/Berlin')).toBe('2026-01-01 13:00');
		expect(zoneOffsetMinutes('2026-01-01T12:00:00Z', 'Asia/Shanghai')).toBe(480);
	});
	it('turns an office day into the UTC instant it starts at (audit filters)', () => {
		expect(localDayStartUtc('2026-11-23')).toBe('2026-11-22T16:00:00.000Z');
		expect(localDayStartUtc('2026-07-01', 'Europe/Berlin')).toBe('2026-06-30T22:00:00.000Z');
		expect(localDayStartUtc('2026-02-30')).toBeNull();
		expect(localDayStartUtc('yesterday')).toBeNull();
	});
	it('names the zone: 北京时间 for China Standard Time, else the IANA name and offset', () => {
		expect(zoneName('Asia/Shanghai')).toBe('北京时间');
		expect(zoneName('Asia/Shanghai', 'en')).toBe('Beijing time');
		expect(zoneName('Asia/Tokyo', 'zh', new Date('2026-01-01T00:00:00Z'))).toBe('Asia/Tokyo UTC+09:00');
	});
	it('returns what it cannot parse unchanged, and empty for nothing', () => {
		expect(formatDateTime('not a date')).toBe('not a date');
		expect(formatDateTime(null)).toBe('');
	});
	it('reads TIME_ZONE from the environment, falling back on an unknown zone', () => {
		expect(readConfig({}).timeZone).toBe('Asia/Shanghai');
		expect(readConfig({ TIME_ZONE: 'Europe/Berlin' }).timeZone).toBe('Europe/Berlin');
		const warn = console.warn;
		console.warn = () => {};
		try {
			expect(readConfig({ TIME_ZONE: 'Mars/Olympus' }).timeZone).toBe('Asia/Shanghai');
		} finally {
			console.warn = warn;
		}
		expect(isValidTimeZone('Mars/Olympus')).toBe(false);
	});
	it('exports write the time in the configured zone and name it truthfully', () => {
		expect(formatOfficeTime('2026-11-23T02:30:00.000Z', 'Asia/Shanghai')).toBe('2026-11-23 10:30（北京时间）');
		expect(formatOfficeTime('2026-11-23T02:30:00.000Z', 'UTC')).toBe('2026-11-23 02:30（UTC）');
		expect(chineseDate(new Date('2026-01-04T20:30:00Z'), 'Asia/Shanghai')).toBe('2026年1月5日');
		expect(chineseDate(new Date('2026-01-04T20:30:00Z'), 'UTC')).toBe('2026年1月4日');
	});
	it('a deadline is a whole day in the office zone: 01:00 Beijing on the next day is late, 23:00 is not', () => {
		const round = { deadline: '2026-01-31' };
		expect(isLate(round, new Date('2026-01-31T15:00:00Z'), 'Asia/Shanghai')).toBe(false); // 23:00 Beijing
		expect(isLate(round, new Date('2026-01-31T17:00:00Z'), 'Asia/Shanghai')).toBe(true); // 01:00 on 1 February
		expect(isLate(round, new Date('2026-01-31T17:00:00Z'), 'UTC')).toBe(false);
	});
});
