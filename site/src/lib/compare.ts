/**
 * The compare list: which classes a worker put side by side, as plain functions (the browser
 * scripts keep the list in localStorage and the URL; the tests check the rules here).
 */

/** The compare page shows at most four classes: more do not fit a phone, even scrolled. */
export const MAX_COMPARE = 4;
/** Fewer than two is not a comparison. */
export const MIN_COMPARE = 2;
/** localStorage key of the list (the class ids, in the order they were added). */
export const STORAGE_KEY = 'skills-yunnan.compare';

// Course ids are global IDs (base64url); anything else in a shared link is ignored.
const ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The class ids of a list written as `a,b,c` (a URL's `ids` or the stored value): valid ids
 * only, each once, in their order, at most four.
 * @example parseIds('Q291cnNlOjE,Q291cnNlOjI,Q291cnNlOjE') // ['Q291cnNlOjE', 'Q291cnNlOjI']
 */
export function parseIds(value: string | null | undefined): string[] {
  const out: string[] = [];
  for (const raw of (value ?? '').split(',')) {
    const id = raw.trim();
    if (ID.test(id) && !out.includes(id)) out.push(id);
    if (out.length === MAX_COMPARE) break;
  }
  return out;
}

/** The result of adding to the list: the new list, or why the class was not added. */
export type AddResult = { ok: true; ids: string[] } | { ok: false; reason: 'full' | 'invalid'; ids: string[] };

/**
 * Adds a class at the end (already there: unchanged). A full list is not silently trimmed:
 * the worker is told to remove one first.
 * @example addId(['a'], 'b') // { ok: true, ids: ['a', 'b'] }
 */
export function addId(ids: readonly string[], id: string): AddResult {
  if (!ID.test(id)) return { ok: false, reason: 'invalid', ids: [...ids] };
  if (ids.includes(id)) return { ok: true, ids: [...ids] };
  if (ids.length >= MAX_COMPARE) return { ok: false, reason: 'full', ids: [...ids] };
  return { ok: true, ids: [...ids, id] };
}

/** Removes a class (absent: unchanged). */
export function removeId(ids: readonly string[], id: string): string[] {
  return ids.filter((x) => x !== id);
}

/**
 * The compare page's address for a list, under the language prefix (`''` or `/en`).
 * @example compareHref('/en', ['a', 'b']) // '/en/compare/?ids=a,b'
 */
export function compareHref(prefix: string, ids: readonly string[]): string {
  return `${prefix}/compare/${ids.length ? `?ids=${ids.join(',')}` : ''}`;
}

/** One row of the comparison: a fact and its value in each class (null: the class lacks it). */
export interface CompareRow {
  key: string;
  label: string;
  values: (string | null)[];
  /** Whether the classes differ on this fact (what the page highlights). */
  differs: boolean;
}

/**
 * Lines up the facts of several classes. Rows follow the first class's order, facts only
 * another class has are appended; values are compared after collapsing white space.
 * @example alignFacts([[{ key: 'fee', label: '费用', value: '免费' }], [{ key: 'fee', label: '费用', value: '300 元' }]])[0].differs // true
 */
export function alignFacts(courses: readonly { key: string; label: string; value: string }[][]): CompareRow[] {
  const order: string[] = [];
  const labels = new Map<string, string>();
  for (const facts of courses) {
    for (const f of facts) {
      if (!labels.has(f.key)) {
        order.push(f.key);
        labels.set(f.key, f.label);
      }
    }
  }
  const norm = (v: string | null) => (v == null ? null : v.replace(/\s+/g, ' ').trim());
  return order.map((key) => {
    const values = courses.map((facts) => norm(facts.find((f) => f.key === key)?.value ?? null));
    return { key, label: labels.get(key)!, values, differs: new Set(values).size > 1 };
  });
}
