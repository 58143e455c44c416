// The API process's HTTP server: GraphQL over HTTP (Apollo Server) and over WebSocket (graphql-ws)
// on one port and path, plus the local storage driver's signed upload/download routes.
import { costLimitRule } from './graphql-cost.js';
import { nameOperation, withRequestSpan } from './ops/tracing.js';
import http from 'node:http';
import { ApolloServer, HeaderMap, type BaseContext } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { GraphQLError, parse, specifiedRules, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { type Context, type Services, createContext } from './resolvers/context.js';
import type { Caller } from './auth/caller.js';
import { formatError } from './graphql-errors.js';
import { AppError, ErrorCode } from './errors.js';
import { createPlayground } from './playground.js';
import { LiveSockets } from './services/live-sockets.js';
import type { Metrics } from './ops/metrics.js';
import { metricsPlugin, trackWebSockets } from './ops/graphql-metrics.js';
import type { HttpsPolicy } from './ops/https.js';
import {
  authorizationFromParams,
  clientIp,
  closeWebSockets,
  maskSuggestions,
  noIntrospection,
  readJson,
  sendJson,
  toHttpError,
} from './server-http.js';

export const GRAPHQL_PATH = '/graphql';
const MAX_BODY_BYTES = 1_000_000;

export interface ApiServer {
  server: http.Server;
  url: string;
  wsUrl: string;
  stop(): Promise<void>;
}

export async function startApiServer(opts: {
  config: Config;
  logger: Logger;
  schema: GraphQLSchema;
  services: Services;
  /** Extra routes tried before GraphQL (e.g. local storage); return true when handled. */
  routes?: (req: http.IncomingMessage, res: http.ServerResponse) => boolean;
  /** /healthz, /readyz, /metrics: tried first, never redirected to HTTPS (probes and scrapers come from inside). */
  ops?: (req: http.IncomingMessage, res: http.ServerResponse) => boolean;
  /** Applied after `ops`: answers plain-HTTP requests behind a TLS proxy, adds HSTS (src/ops/https.ts). */
  https?: HttpsPolicy;
  metrics?: Metrics;
  port?: number;
}): Promise<ApiServer> {
  const { config, logger, schema, services, metrics } = opts;
  const production = config.env === 'production';
  const limits = config.http.limits;
  // Depth, cost, alias, directive and token limits (GraphQL Armor), for HTTP and WebSocket alike.
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth },
    maxAliases: { n: limits.maxAliases },
    maxDirectives: { n: limits.maxDirectives },
    // Token counting is done by graphql's own parser (parseOptions below), which Apollo reports as a 400.
    maxTokens: { enabled: false },
    // Our own cost rule instead (src/graphql-cost.ts): Armor's counts a paged list without `first` as one item.
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: production },
  }).protect();
  // Every error a client receives, HTTP or WebSocket, passes here: counted by code, and in production
  // stripped of field suggestions (Armor's Apollo plugin does that for HTTP only; this covers both).
  const formatAndCount: typeof formatError = (formatted, error, o) => {
    const f = maskSuggestions(formatError(formatted, error, o), production);
    metrics?.countError(f.extensions?.code);
    return f;
  };
  // The rules Apollo applies to HTTP operations, applied to WebSocket ones too: graphql's own,
  // Armor's depth/cost/alias/directive limits, and without GRAPHQL_INTROSPECTION the ban on
  // __schema/__type (Apollo adds its own copy of that rule for HTTP).
  const costRule = costLimitRule({ maxCost: limits.maxCost });
  const wsRules = [...specifiedRules, ...armor.validationRules, costRule, ...(config.http.introspection ? [] : [noIntrospection])];
  // WebSocket errors: as HTTP sends them (Apollo keeps `http`, the status and headers, to itself).
  const fmt = (e: GraphQLError) => {
    const { http: _http, ...extensions } = e.extensions ?? {};
    return formatAndCount({ ...e.toJSON(), extensions }, e, { production, logger });
  };

  /** Caller for a credential, or a GraphQL error carrying UNAUTHENTICATED (HTTP 401). */
  const authenticate = async (authorization: string | undefined, ip: string): Promise<Caller> => {
    let caller: Caller;
    try {
      caller = await services.auth.authenticate(authorization);
      await services.rateLimits.request(ip, caller.userId);
    } catch (e) {
      throw toHttpError(e, logger);
    }
    return caller;
  };

  // Parsed and validated subscription documents, by query text: thousands of clients send the same
  // few queries, and a parsed document (with its tokens) costs ~11 KB to keep per subscription.
  const documents = new Map<string, { document: DocumentNode } | { errors: GraphQLError[] }>();
  const checkDocument = (query: string) => {
    let hit = documents.get(query);
    if (!hit) {
      try {
        const document = parse(query, { maxTokens: limits.maxTokens, noLocation: true });
        const errors = validate(schema, document, wsRules);
        hit = errors.length
          ? {
              errors: errors.map(
                (e) => new GraphQLError(e.message, { extensions: { ...e.extensions, code: 'GRAPHQL_VALIDATION_FAILED' } }),
              ),
            }
          : { document };
      } catch (e) {
        hit = { errors: [new GraphQLError((e as Error).message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })] };
      }
      if (documents.size >= 500) documents.delete(documents.keys().next().value!);
      documents.set(query, hit);
    }
    return hit;
  };

  const playground = config.http.playground ? createPlayground({ graphqlPath: GRAPHQL_PATH }) : null;
  const server = http.createServer();
  const wss = new WebSocketServer({
    server,
    path: GRAPHQL_PATH,
    maxPayload: MAX_BODY_BYTES,
    // ws:// through a TLS proxy (HTTPS_ONLY): refused with 403 before the upgrade.
    verifyClient: opts.https ? (info: { req: http.IncomingMessage }) => opts.https!.allowUpgrade(info.req) : undefined,
  });
  const wsTrack = trackWebSockets(wss, metrics);
  const wsLimits = config.http.ws;
  const live = new LiveSockets(wsLimits);
  // A revoked API key or an ended session (signed out, or its refresh token reused), by any replica:
  // its sockets close with 4401 at once, which ends their subscriptions (graphql-ws clients do not
  // retry 4401; reconnecting with the same credential would be refused anyway).
  const unlisten = services.revocations.on((r) => {
    if (r === 'reconnected') return;
    const reason = r.kind === 'key' ? 'API key revoked' : 'session ended';
    const n = live.closeCredential(`${r.kind}:${r.id}`, 4401, `${ErrorCode.UNAUTHENTICATED}: ${reason}`);
    if (n) logger.info('closed websockets of a revoked credential', { kind: r.kind, sockets: n });
  });
  // Limits close with 4429 and the code (and its numbers) as the reason; graphql-ws clients do not
  // retry 4429 by themselves.
  const refuse = (socket: import('ws').WebSocket, code: ErrorCode, detail: string) =>
    socket.close(4429, `${code}: ${detail}`.slice(0, 123));
  // Before graphql-ws sees the socket: over WS_MAX_SOCKETS_PER_IP it is closed before connection_init.
  wss.on('connection', (socket, req) => {
    if (!live.admitAddress(socket, clientIp(req, config.http.trustProxy)))
      refuse(socket, ErrorCode.TOO_MANY_CONNECTIONS, `at most ${wsLimits.maxSocketsPerIp} sockets per address`);
  });
  type WsExtra = { caller?: Caller; authorization?: string; ip?: string };
  const wsCleanup = useServer<Record<string, unknown>, WsExtra>(
    {
      schema,
      // A refused connection closes with 4403 Forbidden (graphql-ws' code for onConnect returning false).
      onConnect: async (ctx) => {
        const socket = ctx.extra.socket;
        // Refused at the upgrade (or closing anyway): no credential check for it.
        if (socket.readyState !== socket.OPEN) return false;
        const authorization = authorizationFromParams(ctx.connectionParams);
        const ip = clientIp(ctx.extra.request, config.http.trustProxy);
        try {
          // Every connection_init costs a credential read: WS_CONNECT_PER_MINUTE per address, before it.
          await services.rateLimits.wsConnect(ip);
        } catch (e) {
          if (!(e instanceof AppError && e.code === ErrorCode.RATE_LIMITED)) throw e;
          refuse(socket, ErrorCode.RATE_LIMITED, `too many connections; retry in ${e.details?.retryAfterSeconds ?? 1} s`);
          return false;
        }
        try {
          ctx.extra.caller = await services.auth.authenticate(authorization);
        } catch (e) {
          if (e instanceof AppError && e.code === ErrorCode.UNAUTHENTICATED) return false;
          // Not the client's credential, so not 4403: 4503 (the auth provider is down, retry) or 4500.
          if (!(e instanceof AppError)) logger.error('authentication failed unexpectedly', { error: e, cause: (e as Error)?.cause });
          const provider = e instanceof AppError && e.code === ErrorCode.AUTH_PROVIDER_UNAVAILABLE;
          ctx.extra.socket.close(provider ? 4503 : 4500, provider ? ErrorCode.AUTH_PROVIDER_UNAVAILABLE : ErrorCode.INTERNAL_SERVER_ERROR);
          return false;
        }
        if (!live.admitCaller(socket, ctx.extra.caller.userId, ctx.extra.caller.credential)) {
          refuse(socket, ErrorCode.TOO_MANY_CONNECTIONS, `at most ${wsLimits.maxSocketsPerUser} sockets per user`);
          return false;
        }
        ctx.extra.authorization = authorization;
        ctx.extra.ip = ip;
        return true;
      },
      // Each subscription re-checks the credential (it may have expired or been revoked since the
      // connection opened) and gets the same limits as an HTTP request.
      onSubscribe: async (ctx, _id, payload) => {
        // ctx.subscriptions already holds this one.
        if (Object.keys(ctx.subscriptions).length > wsLimits.maxSubscriptionsPerSocket)
          return [
            new GraphQLError(
              `at most ${wsLimits.maxSubscriptionsPerSocket} live subscriptions per socket: complete one, or open another socket`,
              {
                extensions: { code: ErrorCode.TOO_MANY_SUBSCRIPTIONS, limit: wsLimits.maxSubscriptionsPerSocket },
              },
            ),
          ];
        let caller: Caller;
        try {
          caller = await authenticate(ctx.extra.authorization, ctx.extra.ip ?? 'unknown');
        } catch (e) {
          return [e as GraphQLError];
        }
        const checked = checkDocument(payload.query);
        if ('errors' in checked) return checked.errors;
        const document = checked.document;
        wsTrack.subscribed(ctx.extra, _id);
        return {
          schema,
          document,
          variableValues: payload.variables ?? undefined,
          operationName: payload.operationName ?? undefined,
          contextValue: createContext(caller, services, ctx.extra.ip ?? 'unknown'),
        };
      },
      onComplete: (ctx, id) => wsTrack.completed(ctx.extra, id),
      onClose: (ctx) => wsTrack.closed(ctx.extra),
      // Refusals (credential, limits, validation) and stream failures: the same formatter as HTTP.
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => fmt(e)),
      onNext: (_ctx, _id, _payload, _args, result) => {
        if (!('errors' in result) || !result.errors?.length) return result;
        return { ...result, errors: result.errors.map((e) => fmt(e)) } as never;
      },
    },
    wss,
  );

  const apollo = new ApolloServer<Context>({
    schema,
    introspection: config.http.introspection,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    validationRules: [...armor.validationRules, costRule],
    parseOptions: { maxTokens: limits.maxTokens },
    formatError: (formatted, error) => formatAndCount(formatted, error, { production, logger }),
    plugins: [
      ...(armor.plugins as never[]),
      ...(metrics ? [metricsPlugin(metrics)] : []),
      {
        async requestDidStart() {
          return {
            async didResolveOperation(rc) {
              nameOperation(rc.operation?.operation, rc.operationName);
            },
          };
        },
      },
      // Otherwise Apollo wraps every resolver of the shared schema, subscription events included.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      // Apollo's own landing page loads Sandbox from a CDN; ours (playground.ts) is served offline.
      ApolloServerPluginLandingPageDisabled(),
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await wsCleanup.dispose();
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  server.on('request', (req, res) => {
    withRequestSpan(req, res, () => handle(req, res)).catch((e) => {
      logger.error('request failed', { error: e, url: req.url });
      if (!res.headersSent)
        sendJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } }] });
      else res.destroy();
    });
  });

  const allowedOrigins = new Set(config.http.corsOrigins);
  function cors(req: http.IncomingMessage, res: http.ServerResponse): void {
    const origin = req.headers.origin;
    // An allowlist, never "*" with credentials: browsers of other origins get no CORS grant.
    if (origin && (allowedOrigins.has(origin) || allowedOrigins.has('*'))) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
      res.setHeader('Access-Control-Allow-Headers', 'content-type, authorization, apollo-require-preflight, x-apollo-operation-name');
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      res.setHeader('Access-Control-Max-Age', '600');
    }
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-site');
    if (opts.ops?.(req, res)) return;
    if (opts.https?.handle(req, res)) return;
    if (opts.routes?.(req, res)) return;
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (playground?.handle(req, res, url.pathname)) return;
    if (url.pathname !== GRAPHQL_PATH) return sendJson(res, 404, { error: { code: ErrorCode.NOT_FOUND, message: 'Not found' } });
    cors(req, res);
    if (req.method === 'OPTIONS') {
      res.statusCode = 204;
      return void res.end();
    }
    let body: unknown = undefined;
    if (req.method === 'POST') {
      try {
        body = await readJson(req, MAX_BODY_BYTES);
      } catch (e) {
        const code = e instanceof AppError ? e.code : ErrorCode.BAD_USER_INPUT;
        return sendJson(res, code === ErrorCode.UPLOAD_TOO_LARGE ? 413 : 400, {
          errors: [
            { message: (e as Error).message, extensions: { code: code === ErrorCode.UPLOAD_TOO_LARGE ? 'PAYLOAD_TOO_LARGE' : code } },
          ],
        });
      }
    }
    const headers = new HeaderMap();
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
    const ip = clientIp(req, config.http.trustProxy);
    const started = performance.now();
    let authenticated = false;
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search: url.search, body },
      context: async () => {
        const ctx = createContext(await authenticate(req.headers.authorization, ip), services, ip);
        authenticated = true;
        return ctx;
      },
    });
    // Refused before execution (credentials, rate limit): the plugin never saw it.
    if (!authenticated)
      metrics?.graphqlDuration.observe(
        { operation_type: 'none', operation_name: '_refused', outcome: 'error' },
        (performance.now() - started) / 1000,
      );
    for (const [k, v] of result.headers) res.setHeader(k, v);
    res.statusCode = result.status ?? 200;
    if (result.body.kind === 'complete') return void res.end(result.body.string);
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  }

  const port = opts.port ?? config.http.port;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, config.http.host, () => resolve());
  });
  const addr = server.address() as import('node:net').AddressInfo;
  const base = `http://${config.http.host === '0.0.0.0' || config.http.host === '::' ? '127.0.0.1' : config.http.host}:${addr.port}`;
  return {
    server,
    url: `${base}${GRAPHQL_PATH}`,
    wsUrl: `${base.replace(/^http/, 'ws')}${GRAPHQL_PATH}`,
    async stop() {
      // No new connections; WebSocket clients hear 1012 (service restart), reconnect elsewhere and
      // resume from their last sequence. Sockets that do not finish the close handshake promptly are cut.
      server.close();
      unlisten();
      await closeWebSockets(wss, 1012, 'service restart', 2000);
      await apollo.stop();
      wss.close();
      server.closeAllConnections?.();
    },
  };
}

export type { BaseContext };
