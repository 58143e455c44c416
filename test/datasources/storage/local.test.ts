import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/errors.js';
import { createLogger, type Logger } from '../../../src/logger.js';
import { LocalStorage } from '../../../src/datasources/storage/local.js';
import { createLocalStorageHandler } from '../../../src/datasources/storage/local-http.js';

/** S3's ETag for a single-part object, and the local driver's: the quoted hex MD5. */
const ETAG = expect.stringMatching(/^"[0-9a-f]{32}"$/);

const SECRET = 'test-secret-0123456789abcdef';
const KEY = `uploads/${randomUUID()}/source.mp4`;

interface Ctx {
  dir: string;
  root: string;
  storage: LocalStorage;
  server: http.Server;
  base: string;
  /** Resolves when the handler logs `msg` (the server finishing its side of a request). */
  logged: (msg: string) => Promise<Record<string, unknown> | undefined>;
}

let ctx: Ctx;

function recordingLogger(): { logger: Logger; logged: Ctx['logged'] } {
  const seen: { msg: string; fields?: Record<string, unknown> }[] = [];
  const waiters: { msg: string; resolve: (f: Record<string, unknown> | undefined) => void }[] = [];
  const record = (msg: string, fields?: Record<string, unknown>) => {
    seen.push({ msg, fields });
    for (const w of waiters.filter((w) => w.msg === msg)) w.resolve(fields);
  };
  const make = (): Logger => ({ debug: record, info: record, warn: record, error: record, child: () => make() });
  return {
    logger: make(),
    logged: (msg) => {
      const hit = seen.find((s) => s.msg === msg);
      return hit ? Promise.resolve(hit.fields) : new Promise((resolve) => waiters.push({ msg, resolve }));
    },
  };
}

beforeEach(async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'klike-local-storage-'));
  const root = path.join(dir, 'storage');
  let base = '';
  const storage = new LocalStorage({ root, signingSecret: SECRET, publicBaseUrl: () => base });
  const { logger, logged } = recordingLogger();
  const handler = createLocalStorageHandler(storage, logger);
  const server = http.createServer((req, res) => {
    if (!handler(req, res)) {
      res.writeHead(418);
      res.end('fell through');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  ctx = { dir, root, storage, server, base, logged };
});

afterEach(async () => {
  ctx.server.closeAllConnections();
  await new Promise((resolve) => ctx.server.close(resolve));
  await rm(ctx.dir, { recursive: true, force: true });
});

const bytes = (n: number, seed = 1) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 31 + seed) % 256));
const md5 = (b: Buffer) => `"${createHash('md5').update(b).digest('hex')}"`;

async function put(url: string, body: RequestInit['body'], contentType: string | null = 'video/mp4', init: RequestInit = {}) {
  const headers: Record<string, string> = contentType === null ? {} : { 'Content-Type': contentType };
  const res = await fetch(url, { method: 'PUT', headers, body, ...init });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? (JSON.parse(text) as { error?: { code: string } }) : undefined };
}

/** A chunked body (no Content-Length), as a browser streaming upload would send. */
function chunked(total: number, chunkSize = 16 * 1024): RequestInit & { body: ReadableStream<Uint8Array> } {
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) return controller.close();
      const n = Math.min(chunkSize, total - sent);
      sent += n;
      controller.enqueue(new Uint8Array(n));
    },
  });
  return { body, duplex: 'half' } as RequestInit & { body: ReadableStream<Uint8Array> };
}

