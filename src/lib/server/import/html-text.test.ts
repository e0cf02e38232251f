import { describe, it, expect } from 'vitest';
import type { DocTable } from '../../analysis/types';
import { decodeEntities, htmlToText } from './html-text';

const PAGE = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>某县统计局2023年政府信息公开工作年度报告_某县人民政府</title>
<style>.x{color:red}</style><script>var tracker = "不应出现的脚本文字";</script></head>
<body>
<header><div class="logo">某县人民政府门户网站</div></header>
<nav><ul><li><a href="/">首页</a></li><li><a href="/gk">政务公开</a></li><li>政务服务</li></ul></nav>
<div class="wrap">
  <div class="crumb">当前位置：首页 &gt; 政务公开</div>
  <div class="article">
    <h1>某县统计局2023年政府信息公开工作年度报告</h1>
    <div class="info">发布日期：2024-01-20　来源：县统计局</div>
    <div id="zoom" class="TRS_Editor">
      <p>　　本报告依据《中华人民共和国政府信息公开条例》编制，
      全文包括总体情况、主动公开政府信息情况等部分。</p>
      <p>一、总体情况</p>
      <p>2023年，我局坚持以公开为常态、不公开为例外，全年主动公开信息86条。<br>其中统计公报3篇。</p>
      <table border="1">
        <tr><th>信息内容</th><th>本年制发件数</th><th>本年废止件数</th><th>现行有效件数</th></tr>
        <tr><td><p>规章</p></td><td>0</td><td></td><td>0</td></tr>
        <tr><td>行政规范性文件</td><td>2</td><td>1</td><td>5</td></tr>
      </table>
      <p>二、存在的主要问题及改进情况 &amp; 下一步打算&nbsp;&#x4E00;&#20108;</p>
      <script>document.write("也不应出现")</script>
    </div>
    <div class="share">分享到：微信 微博</div>
  </div>
  <aside><h3>相关链接</h3><a>国家统计局</a><a>省统计局</a></aside>
