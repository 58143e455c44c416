// The eyes on real parts: videos made here with ffmpeg drawtext over photos from @vladmandic/human's
// assets, read by the installed engines (tesseract, human), and the findings the rules draw from
// what was read. Each scene is perceived once per file.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PerceptionFacts } from '../../src/domain/perception.js';
import { createPerceiver, type Perceiver } from '../../src/datasources/perception/index.js';
import { perceptionChecks, perceptionIssues } from '../../src/analysis/perception-rules.js';
import type { Transcript } from '../../src/domain/transcript.js';
import { Platform } from '../../src/domain/model.js';
import { createLogger } from '../../src/logger.js';
import { makeScene, type SceneSpec } from '../helpers/scenes.js';

const NO_SPEECH: Transcript = { available: false, engine: null, reason: 'NO_SPEECH_ENGINE' };
const ALL_ZONED = [Platform.TIKTOK, Platform.META_REELS, Platform.META_STORIES, Platform.YOUTUBE_SHORTS, Platform.SNAPCHAT];

let perceiver: Perceiver;
let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'klike-eyes-'));
  perceiver = await createPerceiver({ ocr: 'auto', faces: 'auto', maxFrames: 24 }, { ffmpegPath: 'ffmpeg', ffprobePath: 'ffprobe', dataDir: work, logger: createLogger('silent') });
}, 60_000);
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const seen = new Map<string, Promise<PerceptionFacts>>();
function perceive(spec: SceneSpec, cuts: number[]): Promise<PerceptionFacts> {
  const key = JSON.stringify(spec);
  let p = seen.get(key);
  if (!p) {
    p = (async () => {
      const file = await makeScene(spec);
      const seconds = spec.shots.reduce((n, s) => n + s.seconds, 0);
      const dir = await mkdtemp(path.join(work, 'task-'));
      const out = await perceiver.perceive({ source: file, display: { width: 1080, height: 1920 }, durationSeconds: seconds, cuts, workDir: dir, signal: new AbortController().signal, timeoutMs: 300_000 });
      return out.facts;
    })();
    seen.set(key, p);
  }
  return p;
}

// A face with a Portuguese title (60 px), a line of 16 px print, then an empty room with a CTA.
const HOOK: SceneSpec = {
  shots: [
    { seconds: 2, background: 'face', texts: [{ text: 'Promoção de verão', size: 60, x: 140, y: 400 }, { text: 'Compre agora na loja', size: 16, x: 140, y: 1000 }] },
    { seconds: 2, background: 'empty', texts: [{ text: 'SHOP NOW', size: 72, x: 300, y: 1000, color: 'yellow' }] },
  ],
};
const EMPTY: SceneSpec = { shots: [{ seconds: 3, background: 'empty' }] };
// One shot per platform, each with a word planted in that platform's unsafe zone (1080×1920).
const ZONES: SceneSpec = {
  shots: [
    { seconds: 1, background: 'empty', texts: [{ text: 'TOPBAR', size: 60, x: 300, y: 40 }] }, // Snapchat: top 150 px
    { seconds: 1, background: 'empty', texts: [{ text: 'REELS', size: 60, x: 300, y: 1300 }] }, // Reels: bottom 35 % (y > 1248)
    { seconds: 1, background: 'empty', texts: [{ text: 'STORIES', size: 60, x: 300, y: 1620 }] }, // Stories: bottom 20 % (y > 1536)
    { seconds: 1, background: 'empty', texts: [{ text: 'SIDE', size: 50, x: 895, y: 700 }] }, // TikTok: right of x 888
    { seconds: 1, background: 'empty', texts: [{ text: 'LEFT', size: 50, x: 4, y: 700 }] }, // Shorts: left 48 px
    { seconds: 1, background: 'empty' },
  ],
};
// The same words, all inside the box every platform keeps clear (x 120–888, y 288–1248).
const SAFE: SceneSpec = {
  shots: [
    { seconds: 2, background: 'empty', texts: [{ text: 'TOPBAR', size: 60, x: 300, y: 400 }, { text: 'REELS', size: 60, x: 300, y: 600 }, { text: 'STORIES', size: 60, x: 300, y: 800 }] },
    { seconds: 2, background: 'empty', texts: [{ text: 'SIDE', size: 50, x: 600, y: 700 }, { text: 'LEFT', size: 50, x: 200, y: 1000 }] },
  ],
};
// 4 lines, 70+ characters in the first 3 s: over TikTok's 60, under Meta's 80.
const LONG_HOOK: SceneSpec = {
  shots: [{
    seconds: 3,
    background: 'empty',
    texts: ['Descubra o novo jeito', 'de economizar tempo', 'e dinheiro todo dia', 'com a gente'].map((text, i) => ({ text, size: 52, x: 140, y: 500 + i * 90 })),
  }],
};

