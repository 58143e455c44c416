// deploy/kubernetes renders with kustomize; its KEDA query, exactly as written there, counts a
// known pg-boss backlog on a real schema; every env var it sets is one the config knows; grace and
// probes line up with the app.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { PgBoss } from 'pg-boss';
import { parseAllDocuments } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { KNOWN_ENV_VARS } from '../../src/config-env.js';
import { ANALYZE_DEAD_QUEUE, ANALYZE_QUEUE } from '../../src/jobs/queue.js';
import { createTestDatabase } from '../helpers/db.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
type Doc = { kind: string; metadata: { name: string }; spec?: any; data?: Record<string, string>; stringData?: Record<string, string> };
let docs: Doc[];
const byKind = (kind: string) => docs.filter((d) => d.kind === kind);
const containers = () => [...byKind('Deployment'), ...byKind('Job')].flatMap((d) => d.spec.template.spec.containers as any[]);

beforeAll(async () => {
  const { stdout } = await promisify(execFile)('kubectl', ['kustomize', path.join(ROOT, 'deploy/kubernetes')]);
  docs = parseAllDocuments(stdout).map((d) => d.toJS() as Doc);
});

describe('deploy/kubernetes', () => {
  it('renders the parts the design asks for', () => {
    expect(byKind('Deployment').map((d) => d.metadata.name).sort()).toEqual(['klike-api', 'klike-worker']);
    expect(byKind('Service').map((d) => d.metadata.name)).toEqual(['klike-api']);
    expect(byKind('Job').map((d) => d.metadata.name)).toEqual(['klike-migrate']);
    expect(byKind('PodDisruptionBudget')).toHaveLength(2);
    expect(byKind('ScaledObject')[0]!.spec.scaleTargetRef.name).toBe('klike-worker');
    for (const c of containers()) expect(c.command[0]).toBe('node'); // compiled code, no tsx or npm in between
  });

  it('sets only env vars the config knows', () => {
    const set = new Set<string>();
    for (const cm of byKind('ConfigMap')) for (const k of Object.keys(cm.data ?? {})) set.add(k);
    for (const s of byKind('Secret')) for (const k of Object.keys(s.stringData ?? {})) set.add(k);
    for (const c of containers()) for (const e of c.env ?? []) set.add(e.name);
    expect(set.size).toBeGreaterThan(10);
    const unknown = [...set].filter((k) => !KNOWN_ENV_VARS.includes(k));
    expect(unknown).toEqual([]);
    // And what envFrom refers to exists.
    const names = new Set([...byKind('ConfigMap'), ...byKind('Secret')].map((d) => d.metadata.name));
    for (const c of containers()) for (const f of c.envFrom ?? []) expect(names).toContain((f.configMapRef ?? f.secretRef).name);
  });

  it('termination grace exceeds the shutdown grace; probes hit /healthz and /readyz on a served port', () => {
    for (const d of byKind('Deployment')) {
      const pod = d.spec.template.spec;
      const c = pod.containers[0];
      const env = Object.fromEntries((c.env ?? []).map((e: { name: string; value: string }) => [e.name, e.value]));
      const grace = Number(env.SHUTDOWN_GRACE_SECONDS ?? 25);
      expect(pod.terminationGracePeriodSeconds, d.metadata.name).toBeGreaterThanOrEqual(grace + 10);
      expect(c.livenessProbe.httpGet.path).toBe('/healthz');
      expect(c.readinessProbe.httpGet.path).toBe('/readyz');
      const port = c.ports.find((p: { name: string }) => p.name === c.readinessProbe.httpGet.port).containerPort;
      expect(String(port)).toBe(env.METRICS_PORT ?? env.PORT);
    }
  });

  it('the KEDA query, as written, gives the workers needed for a known backlog', async () => {
    const trigger = byKind('ScaledObject')[0]!.spec.triggers.find((t: { type: string }) => t.type === 'postgresql');
    const query: string = trigger.metadata.query;
    const concurrency = Number(byKind('ConfigMap')[0]!.data!.WORKER_CONCURRENCY);
    const db = await createTestDatabase();
    const boss = new PgBoss({ connectionString: db.url, schema: 'pgboss', supervise: false, schedule: false });
    boss.on('error', () => {});
    const client = new pg.Client({ connectionString: db.url });
    try {
      await boss.start();
      await client.connect();
      const value = async () => Number(Object.values((await client.query(query)).rows[0])[0]);
      expect(await value()).toBe(0);
      // 7 sent: 2 fetched (active), of which one completes; one more fetched and failed (retry); 1 in another queue.
      for (let i = 0; i < 7; i++) await boss.send(ANALYZE_QUEUE, { taskId: `t${i}` }, { retryLimit: 3, retryDelay: 600 });
      await boss.send(ANALYZE_DEAD_QUEUE, { taskId: 'dead' });
      const [a, b] = await boss.fetch(ANALYZE_QUEUE, { batchSize: 2 });
      await boss.complete(ANALYZE_QUEUE, a!.id);
      const [c] = await boss.fetch(ANALYZE_QUEUE);
      await boss.fail(ANALYZE_QUEUE, c!.id);
      const { rows } = await client.query(`SELECT state, count(*)::int AS n FROM pgboss.job WHERE name = $1 GROUP BY state ORDER BY state`, [ANALYZE_QUEUE]);
      expect(Object.fromEntries(rows.map((r) => [r.state, r.n]))).toEqual({ created: 4, active: 1, retry: 1, completed: 1 });
      void b;
      // Backlog 6 (4 queued, 1 retrying, 1 running) over the concurrency per worker.
      expect(await value()).toBe(6 / concurrency);
    } finally {
      await client.end();
      await boss.stop({ graceful: false });
      await db.drop();
    }
  });
});