</div>
<footer>主办：某县人民政府办公室 ICP备案号：某ICP备12345678号</footer>
</body></html>`;

describe('htmlToText', () => {
	const r = htmlToText(PAGE);
	const lines = r.text.split('\n');

	it('drops script, style, nav, header, footer and aside', () => {
		expect(r.text).not.toMatch(/脚本|也不应出现|color:red/);
		expect(r.text).not.toContain('门户网站');
		expect(r.text).not.toContain('政务服务');
		expect(r.text).not.toContain('ICP');
		expect(r.text).not.toContain('相关链接');
	});

	it('keeps the main content with its title and date line', () => {
		expect(lines[0]).toBe('某县统计局2023年政府信息公开工作年度报告');
		expect(lines).toContain('发布日期：2024-01-20　来源：县统计局');
		expect(lines).toContain('一、总体情况');
		expect(r.text).not.toContain('当前位置');
	});

	it('joins a source line break between CJK characters without a space', () => {
		expect(r.text).toContain('条例》编制，全文包括总体情况');
	});

	it('turns <br> into a line break', () => {
		expect(lines).toContain('2023年，我局坚持以公开为常态、不公开为例外，全年主动公开信息86条。');
		expect(lines).toContain('其中统计公报3篇。');
	});

	it('renders a table as one | line per row (empty cells kept) and as a grid pointing into the text', () => {
		expect(lines).toContain('| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |');
		expect(lines).toContain('| 规章 | 0 |  | 0 |');
		expect(lines).toContain('| 行政规范性文件 | 2 | 1 | 5 |');
		expect(r.tables).toHaveLength(1);
		const [t] = r.tables;
		expect(t.source).toBe('html');
		expect(t.rows.map((row) => row.map((c) => c.text))).toEqual([
			['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
			['规章', '0', '', '0'],
			['行政规范性文件', '2', '1', '5']
		]);
		expect(r.text.slice(t.start, t.end).split('\n')).toHaveLength(3);
		for (const row of t.rows) for (const c of row) expect(r.text.slice(c.start, c.end)).toBe(c.text);
	});

	it('decodes entities', () => {
		expect(lines).toContain('二、存在的主要问题及改进情况 & 下一步打算 一二');
	});

	it('reports which region it kept', () => {
		expect(r.mainContent).toBe('div.article');
		expect(r.warnings.join()).toMatch(/正文区域/);
	});

	it('keeps the whole body when mainContent is off', () => {
		const all = htmlToText(PAGE, { mainContent: false }).text;
		expect(all).toContain('当前位置');
		expect(all).toContain('分享到');
		expect(all).not.toContain('ICP');
	});
});

describe('main content without a heading', () => {
	it('prepends the first part of <title> and drops the link lists around the body', () => {
		const body = '我镇按照县政务公开办的统一部署，扎实推进基层政务公开标准化规范化工作，取得了较好成效。'.repeat(3);
		const html =
			`<html><head><title>某镇2023年政务公开工作总结 - 某县人民政府</title></head><body>` +
			`<div class="left"><ul><li>通知公告</li><li>工作动态</li><li>人事信息</li></ul></div>` +
			`<div class="con_text"><p>${body}</p></div></body></html>`;
		const r = htmlToText(html);
		expect(r.text).toBe(`某镇2023年政务公开工作总结\n${body}`);
	});

	it('keeps everything when no region holds most of the text', () => {
		const part = '第一部分的文字内容比较长，用来测试没有明显正文区域的页面。'.repeat(2);
		const html = `<body><div class="content">${part}</div><div class="content2">${part}</div></body>`;
		const r = htmlToText(html);
		expect(r.mainContent).toBe('');
		expect(r.text).toBe(`${part}\n${part}`);
	});
});

describe('tolerance', () => {
	it('handles unclosed <p>, <li>, <td> and stray end tags', () => {
		const t = htmlToText('<body><p>第一段<p>第二段</span><ul><li>甲<li>乙</ul><table><tr><td>一<td>二<tr><td>三<td>四</table></body>', {
			mainContent: false
		}).text;
		expect(t.split('\n')).toEqual(['第一段', '第二段', '甲', '乙', '| 一 | 二 |', '| 三 | 四 |']);
	});

	it('renders layout tables (nested table or long cells) as blocks, not rows', () => {
		const long = '这是正文段落。'.repeat(60);
		const html = `<table><tr><td>左侧栏目</td><td><p>${long}</p><table><tr><td>甲</td><td>1</td></tr></table></td></tr></table>`;
		const lines = htmlToText(html, { mainContent: false }).text.split('\n');
		expect(lines).toEqual(['左侧栏目', long, '| 甲 | 1 |']);
	});

	it('keeps <pre> line breaks', () => {
		expect(htmlToText('<pre>第一行\n  第二行</pre>', { mainContent: false }).text).toBe('第一行\n第二行');
	});

	it('survives 20,000 unclosed tags without overflowing the stack', () => {
		const html = '<body>' + '<font size="3"><div>'.repeat(10_000) + '深层文字' + '</body>';
		expect(htmlToText(html).text).toBe('深层文字');
	});

	it('survives garbage without throwing', () => {
		expect(htmlToText('<<<div <p "x>文字</div><!-- 未闭合的注释', { mainContent: false }).text).toContain('文字');
	});
});

describe('decodeEntities', () => {
	it.each([
		['&lt;p&gt;', '<p>'],
		['&#20013;&#x6587;', '中文'],
		['&nbsp', '\u00a0'],
		['&ldquo;公开&rdquo;', '“公开”'],
		['&#150;', '–'],
		['&unknown;', '&unknown;'],
		['AT&T', 'AT&T']
	])('%s → %s', (input, out) => {
		expect(decodeEntities(input)).toBe(out);
	});
});

describe('tables as grids (rowspan and colspan)', () => {
	// A 表三-like table (our own figures): the header spans rows and columns, the stub spans rows.
	const html = `<body><table>
		<tr><td rowspan="3" colspan="3">（本列数据的勾稽关系）</td><td colspan="7">申请人情况</td></tr>
		<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>
		<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>
		<tr><td colspan="3">一、本年新收政府信息公开申请数量</td><td>5</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>6</td></tr>
		<tr><td rowspan="3">三、本年度办理结果</td><td colspan="2">（一）予以公开</td><td>2</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>2</td></tr>
		<tr><td rowspan="2">（三）不予公开</td><td>1.属于国家秘密</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
		<tr><td>2.其他法律行政法规禁止公开</td><td>3</td><td>1</td><td></td><td>0</td><td>0</td><td>0</td><td>4</td></tr>
	</table></body>`;
	const r = htmlToText(html, { mainContent: false });
	const [t] = r.tables as [DocTable];
	const texts = (i: number): string[] => t.rows[i].map((c) => c.text);

	it('expands the header spans so every column keeps its name', () => {
		expect(t.rows).toHaveLength(7);
		expect(t.rows.every((row) => row.length === 10)).toBe(true);
		expect(texts(0)).toEqual([...Array(3).fill('（本列数据的勾稽关系）'), ...Array(7).fill('申请人情况')]);
		expect(texts(1).slice(3)).toEqual(['自然人', ...Array(5).fill('法人或其他组织'), '总计']);
		expect(texts(2).slice(3)).toEqual(['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计']);
		expect(t.rows[2][3].spanned).toBe(true);
		expect(t.rows[2][4].spanned).toBeFalsy();
	});

	it('expands the body spans: numbers stay in their columns, labels repeat down their rows', () => {
		expect(texts(3)).toEqual([...Array(3).fill('一、本年新收政府信息公开申请数量'), '5', '1', '0', '0', '0', '0', '6']);
		expect(texts(5).slice(0, 4)).toEqual(['三、本年度办理结果', '（三）不予公开', '1.属于国家秘密', '0']);
		expect(texts(6)).toEqual(['三、本年度办理结果', '（三）不予公开', '2.其他法律行政法规禁止公开', '3', '1', '', '0', '0', '0', '4']);
		expect(t.rows[6][1]).toMatchObject({ spanned: true });
		expect(t.rows[6][5].spanned).toBeFalsy();
	});

	it('writes spanned slots empty, and points them at the cell that spans them', () => {
		const lines = r.text.split('\n');
		expect(lines[6]).toBe('|  |  | 2.其他法律行政法规禁止公开 | 3 | 1 |  | 0 | 0 | 0 | 4 |');
		const origin = t.rows[5][1];
		expect(r.text.slice(origin.start, origin.end)).toBe('（三）不予公开');
		expect([t.rows[6][1].start, t.rows[6][1].end]).toEqual([origin.start, origin.end]);
		for (const row of t.rows) for (const c of row) expect(r.text.slice(c.start, c.end)).toBe(c.text);
	});

	it('keeps offsets right when a heading is put in front of the main content', () => {
		const page = `<html><head><title>某局2023年政府信息公开工作年度报告_某市</title></head><body><div class="content">${'正文内容较长的一段文字。'.repeat(8)}<table><tr><td>自然人</td><td>3</td></tr><tr><td>总计</td><td>3</td></tr></table></div></body></html>`;
		const out = htmlToText(page);
		expect(out.text.split('\n')[0]).toBe('某局2023年政府信息公开工作年度报告');
		const cell = out.tables[0].rows[1][1];
		expect(out.text.slice(cell.start, cell.end)).toBe('3');
		expect(out.text.slice(out.tables[0].start, out.tables[0].end)).toBe('| 自然人 | 3 |\n| 总计 | 3 |');
	});
});
