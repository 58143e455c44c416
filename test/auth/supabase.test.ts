// Supabase mode against a local GoTrue (test/helpers/gotrue.ts): sessions never cross users, signOut
// ends the session at GoTrue, a re-created user gets in, failures inside authentication are coded
// and logged, and the provider's outages are retryable errors.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { SignJWT, UnsecuredJWT, decodeJwt } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ExecutionResult } from 'graphql';
import { codes, startTestApp, type TestApp } from '../helpers/app.js';
import { startGoTrue, type GoTrueStandIn } from '../helpers/gotrue.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { CreateVideoUploadDocument, ListVideosDocument, MeDocument, RefreshTokenDocument, RegisterDocument, SignInDocument, SignOutDocument, SignUpDocument } from '../generated/graphql.js';

const PASSWORD = 'supabase pass 123';
const anon = { authorization: '' };
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const email = (tag: string) => `${tag}-${randomUUID().slice(0, 8)}@example.com`;

type Err = { message: string; extensions?: { code?: string; retryable?: boolean; reason?: string } };
const firstError = (r: ExecutionResult<unknown>) => r.errors?.[0] as Err | undefined;

async function me(t: TestApp, token: string) {
  const res = await fetch(t.url, { method: 'POST', headers: { 'content-type': 'application/json', ...bearer(token) }, body: JSON.stringify({ query: '{ me { id email } }' }) });
  return { status: res.status, body: (await res.json()) as { data?: { me: { id: string; email: string } }; errors?: Err[] } };
}

/** Fails if `p` settles before `arrived`: proves the requests were in flight at GoTrue at once. */
async function before(arrived: Promise<void>, p: Promise<unknown>, what: string): Promise<void> {
  const settled = p.then(() => 'answered' as const, () => 'answered' as const);
  if ((await Promise.race([arrived.then(() => 'arrived' as const), settled])) !== 'arrived') throw new Error(`${what} was answered without reaching GoTrue`);
}

