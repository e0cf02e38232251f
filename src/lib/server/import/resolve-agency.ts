/**
 * Matching an agency name taken from a report against the registry: exact name, a remembered
 * alias, then a normalised match (traditional/simplified, spaces, the 人民政府 suffix), then a unique
 * suffix match for names written without their region prefix (县应急管理局 → 武定县应急管理局).
 * Nothing is attached silently when the match is ambiguous: the caller then asks a person.
 */
import { normalize } from '../../analysis/analyze';

export interface RegistryAgency {
	id: number;
	name: string;
	region: string | null;
}

export type Resolution =
	| { ok: true; agencyId: number; how: 'exact' | 'alias' | 'normalized' | 'suffix' }
	| { ok: false; candidates: RegistryAgency[] };

export function agencyKey(name: string): string {
	return normalize(name)
		.text.replace(/[\s·•]/g, '')
		.replace(/(人民)?政府$/, '')
		.replace(/[（(].*?[)）]$/, '');
}

export class AgencyIndex {
	private byName = new Map<string, number>();
	private byAlias = new Map<string, number>();
	private byKey = new Map<string, number[]>();
	private all: RegistryAgency[] = [];

	constructor(agencies: RegistryAgency[], aliases: { alias: string; agency_id: number }[]) {
		for (const a of agencies) this.addAgency(a);
		for (const al of aliases) this.addAlias(al.alias, al.agency_id);
	}

	addAgency(a: RegistryAgency): void {
		this.all.push(a);
		this.byName.set(a.name, a.id);
		this.pushKey(agencyKey(a.name), a.id);
	}

	addAlias(alias: string, agencyId: number): void {
		this.byAlias.set(alias, agencyId);
		this.pushKey(agencyKey(alias), agencyId);
	}

	private pushKey(key: string, id: number): void {
		if (!key) return;
		const list = this.byKey.get(key) ?? [];
		if (!list.includes(id)) list.push(id);
		this.byKey.set(key, list);
	}

	resolve(raw: string | null | undefined): Resolution {
		const name = raw?.trim();
		if (!name) return { ok: false, candidates: [] };
		const exact = this.byName.get(name);
		if (exact !== undefined) return { ok: true, agencyId: exact, how: 'exact' };
		const alias = this.byAlias.get(name);
		if (alias !== undefined) return { ok: true, agencyId: alias, how: 'alias' };
		const key = agencyKey(name);
		const same = this.byKey.get(key);
		if (same?.length === 1) return { ok: true, agencyId: same[0], how: 'normalized' };
		if (same && same.length > 1) return { ok: false, candidates: this.all.filter((a) => same.includes(a.id)) };
		// A name without its region prefix: unique registry names ending with it (at least 4 chars,
		// and the prefix that is dropped must look like a place: ends with 省/市/盟/旗/县/区/州).
		if (key.length >= 4) {
			const ids = new Set<number>();
			for (const [k, list] of this.byKey) {
				if (k.length > key.length && k.endsWith(key) && /[省市盟旗县区州]$/.test(k.slice(0, k.length - key.length))) {
					for (const id of list) ids.add(id);
				}
			}
			if (ids.size === 1) return { ok: true, agencyId: [...ids][0], how: 'suffix' };
			if (ids.size > 1) return { ok: false, candidates: this.all.filter((a) => ids.has(a.id)) };
		}
		return { ok: false, candidates: [] };
	}
}
