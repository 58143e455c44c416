// The runner's reads before its first transition run at once and write nothing (pickup latency,
// issue 12): whatever they find, or however one of them fails, the attempt ends without leaving a work
// directory, and a task they fail on is still QUEUED, as it was (a retry starts it cleanly). The
// attempt is counted by the first transition itself, so the pickup commits once before PROCESSING.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { OfflineAnalyzer, OfflineRecommender, UnavailableTranscriber } from '../../src/analysis/offline.js';
import { CaptionsRepo } from '../../src/datasources/postgres/captions.js';
import { createDatabase, type Database } from '../../src/datasources/postgres/db.js';
import { TasksRepo } from '../../src/datasources/postgres/tasks.js';
import { VideosRepo } from '../../src/datasources/postgres/videos.js';
import { MediaTools } from '../../src/datasources/media/ffmpeg.js';
import { LocalStorage } from '../../src/datasources/storage/local.js';
import { createLogger } from '../../src/logger.js';
import { TaskStatus } from '../../src/domain/model.js';
import { PipelineRunner } from '../../src/pipeline/runner.js';
import { createTestDatabase } from '../helpers/db.js';

let dbHandle: { url: string; drop: () => Promise<void> };
let db: Database;
let root: string;
let scratch: string;

beforeAll(async () => {
  dbHandle = await createTestDatabase();
  db = createDatabase({ url: dbHandle.url, schema: 'klike' });
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'klike-preamble-'));
  scratch = path.join(root, 'scratch');
  await fs.mkdir(scratch);
});
afterAll(async () => {
  await db?.close();
  await dbHandle?.drop();
  await fs.rm(root, { recursive: true, force: true });
});

function runnerOn(d: Database, tmpDir = scratch, tasks = new TasksRepo(d)) {
  const storage = new LocalStorage({ root: path.join(root, 'storage'), signingSecret: 'preamble-test-secret-01', publicBaseUrl: () => 'http://localhost' });
  return new PipelineRunner(tasks, new VideosRepo(d), {
    storage,
    media: new MediaTools(),
    transcriber: new UnavailableTranscriber('NO_SPEECH_ENGINE'),
    analyzer: new OfflineAnalyzer(),
    recommender: new OfflineRecommender(),
    captions: new CaptionsRepo(d),
    logger: createLogger('silent'),
    stageTimeoutMs: 60_000,
    tmpDir,
  });
}

async function newTask(): Promise<string> {
  const id = randomUUID();
  await new VideosRepo(db).insert({ id, ownerId: null, filename: 'ad.mp4', title: null, contentType: 'video/mp4', declaredSize: 1000, storageKey: `uploads/test/${id}/source.mp4`, uploadExpiresAt: new Date(Date.now() + 3600_000) });
  const { task } = await new TasksRepo(db).insert(db, { videoId: id, ownerId: null, origin: 'confirm', options: {} });
  return task.id;
}

const opts = () => ({ signal: new AbortController().signal, attempt: 1, canRetry: false });

it('a task that has already ended is skipped: the attempt is counted, no transition, no work directory left', async () => {
  const taskId = await newTask();
  const tasks = new TasksRepo(db);
  expect((await tasks.transition(taskId, { to: TaskStatus.CANCELLED, message: 'by test' })).ok).toBe(true);
  const before = (await tasks.get(taskId))!;
  expect(await runnerOn(db).run(taskId, opts())).toBe('skipped');
  const after = (await tasks.get(taskId))!;
  expect(after.attempts).toBe(before.attempts + 1);
  expect(after.last_sequence).toBe(before.last_sequence);
  expect(await fs.readdir(scratch)).toEqual([]);
});

it('an unknown task is skipped without a work directory', async () => {
  expect(await runnerOn(db).run(randomUUID(), opts())).toBe('skipped');
  expect(await fs.readdir(scratch)).toEqual([]);
});

it('a failing read rejects the attempt (pg-boss retries it) and removes the work directory made beside it', async () => {
  const closed = createDatabase({ url: dbHandle.url, schema: 'klike' });
  await closed.close();
  const taskId = await newTask();
  await expect(runnerOn(closed).run(taskId, opts())).rejects.toThrow();
  expect(await fs.readdir(scratch)).toEqual([]);
  expect((await new TasksRepo(db).get(taskId))!.status).toBe(TaskStatus.QUEUED);
});

it('a work directory that cannot be made rejects the attempt with the error, the task untouched', async () => {
  const taskId = await newTask();
  await expect(runnerOn(db, path.join(root, 'missing')).run(taskId, opts())).rejects.toMatchObject({ code: 'ENOENT' });
  expect((await new TasksRepo(db).get(taskId))!.status).toBe(TaskStatus.QUEUED);
});

/** Records what the runner writes to the task before its stages run. */
class SpyTasks extends TasksRepo {
  calls: string[] = [];
  override noteAttempt(taskId: string) {
    this.calls.push('noteAttempt');
    return super.noteAttempt(taskId);
  }
  override transition(...args: Parameters<TasksRepo['transition']>) {
    this.calls.push(`transition ${args[1].to}${args[1].countAttempt ? ' +attempt' : ''}`);
    return super.transition(...args);
  }
}

const statuses = async (taskId: string) => (await new TasksRepo(db).eventsAfter(taskId, 0)).map((e) => e.status);

it('a queued task is started by one transition that also counts the attempt (no write before it)', async () => {
  const taskId = await newTask();
  const spy = new SpyTasks(db);
  // The upload was never stored: the first stage fails, and the attempt (no retries left) fails the task.
  expect(await runnerOn(db, scratch, spy).run(taskId, opts())).toBe('failed');
  expect(spy.calls.slice(0, 1)).toEqual(['transition PROCESSING +attempt']);
  expect(spy.calls).not.toContain('noteAttempt');
  expect((await new TasksRepo(db).get(taskId))!.attempts).toBe(1);
  expect(await statuses(taskId)).toEqual([TaskStatus.QUEUED, TaskStatus.PROCESSING, TaskStatus.FAILED]);
  expect(await fs.readdir(scratch)).toEqual([]);
});

it('a retry resuming in the status it was in counts its attempt without a transition', async () => {
  const taskId = await newTask();
  const tasks = new TasksRepo(db);
  expect((await tasks.transition(taskId, { to: TaskStatus.PROCESSING, message: 'an earlier attempt', countAttempt: true })).ok).toBe(true);
  const spy = new SpyTasks(db);
  expect(await runnerOn(db, scratch, spy).run(taskId, { ...opts(), attempt: 2 })).toBe('failed');
  expect(spy.calls[0]).toBe('noteAttempt');
  expect((await tasks.get(taskId))!.attempts).toBe(2);
  expect(await statuses(taskId)).toEqual([TaskStatus.QUEUED, TaskStatus.PROCESSING, TaskStatus.FAILED]);
});

it('a task cancelled between the reads and the first transition is counted once and not started', async () => {
  const taskId = await newTask();
  const spy = new (class extends SpyTasks {
    override async forAttempt(id: string) {
      const found = await super.forAttempt(id);
      // The cancellation lands after the runner read the task as QUEUED.
      await new TasksRepo(db).transition(id, { to: TaskStatus.CANCELLED, message: 'by test' });
      return found;
    }
  })(db);
  expect(await runnerOn(db, scratch, spy).run(taskId, opts())).toBe('cancelled');
  expect((await new TasksRepo(db).get(taskId))!.attempts).toBe(1);
  expect(await statuses(taskId)).toEqual([TaskStatus.QUEUED, TaskStatus.CANCELLED]);
  expect(await fs.readdir(scratch)).toEqual([]);
});
