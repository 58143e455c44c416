// Picks the storage driver from config. Everything outside this folder depends on `Storage` only.
import type { Config } from '../../config.js';
import { LocalStorage } from './local.js';
import { S3Storage } from './s3.js';
import type { Storage } from './types.js';

export type { HttpHeader, ObjectInfo, PresignUploadInput, SignedUpload, Storage } from './types.js';
export { LocalStorage } from './local.js';
export { S3Storage } from './s3.js';
export { createLocalStorageHandler, type StorageHttpHandler } from './local-http.js';
export { assertValidKey, isValidKey } from './keys.js';

export interface CreateStorageOptions {
  /** Base URL of this API, read when signing local URLs (known only after listen). */
  publicBaseUrl: () => string;
  /** HMAC key for local signed URLs (config.storage.signingSecret, or the generated one). */
  signingSecret: string;
}

export function createStorage(config: Config, opts: CreateStorageOptions): Storage {
  const { storage } = config;
  if (storage.driver === 's3') {
    if (!storage.s3) throw new Error('storage.s3 settings are required for the s3 driver');
    return new S3Storage({
      ...storage.s3,
      uploadTtlSeconds: storage.uploadTtlSeconds,
      downloadTtlSeconds: storage.downloadTtlSeconds,
    });
  }
  return new LocalStorage({
    root: storage.localRoot,
    signingSecret: opts.signingSecret,
    publicBaseUrl: opts.publicBaseUrl,
    uploadTtlSeconds: storage.uploadTtlSeconds,
    downloadTtlSeconds: storage.downloadTtlSeconds,
  });
}

/** Creates the S3 bucket when missing (dev and tests); nothing to do for local disk. */
export async function ensureBucket(storage: Storage): Promise<void> {
  if (storage instanceof S3Storage) await storage.ensureBucket();
}
