/** Names and credentials shared by the e2e seed (serve.js → seed.ts) and the journeys. */
export const E2E_PASSWORD = 'e2e-password-2';

export const E2E_AGENCIES = [{ name: '青岚盟测试局' }, { name: '青岚盟另一局' }] as const;

export const E2E_USERS = {
	supervisor: { username: 'e2e-super', display: '测试考核管理员', role: 'supervisor' },
	evaluator: { username: 'e2e-eval', display: '测试评审', role: 'evaluator' },
	agency: { username: 'e2e-agency', display: '测试单位用户', role: 'agency' }
} as const;

/** Deterministic ids of a fresh seeded database (see seed.ts). */
export const E2E_IDS = { ownAgency: 1, otherAgency: 2, round: 1, otherReport: 1 } as const;
