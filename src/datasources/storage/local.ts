// Local-disk driver: objects live under a root directory and clients reach them through URLs this API
// signs and serves itself (local-http.ts), so the upload flow is the same as with S3.
//
// Layout under root (separate trees so no key can collide with a sidecar or a temp file):
//   objects/<key>        the bytes
//   meta/<key>.json      { contentType, etag } (S3 keeps these with the object; a file cannot)
//   tmp/<uuid>           writes in progress, renamed into place when complete (same filesystem)
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat, writeFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError, ErrorCode, isAppError } from '../../errors.js';
import { assertValidContentType, assertValidKey, assertValidSize } from './keys.js';
import { isCanonicalUint, parseCanonicalUnixSeconds, signatureEquals } from '../../auth/signed-params.js';
import type { DownloadOptions, ObjectInfo, PresignUploadInput, SignedUpload, Storage } from './types.js';
import { etagVerifier, type EtagVerifier } from './etag.js';

/** Longest lifetime of a signed URL, as for S3 SigV4 presigned URLs (7 days). */
const MAX_EXPIRES_SECONDS = 7 * 24 * 3600;
const SIGNATURE_VERSION = 'klike-storage-v1';

export const UPLOAD_PATH_PREFIX = '/storage/upload/';
export const OBJECT_PATH_PREFIX = '/storage/object/';

export interface SignedFields {
  method: 'PUT' | 'GET';
  key: string;
  /** Expiry, unix seconds. */
  exp: number;
  /** Signed content type (uploads only; '' for downloads). */
  ct: string;
  /** Signed byte count (uploads only; '' for downloads). */
  len: string;
}

/** HMAC-SHA256, base64url, over every field a client could otherwise change. */
export function signFields(secret: string, f: SignedFields): string {
  const canonical = [SIGNATURE_VERSION, f.method, f.key, String(f.exp), f.ct, f.len].join('\n');
  return createHmac('sha256', secret).update(canonical).digest('base64url');
}

function signatureMatches(secret: string, f: SignedFields, sig: string): boolean {
  // The exact string signFields writes: not just the same bytes under another spelling.
  return signatureEquals(signFields(secret, f), sig);
}

export interface VerifiedUpload {
  key: string;
  contentType: string;
  sizeBytes: number;
  expiresAt: Date;
}

type Query = URLSearchParams | Record<string, string | undefined>;

function readQuery(query: Query, allowed: readonly string[]): Record<string, string> | null {
  const params = query instanceof URLSearchParams ? query : new URLSearchParams(query as Record<string, string>);
  const out: Record<string, string> = {};
  for (const [name, value] of params) {
    // Unknown or repeated parameters mean someone edited the URL.
    if (!allowed.includes(name) || name in out) return null;
    out[name] = value;
  }
  return allowed.every((name) => name in out) ? out : null;
}

const parseUnixSeconds = parseCanonicalUnixSeconds;

/**
 * Checks an upload URL's query (exp, ct, len, sig) for `key`. Throws UPLOAD_URL_INVALID for anything
 * tampered or malformed, UPLOAD_URL_EXPIRED for a genuine but stale URL (the signature is checked first,
 * so an edited `exp` is invalid, not expired).
 */
export function verifyUploadSignature(secret: string, key: string, query: Query, now: Date = new Date()): VerifiedUpload {
  const invalid = () => new AppError(ErrorCode.UPLOAD_URL_INVALID, 'Upload URL is invalid');
  const q = readQuery(query, ['exp', 'ct', 'len', 'sig']);
  if (!q) throw invalid();
  const exp = parseUnixSeconds(q.exp);
  if (exp === null || !isCanonicalUint(q.len, 16)) throw invalid();
  if (!signatureMatches(secret, { method: 'PUT', key, exp, ct: q.ct, len: q.len }, q.sig)) throw invalid();
  if (exp * 1000 <= now.getTime()) throw new AppError(ErrorCode.UPLOAD_URL_EXPIRED, 'Upload URL has expired');
  return { key, contentType: q.ct, sizeBytes: Number(q.len), expiresAt: new Date(exp * 1000) };
}

