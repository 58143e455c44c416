// The eyes end to end: a video with a face, Portuguese text, small print and a CTA goes through the
// signed upload and the whole pipeline with the installed engines; what was seen is stored with the
// task, read back over GraphQL with boxes, and the findings carry their words, boxes, times and the
// stills with the boxes drawn (served over HTTP). Without engines, perception says why it is missing.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, startTestApp, uploadTo, type TestApp } from '../helpers/app.js';
import { makeVideo } from '../helpers/media.js';
import { makeScene } from '../helpers/scenes.js';
import { AnalyzeVideoDocument, ConfirmVideoUploadDocument, CreateVideoUploadDocument, TaskPerceptionDocument, TaskUpdatedDocument, type AnalysisOptionsInput } from '../generated/graphql.js';

const HOOK = {
  shots: [
    { seconds: 2, background: 'face' as const, texts: [{ text: 'Promoção de verão', size: 60, x: 140, y: 400 }, { text: 'Compre agora na loja', size: 16, x: 140, y: 1000 }] },
    { seconds: 2, background: 'empty' as const, texts: [{ text: 'SHOP NOW', size: 72, x: 300, y: 1700, color: 'yellow' as const }] },
  ],
};

async function upload(t: TestApp, file: string, analysis?: AnalysisOptionsInput) {
  const { size } = await fs.stat(file);
  const { createVideoUpload: up } = await t.ok(CreateVideoUploadDocument, { input: { filename: 'ad.mp4', contentType: 'video/mp4', sizeBytes: size } });
  expect((await uploadTo(up, file)).status).toBe(200);
  const { confirmVideoUpload } = await t.ok(ConfirmVideoUploadDocument, { input: { videoId: up.video.id, analysis } });
  return { videoId: up.video.id, taskId: confirmVideoUpload.task.id };
}

async function finished(t: TestApp, taskId: string) {
  const { events, errors } = await collect(t.ws(), TaskUpdatedDocument, { taskId });
  expect(errors).toEqual([]);
  const { task } = await t.ok(TaskPerceptionDocument, { id: taskId });
  expect(task?.status).toBe('COMPLETED');
  return { result: task!.result!, messages: events.map((e) => e.taskUpdated.message) };
}

async function analyse(t: TestApp, file: string, analysis?: AnalysisOptionsInput) {
  return (await finished(t, (await upload(t, file, analysis)).taskId)).result;
}

