// WebSocket limits: subscriptions per socket, sockets per user and per address (IPv6 per /64), and
// connection_init per address per window. Real server, real graphql-ws clients; the client address
// comes from X-Forwarded-For (TRUST_PROXY), so each case has addresses of its own.
import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { startTestApp, uploadTo, type TestApp } from './helpers/app.js';
import { makeVideo } from './helpers/media.js';
import { ConfirmVideoUploadDocument, CreateVideoUploadDocument } from './generated/graphql.js';

type Opened = { client: Client; outcome: Promise<'acked' | { code: number; reason: string }> };

/** A graphql-ws client that connects at once from `ip`; `outcome` is its ack or how it was closed first. */
function connect(t: TestApp, ip: string, token = t.token): Opened {
  class FromAddress extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { 'x-forwarded-for': ip } });
    }
  }
  let settle!: (v: 'acked' | { code: number; reason: string }) => void;
  const outcome = new Promise<'acked' | { code: number; reason: string }>((r) => (settle = r));
  const client = createClient({
    url: t.wsUrl,
    webSocketImpl: FromAddress,
    connectionParams: { authorization: `Bearer ${token}` },
    lazy: false,
    retryAttempts: 0,
    onNonLazyError: () => {},
    on: {
      connected: () => settle('acked'),
      closed: (e) => settle({ code: (e as { code: number }).code, reason: (e as { reason: string }).reason }),
    },
  });
  opened.push(client);
  return { client, outcome };
}
const opened: Client[] = [];

async function queuedTask(t: TestApp): Promise<string> {
  const file = await makeVideo({ seconds: 1 });
  const { size } = await fs.stat(file);
  const { createVideoUpload: up } = await t.ok(CreateVideoUploadDocument, { input: { filename: 'a.mp4', contentType: 'video/mp4', sizeBytes: size } });
  expect((await uploadTo(up, file)).status).toBe(200);
  return (await t.ok(ConfirmVideoUploadDocument, { input: { videoId: up.video.id } })).confirmVideoUpload.task.id;
}

/** Subscribes to the task's events; resolves with its first event, or the code it was refused with. */
function watch(client: Client, taskId: string): { first: Promise<string>; stop: () => void } {
  let stop!: () => void;
  const first = new Promise<string>((resolve) => {
    stop = client.subscribe(
      { query: `subscription { taskUpdated(taskId: "${taskId}") { sequence status } }` },
      {
        next: (r) => resolve(r.errors ? String(r.errors[0]?.extensions?.code) : String((r.data as { taskUpdated: { status: string } }).taskUpdated.status)),
        error: (e) => resolve(Array.isArray(e) ? String(e[0]?.extensions?.code) : `closed ${(e as { code?: number }).code}`),
        complete: () => resolve('complete'),
      },
    );
  });
  return { first, stop };
}

describe('WebSocket caps', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      role: 'api',
      env: { TRUST_PROXY: 'true', WS_MAX_SUBSCRIPTIONS_PER_SOCKET: '3', WS_MAX_SOCKETS_PER_USER: '2', WS_MAX_SOCKETS_PER_IP: '3', WS_CONNECT_PER_MINUTE: '1000' },
    });
  });
  afterAll(async () => {
    for (const c of opened.splice(0)) await c.dispose();
    await t?.stop();
  });

  it('refuses a subscription over the per-socket cap with TOO_MANY_SUBSCRIPTIONS; completing one frees a slot', async () => {
    const taskId = await queuedTask(t);
    const { client, outcome } = connect(t, '198.51.100.1');
    expect(await outcome).toBe('acked');
    const live = [watch(client, taskId), watch(client, taskId), watch(client, taskId)];
    expect(await Promise.all(live.map((w) => w.first))).toEqual(['QUEUED', 'QUEUED', 'QUEUED']);
    expect(await watch(client, taskId).first).toBe('TOO_MANY_SUBSCRIPTIONS');
    // The refusal did not end the others or the socket.
    live[0]!.stop();
    // Completing is a message the server handles in order: the next subscribe finds the slot free.
    expect(await watch(client, taskId).first).toBe('QUEUED');
  });

  it('closes a socket over the per-user cap with 4429 TOO_MANY_CONNECTIONS, also from other addresses', async () => {
    const user = await t.signUp();
    expect(await connect(t, '198.51.100.2', user.token).outcome).toBe('acked');
    expect(await connect(t, '198.51.100.3', user.token).outcome).toBe('acked');
    const third = await connect(t, '198.51.100.4', user.token).outcome;
    expect(third).toMatchObject({ code: 4429 });
    expect((third as { reason: string }).reason).toMatch(/^TOO_MANY_CONNECTIONS: at most 2 sockets per user/);
    // Another user is not affected.
    expect(await connect(t, '198.51.100.4', (await t.signUp()).token).outcome).toBe('acked');
  });

  it('closes a socket over the per-address cap with 4429; IPv6 addresses count per /64', async () => {
    const users = await Promise.all([t.signUp(), t.signUp(), t.signUp(), t.signUp(), t.signUp()]);
    // Three addresses of one /64 (as an IPv6 client picks them): one bucket.
    expect(await connect(t, '2001:db8:7:1::1', users[0]!.token).outcome).toBe('acked');
    expect(await connect(t, '2001:db8:7:1:aaaa::2', users[1]!.token).outcome).toBe('acked');
    expect(await connect(t, '2001:0db8:0007:0001:ffff:ffff:ffff:ffff', users[2]!.token).outcome).toBe('acked');
    const fourth = await connect(t, '2001:db8:7:1::4', users[3]!.token).outcome;
    expect(fourth).toMatchObject({ code: 4429 });
    expect((fourth as { reason: string }).reason).toMatch(/^TOO_MANY_CONNECTIONS: at most 3 sockets per address/);
    // The neighbouring /64 is another client.
    expect(await connect(t, '2001:db8:7:2::1', users[4]!.token).outcome).toBe('acked');
  });
});

describe('connection_init rate per address', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ role: 'api', env: { TRUST_PROXY: 'true', WS_CONNECT_PER_MINUTE: '3', RATE_LIMIT_WINDOW_SECONDS: '60' } });
  });
  afterAll(async () => {
    for (const c of opened.splice(0)) await c.dispose();
    await t?.stop();
  });

  it('closes the connection over WS_CONNECT_PER_MINUTE with 4429 RATE_LIMITED and a retry time; other addresses connect', async () => {
    for (let i = 0; i < 3; i++) {
      const { client, outcome } = connect(t, '203.0.113.9');
      expect(await outcome).toBe('acked');
      await client.dispose();
    }
    const limited = await connect(t, '203.0.113.9').outcome;
    expect(limited).toMatchObject({ code: 4429 });
    const m = /^RATE_LIMITED: too many connections; retry in (\d+) s$/.exec((limited as { reason: string }).reason);
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThanOrEqual(1);
    expect(Number(m![1])).toBeLessThanOrEqual(60);
    // A bad credential is refused without a database read once the address is limited: still 4429.
    expect(await connect(t, '203.0.113.9', 'not-a-token').outcome).toMatchObject({ code: 4429 });
    expect(await connect(t, '203.0.113.10').outcome).toBe('acked');
  });
});
