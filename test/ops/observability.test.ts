// A real process runs a real analysis: its log lines carry the design's fields, one per task event,
// and /metrics (scraped over HTTP) counts the requests and the analysis.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverEnv, spawnKlike, type KlikeProcess, type LogLine } from '../helpers/process.js';
import { createTestDatabase } from '../helpers/db.js';
import { connectRemote, type Remote } from '../helpers/remote.js';
import { collect } from '../helpers/app.js';
import { makeVideo } from '../helpers/media.js';
import { TaskUpdatedDocument } from '../generated/graphql.js';

let proc: KlikeProcess;
let remote: Remote;
let drop: () => Promise<void>;
let dataDir: string;
let taskId: string;

beforeAll(async () => {
  const db = await createTestDatabase();
  drop = db.drop;
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'klike-obs-'));
  proc = spawnKlike([], serverEnv(db.url, dataDir, { JOB_SUPERVISE_SECONDS: '1' }));
  const listening = await proc.waitFor((l) => l.msg === 'api listening');
  remote = await connectRemote(String(listening.url));
  taskId = await remote.analyze(await makeVideo({ seconds: 3, audio: 'tone' }));
  const { events, errors } = await collect(remote.ws(), TaskUpdatedDocument, { taskId });
  expect(errors).toEqual([]);
  expect(events.at(-1)?.taskUpdated.status).toBe('COMPLETED');
  await proc.waitFor((l) => l.event === 'analysis_completed' && l.task_id === taskId);
}, 120_000);

