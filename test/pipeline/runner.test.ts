// The runner itself, on real Postgres with fake stages (issue 10): each stage entered once and in
// order with the earlier outputs, resume after the last stored artifact, retry, failure codes,
// cancellation, the stage timeout and a worker shutdown. The fake stages carry the real stages'
// names and statuses (STAGES), so the task walks the real lifecycle and stores real artifact keys.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OfflineAnalyzer, OfflineRecommender, UnavailableTranscriber } from '../../src/analysis/offline.js';
import { createDatabase, type Database } from '../../src/datasources/postgres/db.js';
import { TasksRepo } from '../../src/datasources/postgres/tasks.js';
import { UsersRepo } from '../../src/datasources/postgres/users.js';
import { VideosRepo } from '../../src/datasources/postgres/videos.js';
import { MediaTools } from '../../src/datasources/media/ffmpeg.js';
import { LocalStorage } from '../../src/datasources/storage/local.js';
import { AppError, ErrorCode, WorkerShutdown } from '../../src/errors.js';
import { createLogger } from '../../src/logger.js';
import { TaskStatus } from '../../src/domain/model.js';
import { unmeasuredPerception } from '../../src/domain/perception.js';
import { STAGE_ORDER } from '../../src/domain/task-lifecycle.js';
import { RESULT_VERSION } from '../../src/domain/result.js';
import { buildResult, readStoredResult } from '../../src/pipeline/result.js';
import { PipelineRunner, type RunOptions } from '../../src/pipeline/runner.js';
import { STAGES } from '../../src/pipeline/stages/index.js';
import type { Stage, StageContext, StageName, StageOutputs } from '../../src/pipeline/types.js';
import type { TaskObserver } from '../../src/ops/task-observer.js';
import { createTestDatabase } from '../helpers/db.js';

let dbHandle: { url: string; drop: () => Promise<void> };
let db: Database;
let root: string;
let ownerId: string;

beforeAll(async () => {
  dbHandle = await createTestDatabase();
  db = createDatabase({ url: dbHandle.url, schema: 'klike' });
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'klike-runner-'));
  const user = await new UsersRepo(db).insert({ email: `runner-${randomUUID()}@example.com`, passwordHash: null });
  ownerId = user!.id;
});
afterAll(async () => {
  await db?.close();
  await dbHandle?.drop();
  await fs.rm(root, { recursive: true, force: true });
});

const NAMES = STAGES.map((s) => s.name);

/** What each fake stage returns: small, but shaped as the real outputs are, so the result can be built. */
const OUT: StageOutputs = {
  processing: {
    sizeBytes: 1234,
    media: {
      container: 'mp4',
      formatName: 'mov,mp4,m4a,3gp,3g2,mj2',
      durationSeconds: 2,
      sizeBytes: 1234,
      bitRate: null,
      video: null,
      audio: null,
      hasAudio: false,
      subtitles: [],
    },
  },
  fingerprint: { sha256: 'ab'.repeat(32), reuse: null },
  extracting_audio: { audioKey: null, durationSeconds: null, reason: 'NO_AUDIO_STREAM' },
  perceiving: unmeasuredPerception('NO_PERCEPTION_ENGINE'),
  transcribing: { available: false, engine: null, reason: 'NO_SPEECH_ENGINE' },
  analyzing_ai: { provider: 'fake', model: null, promptVersion: null, ruleBased: true, checks: [], issues: [], baseScore: 71 },
  generating_recommendations: { summary: 'fake summary', recommendations: [], source: 'rules', language: 'en' },
};

interface Entry {
  name: StageName;
  status: TaskStatus;
  /** A copy of ctx.outputs as the stage found it. */
  saw: Partial<StageOutputs>;
}

type Behaviour = (ctx: StageContext) => Promise<unknown>;

/** The real stage list's names and statuses with fake work; `entered` records every entry. */
function fakeStages(behaviour: Partial<Record<StageName, Behaviour>> = {}) {
  const entered: Entry[] = [];
  const stages: Stage[] = STAGES.map((real) => ({
    name: real.name,
    status: real.status,
    async run(ctx) {
      entered.push({ name: real.name, status: ctx.task.status, saw: structuredClone({ ...ctx.outputs }) });
      const b = behaviour[real.name];
      return b ? b(ctx) : OUT[real.name];
    },
  }));
  return { stages, entered, names: () => entered.map((e) => e.name) };
}

/** Resolves when the stage's signal aborts: rejects with its reason, as real stages (ffmpeg, fetch) do. */
const untilAborted = (ctx: StageContext) =>
  new Promise<never>((_, reject) => {
    if (ctx.signal.aborted) reject(ctx.signal.reason);
    ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason), { once: true });
  });

