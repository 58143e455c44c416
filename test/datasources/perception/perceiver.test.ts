// The frame grab on real ffmpeg with hostile and long inputs: bounded frames, broken files seen as
// unmeasured (never a crash), cancellation and the time limit. No engines here (they are the
// findings tests' subject): what is checked is the sampling and the decode around them.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FramePerceiver } from '../../../src/datasources/perception/perceiver.js';
import { ErrorCode } from '../../../src/errors.js';
import { makeFifo, makeTruncatedVideo, makeVideo } from '../../helpers/media.js';

// With ffprobe, as the worker runs it: the packet list is read first (./grab.test.ts for the seeks).
const blind = new FramePerceiver({ ffmpegPath: process.env.FFMPEG_PATH || 'ffmpeg', ffprobePath: process.env.FFPROBE_PATH || 'ffprobe', ocr: null, faces: null, maxFrames: 24 });
let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'klike-perceiver-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const input = (source: string, o: { seconds: number | null; cuts?: number[]; signal?: AbortSignal; timeoutMs?: number }) => ({
  source, display: { width: 320, height: 240 }, durationSeconds: o.seconds, cuts: o.cuts ?? [], workDir: work, signal: o.signal ?? new AbortController().signal, timeoutMs: o.timeoutMs ?? 120_000,
});

describe('the frame grab', () => {
  it('a long video with many shots samples a bounded number of frames: the first seconds, thinned shots, the end', async () => {
    const cuts = Array.from({ length: 59 }, (_, i) => 2 * (i + 1));
    const file = await makeVideo({ seconds: 120, cutsAt: cuts, audio: 'none', fps: 10 });
    const { facts } = await blind.perceive(input(file, { seconds: 120, cuts }));
    expect(facts.capped).toBe(true);
    expect(facts.frames).toHaveLength(24);
    expect(facts.frames.slice(0, 5).map((f) => f.atSeconds)).toEqual([0, 1, 2, 3, 4]);
    expect(facts.frames.at(-1)).toMatchObject({ atSeconds: 119.5, reasons: ['last'] });
    expect(facts.frames.filter((f) => f.reasons.includes('shot')).length).toBeGreaterThanOrEqual(17);
    expect(facts.unmeasured.map((u) => u.reason)).toEqual(['NO_OCR_ENGINE', 'NO_FACE_ENGINE', 'NO_FACE_ENGINE']);
  }, 120_000);

  it('a truncated file gives the frames that decode; the rest are simply not there', async () => {
    const file = await makeTruncatedVideo({ seconds: 4, keepFraction: 0.5 });
    const { facts } = await blind.perceive(input(file, { seconds: 4 }));
    expect(facts.frames.length).toBeGreaterThanOrEqual(1);
    expect(facts.frames.length).toBeLessThan(5);
    expect(facts.frames[0]!.atSeconds).toBe(0);
  });

  it('bytes that are no video are unmeasured with the reason, not an error', async () => {
    const file = path.join(work, 'not-a-video.mp4');
    await writeFile(file, 'this is not a video\n'.repeat(100));
    const { facts, stills } = await blind.perceive(input(file, { seconds: 3 }));
    expect(facts.frames).toEqual([]);
    expect(facts.unmeasured.map((u) => [u.fact, u.reason])).toEqual([['frames', 'DECODE_FAILED'], ['text', 'DECODE_FAILED'], ['faces', 'DECODE_FAILED'], ['people', 'DECODE_FAILED']]);
    expect(stills).toEqual([]);
  });

  it('honours cancellation while ffmpeg waits for input', async () => {
    const fifo = await makeFifo();
    const ac = new AbortController();
    const p = blind.perceive(input(fifo, { seconds: 3, signal: ac.signal }));
    setImmediate(() => ac.abort());
    await expect(p).rejects.toMatchObject({ code: ErrorCode.CANCELLED });
  });

  it('stops at the time limit with STAGE_TIMEOUT (retryable)', async () => {
    const fifo = await makeFifo();
    await expect(blind.perceive(input(fifo, { seconds: 3, timeoutMs: 200 }))).rejects.toMatchObject({ code: ErrorCode.STAGE_TIMEOUT, retryable: true });
  });
});
