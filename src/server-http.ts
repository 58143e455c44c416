// Pieces of the API server (src/server.ts) that hold no state: validation rules, error mapping,
// the client address, the WebSocket credential, small request/response helpers.
import type http from 'node:http';
import { HeaderMap } from '@apollo/server';
import type { WebSocketServer } from 'ws';
import { GraphQLError, type GraphQLFormattedError, type ValidationRule } from 'graphql';
import type { Logger } from './logger.js';
import { AppError, ErrorCode } from './errors.js';

/** Apollo Server's NoIntrospection rule (not exported by @apollo/server), word for word: HTTP and WebSocket refuse alike. */
export const noIntrospection: ValidationRule = (context) => ({
  Field(node) {
    if (node.name.value === '__schema' || node.name.value === '__type')
      context.reportError(
        new GraphQLError(
          'GraphQL introspection is not allowed by Apollo Server, but the query contained __schema or __type. To enable introspection, pass introspection: true to ApolloServer in production',
          { nodes: [node], extensions: { validationErrorCode: 'INTROSPECTION_DISABLED' } },
        ),
      );
  },
});

/** Armor's field-suggestion mask ("Did you mean …?" reveals schema names), for every error in production. */
export function maskSuggestions(f: GraphQLFormattedError, production: boolean): GraphQLFormattedError {
  if (!production || !f.message.includes('Did you mean')) return f;
  return { ...f, message: f.message.replace(/Did you mean ".+"/g, '[Suggestion hidden]').trim() };
}

export async function closeWebSockets(wss: WebSocketServer, code: number, reason: string, timeoutMs: number): Promise<void> {
  const open = [...wss.clients];
  const closed = Promise.all(open.map((c) => new Promise<void>((r) => (c.readyState === c.CLOSED ? r() : c.once('close', () => r())))));
  for (const c of open) c.close(code, reason);
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([closed, new Promise<void>((r) => (timer = setTimeout(r, timeoutMs)))]);
  clearTimeout(timer);
  for (const c of wss.clients) c.terminate();
}

/**
 * The credential in graphql-ws `connectionParams`: `authorization` in any letter case, at the top
 * level (GraphiQL sends its typed headers as the params) or under `headers` (Apollo-style clients).
 */
export function authorizationFromParams(params: Readonly<Record<string, unknown>> | undefined | null): string | undefined {
  const find = (o: unknown): string | undefined => {
    if (!o || typeof o !== 'object') return undefined;
    for (const [k, v] of Object.entries(o)) if (k.toLowerCase() === 'authorization' && typeof v === 'string') return v;
    return undefined;
  };
  return find(params) ?? find(params?.headers);
}

/**
 * The client's address: the socket's, or behind a trusted reverse proxy (TRUST_PROXY) the last
 * X-Forwarded-For entry, the one that proxy appended (earlier entries are whatever the client sent).
 */
export function clientIp(req: http.IncomingMessage, trustProxy: boolean): string {
  const forwarded = req.headers['x-forwarded-for'];
  if (trustProxy && forwarded) {
    const last = String(forwarded).split(',').at(-1)?.trim();
    if (last) return last;
  }
  return req.socket.remoteAddress ?? 'unknown';
}

/**
 * Errors raised while building the context, as GraphQL errors with their HTTP status. Anything but
 * an AppError is our failure, not the client's: logged here with its cause, INTERNAL_SERVER_ERROR.
 */
export function toHttpError(e: unknown, logger: Logger): GraphQLError {
  if (e instanceof GraphQLError) return e;
  if (!(e instanceof AppError)) {
    logger.error('authentication failed unexpectedly', { error: e, cause: (e as Error)?.cause });
    // originalError: the formatter keeps the code (a GraphQLError without one reads as a validation error).
    const internal = new AppError(ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error', { cause: e });
    return new GraphQLError(internal.message, { originalError: internal, extensions: { code: internal.code, http: { status: 500 } } });
  }
  const status =
    e.code === ErrorCode.UNAUTHENTICATED
      ? 401
      : e.code === ErrorCode.RATE_LIMITED
        ? 429
        : e.code === ErrorCode.AUTH_PROVIDER_UNAVAILABLE
          ? 503
          : e.code === ErrorCode.INTERNAL_SERVER_ERROR
            ? 500
            : 400;
  const headers = new HeaderMap();
  const retry = e.details?.retryAfterSeconds;
  if (typeof retry === 'number') headers.set('retry-after', String(retry));
  if (status === 401) headers.set('www-authenticate', 'Bearer');
  return new GraphQLError(e.message, {
    extensions: { ...(e.details ?? {}), ...(e.retryable ? { retryable: true } : {}), code: e.code, http: { status, headers } },
  });
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}

export async function readJson(req: http.IncomingMessage, limit: number): Promise<unknown> {
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
