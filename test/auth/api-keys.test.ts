// API keys are managed only from a signed-in session: a key cannot mint keys that outlive it, list
// them, or revoke them (FORBIDDEN), over HTTP and WebSocket alike.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { print } from 'graphql';
import { codes, startTestApp, type TestApp } from '../helpers/app.js';
import { ApiKeysDocument, CreateApiKeyDocument, MeDocument, RevokeApiKeyDocument } from '../generated/graphql.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ role: 'api' });
});
afterAll(() => t?.stop());

describe('API key management', () => {
  it('with an API key: creating, listing and revoking keys is FORBIDDEN, and no key is minted', async () => {
    const first = (await t.ok(CreateApiKeyDocument, { name: 'server' })).createApiKey;
    const spare = (await t.ok(CreateApiKeyDocument, { name: 'spare' })).createApiKey;
    const withKey = { authorization: `Bearer ${first.key}` };
    // The key works for ordinary calls…
    expect((await t.gql(MeDocument, {}, withKey)).data?.me.id).toBe(t.userId);
    // …but not for managing keys.
    const minted = await t.gql(CreateApiKeyDocument, { name: 'outlives me' }, withKey);
    expect(codes(minted)).toEqual(['FORBIDDEN']);
    expect(minted.data ?? null).toBeNull();
    expect(codes(await t.gql(ApiKeysDocument, {}, withKey))).toEqual(['FORBIDDEN']);
    expect(codes(await t.gql(RevokeApiKeyDocument, { id: spare.apiKey.id }, withKey))).toEqual(['FORBIDDEN']);
    expect(codes(await t.gql(RevokeApiKeyDocument, { id: first.apiKey.id }, withKey))).toEqual(['FORBIDDEN']);
    // From the session: exactly the two keys, both still live.
    const keys = (await t.ok(ApiKeysDocument)).apiKeys;
    expect(keys.map((k) => k.id).sort()).toEqual([first.apiKey.id, spare.apiKey.id].sort());
    expect(keys.every((k) => k.revokedAt === null)).toBe(true);
  });

  it('over WebSocket too', async () => {
    const key = (await t.ok(CreateApiKeyDocument, { name: 'ws' })).createApiKey.key;
    const client = t.ws({ authorization: `Bearer ${key}` });
    const code = await new Promise<unknown>((resolve) =>
      client.subscribe({ query: print(CreateApiKeyDocument), variables: { name: 'via socket' } }, {
        next: (r) => resolve(r.errors ? r.errors[0]!.extensions?.code : 'minted'),
        error: (e) => resolve(Array.isArray(e) ? e[0]?.extensions?.code : 'closed'),
        complete: () => {},
      }),
    );
    expect(code).toBe('FORBIDDEN');
  });

  it('from a session: still allowed', async () => {
    const { createApiKey } = await t.ok(CreateApiKeyDocument, { name: 'from session' });
    expect((await t.ok(RevokeApiKeyDocument, { id: createApiKey.apiKey.id })).revokeApiKey.revokedAt).not.toBeNull();
  });
});
