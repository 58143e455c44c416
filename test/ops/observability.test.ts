// A real process runs a real analysis; its log lines carry the design's fields, one per task event.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnKlike, type KlikeProcess, type LogLine } from '../helpers/process.js';
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
  proc = spawnKlike([], {
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_URL: db.url,
    DATA_DIR: dataDir,
    JOB_SUPERVISE_SECONDS: '1',
  });
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
    const stages = ['processing', 'extracting_audio', 'transcribing', 'analyzing_ai', 'generating_recommendations'];
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
