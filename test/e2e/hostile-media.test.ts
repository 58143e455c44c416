// Issue 15, hostile files: a playlist posing as a video must not read another user's upload, at
// confirm or in the worker. Real second user, real stored file, real HTTP, real ffmpeg.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import type { ExecutionResult } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, codes, startTestApp, uploadTo, type TestApp } from '../helpers/app.js';
import { makeVideo, scratchPath } from '../helpers/media.js';
import { LocalStorage } from '../../src/datasources/storage/local.js';
import {
  AnalyzeVideoDocument, ConfirmVideoUploadDocument, CreateVideoUploadDocument, GetTaskDocument, TaskUpdatedDocument,
} from '../generated/graphql.js';

let t: TestApp;
let victim: { token: string; userId: string };
let victimKey: string;

beforeAll(async () => {
  t = await startTestApp();
  victim = await t.signUp();
  // The victim's real, confirmed upload.
  const file = await makeVideo({ seconds: 2, audio: 'tone' });
  const { videoId, key } = await uploadAs(victim.token, file);
  const r = await as(victim.token, ConfirmVideoUploadDocument, { input: { videoId } });
  expect(r.errors).toBeUndefined();
  victimKey = key;
});
afterAll(async () => {
  await t?.stop();
});

function as<R, V>(token: string, doc: TypedDocumentNode<R, V>, variables: V): Promise<ExecutionResult<R>> {
  return t.gql(doc, variables, { authorization: `Bearer ${token}` });
}

async function uploadAs(token: string, file: string): Promise<{ videoId: string; key: string }> {
  const { size } = await fs.stat(file);
  const r = await as(token, CreateVideoUploadDocument, { input: { filename: 'ad.mp4', contentType: 'video/mp4', sizeBytes: size } });
  if (!r.data) throw new Error(JSON.stringify(r.errors));
  const up = r.data.createVideoUpload;
  expect((await uploadTo(up, file)).status).toBe(200);
  // Keys are visible in upload URLs: /storage/upload/<key>?…
  const key = decodeURIComponent(new URL(up.uploadUrl).pathname.replace('/storage/upload/', ''));
  return { videoId: up.video.id, key };
}

/** The playlist: one "segment", the victim's stored source file. */
async function playlistFor(target: string): Promise<string> {
  const file = scratchPath('steal.m3u8.mp4');
  await fs.writeFile(file, ['#EXTM3U', '#EXT-X-TARGETDURATION:12', '#EXT-X-PLAYLIST-TYPE:VOD', '#EXTINF:12.0,', `file://${target}`, '#EXT-X-ENDLIST', ''].join('\n'));
  return file;
}

const storage = () => t.app.storage as LocalStorage;

describe('an HLS playlist pointing at another user’s upload', () => {
  it('is refused at confirm with UNSUPPORTED_MEDIA (format_not_allowed)', async () => {
    const victimPath = storage().objectPath(victimKey);
    await fs.access(victimPath);
    const { videoId } = await uploadAs(t.token, await playlistFor(victimPath));
    const r = await t.gql(ConfirmVideoUploadDocument, { input: { videoId } });
    expect(codes(r)).toEqual(['UNSUPPORTED_MEDIA']);
    expect(r.data?.confirmVideoUpload).toBeUndefined();
  });

  it('fails the task with UNSUPPORTED_MEDIA when it reaches the worker anyway', async () => {
    // A valid ad gets past confirm; then the stored bytes become the playlist (as if swapped past
    // every upload check), and a re-analysis runs on them.
    const { videoId, key } = await uploadAs(t.token, await makeVideo({ seconds: 2, audio: 'tone' }));
    const { confirmVideoUpload: c } = await t.ok(ConfirmVideoUploadDocument, { input: { videoId } });
    const first = await collect(t.ws(), TaskUpdatedDocument, { taskId: c.task.id });
    expect(first.events.at(-1)?.taskUpdated.status).toBe('COMPLETED');
    await swapStoredBytes(key, await fs.readFile(await playlistFor(storage().objectPath(victimKey))));

    const { analyzeVideo } = await t.ok(AnalyzeVideoDocument, { input: { videoId } });
    const { events } = await collect(t.ws(), TaskUpdatedDocument, { taskId: analyzeVideo.task.id });
    expect(events.at(-1)?.taskUpdated).toMatchObject({ status: 'FAILED', error: { code: 'UNSUPPORTED_MEDIA' } });
    const { task } = await t.ok(GetTaskDocument, { id: analyzeVideo.task.id });
    expect(task?.result ?? null).toBeNull();
  });
});

