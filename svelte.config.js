import adapter from '@sveltejs/adapter-node';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	kit: {
		adapter: adapter({ out: 'build' }),
		typescript: {
			// Migrations are plain ESM .js (Kysely's FileMigrationProvider imports them natively on
			// Node 20); include them, the CLI, tests and scripts so svelte-check type-checks them too.
			config(tsconfig) {
				tsconfig.include.push(
					'../migrations/**/*.js',
					'../test/**/*.ts',
					'../test/**/*.js',
					'../scripts/**/*.js'
				);
				return tsconfig;
			}
		}
	}
};

export default config;
