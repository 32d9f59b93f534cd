/**
 * Calendar days as readers expect them, with no dependency on the UI strings, so the browser
 * scripts (the course finder) format dates exactly as the built pages do without shipping the
 * translation files.
 */

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A `YYYY-MM-DD` day, formatted from its parts (never through `Date` in some time zone).
 * @example formatDate('en', '2023-12-15') // '15 Dec 2023'; formatDate('zh-CN', '2023-12-15') // '2023年12月15日'
 */
export function formatDate(lang: 'zh-CN' | 'en', date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new Error(`Not a YYYY-MM-DD date: "${date}"`);
  const [, y, m, d] = match;
  return lang === 'en' ? `${Number(d)} ${MONTHS_EN[Number(m) - 1]} ${y}` : `${y}年${Number(m)}月${Number(d)}日`;
}

/**
 * A `YYYY-MM` month.
 * @example formatMonth('en', '2023-04') // 'Apr 2023'; formatMonth('zh-CN', '2023-04') // '2023年4月'
 */
export function formatMonth(lang: 'zh-CN' | 'en', month: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) throw new Error(`Not a YYYY-MM month: "${month}"`);
  const [, y, m] = match;
  return lang === 'en' ? `${MONTHS_EN[Number(m) - 1]} ${y}` : `${y}年${Number(m)}月`;
}