/** A promise with its resolver, to hold a stage (or learn that it started). */
function gate<T = void>() {
  let open!: (v: T) => void;
  const p = new Promise<T>((r) => (open = r));
  return { p, open };
}

function runnerWith(stages: readonly Stage[], over: { stageTimeoutMs?: number; observe?: TaskObserver } = {}) {
  const tasks = new TasksRepo(db);
  const runner = new PipelineRunner(
    tasks,
    new VideosRepo(db),
    {
      storage: new LocalStorage({ root: path.join(root, 'storage'), signingSecret: 'runner-test-secret-0123', publicBaseUrl: () => 'http://localhost' }),
      media: new MediaTools(),
      transcriber: new UnavailableTranscriber('NO_SPEECH_ENGINE'),
      analyzer: new OfflineAnalyzer(),
      recommender: new OfflineRecommender(),
      logger: createLogger('silent'),
      stageTimeoutMs: over.stageTimeoutMs ?? 60_000,
      tmpDir: root,
      observe: over.observe,
    },
    stages,
  );
  return { runner, tasks };
}

async function newTask(): Promise<string> {
  const id = randomUUID();
  await new VideosRepo(db).insert({
    id,
    ownerId,
    filename: 'ad.mp4',
    title: null,
    contentType: 'video/mp4',
    declaredSize: 1234,
    storageKey: `uploads/test/${id}/source.mp4`,
    uploadExpiresAt: new Date(Date.now() + 3600_000),
  });
  const { task } = await new TasksRepo(db).insert(db, { videoId: id, ownerId, origin: 'confirm', options: {} });
  return task.id;
}

const opts = (over: Partial<RunOptions> = {}): RunOptions => ({ signal: new AbortController().signal, attempt: 1, canRetry: false, ...over });
const events = async (taskId: string) => new TasksRepo(db).eventsAfter(taskId, 0);
const statuses = async (taskId: string) => (await events(taskId)).map((e) => e.status);
/** The outputs of the first k stages, as the stages return them. */
const outputsBefore = (k: number) => Object.fromEntries(NAMES.slice(0, k).map((n) => [n, OUT[n]]));

/** The statuses a full run walks through: each distinct stage status once, in order. */
const WALK = [TaskStatus.QUEUED, ...new Set(STAGES.map((s) => s.status)), TaskStatus.COMPLETED];

it('the stage list follows the lifecycle: statuses in STAGE_ORDER, each stage status entered', () => {
  // Stage names are task_artifacts keys that older tasks resume on: they never change.
  expect(NAMES).toEqual(['processing', 'fingerprint', 'extracting_audio', 'perceiving', 'transcribing', 'analyzing_ai', 'generating_recommendations']);
  const order = STAGES.map((s) => STAGE_ORDER.indexOf(s.status as (typeof STAGE_ORDER)[number]));
  expect(order.every((i, n) => i > 0 && (n === 0 || i >= order[n - 1]!))).toBe(true);
  expect(WALK).toEqual([...STAGE_ORDER]);
  expect(new Set(NAMES).size).toBe(NAMES.length);
});

describe('a full run', () => {
  it('enters each stage exactly once, in order, each with every earlier output; the task completes with its events stored', async () => {
    const taskId = await newTask();
    const fake = fakeStages();
    const { runner, tasks } = runnerWith(fake.stages);
    expect(await runner.run(taskId, opts())).toBe('completed');

    expect(fake.names()).toEqual(NAMES);
    fake.entered.forEach((e, k) => {
      expect(e.saw).toEqual(outputsBefore(k));
      expect(e.status).toBe(STAGES[k]!.status);
    });
    const task = (await tasks.get(taskId))!;
    expect(task.status).toBe(TaskStatus.COMPLETED);
    expect(task.progress).toBe(100);
    expect(await statuses(taskId)).toEqual(WALK);
    const seq = (await events(taskId)).map((e) => e.sequence);
    expect(seq).toEqual(seq.map((_, i) => i + 1));
    expect(Object.fromEntries((await tasks.forAttempt(taskId))!.artifacts)).toEqual(OUT);
    expect(task.result).toMatchObject({ summary: 'fake summary', provider: 'fake', media: OUT.processing.media });
    // The stored result says which shape it has.
    expect(RESULT_VERSION).toBe(1);
    expect((task.result as { version?: unknown }).version).toBe(RESULT_VERSION);
  });
});

describe('the stored result version', () => {
  it('a result stored before versions existed reads as version 1; a stored version is kept', () => {
    const { version, ...old } = buildResult(OUT);
    expect(version).toBe(RESULT_VERSION);
    expect('version' in old).toBe(false);
    expect(readStoredResult(old)).toEqual({ ...old, version: 1 });
    expect(readStoredResult({ ...old, version: 2 }).version).toBe(2);
  });
});

