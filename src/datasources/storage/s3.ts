// S3-compatible driver (AWS, MinIO, Supabase Storage, s3rver in tests). Library errors stop here:
// callers see null/NOT_FOUND for missing objects and STORAGE_UNAVAILABLE (retryable) for the rest.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { AppError, ErrorCode, isAppError } from '../../errors.js';
import { assertValidContentType, assertValidKey, assertValidSize } from './keys.js';
import { writeFileAtomically } from './local.js';
import type { DownloadOptions, ObjectInfo, PresignUploadInput, SignedUpload, Storage } from './types.js';
import { etagVerifier, sourceChanged } from './etag.js';

/** SigV4 presigned URLs live at most 7 days. */
const MAX_EXPIRES_SECONDS = 7 * 24 * 3600;

export interface S3StorageOptions {
  bucket: string;
  region: string;
  /** Custom endpoint (MinIO, Supabase, s3rver); AWS when absent. */
  endpoint?: string;
  /** Endpoint clients reach, when it differs from ours (e.g. MinIO in Docker: http://localhost:9000). */
  publicEndpoint?: string;
  /** Static credentials; the SDK's default provider chain when absent. */
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
  /** (Default: 900) */
  uploadTtlSeconds?: number;
  /** (Default: 3600) */
  downloadTtlSeconds?: number;
}

export class S3Storage implements Storage {
  readonly driver = 's3' as const;
  readonly bucket: string;
  readonly client: S3Client;
  /** Signs URLs handed to clients; the same client unless a public endpoint is configured. */
  private readonly publicClient: S3Client;
  private readonly uploadTtl: number;
  private readonly downloadTtl: number;

  constructor(opts: S3StorageOptions) {
    this.bucket = opts.bucket;
    this.uploadTtl = opts.uploadTtlSeconds ?? 900;
    this.downloadTtl = opts.downloadTtlSeconds ?? 3600;
    const make = (endpoint: string | undefined) =>
      new S3Client({
        region: opts.region,
        endpoint,
        forcePathStyle: opts.forcePathStyle,
        credentials:
          opts.accessKeyId && opts.secretAccessKey ? { accessKeyId: opts.accessKeyId, secretAccessKey: opts.secretAccessKey } : undefined,
        // The default (WHEN_SUPPORTED) puts a CRC of an empty body into presigned PUT URLs, which S3 then
        // rejects, and breaks streamed uploads on s3rver (stack notes, S3).
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      });
    this.client = make(opts.endpoint);
    this.publicClient = opts.publicEndpoint ? make(opts.publicEndpoint) : this.client;
  }

  async readSource(key: string): Promise<string> {
    assertValidKey(key);
    return this.call('presign', key, () =>
      getSignedUrl(this.client, new GetObjectCommand({ Bucket: this.bucket, Key: key }), { expiresIn: 600 }),
    );
  }

  private ttl(seconds: number | undefined, fallback: number): number {
    const ttl = seconds ?? fallback;
    if (!Number.isInteger(ttl) || ttl < 1 || ttl > MAX_EXPIRES_SECONDS) {
      throw new AppError(ErrorCode.BAD_USER_INPUT, 'Invalid URL lifetime', { details: { expiresInSeconds: ttl } });
    }
    return ttl;
  }

  async presignUpload(input: PresignUploadInput): Promise<SignedUpload> {
    assertValidKey(input.key);
    assertValidContentType(input.contentType);
    assertValidSize(input.sizeBytes);
    const expiresIn = this.ttl(input.expiresInSeconds, this.uploadTtl);
    const command = new PutObjectCommand({
      Bucket: this.bucket,
      Key: input.key,
      ContentType: input.contentType,
      ContentLength: input.sizeBytes,
    });
    // Only `host` is signed by default, leaving type and size up to the client. Content-Length is
    // signed but not returned in `headers`: fetch forbids setting it and sends the body's length itself.
    const url = await this.call('presign', input.key, () =>
      getSignedUrl(this.publicClient, command, { expiresIn, signableHeaders: new Set(['content-type', 'content-length']) }),
    );
    return {
      url,
      method: 'PUT',
      headers: [{ name: 'Content-Type', value: input.contentType }],
      expiresAt: new Date(Date.now() + expiresIn * 1000),
    };
  }

  async presignDownload(key: string, expiresInSeconds?: number): Promise<string> {
    assertValidKey(key);
    const expiresIn = this.ttl(expiresInSeconds, this.downloadTtl);
    return this.call('presign', key, () =>
      getSignedUrl(this.publicClient, new GetObjectCommand({ Bucket: this.bucket, Key: key }), { expiresIn }),
    );
  }

