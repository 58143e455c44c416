// Webhooks end to end: real pipeline runs, pg-boss delivery jobs, a local receiver, and signatures
// checked with the reference `standardwebhooks` verifier.
import fs from 'node:fs/promises';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, startTestApp, uploadTo, type TestApp } from '../helpers/app.js';
import { makeVideo } from '../helpers/media.js';
import { startReceiver, type Receiver, type Received } from '../helpers/webhook-receiver.js';
import { startDnsServer, type DnsServer } from '../helpers/dns-server.js';
import {
  CancelTaskDocument, ConfirmVideoUploadDocument, CreateVideoUploadDocument, CreateWebhookEndpointDocument, DeleteWebhookEndpointDocument,
  RotateWebhookSecretDocument, TaskReportUrlDocument, WebhookDeliveriesDocument, WebhookEndpointsDocument,
} from '../generated/graphql.js';
import { WebhooksRepo } from '../../src/datasources/postgres/webhooks.js';

const verify = (secret: string, r: Received) =>
  new Webhook(secret).verify(r.body, { 'webhook-id': String(r.headers['webhook-id']), 'webhook-timestamp': String(r.headers['webhook-timestamp']), 'webhook-signature': String(r.headers['webhook-signature']) });

async function confirmNew(t: TestApp, seconds = 2) {
  const file = await makeVideo({ seconds, cutsAt: seconds > 1 ? [1] : [] });
  const { size } = await fs.stat(file);
  const { createVideoUpload: up } = await t.ok(CreateVideoUploadDocument, { input: { filename: 'ad.mp4', contentType: 'video/mp4', sizeBytes: size } });
  expect((await uploadTo(up, file)).status).toBe(200);
  return (await t.ok(ConfirmVideoUploadDocument, { input: { videoId: up.video.id, analysis: { platforms: ['TIKTOK'] } } })).confirmVideoUpload.task;
}

