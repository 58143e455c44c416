// Credentials (local mode): what verifies, what does not, and what a revoked or reused secret gets.
// Supabase mode: test/auth/supabase.test.ts.
import { randomUUID } from 'node:crypto';
import { SignJWT, UnsecuredJWT } from 'jose';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, startTestApp, type TestApp } from '../helpers/app.js';
import { ApiKeysDocument, CreateApiKeyDocument, MeDocument, RefreshTokenDocument, RevokeApiKeyDocument, SignInDocument, SignOutDocument, SignUpDocument } from '../generated/graphql.js';

const SECRET = 'test-secret-that-is-long-enough-0123456789';
const key = new TextEncoder().encode(SECRET);

async function me(t: TestApp, bearer: string) {
  const res = await fetch(t.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` }, body: JSON.stringify({ query: '{ me { id email } }' }) });
  return { status: res.status, body: (await res.json()) as { data?: { me: { id: string; email: string } }; errors?: { extensions: { code: string; reason?: string } }[] } };
}

describe('local mode', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ role: 'api', env: { JWT_SECRET: SECRET } });
  });
  afterAll(() => t?.stop());

  const sign = (claims: { sub?: string; iss?: string; aud?: string; exp?: number }, k = key) =>
    new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.sub ?? t.userId)
      .setIssuer(claims.iss ?? 'klike')
      .setAudience(claims.aud ?? 'klike-api')
      .setIssuedAt()
      .setExpirationTime(claims.exp ?? Math.floor(Date.now() / 1000) + 60)
      .sign(k);

  it('accepts a valid token and answers 401 UNAUTHENTICATED for bad ones', async () => {
    expect((await me(t, await sign({}))).body.data?.me.id).toBe(t.userId);
    const bad = {
      expired: await sign({ exp: Math.floor(Date.now() / 1000) - 10 }),
      wrongSignature: await sign({}, new TextEncoder().encode('another-secret-that-is-long-enough-000000')),
      algNone: new UnsecuredJWT({}).setSubject(t.userId).setIssuer('klike').setAudience('klike-api').setExpirationTime('1m').encode(),
      wrongAudience: await sign({ aud: 'someone-else' }),
      wrongIssuer: await sign({ iss: 'evil' }),
      unknownUser: await sign({ sub: randomUUID() }),
      garbage: 'not.a.jwt',
    };
    for (const [name, token] of Object.entries(bad)) {
      const r = await me(t, token);
      expect({ name, status: r.status, code: r.body.errors?.[0]?.extensions.code }).toEqual({ name, status: 401, code: 'UNAUTHENTICATED' });
    }
    expect((await me(t, bad.expired)).body.errors?.[0]?.extensions.reason).toBe('expired');
  });

  it('signIn checks the password; the refresh token rotates and a reused one revokes the session', async () => {
    const email = `r-${randomUUID()}@example.com`;
    await t.gql(SignUpDocument, { input: { email, password: 'correct horse battery' } }, { authorization: '' });
    expect(codes(await t.gql(SignInDocument, { input: { email, password: 'wrong password!' } }, { authorization: '' }))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await t.gql(SignInDocument, { input: { email: 'nobody@example.com', password: 'whatever123' } }, { authorization: '' }))).toEqual(['UNAUTHENTICATED']);
    const s = (await t.gql(SignInDocument, { input: { email: email.toUpperCase(), password: 'correct horse battery' } }, { authorization: '' })).data!.signIn;
    const r1 = (await t.gql(RefreshTokenDocument, { refreshToken: s.refreshToken })).data!.refreshToken;
    expect(r1.refreshToken).not.toBe(s.refreshToken);
    expect((await me(t, r1.token)).status).toBe(200);
    // The rotated-away token again: treated as stolen, and the whole family dies with it.
    expect(codes(await t.gql(RefreshTokenDocument, { refreshToken: s.refreshToken }))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await t.gql(RefreshTokenDocument, { refreshToken: r1.refreshToken }))).toEqual(['UNAUTHENTICATED']);
  });

  it('signOut revokes the refresh token', async () => {
    const s = await t.signUp();
    expect((await t.gql(SignOutDocument, { refreshToken: s.refreshToken })).data?.signOut).toBe(true);
    expect(codes(await t.gql(RefreshTokenDocument, { refreshToken: s.refreshToken }))).toEqual(['UNAUTHENTICATED']);
  });

  it('duplicate sign-up is CONFLICT; weak input is BAD_USER_INPUT', async () => {
    const email = `d-${randomUUID()}@example.com`;
    await t.gql(SignUpDocument, { input: { email, password: 'correct horse battery' } }, { authorization: '' });
    expect(codes(await t.gql(SignUpDocument, { input: { email, password: 'correct horse battery' } }, { authorization: '' }))).toEqual(['CONFLICT']);
    expect(codes(await t.gql(SignUpDocument, { input: { email: 'x@example.com', password: 'short' } }, { authorization: '' }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await t.gql(SignUpDocument, { input: { email: 'not-an-email', password: 'long enough pw' } }, { authorization: '' }))).toEqual(['BAD_USER_INPUT']);
  });

  it('API keys: shown once, stored hashed, work as Bearer, stop working when revoked', async () => {
    const { createApiKey } = await t.ok(CreateApiKeyDocument, { name: 'server' });
    expect(createApiKey.key).toMatch(/^klk_[0-9a-f]{12}_/);
    expect((await me(t, createApiKey.key)).body.data?.me.id).toBe(t.userId);
    const listed = (await t.ok(ApiKeysDocument)).apiKeys.find((k) => k.id === createApiKey.apiKey.id);
    expect(listed?.prefix).toBe(createApiKey.key.split('_').slice(0, 2).join('_'));
    expect(JSON.stringify(listed)).not.toContain(createApiKey.key);
    // A malformed id is simply not found (it never reaches a uuid cast in SQL).
    expect(codes(await t.gql(RevokeApiKeyDocument, { id: '-'.repeat(36) }))).toEqual(['NOT_FOUND']);
    await t.ok(RevokeApiKeyDocument, { id: createApiKey.apiKey.id });
    expect((await me(t, createApiKey.key)).status).toBe(401);
    expect((await me(t, createApiKey.key.slice(0, -2) + 'xx')).status).toBe(401);
  });

  it('a key revoked after connecting closes the socket (4401); subscribing again is refused', async () => {
    const { createApiKey } = await t.ok(CreateApiKeyDocument, { name: 'ws' });
    let closedWith!: (code: number) => void;
    const closed = new Promise<number>((r) => (closedWith = r));
    const client = createClient({ url: t.wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${createApiKey.key}` }, retryAttempts: 0, lazy: false, on: { closed: (e) => closedWith((e as { code: number }).code) } });
    const first = () =>
      new Promise<unknown>((resolve) => {
        client.subscribe({ query: 'subscription { taskUpdated(taskId: "00000000-0000-4000-8000-000000000000") { sequence } }' }, {
          next: (r) => resolve(r.errors ? (r.errors[0] as { extensions?: { code?: string } }).extensions?.code : 'event'),
          error: (e) => resolve(Array.isArray(e) ? (e[0] as { extensions?: { code?: string } }).extensions?.code : 'closed'),
          complete: () => resolve('complete'),
        });
      });
    expect(await first()).toBe('NOT_FOUND'); // authenticated: the task simply does not exist
    await t.ok(RevokeApiKeyDocument, { id: createApiKey.apiKey.id });
    expect(await closed).toBe(4401);
    // A new subscription reconnects with the same key: refused at connection_init.
    expect(await first()).toBe('closed');
    await client.dispose();
  });

  it('a WebSocket with a bad token is refused with close code 4403', async () => {
    const closed = await new Promise<number>((resolve) => {
      const c = createClient({ url: t.wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: 'Bearer nope' }, retryAttempts: 0, lazy: false, on: { closed: (e) => resolve((e as { code: number }).code) } });
      c.subscribe({ query: '{ __typename }' }, { next: () => {}, error: () => {}, complete: () => {} });
    });
    expect(closed).toBe(4403);
  });
});
