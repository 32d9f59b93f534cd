import crypto from 'node:crypto';
import { Meilisearch, type SearchParams, type SearchResponse, type Settings } from 'meilisearch';
import { INDEXES, INDEX_NAMES } from './indexes';
import { anyOf, COURSE_FIELDS, type IndexName } from './vocabulary';
import { nodeHttpClient } from './http-client';
import { hasHan, levelsAsChinese, pinyinForms, spaceMixedScripts } from './pinyin';

/** Where Meilisearch is and the key to manage it. */
export interface SearchConnection {
  url: string;
  /** The master key (server side only; never sent to a browser). */
  apiKey: string;
}

/** Batches of documents for one index, produced by the caller (the API reads its database). */
export type DocumentBatches = () => AsyncIterable<object[]>;

/** Parameters of one search. */
export interface SearchQuery {
  query: string;
  /** Meilisearch filter expression (see `buildFilter`). */
  filter?: string[];
  facets?: string[];
  /** 1-based page and page size (exhaustive `totalHits`, bounded by maxTotalHits). */
  page: number;
  hitsPerPage: number;
  sort?: string[];
  /**
   * The document fields the caller reads from the hits (default: all of them). Meilisearch then
   * writes, and the caller parses, only these (plus those `search` reads itself) instead of the
   * whole document twice (as stored and as `_formatted`).
   */
  fields?: string[];
}

/** What one search found. */
export interface SearchAnswer {
  // biome-ignore lint/suspicious/noExplicitAny: documents differ per index; callers read the fields of theirs
  hits: Record<string, any>[];
  totalHits: number;
  facetDistribution: Record<string, Record<string, number>>;
  processingTimeMs: number;
  /** `DIRECT`, or `PINYIN` when the Chinese query found nothing and its pinyin did (homophone typo). */
  matchedBy: 'DIRECT' | 'PINYIN';
}

const META_INDEX = 'catalogue_meta';
/** How many pinyin hits the homophone fallback looks through. */
const FALLBACK_POOL = 100;
/** Stable uid of the browser key: Meilisearch derives the key from it and the master key, so it survives restarts. */
const SEARCH_KEY_UID = '6f1d3c52-7a0e-4d8b-9c41-2b5e8f0a9d17';

const SET_SETTINGS = new Set(['filterableAttributes', 'sortableAttributes']);

/**
 * Whether Meilisearch already holds `desired`: every value we set is there (objects compared
 * key by key, since Meilisearch reports defaults we did not set; arrays and scalars exactly).
 */
export function holdsSettings(current: unknown, desired: unknown, key = ''): boolean {
  // Meilisearch reports these as sorted sets.
  if (SET_SETTINGS.has(key) && Array.isArray(desired) && Array.isArray(current)) {
    return current.length === desired.length && desired.every((d) => current.includes(d));
  }
  if (Array.isArray(desired))
    return (
      Array.isArray(current) &&
      current.length === desired.length &&
      desired.every((d, i) => holdsSettings(current[i], d))
    );
  if (desired && typeof desired === 'object') {
    if (!current || typeof current !== 'object') return false;
    const cur = current as Record<string, unknown>;
    const want = desired as Record<string, unknown>;
    return Object.keys(want).every((k) => holdsSettings(cur[k], want[k], k));
  }
  return current === desired;
}

/**
 * Whether a hit contains every Chinese character of the query in its Chinese fields: if the
 * best hit does not, the query probably holds a wrong character (Meilisearch dropped a word).
 */
function covers(hit: Record<string, unknown> | undefined, fields: string[], query: string): boolean {
  if (!hit) return false;
  const text = fields.map((f) => (Array.isArray(hit[f]) ? hit[f].join(' ') : String(hit[f] ?? ''))).join(' ');
  return [...query].filter((ch) => /\p{Script=Han}/u.test(ch)).every((ch) => text.includes(ch));
}

/** Whether a search of `text` in `name` may need the homophone fallback (a Chinese query, an index with pinyin). */
function mayFallBack(name: IndexName, text: string): boolean {
  return hasHan(text) && INDEXES[name].pinyinFields.length > 0;
}

