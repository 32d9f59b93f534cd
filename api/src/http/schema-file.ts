/**
 * `/schema.graphql`: the public contract as SDL, the same text as the repository's checked-in
 * schema.graphql (both come from printPublicSchema), for clients and code generators that read
 * a schema file rather than run introspection.
 */
import crypto from 'node:crypto';
import type { RequestHandler } from 'express';

/**
 * Serves `sdl` as UTF-8 text with a strong ETag (a 304 when the client has it) and an hour of
 * caching: the schema changes only with a new release.
 * @example app.get('/schema.graphql', schemaFile(await printPublicSchema()));
 */
export function schemaFile(sdl: string): RequestHandler {
  const etag = `"${crypto.createHash('sha256').update(sdl).digest('base64url')}"`;
  return (req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.setHeader('ETag', etag);
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    res.type('text/plain; charset=utf-8').send(sdl);
  };
}
