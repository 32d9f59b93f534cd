/**
 * The rows of a notice's line table as one HTML string.
 *
 * Why not Astro markup: a notice page shows every line of the notice (43 on average at scale 5,
 * up to hundreds), and Astro renders each expression of each cell as a step of its own (about 20
 * a line). Written as one string per table, 4,000 notices' pages (both languages) took about 9 %
 * less CPU (BENCHMARKS.md, "Site build"). The markup is the one the Astro template made, byte for
 * byte (compared on those 8,000 pages): text escaped by html-escaper, the escaper Astro uses.
 */
import { escape as escapeHtml } from 'html-escaper';
import { dataLang, label, t, type Lang } from '../i18n';
import { formatNumber, formatYuan } from './format';
import type { NoticeLine } from './queries';

/** A line as its row shows it. */
export type NoticeRowLine = Pick<
  NoticeLine,
  | 'seq'
  | 'maskedName'
  | 'maskedId'
  | 'level'
  | 'certificateNumber'
  | 'attendanceRate'
  | 'amount'
  | 'eligible'
  | 'cancelled'
> & { eligibility: readonly Pick<NoticeLine['eligibility'][number], 'passed' | 'message' | 'messageEn' | 'clause'>[] };

/**
 * The `<tr>` of every line, in the order given: number, masked name (the row's header), masked
 * ID, level, certificate, attendance, amount, and whether it is eligible, with the claim
 * cancelled by an upheld objection and each failed check with its clause.
 * @example noticeLineRows('en', notice.lines) // '<tr> <td class="num">1</td> <th scope="row" lang="zh-CN">李*</th> …</tr>'
 */
export function noticeLineRows(lang: Lang, lines: readonly NoticeRowLine[]): string {
  const zh = dataLang(lang);
  const zhAttr = zh ? ` lang="${zh}"` : '';
  const text = {
    noCertificate: escapeHtml(t(lang, 'notice.lines.noCertificate')),
    cancelled: escapeHtml(t(lang, 'notice.lines.cancelled')),
    yes: escapeHtml(t(lang, 'common.yes')),
    no: escapeHtml(t(lang, 'common.no')),
  };
  let html = '';
  for (const line of lines) {
    const percent = t(lang, 'notice.lines.percent', { n: formatNumber(lang, Math.round(line.attendanceRate * 100)) });
    const cancelled = line.cancelled ? `<strong class="standing--bad">${text.cancelled}</strong><br>` : '';
    const failed = line.eligibility
      .filter((c) => !c.passed)
      .map(
        (c) =>
          `<br><span class="clause">${escapeHtml(lang === 'en' ? c.messageEn : c.message)} <cite${zhAttr}>${escapeHtml(c.clause)}</cite></span>`,
      )
      .join('');
    html +=
      `<tr> <td class="num">${line.seq}</td> <th scope="row"${zhAttr}>${escapeHtml(line.maskedName)}</th> ` +
      `<td>${escapeHtml(line.maskedId)}</td> <td>${escapeHtml(label(lang, 'SkillLevel', line.level))}</td> ` +
      `<td>${line.certificateNumber === null ? text.noCertificate : escapeHtml(line.certificateNumber)}</td> ` +
      `<td class="num">${escapeHtml(percent)}</td> <td class="num">${escapeHtml(formatYuan(lang, line.amount))}</td> ` +
      `<td> ${cancelled} <span${line.eligible ? '' : ' class="standing--bad"'}> ` +
      `<span aria-hidden="true">${line.eligible ? '✓' : '✗'}</span> ${line.eligible ? text.yes : text.no} </span> ${failed} </td> </tr>`;
  }
  return html;
}