/**
 * Replaces an object's bytes behind the API's back, and the ETag confirm recorded with them: as if
 * the swap had won every race, so only the worker's own probe stands between it and the analysis.
 */
async function swapStoredBytes(key: string, bytes: Buffer): Promise<void> {
  await fs.writeFile(storage().objectPath(key), bytes);
  await t.app.db.query('UPDATE videos SET source_etag = $1 WHERE storage_key = $2', [`"${createHash('md5').update(bytes).digest('hex')}"`, key]);
}

/** A clip far shorter than confirm accepts, padded with zeros to `size` bytes. */
async function paddedClip(size: number): Promise<string> {
  const clip = await fs.readFile(await makeVideo({ seconds: 0.2, audio: 'tone' }));
  expect(clip.length).toBeLessThan(size);
  const file = scratchPath('swap.mp4');
  await fs.writeFile(file, Buffer.concat([clip, Buffer.alloc(size - clip.length)]));
  return file;
}

describe('content swapped after confirm (local driver)', () => {
  it('a second PUT to the upload URL after confirm is refused with 409 and the stored bytes stay', async () => {
    const file = await makeVideo({ seconds: 2, audio: 'tone' });
    const { size } = await fs.stat(file);
    const { createVideoUpload: up } = await t.ok(CreateVideoUploadDocument, { input: { filename: 'ad.mp4', contentType: 'video/mp4', sizeBytes: size } });
    expect((await uploadTo(up, file)).status).toBe(200);
    const { confirmVideoUpload: c } = await t.ok(ConfirmVideoUploadDocument, { input: { videoId: up.video.id } });
    const key = decodeURIComponent(new URL(up.uploadUrl).pathname.replace('/storage/upload/', ''));
    const before = await fs.readFile(storage().objectPath(key));

    const again = await uploadTo(up, await paddedClip(size));
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: 'CONFLICT', message: expect.stringMatching(/upload is closed \(status UPLOADED\)/) } });
    expect((await fs.readFile(storage().objectPath(key))).equals(before)).toBe(true);
    const { events } = await collect(t.ws(), TaskUpdatedDocument, { taskId: c.task.id });
    expect(events.at(-1)?.taskUpdated.status).toBe('COMPLETED');
  });

  it('bytes replaced on disk after confirm fail the worker with SOURCE_CHANGED', async () => {
    const file = await makeVideo({ seconds: 2, audio: 'tone' });
    const { size } = await fs.stat(file);
    const { videoId, key } = await uploadAs(t.token, file);
    const { confirmVideoUpload: c } = await t.ok(ConfirmVideoUploadDocument, { input: { videoId } });
    await collect(t.ws(), TaskUpdatedDocument, { taskId: c.task.id });
    // Same size, so nothing but the bytes tells them apart.
    await fs.copyFile(await paddedClip(size), storage().objectPath(key));

    const { analyzeVideo } = await t.ok(AnalyzeVideoDocument, { input: { videoId } });
    const { events } = await collect(t.ws(), TaskUpdatedDocument, { taskId: analyzeVideo.task.id });
    expect(events.at(-1)?.taskUpdated).toMatchObject({ status: 'FAILED', error: { code: 'SOURCE_CHANGED' } });
  });
});
