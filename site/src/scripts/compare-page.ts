/**
 * The compare page in the browser: the ids come from `?ids=` (a shared link) or, without it,
 * from the list chosen with "add to compare"; each class's own page is fetched from this site
 * and its `[data-fact]` rows are lined up in one table, differences marked in words and colour.
 */
import { alignFacts, compareHref, MIN_COMPARE, parseIds, removeId } from '../lib/compare';
import { readList, writeList } from './compare-controls';
import { fill } from '../lib/fill';

interface Loaded {
  id: string;
  title: string;
  href: string;
  demo: boolean;
  facts: { key: string; label: string; value: string }[];
}

async function load(prefix: string, id: string): Promise<Loaded | null> {
  const href = `${prefix}/courses/${id}/`;
  try {
    const res = await fetch(href, { headers: { accept: 'text/html' } });
    if (!res.ok) return null;
    const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
    const h1 = doc.querySelector('h1');
    const facts = [...doc.querySelectorAll<HTMLElement>('main [data-fact]')].map((el) => ({
      key: el.dataset.fact!,
      label: el.dataset.factLabel ?? el.querySelector('dt')?.textContent?.trim() ?? el.dataset.fact!,
      value: (el.querySelector('dd') ?? el).textContent?.replace(/\s+/g, ' ').trim() ?? '',
    }));
    return { id, title: h1?.textContent?.trim() ?? id, href, demo: h1?.dataset.demo === 'true', facts };
  } catch {
    return null;
  }
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

async function start(root: HTMLElement): Promise<void> {
  const d = root.dataset;
  const prefix = d.prefix ?? '';
  const message = root.querySelector<HTMLElement>('[data-compare-message]')!;
  const tableBox = root.querySelector<HTMLElement>('[data-compare-table]')!;
  for (const b of root.querySelectorAll<HTMLButtonElement>('[data-compare-print], [data-compare-clear]'))
    b.hidden = false;

  const fromUrl = new URLSearchParams(location.search).get('ids');
  let ids = fromUrl !== null ? parseIds(fromUrl) : readList();
  // The address always names the classes, so it can be shared or bookmarked as it is.
  if (ids.length) history.replaceState(null, '', compareHref(prefix, ids));

  const cache = new Map<string, Promise<Loaded | null>>();

  async function render(): Promise<void> {
    if (ids.length < MIN_COMPARE) {
      message.textContent = d.needTwo ?? '';
      tableBox.replaceChildren();
      tableBox.hidden = true;
      return;
    }
    message.textContent = d.loading ?? '';
    // Each class page is fetched once: removing a column re-renders from what is already here.
    const loaded = await Promise.all(
      ids.map((id) => {
        if (!cache.has(id)) cache.set(id, load(prefix, id));
        return cache.get(id)!;
      }),
    );
    const found = loaded.filter((x): x is Loaded => x !== null);
    const missing = loaded.length - found.length;
    const rows = alignFacts(found.map((c) => c.facts));
    const table = el('table', { className: 'compare-table' });
    table.append(el('caption', {}, fill(d.caption ?? '', { n: found.length })));
    const headRow = el('tr', {}, el('th', { scope: 'col' }, d.classHeader ?? ''));
    for (const c of found) {
      const th = el('th', { scope: 'col' }, el('a', { href: c.href, lang: 'zh-CN' }, c.title));
      if (c.demo) th.append(' ', el('span', { className: 'demo-label' }, d.demo ?? ''));
      const remove = el('button', { type: 'button', className: 'button-secondary compare-remove' }, d.remove ?? '');
      remove.setAttribute('aria-label', `${d.remove ?? ''} ${c.title}`);
      remove.addEventListener('click', () => {
        ids = removeId(ids, c.id);
        writeList(ids);
        history.replaceState(null, '', compareHref(prefix, ids));
        void render();
      });
      th.append(el('br'), remove);
      headRow.append(th);
    }
    table.append(el('thead', {}, headRow));
    const body = el('tbody');
    for (const row of rows) {
      const th = el('th', { scope: 'row' }, row.label);
      if (row.differs) th.append(' ', el('span', { className: 'differs-mark' }, `≠ ${d.differs ?? ''}`));
      const tr = el('tr', { className: row.differs ? 'differs' : '' }, th);
      for (const v of row.values) tr.append(el('td', {}, v ?? '—'));
      body.append(tr);
    }
    table.append(body);
    tableBox.replaceChildren(table);
    tableBox.hidden = false;
    message.textContent = missing ? fill(d.missing ?? '', { n: missing }) : '';
  }

  root.querySelector('[data-compare-print]')!.addEventListener('click', () => window.print());
  root.querySelector('[data-compare-clear]')!.addEventListener('click', () => {
    ids = [];
    writeList(ids);
    history.replaceState(null, '', compareHref(prefix, ids));
    void render();
  });
  await render();
}

const root = document.querySelector<HTMLElement>('[data-compare-page]');
if (root) void start(root);