describe('webhooks (development mode, loopback receiver)', () => {
  let t: TestApp;
  let rx: Receiver;
  const secrets: Record<string, string> = {};
  const ids: Record<string, string> = {};
  let taskId: string;

  beforeAll(async () => {
    rx = await startReceiver();
    t = await startTestApp({ env: { WEBHOOK_RETRY_BASE_SECONDS: '0.2', WEBHOOK_MAX_ATTEMPTS: '3' } });
  });
  afterAll(async () => {
    await t?.stop();
    await rx?.close();
  });

  const register = async (name: string, events: string[]) => {
    const { createWebhookEndpoint: c } = await t.ok(CreateWebhookEndpointDocument, { input: { url: rx.url(`/${name}`), events } });
    secrets[name] = c.secret;
    ids[name] = c.endpoint.id;
    return c;
  };

  it('signs every delivery, retries with the same webhook-id, honours Retry-After, disables on 410 and gives up after the bounded attempts', async () => {
    rx.script('/flaky', [{ status: 500, body: 'x'.repeat(5000) }, { status: 200, body: 'ok' }]);
    rx.script('/gone', [{ status: 410 }]);
    rx.script('/busy', [{ status: 503, headers: { 'retry-after': '2' } }, { status: 204 }]);
    rx.script('/down', [{ status: 500 }]);
    const created = await register('flaky', ['task.completed']);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(created.endpoint).toMatchObject({ url: rx.url('/flaky'), events: ['task.completed'], disabled: false });
    await register('gone', ['task.completed']);
    await register('busy', ['task.completed']);
    await register('down', ['task.completed']);
    await register('all', ['task.updated']);

    taskId = (await confirmNew(t)).id;

    // task.updated: one per status change, each signed, sequences rising, ending with COMPLETED.
    const updates = await rx.until('/all', (r) => r.some((x) => JSON.parse(x.body).data.status === 'COMPLETED'));
    const statuses = updates.map((u) => verify(secrets.all!, u) as { type: string; data: { status: string; sequence: number } });
    expect(statuses.every((s) => s.type === 'task.updated')).toBe(true);
    expect([...new Set(statuses.map((s) => s.data.status))]).toEqual(['QUEUED', 'PROCESSING', 'EXTRACTING_AUDIO', 'TRANSCRIBING', 'ANALYZING_AI', 'GENERATING_RECOMMENDATIONS', 'COMPLETED']);

    // 500 first: the retry carries the same webhook-id (and body), both signatures verify.
    const flaky = await rx.until('/flaky', (r) => r.length >= 2);
    expect(flaky).toHaveLength(2);
    expect(flaky[1]!.headers['webhook-id']).toBe(flaky[0]!.headers['webhook-id']);
    expect(flaky[1]!.body).toBe(flaky[0]!.body);
    const payload = verify(secrets.flaky!, flaky[1]!) as { type: string; data: Record<string, unknown> & { links: { report: string } } };
    expect(payload.type).toBe('task.completed');
    expect(payload.data).toMatchObject({ taskId, status: 'COMPLETED', progress: 100, error: null });
    expect(typeof payload.data.score).toBe('number');
    expect(payload.data.links.report).toContain(`/reports/${taskId}?`);
    expect(Buffer.byteLength(flaky[0]!.body)).toBeLessThan(20_000);
    // A tampered body, or another endpoint's secret, fails verification.
    expect(() => verify(secrets.flaky!, { ...flaky[1]!, body: flaky[1]!.body.replace('"COMPLETED"', '"FAILED"') })).toThrow();
    expect(() => verify(secrets.gone!, flaky[1]!)).toThrow();

    // Retry-After: 2 is waited out, though the configured backoff is 0.2 s.
    const busy = await rx.until('/busy', (r) => r.length >= 2);
    expect(busy[1]!.at - busy[0]!.at).toBeGreaterThanOrEqual(1900);
    expect(busy[1]!.headers['webhook-id']).toBe(busy[0]!.headers['webhook-id']);

    // Always 500: three attempts (WEBHOOK_MAX_ATTEMPTS), then recorded as failed.
    await rx.until('/down', (r) => r.length >= 3);
    const deliveries = async (name: string) => (await t.ok(WebhookDeliveriesDocument, { endpointId: ids[name]! })).webhookDeliveries;
    const settled = async (name: string, status: string) => {
      // The receiver has answered; the worker records the outcome right after. Poll the API (bounded).
      for (let i = 0; i < 100; i++) {
        const d = await deliveries(name);
        if (d[0]?.status === status) return d;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`${name} never became ${status}: ${JSON.stringify(await deliveries(name))}`);
    };
    const down = await settled('down', 'FAILED');
    expect(down).toHaveLength(1);
    expect(down[0]).toMatchObject({ status: 'FAILED', attemptCount: 3, lastStatusCode: 500, lastError: 'HTTP_500' });
    expect(down[0]!.attempts.map((a) => a.statusCode)).toEqual([500, 500, 500]);
    expect(rx.requests('/down')).toHaveLength(3);

    const flakyD = await settled('flaky', 'DELIVERED');
    expect(flakyD[0]!.id).toBe(flaky[0]!.headers['webhook-id']);
    expect(flakyD[0]!.attempts.map((a) => a.statusCode)).toEqual([500, 200]);
    // Only a short excerpt of the 5,000-byte body is kept.
    expect(flakyD[0]!.attempts[0]!.responseExcerpt!.length).toBeLessThanOrEqual(256);
    expect(flakyD[0]!.attempts[1]!.responseExcerpt).toBe('ok');

    // 410 Gone: one request, the endpoint is disabled, the delivery failed.
    const gone = await settled('gone', 'FAILED');
    expect(gone[0]).toMatchObject({ lastStatusCode: 410, lastError: 'GONE', attemptCount: 1 });
    expect(rx.requests('/gone')).toHaveLength(1);
    const endpoints = (await t.ok(WebhookEndpointsDocument, {})).webhookEndpoints;
    expect(endpoints.find((e) => e.id === ids.gone)).toMatchObject({ disabled: true, disabledReason: 'GONE' });
    expect(endpoints.filter((e) => !e.disabled).map((e) => e.id).sort()).toEqual([ids.flaky, ids.busy, ids.down, ids.all].sort());

    // The report link in the payload is the one Task.reportUrl gives (same signer).
    const { task } = await t.ok(TaskReportUrlDocument, { id: taskId });
    expect(new URL(task!.reportUrl!).pathname).toBe(new URL(payload.data.links.report).pathname);
  });

  it('after rotateWebhookSecret both the old and the new secret verify; a disabled endpoint gets nothing more', async () => {
    const { endpoint: { id } } = await register('rotating', ['task.cancelled']);
    const old = secrets.rotating!;
    const { rotateWebhookSecret: r } = await t.ok(RotateWebhookSecretDocument, { id });
    expect(r.secret).not.toBe(old);
    expect(new Date(r.endpoint.previousSecretExpiresAt!).getTime()).toBeGreaterThan(Date.now() + 3600_000);
    const task = await confirmNew(t, 1);
    await t.ok(CancelTaskDocument, { id: task.id });
    const [got] = await rx.until('/rotating', (x) => x.length >= 1);
    expect(String(got!.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect((verify(old, got!) as { type: string }).type).toBe('task.cancelled');
    expect((verify(r.secret, got!) as { data: { taskId: string } }).data.taskId).toBe(task.id);
    // The disabled endpoint was not even given a delivery for this task's events.
    expect((await t.ok(WebhookDeliveriesDocument, { endpointId: ids.gone! })).webhookDeliveries).toHaveLength(1);
  });

  it('is owner-scoped: another user sees none of it and gets NOT_FOUND', async () => {
    const other = await t.signUp();
    const as = { authorization: `Bearer ${other.token}` };
    expect((await t.gql(WebhookEndpointsDocument, {}, as)).data?.webhookEndpoints).toEqual([]);
    expect(codes(await t.gql(WebhookDeliveriesDocument, { endpointId: ids.flaky! }, as))).toEqual(['NOT_FOUND']);
    expect(codes(await t.gql(RotateWebhookSecretDocument, { id: ids.flaky! }, as))).toEqual(['NOT_FOUND']);
    expect(codes(await t.gql(DeleteWebhookEndpointDocument, { id: ids.flaky! }, as))).toEqual(['NOT_FOUND']);
    expect(codes(await t.gql(DeleteWebhookEndpointDocument, { id: 'not-a-uuid' }, as))).toEqual(['NOT_FOUND']);
    expect(codes(await t.gql(WebhookEndpointsDocument, {}, { authorization: '' }))).toEqual(['UNAUTHENTICATED']);
    // The owner can delete it; then it is gone for them too.
    expect((await t.ok(DeleteWebhookEndpointDocument, { id: ids.down! })).deleteWebhookEndpoint).toBe(true);
    expect(codes(await t.gql(WebhookDeliveriesDocument, { endpointId: ids.down! }))).toEqual(['NOT_FOUND']);
  });

  it('refuses unknown events and malformed URLs', async () => {
    const bad = async (input: { url: string; events: string[] }) => t.gql(CreateWebhookEndpointDocument, { input });
    expect(codes(await bad({ url: rx.url('/x'), events: ['task.exploded'] }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await bad({ url: rx.url('/x'), events: [] }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await bad({ url: 'ftp://127.0.0.1/x', events: ['task.updated'] }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await bad({ url: 'http://user:pw@127.0.0.1/x', events: ['task.updated'] }))).toEqual(['BAD_USER_INPUT']);
    // Metadata addresses stay refused even where loopback is allowed.
    expect(codes(await bad({ url: 'http://169.254.169.254/latest/meta-data', events: ['task.updated'] }))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('webhooks in production mode', () => {
  let t: TestApp;
  let dns: DnsServer;
  beforeAll(async () => {
    dns = await startDnsServer();
    dns.set('internal.example', ['10.1.2.3']);
    dns.set('metadata.example', ['169.254.169.254']);
    dns.set('mixed.example', ['8.8.8.8', '192.168.1.20']);
    t = await startTestApp({
      role: 'api',
      env: { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), STORAGE_SIGNING_SECRET: 'y'.repeat(32), WEBHOOK_DNS_SERVERS: dns.address },
    });
  });
  afterAll(async () => {
    await t?.stop();
    await dns?.close();
  });

  const refusal = async (url: string) => {
    const r = await t.gql(CreateWebhookEndpointDocument, { input: { url, events: ['task.completed'] } });
    return { codes: codes(r), reason: r.errors?.[0]?.extensions?.reason };
  };

  it('refuses http, loopback, private, link-local and names resolving to them with BAD_USER_INPUT', async () => {
    expect(await refusal('http://127.0.0.1/hook')).toEqual({ codes: ['BAD_USER_INPUT'], reason: 'HTTPS_REQUIRED' });
    expect(await refusal('https://127.0.0.1/hook')).toEqual({ codes: ['BAD_USER_INPUT'], reason: 'ADDRESS_NOT_ALLOWED' });
    expect(await refusal('https://[::1]/hook')).toEqual({ codes: ['BAD_USER_INPUT'], reason: 'ADDRESS_NOT_ALLOWED' });
    expect(await refusal('https://[::ffff:127.0.0.1]/hook')).toEqual({ codes: ['BAD_USER_INPUT'], reason: 'ADDRESS_NOT_ALLOWED' });
    expect(await refusal('https://internal.example/hook')).toEqual({ codes: ['BAD_USER_INPUT'], reason: 'ADDRESS_NOT_ALLOWED' });
    expect(await refusal('https://metadata.example/hook')).toEqual({ codes: ['BAD_USER_INPUT'], reason: 'ADDRESS_NOT_ALLOWED' });
    // One internal address among public ones is enough to refuse.
    expect(await refusal('https://mixed.example/hook')).toEqual({ codes: ['BAD_USER_INPUT'], reason: 'ADDRESS_NOT_ALLOWED' });
    expect(await refusal('https://nowhere.example/hook')).toEqual({ codes: ['BAD_USER_INPUT'], reason: 'UNRESOLVABLE' });
    expect(dns.queries).toContain('internal.example');
  });

  it('checks the address again at delivery: a name re-pointed at a private address is not connected to', async () => {
    // As if registered while the name pointed elsewhere; now it answers with an internal address.
    dns.set('rebind.example', ['10.9.8.7']);
    const repo = new WebhooksRepo(t.app.db);
    const endpoint = await repo.insertEndpoint({ ownerId: t.userId, url: 'https://rebind.example/hook', events: ['task.updated'], secret: 'whsec_' + Buffer.alloc(32, 1).toString('base64') });
    const deliveryId = await repo.insertDelivery(t.app.db, { endpointId: endpoint.id, eventType: 'task.updated', taskId: '00000000-0000-4000-8000-000000000001', sequence: 1, payload: '{}' });
    const before = dns.queries.filter((q) => q === 'rebind.example').length;
    expect(await t.app.services!.webhooks.deliver(deliveryId)).toBe('retry');
    expect(dns.queries.filter((q) => q === 'rebind.example').length).toBeGreaterThan(before);
    const [d] = (await t.ok(WebhookDeliveriesDocument, { endpointId: endpoint.id })).webhookDeliveries;
    expect(d).toMatchObject({ status: 'PENDING', lastStatusCode: null, lastError: 'ADDRESS_NOT_ALLOWED' });
    expect(d!.attempts).toMatchObject([{ attempt: 1, statusCode: null, errorCode: 'ADDRESS_NOT_ALLOWED' }]);
  });
});
