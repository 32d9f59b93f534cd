import { describe, expect, it } from 'vitest';
import { noticeLineRows, type NoticeRowLine } from './notice-rows';

const line = (over: Partial<NoticeRowLine> = {}): NoticeRowLine => ({
  seq: 1,
  maskedName: '李*',
  maskedId: '530824********9453',
  level: 'LEVEL_4',
  certificateNumber: 'S2026533028510001',
  attendanceRate: 0.871,
  amount: 1400,
  eligible: true,
  cancelled: false,
  eligibility: [],
  ...over,
});

const attendance = {
  passed: false,
  message: '出勤率65%，低于80%，不能申领补贴',
  messageEn: 'Attendance 65%, below the required 80%: no subsidy may be claimed.',
  clause: '云人社通〔2022〕50号 (十四)',
};
const certificate = {
  passed: false,
  message: '没有取得证书或证书编号，不能享受培训补贴',
  messageEn: 'No certificate or certificate number: no subsidy.',
  clause: '云人社通〔2022〕50号 (五)',
};

describe('noticeLineRows', () => {
  it('writes an eligible line as the page always showed it, Chinese data unmarked on a Chinese page', () => {
    expect(noticeLineRows('zh-CN', [line()])).toBe(
      '<tr> <td class="num">1</td> <th scope="row">李*</th> <td>530824********9453</td> <td>四级/中级工</td> ' +
        '<td>S2026533028510001</td> <td class="num">87%</td> <td class="num">1,400 元</td> ' +
        '<td>  <span> <span aria-hidden="true">✓</span> 是 </span>  </td> </tr>',
    );
  });

  it('marks Chinese data on an English page and gives each failed check with its clause', () => {
    const failing = line({
      seq: 8,
      certificateNumber: null,
      attendanceRate: 0.65,
      amount: 0,
      eligible: false,
      eligibility: [attendance, { ...certificate, passed: true }, certificate],
    });
    expect(noticeLineRows('en', [failing])).toBe(
      '<tr> <td class="num">8</td> <th scope="row" lang="zh-CN">李*</th> <td>530824********9453</td> ' +
        '<td>Level 4 (intermediate worker)</td> <td>None</td> <td class="num">65%</td> <td class="num">0 yuan</td> ' +
        '<td>  <span class="standing--bad"> <span aria-hidden="true">✗</span> No </span> ' +
        `<br><span class="clause">${attendance.messageEn} <cite lang="zh-CN">${attendance.clause}</cite></span>` +
        `<br><span class="clause">${certificate.messageEn} <cite lang="zh-CN">${certificate.clause}</cite></span> </td> </tr>`,
    );
  });

  it('says when an upheld objection cancelled the claim', () => {
    expect(noticeLineRows('zh-CN', [line({ cancelled: true })])).toContain(
      '<td> <strong class="standing--bad">已取消（异议查实）</strong><br> <span>',
    );
  });

  it('escapes what the data holds, as Astro escapes text', () => {
    const html = noticeLineRows('en', [line({ maskedName: '<b>&"\'', certificateNumber: 'A<1>' })]);
    expect(html).toContain('<th scope="row" lang="zh-CN">&lt;b&gt;&amp;&quot;&#39;</th>');
    expect(html).toContain('<td>A&lt;1&gt;</td>');
  });

  it('writes the lines in the order given, with nothing for none', () => {
    const html = noticeLineRows('zh-CN', [line({ seq: 2 }), line({ seq: 1 })]);
    expect(html.indexOf('<td class="num">2</td>')).toBeLessThan(html.indexOf('<td class="num">1</td>'));
    expect(html.split('<tr>').length - 1).toBe(2);
    expect(noticeLineRows('en', [])).toBe('');
  });
});