afterAll(async () => {
  await remote?.dispose();
  proc?.kill('SIGTERM');
  await proc?.exited;
  await drop?.();
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe('log lines of a real analysis', () => {
  it('every line has timestamp, level and service; task events carry the design fields', () => {
    for (const l of proc.lines) {
      expect(Date.parse(String(l.timestamp))).not.toBeNaN();
      expect(['debug', 'info', 'warn', 'error']).toContain(l.level);
      expect(['klike-api', 'klike-worker']).toContain(l.service);
      expect(l).not.toHaveProperty('t');
      expect(l).not.toHaveProperty('taskId');
    }
    const mine = (e: string) => proc.lines.filter((l) => l.event === e && l.task_id === taskId);
    const [queued] = mine('task_queued');
    expect(queued).toMatchObject({ service: 'klike-api', level: 'info' });
    expect(mine('task_queued')).toHaveLength(1);

    const started = mine('stage_started');
    const completed = mine('stage_completed');
    const stages = ['processing', 'fingerprint', 'extracting_audio', 'perceiving', 'transcribing', 'analyzing_ai', 'generating_recommendations'];
    expect(started.map((l) => l.stage)).toEqual(stages);
    expect(completed.map((l) => l.stage)).toEqual(started.map((l) => l.stage));
    for (const l of [...started, ...completed]) expect(l.service).toBe('klike-worker');
    for (const l of completed) {
      expect(typeof l.duration_ms).toBe('number');
      expect(l.duration_ms as number).toBeGreaterThanOrEqual(0);
    }

    const done = mine('analysis_completed') as (LogLine & { duration_ms: number; video_duration_s: number; score: number })[];
    expect(done).toHaveLength(1);
    expect(done[0]).toMatchObject({ level: 'info', service: 'klike-worker' });
    expect(done[0]!.video_duration_s).toBeCloseTo(3, 0);
    expect(done[0]!.score).toBeGreaterThanOrEqual(0);
    expect(done[0]!.score).toBeLessThanOrEqual(100);
    // The whole analysis takes at least as long as its stages together.
    const stageSum = completed.reduce((s, l) => s + (l.duration_ms as number), 0);
    expect(done[0]!.duration_ms).toBeGreaterThanOrEqual(stageSum - 50);
    expect(mine('analysis_failed')).toEqual([]);
    // Order: queued, then each stage started before it completed, then completion.
    const order = proc.lines.filter((l) => l.task_id === taskId && l.event).map((l) => l.event);
    expect(order[0]).toBe('task_queued');
    expect(order.at(-1)).toBe('analysis_completed');
  });

  it('signed URLs and tokens never reach the output', () => {
    expect(proc.output()).not.toContain(remote.token);
    expect(proc.output()).not.toMatch(/sig=[A-Za-z0-9_-]{8,}/);
  });
});

describe('/metrics after real requests and an analysis', () => {
  const sample = (text: string, name: string, labels: Record<string, string> = {}) => {
    const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
    const line = text.split('\n').find((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `) ? want.every((w) => l.includes(w)) : false);
    return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
  };

  it('has the families, and values that match what happened', async () => {
    const origin = new URL(remote.url).origin;
    // A refused request, an invalid query and a named query, on top of the analysis above.
    await fetch(remote.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer nope' }, body: JSON.stringify({ query: '{ health { ok } }' }) });
    await fetch(remote.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${remote.token}` }, body: JSON.stringify({ query: '{ nope }' }) });
    await fetch(remote.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${remote.token}` }, body: JSON.stringify({ query: 'query Ping { health { ok } }', operationName: 'Ping' }) });
    const res = await fetch(`${origin}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    for (const family of [
      'klike_graphql_request_duration_seconds', 'klike_graphql_errors_total', 'klike_tasks_finished_total', 'klike_stage_duration_seconds',
      'klike_analysis_duration_seconds', 'klike_analysis_seconds_per_video_second', 'klike_queue_jobs', 'klike_websocket_connections',
      'klike_websocket_subscriptions', 'klike_ai_calls_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds',
    ]) expect(text, family).toContain(`# TYPE ${family} `);

    expect(sample(text, 'klike_tasks_finished_total', { status: 'COMPLETED' })).toBe(1);
    expect(sample(text, 'klike_analysis_duration_seconds_count', { status: 'COMPLETED' })).toBe(1);
    expect(sample(text, 'klike_analysis_seconds_per_video_second_count')).toBe(1);
    for (const stage of ['processing', 'extracting_audio', 'transcribing', 'analyzing_ai', 'generating_recommendations']) {
      expect(sample(text, 'klike_stage_duration_seconds_count', { stage, outcome: 'completed' }), stage).toBe(1);
    }
    expect(sample(text, 'klike_graphql_request_duration_seconds_count', { operation_type: 'query', operation_name: 'Ping', outcome: 'success' })).toBe(1);
    expect(sample(text, 'klike_graphql_request_duration_seconds_count', { operation_type: 'mutation', operation_name: 'ConfirmVideoUpload', outcome: 'success' })).toBe(1);
    expect(sample(text, 'klike_graphql_request_duration_seconds_count', { operation_name: '_refused', outcome: 'error' })).toBe(1);
    expect(sample(text, 'klike_graphql_errors_total', { code: 'UNAUTHENTICATED' })).toBe(1);
    expect(sample(text, 'klike_graphql_errors_total', { code: 'GRAPHQL_VALIDATION_FAILED' })).toBe(1);
    expect(sample(text, 'klike_ai_calls_total', { provider: 'offline', operation: 'analyze', outcome: 'ok' })).toBe(1);
    expect(sample(text, 'klike_ai_calls_total', { operation: 'recommend', outcome: 'ok' })).toBe(1);
    // pg-boss's cached counts: refreshed by its monitor every JOB_SUPERVISE_SECONDS (1 s here).
    expect(sample(text, 'klike_queue_jobs', { queue: 'analyze-video', state: 'queued' })).toBeTypeOf('number');
    await expect.poll(async () => sample(await (await fetch(`${origin}/metrics`)).text(), 'klike_queue_jobs', { queue: 'analyze-video', state: 'active' }), { timeout: 15_000 }).toBe(0);
    // The subscription of the analysis has ended with it.
    expect(sample(text, 'klike_websocket_subscriptions')).toBe(0);
  });

  it('counts an open subscription and its connection', async () => {
    const origin = new URL(remote.url).origin;
    const client = remote.ws();
    let sub: () => void = () => {};
    const first = new Promise<void>((resolve) => {
      sub = client.subscribe({ query: 'subscription($id: ID!) { taskUpdated(taskId: $id) { sequence } }', variables: { id: taskId } }, { next: () => resolve(), error: () => resolve(), complete: () => resolve() });
    });
    await first;
    // A finished task's stream replays and completes: open a fresh one that stays.
    sub();
    const liveTask = await remote.analyze(await makeVideo({ seconds: 6, audio: 'tone' }));
    const opened = new Promise<void>((resolve) => client.subscribe({ query: 'subscription($id: ID!) { taskUpdated(taskId: $id) { sequence } }', variables: { id: liveTask } }, { next: () => resolve(), error: () => resolve(), complete: () => {} }));
    await opened;
    const text = await (await fetch(`${origin}/metrics`)).text();
    expect(sample(text, 'klike_websocket_connections')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'klike_websocket_subscriptions')).toBe(1);
  });
});
