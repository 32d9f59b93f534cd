import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageInfo } from '../graphql/connection';
import { SearchIndex } from './search.inputs';

/** How the hits were found. */
export enum SearchMatch {
  DIRECT = 'DIRECT',
  PINYIN = 'PINYIN',
}
registerEnumType(SearchMatch, {
  name: 'SearchMatch',
  description: 'How a search found its hits.',
  valuesConfig: {
    DIRECT: { description: 'The query as typed (Chinese, pinyin, initials, colloquial words).' },
    PINYIN: { description: 'The Chinese query found nothing; its pinyin did (a wrong character with the same sound).' },
  },
});

@ObjectType('SearchHit', {
  description: 'One hit of any index: the same id, title and highlight everywhere, and the typed object.',
})
export class SearchHitObject {
  @Field(() => ID, { description: 'Global ID of the object (as `node(id:)` takes it).' })
  id!: string;

  @Field(() => SearchIndex, { description: 'The index the hit comes from.' })
  index!: SearchIndex;

  @Field({ description: 'The title: course title, occupation, institution or agency name, notice title.' })
  title!: string;

  @Field({
    description: 'The title with the matched words inside `<mark>…</mark>` (the rest HTML-escaped by Meilisearch).',
  })
  highlight!: string;

  /** Hidden: the document's primary key in its index, for the `node` resolver. */
  key!: string | number;
}

@ObjectType('FacetValue', { description: 'A facet value and how many hits have it.' })
export class FacetValueObject {
  @Field({ description: 'The value (a code, an enum name, a month, `true`/`false`).' })
  value!: string;

  @Field(() => Int, { description: 'Hits with this value.' })
  count!: number;
}

@ObjectType('Facet', { description: 'The distribution of one facet over all hits.' })
export class FacetObject {
  @Field({ description: 'The facet, as requested (e.g. `PREFECTURE`).' })
  facet!: string;

  @Field(() => [FacetValueObject], { description: 'Values by descending count.' })
  values!: FacetValueObject[];
}

@ObjectType('SearchEndpoint', {
  description:
    'Where browsers search directly: the Meilisearch URL and a key that can only search the public indexes (never the master key).',
})
export class SearchEndpointObject {
  @Field({ description: 'Meilisearch base URL as browsers reach it (`MEILI_PUBLIC_URL`, else the server URL).' })
  url!: string;

  @Field({ description: 'Search-only API key: actions `search` on the public indexes.' })
  searchKey!: string;

  @Field(() => [String], { description: 'The index uids the key may search.' })
  indexes!: string[];
}

@ObjectType('SearchResult', { description: 'A page of search hits with the total and the facet counts.' })
export class SearchResultObject {
  @Field(() => Int, { description: 'How many hits in all (exhaustive up to 10,000).' })
  totalHits!: number;

  @Field(() => [SearchHitObject], { description: 'This page of hits, best first.' })
  hits!: SearchHitObject[];

  @Field(() => [FacetObject], { description: 'Counts per requested facet.' })
  facets!: FacetObject[];

  @Field(() => PageInfo, { description: 'Cursors for the next page.' })
  pageInfo!: PageInfo;

  @Field(() => SearchMatch, { description: 'Whether the hits matched the query as typed or its pinyin.' })
  matchedBy!: SearchMatch;

  @Field(() => Int, { description: "Meilisearch's own processing time, ms." })
  processingTimeMs!: number;
}
