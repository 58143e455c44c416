// Housekeeping on a running app with real storage and a real analysis: unconfirmed uploads past
// their URL's life become EXPIRED and lose their object; processed files of old tasks go, results
// stay; orphaned attempt directories go; the job is on a pg-boss schedule.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, collect, startTestApp, uploadTo, type TestApp } from '../helpers/app.js';
import { makeVideo } from '../helpers/media.js';
import { ConfirmVideoUploadDocument, CreateVideoUploadDocument, GetTaskDocument, GetVideoDocument, TaskUpdatedDocument } from '../generated/graphql.js';
import { HOUSEKEEPING_QUEUE } from '../../src/jobs/housekeeping.js';
import { PgBoss } from 'pg-boss';

let t: TestApp;
let tmpDir: string;
const DAY = 86_400_000;

beforeAll(async () => {
  tmpDir = await fs.mkdtemp(path.join(os.tmpdir(), 'klike-hk-'));
  t = await startTestApp({ env: { PROCESSED_RETENTION_DAYS: '7', HOUSEKEEPING_CRON: '0 3 * * *' }, tmpDir });
});
afterAll(async () => {
  await t?.stop();
  await fs.rm(tmpDir, { recursive: true, force: true });
});

async function upload(file: string) {
  const { size } = await fs.stat(file);
  const { createVideoUpload: up } = await t.ok(CreateVideoUploadDocument, { input: { filename: 'a.mp4', contentType: 'video/mp4', sizeBytes: size } });
  expect((await uploadTo(up, file)).status).toBe(200);
  return up;
}

describe('housekeeping', () => {
  it('runs on a pg-boss schedule with the configured cron', async () => {
    const boss = new PgBoss({ connectionString: t.dbUrl, schema: 'pgboss', supervise: false, schedule: false });
    boss.on('error', () => {});
    await boss.start();
    try {
      const schedules = await boss.getSchedules(HOUSEKEEPING_QUEUE);
      expect(schedules.map((s) => s.cron)).toEqual(['0 3 * * *']);
    } finally {
      await boss.stop({ graceful: false });
    }
  });

  it('expires unconfirmed uploads past their URL life and deletes their objects; confirmed ones stay', async () => {
    const file = await makeVideo({ seconds: 1 });
    const stale = await upload(file);
    const kept = await upload(file);
    const storage = t.app.storage;
    const key = async (id: string) => {
      const c = new pg.Client({ connectionString: t.dbUrl });
      await c.connect();
      const { rows } = await c.query('SELECT storage_key FROM klike.videos WHERE id = $1', [id]);
      await c.end();
      return rows[0].storage_key as string;
    };
    const staleKey = await key(stale.video.id);
    expect(await storage.head(staleKey)).not.toBeNull();
    await t.ok(ConfirmVideoUploadDocument, { input: { videoId: kept.video.id } });

    // Just after expiry a PUT may still be arriving: nothing happens yet.
    const expiry = new Date(stale.expiresAt as unknown as string).getTime();
    expect((await t.app.housekeeping!.run(new Date(expiry + 60_000))).expiredUploads).toBe(0);
    const report = await t.app.housekeeping!.run(new Date(expiry + DAY));
    expect(report.expiredUploads).toBeGreaterThanOrEqual(1);
    const { video } = await t.ok(GetVideoDocument, { id: stale.video.id });
    expect(video?.status).toBe('EXPIRED');
    expect(await storage.head(staleKey)).toBeNull();
    expect(codes(await t.gql(ConfirmVideoUploadDocument, { input: { videoId: stale.video.id } }))).toEqual(['UPLOAD_URL_EXPIRED']);
    expect((await t.ok(GetVideoDocument, { id: kept.video.id })).video?.status).toBe('UPLOADED');
  });

  it('deletes processed audio and stills after PROCESSED_RETENTION_DAYS, keeping the result', async () => {
    const up = await upload(await makeVideo({ seconds: 2, audio: 'tone', cutsAt: [1] }));
    const { confirmVideoUpload: c } = await t.ok(ConfirmVideoUploadDocument, { input: { videoId: up.video.id } });
    const { events } = await collect(t.ws(), TaskUpdatedDocument, { taskId: c.task.id });
    expect(events.at(-1)?.taskUpdated.status).toBe('COMPLETED');
    const db = new pg.Client({ connectionString: t.dbUrl });
    await db.connect();
    const { rows: [a] } = await db.query("SELECT data FROM klike.task_artifacts WHERE task_id = $1 AND stage = 'extracting_audio'", [c.task.id]);
    const keys: string[] = [a.data.audioKey, ...a.data.thumbnails.map((th: { key: string }) => th.key)].filter(Boolean);
    expect(keys.length).toBeGreaterThan(1);
    for (const k of keys) expect(await t.app.storage.head(k), k).not.toBeNull();

    expect((await t.app.housekeeping!.run(new Date(Date.now() + 6 * DAY))).purgedTasks).toBe(0);
    for (const k of keys) expect(await t.app.storage.head(k)).not.toBeNull();
    const report = await t.app.housekeeping!.run(new Date(Date.now() + 8 * DAY));
    expect(report.purgedTasks).toBeGreaterThanOrEqual(1);
    for (const k of keys) expect(await t.app.storage.head(k), k).toBeNull();
    const purgedAt = async () => (await db.query('SELECT processed_purged_at AS at FROM klike.tasks WHERE id = $1', [c.task.id])).rows[0].at as Date | null;
    const first = await purgedAt();
    expect(first).not.toBeNull();
    // The result stays, and a second run has nothing left to do for it (the first test's task may
    // finish late on a busy machine and be purged by this run: only this task's mark is checked).
    const { task } = await t.ok(GetTaskDocument, { id: c.task.id });
    expect(task?.result?.score).toBeTypeOf('number');
    await t.app.housekeeping!.run(new Date(Date.now() + 9 * DAY));
    expect((await purgedAt())?.getTime()).toBe(first!.getTime());
    await db.end();
  });

  it('removes orphaned attempt directories once older than any job may run, nothing else', async () => {
    const old = path.join(tmpDir, 'klike-0123abcd-AbC123');
    const fresh = path.join(tmpDir, 'klike-4567abcd-XyZ789');
    const other = path.join(tmpDir, 'klike-not-ours');
    for (const d of [old, fresh, other]) await fs.mkdir(d, { recursive: true });
    await fs.writeFile(path.join(old, 'audio.wav'), 'x');
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000 - t.app.config.jobs.expireSeconds * 1000);
    await fs.utimes(old, twoHoursAgo, twoHoursAgo);
    await fs.utimes(other, twoHoursAgo, twoHoursAgo);
    expect(await t.app.housekeeping!.sweepTemp()).toBe(1);
    const left = await fs.readdir(tmpDir);
    expect(left).toContain(path.basename(fresh));
    expect(left).toContain(path.basename(other));
    expect(left).not.toContain(path.basename(old));
  });
});
