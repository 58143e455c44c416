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
