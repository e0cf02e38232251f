/** `zwgk import`, `zwgk rounds`, `zwgk rescore`, `zwgk demo`: the same services as the web pages. */
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../../server/db/connect';
import * as agencies from '../../server/db/agencies';
import * as rounds from '../../server/db/rounds';
import { roundProblem } from '../../server/rounds/edit';
import * as rubrics from '../../server/db/rubrics';
import { loadDemo } from '../../server/demo';
import { assignAgency, createIngestContext, ingestEach, type IngestOutcome } from '../../server/import/ingest';
import { expandUpload } from '../../server/import/zip';
import { rescoreRound } from '../../server/scoring/rescore';
import { CliError, flagString, type ParsedArgs } from '../args';

const CLI_USER = { id: null, username: 'cli' };

export const IMPORT_HELP = `zwgk import [--round ID] [--agency 单位名] [--create-agencies] PATH...
  导入报告文件、文件夹或 zip 到考核轮次（默认最新一轮）。任一文件失败时退出码为 1，其余文件照常导入。
  --agency 指定报送单位；--create-agencies 将报告中写明、但单位库中没有的单位新建入库（否则列为“待指定单位”）。
  Imports files, folders and zips into a round (default: the latest). Exit code 1 when any file failed.
  --create-agencies adds agencies named in reports but missing from the registry (else: needs an agency).`;
export const ROUNDS_HELP = `zwgk rounds add NAME --period 2019 [--deadline 2020-01-31] [--rubric VERSION]
zwgk rounds list
  创建或列出考核轮次 / create or list assessment rounds`;

function walk(p: string, acc: string[]): void {
	const st = fs.statSync(p);
	if (st.isDirectory()) {
		for (const e of fs.readdirSync(p).sort()) if (!e.startsWith('.')) walk(path.join(p, e), acc);
	} else acc.push(p);
}

async function resolveRound(db: Database, arg: string | undefined) {
	if (arg) {
		const r = await rounds.findRound(db, Number(arg));
		if (!r) throw new CliError(`考核轮次 ${arg} 不存在。运行 npm run zwgk -- rounds list 查看`);
		return r;
	}
	const r = await rounds.latestRound(db);
	if (!r) throw new CliError('还没有考核轮次。先运行 npm run zwgk -- rounds add "2019年度政务公开考核" --period 2019');
	return r;
}

const STATUS: Record<IngestOutcome['status'], string> = {
	imported: '已导入',
	duplicate: '重复',
	needs_agency: '待指定单位',
	failed: '失败',
	replaces: '待确认替换' // only the web import asks (askBeforeReplace)
};

export async function importCommand(db: Database, args: ParsedArgs, out: (s: string) => void, err: (s: string) => void): Promise<number> {
	if (!args.positionals.length) throw new CliError(`缺少要导入的路径。\n${IMPORT_HELP}`);
	const round = await resolveRound(db, flagString(args, 'round'));
	let agencyId: number | null = null;
	const agencyName = flagString(args, 'agency');
	if (agencyName) {
		const a = (await agencies.findAgencyByName(db, agencyName)) ?? (await agencies.findAgencyByAlias(db, agencyName));
		if (!a) throw new CliError(`找不到单位 “${agencyName}”`);
		agencyId = a.id;
	}
	const createAgencies = !!args.flags['create-agencies'];
	const files: string[] = [];
	for (const p of args.positionals) {
		if (!fs.existsSync(p)) throw new CliError(`路径不存在：${p}`);
		walk(p, files);
	}
	const ctx = await createIngestContext(db, round.id, CLI_USER);
	const results: IngestOutcome[] = [];
	const tty = process.stderr.isTTY;
	let done = 0;
	const started = Date.now();
	// Files are read and expanded lazily; ingestEach parses the next ones in the worker pool (every
	// core) while this one's rows are written. A file's rejected zip entries keep their place.
	const rejections: { at: number; r: IngestOutcome }[] = [];
	let yielded = 0;
	function* entries() {
		for (const f of files) {
			const expanded = expandUpload(fs.readFileSync(f), path.basename(f));
			for (const r of expanded.rejected) rejections.push({ at: yielded, r: { status: 'failed', fileName: `${f}/${r.path}`, message: r.message } });
			for (const e of expanded.entries) {
				const base = path.basename(f);
				yielded++;
				yield { fileName: !e.path || e.path === base ? base : `${base}/${e.path}`, bytes: e.bytes, agencyId };
			}
		}
	}
	const flush = (upTo: number) => {
		while (rejections.length > 0 && rejections[0].at <= upTo) results.push(rejections.shift()!.r);
	};
	{
		for await (let r of ingestEach(ctx, entries())) {
			flush(done);
			const name = r.fileName;
			if (r.status === 'needs_agency' && createAgencies && r.extracted && r.candidates.length === 0) {
				const id = await agencies.insertAgency(db, { name: r.extracted });
				ctx.index.addAgency({ id, name: r.extracted, region: null });
				await assignAgency(db, r.reportId, id, CLI_USER);
				const total = r.total;
				r = { status: 'imported', fileName: name, reportId: r.reportId, agencyId: id, agencyName: r.extracted, period: r.period, type: r.type, total, max: r.max, late: false, warnings: ['新建单位'] };
			}
			results.push(r);
			done++;
			if (tty) {
				const width = 30;
				const frac = Math.min(1, done / Math.max(files.length, done));
				process.stderr.write(`\r[${'#'.repeat(Math.round(frac * width)).padEnd(width, '.')}] ${done} 个文件 ${name.slice(0, 40).padEnd(40)}`);
			}
		}
		flush(Number.POSITIVE_INFINITY);
	}
	if (tty) process.stderr.write('\n');
	const secs = (Date.now() - started) / 1000;
	for (const r of results) {
		const detail =
			r.status === 'imported'
				? `${r.agencyName}　${r.period ?? '—'}　${r.total}/${r.max}${r.late ? '　逾期' : ''}`
				: r.message;
		(r.status === 'failed' ? err : out)(`${STATUS[r.status].padEnd(5, '　')}　${r.fileName}　${detail}`);
	}
	const count = (s: IngestOutcome['status']) => results.filter((r) => r.status === s).length;
	out(
		`\n合计 ${results.length} 个文件（${round.name}）：已导入 ${count('imported')}，重复 ${count('duplicate')}，待指定单位 ${count('needs_agency')}，失败 ${count('failed')}；用时 ${secs.toFixed(1)} 秒`
	);
	return count('failed') ? 1 : 0;
}

