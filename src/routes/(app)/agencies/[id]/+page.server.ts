import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/bootstrap';
import { can, canSeeAgency } from '$lib/server/auth/policy';
import * as agencies from '$lib/server/db/agencies';
import * as reports from '$lib/server/db/reports';
import { roundContext, trendsData } from '$lib/server/results/dashboard';
import { roundTotals } from '$lib/server/results/round-results';
import { clipEvidence, scoreRate } from '$lib/server/results/types';
import { restrictContext } from '$lib/server/rounds/visibility';
import { m } from '$lib/paraglide/messages.js';

export const load: PageServerLoad = async ({ params, locals, url }) => {
	const db = await getDb();
	const agency = await agencies.findAgency(db, Number(params.id));
	if (!agency) error(404, m.err_agency_not_found());
	if (!canSeeAgency(locals.user, agency.id)) error(403, m.sv_no_view_agency());
	const staff = can(locals.user, 'dashboards.view');
	const ctx = await restrictContext(db, await roundContext(db, url), locals.user);
	const round = ctx.round && (staff || ctx.round.status === 'published') ? ctx.round : null;

	// History across rounds (one grouped query), only published rounds for agency users.
	const trend = await trendsData(db, [agency.id]);
	const visibleRounds = staff ? trend.rounds : trend.rounds.filter((r) => ctx.rounds.find((x) => x.id === r.id)?.status === 'published');
	const history = visibleRounds.map((r) => {
		const row = trend.agencyRows.find((a) => a.roundId === r.id);
		return { roundId: r.id, name: r.name, period: r.period, rate: row ? scoreRate(Number(row.score), Number(row.max)) : null, total: row ? Number(row.score) : null, max: row ? Number(row.max) : null };
	});

	if (!round) return { agency, ctx, round: null, staff, history, mine: null, groupAvg: null, indicators: [] };
	const totals = await roundTotals(db, round);
	const mine = totals.find((t) => t.agencyId === agency.id) ?? null;
	const peers = totals.filter((t) => t.group === agency.group_name);
	const groupAvg = peers.length
		? Object.fromEntries(ctx.dimensions.map((d) => [d.id, Math.round((peers.reduce((s, p) => s + (p.dimensions[d.id] ?? 0), 0) / peers.length) * 10) / 10]))
		: null;
	let indicators: { id: string; name: string; dimensionId: string; description: string; points: number; level: number | null; machineLevel: number | null; score: number; max: number; overridden: boolean; overrideReason: string | null; evidence: string | null }[] = [];
	if (mine) {
		const rows = await db
			.selectFrom('scores')
			.select(['indicator_id', 'level', 'machine_level', 'score', 'max', 'overridden'])
			.where('report_id', '=', mine.reportId)
			.where('rubric_id', '=', round.rubric_id)
			.execute();
		const ev = await reports.scoreEvidence(db, mine.reportId, round.rubric_id);
		const by = new Map(rows.map((r) => [r.indicator_id, r]));
		// The newest override's reason per indicator, shown beside 人工调整 (issue 14).
		const reasons = new Map<string, string>();
		const ovs = await db
			.selectFrom('overrides')
			.select(['indicator_id', 'reason'])
			.where('report_id', '=', mine.reportId)
			.where('rubric_id', '=', round.rubric_id)
			.orderBy('id', 'desc')
			.execute();
		for (const o of ovs) if (!reasons.has(o.indicator_id)) reasons.set(o.indicator_id, o.reason);
		indicators = ctx.indicators.map((d) => {
			const r = by.get(d.id);
			return {
				id: d.id,
				name: d.name,
				dimensionId: d.dimensionId,
				description: d.description,
				points: d.points,
				level: r?.level ?? null,
				machineLevel: r?.machine_level ?? null,
				score: r?.score ?? 0,
				max: r?.max ?? 0,
				overridden: !!r?.overridden,
				overrideReason: r?.overridden ? (reasons.get(d.id) ?? null) : null,
				evidence: clipEvidence(ev.get(d.id)?.evidence[0]?.text)
			};
		});
	}
	return { agency, ctx, round: { id: round.id, name: round.name, status: round.status }, staff, history, mine, groupAvg, indicators, peers: peers.length };
};
