/**
 * The disclosure log over plain HTTP, in the static layout of C2SP tlog-tiles, so that existing
 * tools read it: `/log/checkpoint`, `/log/key`, `/log/tile/…`, and every checkpoint signed at
 * `/log/checkpoints/<size>`.
 */
import express from 'express';
import { ErrorCode } from '../graphql/errors';
import { HttpProblem } from '../http/error-answers';
import { CosignatureError, type DisclosureLog } from './disclosure-log';
import { parseTilePath } from './tiles';

/** Full and partial tiles never change once served: a partial tile of width W is always the same W hashes. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * The log's routes, to mount at `/log`.
 * @example app.use('/log', logRoutes(log));
 */
export function logRoutes(log: DisclosureLog): express.Router {
  const router = express.Router();
  const text = (res: express.Response, body: string, cache: string) => {
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.setHeader('Cache-Control', cache);
    res.send(body);
  };

  router.get('/checkpoint', async (_req, res, next) => {
    try {
      // Mutable: readers must see a new checkpoint within seconds of its signing.
      text(res, (await log.servedNote(null)) ?? '', 'no-cache');
    } catch (e) {
      next(e);
    }
  });

  router.get('/key', (_req, res) => text(res, `${log.verifierKey()}\n`, 'public, max-age=3600'));

  router.get('/checkpoints/:size', async (req, res, next) => {
    try {
      const size = /^(0|[1-9][0-9]{0,15})$/.test(req.params.size) ? Number(req.params.size) : null;
      const found = size == null ? null : await log.servedNote(size);
      if (found == null)
        throw new HttpProblem(
          404,
          ErrorCode.NOT_FOUND,
          `The log signed no checkpoint of size "${req.params.size.slice(0, 20)}": /log/checkpoint is the latest.`,
        );
      // Witnesses may add their cosignatures later: cacheable, not immutable.
      text(res, found, 'public, max-age=60');
    } catch (e) {
      next(e);
    }
  });

  router.post('/cosignatures', express.json({ limit: '8kb' }), async (req, res, next) => {
    try {
      const { size, witnessKey, cosignature } = (req.body ?? {}) as Record<string, unknown>;
      if (!Number.isSafeInteger(size) || typeof witnessKey !== 'string' || typeof cosignature !== 'string')
        throw new HttpProblem(
          400,
          ErrorCode.BAD_USER_INPUT,
          'A cosignature is JSON { "size": <tree size>, "witnessKey": "<verifier key>", "cosignature": "— <name> <base64>" }.',
        );
      const stored = await log.addCosignature({ size: size as number, witnessKey, cosignature }, new Date());
      res.status(201).json({ size: stored.size, witnessKey: stored.witnessKey, cosignedAt: stored.cosignedAt });
    } catch (e) {
      next(e instanceof CosignatureError ? new HttpProblem(400, ErrorCode.BAD_USER_INPUT, e.message) : e);
    }
  });

  router.get(/^\/tile\/(.+)$/, async (req, res, next) => {
    try {
      const path = `tile/${(req.params as Record<string, string>)[0]}`;
      const tile = parseTilePath(path);
      const bytes = tile ? await log.tile(tile) : null;
      if (!bytes)
        throw new HttpProblem(
          404,
          ErrorCode.NOT_FOUND,
          tile
            ? `The log does not hold all of ${path.slice(0, 80)} yet: read /log/checkpoint for its size.`
            : `No tile at ${path.slice(0, 80)}: tiles are tile/<L>/<N>[.p/<W>] and tile/entries/<N>[.p/<W>] (C2SP tlog-tiles).`,
        );
      res.setHeader('Content-Type', 'application/octet-stream');
      res.setHeader('Cache-Control', IMMUTABLE);
      res.send(bytes);
    } catch (e) {
      next(e);
    }
  });

  return router;
}
