// The retry policy on its own: Retry-After parsing, backoff bounds, when it stops, and abort.
import { describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../../../src/errors.js';
import { backoffDelay, parseRetryAfter, providerUnavailable, sleep, withRetry } from '../../../src/datasources/ai/retry.js';

const headers = (h: Record<string, string>) => new Headers(h);
const flaky = (status: number, retryAfterMs?: number) => providerUnavailable('test', { status, retryAfterMs });

describe('parseRetryAfter', () => {
  it('reads delay-seconds, an HTTP date and retry-after-ms', () => {
    const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
    expect(parseRetryAfter(headers({ 'retry-after': '3' }), now)).toBe(3000);
    expect(parseRetryAfter(headers({ 'retry-after': 'Wed, 21 Oct 2015 07:28:05 GMT' }), now)).toBe(5000);
    expect(parseRetryAfter(headers({ 'retry-after': 'Wed, 21 Oct 2015 07:27:00 GMT' }), now)).toBe(0);
    expect(parseRetryAfter(headers({ 'retry-after-ms': '250', 'retry-after': '3' }), now)).toBe(250);
  });

  it('is null when absent or unreadable', () => {
    expect(parseRetryAfter(headers({}))).toBeNull();
    expect(parseRetryAfter(headers({ 'retry-after': 'soon' }))).toBeNull();
    expect(parseRetryAfter(undefined)).toBeNull();
  });
});

describe('backoffDelay', () => {
  it('doubles per attempt within [step/2, step] and stops at the cap', () => {
    expect(backoffDelay(0, 100, 10_000, () => 0)).toBe(50);
    expect(backoffDelay(0, 100, 10_000, () => 1)).toBe(100);
    expect(backoffDelay(3, 100, 10_000, () => 1)).toBe(800);
    expect(backoffDelay(20, 100, 1000, () => 1)).toBe(1000);
    expect(backoffDelay(20, 100, 1000, () => 0)).toBe(500);
  });
});

describe('withRetry', () => {
  it('retries retryable errors and returns the first success', async () => {
    let calls = 0;
    const out = await withRetry(async () => {
      if (++calls < 3) throw flaky(503);
      return 'ok';
    }, { retries: 3, baseDelayMs: 1, maxDelayMs: 2 });
    expect(out).toBe('ok');
    expect(calls).toBe(3);
  });

  it('gives up after the bound with the last error', async () => {
    let calls = 0;
    const err = await withRetry(async () => {
      calls++;
      throw flaky(500);
    }, { retries: 2, baseDelayMs: 1, maxDelayMs: 2 }).catch((e) => e);
    expect(calls).toBe(3);
    expect(err).toMatchObject({ code: ErrorCode.AI_PROVIDER_UNAVAILABLE, retryable: true, details: { provider: 'test', status: 500 } });
  });

  it('does not retry what is not retryable (a 400, a plain Error)', async () => {
    let calls = 0;
    await expect(withRetry(async () => {
      calls++;
      throw flaky(400);
    }, { retries: 3, baseDelayMs: 1 })).rejects.toMatchObject({ details: { status: 400 }, retryable: false });
    await expect(withRetry(async () => {
      calls++;
      throw new Error('bug');
    }, { retries: 3, baseDelayMs: 1 })).rejects.toThrow('bug');
    expect(calls).toBe(2);
  });

  it('waits at least Retry-After, and stops at once when Retry-After is beyond maxRetryAfterMs', async () => {
    let calls = 0;
    const t0 = Date.now();
    await withRetry(async () => {
      if (++calls === 1) throw flaky(429, 300);
    }, { retries: 1, baseDelayMs: 1, maxDelayMs: 2 });
    // Timers may fire a millisecond or two early against Date.now(); without the wait this would be ~0.
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);

    calls = 0;
    await expect(withRetry(async () => {
      calls++;
      throw flaky(429, 120_000);
    }, { retries: 3, baseDelayMs: 1, maxRetryAfterMs: 60_000 })).rejects.toMatchObject({ details: { retryAfterMs: 120_000 } });
    expect(calls).toBe(1);
  });

  it('turns an abort during the wait into CANCELLED, promptly', async () => {
    const ctl = new AbortController();
    const t0 = Date.now();
    setTimeout(() => ctl.abort(), 50);
    const err = await withRetry(async () => {
      throw flaky(503, 5000);
    }, { retries: 3, signal: ctl.signal }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe(ErrorCode.CANCELLED);
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('does not start when already aborted', async () => {
    let calls = 0;
    await expect(withRetry(async () => calls++, { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: ErrorCode.CANCELLED });
    expect(calls).toBe(0);
    await expect(sleep(10, AbortSignal.abort())).rejects.toMatchObject({ code: ErrorCode.CANCELLED });
  });
});