/**
 * The homophone fallback's request: the query's joined pinyin in the pinyin fields only, every
 * word required, the first `FALLBACK_POOL` hits (its facets would be thrown away: not asked).
 */
function wideParams(name: IndexName, params: SearchParams): SearchParams {
  const { locales: _, facets: __, ...rest } = params;
  const def = INDEXES[name];
  return {
    ...rest,
    page: 1,
    hitsPerPage: FALLBACK_POOL,
    attributesToRetrieve: rest.attributesToRetrieve && [
      ...new Set([...rest.attributesToRetrieve, ...def.pinyinFields]),
    ],
    attributesToSearchOn: def.pinyinFields,
    matchingStrategy: 'all',
  };
}

/**
 * The hits whose own pinyin contains the query's whole pinyin, so typo tolerance on pinyin
 * (dianhan ~ dianlan) cannot bring in unrelated names.
 */
// biome-ignore lint/suspicious/noExplicitAny: documents differ per index
function soundsLike(name: IndexName, hits: Record<string, any>[], joined: string): Record<string, any>[] {
  const fields = INDEXES[name].pinyinFields;
  return hits.filter((h) => fields.some((f) => String(h[f] ?? '').includes(joined)));
}

/** A Meilisearch answer as `SearchAnswer` holds it (before `matchedBy` is known). */
function answerOf(r: SearchResponse): Omit<SearchAnswer, 'matchedBy'> {
  return {
    hits: r.hits,
    totalHits: (r as { totalHits?: number }).totalHits ?? r.hits.length,
    facetDistribution: (r.facetDistribution ?? {}) as Record<string, Record<string, number>>,
    processingTimeMs: r.processingTimeMs,
  };
}

/**
 * Everything the API does with Meilisearch, in one place, so that "search is down" is handled
 * once: settings, full reindex with an atomic swap, incremental upserts, searches and the
 * browser key.
 */
export class SearchService {
  readonly client: Meilisearch;

  constructor(
    readonly connection: SearchConnection,
    private readonly synonyms: Record<string, string[]> = {},
    timeoutMs = 5_000,
  ) {
    this.client = new Meilisearch({
      host: connection.url,
      apiKey: connection.apiKey,
      timeout: timeoutMs,
      httpClient: nodeHttpClient(),
    });
  }

  /** The settings an index should have (its definition plus the colloquial synonyms). */
  desiredSettings(name: IndexName): Settings {
    const s = INDEXES[name].settings;
    return name === 'courses' || name === 'occupations' ? { ...s, synonyms: this.synonyms } : s;
  }

  /** A hash of every index definition: a changed definition triggers a reindex. */
  settingsVersion(): string {
    return crypto
      .createHash('sha256')
      .update(JSON.stringify(INDEX_NAMES.map((n) => [n, INDEXES[n].primaryKey, this.desiredSettings(n)])))
      .digest('hex')
      .slice(0, 16);
  }

  /** Whether Meilisearch answers its health check (never throws). */
  async isHealthy(): Promise<boolean> {
    try {
      return await this.client.isHealthy();
    } catch {
      return false;
    }
  }

  /**
   * Applies each index's settings where Meilisearch holds different ones, and returns the names
   * of the indexes that changed. Indexes that do not exist yet are left to `reindex`.
   */
  async applySettings(): Promise<IndexName[]> {
    const changed: IndexName[] = [];
    const existing = new Set((await this.client.getIndexes({ limit: 1000 })).results.map((i) => i.uid));
    for (const name of INDEX_NAMES) {
      if (!existing.has(name)) continue;
      const desired = this.desiredSettings(name);
      const current = await this.client.index(name).getSettings();
      const staleSynonyms =
        desired.synonyms && Object.keys(current.synonyms ?? {}).length !== Object.keys(desired.synonyms).length;
      if (!holdsSettings(current, desired) || staleSynonyms) {
        await this.client.index(name).updateSettings(desired).waitTask({ timeout: 120_000 });
        changed.push(name);
      }
    }
    return changed;
  }

