/**
 * "Add to compare" in the browser: toggle buttons (`[data-compare-toggle]` with
 * `data-course-id`) on class pages and search results, the link to the compare page
 * (`[data-compare-bar]`) and a polite announcement of each change. The list itself lives in
 * localStorage, so it survives moving between pages; its rules are in lib/compare.ts.
 */
import { addId, compareHref, MAX_COMPARE, parseIds, removeId, STORAGE_KEY } from '../lib/compare';
import { fill } from '../lib/fill';

/** The texts the controls need, from the bar's `data-*` attributes (rendered per language). */
interface CompareTexts {
  prefix: string;
  link: string;
  added: string;
  removed: string;
  full: string;
}

/** The stored list (empty when storage is unavailable, e.g. a private window that refuses it). */
export function readList(): string[] {
  try {
    return parseIds(localStorage.getItem(STORAGE_KEY));
  } catch {
    return [];
  }
}

export function writeList(ids: string[]): void {
  try {
    localStorage.setItem(STORAGE_KEY, ids.join(','));
  } catch {
    // Storage refused: the list lasts until the page is left, which still lets the link work.
  }
  document.dispatchEvent(new CustomEvent('compare-change', { detail: ids }));
}

function texts(): CompareTexts | null {
  const bar = document.querySelector<HTMLElement>('[data-compare-bar]');
  if (!bar) return null;
  const d = bar.dataset;
  return {
    prefix: d.prefix ?? '',
    link: d.link ?? '',
    added: d.added ?? '',
    removed: d.removed ?? '',
    full: d.full ?? '',
  };
}

/** Shows the compare link with the count, or hides it when nothing is chosen. */
function renderBar(ids: string[]): void {
  const bar = document.querySelector<HTMLElement>('[data-compare-bar]');
  const t = texts();
  if (!bar || !t) return;
  const link = bar.querySelector<HTMLAnchorElement>('a');
  if (link) {
    link.href = compareHref(t.prefix, ids);
    link.textContent = fill(t.link, { n: ids.length });
  }
  bar.hidden = ids.length === 0;
}

function announce(text: string): void {
  const status = document.querySelector<HTMLElement>('[data-compare-status]');
  if (status) status.textContent = text;
}

/** Makes one toggle button work (also used for result cards the finder adds later). */
export function wireToggle(button: HTMLButtonElement): void {
  const id = button.dataset.courseId ?? '';
  button.setAttribute('aria-pressed', String(readList().includes(id)));
  button.addEventListener('click', () => {
    const t = texts();
    const list = readList();
    if (list.includes(id)) {
      const next = removeId(list, id);
      writeList(next);
      if (t) announce(fill(t.removed, { n: next.length }));
      return;
    }
    const result = addId(list, id);
    if (!result.ok) {
      if (t) announce(fill(t.full, { max: MAX_COMPARE }));
      return;
    }
    writeList(result.ids);
    if (t) announce(fill(t.added, { n: result.ids.length }));
  });
}

/** Keeps every button and the bar in step with the list (also across tabs). */
function sync(): void {
  const ids = readList();
  for (const b of document.querySelectorAll<HTMLButtonElement>('[data-compare-toggle]')) {
    b.setAttribute('aria-pressed', String(ids.includes(b.dataset.courseId ?? '')));
  }
  renderBar(ids);
}

/** Wires the page's controls; call once per page. */
export function initCompareControls(): void {
  for (const b of document.querySelectorAll<HTMLButtonElement>('[data-compare-toggle]')) {
    b.hidden = false;
    wireToggle(b);
  }
  document.addEventListener('compare-change', sync);
  window.addEventListener('storage', (e) => {
    if (e.key === STORAGE_KEY) sync();
  });
  sync();
}
