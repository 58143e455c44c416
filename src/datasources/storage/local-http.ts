// HTTP side of the local driver: the endpoints its signed URLs point at. Browsers PUT uploads here
// directly, so it answers CORS preflights and never holds a body in memory.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError, ErrorCode, isAppError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { isValidKey } from './keys.js';
import { OBJECT_PATH_PREFIX, UPLOAD_PATH_PREFIX, type LocalStorage } from './local.js';

/** Returns false for paths outside `/storage/`, so the caller can hand the request to GraphQL. */
export type StorageHttpHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

const STATUS: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.UPLOAD_SIZE_MISMATCH]: 400,
  [ErrorCode.UPLOAD_URL_INVALID]: 403,
  [ErrorCode.UPLOAD_URL_EXPIRED]: 403,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.UPLOAD_TOO_LARGE]: 413,
  [ErrorCode.STORAGE_UNAVAILABLE]: 503,
};

const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'ETag',
} as const;

export interface LocalStorageHandlerOptions {
  /**
   * Whether the object at `key` may still be written; throws (e.g. CONFLICT → 409) when not. Checked
   * before the body is read and again before it replaces the object, so a signed upload URL stops
   * working once its video is confirmed, although it has not expired.
   */
  uploadGate?: (key: string) => Promise<void>;
}

export function createLocalStorageHandler(
  storage: LocalStorage,
  logger: Logger,
  opts: LocalStorageHandlerOptions = {},
): StorageHttpHandler {
  const log = logger.child({ component: 'local-storage-http' });
  return (req, res) => {
    const rawUrl = req.url ?? '/';
    if (!rawUrl.startsWith('/storage/')) return false;
    handle(storage, log, req, res, opts).catch((err: unknown) => {
      log.error('storage request failed', { err, method: req.method });
      if (!res.headersSent) sendError(req, res, new AppError(ErrorCode.INTERNAL_SERVER_ERROR, 'Internal error'));
      else res.destroy();
    });
    return true;
  };
}

async function handle(
  storage: LocalStorage,
  log: Logger,
  req: IncomingMessage,
  res: ServerResponse,
  opts: LocalStorageHandlerOptions,
): Promise<void> {
  // The raw path, not a WHATWG-parsed one: URL parsing would resolve `..` and `%2e%2e` before the key
  // check could see them.
  const rawUrl = req.url ?? '/';
  const q = rawUrl.indexOf('?');
  const pathname = q < 0 ? rawUrl : rawUrl.slice(0, q);
  const query = new URLSearchParams(q < 0 ? '' : rawUrl.slice(q + 1));
  const method = req.method ?? 'GET';

  const route = pathname.startsWith(UPLOAD_PATH_PREFIX)
    ? { kind: 'upload' as const, key: pathname.slice(UPLOAD_PATH_PREFIX.length), allow: 'PUT, OPTIONS' }
    : pathname.startsWith(OBJECT_PATH_PREFIX)
      ? { kind: 'object' as const, key: pathname.slice(OBJECT_PATH_PREFIX.length), allow: 'GET, HEAD, OPTIONS' }
      : null;
  if (!route) return sendError(req, res, new AppError(ErrorCode.NOT_FOUND, 'No such storage endpoint'));

  if (method === 'OPTIONS') {
    res.writeHead(204, {
      ...CORS_HEADERS,
      'Access-Control-Allow-Methods': 'PUT, GET, HEAD',
      'Access-Control-Allow-Headers': 'Content-Type',
      'Access-Control-Max-Age': '600',
      'Content-Length': '0',
    });
    res.end();
    return;
  }
  if (!isValidKey(route.key)) return sendError(req, res, new AppError(ErrorCode.BAD_USER_INPUT, 'Invalid storage key'));

  if (route.kind === 'upload') {
    if (method !== 'PUT') return sendMethodNotAllowed(req, res, route.allow);
    return handleUpload(storage, log, route.key, query, req, res, opts.uploadGate);
  }
  if (method !== 'GET' && method !== 'HEAD') return sendMethodNotAllowed(req, res, route.allow);
  return handleDownload(storage, log, route.key, query, req, res);
}

