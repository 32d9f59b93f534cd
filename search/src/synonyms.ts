import fs from 'node:fs';

/** One row of data/colloquial-occupations.csv. */
export interface ColloquialTerm {
  term: string;
  occupationCode: string;
  occupationName: string;
  kind: string;
}

/**
 * Reads the curated colloquial-term file (UTF-8 CSV with a header; no field contains a comma
 * or a quote, which the test of the file checks).
 */
export function readColloquialTerms(file: string): ColloquialTerm[] {
  const [header, ...lines] = fs
    .readFileSync(file, 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim());
  const cols = header.split(',');
  const at = (name: string) => {
    const i = cols.indexOf(name);
    if (i < 0) throw new Error(`${file}: no column "${name}"`);
    return i;
  };
  const [t, c, n, k] = [at('term'), at('occupation_code'), at('occupation_name'), at('kind')];
  return lines.map((line) => {
    const f = line.split(',');
    return { term: f[t].trim(), occupationCode: f[c].trim(), occupationName: f[n].trim(), kind: f[k].trim() };
  });
}

/** Aliases per occupation code. */
export function aliasesByOccupation(terms: readonly ColloquialTerm[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const t of terms) out.set(t.occupationCode, [...(out.get(t.occupationCode) ?? []), t.term]);
  return out;
}

/**
 * Meilisearch synonyms: each colloquial term finds its official name (one way, so that a search
 * for the official name is not widened to every colloquial term).
 * @example toSynonyms([{ term: '厨师', occupationName: '中式烹调师', … }]) // { 厨师: ['中式烹调师'] }
 */
export function toSynonyms(terms: readonly ColloquialTerm[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const t of terms) out[t.term] = [...new Set([...(out[t.term] ?? []), t.occupationName])];
  return out;
}