describe('resume', () => {
  // Attempt 1 died in stage k (the task at its status) with the first k outputs stored.
  it.each(NAMES.slice(1).map((n, i) => [i + 1, n] as const))('%i stored (next: %s): those stages are not entered, later ones get the stored outputs', async (k) => {
    const taskId = await newTask();
    const { tasks } = runnerWith([]);
    for (const s of STAGE_ORDER.slice(1, STAGE_ORDER.indexOf(STAGES[k]!.status as (typeof STAGE_ORDER)[number]) + 1)) {
      expect((await tasks.transition(taskId, { to: s, message: 'attempt 1' })).ok).toBe(true);
    }
    // Stored values differ from what the fakes would return, so receiving them is visible.
    const stored = { ...outputsBefore(k), processing: { ...OUT.processing, sizeBytes: 4242 } };
    for (const [name, data] of Object.entries(stored)) await tasks.putArtifact(taskId, name, data);

    const fake = fakeStages();
    const { runner } = runnerWith(fake.stages);
    expect(await runner.run(taskId, opts({ attempt: 2 }))).toBe('completed');
    expect(fake.names()).toEqual(NAMES.slice(k));
    expect(fake.entered[0]!.saw).toEqual(stored);
    expect(fake.entered.at(-1)!.saw).toMatchObject({ processing: { sizeBytes: 4242 } });
    const task = (await tasks.get(taskId))!;
    expect(task.status).toBe(TaskStatus.COMPLETED);
    expect(task.result).toMatchObject({ media: OUT.processing.media });
  });
});

describe('retry', () => {
  it('a retryable error with a retry left: the attempt throws, the task stays live and says it will retry; attempt 2 resumes at that stage', async () => {
    const taskId = await newTask();
    let failed = false;
    const planted = new AppError(ErrorCode.AI_PROVIDER_UNAVAILABLE, 'planted failure', { retryable: true });
    const fake = fakeStages({
      transcribing: async () => {
        if (!failed) {
          failed = true;
          throw planted;
        }
        return OUT.transcribing;
      },
    });
    const { runner, tasks } = runnerWith(fake.stages);
    await expect(runner.run(taskId, opts({ attempt: 1, canRetry: true }))).rejects.toBe(planted);
    const between = (await tasks.get(taskId))!;
    expect(between.status).toBe(TaskStatus.TRANSCRIBING);
    expect(between.error_code).toBeNull();
    const last = (await events(taskId)).at(-1)!;
    expect(last).toMatchObject({ status: TaskStatus.TRANSCRIBING, message: 'Attempt 1 failed (AI_PROVIDER_UNAVAILABLE); retrying' });
    const t = NAMES.indexOf('transcribing');
    expect([...(await tasks.forAttempt(taskId))!.artifacts.keys()].sort()).toEqual(NAMES.slice(0, t).sort());

    expect(await runner.run(taskId, opts({ attempt: 2, canRetry: false }))).toBe('completed');
    expect(fake.names()).toEqual([...NAMES.slice(0, t + 1), ...NAMES.slice(t)]);
    expect(fake.entered[t + 1]!.saw).toEqual(outputsBefore(t));
    expect((await tasks.get(taskId))!.status).toBe(TaskStatus.COMPLETED);
    // One status change per stage status across both attempts: the retry did not walk the lifecycle again.
    expect((await statuses(taskId)).filter((s) => s !== TaskStatus.TRANSCRIBING)).toEqual(WALK.filter((s) => s !== TaskStatus.TRANSCRIBING));
  });
});

describe('failure', () => {
  it.each([
    ['a non-retryable error', new AppError(ErrorCode.MEDIA_DECODE_FAILED, 'cannot decode', { retryable: false }), true, ErrorCode.MEDIA_DECODE_FAILED],
    ['a retryable error on the last attempt', new AppError(ErrorCode.AI_PROVIDER_UNAVAILABLE, 'down', { retryable: true }), false, ErrorCode.AI_PROVIDER_UNAVAILABLE],
    ['an uncoded error on the last attempt', new Error('boom'), false, ErrorCode.INTERNAL_SERVER_ERROR],
  ] as const)('%s: FAILED with its stable code, no later stage entered', async (_, error, canRetry, code) => {
    const taskId = await newTask();
    const fake = fakeStages({ analyzing_ai: () => Promise.reject(error) });
    const { runner, tasks } = runnerWith(fake.stages);
    expect(await runner.run(taskId, opts({ canRetry }))).toBe('failed');
    expect(fake.names()).toEqual(NAMES.slice(0, NAMES.indexOf('analyzing_ai') + 1));
    const task = (await tasks.get(taskId))!;
    expect(task).toMatchObject({ status: TaskStatus.FAILED, error_code: code });
    expect(task.result).toBeNull();
    expect((await events(taskId)).at(-1)).toMatchObject({ status: TaskStatus.FAILED, error_code: code });
  });
});

