// Behind a TLS proxy (TRUST_PROXY) in production: plain HTTP is redirected (GET) or refused (POST,
// WebSocket upgrade), HTTPS responses carry HSTS, probes stay reachable over plain HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ role: 'api', env: { TRUST_PROXY: 'true', HTTPS_ONLY: 'true', HSTS_MAX_AGE_SECONDS: '600', PUBLIC_URL: 'https://klike.example.com' }, skipSignUp: true });
});
afterAll(() => t?.stop());

const post = (proto: string) =>
  fetch(t.url, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/json', 'x-forwarded-proto': proto }, body: JSON.stringify({ query: '{ health { ok } }' }) });

describe('HTTPS behind a proxy', () => {
  it('redirects a plain-HTTP GET to https with 308', async () => {
    const res = await fetch(`${t.url}?query=%7Bhealth%7Bok%7D%7D`, { redirect: 'manual', headers: { 'x-forwarded-proto': 'http' } });
    expect(res.status).toBe(308);
    expect(res.headers.get('location')).toBe('https://klike.example.com/graphql?query=%7Bhealth%7Bok%7D%7D');
  });

  it('refuses a plain-HTTP POST with HTTPS_REQUIRED; serves HTTPS with HSTS', async () => {
    const plain = await post('http');
    expect(plain.status).toBe(403);
    expect(((await plain.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('HTTPS_REQUIRED');
    const secure = await post('https');
    expect(secure.headers.get('strict-transport-security')).toBe('max-age=600; includeSubDomains');
    expect(secure.status).not.toBe(403);
  });

  it('refuses a WebSocket upgrade that came over plain HTTP', async () => {
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(t.wsUrl, 'graphql-transport-ws', { headers: { 'x-forwarded-proto': 'http' } });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => (ws.close(), resolve(101)));
      ws.on('error', () => {});
    });
    expect(status).not.toBe(101);
  });

  it('leaves probes reachable over plain HTTP', async () => {
    expect((await fetch(`${new URL(t.url).origin}/healthz`)).status).toBe(200);
  });
});
