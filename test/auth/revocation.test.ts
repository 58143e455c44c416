// Revocation reaches every replica at once (Postgres NOTIFY), not after AUTH_CACHE_SECONDS: a revoked
// API key and an ended session (sign-out, refresh-token reuse) close the live subscriptions that
// connected with them and stop their access tokens. Two API replicas on one database; the cache is
// set far longer than the test, so only the notification can explain what B refuses.
import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { codes, startTestApp, uploadTo, type TestApp } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/db.js';
import { makeVideo } from '../helpers/media.js';
import { ConfirmVideoUploadDocument, CreateApiKeyDocument, CreateVideoUploadDocument, MeDocument, RefreshTokenDocument, RevokeApiKeyDocument, SignInDocument, SignOutDocument } from '../generated/graphql.js';

let a: TestApp;
let b: TestApp;
let db: { url: string; drop: () => Promise<void> };
const clients: Client[] = [];
beforeAll(async () => {
  db = await createTestDatabase();
  a = await startTestApp({ role: 'api', db, env: { AUTH_CACHE_SECONDS: '300', JWT_SECRET: 'revocation-test-secret-0123456789abcdef' } });
  b = await startTestApp({ role: 'api', db, env: { AUTH_CACHE_SECONDS: '300', JWT_SECRET: 'revocation-test-secret-0123456789abcdef' }, skipSignUp: true });
});
afterAll(async () => {
  for (const c of clients) await c.dispose();
  await b?.stop();
  await a?.stop();
  await db?.drop();
});

/** Fails instead of hanging when what the test waits for never happens. */
function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms))).finally(() => clearTimeout(timer))]);
}

async function queuedTask(t: TestApp, token: string): Promise<string> {
  const file = await makeVideo({ seconds: 1 });
  const { size } = await fs.stat(file);
  const auth = { authorization: `Bearer ${token}` };
  const up = (await t.gql(CreateVideoUploadDocument, { input: { filename: 'a.mp4', contentType: 'video/mp4', sizeBytes: size } }, auth)).data!.createVideoUpload;
  expect((await uploadTo(up, file)).status).toBe(200);
  return (await t.gql(ConfirmVideoUploadDocument, { input: { videoId: up.video.id } }, auth)).data!.confirmVideoUpload.task.id;
}