/** Checks a download URL's query (exp, sig). Throws FORBIDDEN with details.reason 'invalid' | 'expired'. */
export function verifyDownloadSignature(secret: string, key: string, query: Query, now: Date = new Date()): void {
  const q = readQuery(query, ['exp', 'sig']);
  const exp = q ? parseUnixSeconds(q.exp) : null;
  if (!q || exp === null || !signatureMatches(secret, { method: 'GET', key, exp, ct: '', len: '' }, q.sig)) {
    throw new AppError(ErrorCode.FORBIDDEN, 'Download URL is invalid', { details: { reason: 'invalid' } });
  }
  if (exp * 1000 <= now.getTime()) {
    throw new AppError(ErrorCode.FORBIDDEN, 'Download URL has expired', { details: { reason: 'expired' } });
  }
}

interface Meta {
  contentType?: string;
  etag?: string;
}

export interface OpenedObject {
  stream: Readable;
  sizeBytes: number;
  contentType: string | undefined;
  etag: string | undefined;
}

export interface WriteOptions {
  contentType: string;
  /** When set, the write fails with UPLOAD_TOO_LARGE as soon as more bytes arrive, UPLOAD_SIZE_MISMATCH if fewer. */
  expectedBytes?: number;
  signal?: AbortSignal;
  /** Runs once the body is complete, before the object is replaced; throwing leaves the object as it was. */
  beforeCommit?: () => Promise<void>;
}

export interface WriteResult {
  sizeBytes: number;
  /** Quoted hex MD5 of the body, like S3's ETag for a single-part upload. */
  etag: string;
}

export interface LocalStorageOptions {
  /** Directory holding everything (config.storage.localRoot); created on demand. */
  root: string;
  /** HMAC key for signed URLs. */
  signingSecret: string;
  /** Base URL clients reach this API on, read at signing time (the port is known only after listen). */
  publicBaseUrl: () => string;
  /** (Default: 900) */
  uploadTtlSeconds?: number;
  /** (Default: 3600) */
  downloadTtlSeconds?: number;
  /** Clock for signing and verifying (Default: the system clock); tests use it to mint stale URLs. */
  now?: () => Date;
}

export class LocalStorage implements Storage {
  readonly driver = 'local' as const;
  readonly root: string;
  private readonly secret: string;
  private readonly publicBaseUrl: () => string;
  private readonly uploadTtl: number;
  private readonly downloadTtl: number;
  private readonly now: () => Date;

  constructor(opts: LocalStorageOptions) {
    if (opts.signingSecret.length < 16) throw new Error('LocalStorage: signingSecret must be at least 16 characters');
    this.root = path.resolve(opts.root);
    this.secret = opts.signingSecret;
    this.publicBaseUrl = opts.publicBaseUrl;
    this.uploadTtl = opts.uploadTtlSeconds ?? 900;
    this.downloadTtl = opts.downloadTtlSeconds ?? 3600;
    this.now = opts.now ?? (() => new Date());
  }

  /** Absolute path of the object's bytes. */
  async readSource(key: string): Promise<string> {
    return this.objectPath(key);
  }

  objectPath(key: string): string {
    assertValidKey(key);
    return path.join(this.root, 'objects', key);
  }

  private metaPath(key: string): string {
    return path.join(this.root, 'meta', `${key}.json`);
  }

  private baseUrl(): string {
    return this.publicBaseUrl().replace(/\/+$/, '');
  }

  private expiry(seconds: number | undefined, fallback: number): number {
    const ttl = seconds ?? fallback;
    if (!Number.isInteger(ttl) || ttl < 1 || ttl > MAX_EXPIRES_SECONDS) {
      throw new AppError(ErrorCode.BAD_USER_INPUT, 'Invalid URL lifetime', { details: { expiresInSeconds: ttl } });
    }
    return Math.floor(this.now().getTime() / 1000) + ttl;
  }

