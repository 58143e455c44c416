// Lists fan out to relations through DataLoaders: one query per relation per request, not per row.
import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApp, uploadTo, type TestApp } from '../helpers/app.js';
import { makeVideo } from '../helpers/media.js';
import { ConfirmVideoUploadDocument, CreateVideoUploadDocument, ListTasksDocument, ListVideosDocument } from '../generated/graphql.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ role: 'api' });
  const file = await makeVideo({ seconds: 1 });
  const { size } = await fs.stat(file);
  for (let i = 0; i < 6; i++) {
    const { createVideoUpload: up } = await t.ok(CreateVideoUploadDocument, { input: { filename: `v${i}.mp4`, contentType: 'video/mp4', sizeBytes: size } });
    await uploadTo(up, file);
    await t.ok(ConfirmVideoUploadDocument, { input: { videoId: up.video.id } });
  }
});
afterAll(() => t?.stop());

describe('N+1', () => {
  it('videos → tasks → video: one batched query per relation', async () => {
    const repos = t.app.services!;
    const byVideo = vi.spyOn(repos.tasks, 'byVideoIds');
    const videosById = vi.spyOn(repos.videos, 'getMany');
    const r = await t.ok(ListVideosDocument, { first: 6 });
    expect(r.videos.edges).toHaveLength(6);
    expect(r.videos.edges.every((e) => e.node.tasks.length === 1 && e.node.tasks[0]!.video.id === e.node.id)).toBe(true);
    expect(byVideo).toHaveBeenCalledTimes(1);
    expect(byVideo.mock.calls[0]![0]).toHaveLength(6);
    expect(videosById).toHaveBeenCalledTimes(1);
    byVideo.mockRestore();
    videosById.mockRestore();
  });

  it('tasks → video: one batched query', async () => {
    const videosById = vi.spyOn(t.app.services!.videos, 'getMany');
    const r = await t.ok(ListTasksDocument, { first: 6 });
    expect(r.tasks.edges).toHaveLength(6);
    expect(videosById).toHaveBeenCalledTimes(1);
    videosById.mockRestore();
  });
});