describe('Supabase mode', () => {
  let gotrue: GoTrueStandIn;
  let t: TestApp;

  beforeAll(async () => {
    gotrue = await startGoTrue();
    // LOG_LEVEL error: the test of a failure inside authentication reads the log.
    t = await startTestApp({ role: 'api', env: { SUPABASE_URL: gotrue.url, SUPABASE_ANON_KEY: gotrue.anonKey, LOG_LEVEL: 'error' }, skipSignUp: true });
  });
  afterAll(async () => {
    await t?.stop();
    await gotrue?.close();
  });
  afterEach(() => {
    gotrue.releaseHolds();
    gotrue.autoconfirm = true;
    gotrue.down = false;
  });

  async function signedIn(tag: string) {
    const address = email(tag);
    const r = await t.gql(SignUpDocument, { input: { email: address, password: PASSWORD } }, anon);
    expect(r.errors).toBeUndefined();
    return { email: address, sub: gotrue.userByEmail(address)!.id, ...r.data!.signUp };
  }

  it('verifies tokens against the project JWKS (ES256) and maps sub to one user', async () => {
    const sub = randomUUID();
    const r = await me(t, await gotrue.sign({ sub, email: 'ana@example.com' }));
    expect(r.body.data?.me.email).toBe('ana@example.com');
    expect((await me(t, await gotrue.sign({ sub, email: 'ana@example.com' }))).body.data?.me.id).toBe(r.body.data?.me.id);
    const forged = {
      foreignKeySameKid: await gotrue.sign({ sub }, { key: gotrue.foreignKey }),
      wrongIssuer: await gotrue.sign({ sub }, { iss: 'https://evil.example/auth/v1' }),
      anonAudience: await gotrue.sign({ sub }, { aud: 'anon' }),
      expired: await gotrue.sign({ sub }, { expSeconds: -10 }),
      unknownKid: await gotrue.sign({ sub }, { kid: 'nope' }),
      algNone: new UnsecuredJWT({ email: 'ana@example.com' }).setSubject(sub).setIssuer(`${gotrue.url}/auth/v1`).setAudience('authenticated').setExpirationTime('5m').encode(),
      hs256WithAnonKey: await new SignJWT({}).setProtectedHeader({ alg: 'HS256', kid: 'es256-1' }).setSubject(sub).setIssuer(`${gotrue.url}/auth/v1`).setAudience('authenticated').setExpirationTime('5m').sign(new TextEncoder().encode(gotrue.anonKey)),
    };
    for (const [name, token] of Object.entries(forged)) {
      const res = await me(t, token);
      expect({ name, status: res.status, code: res.body.errors?.[0]?.extensions?.code }).toEqual({ name, status: 401, code: 'UNAUTHENTICATED' });
    }
  });

  it('signUp, signIn and refresh go to GoTrue with the anon key and return its sessions', async () => {
    const a = await signedIn('bo');
    expect(decodeJwt(a.token).sub).toBe(a.sub);
    expect((await me(t, a.token)).body.data?.me.email).toBe(a.email);
    const s = await t.gql(SignInDocument, { input: { email: a.email, password: PASSWORD } }, anon);
    expect((await me(t, s.data!.signIn.token)).body.data?.me.id).toBe(a.user.id);
    expect(codes(await t.gql(SignInDocument, { input: { email: a.email, password: 'wrong password' } }, anon))).toEqual(['UNAUTHENTICATED']);
    const r = await t.gql(RefreshTokenDocument, { refreshToken: a.refreshToken }, anon);
    expect(r.data!.refreshToken.refreshToken).not.toBe(a.refreshToken);
    expect(gotrue.requests.every((q) => q.apikey === gotrue.anonKey)).toBe(true);
  });

  it('concurrent refreshes of different users each get their own session', async () => {
    const a = await signedIn('ca');
    const b = await signedIn('cb');
    const hold = gotrue.holdToken();
    const ra = t.gql(RefreshTokenDocument, { refreshToken: a.refreshToken }, anon);
    const rb = t.gql(RefreshTokenDocument, { refreshToken: b.refreshToken }, anon);
    await before(hold.arrived(2), Promise.race([ra, rb]), 'a refresh');
    hold.release();
    const [sa, sb] = [(await ra).data!.refreshToken, (await rb).data!.refreshToken];
    expect(decodeJwt(sa.token).sub).toBe(a.sub);
    expect(decodeJwt(sb.token).sub).toBe(b.sub);
    expect(sa.refreshToken).not.toBe(sb.refreshToken);
    expect((await me(t, sa.token)).body.data?.me.email).toBe(a.email);
    expect((await me(t, sb.token)).body.data?.me.email).toBe(b.email);
  });

  it('a made-up refresh token sent during a real refresh gets nothing', async () => {
    const victim = await signedIn('victim');
    const hold = gotrue.holdToken();
    const real = t.gql(RefreshTokenDocument, { refreshToken: victim.refreshToken }, anon);
    await hold.arrived(1);
    const bogus = t.gql(RefreshTokenDocument, { refreshToken: 'made-up-token' }, anon);
    await before(hold.arrived(2), bogus, 'the bogus refresh');
    hold.release();
    const [r, x] = [await real, await bogus];
    expect(decodeJwt(r.data!.refreshToken.token).sub).toBe(victim.sub);
    expect(x.data).toBeNull();
    expect(codes(x)).toEqual(['UNAUTHENTICATED']);
  });

  it("signOut ends the caller's session at GoTrue: its refresh token then fails, other sessions live on", async () => {
    const a = await signedIn('out');
    const other = (await t.gql(SignInDocument, { input: { email: a.email, password: PASSWORD } }, anon)).data!.signIn;
    expect((await t.gql(SignOutDocument, { refreshToken: a.refreshToken }, bearer(a.token))).data?.signOut).toBe(true);
    const logout = gotrue.requests.filter((q) => q.path === '/auth/v1/logout').at(-1);
    expect(logout).toMatchObject({ scope: 'local', authorization: `Bearer ${a.token}` });
    expect(codes(await t.gql(RefreshTokenDocument, { refreshToken: a.refreshToken }, anon))).toEqual(['UNAUTHENTICATED']);
    expect((await t.gql(RefreshTokenDocument, { refreshToken: other.refreshToken }, anon)).errors).toBeUndefined();
  });

  it('signOut with only a refresh token ends that session; an unknown one is a no-op', async () => {
    const a = await signedIn('out2');
    expect((await t.gql(SignOutDocument, { refreshToken: a.refreshToken }, anon)).data?.signOut).toBe(true);
    expect(gotrue.sessionCount(a.sub)).toBe(0);
    expect(codes(await t.gql(RefreshTokenDocument, { refreshToken: a.refreshToken }, anon))).toEqual(['UNAUTHENTICATED']);
    expect((await t.gql(SignOutDocument, { refreshToken: 'never-issued' }, anon)).data?.signOut).toBe(true);
  });

  it('a user deleted and re-created in Supabase (same email, new sub) gets in, with a fresh account', async () => {
    const first = await signedIn('again');
    const upload = await t.gql(CreateVideoUploadDocument, { input: { contentType: 'video/mp4', filename: 'a.mp4', sizeBytes: 1000 } }, bearer(first.token));
    expect(upload.errors).toBeUndefined();
    gotrue.deleteUser(first.email);
    const r = await t.gql(SignUpDocument, { input: { email: first.email, password: PASSWORD } }, anon);
    expect(r.errors).toBeUndefined();
    const second = r.data!.signUp;
    expect(decodeJwt(second.token).sub).not.toBe(first.sub);
    const res = await me(t, second.token);
    expect(res.body.data?.me).toEqual({ id: second.user.id, email: first.email });
    expect(second.user.id).not.toBe(first.user.id);
    // The old account's videos stay with the old account: an email is not proof of being its owner.
    expect((await t.gql(ListVideosDocument, {}, bearer(second.token))).data?.videos.totalCount).toBe(0);
    // Likewise a token minted for a user who never came through Klike, carrying that email.
    expect((await me(t, await gotrue.sign({ sub: randomUUID(), email: first.email.toUpperCase() }))).status).toBe(200);
  });

  it('an error thrown inside authentication is INTERNAL_SERVER_ERROR (HTTP 500) and logged with its cause', async () => {
    const db = new pg.Client({ connectionString: t.dbUrl });
    await db.connect();
    await db.query(`CREATE FUNCTION klike.refuse_user() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'planted failure in users insert'; END $$`);
    await db.query('CREATE TRIGGER refuse_user BEFORE INSERT ON klike.users FOR EACH ROW EXECUTE FUNCTION klike.refuse_user()');
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const res = await me(t, await gotrue.sign({ sub: randomUUID(), email: email('boom') }));
      expect(res.status).toBe(500);
      expect(res.body.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([['INTERNAL_SERVER_ERROR', 'Internal server error']]);
      const lines = write.mock.calls.map((c) => String(c[0])).filter((l) => l.includes('authentication failed unexpectedly'));
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0]!).error.message).toContain('planted failure in users insert');
    } finally {
      write.mockRestore();
      await db.query('DROP TRIGGER refuse_user ON klike.users');
      await db.query('DROP FUNCTION klike.refuse_user()');
      await db.end();
    }
  });

  it('duplicate sign-up is CONFLICT, as in local mode', async () => {
    const a = await signedIn('dup');
    expect(codes(await t.gql(SignUpDocument, { input: { email: a.email, password: PASSWORD } }, anon))).toEqual(['CONFLICT']);
    expect(codes(await t.gql(RegisterDocument, { input: { email: a.email, password: PASSWORD } }, anon))).toEqual(['CONFLICT']);
  });

  it('with email confirmation on, register says "confirm your email"; signIn works once confirmed', async () => {
    gotrue.autoconfirm = false;
    const address = email('confirm');
    const r = await t.gql(RegisterDocument, { input: { email: address, password: PASSWORD } }, anon);
    expect(r.errors).toBeUndefined();
    expect(r.data!.register).toMatchObject({ status: 'CONFIRM_EMAIL', session: null });
    expect(r.data!.register.message).toMatch(/confirm your email/i);
    expect(gotrue.userByEmail(address)?.confirmed).toBe(false);
    expect(codes(await t.gql(SignInDocument, { input: { email: address, password: PASSWORD } }, anon))).toEqual(['EMAIL_NOT_CONFIRMED']);
    // signUp keeps its contract (a session or an error) and says what to do with a code of its own.
    expect(codes(await t.gql(SignUpDocument, { input: { email: email('confirm2'), password: PASSWORD } }, anon))).toEqual(['EMAIL_NOT_CONFIRMED']);
    gotrue.confirm(address);
    const s = await t.gql(SignInDocument, { input: { email: address, password: PASSWORD } }, anon);
    expect((await me(t, s.data!.signIn.token)).body.data?.me.email).toBe(address);
    // GoTrue answers a sign-up for a confirmed address like a new one (it does not reveal it): so do we.
    expect((await t.gql(RegisterDocument, { input: { email: address, password: PASSWORD } }, anon)).data?.register.status).toBe('CONFIRM_EMAIL');
    gotrue.autoconfirm = true;
    const signedUp = (await t.gql(RegisterDocument, { input: { email: email('auto'), password: PASSWORD } }, anon)).data!.register;
    expect(signedUp.status).toBe('SIGNED_IN');
    expect(signedUp.session?.token).toBeTruthy();
  });

  it('an anon key GoTrue refuses (rotated at Supabase) is our failure: INTERNAL_SERVER_ERROR, logged', async () => {
    const key = gotrue.anonKey;
    gotrue.anonKey = 'rotated-key';
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(codes(await t.gql(SignInDocument, { input: { email: 'k@example.com', password: PASSWORD } }, anon))).toEqual(['INTERNAL_SERVER_ERROR']);
      const logged = write.mock.calls.map((c) => String(c[0])).find((l) => l.includes('"signIn"'));
      expect(JSON.parse(logged!).error.message).toMatch(/Supabase Auth \/token answered 401/);
    } finally {
      write.mockRestore();
      gotrue.anonKey = key;
    }
  });

  it('GoTrue down: AUTH_PROVIDER_UNAVAILABLE, retryable', async () => {
    gotrue.down = true;
    const r = await t.gql(SignInDocument, { input: { email: 'x@example.com', password: PASSWORD } }, anon);
    expect(firstError(r)?.extensions).toMatchObject({ code: 'AUTH_PROVIDER_UNAVAILABLE', retryable: true });
  });
});