  async presignUpload(input: PresignUploadInput): Promise<SignedUpload> {
    assertValidKey(input.key);
    assertValidContentType(input.contentType);
    assertValidSize(input.sizeBytes);
    const exp = this.expiry(input.expiresInSeconds, this.uploadTtl);
    const fields: SignedFields = { method: 'PUT', key: input.key, exp, ct: input.contentType, len: String(input.sizeBytes) };
    const query = new URLSearchParams({ exp: String(exp), ct: fields.ct, len: fields.len, sig: signFields(this.secret, fields) });
    return {
      url: `${this.baseUrl()}${UPLOAD_PATH_PREFIX}${input.key}?${query}`,
      method: 'PUT',
      headers: [{ name: 'Content-Type', value: input.contentType }],
      expiresAt: new Date(exp * 1000),
    };
  }

  async presignDownload(key: string, expiresInSeconds?: number): Promise<string> {
    assertValidKey(key);
    const exp = this.expiry(expiresInSeconds, this.downloadTtl);
    const sig = signFields(this.secret, { method: 'GET', key, exp, ct: '', len: '' });
    return `${this.baseUrl()}${OBJECT_PATH_PREFIX}${key}?${new URLSearchParams({ exp: String(exp), sig })}`;
  }

  verifyUpload(key: string, query: Query): VerifiedUpload {
    assertValidKey(key);
    return verifyUploadSignature(this.secret, key, query, this.now());
  }

  verifyDownload(key: string, query: Query): void {
    assertValidKey(key);
    verifyDownloadSignature(this.secret, key, query, this.now());
  }

  async head(key: string): Promise<ObjectInfo | null> {
    const file = this.objectPath(key);
    try {
      const st = await stat(file);
      if (!st.isFile()) return null;
      const meta = await this.readMeta(key);
      return { key, sizeBytes: st.size, contentType: meta.contentType, etag: meta.etag };
    } catch (err) {
      if (isMissing(err)) return null;
      throw translate(err, 'head', key);
    }
  }

  /** Content type and ETag as stored with the object ({} when unknown). */
  private async readMeta(key: string): Promise<Meta> {
    try {
      return JSON.parse(await readFile(this.metaPath(key), 'utf8')) as Meta;
    } catch (err) {
      if (isMissing(err) || err instanceof SyntaxError) return {};
      throw translate(err, 'head', key);
    }
  }

  async downloadToFile(key: string, filePath: string, signal?: AbortSignal, opts: DownloadOptions = {}): Promise<void> {
    const source = await this.getObjectStream(key);
    await writeFileAtomically(filePath, source, signal, etagVerifier(key, opts.expectedEtag)).catch((err: unknown) => {
      throw translate(err, 'download', key);
    });
  }

  async uploadFile(key: string, filePath: string, contentType: string): Promise<void> {
    assertValidKey(key);
    assertValidContentType(contentType);
    // Opened here so a missing source file is the caller's error, not the store's.
    const source = (await open(filePath, 'r')).createReadStream();
    await this.writeStream(key, source, { contentType });
  }

  async putObject(key: string, body: Buffer | string, contentType: string): Promise<void> {
    await this.writeStream(key, Readable.from([typeof body === 'string' ? Buffer.from(body) : body]), { contentType });
  }

  async getObjectStream(key: string): Promise<Readable> {
    return (await this.openObject(key)).stream;
  }

  /** The object's bytes as a stream plus what an HTTP response needs; NOT_FOUND when absent. */
  async openObject(key: string): Promise<OpenedObject> {
    const file = this.objectPath(key);
    let handle: FileHandle | undefined;
    try {
      handle = await open(file, 'r');
      const st = await handle.stat();
      if (!st.isFile()) throw new AppError(ErrorCode.NOT_FOUND, 'Object not found', { details: { key } });
      const meta = await this.readMeta(key);
      return { stream: handle.createReadStream(), sizeBytes: st.size, contentType: meta.contentType, etag: meta.etag };
    } catch (err) {
      await handle?.close().catch(() => undefined);
      throw translate(err, 'read', key);
    }
  }

  async delete(key: string): Promise<void> {
    const file = this.objectPath(key);
    try {
      await rm(file, { force: true });
      await rm(this.metaPath(key), { force: true });
    } catch (err) {
      throw translate(err, 'delete', key);
    }
  }

