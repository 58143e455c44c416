// Object keys are built by our services (`uploads/<uuid>/source.mp4`), yet the local driver maps them
// onto the filesystem and the HTTP handler reads them from request paths, so they are checked strictly.
import { AppError, ErrorCode } from '../../errors.js';

const KEY_CHARS = /^[A-Za-z0-9._/-]+$/;
/** S3's own limit on key length (UTF-8 bytes; ours are ASCII). */
const MAX_KEY_LENGTH = 1024;

export function isValidKey(key: unknown): key is string {
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_KEY_LENGTH) return false;
  if (!KEY_CHARS.test(key)) return false;
  // Rejects absolute paths (leading empty segment), `a//b`, trailing `/`, `.`/`..`, and dot-files,
  // which also keeps keys clear of the local driver's own bookkeeping names.
  return key.split('/').every((segment) => segment.length > 0 && !segment.startsWith('.'));
}

export function assertValidKey(key: unknown): asserts key is string {
  if (!isValidKey(key)) {
    throw new AppError(ErrorCode.BAD_USER_INPUT, 'Invalid storage key', { details: { key: String(key).slice(0, 200) } });
  }
}

const CONTENT_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;

/** A bare media type (`video/mp4`), lower-case, no parameters: it is signed and compared byte for byte. */
export function assertValidContentType(contentType: unknown): asserts contentType is string {
  if (typeof contentType !== 'string' || !CONTENT_TYPE.test(contentType)) {
    throw new AppError(ErrorCode.BAD_USER_INPUT, 'Invalid content type', { details: { contentType: String(contentType).slice(0, 200) } });
  }
}

export function assertValidSize(sizeBytes: unknown): asserts sizeBytes is number {
  if (typeof sizeBytes !== 'number' || !Number.isSafeInteger(sizeBytes) || sizeBytes < 0) {
    throw new AppError(ErrorCode.BAD_USER_INPUT, 'Invalid object size', { details: { sizeBytes } });
  }
}
