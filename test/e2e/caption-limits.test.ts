// Issue 15, unbounded caption cues: a page size the cost limit counts, and a cap on sidecars per video.
import fs from 'node:fs/promises';
import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, startTestApp, uploadTo, type TestApp } from '../helpers/app.js';
import { scratchPath } from '../helpers/media.js';
import { ConfirmCaptionUploadDocument, CreateCaptionUploadDocument, CreateVideoUploadDocument } from '../generated/graphql.js';

const CUES_PER_FILE = 20_000;
let t: TestApp;
let videoId: string;
let srtFile: string;

const doc = (q: string) => parse(q) as unknown as TypedDocumentNode<any, Record<string, unknown>>;
const origin = () => new URL(t.url).origin;

/** A valid SubRip file with n one-second cues (~50 bytes each). */
async function bigSrt(n: number): Promise<string> {
  const ts = (s: number) => `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')},000`;
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(`${i + 1}\n${ts(i)} --> ${ts(i + 1)}\ncue number ${i}\n`);
  const file = scratchPath('big.srt');
  await fs.writeFile(file, parts.join('\n'));
  return file;
}

async function attach(file: string) {
  const { size } = await fs.stat(file);
  const r = await t.gql(CreateCaptionUploadDocument, { input: { videoId, filename: 'big.srt', contentType: 'application/x-subrip', sizeBytes: size, language: 'en' } });
  if (!r.data) return r;
  expect((await uploadTo(r.data.createCaptionUpload, file)).status).toBe(200);
  const c = await t.ok(ConfirmCaptionUploadDocument, { input: { captionId: r.data.createCaptionUpload.caption.id } });
  expect(c.confirmCaptionUpload.caption).toMatchObject({ status: 'READY', cueCount: CUES_PER_FILE });
  return r;
}

beforeAll(async () => {
  t = await startTestApp({ role: 'api' });
  // A video awaiting its upload takes captions too: no media work needed here.
  const { createVideoUpload } = await t.ok(CreateVideoUploadDocument, { input: { filename: 'ad.mp4', contentType: 'video/mp4', sizeBytes: 1000 } });
  videoId = createVideoUpload.video.id;
  srtFile = await bigSrt(CUES_PER_FILE);
  expect((await fs.stat(srtFile)).size).toBeGreaterThan(700_000);
  for (let i = 0; i < 5; i++) expect((await attach(srtFile)).errors).toBeUndefined();
}, 120_000);
afterAll(async () => {
  await t?.stop();
});

describe('caption cues are paged and counted', () => {
  it('without `first` each caption returns its default page of 100; `offset` pages on', async () => {
    const r = await t.gql(doc(`query($id: ID!) { video(id: $id) { captions { cueCount cues { start end text } } } }`), { id: videoId });
    expect(r.errors).toBeUndefined();
    const captions = r.data.video.captions as Array<{ cueCount: number; cues: Array<{ text: string }> }>;
    expect(captions).toHaveLength(5);
    for (const c of captions) {
      expect(c.cueCount).toBe(CUES_PER_FILE);
      expect(c.cues).toHaveLength(100);
    }
    const page = await t.gql(doc(`query($id: ID!) { video(id: $id) { captions { cues(first: 3, offset: 250) { text } } } }`), { id: videoId });
    expect(page.data.video.captions[0].cues.map((c: { text: string }) => c.text)).toEqual(['cue number 250', 'cue number 251', 'cue number 252']);
  });

  it('`first` above 500 is BAD_USER_INPUT', async () => {
    const r = await t.gql(doc(`query($id: ID!, $n: Int) { video(id: $id) { captions { cues(first: $n) { text } } } }`), { id: videoId, n: 501 });
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
  });

  it('the cost limit counts the default page, a variable `first` as its maximum, and refuses before resolving', async () => {
    const one = 'video(id: $id) { captions { cues { start end text } } }';
    // Four default pages: under Armor's own count these were four items.
    const four = await t.gql(doc(`query($id: ID!) { a: ${one} b: ${one} c: ${one} d: ${one} }`), { id: videoId });
    expect(codes(four)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(four.errors![0]!.message).toMatch(/Query Cost limit of 5000 exceeded/);
    const variable = await t.gql(doc(`query($id: ID!, $n: Int) { video(id: $id) { captions { cues(first: $n) { start end text } } } }`), { id: videoId, n: 10 });
    expect(codes(variable)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    // A literal page is counted as written.
    const literal = await t.gql(doc(`query($id: ID!) { video(id: $id) { captions { cues(first: 200) { start end text } } } }`), { id: videoId });
    expect(literal.errors).toBeUndefined();
    expect(literal.data.video.captions[0].cues).toHaveLength(200);
  });

  it('/healthz stays fast while the largest accepted cue queries run', async () => {
    const q = doc(`query($id: ID!) { video(id: $id) { captions { cues(first: 300) { start end text } } } }`);
    const queries = Array.from({ length: 4 }, () => t.gql(q, { id: videoId }));
    const t0 = performance.now();
    const health = await fetch(`${origin()}/healthz`);
    const healthMs = performance.now() - t0;
    const results = await Promise.all(queries);
    expect(health.status).toBe(200);
    for (const r of results) expect(r.errors).toBeUndefined();
    const bytes = JSON.stringify(results[0]!.data).length;
    // 5 × 300 cues ≈ 80 KB, where the unpaged query answered 18.9 MB (issue 15); /healthz took 2.6 s then.
    expect(bytes).toBeLessThan(200_000);
    expect(healthMs).toBeLessThan(1000);
  });
});

describe('sidecars per video', () => {
  it('the 6th sidecar is TOO_MANY_CAPTIONS (CAPTION_MAX_SIDECARS, default 5)', async () => {
    const { size } = await fs.stat(srtFile);
    const r = await t.gql(CreateCaptionUploadDocument, { input: { videoId, filename: 'six.srt', contentType: 'application/x-subrip', sizeBytes: size } });
    expect(codes(r)).toEqual(['TOO_MANY_CAPTIONS']);
    expect(r.errors![0]!.extensions).toMatchObject({ limit: 5 });
  });
});
