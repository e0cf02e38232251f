/** A tiny argv parser: positionals, `--flag`, `--key value` and `--key=value`. */
export interface ParsedArgs {
	positionals: string[];
	flags: Record<string, string | true>;
}

export function parseArgs(argv: string[], valued: readonly string[] = []): ParsedArgs {
	const positionals: string[] = [];
	const flags: Record<string, string | true> = {};
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '--') {
			positionals.push(...argv.slice(i + 1));
			break;
		}
		if (a.startsWith('--')) {
			const eq = a.indexOf('=');
			if (eq > 0) flags[a.slice(2, eq)] = a.slice(eq + 1);
			else {
				const key = a.slice(2);
				if (valued.includes(key)) {
					const v = argv[i + 1];
					if (v === undefined || v.startsWith('--')) throw new CliError(`选项 --${key} 需要一个值 / --${key} needs a value`);
					flags[key] = v;
					i++;
				} else flags[key] = true;
			}
		} else positionals.push(a);
	}
	return { positionals, flags };
}

/** An expected failure: printed as is, exit code 1 (or the given one), no stack trace. */
export class CliError extends Error {
	override name = 'CliError';
	constructor(
		message: string,
		public exitCode = 1
	) {
		super(message);
	}
}

export function flagString(args: ParsedArgs, key: string): string | undefined {
	const v = args.flags[key];
	return typeof v === 'string' ? v : undefined;
}
