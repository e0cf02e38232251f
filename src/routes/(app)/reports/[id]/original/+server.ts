import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/bootstrap';
import { can, canSeeAgency } from '$lib/server/auth/policy';
import { m } from '$lib/paraglide/messages.js';

const TYPES: Record<string, string> = {
	txt: 'text/plain; charset=utf-8',
	html: 'text/html; charset=utf-8',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	pdf: 'application/pdf'
};

/** The report exactly as submitted (the original bytes), as an attachment. */
export const GET: RequestHandler = async ({ params, locals }) => {
	const db = await getDb();
	const r = await db
		.selectFrom('reports')
		.innerJoin('rounds', 'rounds.id', 'reports.round_id')
		.select(['reports.bytes', 'reports.file_name', 'reports.file_type', 'reports.encoding', 'reports.agency_id', 'rounds.status'])
		.where('reports.id', '=', /^\d{1,15}$/.test(params.id) ? Number(params.id) : -1)
		.executeTakeFirst();
	if (!r) error(404, m.err_report_not_found());
	if (!can(locals.user, 'dashboards.view') && !(canSeeAgency(locals.user, r.agency_id) && r.status === 'published')) error(403, m.sv_no_download_report());
	const name = r.file_name.split('/').pop() || `report.${r.file_type}`;
	const type = r.file_type === 'txt' && r.encoding && r.encoding !== 'utf-8' ? `text/plain; charset=${r.encoding}` : (TYPES[r.file_type] ?? 'application/octet-stream');
	return new Response(Buffer.from(r.bytes), {
		headers: {
			'content-type': type,
			'content-disposition': `attachment; filename="report.${r.file_type}"; filename*=UTF-8''${encodeURIComponent(name)}`,
			'x-content-type-options': 'nosniff',
			// Issue 13: a report is confidential — never kept by a browser or proxy cache — and, should
			// a browser render it anyway (an html report), it may run nothing and load nothing.
			'cache-control': 'no-store',
			'content-security-policy': "default-src 'none'; sandbox; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
		}
	});
};
