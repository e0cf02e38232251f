/**
 * The similarity tables (migration 2026_12_03_1900_similarity.js), typed here and joined onto the
 * shared schema with `withTables`, so the reuse feature keeps its types in its own module.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';

export type SimilarityFingerprintsTable = {
	report_id: number;
	/** a winnowed 32-bit fingerprint of the report's own text */
	hash: number;
};

export type ReportSimilarityTable = {
	report_id: number;
	round_id: number;
	letters: number;
	standard_letters: number;
	common_letters: number;
	previous_report_id: number | null;
	previous_share: number | null;
	peer_report_id: number | null;
	peer_share: number | null;
	computed_at: string;
};

// a type alias (not an interface): withTables wants an index-signature-compatible record
export type SimilarityTables = {
	similarity_fingerprints: SimilarityFingerprintsTable;
	report_similarity: ReportSimilarityTable;
};

export type SimDb = Kysely<DB & SimilarityTables>;

/** The database (or a transaction) seen with the similarity tables. */
export function simDb(db: Kysely<DB>): SimDb {
	return db.withTables<SimilarityTables>();
}
