import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/bootstrap';
import { can, requirePermission } from '$lib/server/auth/policy';
import { appendAudit } from '$lib/server/db/audit';
import * as agencies from '$lib/server/db/agencies';
import { roundContext } from '$lib/server/results/dashboard';
import { roundTotals } from '$lib/server/results/round-results';
import { readAgencyList } from '$lib/server/import/agency-list';
import { joinList } from '$lib/i18n/labels';
import { m } from '$lib/paraglide/messages.js';

export const load: PageServerLoad = async ({ locals, url }) => {
	requirePermission(locals.user, 'dashboards.view');
	const db = await getDb();
	const list = await agencies.listAgencies(db);
	const aliases = await agencies.listAliases(db);
	const ctx = await roundContext(db, url);
	const totals = ctx.round ? await roundTotals(db, ctx.round) : [];
	const byAgency = new Map(totals.map((t) => [t.agencyId, t]));
	const manage = can(locals.user, 'agencies.manage');
	return {
		ctx,
		canManage: manage,
		merges: manage ? (await agencies.listMerges(db)).map((g) => ({ id: g.id, at: g.created_at, from: g.from_name, into: g.into_name })) : [],
		agencies: list.map((a) => ({
			id: a.id,
			name: a.name,
			group: a.group_name,
			region: a.region,
			level: a.level,
			active: !!a.active,
			mergedInto: a.merged_into,
			aliases: aliases.filter((x) => x.agency_id === a.id).map((x) => x.alias),
			rate: byAgency.get(a.id)?.rate ?? null,
			rank: byAgency.get(a.id)?.rank ?? null
		}))
	};
};

function fields(form: FormData) {
	const s = (k: string) => String(form.get(k) ?? '').trim() || null;
	return { name: s('name') ?? '', groupName: s('group'), region: s('region'), level: s('level'), aliases: (s('aliases') ?? '').split(/[、,;，；|]/).map((x) => x.trim()).filter(Boolean) };
}