  async head(key: string): Promise<ObjectInfo | null> {
    assertValidKey(key);
    try {
      const out = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { key, sizeBytes: out.ContentLength ?? 0, contentType: out.ContentType, etag: out.ETag };
    } catch (err) {
      if (isNotFound(err)) return null;
      throw translate(err, 'head', key);
    }
  }

  async downloadToFile(key: string, filePath: string, signal?: AbortSignal, opts: DownloadOptions = {}): Promise<void> {
    const body = await this.getBody(key, signal, opts.expectedEtag ?? undefined);
    await writeFileAtomically(filePath, body, signal, etagVerifier(key, opts.expectedEtag)).catch((err: unknown) => {
      throw translate(err, 'download', key);
    });
  }

  async uploadFile(key: string, filePath: string, contentType: string): Promise<void> {
    assertValidKey(key);
    assertValidContentType(contentType);
    // ContentLength up front lets the SDK stream the file in one PutObject (no multipart without
    // @aws-sdk/lib-storage; single PUTs go up to 5 GB).
    const { size } = await stat(filePath);
    await this.call('upload', key, () =>
      this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: createReadStream(filePath),
          ContentLength: size,
          ContentType: contentType,
        }),
      ),
    );
  }

  async putObject(key: string, body: Buffer | string, contentType: string): Promise<void> {
    assertValidKey(key);
    assertValidContentType(contentType);
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    await this.call('put', key, () =>
      this.client.send(
        new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: bytes, ContentLength: bytes.length, ContentType: contentType }),
      ),
    );
  }

  async getObjectStream(key: string): Promise<Readable> {
    return this.getBody(key);
  }

  async delete(key: string): Promise<void> {
    assertValidKey(key);
    await this.call('delete', key, () => this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key })));
  }

  /** Creates the bucket when missing (dev and tests; production buckets are provisioned). */
  async ensureBucket(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
      return;
    } catch (err) {
      if (!isNotFound(err)) throw translate(err, 'head bucket', this.bucket);
    }
    try {
      await this.client.send(new CreateBucketCommand({ Bucket: this.bucket }));
    } catch (err) {
      // Another process won the race.
      const name = (err as Error).name;
      if (name !== 'BucketAlreadyOwnedByYou' && name !== 'BucketAlreadyExists') throw translate(err, 'create bucket', this.bucket);
    }
  }

  /** Releases the SDK's sockets. */
  close(): void {
    this.client.destroy();
    if (this.publicClient !== this.client) this.publicClient.destroy();
  }

  private async getBody(key: string, signal?: AbortSignal, ifMatch?: string): Promise<Readable> {
    assertValidKey(key);
    let out;
    try {
      out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key, IfMatch: ifMatch }), { abortSignal: signal });
    } catch (err) {
      // If-Match failed: the object was overwritten since its ETag was recorded.
      const e = err as { name?: string; $metadata?: { httpStatusCode?: number } } | null;
      if (ifMatch && (e?.name === 'PreconditionFailed' || e?.$metadata?.httpStatusCode === 412))
        throw sourceChanged(key, ifMatch, undefined);
      throw translate(err, 'get', key);
    }
    if (!(out.Body instanceof Readable)) {
      throw new AppError(ErrorCode.STORAGE_UNAVAILABLE, 'S3 returned no body stream', { retryable: true, details: { key } });
    }
    return out.Body;
  }

  private async call<T>(op: string, key: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw translate(err, op, key);
    }
  }
}

function isNotFound(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } } | null;
  // A missing bucket is misconfiguration, not a missing object (HEAD cannot tell them apart: no body).
  if (e?.name === 'NoSuchBucket') return false;
  return e?.name === 'NotFound' || e?.name === 'NoSuchKey' || e?.$metadata?.httpStatusCode === 404;
}

function translate(err: unknown, op: string, key: string): AppError {
  if (isAppError(err)) return err;
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } } | null;
  if (e?.name === 'AbortError') return new AppError(ErrorCode.CANCELLED, `Storage ${op} aborted`, { cause: err, details: { key } });
  if (isNotFound(err)) return new AppError(ErrorCode.NOT_FOUND, 'Object not found', { cause: err, details: { key } });
  return new AppError(ErrorCode.STORAGE_UNAVAILABLE, `S3 ${op} failed`, {
    retryable: true,
    cause: err,
    details: { key, s3Error: e?.name, status: e?.$metadata?.httpStatusCode },
  });
}