describe('perception in the pipeline', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { OCR_ENGINE: 'auto', FACE_ENGINE: 'auto' } });
  }, 120_000);
  afterAll(async () => {
    await t?.stop();
  });

  it('stores what was seen with the task and exposes it with boxes, findings with evidence stills', async () => {
    const r = await analyse(t, await makeScene(HOOK), { platforms: ['TIKTOK'], brand: 'verão' });
    const p = r.media.perception!;
    expect(p.engines.ocr).toMatch(/tesseract/);
    expect(p.engines.faces).toMatch(/^human /);
    expect(p).toMatchObject({ frameWidth: 1080, frameHeight: 1920, capped: false, reused: false, unmeasured: [] });
    expect(p.frames.map((f) => f.atSeconds)).toEqual([0, 1, 2, 3, 3.6]);
    expect(p.ocrFrames).toBe(2);
    expect(p.cpuMs).toBeGreaterThan(0);
    const first = p.frames[0]!;
    expect(first.lines.map((l) => l.text)).toContain('Promoção de verão');
    expect(first.faces).toHaveLength(1);
    expect(first.faces[0]!.relativeHeight).toBeGreaterThan(0.2);
    expect(p.frames[1]!.reusedFrom).toBe(0);

    // The stills with the boxes are served (signed URLs).
    const still = await fetch(first.still!);
    expect(still.status).toBe(200);
    expect(Buffer.from(await still.arrayBuffer()).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(p.frames[1]!.still).not.toBeNull();

    const check = (code: string) => r.checks.find((c) => c.code === code);
    expect(check('PEOPLE_EARLY')).toMatchObject({ passed: true, atSeconds: 0 });
    expect(check('PEOPLE_EARLY')!.seen[0]).toMatchObject({ kind: 'face', atSeconds: 0 });
    expect(check('BRAND_VISUAL_EARLY')).toMatchObject({ passed: true });
    expect(check('CTA_ON_SCREEN')).toMatchObject({ passed: true, atSeconds: 2 });
    expect(check('SUPERS')?.passed).toBe(true);

    // SHOP NOW at y 1700 is under TikTok's interface; the 16 px line is too small.
    const issue = (code: string) => r.detectedIssues.find((i) => i.code === code);
    const zone = issue('SAFE_ZONE_VIOLATION')!;
    expect(zone).toMatchObject({ penalty: 10, platforms: ['TIKTOK'], atSeconds: 2 });
    expect(zone.seen[0]).toMatchObject({ kind: 'text', text: 'SHOP NOW', atSeconds: 2 });
    expect(zone.seen[0]!.box.y).toBeGreaterThan(1248);
    // Its evidence frame is the still of that frame, with the boxes drawn.
    expect(zone.evidenceFrames).toHaveLength(1);
    expect(zone.evidenceFrames[0]).toBe(zone.seen[0]!.frame);
    expect((await fetch(zone.evidenceFrames[0]!)).status).toBe(200);
    expect(issue('SMALL_SUBTITLES')).toMatchObject({ penalty: 4 });
    expect(issue('SMALL_SUBTITLES')!.seen[0]!.box.height).toBeLessThan(29);

    // The offline metrics use what was seen.
    const metric = (code: string) => r.creativeMetrics.find((m) => m.code === code)!;
    expect(metric('COMMUNITY').evidence).toMatch(/^Seen on screen/);
    expect(metric('CALL_TO_ACTION').wentWell.join(' ')).toMatch(/SHOP NOW/);
    expect(metric('HOOK').wentWell.join(' ')).toMatch(/face/);
  }, 240_000);

  it('same bytes are measured once: a re-analysis and a second upload reuse the media facts and perception, and say so', async () => {
    // Bytes no other test here uploads.
    const file = await makeScene({ shots: [{ ...HOOK.shots[0]!, texts: [{ text: 'Promoção de inverno', size: 60, x: 140, y: 400 }] }, HOOK.shots[1]!] });
    const sha256 = createHash('sha256').update(await fs.readFile(file)).digest('hex');
    const first = await upload(t, file, { platforms: ['TIKTOK'] });
    const a = await finished(t, first.taskId);
    expect(a.result.reuse).toEqual({ sha256, fromTaskId: null, stages: [] });
    expect(a.messages).toContain('Measuring sound and pictures');

    // A re-analysis of the same video.
    const { analyzeVideo } = await t.ok(AnalyzeVideoDocument, { input: { videoId: first.videoId, analysis: { platforms: ['TIKTOK'] } } });
    const b = await finished(t, analyzeVideo.task.id);
    // The scene has no sound: there is no transcript to reuse, only the media facts and what was seen.
    expect(b.result.reuse).toEqual({ sha256, fromTaskId: first.taskId, stages: ['extracting_audio', 'perceiving'] });
    expect(b.messages).toContain('Same bytes as an earlier upload: reusing its measurements');
    expect(b.messages).not.toContain('Measuring sound and pictures');
    expect(b.messages).not.toContain('Reading on-screen text and looking for people');
    expect(b.result.media.perception!.reused).toBe(true);
    expect(b.result.media.perception!.frames.map((f) => f.lines)).toEqual(a.result.media.perception!.frames.map((f) => f.lines));
    expect(b.result.detectedIssues.map((i) => i.code).sort()).toEqual(a.result.detectedIssues.map((i) => i.code).sort());
    expect(b.result.score).toBe(a.result.score);

    // A second upload of identical bytes, by the same owner.
    const second = await upload(t, file, { platforms: ['TIKTOK'] });
    const c = await finished(t, second.taskId);
    expect(c.result.reuse?.stages).toEqual(['extracting_audio', 'perceiving']);
    expect([first.taskId, analyzeVideo.task.id]).toContain(c.result.reuse?.fromTaskId);
    expect((await fetch(c.result.media.perception!.frames[0]!.still!)).status).toBe(200);
  }, 300_000);

  it('another owner’s identical upload is measured again', async () => {
    const file = await makeScene(HOOK);
    await analyse(t, file);
    const other = await t.signUp();
    const mine = t.token;
    t.token = other.token;
    try {
      const r = await analyse(t, file);
      expect(r.reuse?.stages).toEqual([]);
      expect(r.media.perception!.reused).toBe(false);
    } finally {
      t.token = mine;
    }
  }, 300_000);
});

describe('perception without engines', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 60_000);
  afterAll(async () => {
    await t?.stop();
  });

  it('is unmeasured with the reason, and the analysis goes on', async () => {
    const r = await analyse(t, await makeVideo({ seconds: 2 }));
    const p = r.media.perception!;
    expect(p.engines).toEqual({ ocr: null, faces: null });
    expect(p.frames).toEqual([]);
    expect(p.unmeasured.map((u) => [u.fact, u.reason])).toEqual([
      ['frames', 'NO_PERCEPTION_ENGINE'], ['text', 'NO_PERCEPTION_ENGINE'], ['faces', 'NO_PERCEPTION_ENGINE'], ['people', 'NO_PERCEPTION_ENGINE'],
    ]);
    expect(r.checks.map((c) => c.code)).not.toContain('PEOPLE_EARLY');
    expect(r.checks.map((c) => c.code)).not.toContain('SUPERS');
  }, 120_000);
});
