// Secrets never reach the logs: tokens, keys and signed URLs are redacted on the way out.
import { describe, expect, it, vi } from 'vitest';
import { createLogger, redact } from '../src/logger.js';

describe('logger redaction', () => {
  it('redacts bearer tokens, signed-URL signatures and secret-named fields', () => {
    const out = redact({
      url: 'http://localhost:4000/storage/upload/uploads/u/v/source.mp4?exp=1&ct=video%2Fmp4&len=3&sig=abcDEF123',
      s3: 'https://bucket.s3.amazonaws.com/k?X-Amz-Credential=AKIA%2F&X-Amz-Signature=deadbeef',
      header: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig',
      password: 'hunter2',
      nested: { apiKey: 'klk_0123456789ab_secret', fine: 'visible' },
    }) as Record<string, unknown>;
    const text = JSON.stringify(out);
    for (const secret of ['abcDEF123', 'deadbeef', 'AKIA', 'eyJhbGciOiJIUzI1NiJ9', 'hunter2', 'klk_0123456789ab_secret']) expect(text).not.toContain(secret);
    expect(text).toContain('visible');
    expect(text).toContain('exp=1');
  });

  it('applies to what is written', () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      createLogger('info').info('upload url ready', { uploadUrl: 'http://x/?sig=topsecret', token: 'Bearer abc.def.ghi' });
      const line = String(write.mock.calls[0]?.[0]);
      expect(line).not.toContain('topsecret');
      expect(line).not.toContain('abc.def.ghi');
      expect(JSON.parse(line).msg).toBe('upload url ready');
    } finally {
      write.mockRestore();
    }
  });
});

describe('logged errors', () => {
  it('carry their code, details and cause chain, down to the local system error', async () => {
    const { AppError, ErrorCode } = await import('../src/errors.js');
    const enoent = await import('node:fs/promises').then((fs) => fs.stat('/nonexistent/klike-video.mp4').then(() => null, (e: unknown) => e));
    const err = new AppError(ErrorCode.AI_PROVIDER_UNAVAILABLE, 'gemini could not be reached', { retryable: true, cause: new TypeError('wrapped', { cause: enoent }), details: { provider: 'gemini', status: null } });
    const out = redact({ error: err }) as { error: Record<string, any> };
    expect(out.error).toMatchObject({
      name: 'AppError',
      code: 'AI_PROVIDER_UNAVAILABLE',
      details: { provider: 'gemini', status: null },
      cause: { name: 'TypeError', message: 'wrapped', cause: { code: 'ENOENT', syscall: 'stat', path: '/nonexistent/klike-video.mp4' } },
    });
  });

  it('redact secrets in causes too, and stop at a cycle', () => {
    const a = new Error('outer') as Error & { cause?: unknown };
    const b = new Error('GET http://x/?sig=topsecret failed', { cause: a });
    a.cause = b;
    const text = JSON.stringify(redact(b));
    expect(text).not.toContain('topsecret');
    expect(text).toContain('cause chain too deep');
  });
});
