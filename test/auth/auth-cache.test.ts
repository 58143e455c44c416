// What a replica caches about credentials, and the stated bound: the replica that revokes a key
// refuses it at once, another replica within AUTH_CACHE_SECONDS (clock moved, not slept).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { codes, startTestApp, type TestApp } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/db.js';
import { CreateApiKeyDocument, MeDocument, RevokeApiKeyDocument } from '../generated/graphql.js';

let a: TestApp;
let b: TestApp;
let db: { url: string; drop: () => Promise<void> };
beforeAll(async () => {
  db = await createTestDatabase();
  a = await startTestApp({ role: 'api', db, env: { AUTH_CACHE_SECONDS: '5' } });
  b = await startTestApp({ role: 'api', db, env: { AUTH_CACHE_SECONDS: '5' }, skipSignUp: true });
});
afterAll(async () => {
  await b?.stop();
  await a?.stop();
  await db?.drop();
});

describe('credential cache across replicas', () => {
  it('a revoked API key: refused at once where revoked, within AUTH_CACHE_SECONDS on another replica', async () => {
    const created = await a.ok(CreateApiKeyDocument, { name: 'replicas' });
    const key = { authorization: `Bearer ${created.createApiKey.key}` };
    expect((await b.gql(MeDocument, {}, key)).data?.me?.id).toBe(a.userId);
    expect((await a.gql(MeDocument, {}, key)).data?.me?.id).toBe(a.userId);
    await a.ok(RevokeApiKeyDocument, { id: created.createApiKey.apiKey.id });
    expect(codes(await a.gql(MeDocument, {}, key))).toEqual(['UNAUTHENTICATED']);
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    try {
      vi.setSystemTime(Date.now() + 5_001);
      expect(codes(await b.gql(MeDocument, {}, key))).toEqual(['UNAUTHENTICATED']);
    } finally {
      vi.useRealTimers();
    }
  });
});
