// @ts-check
/**
 * Issue 14: nothing a person did is lost, nothing published changes, every mistake can be put right.
 *
 * - round_agencies: the roster of a round (the agencies expected), written when the round is
 *   published, so agencies added or merged later do not change a published round's counts.
 *   Rounds already published get the agencies that existed when they were published (plus any
 *   agency with a report in them).
 * - override_reviews: an evaluator's override whose indicator got another machine level at a
 *   re-score is not dropped: it waits here (待复核) with the old and new machine level.
 * - reports.withdrawn_*: a report withdrawn by mistake is kept (soft delete, restorable).
 * - agencies.merged_into + agency_merges: a merge keeps the merged agency (inactive) and records
 *   what it moved, so it can be undone.
 */

/** @param {import('kysely').Kysely<any>} db */
export async function up(db) {
	const { idColumn, jsonType } = await import('./_dialect.js');

	await db.schema
		.createTable('round_agencies')
		.addColumn('round_id', 'integer', (c) => c.notNull().references('rounds.id').onDelete('cascade'))
		.addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
		.addPrimaryKeyConstraint('round_agencies_pk', ['round_id', 'agency_id'])
		.execute();

	await db.schema
		.createTable('override_reviews')
		.addColumn(...idColumn(db))
		.addColumn('report_id', 'integer', (c) => c.notNull().references('reports.id').onDelete('cascade'))
		.addColumn('rubric_id', 'integer', (c) => c.notNull()) // the version re-scored into
		.addColumn('indicator_id', 'text', (c) => c.notNull())
		.addColumn('override_id', 'integer', (c) => c.notNull().references('overrides.id'))
		.addColumn('level', 'integer', (c) => c.notNull()) // the evaluator's level
		.addColumn('old_machine_level', 'integer')
		.addColumn('new_machine_level', 'integer')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('resolved_at', 'text')
		.addColumn('resolved_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('resolution', 'text') // 'kept' | 'dismissed' | 'replaced'
		.execute();
	await db.schema.createIndex('override_reviews_report').on('override_reviews').columns(['report_id', 'rubric_id']).execute();

	await db.schema.alterTable('reports').addColumn('withdrawn_at', 'text').execute();
	await db.schema.alterTable('reports').addColumn('withdrawn_by', 'integer').execute();
	await db.schema.alterTable('reports').addColumn('withdrawn_reason', 'text').execute();

	await db.schema.alterTable('agencies').addColumn('merged_into', 'integer').execute();
	await db.schema
		.createTable('agency_merges')
		.addColumn(...idColumn(db))
		.addColumn('from_id', 'integer', (c) => c.notNull().references('agencies.id'))
		.addColumn('into_id', 'integer', (c) => c.notNull().references('agencies.id'))
		.addColumn('moved', jsonType(db), (c) => c.notNull()) // { reports: [], users: [], aliases: [], alias: name|null }
		.addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('undone_at', 'text')
		.execute();

	// Rosters of the rounds published before this migration: the agencies that existed then, and
	// every agency with a report in the round.
	const published = await db.selectFrom('rounds').select(['id', 'published_at', 'created_at']).where('status', '=', 'published').execute();
	for (const r of published) {
		const at = r.published_at ?? r.created_at;
		const existing = await db.selectFrom('agencies').select('id').where('active', '=', 1).where('created_at', '<=', at).execute();
		const reporting = await db
			.selectFrom('reports')
			.select('agency_id')
			.where('round_id', '=', r.id)
			.where('agency_id', 'is not', null)
			.where('status', '=', 'scored')
			.where('superseded', '=', 0)
			.execute();
		const ids = new Set([...existing.map((a) => Number(a.id)), ...reporting.map((x) => Number(x.agency_id))]);
		if (ids.size) await db.insertInto('round_agencies').values([...ids].map((id) => ({ round_id: r.id, agency_id: id }))).execute();
	}
}

/** @param {import('kysely').Kysely<any>} db */
export async function down(db) {
	await db.schema.dropTable('agency_merges').execute();
	await db.schema.alterTable('agencies').dropColumn('merged_into').execute();
	await db.schema.alterTable('reports').dropColumn('withdrawn_reason').execute();
	await db.schema.alterTable('reports').dropColumn('withdrawn_by').execute();
	await db.schema.alterTable('reports').dropColumn('withdrawn_at').execute();
	await db.schema.dropTable('override_reviews').execute();
	await db.schema.dropTable('round_agencies').execute();
}
