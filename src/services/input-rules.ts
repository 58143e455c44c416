// The input rules of the domain, in one place: what a filename, a title, a declared size, a content
// type, a language tag, an idempotency key, an email, a password or an API-key name must be, and the
// analysis options. Each rule returns the normalised value or throws with its stable code
// (BAD_USER_INPUT naming the argument, UNSUPPORTED_MEDIA, UPLOAD_TOO_LARGE). Services call these;
// the generic text guard every string argument passes first is src/resolvers/input-guard.ts.
import { AppError, ErrorCode, badInput } from '../errors.js';
import { Audience, Platform, type AnalysisOptions } from '../domain/model.js';

/** A file's name as the user gave it (shown, never used in a storage key): trimmed, 1–255 characters, no control character. */
export function filename(raw: string): string {
  const name = raw.trim();
  if (!name || name.length > 255 || /[\u0000-\u001f]/.test(name))
    throw badInput('filename must be 1–255 printable characters', { argument: 'filename' });
  return name;
}

/** An optional video title: at most 300 characters; blank is none. */
export function title(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  if (raw.length > 300) throw badInput('title must be at most 300 characters', { argument: 'title' });
  return raw.trim() || null;
}

/**
 * A content type from `accepted` (case and surrounding spaces ignored), else UNSUPPORTED_MEDIA.
 * `what` ends the message for other kinds of upload (e.g. "for captions").
 */
export function contentType(raw: string, accepted: readonly string[], what = ''): string {
  const type = raw.trim().toLowerCase();
  if (!accepted.includes(type)) {
    const message = `content type ${type} is not accepted${what ? ` ${what}` : ''}`;
    throw new AppError(ErrorCode.UNSUPPORTED_MEDIA, message, { details: { accepted: [...accepted] } });
  }
  return type;
}

/** A declared upload size: a positive integer (BAD_USER_INPUT), at most `maxBytes` (UPLOAD_TOO_LARGE; `limit` names it in the message). */
export function declaredSize(sizeBytes: number, maxBytes: number, limit = 'the limit'): number {
  if (!Number.isInteger(sizeBytes) || sizeBytes <= 0) throw badInput('sizeBytes must be a positive integer', { argument: 'sizeBytes' });
  if (sizeBytes > maxBytes) {
    throw new AppError(ErrorCode.UPLOAD_TOO_LARGE, `sizeBytes exceeds ${limit} of ${maxBytes} bytes`, { details: { maxBytes } });
  }
  return sizeBytes;
}

/** A BCP-47-ish language tag such as "en" or "pt-BR"; null or blank is none. */
export function languageTag(raw: string | null | undefined): string | null {
  if (raw == null || raw === '') return null;
  if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/.test(raw))
    throw badInput('language must be a language tag such as "en" or "pt-BR"', { argument: 'language' });
  return raw;
}

/** A client's idempotency key: 1–255 printable ASCII characters without spaces; null is none. */
export function idempotencyKey(key: string | null | undefined): string | null {
  if (key == null) return null;
  if (!/^[\x21-\x7e]{1,255}$/.test(key))
    throw badInput('idempotencyKey must be 1–255 printable ASCII characters without spaces', { argument: 'idempotencyKey' });
  return key;
}

/** A position in a task's event log to resume after: a non-negative integer; null is the start. */
export function afterSequence(n: number | null | undefined): number | null {
  if (n == null) return null;
  if (!Number.isInteger(n) || n < 0) throw new AppError(ErrorCode.BAD_USER_INPUT, 'afterSequence must be a non-negative integer');
  return n;
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{2,}$/;

/** An email address for an account: trimmed and lower-cased. */
export function email(raw: string): string {
  const address = normalEmail(raw);
  if (!EMAIL.test(address)) throw badInput('email is not a valid address', { argument: 'email' });
  return address;
}

/** How an email is compared (signing in checks nothing else: an unknown address simply fails). */
export const normalEmail = (raw: string): string => raw.trim().toLowerCase();

/** A new password: 8–128 characters. */
export function password(raw: string): string {
  if (raw.length < 8 || raw.length > 128) throw badInput('password must be 8–128 characters', { argument: 'password' });
  return raw;
}

/** An API key's name: trimmed, 1–100 characters. */
export function apiKeyName(raw: string): string {
  const name = raw.trim();
  if (!name || name.length > 100) throw badInput('name must be 1–100 characters', { argument: 'name' });
  return name;
}

/** A page window over a list held in memory: `first` in 0–max (default `def`), `offset` ≥ 0 (default 0). */
export function pageWindow(
  first: number | null | undefined,
  offset: number | null | undefined,
  page: { default: number; max: number },
): { first: number; offset: number } {
  const n = first ?? page.default;
  if (!Number.isInteger(n) || n < 0 || n > page.max) throw badInput(`first must be 0–${page.max}`, { argument: 'first', max: page.max });
  const from = offset ?? 0;
  if (!Number.isInteger(from) || from < 0) throw badInput('offset must be ≥ 0', { argument: 'offset' });
  return { first: n, offset: from };
}

/** Normalises analysis options: de-duplicated lists, a language tag, a bounded objective and brand name. */
export function validateAnalysisOptions(input: AnalysisOptions | null | undefined): AnalysisOptions {
  const out: AnalysisOptions = {};
  if (!input) return out;
  if (input.platforms?.length) {
    for (const p of input.platforms) {
      if (!Object.values(Platform).includes(p)) throw badInput(`unknown platform ${p}`, { argument: 'platforms' });
    }
    out.platforms = [...new Set(input.platforms)];
  }
  if (input.audiences?.length) {
    for (const a of input.audiences) {
      if (!Object.values(Audience).includes(a)) throw badInput(`unknown audience ${a}`, { argument: 'audiences' });
    }
    out.audiences = [...new Set(input.audiences)];
  }
  const language = languageTag(input.language);
  if (language) out.language = language;
  if (input.objective != null && input.objective.trim() !== '') {
    if (input.objective.length > 500) throw badInput('objective must be at most 500 characters', { argument: 'objective' });
    out.objective = input.objective.trim();
  }
  if (input.brand != null && input.brand.trim() !== '') {
    const brand = input.brand.trim().replace(/\s+/g, ' ');
    // A name as spoken (it is matched against the transcript): letters, digits, spaces and a few marks.
    if (brand.length > 60) throw badInput('brand must be at most 60 characters', { argument: 'brand' });
    if (!/^[\p{L}\p{N}][\p{L}\p{N} '&.\-]*$/u.test(brand))
      throw badInput("brand must be a name of letters, digits, spaces, and ' & . -", { argument: 'brand' });
    out.brand = brand;
  }
  return out;
}
