import { GraphQLError } from 'graphql';
import { logger } from '../observability/logger';
import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { buildFilter, dayNumber, hitFields, INDEX_NAMES, INDEXES, type SearchAnswer } from '@skills-yunnan/search';
import { EvaluationAgency } from '../agencies/agency.entity';
import { EvaluationAgencyObject } from '../agencies/agency.type';
import { Course } from '../courses/course.entity';
import { CourseObject } from '../courses/course.type';
import type { Context } from '../context';
import { PageArgs, pageSize } from '../graphql/connection';
import { ErrorCode, inputError } from '../graphql/errors';
import { Node } from '../graphql/node';
import { doNotCache } from '../graphql/response-cache';
import { Institution } from '../institutions/institution.entity';
import { InstitutionObject } from '../institutions/institution.type';
import { OccupationObject } from '../occupations/occupation.type';
import { SubsidyNotice } from '../subsidies/subsidy-notice.entity';
import { SubsidyNoticeObject } from '../subsidies/subsidy.type';
import { SearchFacet, SearchFilter, SearchIndex } from './search.inputs';
import { FacetObject, SearchEndpointObject, SearchHitObject, SearchResultObject, SearchMatch } from './search.type';
import { regionCodesFor } from '../regions/region.filters';

/** Longest query accepted (a phone keyboard's sentence, not a document). */
const MAX_QUERY = 100;
/** Hits per index in `suggest`. */
const SUGGEST_PER_INDEX = 5;

function unavailable(reason: string): GraphQLError {
  return new GraphQLError(`search is unavailable: ${reason}; every other query still works`, {
    extensions: { code: ErrorCode.SEARCH_UNAVAILABLE },
  });
}

/** Runs a search, turning any failure to reach Meilisearch into SEARCH_UNAVAILABLE. */
async function run<T>(
  ctx: Context,
  index: SearchIndex,
  fn: (s: NonNullable<NonNullable<Context['search']>['service']>) => Promise<T>,
): Promise<T> {
  const service = ctx.search?.service;
  if (!service) throw unavailable(ctx.search?.problem ?? 'search is not configured');
  try {
    return await fn(service);
  } catch (e) {
    logger.warn({ index, err: e }, 'search: Meilisearch failed a query');
    throw unavailable(
      (e as Error).name === 'MeilisearchApiError' ? (e as Error).message : 'Meilisearch does not answer',
    );
  }
}

function decodeAfter(after: string | null | undefined, size: number): number {
  if (after == null) return 1;
  try {
    const [page, perPage] = JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as [number, number];
    if (Number.isInteger(page) && page >= 1 && perPage === size) return page + 1;
  } catch {
    // fall through
  }
  throw inputError('after', `"${after}" is not a cursor of this search with first: ${size}`);
}

function toHits(index: SearchIndex, answer: SearchAnswer): SearchHitObject[] {
  const field = INDEXES[index].titleField;
  return answer.hits.map((h) =>
    Object.assign(new SearchHitObject(), {
      id: h.globalId as string,
      index,
      title: String(h[field] ?? ''),
      highlight: String(h._formatted?.[field] ?? h[field] ?? ''),
      key: h.id as string | number,
    }),
  );
}

