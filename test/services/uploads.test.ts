// UploadService without HTTP: the upload URL, what confirm checks, the one task and one job it
// makes (and only once), ownership, and the input rules with their stable codes.
import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymousCaller, type Caller } from '../../src/auth/caller.js';
import { ErrorCode } from '../../src/errors.js';
import { Platform, TaskStatus, VideoStatus } from '../../src/domain/model.js';
import type { MediaProbe } from '../../src/domain/media.js';
import { makeVideo } from '../helpers/media.js';
import { createHarness, type Harness } from './harness.js';

let h: Harness;
let owner: Caller;
let other: Caller;
let file: string;
let bytes: Buffer;
beforeAll(async () => {
  h = await createHarness();
  owner = (await h.user()).caller;
  other = (await h.user()).caller;
  file = await makeVideo({ seconds: 1 });
  bytes = await fs.readFile(file);
});
afterAll(() => h?.stop());

const input = (over: Record<string, unknown> = {}) => ({ filename: 'ad.mp4', contentType: 'video/mp4', sizeBytes: bytes.length, ...over });

async function jobsFor(taskId: string): Promise<number> {
  const [row] = await h.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${h.config.database.bossSchema}.job WHERE data->>'taskId' = $1`, [taskId]);
  return row!.n;
}

async function tasksOf(videoId: string): Promise<number> {
  const [row] = await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM tasks WHERE video_id = $1', [videoId]);
  return row!.n;
}

describe('createVideoUpload', () => {
  it('stores the video awaiting its upload and signs a PUT URL for an owner-scoped key', async () => {
    const { video, upload } = await h.services.uploads.createVideoUpload(owner, input({ filename: '  my ad.mp4 ', title: 'Spring' }));
    expect(video).toMatchObject({ owner_id: owner.userId, status: VideoStatus.AWAITING_UPLOAD, filename: 'my ad.mp4', title: 'Spring', content_type: 'video/mp4' });
    expect(Number(video.declared_size)).toBe(bytes.length);
    // The key never carries the user's filename.
    expect(video.storage_key).toBe(`uploads/${owner.userId}/${video.id}/source.mp4`);
    expect(upload.method).toBe('PUT');
    expect(upload.url.startsWith(`http://localhost:4000/`)).toBe(true);
    expect(upload.url).toContain(video.storage_key);
    expect(upload.headers).toEqual([{ name: 'Content-Type', value: 'video/mp4' }]);
    expect(upload.expiresAt.getTime()).toBeGreaterThan(Date.now());
    // The URL is one the storage driver accepts for exactly this key, type and size.
    const query = Object.fromEntries(new URL(upload.url).searchParams);
    expect(h.storage.verifyUpload(video.storage_key, query)).toMatchObject({ contentType: 'video/mp4', sizeBytes: bytes.length });
  });

  it('refuses bad input with stable codes, before anything is stored', async () => {
    const [{ n: before }] = await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM videos');
    const cases: [Record<string, unknown>, string, string | undefined][] = [
      [{ filename: '   ' }, ErrorCode.BAD_USER_INPUT, 'filename'],
      [{ filename: 'x'.repeat(256) }, ErrorCode.BAD_USER_INPUT, 'filename'],
      [{ filename: 'a\u0007.mp4' }, ErrorCode.BAD_USER_INPUT, 'filename'],
      [{ title: 't'.repeat(301) }, ErrorCode.BAD_USER_INPUT, 'title'],
      [{ sizeBytes: 0 }, ErrorCode.BAD_USER_INPUT, 'sizeBytes'],
      [{ sizeBytes: -5 }, ErrorCode.BAD_USER_INPUT, 'sizeBytes'],
      [{ sizeBytes: 1.5 }, ErrorCode.BAD_USER_INPUT, 'sizeBytes'],
      [{ idempotencyKey: 'has space' }, ErrorCode.BAD_USER_INPUT, 'idempotencyKey'],
      [{ contentType: 'text/plain' }, ErrorCode.UNSUPPORTED_MEDIA, undefined],
      [{ sizeBytes: h.config.uploads.maxBytes + 1 }, ErrorCode.UPLOAD_TOO_LARGE, undefined],
    ];
    for (const [over, code, argument] of cases) {
      const e = await h.services.uploads.createVideoUpload(owner, input(over)).catch((x: unknown) => x);
      expect({ over, code: (e as { code?: string }).code, argument: (e as { details?: { argument?: string } }).details?.argument }).toEqual({ over, code, argument });
    }
    // Content type is matched case-insensitively, trimmed.
    expect((await h.services.uploads.createVideoUpload(owner, input({ contentType: ' Video/MP4 ' }))).video.content_type).toBe('video/mp4');
    const [{ n: after }] = await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM videos');
    expect(after).toBe(before + 1);
  });

  it('an anonymous caller is UNAUTHENTICATED', async () => {
    await expect(h.services.uploads.createVideoUpload(anonymousCaller, input())).rejects.toMatchObject({ code: ErrorCode.UNAUTHENTICATED });
  });
});

