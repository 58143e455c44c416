// Captions end to end on real parts: a sidecar attached through the signed upload over HTTP, the
// pipeline with real ffmpeg and pocketsphinx on espeak-ng speech, embedded subtitle streams, and
// the caption facts and exports read back over GraphQL.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSrt, parseVtt } from '../../src/analysis/captions.js';
import { PocketsphinxTranscriber } from '../../src/datasources/speech/pocketsphinx.js';
import { collect, codes, startTestApp, uploadTo, type TestApp } from '../helpers/app.js';
import { ffprobeJson, makeSpeech, makeVideo, scratchPath } from '../helpers/media.js';
import {
  AnalyzeVideoDocument, ConfirmCaptionUploadDocument, ConfirmVideoUploadDocument, CreateCaptionUploadDocument, CreateVideoUploadDocument,
  GetTaskDocument, TaskUpdatedDocument, VideoCaptionsDocument, type AnalysisOptionsInput,
} from '../generated/graphql.js';

const run = promisify(execFile);
const hasSpeech = (await PocketsphinxTranscriber.detect()) && (await run('espeak-ng', ['--version']).then(() => true, () => false));

// The Klatt voice at 160 wpm is the one pocketsphinx's en-us model hears best (see its own tests).
const VOICE = 'en-us+klatt';
const PHRASE = 'Seven glasses of water. Buy now and save twenty percent.';
const SPEECH_AT = 1;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.stop();
});

/** Uploads a video without confirming it; returns its id. */
async function uploadVideo(file: string): Promise<string> {
  const { size } = await fs.stat(file);
  const { createVideoUpload: up } = await t.ok(CreateVideoUploadDocument, { input: { filename: 'ad.mp4', contentType: 'video/mp4', sizeBytes: size } });
  expect((await uploadTo(up, file)).status).toBe(200);
  return up.video.id;
}

const srt = (cues: Array<[number, number, string]>) =>
  cues.map(([a, b, text], i) => `${i + 1}\n${stamp(a)} --> ${stamp(b)}\n${text}\n`).join('\n');

function stamp(s: number): string {
  const ms = Math.round(s * 1000);
  const p = (v: number, w = 2) => String(v).padStart(w, '0');
  return `${p(Math.floor(ms / 3_600_000))}:${p(Math.floor(ms / 60_000) % 60)}:${p(Math.floor(ms / 1000) % 60)},${p(ms % 1000, 3)}`;
}

/** createCaptionUpload → PUT over HTTP → confirmCaptionUpload; returns the confirm answer as is. */
async function attach(videoId: string, text: string, opts: { contentType?: string; language?: string } = {}) {
  const file = scratchPath('captions.srt');
  await fs.writeFile(file, text);
  const { createCaptionUpload: up } = await t.ok(CreateCaptionUploadDocument, {
    input: { videoId, filename: 'captions.srt', contentType: opts.contentType ?? 'application/x-subrip', sizeBytes: Buffer.byteLength(text), language: opts.language },
  });
  expect(up.caption).toMatchObject({ source: 'SIDECAR', status: 'AWAITING_UPLOAD', cueCount: null });
  expect((await uploadTo(up, file)).status).toBe(200);
  return { upload: up, confirmed: await t.gql(ConfirmCaptionUploadDocument, { input: { captionId: up.caption.id } }) };
}

async function analyse(taskId: string) {
  const { errors } = await collect(t.ws(), TaskUpdatedDocument, { taskId });
  expect(errors).toEqual([]);
  const { task } = await t.ok(GetTaskDocument, { id: taskId });
  expect(task?.status).toBe('COMPLETED');
  return task!.result!.transcript;
}

