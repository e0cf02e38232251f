import { describe, it, expect } from 'vitest';
import { normalize, toOriginal } from './normalize';

describe('normalize', () => {
	const cases: [string, string, string][] = [
		['traditional → simplified', '縣應急管理局開展政務公開', '县应急管理局开展政务公开'],
		['keeps mainland words (character level, not phrase level)', '印發文件和辦事程序', '印发文件和办事程序'],
		['full-width digits and percent', '共發布信息１２３條，辦結率９８．６％', '共发布信息123条，办结率98.6%'],
		['Kangxi radicals → unified', '\u2F2F作\u2F8F政', '工作行政'],
		['CJK radicals supplement → unified', '人\u2EA0群众，\u2ED4户网站', '人民群众，门户网站'],
		['inline pinyin removed', '加強監(jiān)督和管（guǎn）理', '加强监督和管理'],
		['ASCII punctuation → Chinese forms', '我办(盟人防办)制定了制度,共3项;时间:10:08', '我办（盟人防办）制定了制度，共3项；时间：10:08'],
		['comma between digits stays', '共1,200条', '共1,200条'],
		['mis-decoded sentence end becomes 。', '保障知情權?,F將情況報告如下', '保障知情权。将情况报告如下'],
		['CR dropped', '第一行\r\n第二行', '第一行\n第二行'],
		['ideographic space → space', '一、\u3000总体情况', '一、 总体情况']
	];
	it.each(cases)('%s', (_name, input, expected) => {
		expect(normalize(input).text).toBe(expected);
	});

	it('maps normalized ranges back to the original text', () => {
		const original = '開展監(jiān)督檢查，共１０次。';
		const nz = normalize(original);
		expect(nz.text).toBe('开展监督检查，共10次。');
		const i = nz.text.indexOf('监督检查');
		const o = toOriginal(nz, i, i + 4);
		expect(original.slice(o.start, o.end)).toBe('監(jiān)督檢查');
		const j = nz.text.indexOf('10次');
		const p = toOriginal(nz, j, j + 3);
		expect(original.slice(p.start, p.end)).toBe('１０次');
	});

	it('offset map has one entry per normalized unit plus the end', () => {
		const nz = normalize('甲（zhǎng）乙');
		expect(nz.text).toBe('甲乙');
		expect(nz.starts.length).toBe(3);
		expect(nz.starts[2]).toBe('甲（zhǎng）乙'.length);
	});

	it.each([
		['简体文本', '我局制定了政务公开制度并开展了业务培训', 'simplified'],
		['繁体文本', '我局製定了政務公開制度並開展了業務培訓', 'traditional'],
		['混合文本', '我局制定了政务公开制度，並開展了業務培訓，加強監督', 'mixed']
	])('detects script: %s', (_n, text, script) => {
		expect(normalize(text).script).toBe(script);
	});

	it('does not crash on odd input', () => {
		expect(normalize('??,F').text.length).toBeGreaterThan(0);
		expect(normalize('').text).toBe('');
		expect(normalize('\u{20000}字').text).toBe('\u{20000}字');
	});
});
