/**
 * The one reader of configuration. It reads `process.env` (not `$env/*`) so the very same module
 * serves the SvelteKit server, the `zwgk` CLI under tsx, and Vitest.
 */
import path from 'node:path';
import { DEFAULT_TIME_ZONE, isValidTimeZone } from '../time';

export interface AppConfig {
	/** SQLite file path, `file:` URL, `:memory:`, or a `postgres://` URL. */
	databaseUrl: string;
	migrationsDir: string;
	/** Load the generated demo data on an empty database at start. */
	demo: boolean;
	/** Upload limit per file, in bytes. */
	maxFileBytes: number;
	/** The issuing office printed on notices (通报, 整改通知书): ZWGK_ISSUER. */
	issuer: string;
	/** The office's IANA time zone for every shown or exported time: TIME_ZONE (default Asia/Shanghai). */
	timeZone: string;
}

export function readConfig(env: Record<string, string | undefined> = process.env): AppConfig {
	return {
		databaseUrl: env.DATABASE_URL?.trim() || path.resolve(process.cwd(), 'data', 'zwgk.db'),
		migrationsDir: env.MIGRATIONS_DIR?.trim() || path.resolve(process.cwd(), 'migrations'),
		demo: env.DEMO !== '0' && env.DEMO !== 'false',
		maxFileBytes: Number(env.MAX_FILE_MB ?? 50) * 1024 * 1024,
		issuer: env.ZWGK_ISSUER?.trim() || '政务公开办公室',
		timeZone: readTimeZone(env.TIME_ZONE)
	};
}

/** A configured zone the runtime does not know falls back to the default, with a warning (never a crash at start). */
function readTimeZone(raw: string | undefined): string {
	const tz = raw?.trim();
	if (!tz) return DEFAULT_TIME_ZONE;
	if (isValidTimeZone(tz)) return tz;
	console.warn(`TIME_ZONE=${tz} is not a known IANA time zone; using ${DEFAULT_TIME_ZONE}`);
	return DEFAULT_TIME_ZONE;
}

export const config: AppConfig = readConfig();

/** Reuse thresholds (issue 15): ZWGK_REUSE_PREVIOUS (0.5), ZWGK_REUSE_PEER (0.6), ZWGK_REUSE_COMMON_SHARE (0.3). */
export function similarityConfig(env: Record<string, string | undefined> = process.env): { previous: number; peer: number; commonShare: number } {
	const share = (raw: string | undefined, d: number): number => {
		const x = Number(raw?.trim().replace(/%$/, ''));
		if (!raw?.trim() || !Number.isFinite(x) || x <= 0) return d;
		return x > 1 ? x / 100 : x;
	};
	return { previous: share(env.ZWGK_REUSE_PREVIOUS, 0.5), peer: share(env.ZWGK_REUSE_PEER, 0.6), commonShare: share(env.ZWGK_REUSE_COMMON_SHARE, 0.3) };
}
