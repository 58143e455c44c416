// One retry policy for every AI call. The SDKs' own retries are switched off (OpenAI maxRetries: 0;
// @google/genai retries only when given retryOptions, which we never pass) so that attempts, waits
// and the final error code are decided here, once.
import { AppError, ErrorCode, isAppError } from '../../errors.js';

export interface RetryOptions {
  /** Attempts after the first. (Default: 3) */
  retries?: number;
  /** First backoff step; doubles per attempt. (Default: 500 ms) */
  baseDelayMs?: number;
  /** Cap on one backoff wait. (Default: 20 s) */
  maxDelayMs?: number;
  /**
   * Longest Retry-After we are willing to sleep through; a longer one ends the attempts at once
   * (the error stays retryable, so the job queue can come back later). (Default: 60 s)
   */
  maxRetryAfterMs?: number;
  signal?: AbortSignal;
  /** (Default: AppErrors with `retryable: true`) */
  isRetryable?: (err: unknown) => boolean;
  /** Server-requested wait for this error, ms. (Default: AppError `details.retryAfterMs`) */
  retryAfterMs?: (err: unknown) => number | null;
  /** Called before each wait, e.g. to log. */
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
  /** Injected for tests. (Default: Math.random) */
  random?: () => number;
}

export const RETRY_DEFAULTS = { retries: 3, baseDelayMs: 500, maxDelayMs: 20_000, maxRetryAfterMs: 60_000 } as const;

/**
 * Runs `fn` until it succeeds, fails with a non-retryable error, or the attempts run out; then
 * rethrows the last error. Waits are exponential with "equal jitter" (half fixed, half random, so
 * concurrent callers spread out but never retry instantly) and never shorter than Retry-After.
 * An abort, before or during a wait, rejects with CANCELLED.
 */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, opts: RetryOptions = {}): Promise<T> {
  const retries = opts.retries ?? RETRY_DEFAULTS.retries;
  const base = opts.baseDelayMs ?? RETRY_DEFAULTS.baseDelayMs;
  const cap = opts.maxDelayMs ?? RETRY_DEFAULTS.maxDelayMs;
  const maxRetryAfter = opts.maxRetryAfterMs ?? RETRY_DEFAULTS.maxRetryAfterMs;
  const isRetryable = opts.isRetryable ?? ((e: unknown) => isAppError(e) && e.retryable);
  const retryAfterOf = opts.retryAfterMs ?? defaultRetryAfter;
  const random = opts.random ?? Math.random;

  for (let attempt = 0; ; attempt++) {
    throwIfAborted(opts.signal);
    try {
      return await fn(attempt);
    } catch (err) {
      if (opts.signal?.aborted) throw cancelled(opts.signal);
      if (attempt >= retries || !isRetryable(err)) throw err;
      const retryAfter = retryAfterOf(err);
      if (retryAfter !== null && retryAfter > maxRetryAfter) throw err;
      const delayMs = Math.max(backoffDelay(attempt, base, cap, random), retryAfter ?? 0);
      opts.onRetry?.({ attempt, delayMs, error: err });
      await sleep(delayMs, opts.signal);
    }
  }
}

/** Equal-jitter exponential backoff: a wait in [step/2, step], step = min(cap, base·2^attempt). */
export function backoffDelay(attempt: number, baseDelayMs: number, maxDelayMs: number, random: () => number = Math.random): number {
  const step = Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
  return Math.round(step / 2 + random() * (step / 2));
}

/**
 * Retry-After (RFC 9110 §10.2.3) as milliseconds from `now`: delay-seconds or an HTTP date. Also
 * reads OpenAI's non-standard `retry-after-ms`. Null when absent or unreadable.
 */
export function parseRetryAfter(headers: { get(name: string): string | null } | undefined | null, now = Date.now()): number | null {
  if (!headers) return null;
  const ms = headers.get('retry-after-ms');
  if (ms !== null && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.round(Number(ms));
  const value = headers.get('retry-after')?.trim();
  if (!value) return null;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** Resolves after `ms`, or rejects with CANCELLED as soon as the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelled(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelled(signal!));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function cancelled(signal: AbortSignal): AppError {
  return new AppError(ErrorCode.CANCELLED, 'AI call was cancelled', { cause: signal.reason });
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelled(signal);
}

/** HTTP statuses worth another try: timeout, conflict, rate limit, server errors (not 501). */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || (status >= 500 && status !== 501);
}

export interface ProviderFailure {
  /** HTTP status, null for transport failures (refused, reset, timed out). */
  status: number | null;
  /** From Retry-After, when the server sent one. */
  retryAfterMs?: number | null;
  timeout?: boolean;
  message?: string;
}

/** The one shape a provider failure leaves a datasource in: AI_PROVIDER_UNAVAILABLE with {provider, status}. */
export function providerUnavailable(provider: string, f: ProviderFailure, cause?: unknown): AppError {
  const retryable = f.status === null || isRetryableStatus(f.status);
  const what = f.timeout ? 'timed out' : f.status === null ? 'could not be reached' : `answered HTTP ${f.status}`;
  return new AppError(ErrorCode.AI_PROVIDER_UNAVAILABLE, `${provider} ${what}`, {
    retryable,
    cause,
    details: {
      provider,
      status: f.status,
      ...(f.timeout ? { reason: 'timeout' } : {}),
      ...(f.retryAfterMs != null ? { retryAfterMs: f.retryAfterMs } : {}),
    },
  });
}

function defaultRetryAfter(err: unknown): number | null {
  const v = isAppError(err) ? err.details?.retryAfterMs : undefined;
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