describe('cancel', () => {
  // As the worker does: the API moves the task to CANCELLED, the worker hears it and aborts the attempt.
  async function cancelDuring(behaviour: (ctx: StageContext, held: Promise<void>) => Promise<unknown>) {
    const taskId = await newTask();
    const started = gate();
    const held = gate();
    const fake = fakeStages({
      extracting_audio: (ctx) => {
        started.open();
        return behaviour(ctx, held.p);
      },
    });
    const { runner, tasks } = runnerWith(fake.stages);
    const ctrl = new AbortController();
    const outcome = runner.run(taskId, opts({ signal: ctrl.signal, canRetry: true }));
    await started.p;
    expect((await tasks.transition(taskId, { to: TaskStatus.CANCELLED, message: 'Cancelled on request' })).ok).toBe(true);
    ctrl.abort(new AppError(ErrorCode.CANCELLED, 'cancelled on request'));
    held.open();
    expect(await outcome).toBe('cancelled');
    expect(fake.names()).toEqual(NAMES.slice(0, NAMES.indexOf('extracting_audio') + 1));
    expect((await tasks.get(taskId))!.status).toBe(TaskStatus.CANCELLED);
    expect((await statuses(taskId)).at(-1)).toBe(TaskStatus.CANCELLED);
    expect((await statuses(taskId)).filter((s) => s === TaskStatus.CANCELLED)).toHaveLength(1);
  }

  it('a stage that stops on the abort: cancelled, no later stage entered, the task stays CANCELLED', async () => {
    await cancelDuring((ctx) => untilAborted(ctx));
  });

  it('a stage that finishes anyway: still cancelled, no later stage entered', async () => {
    await cancelDuring(async (_, held) => {
      await held;
      return OUT.extracting_audio;
    });
  });
});

describe('stage timeout', () => {
  // The stage waits for its own signal; the runner's timer is the only clock.
  const slow = () => fakeStages({ perceiving: (ctx) => untilAborted(ctx) });

  it('with a retry left: STAGE_TIMEOUT, retryable, the task live', async () => {
    const taskId = await newTask();
    const fake = slow();
    const { runner, tasks } = runnerWith(fake.stages, { stageTimeoutMs: 50 });
    await expect(runner.run(taskId, opts({ canRetry: true }))).rejects.toMatchObject({ code: ErrorCode.STAGE_TIMEOUT, retryable: true });
    expect(fake.names().at(-1)).toBe('perceiving');
    const task = (await tasks.get(taskId))!;
    expect(task.status).toBe(TaskStatus.EXTRACTING_AUDIO);
    expect((await events(taskId)).at(-1)!.message).toBe('Attempt 1 failed (STAGE_TIMEOUT); retrying');
  });

  it('on the last attempt: FAILED with STAGE_TIMEOUT', async () => {
    const taskId = await newTask();
    const fake = slow();
    const { runner, tasks } = runnerWith(fake.stages, { stageTimeoutMs: 50 });
    expect(await runner.run(taskId, opts({ canRetry: false }))).toBe('failed');
    expect(fake.names().at(-1)).toBe('perceiving');
    expect((await tasks.get(taskId))!).toMatchObject({ status: TaskStatus.FAILED, error_code: ErrorCode.STAGE_TIMEOUT });
  });
});

describe('worker shutdown', () => {
  it('rethrows WorkerShutdown: no FAILED, no retry event, the task not terminal', async () => {
    const taskId = await newTask();
    const started = gate();
    const fake = fakeStages({
      analyzing_ai: (ctx) => {
        started.open();
        return untilAborted(ctx);
      },
    });
    const seen: string[] = [];
    const { runner, tasks } = runnerWith(fake.stages, { observe: (e) => seen.push(e.event) });
    const ctrl = new AbortController();
    const outcome = runner.run(taskId, opts({ signal: ctrl.signal, canRetry: false }));
    await started.p;
    const before = (await tasks.get(taskId))!;
    ctrl.abort(new WorkerShutdown());
    await expect(outcome).rejects.toBeInstanceOf(WorkerShutdown);
    const after = (await tasks.get(taskId))!;
    expect(after.status).toBe(TaskStatus.ANALYZING_AI);
    expect(after.last_sequence).toBe(before.last_sequence);
    expect(await statuses(taskId)).not.toContain(TaskStatus.FAILED);
    expect(seen).toContain('analysis_interrupted');
    expect(seen).not.toContain('analysis_failed');
    expect(fake.names().at(-1)).toBe('analyzing_ai');
  });
});
