// @ts-check
/**
 * Issue 15: reuse between reports (重复率 / 雷同).
 *
 * - similarity_fingerprints: the winnowed fingerprints of each report's own text (32-bit hashes of
 *   character shingles), written once per report; the index on hash finds the reports sharing a
 *   passage without comparing pair by pair, and counts how many of a round's reports share it
 *   (a passage in more than the configured share is the round's template, not copying).
 * - report_similarity: one row per report with its figures — the share of its text found in the
 *   same agency's previous report (与上一轮重复率) and the closest report of another agency in the
 *   same round with its share — and the letters left out (standard text, the round's template).
 */

/** @param {import('kysely').Kysely<any>} db */
export async function up(db) {
	await db.schema
		.createTable('similarity_fingerprints')
		.addColumn('report_id', 'integer', (c) => c.notNull().references('reports.id').onDelete('cascade'))
		.addColumn('hash', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('similarity_fingerprints_pk', ['report_id', 'hash'])
		.execute();
	await db.schema.createIndex('similarity_fingerprints_hash').on('similarity_fingerprints').columns(['hash', 'report_id']).execute();

	await db.schema
		.createTable('report_similarity')
		.addColumn('report_id', 'integer', (c) => c.primaryKey().references('reports.id').onDelete('cascade'))
		.addColumn('round_id', 'integer', (c) => c.notNull().references('rounds.id').onDelete('cascade'))
		.addColumn('letters', 'integer', (c) => c.notNull()) // countable letters (own text)
		.addColumn('standard_letters', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('common_letters', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('previous_report_id', 'integer', (c) => c.references('reports.id').onDelete('set null'))
		.addColumn('previous_share', 'real') // null: no previous report, or too little own text
		.addColumn('peer_report_id', 'integer', (c) => c.references('reports.id').onDelete('set null'))
		.addColumn('peer_share', 'real')
		.addColumn('computed_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('report_similarity_round').on('report_similarity').columns(['round_id', 'report_id']).execute();
}

/** @param {import('kysely').Kysely<any>} db */
export async function down(db) {
	await db.schema.dropTable('report_similarity').execute();
	await db.schema.dropTable('similarity_fingerprints').execute();
}
