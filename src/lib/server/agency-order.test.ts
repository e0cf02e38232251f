import { describe, expect, it } from 'vitest';
import { agencyOptions } from './agency-order';
import { matchesQuery, pinyinCollator } from '../agency-order';

const opts = (names: string[]) => agencyOptions(names.map((name, id) => ({ id, name })));

describe('agency pickers in pinyin order', () => {
	it('ICU of this Node has pinyin collation (single characters: 阿 北 长 重)', () => {
		expect(['重', '长', '北', '阿'].sort(pinyinCollator().compare)).toEqual(['阿', '北', '长', '重']);
		expect(['重', '长', '北', '阿'].sort()).not.toEqual(['阿', '北', '长', '重']); // code-point order differs
	});
	it('sorts names by their pinyin read as words: 长春 (chang) before 重庆 (chong)', () => {
		const r = opts(['重庆市政务服务中心', '长春市司法局', '北京市统计局', '阿拉善盟发改委', '中山市财政局']);
		expect(r.map((a) => a.name.slice(0, 2))).toEqual(['阿拉', '北京', '长春', '重庆', '中山']);
		expect(r[2]).toMatchObject({ py: 'changchunshisifaju', initials: 'ccssfj' });
	});
	it('keeps numbers and latin letters in names, equal names in id order', () => {
		const r = agencyOptions([{ id: 2, name: '第10中学' }, { id: 1, name: '第2中学' }, { id: 3, name: '第2中学' }]);
		expect(r.map((a) => a.id)).toEqual([1, 3, 2]);
	});
	it('search matches the name, its pinyin or its initials', () => {
		const [a] = opts(['青岚盟统计局']);
		expect(matchesQuery(a, '统计')).toBe(true);
		expect(matchesQuery(a, 'tongji')).toBe(true);
		expect(matchesQuery(a, 'TJJ')).toBe(true);
		expect(matchesQuery(a, '财政')).toBe(false);
		expect(matchesQuery(a, 'caizheng')).toBe(false);
		expect(matchesQuery(a, '  ')).toBe(true);
	});
});