const texts = (p: PerceptionFacts) => p.frames.flatMap((f) => f.lines.map((l) => l.text));

describe('reading the picture', () => {
  it('reads Portuguese with its accents, with boxes where the text was drawn', async () => {
    const p = await perceive(HOOK, [2]);
    expect(p.engines.ocr).toMatch(/tesseract/);
    const title = p.frames[0]!.lines.find((l) => /Promo/.test(l.text));
    expect(title?.text).toBe('Promoção de verão');
    // drawtext at (140, 400), 60 px: the box starts there and is about the font size high.
    expect(title!.box.x).toBeGreaterThanOrEqual(135);
    expect(title!.box.x).toBeLessThanOrEqual(150);
    expect(title!.box.y).toBeGreaterThanOrEqual(395);
    expect(title!.box.h).toBeGreaterThanOrEqual(40);
    expect(title!.box.h).toBeLessThanOrEqual(70);
    expect(texts(p)).toContain('SHOP NOW');
  }, 120_000);

  it('samples the first frame, each second, each shot and the end, and reuses an unchanged picture', async () => {
    const p = await perceive(HOOK, [2]);
    expect(p.frames.map((f) => f.atSeconds)).toEqual([0, 1, 2, 3, 3.6]);
    expect(p.frames.map((f) => f.reasons)).toEqual([['first'], ['second'], ['second', 'shot'], ['second'], ['last']]);
    // Same shot, same picture: read once.
    expect(p.frames.map((f) => f.reusedFrom)).toEqual([null, 0, null, 2, 2]);
    expect(p.ocrFrames).toBe(2);
    expect(p.frames[1]!.words).toEqual(p.frames[0]!.words);
  }, 120_000);

  it('finds the face in the portrait and none in the empty room', async () => {
    const hook = await perceive(HOOK, [2]);
    expect(hook.frames[0]!.faces).toHaveLength(1);
    const face = hook.frames[0]!.faces[0]!;
    // The portrait is fitted to the width, centred: the face sits in the middle third.
    expect(face.box.x + face.box.w / 2).toBeGreaterThan(360);
    expect(face.box.x + face.box.w / 2).toBeLessThan(720);
    expect(face.relativeHeight).toBeGreaterThan(0.2);
    expect(hook.frames[2]!.faces).toEqual([]);
    const empty = await perceive(EMPTY, []);
    expect(empty.frames.every((f) => f.faces.length === 0 && f.people.length === 0)).toBe(true);
  }, 120_000);
});

