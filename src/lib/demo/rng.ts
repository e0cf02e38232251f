/**
 * Small seeded PRNG helpers for the demo generator. Deterministic across platforms:
 * only 32-bit integer arithmetic (Math.imul) and no global state.
 */

/** FNV-1a style 32-bit hash of any mix of strings and numbers (order matters). */
export function hashParts(...parts: Array<string | number>): number {
	let h = 0x811c9dc5;
	for (const part of parts) {
		const s = typeof part === 'number' ? `#${part}` : part;
		for (let i = 0; i < s.length; i++) {
			h ^= s.charCodeAt(i);
			h = Math.imul(h, 0x01000193);
		}
		h ^= 0x1f;
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

/** A seeded random source (mulberry32) with the few helpers the generator needs. */
export class Rng {
	private state: number;

	constructor(seed: number) {
		this.state = (seed >>> 0) ^ 0x6d2b79f5;
	}

	/** Uniform float in [0, 1). */
	next(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let t = this.state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	/** Integer in [min, max] (inclusive). */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	/** True with probability p. */
	chance(p: number): boolean {
		return this.next() < p;
	}

	pick<T>(items: readonly T[]): T {
		if (items.length === 0) throw new Error('pick from empty list');
		return items[Math.floor(this.next() * items.length)];
	}

	/** Up to n distinct items, in random order. */
	sample<T>(items: readonly T[], n: number): T[] {
		const copy = items.slice();
		this.shuffle(copy);
		return copy.slice(0, Math.max(0, Math.min(n, copy.length)));
	}

	shuffle<T>(items: T[]): T[] {
		for (let i = items.length - 1; i > 0; i--) {
			const j = Math.floor(this.next() * (i + 1));
			const tmp = items[i];
			items[i] = items[j];
			items[j] = tmp;
		}
		return items;
	}

	/** A child generator whose stream does not depend on how much of this one is used later. */
	fork(label: string | number): Rng {
		return new Rng(hashParts(this.state, label));
	}
}

/** UTF-8 byte length without allocating. */
export function utf8Length(s: string): number {
	let n = 0;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c < 0x80) n += 1;
		else if (c < 0x800) n += 2;
		else if (c >= 0xd800 && c <= 0xdbff) {
			n += 4;
			i++;
		} else n += 3;
	}
	return n;
}
