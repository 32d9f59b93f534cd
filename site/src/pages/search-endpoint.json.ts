/**
 * `/search-endpoint.json`: where the course finder searches (Meilisearch's public URL and its
 * search-only key), or `null` without search. Written at build time from the API; `npm start`'s
 * site server answers this path itself with the live values, so a Meilisearch on another port or
 * a rotated key needs no rebuild. A static host serves the built file as it is.
 */
import type { APIRoute } from 'astro';
import { searchEndpoint } from '../lib/catalogue';

export const GET: APIRoute = async () => {
  const endpoint = await searchEndpoint();
  return new Response(JSON.stringify(endpoint ? { url: endpoint.url, searchKey: endpoint.searchKey } : null), {
    headers: { 'content-type': 'application/json' },
  });
};
