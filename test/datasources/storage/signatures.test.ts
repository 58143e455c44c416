// Signed URLs accept exactly the string the server wrote: the signature as unpadded base64url of
// its exact length in its one canonical spelling, the expiry (and size) as digits without a
// leading zero. Anything else is 403, on the app's real HTTP server: upload PUTs, object GETs and
// report links alike.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportLinks } from '../../../src/report/links.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { CreateVideoUploadDocument } from '../../generated/graphql.js';

const SECRET = 'signatures-test-secret-0123456789';
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ env: { STORAGE_SIGNING_SECRET: SECRET } });
});
afterAll(async () => {
  await t?.stop();
});

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function edit(url: string, name: string, change: (v: string) => string): string {
  const u = new URL(url);
  u.searchParams.set(name, change(u.searchParams.get(name)!));
  return u.toString();
}

/** Spellings of a genuine URL that decode to the same signature bytes or the same expiry. */
function variants(url: string): Record<string, string> {
  const sig = new URL(url).searchParams.get('sig')!;
  expect(sig).toMatch(/^[A-Za-z0-9_-]{43}$/);
  const last = B64URL.indexOf(sig.at(-1)!);
  const out: Record<string, string> = {
    'sig with "="': edit(url, 'sig', (s) => `${s}=`),
    'sig with "=="': edit(url, 'sig', (s) => `${s}==`),
    // 43 characters carry 258 bits: the last one's two low bits are padding, ignored by a lenient decoder.
    'sig with other padding bits': edit(url, 'sig', (s) => s.slice(0, -1) + B64URL[last ^ 1]),
    'sig with a space': edit(url, 'sig', (s) => `${s.slice(0, 20)} ${s.slice(20)}`),
    'sig cut short': edit(url, 'sig', (s) => s.slice(0, -1)),
    'sig in standard base64': edit(url, 'sig', (s) => s.replace(/-/g, '+').replace(/_/g, '/')),
    'exp with a leading zero': edit(url, 'exp', (e) => `0${e}`),
    'exp with a plus sign': edit(url, 'exp', (e) => `+${e}`),
  };
  if (!/[-_]/.test(sig)) delete out['sig in standard base64'];
  return out;
}

/** A fresh upload whose signature holds "-" or "_" (three in four do), so the standard-base64 spelling differs. */
async function uploadUrl(): Promise<{ url: string; headers: Record<string, string> }> {
  for (let i = 0; i < 30; i++) {
    const { createVideoUpload: up } = await t.ok(CreateVideoUploadDocument, { input: { filename: 'ad.mp4', contentType: 'video/mp4', sizeBytes: 4 } });
    if (/[-_]/.test(new URL(up.uploadUrl).searchParams.get('sig')!)) return { url: up.uploadUrl, headers: Object.fromEntries(up.uploadHeaders.map((h) => [h.name, h.value])) };
  }
  throw new Error('no signature with - or _ in 30 tries');
}

describe('canonical signed URLs', () => {
  it('upload PUT: only the URL as written is accepted', async () => {
    const { url, headers } = await uploadUrl();
    const cases = { ...variants(url), 'len with a leading zero': edit(url, 'len', (l) => `0${l}`) };
    for (const [what, bad] of Object.entries(cases)) {
      const res = await fetch(bad, { method: 'PUT', headers, body: 'abcd' });
      expect(res.status, what).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code, what).toBe('UPLOAD_URL_INVALID');
    }
    expect((await fetch(url, { method: 'PUT', headers, body: 'abcd' })).status).toBe(200);
  });

  it('object GET: only the URL as written is accepted', async () => {
    const key = `thumbs/${randomUUID()}/0001.jpg`;
    await t.app.storage.putObject(key, Buffer.from('jpeg'), 'image/jpeg');
    let url = '';
    for (let i = 0; i < 30 && !/[-_]/.test(new URL(url || 'http://x/?sig=').searchParams.get('sig')!); i++) url = await t.app.storage.presignDownload(key, 600 + i);
    for (const [what, bad] of Object.entries(variants(url))) {
      const res = await fetch(bad);
      expect(res.status, what).toBe(403);
    }
    expect((await fetch(url)).status).toBe(200);
  });

  it('report link: only the link as written is accepted', async () => {
    const base = new URL(t.url).origin;
    const links = new ReportLinks({ secret: SECRET, publicBaseUrl: () => base, ttlSeconds: 600 });
    const taskId = randomUUID();
    let url = '';
    for (let i = 0; i < 30 && !/[-_]/.test(new URL(url || 'http://x/?sig=').searchParams.get('sig')!); i++) url = links.url(taskId, 600 + i);
    for (const [what, bad] of Object.entries(variants(url))) expect((await fetch(bad)).status, what).toBe(403);
    // Genuine: past the signature, to "no finished result" for a task that does not exist.
    expect((await fetch(url)).status).toBe(404);
  });
});
