// Checking that downloaded bytes are the ones confirmed: the ETag recorded at confirm against the
// MD5 of what arrives (S3's ETag for a single-part upload, and the local driver's, is the quoted hex
// MD5; a multipart ETag, "<hex>-<parts>", cannot be recomputed here and is left to S3's If-Match).
import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';
import { AppError, ErrorCode } from '../../errors.js';

const MD5_ETAG = /^"?([0-9a-f]{32})"?$/i;

export function sourceChanged(key: string, expected: string, actual: string | undefined): AppError {
  return new AppError(ErrorCode.SOURCE_CHANGED, 'The stored upload is not the one that was confirmed: it was replaced after confirm', {
    details: { key, expectedEtag: expected, actualEtag: actual ?? null },
  });
}

/** A pass-through that hashes what flows and, at `check()`, throws SOURCE_CHANGED on a mismatch. */
export interface EtagVerifier {
  stream: Transform;
  check(): void;
}

/** null when there is nothing to compare (no recorded ETag, or a multipart one). */
export function etagVerifier(key: string, expected: string | null | undefined): EtagVerifier | null {
  const m = expected ? MD5_ETAG.exec(expected) : null;
  if (!m) return null;
  const hash = createHash('md5');
  const stream = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  return {
    stream,
    check() {
      const actual = hash.digest('hex');
      if (actual !== m[1]!.toLowerCase()) throw sourceChanged(key, expected!, `"${actual}"`);
    },
  };
}
