// Cancellation: a queued task never runs; a running one stops its stage at once; finished ones stay.
import fs from 'node:fs/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, codes, startTestApp, uploadTo, type TestApp } from '../helpers/app.js';
import { makeVideo } from '../helpers/media.js';
import { CancelTaskDocument, ConfirmVideoUploadDocument, CreateVideoUploadDocument, GetTaskDocument, TaskUpdatedDocument } from '../generated/graphql.js';
import type { Transcriber, TranscribeInput } from '../../src/analysis/ports.js';
import { createTestDatabase } from '../helpers/db.js';

async function confirmNew(t: TestApp, seconds = 1) {
  const file = await makeVideo({ seconds });
  const { size } = await fs.stat(file);
  const { createVideoUpload: up } = await t.ok(CreateVideoUploadDocument, { input: { filename: 'a.mp4', contentType: 'video/mp4', sizeBytes: size } });
  expect((await uploadTo(up, file)).status).toBe(200);
  return (await t.ok(ConfirmVideoUploadDocument, { input: { videoId: up.video.id } })).confirmVideoUpload.task;
}

async function jobState(dbUrl: string, taskId: string): Promise<string | undefined> {
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  try {
    const { rows } = await c.query(`SELECT j.state FROM pgboss.job j JOIN klike.tasks t ON t.job_id = j.id::text WHERE t.id = $1`, [taskId]);
    return rows[0]?.state;
  } finally {
    await c.end();
  }
}

describe('cancelling a queued task (API only, no worker running)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ role: 'api' });
  });
  afterAll(() => t?.stop());

  it('moves it to CANCELLED, ends the stream, removes the job, and is idempotent', async () => {
    const task = await confirmNew(t);
    expect(await jobState(t.dbUrl, task.id)).toBe('created');
    const stream = collect(t.ws(), TaskUpdatedDocument, { taskId: task.id });
    const { cancelTask } = await t.ok(CancelTaskDocument, { id: task.id });
    expect(cancelTask.status).toBe('CANCELLED');
    expect(cancelTask.error?.code).toBe('CANCELLED');
    const { events } = await stream;
    expect(events.map((e) => e.taskUpdated.status)).toEqual(['QUEUED', 'CANCELLED']);
    expect(await jobState(t.dbUrl, task.id)).toBe('cancelled');
    expect((await t.ok(CancelTaskDocument, { id: task.id })).cancelTask.status).toBe('CANCELLED');
  });

  it('unknown task ids are NOT_FOUND', async () => {
    expect(codes(await t.gql(CancelTaskDocument, { id: '00000000-0000-4000-8000-000000000000' }))).toEqual(['NOT_FOUND']);
  });
});

/** A speech engine that works until it is told to stop, and records that it was. */
class BlockingTranscriber implements Transcriber {
  readonly name = 'blocking';
  started!: Promise<void>;
  private markStarted!: () => void;
  abortedAt: number | null = null;
  constructor() {
    this.started = new Promise((r) => (this.markStarted = r));
  }
  transcribe(input: TranscribeInput): Promise<never> {
    this.markStarted();
    return new Promise((_, reject) => {
      input.signal.addEventListener('abort', () => {
        this.abortedAt = Date.now();
        reject(input.signal.reason);
      }, { once: true });
    });
  }
}

describe('cancelling a running task', () => {
  const transcriber = new BlockingTranscriber();
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ engines: { transcriber } });
  });
  afterAll(() => t?.stop());

  it('aborts the running stage within moments and nothing follows CANCELLED', async () => {
    const task = await confirmNew(t);
    const stream = collect(t.ws(), TaskUpdatedDocument, { taskId: task.id });
    await transcriber.started;
    const cancelledAt = Date.now();
    await t.ok(CancelTaskDocument, { id: task.id });
    const { events } = await stream;
    const statuses = events.map((e) => e.taskUpdated.status);
    expect(statuses.at(-1)).toBe('CANCELLED');
    expect(statuses).toContain('TRANSCRIBING');
    expect(statuses).not.toContain('ANALYZING_AI');
    // The worker heard of it through the task notification, not a poll.
    await expect.poll(() => transcriber.abortedAt, { timeout: 5000 }).not.toBeNull();
    expect(transcriber.abortedAt! - cancelledAt).toBeLessThan(1000);
    expect(await jobState(t.dbUrl, task.id)).toBe('cancelled');
    const { task: after } = await t.ok(GetTaskDocument, { id: task.id });
    expect(after?.status).toBe('CANCELLED');
    expect(after?.events.at(-1)?.status).toBe('CANCELLED');
  });

  it('a finished task cannot be cancelled: INVALID_STATE', async () => {
    const db = await createTestDatabase();
    const t2 = await startTestApp({ db });
    try {
      const task = await confirmNew(t2);
      const { events } = await collect(t2.ws(), TaskUpdatedDocument, { taskId: task.id });
      expect(events.at(-1)?.taskUpdated.status).toBe('COMPLETED');
      expect(codes(await t2.gql(CancelTaskDocument, { id: task.id }))).toEqual(['INVALID_STATE']);
    } finally {
      await t2.stop();
      await db.drop();
    }
  });
});
