// The shared text rule on every string argument, over real HTTP and WebSocket on a real Postgres:
// NUL bytes and other control characters are BAD_USER_INPUT (never a Postgres "invalid byte
// sequence" INTERNAL_SERVER_ERROR), names (titles, filenames, API-key names) also refuse line breaks
// and bidi overrides; free text keeps \t \n \r. Caption files are content: their controls are stripped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, collect, startTestApp, type TestApp } from '../helpers/app.js';
import {
  ConfirmCaptionUploadDocument, CreateApiKeyDocument, CreateCaptionUploadDocument, CreateVideoUploadDocument,
  GetVideoDocument, ListVideosDocument, SignInDocument, TaskUpdatedDocument, VideoCaptionsDocument,
} from '../generated/graphql.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.stop();
});

/** A document the generated operations do not have, over the same real HTTP. */
async function raw(query: string, variables?: Record<string, unknown>) {
  const res = await fetch(t.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${t.token}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}
const rawCodes = (r: Awaited<ReturnType<typeof raw>>) => (r.errors ?? []).map((e) => e.extensions?.code);

const video = (over: Record<string, unknown> = {}) => ({ filename: 'ad.mp4', contentType: 'video/mp4', sizeBytes: 1000, ...over });

describe('control characters in arguments', () => {
  it.each([
    ['NUL', 'Summer\u0000sale'],
    ['BEL', 'Summer\u0007sale'],
    ['ESC', '\u001b[31mred'],
    ['DEL', 'Summer\u007fsale'],
    ['C1 NEL', 'Summer\u0085sale'],
    ['RLO', 'Summer\u202esale'],
    ['LRI', '\u2066Summer'],
    ['a line break', 'Summer\nsale'],
    ['a lone surrogate', 'Summer\ud800sale'],
  ])('a title with %s is BAD_USER_INPUT naming the argument', async (_, title) => {
    const r = await t.gql(CreateVideoUploadDocument, { input: video({ title }) });
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect(r.errors![0]!.extensions).toMatchObject({ argument: 'title' });
  });

  it('a title in any script, with emoji, is accepted and stored as sent', async () => {
    const title = 'Été — أهلا 🎉 שלום';
    const r = await t.gql(CreateVideoUploadDocument, { input: video({ title }) });
    expect(r.errors).toBeUndefined();
  });

  it.each([
    ['NUL', 'ad\u0000.mp4'],
    ['C1 CSI', 'ad\u009b.mp4'],
    ['RLO (a "gpj.exe" trick)', 'ad\u202e4pm.exe'],
  ])('a video filename with %s is BAD_USER_INPUT', async (_, filename) => {
    const r = await t.gql(CreateVideoUploadDocument, { input: video({ filename }) });
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect(r.errors![0]!.extensions).toMatchObject({ argument: 'filename' });
  });

  it.each([
    ['NUL', 'ci\u0000key'],
    ['BS', 'ci\bkey'],
    ['PDF', 'ci key\u202c'],
  ])('an API-key name with %s is BAD_USER_INPUT', async (_, name) => {
    const r = await t.gql(CreateApiKeyDocument, { name });
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect(r.errors![0]!.extensions).toMatchObject({ argument: 'name' });
  });

  it('a caption filename with NUL or a bidi override is BAD_USER_INPUT', async () => {
    const { createVideoUpload } = await t.ok(CreateVideoUploadDocument, { input: video() });
    for (const filename of ['subs\u0000.srt', 'subs\u202e.srt']) {
      const r = await t.gql(CreateCaptionUploadDocument, { input: { videoId: createVideoUpload.video.id, filename, contentType: 'application/x-subrip', sizeBytes: 10 } });
      expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    }
  });

  it('free text refuses NUL but keeps tabs and line breaks', async () => {
    const q = 'query ($a: AnalysisOptionsInput) { estimateAnalysisCost(durationSeconds: 30, analysis: $a) { __typename } }';
    const bad = await raw(q, { a: { objective: 'sell\u0000more' } });
    expect(rawCodes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors![0]!.extensions).toMatchObject({ argument: 'objective', path: 'analysis.objective' });
    const good = await raw(q, { a: { objective: 'sell more\n\tto runners\r\n' } });
    expect(good.errors).toBeUndefined();
  });

  it('sign-in with NUL in the email is BAD_USER_INPUT, not a database error', async () => {
    const r = await t.gql(SignInDocument, { input: { email: 'a\u0000@example.com', password: 'correct horse battery' } }, { authorization: '' });
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
  });

  it('IDs and cursors with NUL are BAD_USER_INPUT', async () => {
    expect(codes(await t.gql(GetVideoDocument, { id: '\u0000' }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await t.gql(ListVideosDocument, { first: 1, after: 'abc\u0000' }))).toEqual(['BAD_USER_INPUT']);
  });

  it('string literals in the document get the same rule as variables', async () => {
    expect(rawCodes(await raw('mutation { createApiKey(name: "ci\\u0000key") { key } }'))).toEqual(['BAD_USER_INPUT']);
  });

  it('over WebSocket too: a subscription argument with NUL is BAD_USER_INPUT', async () => {
    const { errors } = await collect(t.ws(), TaskUpdatedDocument, { taskId: '00000000-0000-4000-8000-00000000000\u0000' });
    expect(errors).toHaveLength(1);
    expect((errors[0] as { extensions?: { code?: string } }).extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('control characters in an uploaded caption file', () => {
  it('are stripped from cue text; the file is READY and reads back clean', async () => {
    const { createVideoUpload } = await t.ok(CreateVideoUploadDocument, { input: video() });
    const body = '1\n00:00:01,000 --> 00:00:02,000\nBuy\u0000 now\u0007\u001b[0m\u0085\n\n2\n00:00:03,000 --> 00:00:04,000\nsave\ttwenty\u007f percent\n';
    const size = Buffer.byteLength(body);
    const { createCaptionUpload: up } = await t.ok(CreateCaptionUploadDocument, {
      input: { videoId: createVideoUpload.video.id, filename: 'captions.srt', contentType: 'application/x-subrip', sizeBytes: size },
    });
    const put = await fetch(up.uploadUrl, { method: up.uploadMethod, headers: Object.fromEntries(up.uploadHeaders.map((h) => [h.name, h.value])), body });
    expect(put.status).toBe(200);
    const confirmed = await t.gql(ConfirmCaptionUploadDocument, { input: { captionId: up.caption.id } });
    expect(confirmed.errors).toBeUndefined();
    const { video: v } = await t.ok(VideoCaptionsDocument, { id: createVideoUpload.video.id });
    expect(v!.captions[0]!.cues.map((c) => c.text)).toEqual(['Buy now[0m', 'save\ttwenty percent']);
  });
});

describe('order of checks', () => {
  it('permissions come first: an anonymous caller gets UNAUTHENTICATED, not a verdict on its arguments', async () => {
    const r = await t.gql(CreateApiKeyDocument, { name: 'ci\u0000key' }, { authorization: '' });
    expect(codes(r)).toEqual(['UNAUTHENTICATED']);
  });
});
