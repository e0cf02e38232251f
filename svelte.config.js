import adapter from '@sveltejs/adapter-node';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	kit: {
		adapter: adapter({ out: 'build' }),
		// Issue 6: a Content-Security-Policy on every page. 'auto' uses nonces for SvelteKit's own
		// inline bootstrap script on dynamic pages and hashes on prerendered ones. Inline styles stay
		// allowed: Svelte transitions and ECharts set style attributes.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self', 'data:'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'frame-ancestors': ['none'],
				'base-uri': ['self'],
				'form-action': ['self']
			}
		},
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