async function confirmAndAnalyse(videoId: string, analysis?: AnalysisOptionsInput) {
  const { confirmVideoUpload } = await t.ok(ConfirmVideoUploadDocument, { input: { videoId, analysis } });
  return analyse(confirmVideoUpload.task.id);
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

describe.skipIf(!hasSpeech)('captions over synthetic speech (pocketsphinx)', () => {
  it('a sidecar SubRip: coverage of the speech, agreement, language, speech stats and exports', async () => {
    const speechSeconds = Number((await ffprobeJson(await makeSpeech(PHRASE, VOICE))).format?.duration);
    expect(speechSeconds).toBeGreaterThan(2);
    const speechEnd = SPEECH_AT + speechSeconds;
    const videoId = await uploadVideo(await makeVideo({ seconds: Math.ceil(speechEnd + 1), audio: 'speech', speechText: PHRASE, speechVoice: VOICE, speechAt: SPEECH_AT }));

    // One cue over all of the speech, no language declared.
    const { upload, confirmed } = await attach(videoId, srt([[SPEECH_AT - 0.5, speechEnd + 0.5, PHRASE]]));
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data?.confirmCaptionUpload.caption).toMatchObject({ id: upload.caption.id, status: 'READY', format: 'srt', cueCount: 1, language: null });
    expect(confirmed.data?.confirmCaptionUpload.caption.cues).toEqual([{ start: SPEECH_AT - 0.5, end: round3(speechEnd + 0.5), text: PHRASE }]);

    const tr = await confirmAndAnalyse(videoId);
    expect(tr).toMatchObject({ available: true, engine: 'pocketsphinx', language: 'en' });
    expect(tr.firstSpokenAt).toBeGreaterThanOrEqual(SPEECH_AT - 0.2);
    expect(tr.firstSpokenAt).toBeLessThanOrEqual(SPEECH_AT + 1);
    expect(tr.wordsPerMinute).toBeGreaterThan(60);
    expect(tr.segments.flatMap((s) => s.words ?? []).length).toBeGreaterThan(3);
    const c = tr.captions!;
    expect(c).toMatchObject({ present: true, source: 'SIDECAR', cueCount: 1, language: 'en', languageDetected: true, cues: [{ text: PHRASE }] });
    expect(c.tracks).toEqual([expect.objectContaining({ source: 'SIDECAR', captionId: upload.caption.id, cueCount: 1, error: null })]);
    expect(c.coverage).toBeGreaterThanOrEqual(0.95);
    expect(c.speechSeconds).toBeGreaterThan(1);
    // Pocketsphinx hears some of the words ("seven", "water", "twenty", "percent"): a measured share, not a verdict.
    expect(c.agreement).toBeGreaterThan(0);
    expect(c.agreement).toBeLessThanOrEqual(1);

    // The exports carry the segments exactly (to the millisecond).
    const expected = tr.segments.map((s) => ({ start: round3(s.start), end: round3(s.end), text: s.text }));
    expect(parseSrt(tr.srt!)).toEqual(expected);
    expect(parseVtt(tr.vtt!)).toEqual(expected);

    // A newer sidecar whose one cue ends halfway through the speech: it is the one used, and it
    // covers about half of the speaking time.
    const { upload: second } = await attach(videoId, srt([[0, SPEECH_AT + speechSeconds / 2, 'Seven glasses of water.']]));
    const { analyzeVideo } = await t.ok(AnalyzeVideoDocument, { input: { videoId } });
    const again = (await analyse(analyzeVideo.task.id)).captions!;
    expect(again.tracks.map((x) => x.captionId)).toEqual([second.caption.id, upload.caption.id]);
    expect(again.source).toBe('SIDECAR');
    expect(again.cues).toEqual([expect.objectContaining({ text: 'Seven glasses of water.' })]);
    expect(again.coverage).toBeGreaterThan(0.35);
    expect(again.coverage).toBeLessThan(0.65);
  });

  it('an embedded mov_text stream: captions present from the file, recorded on the video', async () => {
    const videoId = await uploadVideo(
      await makeVideo({ seconds: 6, audio: 'speech', speechText: PHRASE, speechVoice: VOICE, speechAt: SPEECH_AT, subtitles: [{ start: 0.5, end: 5.5, text: PHRASE }] }),
    );
    const tr = await confirmAndAnalyse(videoId);
    const c = tr.captions!;
    expect(c).toMatchObject({ present: true, source: 'EMBEDDED', cueCount: 1, language: 'en', languageDetected: false });
    expect(c.coverage).toBeGreaterThanOrEqual(0.9);
    const { video } = await t.ok(VideoCaptionsDocument, { id: videoId });
    expect(video?.captions).toEqual([
      expect.objectContaining({ source: 'EMBEDDED', status: 'READY', streamIndex: 0, codec: 'mov_text', language: 'en', cueCount: 1, filename: null }),
    ]);
    expect(c.tracks).toEqual([expect.objectContaining({ source: 'EMBEDDED', captionId: video!.captions[0]!.id, streamIndex: 0, format: 'mov_text' })]);
    expect(video!.captions[0]!.cues[0]?.text).toBe(PHRASE);
  });
});

describe('captions without recognised speech', () => {
  it('Portuguese requested with only pocketsphinx: no transcript, the captions still give text and language', async () => {
    const videoId = await uploadVideo(await makeVideo({ seconds: 2 }));
    const pt = srt([[0.2, 1.8, 'Compre agora e ganhe frete grátis em todo o Brasil']]);
    const { confirmed } = await attach(videoId, pt, { contentType: 'text/plain' });
    expect(confirmed.data?.confirmCaptionUpload.caption).toMatchObject({ status: 'READY', format: 'srt', cueCount: 1 });
    const tr = await confirmAndAnalyse(videoId, { language: 'pt' });
    expect(tr).toMatchObject({ available: false, language: 'pt', srt: null, vtt: null, wordsPerMinute: null });
    expect(tr.unavailableReason).toBe(hasSpeech ? 'LANGUAGE_UNSUPPORTED' : 'NO_SPEECH_ENGINE');
    expect(tr.captions).toMatchObject({ present: true, source: 'SIDECAR', language: 'pt', languageDetected: true, coverage: null, agreement: null, speechSeconds: null });
  });

  it('a video without captions says so', async () => {
    const tr = await confirmAndAnalyse(await uploadVideo(await makeVideo({ seconds: 1 })));
    expect(tr.captions).toMatchObject({ present: false, source: null, cueCount: 0, cues: [], tracks: [] });
  });
});

