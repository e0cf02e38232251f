/**
 * `zwgk similarity --round ID [--json]`: recomputes a round's reuse figures (重复率) and lists the
 * reports above the thresholds (ZWGK_REUSE_PREVIOUS, ZWGK_REUSE_PEER).
 */
import type { Database } from '../../server/db/connect';
import * as rounds from '../../server/db/rounds';
import { similarityConfig } from '../../server/env';
import { flaggedReports, recomputeRound } from '../../server/similarity/service';
import { CliError, flagString, type ParsedArgs } from '../args';

export const SIMILARITY_HELP = `zwgk similarity --round ID [--json]
  重新计算考核轮次各报告的重复率（与本单位上一轮报告、与本轮其他单位报告），列出超过阈值的报告。
  阈值：ZWGK_REUSE_PREVIOUS（默认 50%）、ZWGK_REUSE_PEER（默认 60%）；本轮超过 ZWGK_REUSE_COMMON_SHARE（默认 30%）报告共有的段落视为模板，不计入。
  Recomputes a round's reuse figures (against the agency's previous report and the other agencies of
  the round) and lists the reports above the thresholds; --json prints one JSON object.`;

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

export async function similarityCommand(db: Database, args: ParsedArgs, out: (s: string) => void): Promise<number> {
	const raw = flagString(args, 'round');
	if (!raw || !/^\d+$/.test(raw)) throw new CliError('请用 --round ID 指定考核轮次 / --round ID is required');
	const round = await rounds.findRound(db, Number(raw));
	if (!round) throw new CliError(`考核轮次 ${raw} 不存在`);
	const th = similarityConfig();
	const r = await recomputeRound(db, round.id, { thresholds: th });
	const flagged = await flaggedReports(db, round.id, th);
	if (args.flags.json) {
		out(JSON.stringify({ round: { id: round.id, name: round.name, period: round.period }, ...r, thresholds: th, flagged }));
		return 0;
	}
	out(`已重新计算 ${round.name} 的 ${r.reports} 份报告的重复率（用时 ${(r.ms / 1000).toFixed(1)} 秒）`);
	out(`与上一轮重复率超过 ${pct(th.previous)}：${r.abovePrevious} 份；与本轮其他单位重复率超过 ${pct(th.peer)}：${r.abovePeer} 份`);
	for (const f of flagged)
		out(
			f.kind === 'previous'
				? `  ${f.agencyName ?? `报告 ${f.reportId}`}  与上一轮重复率 ${pct(f.share)}（报告 ${f.reportId} ↔ ${f.otherReportId}）`
				: `  ${f.agencyName ?? `报告 ${f.reportId}`}  与 ${f.otherAgencyName ?? `报告 ${f.otherReportId}`} 重复 ${pct(f.share)}（报告 ${f.reportId} ↔ ${f.otherReportId}）`
		);
	return 0;
}
