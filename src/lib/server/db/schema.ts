/** Row types of the database, as Kysely sees them. snake_case columns, as in the migrations. */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type CreatedAt = ColumnType<string, string | undefined, never>;
/** JSON stored as text (SQLite) or jsonb (PostgreSQL); repositories (de)serialise it. */
type Json = string;

export type Role = 'admin' | 'supervisor' | 'evaluator' | 'agency';
export type RoundStatus = 'draft' | 'open' | 'review' | 'published';
export type ReportStatus = 'scored' | 'needs_agency' | 'failed';

export interface AgenciesTable {
	id: Generated<number>;
	name: string;
	level: string | null;
	region: string | null;
	group_name: string | null;
	active: ColumnType<number, number | undefined, number>;
	/** set when merged into another agency (issue 14: the merge can be undone) */
	merged_into: ColumnType<number | null, number | null | undefined, number | null>;
	created_at: CreatedAt;
}

export interface AgencyAliasesTable {
	alias: string;
	agency_id: number;
}

export interface UsersTable {
	id: Generated<number>;
	username: string;
	display_name: string;
	role: Role;
	agency_id: number | null;
	password_hash: string;
	disabled: ColumnType<number, number | undefined, number>;
	created_at: CreatedAt;
}

export interface SessionsTable {
	id: string;
	user_id: number;
	expires_at: string;
	created_at: CreatedAt;
	user_agent: string | null;
	ip: string | null;
}

export interface RubricsTable {
	id: Generated<number>;
	key: string;
	version: number;
	name: string;
	definition: Json;
	created_by: number | null;
	created_at: CreatedAt;
}

export interface RoundsTable {
	id: Generated<number>;
	name: string;
	period: string;
	rubric_id: number;
	deadline: string | null;
	status: ColumnType<RoundStatus, RoundStatus | undefined, RoundStatus>;
	created_at: CreatedAt;
	published_at: string | null;
}

export interface ReportsTable {
	id: Generated<number>;
	round_id: number;
	agency_id: number | null;
	file_name: string;
	file_type: string;
	sha256: string;
	text_sha256: string;
	bytes: Uint8Array;
	encoding: string | null;
	original_text: string;
	normalized_text: string;
	/** JSON DocTable[] from the decoder (null: plain text, or imported before issue 12) */
	doc_tables: ColumnType<Json | null, Json | null | undefined, Json | null>;
	meta: Json;
	analysis: Json | null;
	period: string | null;
	report_type: string | null;
	status: ColumnType<ReportStatus, ReportStatus | undefined, ReportStatus>;
	late: ColumnType<number, number | undefined, number>;
	superseded: ColumnType<number, number | undefined, number>;
	imported_by: number | null;
	imported_at: CreatedAt;
	/** soft delete (issue 14): a withdrawn report is also superseded, so no count reads it */
	withdrawn_at: ColumnType<string | null, string | null | undefined, string | null>;
	withdrawn_by: ColumnType<number | null, number | null | undefined, number | null>;
	withdrawn_reason: ColumnType<string | null, string | null | undefined, string | null>;
	/** held for a supervisor (issue 14, submission checks): JSON [{ code, params }]; a held report is also superseded */
	held: ColumnType<Json | null, Json | null | undefined, Json | null>;
}

/** The roster of a round (the agencies expected), frozen when it is published. */
export interface RoundAgenciesTable {
	round_id: number;
	agency_id: number;
}

/** An override whose indicator got another machine level at a re-score: waits for an evaluator (待复核). */
export interface OverrideReviewsTable {
	id: Generated<number>;
	report_id: number;
	rubric_id: number;
	indicator_id: string;
	override_id: number;
	level: number;
	old_machine_level: number | null;
	new_machine_level: number | null;
	created_at: string;
	resolved_at: string | null;
	resolved_by: number | null;
	resolution: 'kept' | 'dismissed' | 'replaced' | null;
}

/** A merge of two agencies and what it moved (so it can be undone). */
export interface AgencyMergesTable {
	id: Generated<number>;
	from_id: number;
	into_id: number;
	/** JSON: { reports: number[], users: number[], aliases: string[], alias: string | null } */
	moved: Json;
	user_id: number | null;
	created_at: string;
	undone_at: string | null;
}

export interface ScoresTable {
	report_id: number;
	rubric_id: number;
	indicator_id: string;
	dimension_id: string;
	machine_level: number | null;
	level: number | null;
	score: number;
	max: number;
	overridden: ColumnType<number, number | undefined, number>;
}

export interface ReportTotalsTable {
	report_id: number;
	rubric_id: number;
	total: number;
	max: number;
	/** JSON: dimension id → score */
	dimensions: Json;
	/** JSON: indicator id → effective level (null: not applicable) */
	levels: Json;
}

export interface ScoreEvidenceTable {
	report_id: number;
	rubric_id: number;
	indicator_id: string;
	evidence: Json;
	discounted: Json;
}

export interface ReportMetricsTable {
	report_id: number;
	metric_id: string;
	value: number;
	approx: number;
	evidence: Json;
}

export interface OverridesTable {
	id: Generated<number>;
	report_id: number;
	rubric_id: number;
	indicator_id: string;
	level_before: number | null;
	level: number;
	reason: string;
	user_id: number | null;
	created_at: CreatedAt;
}

export interface AuditLogTable {
	id: Generated<number>;
	at: string;
	user_id: number | null;
	username: string | null;
	action: string;
	entity: string | null;
	entity_id: string | null;
	before: Json | null;
	after: Json | null;
	ip: string | null;
}

/** Sign-in attempts (issue 6): the throttle counts recent failures per username and per IP. */
export interface LoginAttemptsTable {
	id: Generated<number>;
	at: string;
	username: string;
	ip: string | null;
	success: ColumnType<number, number | undefined, number>;
}

export interface DB {
	agencies: AgenciesTable;
	agency_aliases: AgencyAliasesTable;
	users: UsersTable;
	sessions: SessionsTable;
	rubrics: RubricsTable;
	rounds: RoundsTable;
	reports: ReportsTable;
	scores: ScoresTable;
	score_evidence: ScoreEvidenceTable;
	report_totals: ReportTotalsTable;
	report_metrics: ReportMetricsTable;
	overrides: OverridesTable;
	audit_log: AuditLogTable;
	login_attempts: LoginAttemptsTable;
	round_agencies: RoundAgenciesTable;
	override_reviews: OverrideReviewsTable;
	agency_merges: AgencyMergesTable;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Session = Selectable<SessionsTable>;
export type Agency = Selectable<AgenciesTable>;
export type Round = Selectable<RoundsTable>;
export type Report = Selectable<ReportsTable>;
export type Rubric = Selectable<RubricsTable>;
