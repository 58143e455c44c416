// One webhook POST. The host is resolved and checked right before connecting, and the socket is
// opened to that checked address (a pinned lookup), never to a second resolution. No redirects are
// followed (node:http never does), one deadline covers connect, send and response, and only a short
// excerpt of the response body is read.
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { checkedAddress, type ResolvedAddress, type Resolve } from './address.js';

/** Bytes of the response body kept (and read) at most. */
export const RESPONSE_EXCERPT_BYTES = 256;

export interface SendInput {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  resolve: Resolve;
  allowPrivate: boolean;
}

export interface SendOutcome {
  /** The HTTP status, null when none came back. */
  statusCode: number | null;
  /** Why no status came back: ADDRESS_NOT_ALLOWED, UNRESOLVABLE, TIMEOUT, CONNECTION_FAILED. */
  errorCode: string | null;
  /** From a Retry-After header (seconds, or an HTTP date), when present and sensible. */
  retryAfterSeconds: number | null;
  responseExcerpt: string | null;
  durationMs: number;
}

export async function sendWebhook(input: SendInput): Promise<SendOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const fail = (errorCode: string): SendOutcome => ({
    statusCode: null,
    errorCode,
    retryAfterSeconds: null,
    responseExcerpt: null,
    durationMs: elapsed(),
  });
  const url = new URL(input.url);
  const target = await checkedAddress(url.hostname, input.resolve, input.allowPrivate);
  if ('refused' in target) return fail(target.refused);
  return new Promise<SendOutcome>((resolve) => {
    let settled = false;
    const done = (o: SendOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(o);
    };
    const lib = url.protocol === 'https:' ? https : http;
    const req = lib.request(url, {
      method: 'POST',
      headers: { ...input.headers, 'content-length': String(Buffer.byteLength(input.body)) },
      lookup: pinnedLookup(target),
      // A fresh connection each time: a pooled socket could be one opened to another address.
      agent: false,
    });
    const timer = setTimeout(() => done(fail('TIMEOUT')), input.timeoutMs);
    req.on('error', () => done(fail('CONNECTION_FAILED')));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const finish = () =>
        done({
          statusCode: res.statusCode ?? null,
          errorCode: null,
          retryAfterSeconds: parseRetryAfter(res.headers['retry-after']),
          responseExcerpt: excerpt(Buffer.concat(chunks)),
          durationMs: elapsed(),
        });
      res.on('data', (c: Buffer) => {
        chunks.push(c);
        size += c.length;
        // Enough read: the rest of a large body is not wanted.
        if (size >= RESPONSE_EXCERPT_BYTES) finish();
      });
      res.on('end', finish);
      res.on('error', finish);
    });
    req.end(input.body);
  });
}

/** Hands net.connect the address already checked, whatever form of answer it asks for. */
function pinnedLookup(target: ResolvedAddress): LookupFunction {
  return ((_host: string, options: { all?: boolean }, cb: (...args: unknown[]) => void) => {
    if (options?.all) cb(null, [{ address: target.address, family: target.family }]);
    else cb(null, target.address, target.family);
  }) as unknown as LookupFunction;
}

function excerpt(body: Buffer): string | null {
  if (!body.length) return null;
  const text = body
    .subarray(0, RESPONSE_EXCERPT_BYTES)
    .toString('utf8')
    .replace(/\uFFFD+$/, '');
  // Control characters (other than newline and tab) would only make the excerpt unreadable.
  return text.replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '');
}

export function parseRetryAfter(v: string | string[] | undefined, now = Date.now()): number | null {
  const s = Array.isArray(v) ? v[0] : v;
  if (!s) return null;
  if (/^\s*\d+\s*$/.test(s)) return Number(s);
  const at = Date.parse(s);
  return Number.isNaN(at) ? null : Math.max(0, Math.round((at - now) / 1000));
}
