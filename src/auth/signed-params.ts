// Strict parsing of the parameters of our signed URLs (local storage uploads and downloads, report
// links): a URL is valid only as the server wrote it, so there is exactly one spelling of each
// signed URL (no padding, no alternative alphabet or trailing bits, no leading zeros) and caches,
// logs and revocation lists that key on the URL cannot be sidestepped by re-spelling it.
import { timingSafeEqual } from 'node:crypto';

/** Unix seconds as the server writes them: decimal digits, no sign, no leading zero, at most 12. */
export function parseCanonicalUnixSeconds(s: string | null | undefined): number | null {
  return typeof s === 'string' && /^(?:0|[1-9]\d{0,11})$/.test(s) ? Number(s) : null;
}

/** A non-negative integer as the server writes it (String(n)): no sign, no leading zero, at most `maxDigits`. */
export function isCanonicalUint(s: string, maxDigits: number): boolean {
  return new RegExp(`^(?:0|[1-9]\\d{0,${maxDigits - 1}})$`).test(s);
}

/** An HMAC-SHA256 digest as unpadded base64url: 43 characters. */
const SHA256_B64URL = /^[A-Za-z0-9_-]{43}$/;

/**
 * Whether `given` is exactly `expected` (both unpadded base64url of an HMAC-SHA256), compared in
 * constant time. The strings are compared, not their decoded bytes: "…=", "+"/"/" for "-"/"_", or
 * other trailing bits in the last character decode to the same bytes and are refused.
 */
export function signatureEquals(expected: string, given: string | null | undefined): boolean {
  if (typeof given !== 'string' || !SHA256_B64URL.test(given) || !SHA256_B64URL.test(expected)) return false;
  return timingSafeEqual(Buffer.from(given, 'ascii'), Buffer.from(expected, 'ascii'));
}
