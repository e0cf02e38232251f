import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/bootstrap';
import { requirePermission } from '$lib/server/auth/policy';
import { config } from '$lib/server/env';
import { createIngestContext, ingestFile, type IngestOutcome } from '$lib/server/import/ingest';
import { expandUpload } from '$lib/server/import/zip';
import * as agencies from '$lib/server/db/agencies';

/**
 * POST one file (multipart: `file`, optional `agencyId`) into round [id]. A zip yields one outcome
 * per entry. The page sends files one by one so it can show per-file progress.
 */
export const POST: RequestHandler = async ({ params, request, locals }) => {
	const user = requirePermission(locals.user, 'import.run');
	const db = await getDb();
	const roundId = Number(params.id);
	let form: FormData;
	try {
		form = await request.formData();
	} catch {
		error(400, '上传内容无法读取（文件可能过大或上传中断）');
	}
	const file = form.get('file');
	if (!(file instanceof File)) error(400, '没有收到文件');
	const agencyRaw = form.get('agencyId');
	const agencyId = agencyRaw ? Number(agencyRaw) : null;
	if (agencyId != null && !(await agencies.findAgency(db, agencyId))) error(400, '所选单位不存在');
	if (file.size > config.maxFileBytes && !file.name.toLowerCase().endsWith('.zip')) {
		return json([{ status: 'failed', fileName: file.name, message: `文件超过 ${Math.round(config.maxFileBytes / 1048576)} MB 的大小限制` }]);
	}
	let ctx;
	try {
		ctx = await createIngestContext(db, roundId, { id: user.id, username: user.username }, config.maxFileBytes);
	} catch (e) {
		error(404, (e as Error).message);
	}
	if (ctx.round.status === 'published') error(409, '该考核轮次已发布，不能再导入报告');
	const bytes = new Uint8Array(await file.arrayBuffer());
	const expanded = expandUpload(bytes, file.name);
	const out: IngestOutcome[] = expanded.rejected.map((r) => ({ status: 'failed', fileName: `${file.name}/${r.path}`, message: r.message }));
	for (const e of expanded.entries) {
		const name = !e.path || e.path === file.name ? file.name : `${file.name}/${e.path}`;
		out.push(await ingestFile(ctx, name, e.bytes, { agencyId }));
	}
	return json(out);
};