describe('confirmVideoUpload', () => {
  it('before the object exists: UPLOAD_MISSING, and no task', async () => {
    const { video } = await h.services.uploads.createVideoUpload(owner, input());
    await expect(h.services.uploads.confirmVideoUpload(owner, { videoId: video.id })).rejects.toMatchObject({ code: ErrorCode.UPLOAD_MISSING });
    expect(await tasksOf(video.id)).toBe(0);
    expect((await h.services.videos.get(owner, video.id)).status).toBe(VideoStatus.AWAITING_UPLOAD);
  });

  it('with other than the declared size: UPLOAD_SIZE_MISMATCH with both sizes', async () => {
    const { video } = await h.services.uploads.createVideoUpload(owner, input());
    await h.storage.putObject(video.storage_key, bytes.subarray(0, 100), 'video/mp4');
    await expect(h.services.uploads.confirmVideoUpload(owner, { videoId: video.id })).rejects.toMatchObject({
      code: ErrorCode.UPLOAD_SIZE_MISMATCH,
      details: { uploaded: 100, declared: bytes.length },
    });
    expect(await tasksOf(video.id)).toBe(0);
  });

  it('after the bytes are stored: one QUEUED task with one job, and confirming again returns the same', async () => {
    const { video } = await h.services.uploads.createVideoUpload(owner, input());
    await h.storage.putObject(video.storage_key, bytes, 'video/mp4');
    const first = await h.services.uploads.confirmVideoUpload(owner, { videoId: video.id, analysis: { platforms: [Platform.TIKTOK] } });
    expect(first.video).toMatchObject({ id: video.id, status: VideoStatus.UPLOADED });
    expect(Number(first.video.size_bytes)).toBe(bytes.length);
    expect((first.video.media as MediaProbe).durationSeconds).toBeGreaterThan(0.5);
    expect(first.task).toMatchObject({ video_id: video.id, owner_id: owner.userId, status: TaskStatus.QUEUED, origin: 'confirm' });
    expect(first.task.job_id).toBeTruthy();
    expect(await jobsFor(first.task.id)).toBe(1);
    const events = await h.repos.tasks.eventsAfter(first.task.id, 0);
    expect(events.map((e) => [e.sequence, e.status])).toEqual([[1, TaskStatus.QUEUED]]);

    const again = await h.services.uploads.confirmVideoUpload(owner, { videoId: video.id });
    expect(again.task.id).toBe(first.task.id);
    // Racing confirmations settle on the same task too.
    const raced = await Promise.all([1, 2, 3].map(() => h.services.uploads.confirmVideoUpload(owner, { videoId: video.id })));
    expect(new Set(raced.map((r) => r.task.id))).toEqual(new Set([first.task.id]));
    expect(await tasksOf(video.id)).toBe(1);
    expect(await jobsFor(first.task.id)).toBe(1);
  });

  it("another user's video is NOT_FOUND, exactly like a missing one; an admin reaches it", async () => {
    const { video } = await h.services.uploads.createVideoUpload(owner, input());
    await h.storage.putObject(video.storage_key, bytes, 'video/mp4');
    const notFound = { code: ErrorCode.NOT_FOUND, message: 'Video not found' };
    await expect(h.services.uploads.confirmVideoUpload(other, { videoId: video.id })).rejects.toMatchObject(notFound);
    await expect(h.services.uploads.analyzeVideo(other, { videoId: video.id })).rejects.toMatchObject(notFound);
    await expect(h.services.videos.get(other, video.id)).rejects.toMatchObject(notFound);
    await expect(h.services.uploads.confirmVideoUpload(other, { videoId: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject(notFound);
    await expect(h.services.uploads.confirmVideoUpload(other, { videoId: 'not-a-uuid' })).rejects.toMatchObject(notFound);
    await expect(h.services.uploads.confirmVideoUpload(anonymousCaller, { videoId: video.id })).rejects.toMatchObject(notFound);
    expect(await tasksOf(video.id)).toBe(0);
    expect((await h.services.videos.list(other, { first: 50 })).rows.map((v) => v.id)).not.toContain(video.id);

    const admin = (await h.user('admin')).caller;
    expect((await h.services.videos.get(admin, video.id)).id).toBe(video.id);
    const { task } = await h.services.uploads.confirmVideoUpload(owner, { videoId: video.id });
    // A task made by an admin belongs to the video's owner.
    const re = await h.services.uploads.analyzeVideo(admin, { videoId: video.id });
    expect(re).toMatchObject({ owner_id: owner.userId, origin: 'reanalysis' });
    expect(re.id).not.toBe(task.id);
  });

  it('bad analysis options are BAD_USER_INPUT before anything is read', async () => {
    const { video } = await h.services.uploads.createVideoUpload(owner, input());
    const e = await h.services.uploads.confirmVideoUpload(owner, { videoId: video.id, analysis: { language: 'not a tag!' } }).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: ErrorCode.BAD_USER_INPUT });
  });
});