/** Sends a request with its path exactly as given (fetch would normalise `..` away). */
function rawRequest(method: string, rawPath: string, body?: Buffer): Promise<{ status: number; body: string }> {
  const { port } = ctx.server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: rawPath, headers: { 'Content-Type': 'video/mp4' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function filesUnder(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
  } catch {
    return [];
  }
}

function withUrl(url: string, edit: (u: URL) => void): string {
  const u = new URL(url);
  edit(u);
  return u.toString();
}

describe('LocalStorage signed upload over HTTP', () => {
  it('stores a PUT body and serves it back', async () => {
    const body = bytes(64 * 1024 + 3);
    const signed = await ctx.storage.presignUpload({ key: KEY, contentType: 'video/mp4', sizeBytes: body.length });
    expect(signed.method).toBe('PUT');
    expect(signed.headers).toEqual([{ name: 'Content-Type', value: 'video/mp4' }]);
    expect(signed.url.startsWith(`${ctx.base}/storage/upload/${KEY}?`)).toBe(true);
    expect(signed.expiresAt.getTime()).toBeGreaterThan(Date.now());

    const res = await put(signed.url, body, signed.headers[0]!.value);
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe(md5(body));
    expect(res.headers.get('access-control-allow-origin')).toBe('*');

    expect(await ctx.storage.head(KEY)).toEqual({ key: KEY, sizeBytes: body.length, contentType: 'video/mp4', etag: ETAG });

    const dest = path.join(ctx.dir, 'work', 'nested', 'source.mp4');
    await ctx.storage.downloadToFile(KEY, dest);
    expect((await readFile(dest)).equals(body)).toBe(true);
    expect(await filesUnder(path.join(ctx.dir, 'work'))).toEqual(['source.mp4']);
    expect(await filesUnder(path.join(ctx.root, 'tmp'))).toEqual([]);
  });

  it('accepts a chunked body of exactly the signed size', async () => {
    const signed = await ctx.storage.presignUpload({ key: KEY, contentType: 'video/mp4', sizeBytes: 100_000 });
    const { body, ...init } = chunked(100_000);
    expect((await put(signed.url, body, 'video/mp4', init)).status).toBe(200);
    expect((await ctx.storage.head(KEY))?.sizeBytes).toBe(100_000);
  });

  it('rejects an expired URL with UPLOAD_URL_EXPIRED', async () => {
    const past = new LocalStorage({ root: ctx.root, signingSecret: SECRET, publicBaseUrl: () => ctx.base, now: () => new Date(Date.now() - 3600_000) });
    const signed = await past.presignUpload({ key: KEY, contentType: 'video/mp4', sizeBytes: 10, expiresInSeconds: 60 });
    const res = await put(signed.url, bytes(10));
    expect(res.status).toBe(403);
    expect(res.json).toEqual({ error: { code: ErrorCode.UPLOAD_URL_EXPIRED, message: expect.any(String) } });
    expect(await ctx.storage.head(KEY)).toBeNull();
  });

  it.each([
    ['signature', (u: URL) => u.searchParams.set('sig', u.searchParams.get('sig')!.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')))],
    ['length', (u: URL) => u.searchParams.set('len', '11')],
    ['content type', (u: URL) => u.searchParams.set('ct', 'video/webm')],
    ['expiry', (u: URL) => u.searchParams.set('exp', String(Number(u.searchParams.get('exp')) + 3600))],
    ['key', (u: URL) => (u.pathname = u.pathname.replace('source.mp4', 'other.mp4'))],
    ['extra parameter', (u: URL) => u.searchParams.append('len', '10')],
    ['missing signature', (u: URL) => u.searchParams.delete('sig')],
  ])('rejects a tampered %s with UPLOAD_URL_INVALID', async (_what, edit) => {
    const signed = await ctx.storage.presignUpload({ key: KEY, contentType: 'video/mp4', sizeBytes: 10 });
    const url = withUrl(signed.url, edit);
    const ct = new URL(url).searchParams.get('ct') ?? 'video/mp4';
    const res = await put(url, bytes(Number(new URL(url).searchParams.get('len') ?? 10)), ct);
    expect(res.status).toBe(403);
    expect(res.json?.error?.code).toBe(ErrorCode.UPLOAD_URL_INVALID);
    expect(await filesUnder(path.join(ctx.root, 'objects'))).toEqual([]);
  });

  it.each([['video/webm'], [null]])('rejects Content-Type %s when video/mp4 was signed', async (ct) => {
    const signed = await ctx.storage.presignUpload({ key: KEY, contentType: 'video/mp4', sizeBytes: 10 });
    const res = await put(signed.url, bytes(10), ct);
    expect(res.status).toBe(403);
    expect(res.json?.error?.code).toBe(ErrorCode.UPLOAD_URL_INVALID);
    expect(await ctx.storage.head(KEY)).toBeNull();
  });

  it('refuses a body larger than signed (declared length) with 413 and stores nothing', async () => {
    const signed = await ctx.storage.presignUpload({ key: KEY, contentType: 'video/mp4', sizeBytes: 1000 });
    const res = await put(signed.url, bytes(1001));
    expect(res.status).toBe(413);
    expect(res.json?.error?.code).toBe(ErrorCode.UPLOAD_TOO_LARGE);
    expect(await ctx.storage.head(KEY)).toBeNull();
  });

  it('cuts off a chunked body as soon as it passes the signed size', async () => {
    const signed = await ctx.storage.presignUpload({ key: KEY, contentType: 'video/mp4', sizeBytes: 1000 });
    // Far more than any socket buffer: only an early cut-off lets this request end.
    const { body, ...init } = chunked(512 * 1024 * 1024, 64 * 1024);
    const res = await put(signed.url, body, 'video/mp4', init);
    expect(res.status).toBe(413);
    expect(res.json?.error?.code).toBe(ErrorCode.UPLOAD_TOO_LARGE);
    await ctx.logged('upload rejected');
    expect(await ctx.storage.head(KEY)).toBeNull();
    expect(await filesUnder(ctx.root)).toEqual([]);
  });

  it('rejects a body smaller than signed with 400 UPLOAD_SIZE_MISMATCH and stores nothing', async () => {
    const signed = await ctx.storage.presignUpload({ key: KEY, contentType: 'video/mp4', sizeBytes: 1000 });
    const declared = await put(signed.url, bytes(999));
    expect(declared.status).toBe(400);
    expect(declared.json?.error?.code).toBe(ErrorCode.UPLOAD_SIZE_MISMATCH);

    const { body, ...init } = chunked(999, 100);
    const streamed = await put(signed.url, body, 'video/mp4', init);
    expect(streamed.status).toBe(400);
    expect(streamed.json?.error?.code).toBe(ErrorCode.UPLOAD_SIZE_MISMATCH);
    expect(await ctx.storage.head(KEY)).toBeNull();
    expect(await filesUnder(ctx.root)).toEqual([]);
  });

  it('leaves nothing behind when the client disconnects mid-upload', async () => {
    const signed = await ctx.storage.presignUpload({ key: KEY, contentType: 'video/mp4', sizeBytes: 1_000_000 });
    const { port } = ctx.server.address() as AddressInfo;
    const u = new URL(signed.url);
    const req = http.request({
      host: '127.0.0.1',
      port,
      method: 'PUT',
      path: u.pathname + u.search,
      headers: { 'Content-Type': 'video/mp4', 'Content-Length': '1000000' },
    });
    req.on('error', () => undefined);
    req.write(bytes(10_000));
    await ctx.logged('upload started');
    req.destroy();
    await ctx.logged('upload abandoned by client');
    expect(await ctx.storage.head(KEY)).toBeNull();
    expect(await filesUnder(ctx.root)).toEqual([]);
  });

  it('answers CORS preflight', async () => {
    const res = await fetch(`${ctx.base}/storage/upload/${KEY}`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://app.example', 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'content-type' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toContain('PUT');
    expect(res.headers.get('access-control-allow-methods')).toContain('GET');
    expect(res.headers.get('access-control-allow-headers')).toMatch(/content-type/i);
  });

  it('leaves other paths to the caller', async () => {
    const res = await fetch(`${ctx.base}/graphql`);
    expect(res.status).toBe(418);
  });

  it('rejects traversal in request paths before touching the disk', async () => {
    const outside = path.join(ctx.dir, 'x');
    for (const rawPath of ['/storage/upload/uploads/../x', '/storage/upload/../../x', '/storage/upload//x', '/storage/upload/uploads/%2e%2e/x', '/storage/object/uploads/../../x']) {
      const res = await rawRequest(rawPath.includes('/object/') ? 'GET' : 'PUT', `${rawPath}?exp=1&ct=video%2Fmp4&len=1&sig=x`, Buffer.from('a'));
      expect(res.status, rawPath).toBe(400);
      expect(JSON.parse(res.body).error.code).toBe(ErrorCode.BAD_USER_INPUT);
    }
    await expect(stat(outside)).rejects.toThrow();
  });
});

describe('LocalStorage signed download over HTTP', () => {
  it('serves GET and HEAD with the stored type; rejects tampering, expiry and missing objects', async () => {
    const body = bytes(5000);
    await ctx.storage.putObject('thumbs/a/0001.jpg', body, 'image/jpeg');
    const url = await ctx.storage.presignDownload('thumbs/a/0001.jpg');

    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(res.headers.get('etag')).toBe(md5(body));
    expect(Buffer.from(await res.arrayBuffer()).equals(body)).toBe(true);

    const head = await fetch(url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('5000');

    const tampered = withUrl(url, (u) => (u.pathname = u.pathname.replace('0001', '0002')));
    expect((await fetch(tampered)).status).toBe(403);
    const badSig = withUrl(url, (u) => u.searchParams.set('sig', 'A'.repeat(43)));
    expect((await fetch(badSig)).status).toBe(403);
    // An upload signature must not open a download, even for the same key.
    const upload = await ctx.storage.presignUpload({ key: 'thumbs/a/0001.jpg', contentType: 'image/jpeg', sizeBytes: 5000 });
    expect((await fetch(upload.url.replace('/storage/upload/', '/storage/object/'))).status).toBe(403);

    const past = new LocalStorage({ root: ctx.root, signingSecret: SECRET, publicBaseUrl: () => ctx.base, now: () => new Date(Date.now() - 3600_000) });
    const expired = await fetch(await past.presignDownload('thumbs/a/0001.jpg', 60));
    expect(expired.status).toBe(403);
    expect(((await expired.json()) as { error: { code: string } }).error.code).toBe(ErrorCode.FORBIDDEN);

    const missing = await fetch(await ctx.storage.presignDownload('thumbs/a/missing.jpg'));
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe(ErrorCode.NOT_FOUND);
  });
});

describe('LocalStorage API', () => {
  it.each(['../../etc/passwd', 'uploads/../x', '/etc/passwd', 'uploads//x', 'uploads/x/', './x', 'uploads/.hidden', 'a b', 'uploads/x?y', 'é', '', 'a\\b'])(
    'rejects key %j with BAD_USER_INPUT',
    async (key) => {
      const code = { code: ErrorCode.BAD_USER_INPUT };
      await expect(ctx.storage.presignUpload({ key, contentType: 'video/mp4', sizeBytes: 1 })).rejects.toMatchObject(code);
      await expect(ctx.storage.presignDownload(key)).rejects.toMatchObject(code);
      await expect(ctx.storage.head(key)).rejects.toMatchObject(code);
      await expect(ctx.storage.putObject(key, 'x', 'text/plain')).rejects.toMatchObject(code);
      await expect(ctx.storage.delete(key)).rejects.toMatchObject(code);
    },
  );

  it('rejects bad content types, sizes and lifetimes', async () => {
    const code = { code: ErrorCode.BAD_USER_INPUT };
    await expect(ctx.storage.presignUpload({ key: KEY, contentType: 'video/mp4\r\nX: y', sizeBytes: 1 })).rejects.toMatchObject(code);
    await expect(ctx.storage.presignUpload({ key: KEY, contentType: 'video/mp4', sizeBytes: -1 })).rejects.toMatchObject(code);
    await expect(ctx.storage.presignUpload({ key: KEY, contentType: 'video/mp4', sizeBytes: 1.5 })).rejects.toMatchObject(code);
    await expect(ctx.storage.presignUpload({ key: KEY, contentType: 'video/mp4', sizeBytes: 1, expiresInSeconds: 0 })).rejects.toMatchObject(code);
  });

  it('round-trips uploadFile, putObject, getObjectStream and delete', async () => {
    const src = path.join(ctx.dir, 'in.wav');
    const body = bytes(200_000, 7);
    await writeFile(src, body);
    await ctx.storage.uploadFile('runs/r1/audio.wav', src, 'audio/wav');
    expect(await ctx.storage.head('runs/r1/audio.wav')).toEqual({ key: 'runs/r1/audio.wav', sizeBytes: body.length, contentType: 'audio/wav', etag: ETAG });

    const chunks: Buffer[] = [];
    for await (const c of await ctx.storage.getObjectStream('runs/r1/audio.wav')) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).equals(body)).toBe(true);

    // Overwrite (stage outputs are idempotent by key).
    await ctx.storage.putObject('runs/r1/audio.wav', '{"a":1}', 'application/json');
    expect(await ctx.storage.head('runs/r1/audio.wav')).toEqual({ key: 'runs/r1/audio.wav', sizeBytes: 7, contentType: 'application/json', etag: ETAG });

    await ctx.storage.delete('runs/r1/audio.wav');
    expect(await ctx.storage.head('runs/r1/audio.wav')).toBeNull();
    await ctx.storage.delete('runs/r1/audio.wav');
    await expect(ctx.storage.getObjectStream('runs/r1/audio.wav')).rejects.toMatchObject({ code: ErrorCode.NOT_FOUND });
    await expect(ctx.storage.downloadToFile('runs/r1/audio.wav', path.join(ctx.dir, 'out'))).rejects.toMatchObject({ code: ErrorCode.NOT_FOUND });
    expect(await ctx.storage.head('runs')).toBeNull();
  });

  it('downloadToFile with the recorded ETag: the same bytes pass, replaced ones are SOURCE_CHANGED and leave no file', async () => {
    await ctx.storage.putObject(KEY, bytes(300_000), 'video/mp4');
    const recorded = (await ctx.storage.head(KEY))!.etag!;
    const dest = path.join(ctx.dir, 'out', 'source.mp4');
    await ctx.storage.downloadToFile(KEY, dest, undefined, { expectedEtag: recorded });
    await rm(dest);
    const swapped = bytes(300_000);
    swapped[1234] ^= 0xff;
    await ctx.storage.putObject(KEY, swapped, 'video/mp4');
    await expect(ctx.storage.downloadToFile(KEY, dest, undefined, { expectedEtag: recorded })).rejects.toMatchObject({ code: ErrorCode.SOURCE_CHANGED });
    expect(await filesUnder(path.join(ctx.dir, 'out'))).toEqual([]);
  });

  it('stops downloadToFile on abort and leaves no partial file', async () => {
    await ctx.storage.putObject(KEY, bytes(1_000_000), 'video/mp4');
    const dest = path.join(ctx.dir, 'out', 'source.mp4');
    const controller = new AbortController();
    controller.abort();
    await expect(ctx.storage.downloadToFile(KEY, dest, controller.signal)).rejects.toMatchObject({ code: ErrorCode.CANCELLED });
    expect(await filesUnder(path.join(ctx.dir, 'out'))).toEqual([]);
  });
});