async function handleUpload(
  storage: LocalStorage,
  log: Logger,
  key: string,
  query: URLSearchParams,
  req: IncomingMessage,
  res: ServerResponse,
  gate?: (key: string) => Promise<void>,
): Promise<void> {
  let signed;
  try {
    signed = storage.verifyUpload(key, query);
    await gate?.(key);
  } catch (err) {
    return sendError(req, res, err);
  }
  const contentType = (req.headers['content-type'] ?? '').trim().toLowerCase();
  if (contentType !== signed.contentType) {
    return sendError(req, res, new AppError(ErrorCode.UPLOAD_URL_INVALID, 'Content-Type differs from the signed one'));
  }
  const declared = req.headers['content-length'];
  if (declared !== undefined) {
    const n = /^\d{1,16}$/.test(declared) ? Number(declared) : NaN;
    if (Number.isNaN(n)) return sendError(req, res, new AppError(ErrorCode.BAD_USER_INPUT, 'Bad Content-Length'));
    // Refuse before reading a byte when the declared size already disagrees with the signed one.
    if (n > signed.sizeBytes) return sendError(req, res, new AppError(ErrorCode.UPLOAD_TOO_LARGE, 'Body is larger than the signed size'));
    if (n < signed.sizeBytes)
      return sendError(req, res, new AppError(ErrorCode.UPLOAD_SIZE_MISMATCH, 'Body is smaller than the signed size'));
  }

  // The body goes through a PassThrough so a failed write does not destroy the request (and with it
  // the socket) before the error response is out.
  const body = new PassThrough();
  // The client may leave before writeStream attaches its pipeline; pipeline still sees the stored error.
  body.on('error', () => undefined);
  const onGone = (cause?: unknown) => {
    if (!req.complete) body.destroy(new AppError(ErrorCode.CANCELLED, 'Client went away during upload', { cause }));
  };
  req.once('close', onGone);
  req.once('error', onGone);
  req.pipe(body);
  log.debug('upload started', { key, sizeBytes: signed.sizeBytes });
  try {
    const result = await storage.writeStream(key, body, {
      contentType: signed.contentType,
      expectedBytes: signed.sizeBytes,
      beforeCommit: gate && (() => gate(key)),
    });
    log.info('upload stored', { key, sizeBytes: result.sizeBytes });
    res.writeHead(200, { ...CORS_HEADERS, ETag: result.etag, 'Content-Length': '0' });
    res.end();
  } catch (err) {
    req.unpipe(body);
    if (isAppError(err) && err.code === ErrorCode.CANCELLED) {
      log.info('upload abandoned by client', { key });
      return;
    }
    log.info('upload rejected', { key, code: isAppError(err) ? err.code : undefined });
    sendError(req, res, err);
  } finally {
    req.off('close', onGone);
    req.off('error', onGone);
  }
}

async function handleDownload(
  storage: LocalStorage,
  log: Logger,
  key: string,
  query: URLSearchParams,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  let object;
  try {
    storage.verifyDownload(key, query);
    object = await storage.openObject(key);
  } catch (err) {
    return sendError(req, res, err);
  }
  const headers: Record<string, string> = {
    ...CORS_HEADERS,
    'Content-Type': object.contentType ?? 'application/octet-stream',
    'Content-Length': String(object.sizeBytes),
  };
  if (object.etag) headers.ETag = object.etag;
  res.writeHead(200, headers);
  if (req.method === 'HEAD') {
    object.stream.destroy();
    res.end();
    return;
  }
  try {
    await pipeline(object.stream, res);
  } catch (err) {
    // Usually the client closing the connection mid-download.
    log.debug('download interrupted', { key, err });
  }
}

function sendMethodNotAllowed(req: IncomingMessage, res: ServerResponse, allow: string): void {
  res.setHeader('Allow', allow);
  sendError(req, res, new AppError(ErrorCode.BAD_USER_INPUT, 'Method not allowed'), 405);
}

function sendError(req: IncomingMessage, res: ServerResponse, err: unknown, status?: number): void {
  const appErr = isAppError(err) ? err : new AppError(ErrorCode.INTERNAL_SERVER_ERROR, 'Internal error', { cause: err });
  const code = status ?? STATUS[appErr.code] ?? 500;
  const payload = JSON.stringify({ error: { code: appErr.code, message: code >= 500 ? 'Storage error' : appErr.message } });
  const headers: Record<string, string> = {
    ...CORS_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(payload)),
  };
  // An unread body would otherwise have to be drained before the connection could be reused; closing
  // caps what a client can push after being refused.
  if (!req.complete) headers.Connection = 'close';
  res.writeHead(code, headers);
  res.end(req.method === 'HEAD' ? undefined : payload);
}
