// The same flow with the s3 driver against a real S3-protocol server on loopback: presigned PUT
// from the client, HeadObject + ffprobe over a presigned GET at confirm, streamed download in the worker.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, codes, startTestApp, uploadTo, type TestApp } from '../helpers/app.js';
import { makeTextFile, makeVideo } from '../helpers/media.js';
import { AnalyzeVideoDocument, ConfirmVideoUploadDocument, CreateVideoUploadDocument, GetTaskDocument, TaskUpdatedDocument } from '../generated/graphql.js';

interface S3rverServer {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
const S3rver = createRequire(import.meta.url)('s3rver') as new (opts: { address: string; port: number; silent: boolean; directory: string }) => S3rverServer;

let s3: S3rverServer;
let dir: string;
let t: TestApp;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'klike-s3flow-'));
  s3 = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: dir });
  const { port } = await s3.run();
  t = await startTestApp({
    env: {
      STORAGE_DRIVER: 's3',
      S3_BUCKET: 'klike-e2e',
      S3_ENDPOINT: `http://127.0.0.1:${port}`,
      // Clients reach storage by another name than the servers do (MinIO behind Docker's network).
      S3_PUBLIC_ENDPOINT: `http://localhost:${port}`,
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
    },
  });
});
afterAll(async () => {
  await t?.stop();
  await s3?.close();
  await fs.rm(dir, { recursive: true, force: true });
});

async function upload(file: string) {
  const { size } = await fs.stat(file);
  const { createVideoUpload: up } = await t.ok(CreateVideoUploadDocument, { input: { filename: 'ad.mp4', contentType: 'video/mp4', sizeBytes: size } });
  expect(new URL(up.uploadUrl).searchParams.get('X-Amz-SignedHeaders')).toContain('content-type');
  expect(new URL(up.uploadUrl).hostname).toBe('localhost');
  expect((await uploadTo(up, file)).status).toBe(200);
  return up.video.id;
}

describe('s3 storage driver, end to end', () => {
  it('analyses a video uploaded straight to the bucket', async () => {
    const videoId = await upload(await makeVideo({ seconds: 2, width: 360, height: 640 }));
    const { confirmVideoUpload: c } = await t.ok(ConfirmVideoUploadDocument, { input: { videoId, analysis: { platforms: ['TIKTOK'] } } });
    expect(c.video.media?.video?.displayAspectRatio).toBe('9:16');
    const { events } = await collect(t.ws(), TaskUpdatedDocument, { taskId: c.task.id });
    expect(events.at(-1)?.taskUpdated.status).toBe('COMPLETED');
    const { task } = await t.ok(GetTaskDocument, { id: c.task.id });
    expect(task?.result?.detectedIssues.map((i) => i.code)).not.toContain('HORIZONTAL_ON_VERTICAL');
    // The 16 kHz audio the worker extracted is in the bucket under processed/.
    const info = await t.app.storage.head(`processed/${c.task.id}/audio-16k.wav`);
    expect(info?.sizeBytes).toBeGreaterThan(16_000 * 2 * 1.5);
  });

  it('a clip PUT over the confirmed object (the URL is still valid) fails the worker with SOURCE_CHANGED', async () => {
    const file = await makeVideo({ seconds: 2 });
    const { size } = await fs.stat(file);
    const { createVideoUpload: up } = await t.ok(CreateVideoUploadDocument, { input: { filename: 'ad.mp4', contentType: 'video/mp4', sizeBytes: size } });
    expect((await uploadTo(up, file)).status).toBe(200);
    const { confirmVideoUpload: c } = await t.ok(ConfirmVideoUploadDocument, { input: { videoId: up.video.id } });
    const confirmed = await t.app.storage.head(`uploads/${t.userId}/${up.video.id}/source.mp4`);
    expect(confirmed?.etag).toMatch(/^"[0-9a-f]{32}"$/);
    await collect(t.ws(), TaskUpdatedDocument, { taskId: c.task.id });

    // The issue's swap: a 0.2 s clip padded to the signed size, through the same presigned URL.
    const clip = await fs.readFile(await makeVideo({ seconds: 0.2 }));
    const swapped = path.join(dir, 'swap.mp4');
    await fs.writeFile(swapped, Buffer.concat([clip, Buffer.alloc(size - clip.length)]));
    expect((await uploadTo(up, swapped)).status).toBe(200);
    expect((await t.app.storage.head(`uploads/${t.userId}/${up.video.id}/source.mp4`))?.etag).not.toBe(confirmed?.etag);

    const { analyzeVideo } = await t.ok(AnalyzeVideoDocument, { input: { videoId: up.video.id } });
    const { events } = await collect(t.ws(), TaskUpdatedDocument, { taskId: analyzeVideo.task.id });
    expect(events.at(-1)?.taskUpdated).toMatchObject({ status: 'FAILED', error: { code: 'SOURCE_CHANGED' } });
  });

  it('rejects a non-video at confirm, read through a presigned GET', async () => {
    const videoId = await upload(await makeTextFile());
    expect(codes(await t.gql(ConfirmVideoUploadDocument, { input: { videoId } }))).toEqual(['UNSUPPORTED_MEDIA']);
  });
});
