// The API process's HTTP server: GraphQL over HTTP (Apollo Server) and over WebSocket (graphql-ws)
// on one port and path, plus the local storage driver's signed upload/download routes.
import http from 'node:http';
import { ApolloServer, HeaderMap, type BaseContext } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { type Context, type Services, createContext } from './resolvers/context.js';
import { anonymousCaller } from './auth/caller.js';
import { formatError } from './graphql-errors.js';
import { AppError, ErrorCode } from './errors.js';

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
  port?: number;
}): Promise<ApiServer> {
  const { config, logger, schema, services } = opts;
  const production = config.env === 'production';
  const server = http.createServer();
  const wss = new WebSocketServer({ server, path: GRAPHQL_PATH, maxPayload: MAX_BODY_BYTES });
  const wsCleanup = useServer<Record<string, unknown>, { ctx?: Context }>(
    {
      schema,
      context: (ctx) => {
        // One context per connection; loaders are per operation, so they are rebuilt below.
        ctx.extra.ctx ??= createContext(anonymousCaller, services);
        return createContext(ctx.extra.ctx.caller, services);
      },
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => new GraphQLError(e.message, { extensions: formatError(e.toJSON(), e, { production, logger }).extensions })) as never,
      onNext: (_ctx, _id, _payload, _args, result) => {
        if (!('errors' in result) || !result.errors?.length) return result;
        return { ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e, { production, logger })) } as never;
      },
    },
    wss,
  );

  const apollo = new ApolloServer<Context>({
    schema,
    introspection: config.http.introspection,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: !production,
    formatError: (formatted, error) => formatError(formatted, error, { production, logger }),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      config.http.playground ? ApolloServerPluginLandingPageLocalDefault({ embed: true }) : ApolloServerPluginLandingPageDisabled(),
      { async serverWillStart() { return { async drainServer() { await wsCleanup.dispose(); } }; } },
    ],
  });
  await apollo.start();

  server.on('request', (req, res) => {
    handle(req, res).catch((e) => {
      logger.error('request failed', { error: e, url: req.url });
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } }] });
      else res.destroy();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (opts.routes?.(req, res)) return;
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/healthz') return sendJson(res, 200, { ok: true });
    if (url.pathname !== GRAPHQL_PATH) return sendJson(res, 404, { error: { code: ErrorCode.NOT_FOUND, message: 'Not found' } });
    let body: unknown = undefined;
    if (req.method === 'POST') {
      try {
        body = await readJson(req, MAX_BODY_BYTES);
      } catch (e) {
        const code = e instanceof AppError ? e.code : ErrorCode.BAD_USER_INPUT;
        return sendJson(res, code === ErrorCode.UPLOAD_TOO_LARGE ? 413 : 400, { errors: [{ message: (e as Error).message, extensions: { code: code === ErrorCode.UPLOAD_TOO_LARGE ? 'PAYLOAD_TOO_LARGE' : code } }] });
      }
    }
    const headers = new HeaderMap();
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search: url.search, body },
      context: async () => createContext(anonymousCaller, services),
    });
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
      for (const c of wss.clients) c.terminate();
      await apollo.stop();
      wss.close();
      server.closeAllConnections?.();
    },
  };
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}

async function readJson(req: http.IncomingMessage, limit: number): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) {
    req.resume();
    throw new AppError(ErrorCode.UPLOAD_TOO_LARGE, `request body over ${limit} bytes`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new AppError(ErrorCode.UPLOAD_TOO_LARGE, `request body over ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  const type = String(req.headers['content-type'] ?? '');
  if (!text) return undefined;
  // Apollo's CSRF prevention decides about non-JSON content types; pass their raw text through.
  if (!type.includes('json')) return text;
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError(ErrorCode.BAD_USER_INPUT, 'request body is not valid JSON');
  }
}

export type { BaseContext };