export async function roundsCommand(db: Database, args: ParsedArgs, out: (s: string) => void): Promise<number> {
	const [sub, name] = args.positionals;
	if (sub === 'list') {
		const list = await rounds.listRounds(db);
		if (!list.length) out('还没有考核轮次');
		for (const r of list) out(`${r.id}\t${r.period}\t${rounds.ROUND_STATUS_LABELS[r.status]}\t${r.name}`);
		return 0;
	}
	if (sub !== 'add') throw new CliError(ROUNDS_HELP);
	if (!name?.trim()) throw new CliError(`缺少轮次名称。\n${ROUNDS_HELP}`);
	const period = (flagString(args, 'period') ?? '').trim().toUpperCase();
	if (!rounds.isPeriod(period)) throw new CliError(`期间无效：“${period}”。应为年份（2019）或半年（2017H1）`);
	const deadline = flagString(args, 'deadline') ?? null;
	if (deadline && !/^\d{4}-\d{2}-\d{2}$/.test(deadline)) throw new CliError('截止日期格式应为 YYYY-MM-DD');
	// the same rules as the app's round forms: the deadline after the period's end, no duplicate round
	const problem = await roundProblem(db, { name: name.trim(), period, deadline });
	if (problem) throw new CliError(problem);
	const version = flagString(args, 'rubric');
	const rubric = version ? await rubrics.findRubricVersion(db, 'default', Number(version)) : await rubrics.latestRubric(db);
	if (!rubric) throw new CliError(version ? `考评细则版本 ${version} 不存在` : '缺少考评细则，请先运行 migrate');
	const id = await rounds.insertRound(db, { name: name.trim(), period, rubricId: rubric.id, deadline, status: 'open' });
	out(`已创建考核轮次 ${id}：${name.trim()}（${rounds.periodLabel(period)}，考评细则 v${rubric.version}）`);
	return 0;
}

export async function rescoreCommand(db: Database, args: ParsedArgs, out: (s: string) => void): Promise<number> {
	const round = await resolveRound(db, flagString(args, 'round'));
	const v = flagString(args, 'rubric');
	const rubric = v ? await rubrics.findRubricVersion(db, 'default', Number(v)) : await rubrics.latestRubric(db);
	if (!rubric) throw new CliError(`考评细则版本 ${v} 不存在`);
	const r = await rescoreRound(db, round.id, rubric.id, CLI_USER);
	out(`已按考评细则 v${rubric.version} 重新评分 ${round.name} 的 ${r.reports} 份报告`);
	return 0;
}

export async function demoCommand(db: Database, out: (s: string) => void): Promise<number> {
	const r = await loadDemo(db, { log: out });
	if (!r) throw new CliError('数据库中已有单位或考核轮次，未载入演示数据（请使用空数据库）');
	out(`已载入演示数据：${r.agencies} 个单位，${r.rounds} 个考核轮次，${r.reports} 份报告${r.failed ? `，${r.failed} 份失败` : ''}`);
	return 0;
}
