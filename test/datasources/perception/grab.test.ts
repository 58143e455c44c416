// The frame grab on real ffmpeg: with frequent keyframes it seeks, and reads the same frames (same
// pts_time, same pixels) as the linear decode; with one keyframe it stays linear; a seek that
// reads anything else falls back to the linear grab.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grabFrames, type GrabInput } from '../../../src/datasources/perception/grab.js';
import { FramePerceiver } from '../../../src/datasources/perception/perceiver.js';
import { makeVideo } from '../../helpers/media.js';
import { makeScene } from '../../helpers/scenes.js';

const run = promisify(execFile);
const FFMPEG = process.env.FFMPEG_PATH || 'ffmpeg';
const FFPROBE = process.env.FFPROBE_PATH || 'ffprobe';
const deps = { ffmpegPath: FFMPEG, ffprobePath: FFPROBE };
let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'klike-grab-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

let n = 0;
async function grab(source: string, targets: number[], o: Partial<GrabInput> & { size?: { width: number; height: number } } = {}, d: Parameters<typeof grabFrames>[0] = deps) {
  const dir = path.join(work, `grab-${++n}`);
  await mkdir(dir);
  const size = o.size ?? { width: 108, height: 192 };
  const r = await grabFrames(d, { source, targets, size, pixels: 1080 * 1920, dir, signal: new AbortController().signal, timeoutMs: 120_000, ...o });
  const files = (await readdir(dir)).sort();
  const hashes = await Promise.all(files.map(async (f) => createHash('sha1').update(await readFile(path.join(dir, f))).digest('hex')));
  return { ...r, files, hashes };
}

// 30 s of 1080×1920 at 5 fps (frames every 0.2 s), a keyframe every 2 s (scenes.ts: -g 2×fps), three shots.
const SHOTS = { shots: [
  { seconds: 6, background: 'face' as const, texts: [{ text: 'Oferta', size: 90, x: 100, y: 300 }] },
  { seconds: 10, background: 'empty' as const },
  { seconds: 14, background: 'plain' as const, texts: [{ text: 'COMPRE', size: 120, x: 200, y: 1400, color: 'yellow' as const }] },
] };
// The first seconds, a cut on a keyframe (6), a target just before a keyframe's frame (9.95 → 10),
// between frames (16.1 → 16.2), on a frame off any keyframe (23.4), and the last second.
const TARGETS = [0, 1, 2, 3, 4, 6, 9.95, 16.1, 23.4, 29.5];
const FRAMES = [0, 1, 2, 3, 4, 6, 10, 16.2, 23.4, 29.6];

