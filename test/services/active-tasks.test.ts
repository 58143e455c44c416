// Issue 15 (Low): a per-user cap on queued or running tasks. API only (no worker), so tasks stay
// QUEUED and the count is exact.
import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, startTestApp, uploadTo, type TestApp } from '../helpers/app.js';
import { makeVideo } from '../helpers/media.js';
import { AnalyzeVideoDocument, CancelTaskDocument, ConfirmVideoUploadDocument, CreateVideoUploadDocument } from '../generated/graphql.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ role: 'api', env: { MAX_ACTIVE_TASKS_PER_USER: '3' } });
});
afterAll(async () => {
  await t?.stop();
});

async function uploaded(token = t.token): Promise<string> {
  const file = await makeVideo({ seconds: 1 });
  const { size } = await fs.stat(file);
  const r = await t.gql(CreateVideoUploadDocument, { input: { filename: 'ad.mp4', contentType: 'video/mp4', sizeBytes: size } }, { authorization: `Bearer ${token}` });
  expect((await uploadTo(r.data!.createVideoUpload, file)).status).toBe(200);
  return r.data!.createVideoUpload.video.id;
}

describe('MAX_ACTIVE_TASKS_PER_USER', () => {
  it('parallel analyzeVideo calls beyond the limit get TOO_MANY_ACTIVE_TASKS; a cancelled task frees a slot', async () => {
    const videoId = await uploaded();
    const { confirmVideoUpload: c } = await t.ok(ConfirmVideoUploadDocument, { input: { videoId } });
    const results = await Promise.all(Array.from({ length: 8 }, () => t.gql(AnalyzeVideoDocument, { input: { videoId } })));
    const ok = results.filter((r) => !r.errors);
    expect(ok).toHaveLength(2);
    expect(results.filter((r) => r.errors).map((r) => codes(r)[0])).toEqual(Array(6).fill('TOO_MANY_ACTIVE_TASKS'));
    expect(results.find((r) => r.errors)!.errors![0]!.extensions).toMatchObject({ limit: 3, active: 3 });
    const [{ n }] = await t.app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM tasks WHERE owner_id = $1`, [t.userId]);
    expect(n).toBe(3);

    // Confirming another upload is refused too, and leaves it confirmable later.
    const second = await uploaded();
    expect(codes(await t.gql(ConfirmVideoUploadDocument, { input: { videoId: second } }))).toEqual(['TOO_MANY_ACTIVE_TASKS']);
    await t.ok(CancelTaskDocument, { id: c.task.id });
    const { confirmVideoUpload: again } = await t.ok(ConfirmVideoUploadDocument, { input: { videoId: second } });
    expect(again.video.status).toBe('UPLOADED');

    // The limit is per user: someone else is not affected.
    const other = await t.signUp();
    const theirs = await uploaded(other.token);
    const r = await t.gql(ConfirmVideoUploadDocument, { input: { videoId: theirs } }, { authorization: `Bearer ${other.token}` });
    expect(r.errors).toBeUndefined();
  });
});