describe('attaching a sidecar', () => {
  it('a malformed file is BAD_USER_INPUT with its line; a corrected file PUT again confirms', async () => {
    const videoId = await uploadVideo(await makeVideo({ seconds: 1 }));
    const good = srt([[0, 0.4, 'Buy now'], [0.5, 0.9, 'Save more']]);
    const bad = good.replace('00:00:00,500 -->', '00:00:00,500 =->');
    expect(bad.length).toBe(good.length);
    const { upload, confirmed } = await attach(videoId, bad);
    expect(codes(confirmed)).toEqual(['BAD_USER_INPUT']);
    expect(confirmed.errors![0]!.extensions).toMatchObject({ line: 6, captionId: upload.caption.id });
    const { video } = await t.ok(VideoCaptionsDocument, { id: videoId });
    expect(video?.captions).toEqual([expect.objectContaining({ id: upload.caption.id, status: 'REJECTED', rejection: expect.objectContaining({ code: 'BAD_USER_INPUT', line: 6 }) })]);

    // The signed URL is still valid: PUT the corrected file (same size) and confirm again.
    const file = scratchPath('fixed.srt');
    await fs.writeFile(file, good);
    expect((await uploadTo(upload, file)).status).toBe(200);
    const fixed = await t.ok(ConfirmCaptionUploadDocument, { input: { captionId: upload.caption.id } });
    expect(fixed.confirmCaptionUpload.caption).toMatchObject({ status: 'READY', cueCount: 2, rejection: null });
    // Idempotent once READY.
    const twice = await t.ok(ConfirmCaptionUploadDocument, { input: { captionId: upload.caption.id } });
    expect(twice.confirmCaptionUpload.caption.readyAt).toBe(fixed.confirmCaptionUpload.caption.readyAt);
  });

  it('checks type, size, language and upload; another user sees NOT_FOUND', async () => {
    const videoId = await uploadVideo(await makeVideo({ seconds: 1 }));
    const input = { videoId, filename: 'c.srt', contentType: 'application/x-subrip', sizeBytes: 100 };
    expect(codes(await t.gql(CreateCaptionUploadDocument, { input: { ...input, contentType: 'video/mp4' } }))).toEqual(['UNSUPPORTED_MEDIA']);
    expect(codes(await t.gql(CreateCaptionUploadDocument, { input: { ...input, sizeBytes: 3 * 1024 * 1024 } }))).toEqual(['UPLOAD_TOO_LARGE']);
    expect(codes(await t.gql(CreateCaptionUploadDocument, { input: { ...input, sizeBytes: 0 } }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await t.gql(CreateCaptionUploadDocument, { input: { ...input, language: 'English!' } }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await t.gql(CreateCaptionUploadDocument, { input: { ...input, videoId: '00000000-0000-4000-8000-000000000000' } }))).toEqual(['NOT_FOUND']);
    const { createCaptionUpload: up } = await t.ok(CreateCaptionUploadDocument, { input: { ...input, language: 'pt-BR' } });
    expect(up.caption.language).toBe('pt-BR');
    // The key is owner-scoped and never built from the filename.
    expect(decodeURIComponent(new URL(up.uploadUrl).pathname)).toBe(`/storage/upload/uploads/${t.userId}/${videoId}/captions/${up.caption.id}.srt`);
    expect(codes(await t.gql(ConfirmCaptionUploadDocument, { input: { captionId: up.caption.id } }))).toEqual(['UPLOAD_MISSING']);

    const other = await t.signUp();
    const as = { authorization: `Bearer ${other.token}` };
    expect(codes(await t.gql(CreateCaptionUploadDocument, { input }, as))).toEqual(['NOT_FOUND']);
    expect(codes(await t.gql(ConfirmCaptionUploadDocument, { input: { captionId: up.caption.id } }, as))).toEqual(['NOT_FOUND']);
    expect(codes(await t.gql(ConfirmCaptionUploadDocument, { input: { captionId: 'not-a-uuid' } }))).toEqual(['NOT_FOUND']);
    expect(codes(await t.gql(CreateCaptionUploadDocument, { input }, { authorization: '' }))).toEqual(['UNAUTHENTICATED']);
  });
});