  /** The dataset version the indexes were last built from, or null. */
  async indexedVersion(): Promise<string | null> {
    try {
      const doc = await this.client.index(META_INDEX).getDocument('dataset');
      return String(doc.version);
    } catch {
      return null;
    }
  }

  /**
   * Rebuilds every index from `sources` into fresh `<uid>__next` indexes with the settings
   * applied first, then swaps each into place in one atomic task, so searches never see an
   * empty or half-built index; the old data is deleted after the swap.
   * @returns documents indexed per index
   */
  async reindex(
    sources: Record<IndexName, DocumentBatches>,
    version: string,
    onProgress: (index: IndexName, done: number) => void = () => undefined,
  ): Promise<Record<IndexName, number>> {
    const counts = {} as Record<IndexName, number>;
    const existing = new Set((await this.client.getIndexes({ limit: 1000 })).results.map((i) => i.uid));
    for (const name of INDEX_NAMES) {
      const next = `${name}__next`;
      await this.client.deleteIndexIfExists(next);
      await this.client.createIndex(next, { primaryKey: INDEXES[name].primaryKey }).waitTask({ timeout: 60_000 });
      await this.client.index(next).updateSettings(this.desiredSettings(name)).waitTask({ timeout: 120_000 });
      if (!existing.has(name))
        await this.client.createIndex(name, { primaryKey: INDEXES[name].primaryKey }).waitTask({ timeout: 60_000 });
      let done = 0;
      let last: Promise<unknown> = Promise.resolve();
      for await (const batch of sources[name]()) {
        if (batch.length === 0) continue;
        const task = this.client
          .index(next)
          .addDocuments(batch as Record<string, unknown>[], { primaryKey: INDEXES[name].primaryKey });
        await task;
        last = task.waitTask({ timeout: 600_000 });
        done += batch.length;
        onProgress(name, done);
      }
      await last;
      counts[name] = done;
    }
    // One task swaps every index: readers switch from the old to the new set at once.
    await this.client
      .swapIndexes(INDEX_NAMES.map((name) => ({ indexes: [name, `${name}__next`] as [string, string], rename: false })))
      .waitTask({ timeout: 120_000 });
    for (const name of INDEX_NAMES) await this.client.deleteIndex(`${name}__next`).waitTask({ timeout: 120_000 });
    if (!existing.has(META_INDEX))
      await this.client.createIndex(META_INDEX, { primaryKey: 'id' }).waitTask({ timeout: 60_000 });
    await this.client
      .index(META_INDEX)
      .addDocuments([{ id: 'dataset', version, indexedAt: new Date().toISOString(), counts }])
      .waitTask({ timeout: 60_000 });
    return counts;
  }

  /** Adds or replaces documents (idempotent: documents are keyed by id). */
  async upsert(name: IndexName, documents: object[]): Promise<void> {
    if (documents.length)
      await this.client
        .index(name)
        .addDocuments(documents as Record<string, unknown>[], { primaryKey: INDEXES[name].primaryKey })
        .waitTask({ timeout: 60_000 });
  }

  /** Removes documents by id (idempotent). */
  async remove(name: IndexName, ids: (string | number)[]): Promise<void> {
    if (ids.length) await this.client.index(name).deleteDocuments(ids.map(String)).waitTask({ timeout: 60_000 });
  }

  /**
   * The parameters of the first (usually the only) request `search` sends for `q`, with the
   * query text as Meilisearch gets it. Exposed so that a benchmark can time that request alone.
   * @example const { text, params } = service.searchParams('courses', { query: '电焊', page: 1, hitsPerPage: 20 });
   */
  searchParams(name: IndexName, q: SearchQuery): { text: string; params: SearchParams } {
    const def = INDEXES[name];
    const text = spaceMixedScripts(levelsAsChinese(q.query));
    const params: SearchParams = {
      filter: q.filter?.length ? q.filter : undefined,
      facets: q.facets?.length ? q.facets : undefined,
      page: q.page,
      hitsPerPage: q.hitsPerPage,
      sort: q.sort?.length ? q.sort : undefined,
      // The homophone check reads the best hit's Chinese fields.
      attributesToRetrieve: q.fields && [
        ...new Set([...q.fields, ...(mayFallBack(name, text) ? def.chineseFields : [])]),
      ],
      attributesToHighlight: [def.titleField],
      highlightPreTag: '<mark>',
      highlightPostTag: '</mark>',
    };
    return { text, params: hasHan(text) ? { ...params, locales: ['cmn'] } : params };
  }

