// The runner's reads before its first transition run at once (pickup latency, issue 12): whatever
// they find, or however one of them fails, the attempt ends without leaving a work directory.
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

function runnerOn(d: Database, tmpDir = scratch) {
  const storage = new LocalStorage({ root: path.join(root, 'storage'), signingSecret: 'preamble-test-secret-01', publicBaseUrl: () => 'http://localhost' });
  return new PipelineRunner(new TasksRepo(d), new VideosRepo(d), {
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
