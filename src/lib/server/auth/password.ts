import { hash, verify } from '@node-rs/argon2';

/** OWASP's argon2id minimum: m=19 MiB, t=2, p=1 (~50 ms here). */
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export const MIN_PASSWORD_LENGTH = 8;

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

/** A Chinese message when the password is unusable, else null. */
export function passwordProblem(password: string): string | null {
	if (!password || !password.trim()) return '密码不能为空';
	if (password.length < MIN_PASSWORD_LENGTH) return `密码至少需要 ${MIN_PASSWORD_LENGTH} 个字符`;
	if (password.length > 256) return '密码过长（最多 256 个字符）';
	return null;
}

let dummyHash: Promise<string> | null = null;
/** Verifies against a throwaway hash so an unknown username costs as long as a wrong password. */
export async function burnVerify(password: string): Promise<void> {
	dummyHash ??= hashPassword('zwgk-timing-equaliser');
	await verifyPassword(await dummyHash, password);
}