  /**
   * Searches one index. Queries mixing Chinese with digits or Latin letters are spaced at the
   * script boundaries first; when the best hit of a Chinese query lacks one of its characters,
   * the query's pinyin is searched too (the commonest Chinese typo is a wrong character with the
   * same sound) and used when it finds names containing that whole pinyin.
   */
  async search(name: IndexName, q: SearchQuery): Promise<SearchAnswer> {
    const def = INDEXES[name];
    const { text, params } = this.searchParams(name, q);
    const direct = answerOf(await this.client.index(name).search(text, params));
    if (!mayFallBack(name, text) || covers(direct.hits[0], def.chineseFields, text))
      return { ...direct, matchedBy: 'DIRECT' };
    const joined = pinyinForms(text).joined;
    if (name === 'courses') {
      // A mistyped occupation name: find the occupation by sound in its small index, then its
      // classes with the caller's filters, so totals and facets stay exact.
      const codes = await this.occupationsBySound(q.query, joined);
      if (codes.length) {
        const { locales: _, ...noLocales } = params;
        const filter = [...(q.filter ?? []), anyOf(COURSE_FIELDS.occupationCode, codes)];
        const viaOccupation = answerOf(await this.client.index(name).search('', { ...noLocales, filter }));
        if (viaOccupation.totalHits > 0)
          return {
            ...viaOccupation,
            processingTimeMs: viaOccupation.processingTimeMs + codes.processingTimeMs,
            matchedBy: 'PINYIN',
          };
      }
    }
    const wide = await this.client.index(name).search(joined, wideParams(name, params));
    const matching = soundsLike(name, wide.hits, joined);
    if (matching.length === 0) return { ...direct, matchedBy: 'DIRECT' };
    const from = (q.page - 1) * q.hitsPerPage;
    return {
      hits: matching.slice(from, from + q.hitsPerPage),
      totalHits: matching.length,
      facetDistribution: {},
      processingTimeMs: direct.processingTimeMs + wide.processingTimeMs,
      matchedBy: 'PINYIN',
    };
  }

  /**
   * The codes of the (at most 5) occupations a Chinese query with a wrong character names by
   * sound, or none when it names one as typed or none at all. The search as typed and the
   * pinyin search go in one multi-search: the second is needed whenever the first misses, and
   * the occupations index is small.
   */
  private async occupationsBySound(query: string, joined: string): Promise<string[] & { processingTimeMs: number }> {
    const { text, params } = this.searchParams('occupations', { query, page: 1, hitsPerPage: 5, fields: ['code'] });
    const { results } = await this.client.multiSearch({
      queries: [
        { indexUid: 'occupations', q: text, ...params },
        { indexUid: 'occupations', q: joined, ...wideParams('occupations', params) },
      ],
    });
    const [direct, wide] = results;
    const none = Object.assign([] as string[], { processingTimeMs: 0 });
    if (covers(direct.hits[0], INDEXES.occupations.chineseFields, text)) return none;
    const matching = soundsLike('occupations', wide.hits, joined);
    if (matching.length === 0) return none;
    return Object.assign(
      matching.slice(0, 5).map((h) => String(h.code)),
      { processingTimeMs: direct.processingTimeMs + wide.processingTimeMs },
    );
  }

  /**
   * A key that can only search the public indexes, safe to hand to browsers. Created once;
   * the same key is returned on every start because its uid is fixed.
   */
  async searchOnlyKey(): Promise<string> {
    try {
      return (await this.client.getKey(SEARCH_KEY_UID)).key;
    } catch {
      const key = await this.client.createKey({
        uid: SEARCH_KEY_UID,
        name: 'browser-search',
        description: 'Search-only key for the public site (技能云南开放培训目录)',
        actions: ['search'],
        indexes: [...INDEX_NAMES],
        expiresAt: null,
      });
      return key.key;
    }
  }
}
