// @ts-check
/**
 * Issue 12: the decoder's document model is kept with each report — its tables as cell grids
 * (JSON, offsets into original_text) — so re-scoring reads the same grids the import read.
 */

/** @param {import('kysely').Kysely<any>} db */
export async function up(db) {
	const { jsonType } = await import('./_dialect.js');
	await db.schema.alterTable('reports').addColumn('doc_tables', jsonType(db)).execute();
}

/** @param {import('kysely').Kysely<any>} db */
export async function down(db) {
	await db.schema.alterTable('reports').dropColumn('doc_tables').execute();
}
