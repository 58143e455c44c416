// One storage contract, two drivers (local disk, S3-compatible). Clients only ever see signed URLs,
// so switching drivers changes nothing for them.
import type { Readable } from 'node:stream';

export interface HttpHeader {
  name: string;
  value: string;
}

export interface SignedUpload {
  url: string;
  method: 'PUT';
  /** Headers the client must send with the PUT; they are part of the signature. */
  headers: HttpHeader[];
  expiresAt: Date;
}

export interface ObjectInfo {
  key: string;
  sizeBytes: number;
  contentType: string | undefined;
  /** Quoted ETag as S3 gives it (single-part: the hex MD5 of the bytes); the local driver stores the same. */
  etag?: string;
}

export interface DownloadOptions {
  /**
   * The ETag the bytes must still have (recorded at confirm). The download fails with
   * SOURCE_CHANGED when they differ: S3 is asked with If-Match, and for an MD5 ETag the bytes
   * written are hashed on the way and compared (both drivers).
   */
  expectedEtag?: string | null;
}

export interface PresignUploadInput {
  key: string;
  contentType: string;
  sizeBytes: number;
  expiresInSeconds?: number;
}

export interface Storage {
  readonly driver: 'local' | 's3';
  presignUpload(input: PresignUploadInput): Promise<SignedUpload>;
  /** A time-limited URL to read the object (thumbnails, exports). */
  presignDownload(key: string, expiresInSeconds?: number): Promise<string>;
  /** null when the object does not exist. */
  head(key: string): Promise<ObjectInfo | null>;
  /** Streams the object to a local file; never buffers it whole. */
  downloadToFile(key: string, filePath: string, signal?: AbortSignal, opts?: DownloadOptions): Promise<void>;
  /** Stores a local file under key (overwrites: stage outputs are idempotent by key). */
  uploadFile(key: string, filePath: string, contentType: string): Promise<void>;
  putObject(key: string, body: Buffer | string, contentType: string): Promise<void>;
  getObjectStream(key: string): Promise<Readable>;
  delete(key: string): Promise<void>;
  /**
   * Where server-side tools (ffprobe) can read the object: a local path for the local driver, a
   * short-lived presigned GET on the internal endpoint for S3 (never the public one).
   */
  readSource(key: string): Promise<string>;
}
