// Idempotency keys: the same key from the same user returns the same upload or task, never a
// second one, also when the calls race (the unique index decides, the loser returns the winner's row).
import fs from 'node:fs/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, startTestApp, uploadTo, type TestApp } from '../helpers/app.js';
import { makeVideo } from '../helpers/media.js';
import { userCaller } from '../../src/auth/caller.js';
import { AnalyzeVideoDocument, ConfirmVideoUploadDocument, CreateVideoUploadDocument } from '../generated/graphql.js';

async function count(dbUrl: string, sql: string, params: unknown[]): Promise<number> {
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  try {
    return Number((await c.query(sql, params)).rows[0].n);
  } finally {
    await c.end();
  }
}

describe('idempotency keys (API only)', () => {
  let t: TestApp;
  let file: string;
  let size: number;
  beforeAll(async () => {
    t = await startTestApp({ role: 'api' });
    file = await makeVideo({ seconds: 1 });
    size = (await fs.stat(file)).size;
  });
  afterAll(() => t?.stop());

  const create = (key: string | undefined, sizeBytes = size, token?: string) =>
    t.gql(CreateVideoUploadDocument, { input: { filename: 'a.mp4', contentType: 'video/mp4', sizeBytes, idempotencyKey: key } }, token ? { authorization: `Bearer ${token}` } : undefined);

  it('createVideoUpload: a repeated key returns the same video with a working URL; another key a new one', async () => {
    const a = (await create('upload-1')).data!.createVideoUpload;
    const b = (await create('upload-1')).data!.createVideoUpload;
    expect(b.video.id).toBe(a.video.id);
    expect((await uploadTo(b, file)).status).toBe(200);
    expect((await create('upload-2')).data!.createVideoUpload.video.id).not.toBe(a.video.id);
    expect((await create(undefined)).data!.createVideoUpload.video.id).not.toBe(a.video.id);
  });

  it('createVideoUpload: racing calls with one key make one video', async () => {
    const results = await Promise.all(Array.from({ length: 30 }, () => create('race-upload')));
    const ids = new Set(results.map((r) => r.data?.createVideoUpload.video.id));
    expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
    expect(ids.size).toBe(1);
    expect(await count(t.dbUrl, `SELECT count(*) AS n FROM klike.videos WHERE owner_id = $1 AND idempotency_key = 'race-upload'`, [t.userId])).toBe(1);
  });

  it('createVideoUpload: calls interleaved past the lookup are settled by the unique index', async () => {
    // In one process the calls interleave at each await: with connections open (warmed up here),
    // all look the key up before any inserts, so all but one insert hit the unique index.
    await Promise.all(Array.from({ length: 10 }, () => t.app.db.query('SELECT pg_sleep(0.02)')));
    const caller = userCaller(t.userId, 'user', 'token');
    const input = { filename: 'a.mp4', contentType: 'video/mp4', sizeBytes: size, idempotencyKey: 'interleaved' };
    const results = await Promise.all(Array.from({ length: 10 }, () => t.app.services!.uploads.createVideoUpload(caller, input)));
    expect(new Set(results.map((r) => r.video.id)).size).toBe(1);
    expect(await count(t.dbUrl, `SELECT count(*) AS n FROM klike.videos WHERE owner_id = $1 AND idempotency_key = 'interleaved'`, [t.userId])).toBe(1);
  });

  it('createVideoUpload: the same key with another size is CONFLICT; another user has keys of their own', async () => {
    await create('upload-3');
    expect(codes(await create('upload-3', size + 1))).toEqual(['CONFLICT']);
    const other = await t.signUp();
    const mine = (await create('upload-3')).data!.createVideoUpload.video.id;
    const theirs = (await create('upload-3', size, other.token)).data!.createVideoUpload.video.id;
    expect(theirs).not.toBe(mine);
    expect(codes(await create('has a space'))).toEqual(['BAD_USER_INPUT']);
  });

  it('analyzeVideo: a repeated key returns the same task, racing calls make one, another video is CONFLICT', async () => {
    const confirmNew = async () => {
      const up = (await create(undefined)).data!.createVideoUpload;
      expect((await uploadTo(up, file)).status).toBe(200);
      return (await t.ok(ConfirmVideoUploadDocument, { input: { videoId: up.video.id } })).confirmVideoUpload.video.id;
    };
    const videoId = await confirmNew();
    const analyze = (key: string, id = videoId) => t.gql(AnalyzeVideoDocument, { input: { videoId: id, idempotencyKey: key, analysis: { platforms: ['TIKTOK'] } } });
    const first = (await analyze('again-1')).data!.analyzeVideo.task.id;
    expect((await analyze('again-1')).data!.analyzeVideo.task.id).toBe(first);

    const racing = await Promise.all(Array.from({ length: 10 }, () => analyze('again-race')));
    expect(racing.flatMap((r) => r.errors ?? [])).toEqual([]);
    expect(new Set(racing.map((r) => r.data!.analyzeVideo.task.id)).size).toBe(1);
    expect(await count(t.dbUrl, `SELECT count(*) AS n FROM klike.tasks WHERE video_id = $1 AND idempotency_key = 'again-race'`, [videoId])).toBe(1);
    // One job per task: the losers enqueued nothing that survived their rollback.
    expect(await count(t.dbUrl, `SELECT count(*) AS n FROM pgboss.job j JOIN klike.tasks k ON k.job_id = j.id::text WHERE k.video_id = $1`, [videoId])).toBe(
      await count(t.dbUrl, `SELECT count(*) AS n FROM klike.tasks WHERE video_id = $1`, [videoId]),
    );

    expect(codes(await analyze('again-1', await confirmNew()))).toEqual(['CONFLICT']);
  });
});
