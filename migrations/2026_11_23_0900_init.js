// @ts-check
/**
 * The whole product's schema (issue 2): agencies, rounds, rubric versions, reports with their
 * original bytes, scores per indicator, overrides, audit log, users and sessions.
 * Timestamps are ISO-8601 UTC text (portable, sortable); booleans are 0/1 integers.
 */
import { sql } from 'kysely';
import { blobType, idColumn, jsonType } from './_dialect.js';

/** @param {import('kysely').Kysely<any>} db */
export async function up(db) {
	const json = jsonType(db);
	const now = sql`CURRENT_TIMESTAMP`;

	await db.schema
		.createTable('agencies')
		.addColumn(...idColumn(db))
		.addColumn('name', 'text', (c) => c.notNull().unique())
		.addColumn('level', 'text') // 盟/市, 旗县, 部门, 乡镇…
		.addColumn('region', 'text') // path, e.g. 青川盟/北岭旗
		.addColumn('group_name', 'text') // 盟直部门, 旗县市区…
		.addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
		.execute();

	await db.schema
		.createTable('agency_aliases')
		.addColumn('alias', 'text', (c) => c.primaryKey())
		.addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id').onDelete('cascade'))
		.execute();
	await db.schema.createIndex('agency_aliases_agency').on('agency_aliases').column('agency_id').execute();

	await db.schema
		.createTable('users')
		.addColumn(...idColumn(db))
		.addColumn('username', 'text', (c) => c.notNull().unique())
		.addColumn('display_name', 'text', (c) => c.notNull())
		.addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin','supervisor','evaluator','agency')`))
		.addColumn('agency_id', 'integer', (c) => c.references('agencies.id').onDelete('set null'))
		.addColumn('password_hash', 'text', (c) => c.notNull())
		.addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
		.execute();

	await db.schema
		.createTable('sessions')
		.addColumn('id', 'text', (c) => c.primaryKey()) // hex SHA-256 of the token
		.addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
		.addColumn('user_agent', 'text')
		.addColumn('ip', 'text')
		.execute();
	await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

	await db.schema
		.createTable('rubrics')
		.addColumn(...idColumn(db))
		.addColumn('key', 'text', (c) => c.notNull()) // 'default'
		.addColumn('version', 'integer', (c) => c.notNull())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('definition', json, (c) => c.notNull())
		.addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
		.addUniqueConstraint('rubrics_key_version', ['key', 'version'])
		.execute();

	await db.schema
		.createTable('rounds')
		.addColumn(...idColumn(db))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('period', 'text', (c) => c.notNull()) // '2019', '2017H1'
		.addColumn('rubric_id', 'integer', (c) => c.notNull().references('rubrics.id'))
		.addColumn('deadline', 'text')
		.addColumn('status', 'text', (c) =>
			c.notNull().defaultTo('draft').check(sql`status in ('draft','open','review','published')`)
		)
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
		.addColumn('published_at', 'text')
		.execute();

	// Small columns first: SQLite reads a row's columns in order, so the filters and joins of the
	// dashboards never walk the overflow pages of the text and the original bytes stored at the end.
	await db.schema
		.createTable('reports')
		.addColumn(...idColumn(db))
		.addColumn('round_id', 'integer', (c) => c.notNull().references('rounds.id').onDelete('cascade'))
		.addColumn('agency_id', 'integer', (c) => c.references('agencies.id').onDelete('set null'))
		.addColumn('status', 'text', (c) =>
			c.notNull().defaultTo('scored').check(sql`status in ('scored','needs_agency','failed')`)
		)
		.addColumn('superseded', 'integer', (c) => c.notNull().defaultTo(0)) // a later report of the same agency replaced it
		.addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('period', 'text')
		.addColumn('report_type', 'text')
		.addColumn('file_name', 'text', (c) => c.notNull())
		.addColumn('file_type', 'text', (c) => c.notNull()) // txt, html, docx, pdf
		.addColumn('encoding', 'text')
		.addColumn('sha256', 'text', (c) => c.notNull()) // of the original bytes
		.addColumn('text_sha256', 'text', (c) => c.notNull()) // of the normalized text: duplicates
		.addColumn('imported_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('imported_at', 'text', (c) => c.notNull().defaultTo(now))
		.addColumn('meta', json, (c) => c.notNull()) // extracted metadata + warnings
		.addColumn('analysis', json) // sections, noise, tables, checks of the latest scoring
		.addColumn('original_text', 'text', (c) => c.notNull())
		.addColumn('normalized_text', 'text', (c) => c.notNull())
		.addColumn('bytes', blobType(db), (c) => c.notNull())
		.execute();
	await db.schema.createIndex('reports_round_agency').on('reports').columns(['round_id', 'agency_id']).execute();
	// Covering index of a round's current reports (rankings, overview, gaps read no report row).
	await db.schema
		.createIndex('reports_round_current')
		.on('reports')
		.columns(['round_id', 'superseded', 'status', 'agency_id', 'late'])
		.execute();
	await db.schema
		.createIndex('reports_round_text_sha')
		.on('reports')
		.columns(['round_id', 'text_sha256'])
		.unique()
		.execute();

	// Scores stay narrow (aggregated for every dashboard); the evidence lives beside them.
	await db.schema
		.createTable('scores')
		.addColumn('report_id', 'integer', (c) => c.notNull().references('reports.id').onDelete('cascade'))
		.addColumn('rubric_id', 'integer', (c) => c.notNull().references('rubrics.id'))
		.addColumn('indicator_id', 'text', (c) => c.notNull())
		.addColumn('dimension_id', 'text', (c) => c.notNull())
		.addColumn('machine_level', 'integer') // null: not applicable
		.addColumn('level', 'integer') // effective level (override when one exists)
		.addColumn('score', 'real', (c) => c.notNull())
		.addColumn('max', 'real', (c) => c.notNull()) // 0 when not applicable
		.addColumn('overridden', 'integer', (c) => c.notNull().defaultTo(0))
		.addPrimaryKeyConstraint('scores_pk', ['report_id', 'rubric_id', 'indicator_id'])
		.execute();
	// Covering index for the per-report sums (rankings, overview, gaps): no table row is read.
	await db.schema
		.createIndex('scores_report_agg')
		.on('scores')
		.columns(['report_id', 'rubric_id', 'dimension_id', 'indicator_id', 'level', 'machine_level', 'score', 'max', 'overridden'])
		.execute();

	// One row per report × rubric version with its total, maximum and per-dimension sums (JSON), kept
	// in step with `scores` in the same transaction (reports.writeScores, scoring/override): rankings
	// read one short row a report instead of 22.
	await db.schema
		.createTable('report_totals')
		.addColumn('report_id', 'integer', (c) => c.notNull().references('reports.id').onDelete('cascade'))
		.addColumn('rubric_id', 'integer', (c) => c.notNull().references('rubrics.id'))
		.addColumn('total', 'real', (c) => c.notNull())
		.addColumn('max', 'real', (c) => c.notNull())
		.addColumn('dimensions', json, (c) => c.notNull()) // {"fd": 24, "pi": 16, …}
		.addColumn('levels', json, (c) => c.notNull()) // {"fd.decision": 2, "rq.consistency": null, …}
		.addPrimaryKeyConstraint('report_totals_pk', ['report_id', 'rubric_id'])
		.execute();

	await db.schema
		.createTable('score_evidence')
		.addColumn('report_id', 'integer', (c) => c.notNull().references('reports.id').onDelete('cascade'))
		.addColumn('rubric_id', 'integer', (c) => c.notNull().references('rubrics.id'))
		.addColumn('indicator_id', 'text', (c) => c.notNull())
		.addColumn('evidence', json, (c) => c.notNull()) // spans that decided the level
		.addColumn('discounted', json, (c) => c.notNull()) // spans that did not count, with why
		.addPrimaryKeyConstraint('score_evidence_pk', ['report_id', 'rubric_id', 'indicator_id'])
		.execute();

	await db.schema
		.createTable('report_metrics')
		.addColumn('report_id', 'integer', (c) => c.notNull().references('reports.id').onDelete('cascade'))
		.addColumn('metric_id', 'text', (c) => c.notNull())
		.addColumn('value', 'real', (c) => c.notNull())
		.addColumn('approx', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('evidence', json, (c) => c.notNull())
		.addPrimaryKeyConstraint('report_metrics_pk', ['report_id', 'metric_id'])
		.execute();

	await db.schema
		.createTable('overrides')
		.addColumn(...idColumn(db))
		.addColumn('report_id', 'integer', (c) => c.notNull().references('reports.id').onDelete('cascade'))
		.addColumn('rubric_id', 'integer', (c) => c.notNull().references('rubrics.id'))
		.addColumn('indicator_id', 'text', (c) => c.notNull())
		.addColumn('level_before', 'integer')
		.addColumn('level', 'integer', (c) => c.notNull())
		.addColumn('reason', 'text', (c) => c.notNull())
		.addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
		.execute();
	await db.schema.createIndex('overrides_report').on('overrides').columns(['report_id', 'indicator_id']).execute();

	await db.schema
		.createTable('audit_log')
		.addColumn(...idColumn(db))
		.addColumn('at', 'text', (c) => c.notNull())
		.addColumn('user_id', 'integer')
		.addColumn('username', 'text')
		.addColumn('action', 'text', (c) => c.notNull()) // 'login', 'login_failed', 'import', 'override'…
		.addColumn('entity', 'text') // 'report', 'round', 'user'…
		.addColumn('entity_id', 'text')
		.addColumn('before', json)
		.addColumn('after', json)
		.addColumn('ip', 'text')
		.execute();
	await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
}

/** @param {import('kysely').Kysely<any>} db */
export async function down(db) {
	for (const t of [
		'audit_log',
		'overrides',
		'report_metrics',
		'score_evidence',
		'report_totals',
		'scores',
		'reports',
		'rounds',
		'rubrics',
		'sessions',
		'users',
		'agency_aliases',
		'agencies'
	]) {
		await db.schema.dropTable(t).ifExists().execute();
	}
}