export const actions: Actions = {
	add: async ({ request, locals }) => {
		const user = requirePermission(locals.user, 'agencies.manage');
		const db = await getDb();
		const f = fields(await request.formData());
		if (!f.name) return fail(400, { message: m.ix_agency_name_required() });
		if (await agencies.findAgencyByName(db, f.name)) return fail(400, { message: m.ix_agency_exists({ name: f.name }) });
		const id = await agencies.insertAgency(db, f);
		await appendAudit(db, { userId: user.id, username: user.username, action: 'agency_create', entity: 'agency', entityId: id, after: f });
		return { message: m.ix_agency_added({ name: f.name }), ok: true };
	},
	edit: async ({ request, locals }) => {
		const user = requirePermission(locals.user, 'agencies.manage');
		const db = await getDb();
		const form = await request.formData();
		const id = Number(form.get('id'));
		const before = await agencies.findAgency(db, id);
		if (!before) return fail(404, { message: m.err_agency_not_found() });
		const f = fields(form);
		if (!f.name) return fail(400, { message: m.ix_agency_name_empty() });
		const clash = await agencies.findAgencyByName(db, f.name);
		if (clash && clash.id !== id) return fail(400, { message: m.ix_agency_exists_merge({ name: f.name }) });
		await db.transaction().execute(async (trx) => {
			await agencies.updateAgency(trx, id, { ...f, active: form.get('active') === 'on' });
			for (const a of f.aliases) await agencies.addAlias(trx, id, a);
			await appendAudit(trx, { userId: user.id, username: user.username, action: 'agency_update', entity: 'agency', entityId: id, before, after: f });
		});
		return { message: m.ix_agency_saved({ name: f.name }), ok: true };
	},
	mergePlan: async ({ request, locals }) => {
		requirePermission(locals.user, 'agencies.manage');
		const db = await getDb();
		const form = await request.formData();
		const pair = await mergePair(db, form);
		if ('problem' in pair) return pair.problem;
		const p = await agencies.mergePreview(db, pair.a.id);
		return { mergePlan: { from: pair.a.id, into: pair.b.id, fromName: pair.a.name, intoName: pair.b.name, ...p } };
	},
	merge: async ({ request, locals }) => {
		const user = requirePermission(locals.user, 'agencies.manage');
		const db = await getDb();
		const form = await request.formData();
		if (form.get('confirm') !== '1') return fail(400, { message: m.rn_confirm_required() });
		const pair = await mergePair(db, form);
		if ('problem' in pair) return pair.problem;
		const { a, b } = pair;
		await db.transaction().execute(async (trx) => {
			const mergeId = await agencies.mergeAgencies(trx, a.id, b.id, user.id);
			await appendAudit(trx, { userId: user.id, username: user.username, action: 'agency_merge', entity: 'agency', entityId: b.id, before: { from: a.name, fromId: a.id }, after: { into: b.name, mergeId } });
		});
		return { message: m.ix_agency_merged({ from: a.name, into: b.name }), ok: true };
	},
	unmerge: async ({ request, locals }) => {
		const user = requirePermission(locals.user, 'agencies.manage');
		const db = await getDb();
		const form = await request.formData();
		const id = Number(form.get('mergeId'));
		const r = await db.transaction().execute(async (trx) => {
			const back = await agencies.undoMerge(trx, id);
			if (back) {
				await appendAudit(trx, { userId: user.id, username: user.username, action: 'agency_unmerge', entity: 'agency', entityId: back.fromId, before: { into: back.intoId, mergeId: id }, after: { reports: back.reports.length, users: back.users.length, keptReports: back.keptReports } });
			}
			return back;
		});
		if (!r) return fail(404, { message: m.ag_unmerge_missing() });
		const name = (await agencies.findAgency(db, r.fromId))?.name ?? '';
		return { message: m.ag_unmerged({ name, reports: r.reports.length, kept: r.keptReports }), ok: true };
	},
	importList: async ({ request, locals }) => {
		const user = requirePermission(locals.user, 'agencies.manage');
		const db = await getDb();
		const file = (await request.formData()).get('file');
		if (!(file instanceof File) || file.size === 0) return fail(400, { message: m.ix_choose_list_file() });
		const r = await readAgencyList(new Uint8Array(await file.arrayBuffer()), file.name);
		if (!r.ok) return fail(400, { message: r.message });
		let added = 0;
		let updated = 0;
		await db.transaction().execute(async (trx) => {
			for (const row of r.rows) {
				const existing = (await agencies.findAgencyByName(trx, row.name)) ?? (await agencies.findAgencyByAlias(trx, row.name));
				if (existing) {
					await agencies.updateAgency(trx, existing.id, { name: existing.name, groupName: row.group ?? existing.group_name, region: row.region ?? existing.region, level: row.level ?? existing.level });
					for (const a of row.aliases) await agencies.addAlias(trx, existing.id, a);
					updated++;
				} else {
					await agencies.insertAgency(trx, { name: row.name, groupName: row.group, region: row.region, level: row.level, aliases: row.aliases });
					added++;
				}
			}
			await appendAudit(trx, { userId: user.id, username: user.username, action: 'agency_import', entity: 'agency', after: { file: file.name, added, updated } });
		});
		const message = r.skipped.length
			? m.ix_list_imported_skipped({ added, updated, skipped: r.skipped.length, examples: joinList(r.skipped.slice(0, 3)) })
			: m.ix_list_imported({ added, updated });
		return { message, ok: true };
	}
};

/** The two agencies of a merge form, or the refusal to return. */
async function mergePair(db: Awaited<ReturnType<typeof getDb>>, form: FormData) {
	const from = Number(form.get('from'));
	const into = Number(form.get('into'));
	if (!from || !into || from === into) return { problem: fail(400, { message: m.ix_merge_pick_two() }) };
	const a = await agencies.findAgency(db, from);
	const b = await agencies.findAgency(db, into);
	if (!a || !b) return { problem: fail(404, { message: m.err_agency_not_found() }) };
	if (a.merged_into != null || b.merged_into != null) return { problem: fail(409, { message: m.ag_merge_already() }) };
	return { a, b };
}
