import { hash, verify } from '@node-rs/argon2';
import { m } from '../../paraglide/messages.js';

/** OWASP's argon2id minimum: m=19 MiB, t=2, p=1 (~50 ms here). */
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 256;

export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

/** Why the password is unusable (in the request's language; Chinese outside a request), else null. */
export function passwordProblem(password: string): string | null {
	if (!password || !password.trim()) return m.sv_password_empty();
	if (password.length < MIN_PASSWORD_LENGTH) return m.sv_password_too_short({ min: MIN_PASSWORD_LENGTH });
	if (password.length > MAX_PASSWORD_LENGTH) return m.sv_password_too_long({ max: MAX_PASSWORD_LENGTH });
	return null;
}

let dummyHash: Promise<string> | null = null;
/** Verifies against a throwaway hash so an unknown username costs as long as a wrong password. */
export async function burnVerify(password: string): Promise<void> {
	dummyHash ??= hashPassword('zwgk-timing-equaliser');
	await verifyPassword(await dummyHash, password);
}
