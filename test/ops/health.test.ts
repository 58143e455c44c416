// /healthz and /readyz on a running app: ready when database, storage and queue answer; 503 naming
// the part that does not; not ready once shutting down. Worker-only processes serve them (and
// /metrics, behind its bearer token) on METRICS_PORT.
import net from 'node:net';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';

const apps: TestApp[] = [];
afterAll(async () => {
  for (const a of apps.reverse()) await a.stop();
});
const start = async (...args: Parameters<typeof startTestApp>) => {
  const a = await startTestApp(...args);
  apps.push(a);
  return a;
};
const origin = (t: TestApp) => new URL(t.url).origin;

async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as net.AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

describe('health and readiness', () => {
  it('alive and ready when every part answers', async () => {
    const t = await start({ role: 'api', skipSignUp: true });
    const live = await fetch(`${origin(t)}/healthz`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${origin(t)}/readyz`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { failing: string[]; checks: Record<string, { ok: boolean }> };
    expect(body).toMatchObject({ ready: true, status: 'ready', failing: [] });
    expect(Object.keys(body.checks).sort()).toEqual(['database', 'queue', 'storage']);
  });

  it('503 naming storage when the bucket cannot be reached; still alive', async () => {
    const t = await start({ role: 'api', skipSignUp: true, env: { STORAGE_DRIVER: 's3', S3_BUCKET: 'klike', S3_ENDPOINT: `http://127.0.0.1:${await closedPort()}`, S3_ACCESS_KEY_ID: 'x', S3_SECRET_ACCESS_KEY: 'y' } });
    const ready = await fetch(`${origin(t)}/readyz`);
    expect(ready.status).toBe(503);
    const body = (await ready.json()) as { failing: string[]; checks: Record<string, { ok: boolean }> };
    expect(body).toMatchObject({ ready: false, status: 'unavailable', failing: ['storage'] });
    expect(body.checks.storage.ok).toBe(false);
    expect(body.checks.database.ok).toBe(true);
    expect((await fetch(`${origin(t)}/healthz`)).status).toBe(200);
  });

  it('503 naming the database when it refuses connections', async () => {
    const t = await start({ role: 'api', skipSignUp: true });
    const dbName = new URL(t.dbUrl).pathname.slice(1);
    const admin = new pg.Client({ connectionString: t.dbUrl.replace(`/${dbName}`, '/postgres') });
    await admin.connect();
    try {
      await admin.query(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS false`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [dbName]);
      const ready = await fetch(`${origin(t)}/readyz`);
      expect(ready.status).toBe(503);
      const body = (await ready.json()) as { failing: string[]; checks: Record<string, { ok: boolean }> };
      expect(body.failing).toContain('database');
      expect(body.checks.storage.ok).toBe(true);
    } finally {
      await admin.query(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS true`);
      await admin.end();
    }
    // And ready again once it is back (the pool reconnects).
    await expect.poll(async () => (await fetch(`${origin(t)}/readyz`)).status, { timeout: 10_000 }).toBe(200);
  });

  it('not ready once shutting down', async () => {
    const t = await start({ role: 'api', skipSignUp: true });
    t.app.health.markShuttingDown();
    const ready = await fetch(`${origin(t)}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'shutting_down', failing: ['shutdown'] });
  });

  it('a worker-only process serves probes and token-guarded metrics on METRICS_PORT', async () => {
    const token = 'metrics-token-0123456789';
    const t = await start({ role: 'worker', env: { METRICS_PORT: '0', METRICS_TOKEN: token } });
    const base = t.app.opsUrl!;
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    const refused = await fetch(`${base}/metrics`);
    expect(refused.status).toBe(401);
    expect((await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
    const ok = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toContain('text/plain');
    const text = await ok.text();
    expect(text).toContain('# TYPE klike_queue_jobs gauge');
    expect(text).toMatch(/klike_queue_jobs\{queue="analyze-video",state="queued"\} \d+/);
    expect(text).toContain('process_cpu_user_seconds_total');
    expect((await fetch(`${base}/graphql`)).status).toBe(404);
  });
});
