/**
 * Dates, numbers and money as readers expect them in each language. Dates are calendar days
 * without a time zone (`LocalDate`), so they are formatted from their parts, never through
 * `Date` in the build machine's zone.
 */
import { t, type Lang } from '../i18n';
import { formatDate } from './format-date';

export { formatDate, formatMonth } from './format-date';

export function formatDateRange(lang: Lang, from: string, to: string): string {
  return t(lang, 'common.dateRange', { from: formatDate(lang, from), to: formatDate(lang, to) });
}

const numberFormats: Record<Lang, Intl.NumberFormat> = {
  'zh-CN': new Intl.NumberFormat('zh-CN'),
  en: new Intl.NumberFormat('en-GB'),
};

/**
 * Numbers formatted so far, by language: a build formats the same few amounts and counts over
 * and over (a notice page's 40 lines, each paid 800 or 1,200 元), and `Intl.NumberFormat.format`
 * was 1.1 % of a scale-5 slice's build. Bounded, for the odd build of many distinct numbers.
 */
const formatted: Record<Lang, Map<number, string>> = { 'zh-CN': new Map(), en: new Map() };

/** Most numbers kept per language by {@link formatNumber}. */
const FORMATTED_KEPT = 10_000;

/**
 * `n` with the language's digit grouping.
 * @example formatNumber('en', 12000) // '12,000'
 */
export function formatNumber(lang: Lang, n: number): string {
  // A Map holds -0 and 0 as one key, where the format gives "-0" and "0".
  if (Object.is(n, -0)) return numberFormats[lang].format(n);
  const kept = formatted[lang];
  let text = kept.get(n);
  if (text === undefined) {
    text = numberFormats[lang].format(n);
    if (kept.size >= FORMATTED_KEPT) kept.clear();
    kept.set(n, text);
  }
  return text;
}

/** Whole 元: `1,200 元` / `1,200 yuan`. */
export function formatYuan(lang: Lang, n: number): string {
  return t(lang, 'common.yuan', { n: formatNumber(lang, n) });
}

/** A fee, where 0 means free. */
export function formatFee(lang: Lang, n: number): string {
  return n === 0 ? t(lang, 'common.free') : formatYuan(lang, n);
}

export function joinList(lang: Lang, items: string[]): string {
  return items.join(t(lang, 'common.listSeparator'));
}

/**
 * Where a record is, as the agency pages show it: "county, 州市", or the region's own name for a
 * 州市 or the province.
 */
export function placeOf(lang: Lang, region: { name: string; parent: { name: string } | null }): string {
  return region.parent && region.parent.name !== '云南省'
    ? t(lang, 'common.placeJoin', { county: region.name, prefecture: region.parent.name })
    : region.name;
}

const percentFormats: Record<Lang, Intl.NumberFormat> = {
  'zh-CN': new Intl.NumberFormat('zh-CN', { style: 'percent', maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 1 }),
};

/** A share (0.5) as a percentage, one decimal at most (`50%`, `12.3%`); `—` when there is none. */
export function formatShare(lang: Lang, share: number | null | undefined): string {
  return share == null ? '—' : percentFormats[lang].format(share);
}
