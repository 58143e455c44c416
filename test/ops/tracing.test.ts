// Tracing, opt-in: a real process with OTEL_EXPORTER_OTLP_ENDPOINT pointed at a local OTLP/HTTP
// collector runs a real analysis; one trace runs from the API request that confirmed the upload,
// through pg-boss's send and process spans, to every pipeline stage, and the log lines carry its id.
// Without the variable nothing is registered and no context is stored on jobs.
import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverEnv, spawnKlike, type KlikeProcess } from '../helpers/process.js';
import { createTestDatabase } from '../helpers/db.js';
import { connectRemote, type Remote } from '../helpers/remote.js';
import { collect } from '../helpers/app.js';
import { makeVideo } from '../helpers/media.js';
import { TaskUpdatedDocument } from '../generated/graphql.js';
import { loadConfig } from '../../src/config.js';
import { startTracing } from '../../src/ops/tracing.js';
import { createLogger } from '../../src/logger.js';

interface Span {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
  service: string;
}

/** A collector speaking OTLP/HTTP JSON: what the exporter posts to /v1/traces, flattened to spans. */
async function startCollector() {
  const spans: Span[] = [];
  const paths: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      paths.push(`${req.method} ${req.url} ${req.headers['content-type']} ${req.headers['x-collector-key'] ?? ''}`);
      const doc = JSON.parse(body) as { resourceSpans: { resource: { attributes: Attr[] }; scopeSpans: { spans: (Omit<Span, 'attributes' | 'service'> & { attributes?: Attr[] })[] }[] }[] };
      for (const rs of doc.resourceSpans) {
        const service = String(attrs(rs.resource.attributes)['service.name']);
        for (const ss of rs.scopeSpans) for (const s of ss.spans) spans.push({ ...s, attributes: attrs(s.attributes ?? []), service });
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, spans, paths, close: () => new Promise((r) => server.close(r)) };
}
type Attr = { key: string; value: Record<string, unknown> };
const attrs = (list: Attr[]) => Object.fromEntries(list.map((a) => [a.key, Object.values(a.value)[0]]));

const STAGES = ['processing', 'fingerprint', 'extracting_audio', 'perceiving', 'transcribing', 'analyzing_ai', 'generating_recommendations'];

describe('tracing with OTEL_EXPORTER_OTLP_ENDPOINT', () => {
  let proc: KlikeProcess;
  let remote: Remote;
  let collector: Awaited<ReturnType<typeof startCollector>>;
  let drop: () => Promise<void>;
  let dataDir: string;
  let taskId: string;
  const incomingTrace = randomBytes(16).toString('hex');
  const incomingParent = randomBytes(8).toString('hex');

  beforeAll(async () => {
    collector = await startCollector();
    const db = await createTestDatabase();
    drop = db.drop;
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'klike-otel-'));
    proc = spawnKlike(
      [],
      serverEnv(db.url, dataDir, { OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_EXPORTER_OTLP_HEADERS: 'x-collector-key=k%3D1', OCR_ENGINE: 'none', FACE_ENGINE: 'none' }),
    );
    const listening = await proc.waitFor((l) => l.msg === 'api listening');
    remote = await connectRemote(String(listening.url));
    taskId = await remote.analyze(await makeVideo({ seconds: 2, audio: 'tone' }));
    const { events } = await collect(remote.ws(), TaskUpdatedDocument, { taskId });
    expect(events.at(-1)?.taskUpdated.status).toBe('COMPLETED');
    await proc.waitFor((l) => l.event === 'analysis_completed' && l.task_id === taskId);
    // A caller's own trace is continued.
    const r = await fetch(String(listening.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: `00-${incomingTrace}-${incomingParent}-01` },
      body: JSON.stringify({ query: 'query Ping { __typename }' }),
    });
    expect(r.status).toBe(200);
    // Shutdown exports what the batch processor still holds: no waiting on its timer.
    proc.kill('SIGTERM');
    expect((await proc.exited).code).toBe(0);
  }, 180_000);

  afterAll(async () => {
    await remote?.dispose();
    if (proc?.child.exitCode === null) proc.kill('SIGKILL');
    await drop?.();
    await collector?.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('exports OTLP/HTTP JSON to <endpoint>/v1/traces with the configured headers', () => {
    expect(collector.paths.length).toBeGreaterThan(0);
    for (const p of collector.paths) expect(p).toBe('POST /v1/traces application/json k=1');
    expect(new Set(collector.spans.map((s) => s.service))).toEqual(new Set(['klike-api']));
  });

  it('one trace runs from the confirming request through the job to every stage', () => {
    const confirm = collector.spans.filter((s) => s.attributes['graphql.operation.name'] && /confirm/i.test(String(s.attributes['graphql.operation.name'])));
    expect(confirm).toHaveLength(1);
    expect(confirm[0]!.name).toMatch(/^mutation /);
    const trace = collector.spans.filter((s) => s.traceId === confirm[0]!.traceId);
    const names = trace.map((s) => s.name);
    expect(names).toContain('send analyze-video');
    expect(names).toContain('process analyze-video');
    for (const st of STAGES) expect(names, names.join(', ')).toContain(`stage ${st}`);
    // The stages hang under pg-boss's process span, which hangs under the send in the request.
    const byId = new Map(trace.map((s) => [s.spanId, s]));
    const proc = trace.find((s) => s.name === 'process analyze-video')!;
    for (const st of trace.filter((s) => s.name.startsWith('stage '))) {
      expect(byId.get(st.parentSpanId!)?.name).toBe('process analyze-video');
      expect(st.attributes['klike.task_id']).toBe(taskId);
    }
    expect(byId.get(proc.parentSpanId!)?.name).toBe('send analyze-video');
  });

  it('log lines written inside the trace carry its id', () => {
    const traceId = collector.spans.find((s) => s.name === 'stage processing' && s.attributes['klike.task_id'] === taskId)!.traceId;
    const stageLines = proc.lines.filter((l) => l.task_id === taskId && (l.event === 'stage_started' || l.event === 'stage_completed'));
    expect(stageLines.length).toBe(STAGES.length * 2);
    for (const l of stageLines) expect(l.trace_id).toBe(traceId);
    expect(proc.lines.find((l) => l.event === 'task_queued' && l.task_id === taskId)?.trace_id).toBe(traceId);
  });

  it("continues an incoming traceparent", () => {
    const ping = collector.spans.find((s) => s.name === 'query Ping');
    expect(ping).toMatchObject({ traceId: incomingTrace, parentSpanId: incomingParent });
  });
});

describe('tracing off (the default)', () => {
  it('registers nothing: no SDK, no provider, no context manager', async () => {
    const tracing = await startTracing(loadConfig({ NODE_ENV: 'test' }), 'klike-api', createLogger('silent'));
    expect(tracing.enabled).toBe(false);
    const registry = (globalThis as Record<symbol, Record<string, unknown> | undefined>)[Symbol.for('opentelemetry.js.api.1')];
    expect(registry?.trace).toBeUndefined();
    expect(registry?.context).toBeUndefined();
  });
});
