import { DisclosureLog } from './log/disclosure-log';
import { logRoutes } from './log/log-http';
import 'reflect-metadata';
import path from 'node:path';
import http from 'node:http';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { unwrapResolverError } from '@apollo/server/errors';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import type { MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { GraphQLError, type DocumentNode, type GraphQLFormattedError } from 'graphql';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { todayIn, type ApiConfig } from './config';
import { operationLimitsPlugin } from './graphql/operation-limits';
import { logInternal, requestIdPlugin } from './graphql/request-id';
import { allowanceHeaders, FAILED_AUTHENTICATION_POINTS, RequestLimits } from './graphql/rate-limit';
import { limitRules } from './graphql/document-limits';
import type { Context } from './context';
import { createLoaders, type Loaders } from './db/loaders';
import { authenticate } from './publishers/authenticate';
import { getSchema, printPublicSchema } from './schema';
import { ReferenceData } from './db/reference';
import { dataVersion, readDatasetMeta } from './db/dataset-meta';
import { noticeDownloads } from './subsidies/notice-downloads';
import { RegionTree } from './regions/region.tree';
import type { SearchRuntime } from './search/search-runtime';
import { answerClientErrors, errorAnswers, jsonAnswer, noSuchAddress } from './http/error-answers';
import { jsonBody } from './http/json-body';
import { CORS_PATHS, crossOriginReads } from './http/cross-origin';
import { schemaFile } from './http/schema-file';
import { databaseFault, databaseFaultPlugin, isDatabaseBusy, isDatabaseGone } from './db/busy';
import { CLIENT_CODES, ErrorCode } from './graphql/errors';
import { cachePlugins, conditionalGets } from './graphql/response-cache';
import { AnswerStore } from './graphql/answer-store';
import { compiledExecutionGateway } from './graphql/compiled-execution';
import { logger as processLogger } from './observability/logger';
import { requestLog } from './observability/request-log';
import { recordOf } from './observability/request-record';
import { ApiMetrics } from './observability/metrics';
import { observePlugin } from './observability/observe-plugin';
import { documentErrorStatusPlugin } from './graphql/http-status';
import type { Logger } from 'pino';

/** Where the API's logs and metrics go (default: the process's logger, metrics of its own). */
export interface Observers {
  /** Request lines and failures are logged here. Default: the process's logger (stdout). */
  logger?: Logger;
  /** Counted here and served at `/metrics`. Default: a new registry. */
  metrics?: ApiMetrics;
}

/** A running API, and how to stop it. */
export interface ApiServer {
  app: express.Express;
  httpServer: http.Server;
  /** What `/metrics` serves; `npm start` adds the site builder's state to it. */
  metrics: ApiMetrics;
  /** Base URL once listening, e.g. `http://127.0.0.1:4000`. */
  url: string;
  stop(): Promise<void>;
}

/** A file inside an installed package, found through its package.json (the only subpath every package exports). */
const packageFile = (pkg: string, file: string) =>
  path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
const IDE_ASSETS: Record<string, string> = {
  'graphiql.min.js': packageFile('graphiql', 'graphiql.min.js'),
  'graphiql.min.css': packageFile('graphiql', 'graphiql.min.css'),
  'react.production.min.js': packageFile('react', 'umd/react.production.min.js'),
  'react-dom.production.min.js': packageFile('react-dom', 'umd/react-dom.production.min.js'),
};
const IDE_DIR = path.resolve(__dirname, '..', 'src', 'ide');

/** What Apollo's parsed-document store and persisted-query cache may hold each (as JSON, see createApi): 4 MiB. */
const DOCUMENT_STORE_BYTES = 4 * 2 ** 20;

/** An error that Apollo raised about the request itself, with a 4xx status but no code of its own. */
function isUncodedRequestError(error: unknown): boolean {
  if (!(error instanceof GraphQLError) || error.extensions.code) return false;
  const status = (error.extensions.http as { status?: number } | undefined)?.status ?? 0;
  return status >= 400 && status < 500;
}

/** Said with every 404, so a client that mistyped an address learns the right ones. */
const API_ADDRESSES =
  "The API's addresses are /graphql (GraphQL over GET or POST; the IDE in a browser), /schema.graphql, /health, /downloads/notices/<id>.csv or .json, and the disclosure log at /log/checkpoint, /log/key and /log/tile/….";

/**
 * A search problem as /health tells it: the reason, without the file paths it may name (a
 * missing MEILI_BINARY); the full text is in the start-up log.
 * @example publicProblem('MEILI_BINARY /opt/m does not exist') // 'MEILI_BINARY <path> does not exist'
 */
export function publicProblem(text: string): string {
  return text.replace(/(?<![\w:/.])\/[^\s"'`]+/g, '<path>');
}

/**
 * `/health`: the database's latency, search's state, what was loaded and the data version; 503
 * when the database does not answer. Kept out of createApi, which would pass 150 lines with it.
 * @example app.get('/health', healthCheck(orm, config, search));
 */
function healthCheck(
  orm: MikroORM,
  config: ApiConfig,
  search: SearchRuntime | null,
  logger: Logger,
): express.RequestHandler {
  return async (_req, res) => {
    const started = Date.now();
    try {
      await orm.em.getConnection().execute('select 1');
      const meta = await readDatasetMeta(orm.em.fork());
      const searchStatus = search ? await search.status() : 'off';
      res.json({
        status: searchStatus === 'degraded' ? 'degraded' : 'ok',
        database: { status: 'ok', kind: config.database.kind, latencyMs: Date.now() - started },
        search: {
          status: searchStatus,
          ...(search?.problem ? { problem: config.development ? search.problem : publicProblem(search.problem) } : {}),
          ...(search?.worker ? { pendingChanges: await search.worker.pending() } : {}),
        },
        dataset: meta,
        // Changes with every write: the site builder rebuilds the pages when it does.
        dataVersion: await dataVersion(orm.em.fork(), todayIn(config)),
      });
    } catch (e) {
      // Driver messages quote the SQL and the database file: logged here, summarised to the client.
      logger.error({ requestId: recordOf(res).id, err: e }, 'health: the database check failed');
      const error = config.development
        ? (e as Error).message.split('\n')[0]
        : 'the database did not answer (details in the server log)';
      res.status(503).json({ status: 'down', database: { status: 'down', error } });
    }
  };
}

/**
 * The API's plain-HTTP addresses beside GraphQL: per-notice downloads, the disclosure log and
 * the offline IDE's files. Returns the log (signed on demand here; startApi also signs as
 * entries arrive).
 */
function plainRoutes(
  app: express.Express,
  orm: MikroORM,
  config: ApiConfig,
  reference: ReferenceData,
  limits: RequestLimits,
): DisclosureLog {
  // Per-notice downloads (CSV with BOM, JSON): plain HTTP, streamed, cacheable.
  // The disclosure log (C2SP tlog-tiles): static-style files, a checkpoint signed as entries arrive.
  const log = new DisclosureLog(orm, config.log);
  app.use(
    '/downloads',
    limits.downloads('downloads'),
    noticeDownloads(orm, reference, () => todayIn(config), log),
  );

  // Anyone may send a cosignature: limited per address like the downloads.
  app.post('/log/cosignatures', limits.downloads('cosignatures'));
  app.use('/log', logRoutes(log));

  app.get('/ide/:file', (req, res, next) => {
    const file = req.params.file;
    const asset = IDE_ASSETS[file] ?? (['init.js', 'ide.css'].includes(file) ? path.join(IDE_DIR, file) : undefined);
    if (!asset) return next();
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.sendFile(asset);
  });

  return log;
}

/** What every request's context is made from: the process's parts that live as long as it. */
interface ContextParts {
  orm: MikroORM;
  config: ApiConfig;
  limits: RequestLimits;
  log: DisclosureLog;
  regions: RegionTree;
  reference: ReferenceData;
  search: SearchRuntime | null;
  logger: Logger;
}

/**
 * Apollo's context function: checks the address's allowance, authenticates, and gives the
 * request its own EntityManager and loaders, made when first used.
 */
function requestContext({ orm, config, limits, log, regions, reference, search, logger }: ContextParts) {
  return async ({ req, res }: { req: express.Request; res: express.Response }): Promise<Context> => {
    const clientIp = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const record = recordOf(res);
    // Apollo answers a failure here without its plugins: the record notes its code itself.
    const refusing = (e: unknown): never => {
      if (e instanceof GraphQLError)
        record.errorCodes.push(String(e.extensions.code ?? ErrorCode.INTERNAL_SERVER_ERROR));
      throw e;
    };
    // The cheap check first: an address out of points gets no authentication and no parse.
    await limits.assertOpen(clientIp, res.locals.rateLimit).catch(refusing);
    // The request's EntityManager and loaders are made when first used: a search of the
    // occupations, a suggestion or `{ regions }` never reads the database (a fork was ~5 % of
    // such a request's CPU, profiled).
    let em: SqlEntityManager | undefined;
    let loaders: Loaders | undefined;
    const session = () => {
      em ??= orm.em.fork() as SqlEntityManager;
      return em;
    };
    const viewer = await authenticate(session, req.headers.authorization)
      .catch(async (e: unknown) => {
        if (!(e instanceof GraphQLError)) {
          // No plugin sees a failure here: logged now, and the client gets the id to quote.
          throw new GraphQLError('Internal server error', {
            extensions: {
              code: ErrorCode.INTERNAL_SERVER_ERROR,
              requestId: logInternal(logger, 'authentication', e, record.id || undefined),
            },
          });
        }
        if (e.extensions.code === ErrorCode.UNAUTHENTICATED)
          await limits.chargeFailure(clientIp, FAILED_AUTHENTICATION_POINTS, res.locals.rateLimit);
        throw e;
      })
      .catch(refusing);
    return {
      get em() {
        return session();
      },
      get loaders() {
        loaders ??= createLoaders(session());
        return loaders;
      },
      today: todayIn(config),
      config,
      log,
      regions,
      reference,
      search,
      viewer,
      clientIp,
      rateLimit: res.locals.rateLimit,
      httpCache: res.locals.httpCache,
      record,
    };
  };
}

/**
 * Builds the Express app with the GraphQL endpoint, the offline IDE and `/health`, without
 * listening. Each request gets its own EntityManager fork.
 */
export async function createApi(
  orm: MikroORM,
  config: ApiConfig,
  search: SearchRuntime | null = null,
  observers: Observers = {},
): Promise<{
  app: express.Express;
  httpServer: http.Server;
  apollo: ApolloServer<Context>;
  log: DisclosureLog;
  metrics: ApiMetrics;
}> {
  // The process's logger at the configured level, unless the caller brings its own.
  const logger = observers.logger ?? processLogger.child({}, { level: config.logLevel });
  const metrics = observers.metrics ?? new ApiMetrics();
  const schema = await getSchema();
  const regions = await RegionTree.load(orm.em);
  const reference = await ReferenceData.load(orm.em.fork() as SqlEntityManager);
  const app = express();
  app.disable('x-powered-by');
  // Express would hash every JSON answer (POSTs too) into a weak ETag; the cacheable GraphQL
  // answers carry their own strong one (graphql/response-cache.ts), the others none.
  app.set('etag', false);
  // Express's own error page (which errorAnswers replaces) shows stacks unless env is production.
  app.set('env', config.development ? 'development' : 'production');
  // Behind nginx (docker-compose) the client's address is in X-Forwarded-For: trust that hop only.
  if (config.trustProxy) app.set('trust proxy', config.trustProxy);
  const httpServer = http.createServer(app);
  answerClientErrors(httpServer);

  const limits = new RequestLimits(config.rateLimits, config.cache, (limit) => metrics.refused(limit));
  // First: every answer, whatever gives it, has an id, a log line and its counts.
  app.use(requestLog(logger, { quiet: limits.exempt }), metrics.counting());
  const answers = new AnswerStore(config.cache);
  const apollo = new ApolloServer<Context>({
    ...(config.compiledExecution ? { gateway: compiledExecutionGateway(schema) } : { schema }),
    introspection: true,
    includeStacktraceInErrorResponses: config.development,
    // The CLI stops the API, search and the database in order on SIGINT/SIGTERM; Apollo's own
    // handler would re-raise the signal mid-way and leave the process hanging.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // Our own offline IDE replaces the landing page, which loads from the internet.
      ApolloServerPluginLandingPageDisabled(),
      // Apollo's cache-control plugin off: it wraps every field resolver (~5 % of a request, and
      // no compiled execution); cachePlugins sets the one policy the catalogue has itself.
      ApolloServerPluginCacheControlDisabled(),
      ...cachePlugins(config.cache, answers),
      ApolloServerPluginInlineTraceDisabled(),
      operationLimitsPlugin(schema, config.queryCostLimit, limits),
      // A busy or lost database is a 503 with Retry-After (databaseFaultPlugin), logged by formatError, not a bug.
      observePlugin(),
      // After the plugins that read the status (observePlugin reads codes, not the status).
      documentErrorStatusPlugin(),
      requestIdPlugin(
        (e) =>
          !CLIENT_CODES.has(String(e.extensions.code ?? '')) &&
          !isUncodedRequestError(e) &&
          !isDatabaseBusy(e) &&
          !isDatabaseGone(e),
        logger,
      ),
      databaseFaultPlugin(),
    ],
    // Deep nesting and aliases cost little by the cost estimate yet much to resolve: bounded separately.
    validationRules: limitRules({ depth: config.queryDepthLimit, aliases: config.queryAliasLimit }),
    // Counted while parsing: a huge document is refused before it becomes a tree to validate, cost and cache.
    parseOptions: { maxTokens: config.queryTokenLimit },
    // Apollo's default stores hold 30 MiB each as JSON counts it; a parsed document takes ~3.7
    // times that on the heap (measured on the fuzzer's documents), so a client sending new
    // documents grew the process by ~110 MiB per store. The catalogue's clients send a few dozen
    // distinct operations.
    documentStore: new InMemoryLRUCache<DocumentNode>({ maxSize: DOCUMENT_STORE_BYTES }),
    persistedQueries: { cache: new InMemoryLRUCache<string>({ maxSize: DOCUMENT_STORE_BYTES }) },
    formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
      const code = String(formatted.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR);
      if (CLIENT_CODES.has(code)) return formatted;
      const fault = databaseFault(error, formatted);
      if (fault) {
        logger.error({ err: unwrapResolverError(error) }, 'graphql: the database is busy or gone');
        return fault;
      }
      if (config.development) return formatted;
      // Apollo's own request errors without a code (e.g. "provided sha does not match query") carry a 4xx status.
      if (isUncodedRequestError(error))
        return { message: formatted.message, extensions: { code: ErrorCode.BAD_REQUEST } };
      // Database and programming errors may quote SQL or data: logged with a request id (request-id.ts), told only that they failed.
      const requestId = formatted.extensions?.requestId;
      return {
        message: 'Internal server error',
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, ...(requestId ? { requestId } : {}) },
      };
    },
  });
  await apollo.start();

  // Browser apps on other origins may read (never with credentials: keys stay on servers).
  if (config.corsOrigins) app.use(CORS_PATHS, crossOriginReads(config.corsOrigins));
  app.get('/health', healthCheck(orm, config, search, logger));
  app.get('/metrics', metrics.endpoint(config.metricsAllow));
  app.get('/schema.graphql', schemaFile(await printPublicSchema()));

  const log = plainRoutes(app, orm, config, reference, limits);
  metrics.watch({
    log: () => log.status(),
    ...(search
      ? { search: async () => ({ status: await search.status(), pending: (await search.worker?.pending()) ?? null }) }
      : {}),
  });

  // A browser opening /graphql gets the IDE; a GET with a query (cacheable) or a POST gets GraphQL.
  app.get('/graphql', (req, res, next) => {
    const preferred = req.accepts(['application/json', 'application/graphql-response+json', 'text/html']);
    if (req.query.query || preferred !== 'text/html') return next();
    res.setHeader(
      'Content-Security-Policy',
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'",
    );
    res.sendFile(path.join(IDE_DIR, 'index.html'));
  });

  app.all(
    '/graphql',
    allowanceHeaders(),
    // An anonymous GET learns the data version here, once: its ETag, then a 304 or its kept answer, or it goes on to Apollo.
    conditionalGets(config.cache, () => dataVersion(orm.em.fork(), todayIn(config)), limits, answers),
    ...jsonBody('100kb'),
    expressMiddleware(apollo, {
      context: requestContext({ orm, config, limits, log, regions, reference, search, logger }),
    }),
  );

  app.get('/', (_req, res) => res.redirect('/graphql'));
  app.use(noSuchAddress(API_ADDRESSES));
  app.use(
    errorAnswers(jsonAnswer, {
      development: config.development,
      log: (line, err, req) => logger.error({ requestId: recordOf(req.res as express.Response).id, err }, line),
    }),
  );
  return { app, httpServer, apollo, log, metrics };
}

/**
 * Starts the API on `config.host:config.port` (port 0 picks a free one).
 * @example const api = await startApi(orm, loadConfig()); console.log(api.url); await api.stop();
 */
export async function startApi(
  orm: MikroORM,
  config: ApiConfig,
  search: SearchRuntime | null = null,
  observers: Observers = {},
): Promise<ApiServer> {
  const { app, httpServer, apollo, log, metrics } = await createApi(orm, config, search, observers);
  log.start();
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const addr = httpServer.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  return {
    app,
    httpServer,
    metrics,
    url: `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`,
    async stop() {
      log.stop();
      await apollo.stop();
    },
  };
}