/** A socket on `t` with `bearer`: acked, how it closed, and (optionally) a live subscription's end. */
async function liveSocket(t: TestApp, bearer: string, taskId?: string) {
  let closed!: (e: { code: number; reason: string }) => void;
  const close = new Promise<{ code: number; reason: string }>((r) => (closed = r));
  let acked!: () => void;
  const ack = new Promise<void>((r) => (acked = r));
  const client = createClient({
    url: t.wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${bearer}` },
    lazy: false,
    retryAttempts: 0,
    onNonLazyError: () => {},
    on: { connected: () => acked(), closed: (e) => closed({ code: (e as { code: number }).code, reason: (e as { reason: string }).reason }) },
  });
  clients.push(client);
  await within(ack, 5000, 'connection ack');
  if (!taskId) return { close };
  let first!: () => void;
  const gotFirst = new Promise<void>((r) => (first = r));
  const ended = new Promise<string>((resolve) =>
    client.subscribe(
      { query: `subscription { taskUpdated(taskId: "${taskId}") { sequence status } }` },
      { next: () => first(), error: () => resolve('error'), complete: () => resolve('complete') },
    ),
  );
  await within(gotFirst, 5000, 'first event');
  return { close, ended };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('revocation across replicas', () => {
  it('an API key revoked on A closes its live subscription on B (4401) and is refused on B at once', async () => {
    const created = (await a.ok(CreateApiKeyDocument, { name: 'watcher' })).createApiKey;
    const taskId = await queuedTask(a, a.token);
    expect((await b.gql(MeDocument, {}, bearer(created.key))).data?.me.id).toBe(a.userId);
    const socket = await liveSocket(b, created.key, taskId);
    const started = performance.now();
    await a.ok(RevokeApiKeyDocument, { id: created.apiKey.id });
    expect(await within(socket.close, 5000, 'socket close')).toEqual({ code: 4401, reason: 'UNAUTHENTICATED: API key revoked' });
    const ms = performance.now() - started;
    expect(await within(socket.ended!, 1000, 'subscription end')).toBe('error');
    console.log(`revoked key → subscription closed on the other replica in ${ms.toFixed(1)} ms (revoke round trip included)`);
    // B cached the key for 300 s; the notification made it forget.
    expect(codes(await b.gql(MeDocument, {}, bearer(created.key)))).toEqual(['UNAUTHENTICATED']);
  });

  it('signing out on A ends the session: its subscription on B closes, its access token is refused on A and B', async () => {
    const s = await a.signUp();
    const taskId = await queuedTask(a, s.token);
    expect((await b.gql(MeDocument, {}, bearer(s.token))).data?.me.id).toBe(s.userId);
    const socket = await liveSocket(b, s.token, taskId);
    expect((await a.gql(SignOutDocument, { refreshToken: s.refreshToken }, { authorization: '' })).data?.signOut).toBe(true);
    // Refused at once where it was signed out.
    const here = await a.gql(MeDocument, {}, bearer(s.token));
    expect(codes(here)).toEqual(['UNAUTHENTICATED']);
    expect(here.errors![0]!.extensions?.reason).toBe('revoked');
    expect(await within(socket.close, 5000, 'socket close')).toEqual({ code: 4401, reason: 'UNAUTHENTICATED: session ended' });
    expect(await within(socket.ended!, 1000, 'subscription end')).toBe('error');
    expect(codes(await b.gql(MeDocument, {}, bearer(s.token)))).toEqual(['UNAUTHENTICATED']);
    // A new WebSocket with it is refused too.
    const again = await new Promise<number>((resolve) => {
      const c = createClient({ url: b.wsUrl, webSocketImpl: WebSocket, connectionParams: bearer(s.token), lazy: false, retryAttempts: 0, onNonLazyError: () => {}, on: { closed: (e) => resolve((e as { code: number }).code) } });
      clients.push(c);
    });
    expect(again).toBe(4403);
  });

  it('refresh-token reuse revokes the family: access tokens issued before and after the rotation stop working', async () => {
    const s = await a.signUp();
    const rotated = (await a.gql(RefreshTokenDocument, { refreshToken: s.refreshToken }, { authorization: '' })).data!.refreshToken;
    expect((await b.gql(MeDocument, {}, bearer(rotated.token))).data?.me.id).toBe(s.userId);
    expect((await a.gql(MeDocument, {}, bearer(s.token))).data?.me.id).toBe(s.userId);
    const socket = await liveSocket(b, rotated.token);
    // The rotated-away refresh token again: stolen, the whole session ends.
    expect(codes(await a.gql(RefreshTokenDocument, { refreshToken: s.refreshToken }, { authorization: '' }))).toEqual(['UNAUTHENTICATED']);
    for (const token of [s.token, rotated.token]) expect(codes(await a.gql(MeDocument, {}, bearer(token)))).toEqual(['UNAUTHENTICATED']);
    expect((await within(socket.close, 5000, 'socket close')).code).toBe(4401);
    for (const token of [s.token, rotated.token]) expect(codes(await b.gql(MeDocument, {}, bearer(token)))).toEqual(['UNAUTHENTICATED']);
  });

  it('other sessions of the same user are not touched', async () => {
    const email = `two-${Date.now()}@example.com`;
    const first = await a.signUp(email);
    const second = (await a.gql(SignInDocument, { input: { email, password: 'correct horse battery' } }, { authorization: '' })).data!.signIn;
    expect((await a.gql(SignOutDocument, { refreshToken: second.refreshToken }, { authorization: '' })).data?.signOut).toBe(true);
    expect(codes(await a.gql(MeDocument, {}, bearer(second.token)))).toEqual(['UNAUTHENTICATED']);
    expect((await a.gql(MeDocument, {}, bearer(first.token))).data?.me.id).toBe(first.userId);
    expect((await b.gql(MeDocument, {}, bearer(first.token))).data?.me.id).toBe(first.userId);
  });
});