@Resolver(() => SearchResultObject)
export class SearchResolver {
  @Query(() => SearchResultObject, {
    description:
      'Full-text search of one index in Chinese, pinyin (full, joined or initials) and everyday words (厨师, 电焊, 月嫂 …), with filters and facet counts.',
  })
  async search(
    @Ctx() ctx: Context,
    @Arg('query', () => String, {
      description: `What the person typed (at most ${MAX_QUERY} characters; empty lists everything).`,
    })
    query: string,
    @Arg('index', () => SearchIndex, { description: 'Which index to search.' }) index: SearchIndex,
    @Args() page: PageArgs,
    @Arg('filter', () => SearchFilter, { nullable: true, description: 'Conditions every hit meets.' })
    filter?: SearchFilter | null,
    @Arg('facets', () => [SearchFacet], { nullable: true, description: 'Facets to count (courses).' }) facets?:
      | SearchFacet[]
      | null,
  ): Promise<SearchResultObject> {
    // Meilisearch catches up with a write a moment after the data version changes: never cached.
    doNotCache(ctx);
    if (query.length > MAX_QUERY)
      throw inputError('query', `must be at most ${MAX_QUERY} characters, got ${query.length}`);
    const hitsPerPage = pageSize(page.first);
    const pageNo = decodeAfter(page.after, hitsPerPage);
    let filters: string[];
    try {
      const { startFrom, startTo, ...rest } = filter ?? {};
      filters = buildFilter(index, {
        ...rest,
        startFromDay: startFrom ? dayNumber(startFrom) : null,
        startToDay: startTo ? dayNumber(startTo) : null,
      });
    } catch (e) {
      const [field, ...rule] = (e as Error).message.split(': ');
      throw inputError(field, rule.join(': '));
    }
    if (filter?.region) regionCodesFor(ctx.regions, filter.region, 'filter.region');
    const filterable = new Set(INDEXES[index].settings.filterableAttributes as string[]);
    const bad = (facets ?? []).find((f) => !filterable.has(f));
    if (bad)
      throw inputError(
        'facets',
        `the ${index} index has no facet ${Object.entries(SearchFacet).find(([, v]) => v === bad)?.[0]}`,
      );
    const answer = await run(ctx, index, (s) =>
      s.search(index, {
        query,
        filter: filters,
        facets: facets ?? [],
        page: pageNo,
        hitsPerPage,
        fields: hitFields(index),
      }),
    );
    const hits = toHits(index, answer);
    const cursor = (p: number) => Buffer.from(JSON.stringify([p, hitsPerPage])).toString('base64url');
    return Object.assign(new SearchResultObject(), {
      totalHits: answer.totalHits,
      hits,
      processingTimeMs: answer.processingTimeMs,
      matchedBy: answer.matchedBy === 'PINYIN' ? SearchMatch.PINYIN : SearchMatch.DIRECT,
      facets: (facets ?? []).map((f) =>
        Object.assign(new FacetObject(), {
          facet: Object.entries(SearchFacet).find(([, v]) => v === f)![0],
          values: Object.entries(answer.facetDistribution[f] ?? {})
            .map(([value, count]) => ({ value, count }))
            .sort((a, b) => b.count - a.count),
        }),
      ),
      pageInfo: {
        hasNextPage: pageNo * hitsPerPage < answer.totalHits,
        hasPreviousPage: pageNo > 1,
        startCursor: hits.length ? cursor(pageNo - 1 || 1) : null,
        endCursor: hits.length ? cursor(pageNo) : null,
      },
    });
  }

  @Query(() => SearchEndpointObject, {
    description:
      "Meilisearch URL and search-only key for browsers (the site's search island); SEARCH_UNAVAILABLE when search is down.",
  })
  async searchEndpoint(@Ctx() ctx: Context): Promise<SearchEndpointObject> {
    doNotCache(ctx);
    const service = ctx.search?.service;
    if (!service) throw unavailable(ctx.search?.problem ?? 'search is not configured');
    const searchKey = await run(ctx, SearchIndex.COURSES, (s) => s.searchOnlyKey());
    return Object.assign(new SearchEndpointObject(), {
      url: ctx.config.search.publicUrl ?? service.connection.url,
      searchKey,
      indexes: [...INDEX_NAMES],
    });
  }

  @Query(() => [SearchHitObject], {
    description:
      'Search-as-you-type: the best occupations, then classes, then institutions for a few typed characters.',
  })
  async suggest(
    @Ctx() ctx: Context,
    @Arg('query', () => String, { description: 'The characters typed so far.' }) query: string,
  ): Promise<SearchHitObject[]> {
    doNotCache(ctx);
    if (query.length > MAX_QUERY)
      throw inputError('query', `must be at most ${MAX_QUERY} characters, got ${query.length}`);
    if (!query.trim()) return [];
    const indexes = [SearchIndex.OCCUPATIONS, SearchIndex.COURSES, SearchIndex.INSTITUTIONS];
    const answers = await Promise.all(
      indexes.map((index) =>
        run(ctx, index, (s) =>
          s.search(index, { query, page: 1, hitsPerPage: SUGGEST_PER_INDEX, fields: hitFields(index) }),
        ),
      ),
    );
    return answers.flatMap((a, i) => toHits(indexes[i], a));
  }
}

@Resolver(() => SearchHitObject)
export class SearchHitResolver {
  @FieldResolver(() => Node, {
    nullable: true,
    description:
      'The typed object (Course, Occupation, Institution, EvaluationAgency, SubsidyNotice); null if it no longer exists.',
  })
  async node(@Root() hit: SearchHitObject, @Ctx() ctx: Context): Promise<object | null> {
    const key = hit.key;
    switch (hit.index) {
      case SearchIndex.COURSES: {
        const r = await ctx.loaders.byKey(Course).load(Number(key));
        return r ? CourseObject.from(r) : null;
      }
      case SearchIndex.OCCUPATIONS: {
        const r = ctx.reference.occupation(String(key));
        return r ? OccupationObject.from(r) : null;
      }
      case SearchIndex.INSTITUTIONS: {
        const r = await ctx.loaders.byKey(Institution).load(Number(key));
        return r ? InstitutionObject.from(r) : null;
      }
      case SearchIndex.AGENCIES: {
        const r = await ctx.loaders.byKey(EvaluationAgency).load(Number(key));
        return r ? EvaluationAgencyObject.from(r) : null;
      }
      case SearchIndex.NOTICES: {
        const r = await ctx.loaders.byKey(SubsidyNotice).load(Number(key));
        return r ? SubsidyNoticeObject.from(r) : null;
      }
    }
  }
}
