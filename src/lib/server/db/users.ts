/** Users repository: Kysely only, executor first. */
import type { Kysely } from 'kysely';
import type { DB, NewUser, Role, User } from './schema';

type Executor = Kysely<DB>;

export const ROLES: readonly Role[] = ['admin', 'supervisor', 'evaluator', 'agency'];
export const ROLE_LABELS: Record<Role, string> = {
	admin: '系统管理员',
	supervisor: '考核管理员',
	evaluator: '评审人员',
	agency: '单位用户'
};

export function isRole(x: string): x is Role {
	return (ROLES as readonly string[]).includes(x);
}

export function findUserByUsername(db: Executor, username: string): Promise<User | undefined> {
	return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export function findUser(db: Executor, id: number): Promise<User | undefined> {
	return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertUser(db: Executor, user: NewUser): Promise<number> {
	const row = await db.insertInto('users').values(user).returning('id').executeTakeFirstOrThrow();
	return row.id;
}

export async function countUsers(db: Executor): Promise<number> {
	const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
	return Number(row.n);
}

export function listUsers(db: Executor) {
	return db
		.selectFrom('users')
		.leftJoin('agencies', 'agencies.id', 'users.agency_id')
		.select([
			'users.id',
			'users.username',
			'users.display_name',
			'users.role',
			'users.disabled',
			'users.created_at',
			'agencies.name as agency_name'
		])
		.orderBy('users.id')
		.execute();
}
