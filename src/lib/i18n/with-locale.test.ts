import { describe, expect, it } from 'vitest';
import { m } from '../paraglide/messages.js';
import { getLocale } from '../paraglide/runtime.js';
import { withLocale } from './with-locale';

describe('withLocale', () => {
	it('renders messages in the given language inside, and the base language after', async () => {
		expect(m.err_report_not_found()).toBe('报告不存在');
		const inside = await withLocale('en', async () => {
			await new Promise((r) => setTimeout(r, 1));
			return m.err_file_over_limit({ mb: 50 });
		});
		expect(inside).toBe('The file exceeds the 50 MB size limit');
		expect(getLocale()).toBe('zh-CN');
		expect(m.err_report_not_found()).toBe('报告不存在');
	});

	it('restores the locale when fn throws', async () => {
		await expect(withLocale('en', () => { throw new Error('x'); })).rejects.toThrow('x');
		expect(getLocale()).toBe('zh-CN');
	});
});
