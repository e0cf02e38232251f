import type { Database } from '../../server/db/connect';
import { hashPassword, passwordProblem } from '../../server/auth/password';
import { appendAudit } from '../../server/db/audit';
import * as users from '../../server/db/users';
import { CliError, flagString, type ParsedArgs } from '../args';

export const USER_HELP = `zwgk user add NAME --role admin|supervisor|evaluator|agency [--password-stdin] [--display 显示名] [--agency 单位名]
  创建用户。密码从标准输入读取（--password-stdin），否则随机生成并打印一次。
  Creates a user. The password is read from stdin with --password-stdin, else generated and printed once.`;

async function readStdin(): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const c of process.stdin) chunks.push(c as Buffer);
	return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

export async function userCommand(db: Database, args: ParsedArgs, out: (s: string) => void): Promise<void> {
	const [sub, name] = args.positionals;
	if (sub !== 'add') throw new CliError(`未知的子命令 “${sub ?? ''}”。\n${USER_HELP}`);
	const username = (name ?? '').trim();
	if (!username) throw new CliError(`缺少用户名。\n${USER_HELP}`);
	if (!/^[\p{L}\p{N}_.@-]{2,64}$/u.test(username)) throw new CliError('用户名只能包含字母、数字、汉字和 _ . @ -，长度 2–64');
	const role = flagString(args, 'role') ?? '';
	if (!users.isRole(role)) throw new CliError(`角色无效：“${role}”。可选：${users.ROLES.join('、')}`);
	if (await users.findUserByUsername(db, username)) throw new CliError(`用户名 “${username}” 已存在，未做任何更改`);

	let agencyId: number | null = null;
	const agencyName = flagString(args, 'agency');
	if (role === 'agency') {
		if (!agencyName) throw new CliError('单位用户需要 --agency 指定所属单位');
		const agency = await db.selectFrom('agencies').select('id').where('name', '=', agencyName).executeTakeFirst();
		if (!agency) throw new CliError(`找不到单位 “${agencyName}”`);
		agencyId = agency.id;
	}

	let password: string;
	let generated = false;
	if (args.flags['password-stdin']) {
		password = await readStdin();
		const problem = passwordProblem(password);
		if (problem) throw new CliError(`${problem}，未创建用户`);
	} else {
		password = crypto.randomUUID().replace(/-/g, '').slice(0, 16);
		generated = true;
	}
	const id = await users.insertUser(db, {
		username,
		display_name: flagString(args, 'display') ?? username,
		role,
		agency_id: agencyId,
		password_hash: await hashPassword(password),
		created_at: new Date().toISOString()
	});
	await appendAudit(db, { userId: null, username: 'cli', action: 'user_create', entity: 'user', entityId: id, after: { username, role } });
	out(`已创建用户 ${username}（${users.ROLE_LABELS[role]}），编号 ${id}`);
	if (generated) out(`初始密码（仅显示这一次）：${password}`);
}
