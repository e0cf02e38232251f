// @ts-check
/**
 * Issue 14 (submission checks): a report whose named agency is not the submitting or chosen
 * agency, or whose period is not the round's, is held for a supervisor instead of being counted.
 * `held` keeps why (JSON [{ code, params }]); a held report is also superseded, so no count reads
 * it until a supervisor releases it.
 */

/** @param {import('kysely').Kysely<any>} db */
export async function up(db) {
	const { jsonType } = await import('./_dialect.js');
	await db.schema.alterTable('reports').addColumn('held', jsonType(db)).execute();
}

/** @param {import('kysely').Kysely<any>} db */
export async function down(db) {
	await db.schema.alterTable('reports').dropColumn('held').execute();
}