  /**
   * Streams `source` into the object at `key`. The object appears only once complete and, when
   * `expectedBytes` is given, exactly that long; otherwise nothing changes and the temp file is removed.
   * `source` is destroyed on failure: pass a PassThrough to keep e.g. an HTTP request alive for the
   * error response.
   */
  async writeStream(key: string, source: Readable, opts: WriteOptions): Promise<WriteResult> {
    assertValidKey(key);
    assertValidContentType(opts.contentType);
    const tmpDir = path.join(this.root, 'tmp');
    const tmp = path.join(tmpDir, randomUUID());
    const hash = createHash('md5');
    let count = 0;
    const limit = opts.expectedBytes;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        count += chunk.length;
        if (limit !== undefined && count > limit) {
          done(new AppError(ErrorCode.UPLOAD_TOO_LARGE, 'Body is larger than the signed size', { details: { limit } }));
          return;
        }
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await mkdir(tmpDir, { recursive: true });
      await pipeline(source, meter, createWriteStream(tmp, { flags: 'wx' }), { signal: opts.signal });
      if (limit !== undefined && count !== limit) {
        throw new AppError(ErrorCode.UPLOAD_SIZE_MISMATCH, 'Body is smaller than the signed size', {
          details: { expected: limit, received: count },
        });
      }
      const etag = `"${hash.digest('hex')}"`;
      await opts.beforeCommit?.();
      const file = this.objectPath(key);
      const metaFile = this.metaPath(key);
      await mkdir(path.dirname(file), { recursive: true });
      await mkdir(path.dirname(metaFile), { recursive: true });
      // Meta first: a reader never sees new bytes with a missing type (at worst the new type with old bytes).
      const metaTmp = `${tmp}.meta`;
      await writeFile(metaTmp, JSON.stringify({ contentType: opts.contentType, etag } satisfies Meta));
      await rename(metaTmp, metaFile);
      await rename(tmp, file);
      return { sizeBytes: count, etag };
    } catch (err) {
      source.destroy();
      await rm(tmp, { force: true }).catch(() => undefined);
      await rm(`${tmp}.meta`, { force: true }).catch(() => undefined);
      throw translate(err, 'write', key);
    }
  }
}

/**
 * Streams into `${filePath}.<uuid>.part` and renames, so `filePath` exists only when complete (and,
 * with a verifier, only when the bytes are the expected ones).
 */
export async function writeFileAtomically(
  filePath: string,
  source: Readable,
  signal?: AbortSignal,
  verify?: EtagVerifier | null,
): Promise<void> {
  const part = `${filePath}.${randomUUID()}.part`;
  try {
    await mkdir(path.dirname(filePath), { recursive: true });
    if (verify) await pipeline(source, verify.stream, createWriteStream(part, { flags: 'wx' }), { signal });
    else await pipeline(source, createWriteStream(part, { flags: 'wx' }), { signal });
    verify?.check();
    await rename(part, filePath);
  } catch (err) {
    source.destroy();
    await rm(part, { force: true }).catch(() => undefined);
    throw err;
  }
}

function errno(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | null)?.code;
}

function isMissing(err: unknown): boolean {
  return errno(err) === 'ENOENT' || errno(err) === 'ENOTDIR';
}

function translate(err: unknown, op: 'head' | 'read' | 'write' | 'delete' | 'download', key: string): AppError {
  if (isAppError(err)) return err;
  if ((err as Error | null)?.name === 'AbortError') {
    return new AppError(ErrorCode.CANCELLED, `Storage ${op} aborted`, { cause: err, details: { key } });
  }
  if (op === 'write' && ['ENOTDIR', 'EISDIR', 'EEXIST'].includes(errno(err) ?? '')) {
    // A key that is also another key's "directory" (a/b and a/b/c): fine on S3, impossible on disk.
    return new AppError(ErrorCode.CONFLICT, 'Key conflicts with another object', { cause: err, details: { key } });
  }
  if (op !== 'write' && isMissing(err)) {
    return new AppError(ErrorCode.NOT_FOUND, 'Object not found', { cause: err, details: { key } });
  }
  return new AppError(ErrorCode.STORAGE_UNAVAILABLE, `Local storage ${op} failed`, { retryable: true, cause: err, details: { key } });
}