describe('the frame grab', () => {
  it('seeks to keyframes when they are frequent, and reads the frames the linear decode reads', async () => {
    const file = await makeScene(SHOTS);
    const seek = await grab(file, TARGETS);
    expect(seek.report).toMatchObject({ plan: 'seek', why: 'seek_cheaper', fellBack: null, keyframes: 15 });
    expect(seek.report.runs).toBeGreaterThan(2);
    expect(seek.report.seekCost!).toBeLessThan(seek.report.linearCost!);
    const linear = await grab(file, TARGETS, { force: 'linear' });
    expect(linear.report).toMatchObject({ plan: 'linear', runs: 1 });
    expect(linear.times).toEqual(FRAMES);
    expect(seek.times).toEqual(linear.times);
    // Same names in target order, same pixels.
    expect(seek.files).toEqual(linear.files);
    expect(seek.hashes).toEqual(linear.hashes);
  }, 120_000);

  it('forced to seek on every target it still reads the same frames', async () => {
    const file = await makeScene(SHOTS);
    const few = [0, 6, 9.95, 29.5];
    const linear = await grab(file, few, { force: 'linear' });
    const seek = await grab(file, few, { force: 'seek' });
    expect(seek.report).toMatchObject({ plan: 'seek', why: 'forced', fellBack: null, runs: 4 });
    expect(seek.times).toEqual([0, 6, 10, 29.6]);
    expect(seek.hashes).toEqual(linear.hashes);
  }, 120_000);

  it('seeks exactly in every accepted container: Matroska, WebM (VP9), MPEG-TS (starts at 1.4 s), MP4 with B-frames', async () => {
    const encoders: Record<string, string[]> = {
      mkv: ['-c:v', 'libx264', '-preset', 'ultrafast'],
      webm: ['-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8'],
      ts: ['-c:v', 'libx264', '-preset', 'ultrafast', '-f', 'mpegts'],
      mp4: ['-c:v', 'libx264', '-preset', 'veryfast', '-bf', '3'],
    };
    const targets = [0, 1, 1.5, 2.02, 3.97, 5, 6.33, 7.5];
    for (const [ext, enc] of Object.entries(encoders)) {
      const file = path.join(work, `gop10.${ext}`);
      await run(FFMPEG, ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=s=320x240:r=25:d=8', ...enc, '-g', '10', '-pix_fmt', 'yuv420p', file]);
      const linear = await grab(file, targets, { force: 'linear', size: { width: 320, height: 240 } });
      const seek = await grab(file, targets, { force: 'seek', size: { width: 320, height: 240 } });
      expect(seek.report, ext).toMatchObject({ plan: 'seek', fellBack: null, runs: 8 });
      expect(linear.times, ext).toEqual([0, 1, 1.52, 2.04, 4, 5, 6.36, 7.52]);
      expect(seek.times, ext).toEqual(linear.times);
      expect(seek.hashes, ext).toEqual(linear.hashes);
    }
  }, 120_000);

  it('stays linear on a clip with one keyframe', async () => {
    // x264 ultrafast without scene cuts: one keyframe in 8 s at 25 fps (keyint 250).
    const file = await makeVideo({ seconds: 8, cutsAt: [4], audio: 'none' });
    const r = await grab(file, [0, 1, 2, 3, 4, 7.5], { size: { width: 320, height: 240 } });
    expect(r.report).toMatchObject({ plan: 'linear', why: 'few_keyframes', keyframes: 1, runs: 1 });
    expect(r.times).toEqual([0, 1, 2, 3, 4, 7.52]);
  }, 60_000);

  it('without ffprobe, or when ffprobe cannot read the file, it grabs linearly', async () => {
    const file = await makeScene(SHOTS);
    const none = await grab(file, [0, 16.1], {}, { ffmpegPath: FFMPEG });
    expect(none.report).toMatchObject({ plan: 'linear', why: 'no_ffprobe', runs: 1 });
    const broken = await grab(file, [0, 16.1], {}, { ffmpegPath: FFMPEG, ffprobePath: '/bin/false' });
    expect(broken.report).toMatchObject({ plan: 'linear', why: 'probe_failed', runs: 1 });
    expect(broken.times).toEqual([0, 16.2]);
  }, 60_000);

  it('a seek that reads other frames than the packet list says is thrown away for the linear grab', async () => {
    const file = await makeScene(SHOTS);
    // An ffprobe that lies: every packet a keyframe, times shifted by a frame. The seeking runs then
    // read frames off the list, and the grab redoes it linearly.
    const liar = path.join(work, 'ffprobe-liar.sh');
    await writeFile(
      liar,
      `#!/bin/sh\n"${FFPROBE}" "$@" | awk -F, '$1=="packet"{printf "packet,%.6f,K_\\n", $2+0.2; next} {print}'\n`,
      { mode: 0o755 },
    );
    const r = await grab(file, TARGETS, {}, { ffmpegPath: FFMPEG, ffprobePath: liar });
    expect(r.report).toMatchObject({ plan: 'linear', fellBack: 'seek_mismatch' });
    expect(r.times).toEqual(FRAMES);
    expect(r.files).toHaveLength(10);
  }, 120_000);

  it('the perceiver with ffprobe reports the seek and samples the same frames as without', async () => {
    const file = await makeScene(SHOTS);
    const input = { source: file, display: { width: 1080, height: 1920 }, durationSeconds: 30, cuts: [6, 16], workDir: work, signal: new AbortController().signal, timeoutMs: 120_000 };
    const seeing = await new FramePerceiver({ ffmpegPath: FFMPEG, ffprobePath: FFPROBE, ocr: null, faces: null }).perceive(input);
    const linear = await new FramePerceiver({ ffmpegPath: FFMPEG, ocr: null, faces: null }).perceive(input);
    expect(seeing.grab).toMatchObject({ plan: 'seek' });
    expect(linear.grab).toMatchObject({ plan: 'linear', why: 'no_ffprobe' });
    expect(seeing.facts.frames.map((f) => [f.atSeconds, f.reasons])).toEqual(linear.facts.frames.map((f) => [f.atSeconds, f.reasons]));
    expect(seeing.facts.frames.map((f) => f.atSeconds)).toEqual([0, 1, 2, 3, 4, 6, 16, 29.6]);
  }, 120_000);
});
