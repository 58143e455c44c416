// Hostile input is rejected cheaply with a code, and limits trip and recover.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { codes, startTestApp, type TestApp } from '../helpers/app.js';
import { CreateVideoUploadDocument, SignInDocument } from '../generated/graphql.js';

let t: TestApp;
beforeAll(async () => {
  // A window far longer than any test step, so no budget resets by itself mid-test; the recovery
  // test moves the clock past it instead of sleeping.
  t = await startTestApp({ role: 'api', env: { AUTH_RATE_LIMIT_PER_MINUTE: '3', RATE_LIMIT_WINDOW_SECONDS: '60' } });
});
afterAll(() => t?.stop());

async function post(body: string, headers: Record<string, string> = {}) {
  const res = await fetch(t.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${t.token}`, ...headers }, body });
  const text = await res.text();
  let json: { errors?: { extensions?: { code?: string; retryAfterSeconds?: number } }[]; data?: unknown } = {};
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, json, headers: res.headers };
}

describe('rate limits', () => {
  it('signIn trips after its budget with RATE_LIMITED and retry-after, then recovers', async () => {
    const attempt = () => t.gql(SignInDocument, { input: { email: 'x@example.com', password: 'wrong-password' } }, { authorization: '' });
    // The sign-up in setup used one of the three.
    expect(codes(await attempt())).toEqual(['UNAUTHENTICATED']);
    expect(codes(await attempt())).toEqual(['UNAUTHENTICATED']);
    const limited = await attempt();
    expect(codes(limited)).toEqual(['RATE_LIMITED']);
    const retryAfter = (limited.errors![0]!.extensions as { retryAfterSeconds: number }).retryAfterSeconds;
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // The limiter (in this process) reads Date.now(): move it past the retry-after instead of sleeping.
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    try {
      vi.setSystemTime(Date.now() + retryAfter * 1000 + 1);
      expect(codes(await attempt())).toEqual(['UNAUTHENTICATED']);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('query shape limits', () => {
  it('rejects a query deeper than the limit', async () => {
    let sel = 'id';
    for (let i = 0; i < 8; i++) sel = `tasks { video { ${sel} } }`;
    const r = await post(JSON.stringify({ query: `{ videos { edges { node { ${sel} } } } }` }));
    expect(r.status).toBe(400);
    expect(r.json.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('rejects an alias bomb', async () => {
    const aliases = Array.from({ length: 200 }, (_, i) => `a${i}: health { ok }`).join(' ');
    const r = await post(JSON.stringify({ query: `{ ${aliases} }` }));
    expect(r.status).toBe(400);
    expect(r.json.data).toBeUndefined();
  });

  it('rejects a query with too many tokens before validating it', async () => {
    const r = await post(JSON.stringify({ query: `{ ${'__typename '.repeat(5000)} }` }));
    expect(r.status).toBe(400);
    expect(r.json.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('rejects an oversized body with 413 without reading it all', async () => {
    const r = await post(JSON.stringify({ query: '{ health { ok } }', variables: { pad: 'x'.repeat(2_000_000) } }));
    expect(r.status).toBe(413);
    expect(r.json.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses batched requests', async () => {
    const r = await post(JSON.stringify([{ query: '{ health { ok } }' }, { query: '{ health { ok } }' }]));
    expect(r.status).toBe(400);
  });

  it('CSRF: a simple (non-preflighted) GET or text/plain POST is refused', async () => {
    const r = await post(JSON.stringify({ query: '{ health { ok } }' }), { 'content-type': 'text/plain' });
    expect(r.status).toBe(400);
  });

  it('sends security headers and grants CORS only to allowed origins', async () => {
    const r = await post(JSON.stringify({ query: '{ health { ok } }' }), { origin: 'https://evil.example' });
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('x-frame-options')).toBe('DENY');
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('hostile filenames', () => {
  it('path traversal in a filename never reaches the storage key', async () => {
    for (const filename of ['../../etc/passwd', '..\\..\\windows\\system.ini', '/absolute.mp4', 'a/../../b.mp4', '%2e%2e%2fescape.mp4']) {
      const r = await t.ok(CreateVideoUploadDocument, { input: { filename, contentType: 'video/mp4', sizeBytes: 10 } });
      const key = decodeURIComponent(new URL(r.createVideoUpload.uploadUrl).pathname);
      expect(key).toMatch(new RegExp(`^/storage/upload/uploads/${t.userId}/[0-9a-f-]{36}/source\\.mp4$`));
      expect(r.createVideoUpload.video.filename).toBe(filename);
    }
    expect(codes(await t.gql(CreateVideoUploadDocument, { input: { filename: 'a\u0000b.mp4', contentType: 'video/mp4', sizeBytes: 10 } }))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('client address behind a reverse proxy', () => {
  it('with TRUST_PROXY, limits count per forwarded client; without it the header is ignored', async () => {
    const proxied = await startTestApp({ role: 'api', env: { AUTH_RATE_LIMIT_PER_MINUTE: '2', TRUST_PROXY: 'true' }, skipSignUp: true });
    try {
      const signIn = (forwardedFor: string) =>
        proxied.gql(SignInDocument, { input: { email: 'x@example.com', password: 'wrong-password' } }, { authorization: '', 'x-forwarded-for': forwardedFor });
      expect(codes(await signIn('spoofed, 203.0.113.7'))).toEqual(['UNAUTHENTICATED']);
      expect(codes(await signIn('other, 203.0.113.7'))).toEqual(['UNAUTHENTICATED']);
      expect(codes(await signIn('203.0.113.7'))).toEqual(['RATE_LIMITED']);
      // Another client behind the same proxy has its own budget.
      expect(codes(await signIn('203.0.113.8'))).toEqual(['UNAUTHENTICATED']);
    } finally {
      await proxied.stop();
    }
    // The untrusting app ignores the header: four tries against a budget of three in one 60 s
    // window end limited, whatever the earlier tests left in the window.
    let last: unknown[] = [];
    for (let i = 0; i < 4; i++) last = codes(await t.gql(SignInDocument, { input: { email: 'x@example.com', password: 'wrong-password' } }, { authorization: '', 'x-forwarded-for': `198.51.100.${i}` }));
    expect(last).toEqual(['RATE_LIMITED']);
  });
});