describe('findings from what was seen', () => {
  it('a face in the first seconds passes the people check; an empty scene fails it', async () => {
    const hook = perceptionChecks({ perception: await perceive(HOOK, [2]), transcript: NO_SPEECH, platforms: [Platform.TIKTOK] });
    expect(hook.find((c) => c.code === 'PEOPLE_EARLY')).toMatchObject({ passed: true, atSeconds: 0 });
    expect(hook.find((c) => c.code === 'PEOPLE_EARLY')!.seen![0]).toMatchObject({ kind: 'face', atSeconds: 0 });
    expect(hook.find((c) => c.code === 'FACE_CLOSEUP')?.passed).toBe(true);
    expect(hook.find((c) => c.code === 'SUPERS')?.passed).toBe(true);
    expect(hook.find((c) => c.code === 'CTA_ON_SCREEN')).toMatchObject({ passed: true, atSeconds: 2 });
    const empty = perceptionChecks({ perception: await perceive(EMPTY, []), transcript: NO_SPEECH, platforms: [Platform.TIKTOK] });
    expect(empty.find((c) => c.code === 'PEOPLE_EARLY')?.passed).toBe(false);
    expect(empty.find((c) => c.code === 'FACE_CLOSEUP')?.passed).toBe(false);
    expect(empty.find((c) => c.code === 'SUPERS')?.passed).toBe(false);
    expect(empty.find((c) => c.code === 'CTA_ON_SCREEN')?.passed).toBe(false);
  }, 120_000);

  it('brand on screen in the first 5 s, when a brand is given', async () => {
    const checks = perceptionChecks({ perception: await perceive(HOOK, [2]), transcript: NO_SPEECH, platforms: [], brand: 'verão' });
    expect(checks.find((c) => c.code === 'BRAND_VISUAL_EARLY')).toMatchObject({ passed: true, atSeconds: 0 });
    const other = perceptionChecks({ perception: await perceive(HOOK, [2]), transcript: NO_SPEECH, platforms: [], brand: 'Acme' });
    expect(other.find((c) => c.code === 'BRAND_VISUAL_EARLY')?.passed).toBe(false);
  }, 120_000);

  it('16 px print on 1920 is too small; 60 px is not', async () => {
    const issues = perceptionIssues({ perception: await perceive(HOOK, [2]), transcript: NO_SPEECH, platforms: [] });
    const small = issues.find((i) => i.code === 'SMALL_SUBTITLES');
    expect(small?.penalty).toBe(4);
    const flagged = small!.seen!.map((s) => s.text!);
    expect(flagged.some((t) => /Compre|agora|loja/.test(t))).toBe(true);
    expect(flagged.some((t) => /Promo|SHOP/.test(t))).toBe(false);
    expect(small!.seen![0]!.box.h).toBeLessThan(29);
  }, 120_000);

  it("text in each platform's unsafe zone is flagged for that platform; the same text in the safe area is not", async () => {
    const issues = perceptionIssues({ perception: await perceive(ZONES, [1, 2, 3, 4, 5]), transcript: NO_SPEECH, platforms: ALL_ZONED });
    const flagged = (p: Platform) => issues.filter((i) => i.code === 'SAFE_ZONE_VIOLATION' && i.platforms.includes(p)).flatMap((i) => i.seen!.map((s) => s.text));
    expect(issues.every((i) => i.code !== 'SAFE_ZONE_VIOLATION' || i.penalty === 10)).toBe(true);
    expect(flagged(Platform.SNAPCHAT)).toEqual(['TOPBAR']);
    expect(flagged(Platform.META_REELS)).toEqual(expect.arrayContaining(['TOPBAR', 'REELS', 'STORIES']));
    expect(flagged(Platform.META_STORIES)).toEqual(expect.arrayContaining(['TOPBAR', 'STORIES']));
    expect(flagged(Platform.META_STORIES)).not.toContain('REELS');
    expect(flagged(Platform.TIKTOK)).toEqual(expect.arrayContaining(['TOPBAR', 'REELS', 'STORIES']));
    const tiktok = issues.find((i) => i.code === 'SAFE_ZONE_VIOLATION' && i.platforms[0] === Platform.TIKTOK)!;
    expect(tiktok.seen![0]).toMatchObject({ kind: 'text', text: 'TOPBAR', atSeconds: 0 });
    expect(tiktok.seen![0]!.box.y).toBeLessThan(150);
    // Up to three lines of evidence per issue: the side words are checked on their own.
    const sides = perceptionIssues({ perception: await perceive(ZONES, [1, 2, 3, 4, 5]), transcript: NO_SPEECH, platforms: [Platform.YOUTUBE_SHORTS] });
    expect(sides[0]!.detail).toMatch(/^5 line/);

    const safe = perceptionIssues({ perception: await perceive(SAFE, [2]), transcript: NO_SPEECH, platforms: ALL_ZONED });
    expect(texts(await perceive(SAFE, [2]))).toEqual(expect.arrayContaining(['TOPBAR', 'REELS', 'STORIES', 'SIDE', 'LEFT']));
    expect(safe.filter((i) => i.code === 'SAFE_ZONE_VIOLATION')).toEqual([]);
  }, 240_000);

  it("a long hook line trips TikTok's 60-character limit, not Meta's 80", async () => {
    const p = await perceive(LONG_HOOK, []);
    const issues = perceptionIssues({ perception: p, transcript: NO_SPEECH, platforms: [Platform.TIKTOK, Platform.META_REELS] });
    const long = issues.filter((i) => i.code === 'HOOK_CTA_TOO_LONG');
    expect(long.map((i) => i.platforms)).toEqual([[Platform.TIKTOK]]);
    expect(long[0]!.penalty).toBe(5);
    expect(long[0]!.evidence).toMatch(/Descubra o novo jeito/);
    expect(long[0]!.seen).toHaveLength(3);
    // The short hook of the other scene trips nothing.
    const short = perceptionIssues({ perception: await perceive(HOOK, [2]), transcript: NO_SPEECH, platforms: [Platform.TIKTOK] });
    expect(short.filter((i) => i.code === 'HOOK_CTA_TOO_LONG')).toEqual([]);
  }, 120_000);
});
