import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { ErrorCode } from '../../../src/errors.js';
import { createStorage, ensureBucket, LocalStorage, S3Storage, type Storage } from '../../../src/datasources/storage/index.js';

/** S3's ETag for a single-part object, and the local driver's: the quoted hex MD5. */
const ETAG = expect.stringMatching(/^"[0-9a-f]{32}"$/);

// s3rver is CommonJS without type declarations.
interface S3rverServer {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
const S3rver = createRequire(import.meta.url)('s3rver') as new (opts: {
  address: string;
  port: number;
  silent: boolean;
  directory: string;
}) => S3rverServer;

const KEY = `uploads/${randomUUID()}/source.mp4`;

let dir: string;
let s3rver: S3rverServer;
let endpoint: string;
let storage: Storage;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'klike-s3-'));
  s3rver = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: path.join(dir, 's3rver') });
  const { port } = await s3rver.run();
  endpoint = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    DATA_DIR: path.join(dir, 'data'),
    S3_BUCKET: 'klike-test',
    S3_ENDPOINT: endpoint,
    // s3rver's built-in account.
    S3_ACCESS_KEY_ID: 'S3RVER',
    S3_SECRET_ACCESS_KEY: 'S3RVER',
  });
  storage = createStorage(config, { publicBaseUrl: () => 'http://unused', signingSecret: 'unused-secret-0123456789' });
  await ensureBucket(storage);
  await ensureBucket(storage); // idempotent
});

afterEach(async () => {
  (storage as S3Storage).close();
  await s3rver.close().catch(() => undefined); // already closed by the unreachable-endpoint test
  await rm(dir, { recursive: true, force: true });
});

const bytes = (n: number, seed = 1) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 31 + seed) % 256));
const md5 = (b: Buffer) => `"${createHash('md5').update(b).digest('hex')}"`;

describe('S3Storage against s3rver', () => {
  it('is chosen by config', () => {
    expect(storage).toBeInstanceOf(S3Storage);
    expect(storage.driver).toBe('s3');
  });

  it('takes a browser-style presigned PUT and serves it back', async () => {
    const body = bytes(256 * 1024 + 5);
    const signed = await storage.presignUpload({ key: KEY, contentType: 'video/mp4', sizeBytes: body.length });
    expect(signed.method).toBe('PUT');
    expect(signed.headers).toEqual([{ name: 'Content-Type', value: 'video/mp4' }]);
    const query = new URL(signed.url).searchParams;
    // Real S3 then rejects any other type or size; s3rver does not check SigV4 signatures at all.
    expect(query.get('X-Amz-SignedHeaders')?.split(';')).toEqual(['content-length', 'content-type', 'host']);
    expect([...query.keys()].filter((k) => k.toLowerCase().includes('checksum'))).toEqual([]);

    const headers = Object.fromEntries(signed.headers.map((h) => [h.name, h.value]));
    const res = await fetch(signed.url, { method: signed.method, headers, body });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe(md5(body));

    expect(await storage.head(KEY)).toEqual({ key: KEY, sizeBytes: body.length, contentType: 'video/mp4', etag: ETAG });

    const dest = path.join(dir, 'work', 'source.mp4');
    await storage.downloadToFile(KEY, dest);
    expect((await readFile(dest)).equals(body)).toBe(true);
    expect(await readdir(path.dirname(dest))).toEqual(['source.mp4']);

    const url = await storage.presignDownload(KEY, 60);
    const get = await fetch(url);
    expect(get.status).toBe(200);
    expect(get.headers.get('content-type')).toBe('video/mp4');
    expect(Buffer.from(await get.arrayBuffer()).equals(body)).toBe(true);
  });

  it('round-trips uploadFile, putObject and getObjectStream', async () => {
    const src = path.join(dir, 'audio.wav');
    const body = bytes(3 * 1024 * 1024 + 17, 9);
    await writeFile(src, body);
    await storage.uploadFile('runs/r1/audio.wav', src, 'audio/wav');
    expect(await storage.head('runs/r1/audio.wav')).toEqual({ key: 'runs/r1/audio.wav', sizeBytes: body.length, contentType: 'audio/wav', etag: ETAG });

    const chunks: Buffer[] = [];
    for await (const c of await storage.getObjectStream('runs/r1/audio.wav')) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).equals(body)).toBe(true);

    await storage.putObject('runs/r1/result.json', '{"score":1}', 'application/json');
    const stream = await storage.getObjectStream('runs/r1/result.json');
    let text = '';
    for await (const c of stream) text += String(c);
    expect(text).toBe('{"score":1}');

    await storage.delete('runs/r1/audio.wav');
    expect(await storage.head('runs/r1/audio.wav')).toBeNull();
    await storage.delete('runs/r1/audio.wav'); // deleting nothing is fine
  });

  it('reports missing objects as null / NOT_FOUND', async () => {
    expect(await storage.head('uploads/missing/source.mp4')).toBeNull();
    await expect(storage.getObjectStream('uploads/missing/source.mp4')).rejects.toMatchObject({ code: ErrorCode.NOT_FOUND });
    const dest = path.join(dir, 'out', 'missing.mp4');
    await expect(storage.downloadToFile('uploads/missing/source.mp4', dest)).rejects.toMatchObject({ code: ErrorCode.NOT_FOUND });
    await expect(readdir(path.dirname(dest))).rejects.toThrow();
  });

  it('stops downloadToFile on abort', async () => {
    await storage.putObject(KEY, bytes(100_000), 'video/mp4');
    const controller = new AbortController();
    controller.abort();
    const dest = path.join(dir, 'out', 'source.mp4');
    await expect(storage.downloadToFile(KEY, dest, controller.signal)).rejects.toMatchObject({ code: ErrorCode.CANCELLED });
    await expect(readFile(dest)).rejects.toThrow();
  });

  it('rejects bad keys before calling S3', async () => {
    for (const key of ['../../etc/passwd', 'uploads/../x', '/abs']) {
      await expect(storage.presignUpload({ key, contentType: 'video/mp4', sizeBytes: 1 })).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT });
      await expect(storage.head(key)).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT });
    }
  });

  it('translates an unreachable endpoint into retryable STORAGE_UNAVAILABLE', async () => {
    await s3rver.close();
    const err = await storage.head(KEY).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: ErrorCode.STORAGE_UNAVAILABLE, retryable: true });
  });
});

describe('ensureBucket', () => {
  it('does nothing for local storage', async () => {
    const local = new LocalStorage({ root: path.join(dir, 'local'), signingSecret: 'x'.repeat(32), publicBaseUrl: () => 'http://x' });
    await expect(ensureBucket(local)).resolves.toBeUndefined();
  });
});
