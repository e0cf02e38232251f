/**
 * Times in the office's time zone (issue 14). The database keeps instants as ISO strings in UTC;
 * pages and exports show them in one configured IANA zone (`TIME_ZONE`, default Asia/Shanghai),
 * whatever zone the server or the browser runs in. Pure: used by pages, exports and the server.
 *
 * @example formatDateTime('2026-01-01T20:00:00.000Z', 'Asia/Shanghai') // '2026-01-02 04:00'
 */

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** Zones that are China Standard Time (UTC+8, no daylight saving): 北京时间. */
const BEIJING_ZONES = new Set(['Asia/Shanghai', 'Asia/Chongqing', 'Asia/Chungking', 'Asia/Harbin', 'Asia/Urumqi', 'PRC']);

/** Is this an IANA zone the runtime knows? */
export function isValidTimeZone(tz: string): boolean {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: tz });
		return true;
	} catch {
		return false;
	}
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(tz: string): Intl.DateTimeFormat {
	let f = formatters.get(tz);
	if (!f) {
		f = new Intl.DateTimeFormat('en-US', {
			timeZone: tz,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
			hourCycle: 'h23'
		});
		formatters.set(tz, f);
	}
	return f;
}

interface Wall {
	y: string;
	mo: string;
	d: string;
	h: string;
	mi: string;
	s: string;
}

function wallClock(t: number, tz: string): Wall {
	const parts: Record<string, string> = {};
	for (const p of partsFormatter(tz).formatToParts(new Date(t))) parts[p.type] = p.value;
	return { y: parts.year, mo: parts.month, d: parts.day, h: parts.hour === '24' ? '00' : parts.hour, mi: parts.minute, s: parts.second };
}

function instant(v: string | Date): number {
	return v instanceof Date ? v.getTime() : Date.parse(v);
}

/** "2026-11-23 10:30" (or with seconds) in the zone; an unparsable input is returned as it was. */
export function formatDateTime(v: string | Date | null | undefined, tz: string = DEFAULT_TIME_ZONE, opts: { seconds?: boolean } = {}): string {
	if (v == null || v === '') return '';
	const t = instant(v);
	if (Number.isNaN(t)) return String(v);
	const w = wallClock(t, tz);
	return `${w.y}-${w.mo}-${w.d} ${w.h}:${w.mi}${opts.seconds ? `:${w.s}` : ''}`;
}

/** The calendar date "2026-11-23" of an instant in the zone (a deadline is a date in the office's zone). */
export function formatDate(v: string | Date | null | undefined, tz: string = DEFAULT_TIME_ZONE): string {
	if (v == null || v === '') return '';
	const t = instant(v);
	if (Number.isNaN(t)) return String(v);
	const w = wallClock(t, tz);
	return `${w.y}-${w.mo}-${w.d}`;
}

/** Offset of the zone from UTC at an instant, in minutes (Asia/Shanghai: 480). */
export function zoneOffsetMinutes(v: string | Date, tz: string = DEFAULT_TIME_ZONE): number {
	const t = Math.floor(instant(v) / 1000) * 1000;
	const w = wallClock(t, tz);
	const asUtc = Date.UTC(+w.y, +w.mo - 1, +w.d, +w.h, +w.mi, +w.s);
	return Math.round((asUtc - t) / 60_000);
}

/**
 * The UTC instant (ISO) at which a local calendar day "YYYY-MM-DD" starts in the zone, for
 * filtering stored UTC times by the office's days. Null for a malformed date.
 */
export function localDayStartUtc(date: string, tz: string = DEFAULT_TIME_ZONE): string | null {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
	if (!m) return null;
	const guess = Date.UTC(+m[1], +m[2] - 1, +m[3]);
	if (Number.isNaN(guess) || new Date(guess).toISOString().slice(0, 10) !== date) return null;
	// Two passes settle a zone whose offset changes near midnight.
	let t = guess - zoneOffsetMinutes(new Date(guess), tz) * 60_000;
	t = guess - zoneOffsetMinutes(new Date(t), tz) * 60_000;
	return new Date(t).toISOString();
}

/** "UTC+08:00" for an offset in minutes. */
export function offsetLabel(minutes: number): string {
	const sign = minutes < 0 ? '-' : '+';
	const a = Math.abs(minutes);
	return `UTC${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/**
 * The zone's name in words: 北京时间 / Beijing time for China Standard Time, otherwise the IANA name
 * with its current offset ("Europe/Berlin UTC+01:00").
 */
export function zoneName(tz: string = DEFAULT_TIME_ZONE, lang: 'zh' | 'en' = 'zh', at: Date = new Date()): string {
	if (BEIJING_ZONES.has(tz)) return lang === 'zh' ? '北京时间' : 'Beijing time';
	if (tz === 'UTC' || tz === 'Etc/UTC') return 'UTC';
	return `${tz} ${offsetLabel(zoneOffsetMinutes(at, tz))}`;
}