describe('Supabase mode: the provider unreachable', () => {
  let gotrue: GoTrueStandIn;
  let t: TestApp;

  beforeAll(async () => {
    gotrue = await startGoTrue();
    // A port nothing listens on.
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    t = await startTestApp({
      role: 'api',
      env: { SUPABASE_URL: gotrue.url, SUPABASE_ANON_KEY: gotrue.anonKey, SUPABASE_JWKS_URL: `http://127.0.0.1:${port}/jwks.json`, SUPABASE_AUTH_TIMEOUT_MS: '300' },
      skipSignUp: true,
    });
  });
  afterAll(async () => {
    await t?.stop();
    await gotrue?.close();
  });

  it('an unreachable JWKS is AUTH_PROVIDER_UNAVAILABLE (HTTP 503, retryable), not UNAUTHENTICATED', async () => {
    const res = await me(t, await gotrue.sign({ sub: randomUUID(), email: 'j@example.com' }));
    expect(res.status).toBe(503);
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'AUTH_PROVIDER_UNAVAILABLE', retryable: true });
  });

  it('over WebSocket the outage closes with 4503 (not 4403, which says the credential is bad)', async () => {
    const token = await gotrue.sign({ sub: randomUUID(), email: 'w@example.com' });
    const closed = await new Promise<{ code: number; reason: string }>((resolve) => {
      const c = createClient({ url: t.wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0, lazy: false, on: { closed: (e) => resolve(e as { code: number; reason: string }) } });
      c.subscribe({ query: '{ __typename }' }, { next: () => {}, error: () => {}, complete: () => {} });
    });
    expect(closed).toMatchObject({ code: 4503, reason: 'AUTH_PROVIDER_UNAVAILABLE' });
  });

  it('a GoTrue that does not answer within SUPABASE_AUTH_TIMEOUT_MS is AUTH_PROVIDER_UNAVAILABLE', async () => {
    const hold = gotrue.holdToken();
    try {
      const r = await t.gql(SignInDocument, { input: { email: 'slow@example.com', password: PASSWORD } }, anon);
      expect(hold.waiting).toBe(1);
      expect(firstError(r)?.extensions).toMatchObject({ code: 'AUTH_PROVIDER_UNAVAILABLE', retryable: true });
    } finally {
      hold.release();
    }
  });
});

describe('Supabase configuration', () => {
  it('SUPABASE_URL without SUPABASE_ANON_KEY is a configuration error naming the variable', () => {
    expect(() => loadConfig({ SUPABASE_URL: 'http://127.0.0.1:1' })).toThrow(ConfigError);
    expect(() => loadConfig({ SUPABASE_URL: 'http://127.0.0.1:1' })).toThrow(/SUPABASE_ANON_KEY/);
    expect(loadConfig({ SUPABASE_URL: 'http://127.0.0.1:1', SUPABASE_ANON_KEY: 'k' }).auth.supabase?.anonKey).toBe('k');
  });

  it('the server refuses to start (exit code 2) and says why', async () => {
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'api'], {
      cwd: root,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, SUPABASE_URL: 'http://127.0.0.1:1', DATA_DIR: '/nonexistent-klike-test', NODE_ENV: 'test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    expect(code).toBe(2);
    expect(stderr).toContain('SUPABASE_ANON_KEY');
  });
});
