// MediaTools.analyze against the real ffmpeg on generated files: the measured values must match what
// the generator put in (cut times, tone level, silence, black and still stretches), and every odd
// input ends in facts or a coded error.
import { execFile } from 'node:child_process';
import { open, readdir, readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/errors.js';
import type { AnalyzeResult } from '../../../src/datasources/media/analysis-run.js';
import { MediaTools } from '../../../src/datasources/media/ffmpeg.js';
import { normalizeProbe } from '../../../src/datasources/media/probe.js';
import {
  ffprobeJson,
  makeAudioOnly,
  makeFifo,
  makeTextFile,
  makeTruncatedVideo,
  makeVideo,
  scratchPath,
} from '../../helpers/media.js';

const run = promisify(execFile);
const tools = new MediaTools();
const FRAME = 1 / 25;

async function analyze(file: string, opts: Parameters<MediaTools['analyze']>[2] = {}, mt = tools): Promise<AnalyzeResult> {
  return mt.analyze(file, scratchPath('analysis'), opts);
}

/**
 * Loudness (LUFS) of a mono sine of peak `dbfs` at `hz`, from ITU-R BS.1770-4 itself: the K-weighting
 * filter's gain at hz (its two biquads, 48 kHz coefficients), then −0.691 + 10·log10(mean square).
 */
function sineLoudness(dbfs: number, hz: number): number {
  const w = (2 * Math.PI * hz) / 48000;
  const gain = (b: number[], a: number[]) => {
    const re = (c: number[]) => c[0]! + c[1]! * Math.cos(-w) + c[2]! * Math.cos(-2 * w);
    const im = (c: number[]) => c[1]! * Math.sin(-w) + c[2]! * Math.sin(-2 * w);
    return Math.hypot(re(b), im(b)) / Math.hypot(re(a), im(a));
  };
  const shelf = gain([1.53512485958697, -2.69169618940638, 1.19839281085285], [1, -1.69065929318241, 0.73248077421585]);
  const highpass = gain([1, -2, 1], [1, -1.99004745483398, 0.99007225036621]);
  const amplitude = 10 ** (dbfs / 20);
  return -0.691 + 10 * Math.log10((shelf * highpass) ** 2 * (amplitude ** 2 / 2));
}

/** ffmpeg's own ebur128 run alone on the file: the reference our one-pass reading must equal. */
async function standaloneLoudness(file: string): Promise<{ integrated: number; truePeak: number }> {
  const { stderr } = await run('ffmpeg', ['-hide_banner', '-nostats', '-i', file, '-map', '0:a:0', '-af', 'ebur128=peak=true', '-f', 'null', '-']);
  const summary = stderr.slice(stderr.lastIndexOf('Summary:'));
  return { integrated: Number(/I:\s+(-?[\d.]+) LUFS/.exec(summary)![1]), truePeak: Number(/Peak:\s+(-?[\d.]+) dBFS/.exec(summary)![1]) };
}

async function jpegSize(file: string): Promise<{ width: number; height: number }> {
  const head = (await readFile(file)).subarray(0, 2);
  expect([...head]).toEqual([0xff, 0xd8]);
  const v = (await ffprobeJson(file)).streams![0]!;
  return { width: v.width!, height: v.height! };
}

describe('MediaTools.analyze: measured values match the generated video', () => {
  it('finds a cut placed at 2.0 s within one frame, and reports progress up to 1', async () => {
    const fractions: number[] = [];
    const r = await analyze(await makeVideo({ seconds: 4, cutsAt: [2] }), { onProgress: (f) => fractions.push(f) });
    const a = r.analysis;
    expect(a.sceneDetector).toBe('scdet');
    expect(a.cuts).toHaveLength(1);
    expect(Math.abs(a.firstCutAt! - 2)).toBeLessThanOrEqual(FRAME);
    expect(a.shots).toHaveLength(2);
    expect(a.averageShotSeconds).toBeCloseTo(2, 1);
    expect(a.maxShotsIn5s).toBe(2);
    expect(a.durationSeconds).toBeCloseTo(4, 1);
    expect(fractions.at(-1)).toBe(1);
    expect(fractions.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f > fractions[i - 1]!))).toBe(true);
  });

  it('measures a −30 dBFS tone at its true loudness, as ffmpeg does alone', async () => {
    const file = await makeVideo({ seconds: 6, toneDb: -30 });
    const expected = sineLoudness(-30, 440);
    // The reasoning, checked: full-scale 1 kHz sine ≈ −3 LUFS (BS.1770's calibration point).
    expect(sineLoudness(0, 997)).toBeCloseTo(-3.01, 1);
    expect(expected).toBeCloseTo(-33.7, 1);
    const r = await analyze(file);
    const l = r.analysis.loudness!;
    expect(Math.abs(l.integratedLufs! - expected)).toBeLessThanOrEqual(0.5);
    const alone = await standaloneLoudness(file);
    expect(l.integratedLufs).toBeCloseTo(alone.integrated, 1);
    expect(l.truePeakDbtp).toBeCloseTo(alone.truePeak, 1);
    // A steady tone: its peak is its amplitude (AAC adds under 1.5 dB), no range, flat short-term.
    expect(Math.abs(l.truePeakDbtp! - -30)).toBeLessThan(1.5);
    expect(l.rangeLu).toBeLessThanOrEqual(1);
    expect(l.timeline).toHaveLength(6);
    expect(l.timeline.slice(0, 2)).toEqual([null, null]);
    for (const v of l.timeline.slice(2)) expect(Math.abs(v! - expected)).toBeLessThan(0.6);
    expect(Math.abs(l.maxShortTermLufs! - expected)).toBeLessThan(0.6);
    expect(r.analysis.silences).toEqual([]);
    expect(r.analysis.silentOpeningSeconds).toBe(0);
  });

  it('reports 4 s of silence at the start as such, and the WAV for transcription', async () => {
    const r = await analyze(await makeVideo({ seconds: 7, audio: 'speech', speechAt: 4 }));
    const a = r.analysis;
    expect(a.silences![0]!.start).toBe(0);
    expect(a.silentOpeningSeconds).toBeGreaterThanOrEqual(3.95);
    expect(a.silentOpeningSeconds).toBeLessThan(4.4);
    expect(a.loudness!.integratedLufs).toBeGreaterThan(-40);
    // Short-term at 3 s covers only silence; by 6 s the speech is in the window.
    expect(a.loudness!.timeline[2]).toBe(-70);
    expect(a.loudness!.timeline[5]).toBeGreaterThan(-40);
    const wav = normalizeProbe(await ffprobeJson(r.audio!.path));
    expect(wav.audio).toEqual({ codec: 'pcm_s16le', sampleRate: 16000, channels: 1 });
    expect(Math.abs(r.audio!.durationSeconds - 7)).toBeLessThanOrEqual(0.1);
  });

  it('finds black and frozen stretches, to the frame, including one that runs to the end', async () => {
    // testsrc2 (moving) to 3 s with black over 1–2 s, then still red to the end.
    const r = await analyze(await makeVideo({ seconds: 5, cutsAt: [3], blackAt: [[1, 2]] }));
    const a = r.analysis;
    expect(a.blackSegments).toHaveLength(1);
    expect(Math.abs(a.blackSegments![0]!.start - 1)).toBeLessThanOrEqual(FRAME);
    expect(Math.abs(a.blackSegments![0]!.end - 2)).toBeLessThanOrEqual(FRAME);
    // Black is also still; red runs still to the end.
    expect(a.frozenSegments).toHaveLength(2);
    expect(Math.abs(a.frozenSegments![0]!.start - 1)).toBeLessThanOrEqual(FRAME);
    expect(Math.abs(a.frozenSegments![1]!.start - 3)).toBeLessThanOrEqual(FRAME);
    expect(a.frozenSegments![1]!.end).toBe(a.durationSeconds);
    // The black stretch's edges are cuts too.
    expect(a.cuts!.map((c) => Math.round(c))).toEqual([1, 2, 3]);
  });

  it('writes thumbnails: poster, 0 s, 3 s and one per shot, small and as JPEG', async () => {
    const r = await analyze(await makeVideo({ seconds: 6, width: 1280, height: 720, cutsAt: [1, 2.5, 4] }));
    const kinds = r.thumbnails.map((t) => t.kind);
    expect(kinds.filter((k) => k !== 'SHOT')).toEqual(['POSTER', 'AT_0S', 'AT_3S', 'AT_5S']);
    const shots = r.thumbnails.filter((t) => t.kind === 'SHOT');
    expect(shots.map((t) => t.atSeconds)).toEqual([0, ...r.analysis.cuts!]);
    // The poster is the middle frame, here also the 3 s one: one file serves both.
    const poster = r.thumbnails.find((t) => t.kind === 'POSTER')!;
    expect(poster.atSeconds).toBeCloseTo(3, 1);
    expect(poster.path).toBe(r.thumbnails.find((t) => t.kind === 'AT_3S')!.path);
    expect(r.thumbnails.find((t) => t.kind === 'AT_5S')!.atSeconds).toBeCloseTo(5, 1);
    expect(await jpegSize(r.thumbnails.find((t) => t.kind === 'AT_0S')!.path)).toEqual({ width: 640, height: 360 });
    for (const shot of shots) expect(await jpegSize(shot.path)).toEqual({ width: 320, height: 180 });
    // Only the run's own files are in its directory.
    expect((await readdir(r.dir)).sort()).toEqual(
      ['audio-16k.wav', 'shot-001.jpg', 'shot-002.jpg', 'shot-003.jpg', 'shot-004.jpg', 'thumb-01.jpg', 'thumb-02.jpg', 'thumb-03.jpg'].sort(),
    );
  });

  it("finds the same cut with select='gt(scene,…)' where scdet is missing", async () => {
    const noScdet = new MediaTools({ disabledFilters: ['scdet'] });
    const caps = await noScdet.capabilities();
    expect(caps.filters.scdet).toBe(false);
    expect(caps.limitations).toEqual([expect.stringContaining("select='gt(scene,…)'")]);
    const r = await analyze(await makeVideo({ seconds: 4, cutsAt: [2] }), {}, noScdet);
    expect(r.analysis.sceneDetector).toBe('select');
    expect(Math.abs(r.analysis.firstCutAt! - 2)).toBeLessThanOrEqual(FRAME);
    expect(r.thumbnails.filter((t) => t.kind === 'SHOT').map((t) => Math.round(t.atSeconds))).toEqual([0, 2]);
  });

  it('names what it could not measure when filters are missing', async () => {
    const bare = new MediaTools({ disabledFilters: ['ebur128', 'freezedetect'] });
    const r = await analyze(await makeVideo({ seconds: 2 }), {}, bare);
    expect(r.analysis.loudness).toBeNull();
    expect(r.analysis.frozenSegments).toBeNull();
    expect(r.analysis.silences).toEqual([]);
    expect(r.analysis.unmeasured.map((u) => u.fact).sort()).toEqual(['frozen_segments', 'loudness']);
    expect((await bare.capabilities()).limitations).toHaveLength(2);
  });
});

describe('MediaTools.analyze: odd inputs end in facts or a coded error', () => {
  it('no audio stream: picture facts only, no WAV', async () => {
    const r = await analyze(await makeVideo({ seconds: 3, audio: 'none', cutsAt: [1.6] }));
    expect(r.audio).toBeNull();
    expect(r.analysis.loudness).toBeNull();
    expect(r.analysis.silences).toBeNull();
    expect(r.analysis.unmeasured.map((u) => u.fact)).toEqual(['audio', 'loudness', 'silences']);
    expect(Math.abs(r.analysis.firstCutAt! - 1.6)).toBeLessThanOrEqual(FRAME);
  });

  it('audio only: sound facts, no picture facts', async () => {
    const r = await analyze(await makeAudioOnly({ seconds: 3 }));
    expect(r.analysis.loudness!.integratedLufs).toBeLessThan(-10);
    expect(r.analysis.cuts).toBeNull();
    expect(r.analysis.blackSegments).toBeNull();
    expect(r.thumbnails).toEqual([]);
    expect(r.audio!.durationSeconds).toBeCloseTo(3, 1);
  });

  it('a silent soundtrack: no loudness level, one silence over the whole video', async () => {
    const r = await analyze(await makeVideo({ seconds: 3, audio: 'silence' }));
    const a = r.analysis;
    expect(a.loudness).toMatchObject({ integratedLufs: null, truePeakDbtp: null, maxShortTermLufs: null });
    expect(a.silences).toHaveLength(1);
    expect(a.silentOpeningSeconds).toBeCloseTo(3, 1);
  });

  it('a vertical phone video (rotation metadata): portrait thumbnails', async () => {
    const r = await analyze(await makeVideo({ seconds: 2, width: 640, height: 360, rotate: 90, cutsAt: [1] }));
    expect(await jpegSize(r.thumbnails.find((t) => t.kind === 'AT_0S')!.path)).toEqual({ width: 360, height: 640 });
    for (const shot of r.thumbnails.filter((t) => t.kind === 'SHOT')) expect(await jpegSize(shot.path)).toEqual({ width: 180, height: 320 });
    expect(Math.abs(r.analysis.firstCutAt! - 1)).toBeLessThanOrEqual(FRAME);
  });

  it('variable frame rate: the cut lands on the first frame shown after it', async () => {
    const file = await makeVideo({ seconds: 4, vfr: true, cutsAt: [2] });
    const probe = await tools.probe(file);
    expect(probe.video!.variableFrameRate).toBe(true);
    const r = await analyze(file, { probe });
    // After 1 s every third frame is kept: frames are 0.12 s apart.
    expect(r.analysis.firstCutAt! - 2).toBeGreaterThanOrEqual(-FRAME);
    expect(r.analysis.firstCutAt! - 2).toBeLessThanOrEqual(0.12);
  });

  it('a 0.3 s clip', async () => {
    const r = await analyze(await makeVideo({ seconds: 0.3 }));
    expect(r.analysis.shots).toEqual([{ start: 0, end: r.analysis.durationSeconds }]);
    expect(r.thumbnails.map((t) => t.kind)).toEqual(['POSTER', 'AT_0S', 'SHOT']);
    expect(r.analysis.loudness!.timeline).toEqual([]);
  });

  it('4K: the cut is found and thumbnails stay small', async () => {
    const r = await analyze(await makeVideo({ seconds: 1, width: 3840, height: 2160, cutsAt: [0.5] }));
    expect(Math.abs(r.analysis.firstCutAt! - 0.5)).toBeLessThanOrEqual(FRAME);
    expect(await jpegSize(r.thumbnails.find((t) => t.kind === 'POSTER')!.path)).toEqual({ width: 640, height: 360 });
  });

  it.each([
    { name: 'MPEG-2 in Matroska', spec: { container: 'mkv' as const, codec: 'mpeg2' as const } },
    { name: 'VP9 and Opus in WebM', spec: { container: 'webm' as const } },
    { name: 'H.264 and Vorbis in Matroska', spec: { container: 'mkv' as const, audioCodec: 'vorbis' as const } },
  ])('$name', async ({ spec }) => {
    const file = await makeVideo({ seconds: 3, cutsAt: [1.6], toneDb: -20, ...spec });
    const r = await analyze(file);
    // Matroska shifts the picture by the audio encoder's priming delay (AAC 21 ms, Opus 6.5 ms).
    expect(Math.abs(r.analysis.firstCutAt! - 1.6)).toBeLessThanOrEqual(FRAME + 0.025);
    expect(Math.abs(r.analysis.loudness!.integratedLufs! - sineLoudness(-20, 440))).toBeLessThanOrEqual(1);
    expect(r.audio!.durationSeconds).toBeCloseTo(3, 0);
  });

  it('a truncated upload fails as MEDIA_DECODE_FAILED (truncated) and leaves nothing', async () => {
    const out = scratchPath('truncated');
    await expect(tools.analyze(await makeTruncatedVideo({ seconds: 4, keepFraction: 0.5, faststart: true }), out)).rejects.toMatchObject({
      code: ErrorCode.MEDIA_DECODE_FAILED,
      details: { reason: 'truncated' },
    });
    expect(await readdir(out)).toEqual([]);
    // Index lost as well: nothing can read it.
    await expect(analyze(await makeTruncatedVideo({ seconds: 4, keepFraction: 0.5, faststart: false }))).rejects.toMatchObject({ code: ErrorCode.UNSUPPORTED_MEDIA });
  });

  it('a file that is not media is UNSUPPORTED_MEDIA, however named', async () => {
    await expect(analyze(await makeTextFile({ name: 'ad.mp4' }))).rejects.toMatchObject({ code: ErrorCode.UNSUPPORTED_MEDIA });
    await expect(analyze(await makeTextFile({ name: 'notes.txt' }))).rejects.toMatchObject({ code: ErrorCode.UNSUPPORTED_MEDIA, details: { reason: 'format_not_allowed' } });
  });
});

describe('MediaTools.analyze: cancellation and time limit', () => {
  it('abort kills ffmpeg mid-run: CANCELLED, its directory removed', async () => {
    const file = await makeVideo({ seconds: 20, width: 160, height: 120, container: 'mkv', cutsAt: [5, 10] });
    const probe = await tools.probe(file);
    const source = await readFile(file);
    const fifo = await makeFifo();
    const out = scratchPath('cancelled');
    const controller = new AbortController();
    let progressCalls = 0;
    const running = tools.analyze(fifo, out, {
      probe,
      signal: controller.signal,
      onProgress: () => {
        progressCalls++;
        controller.abort();
      },
    });
    // Half the bytes: ffmpeg decodes them, reports progress (we abort there), then waits for more.
    const writer = await open(fifo, 'w');
    const writing = writer.write(source.subarray(0, source.length / 2)).catch((err: unknown) => err);
    await expect(running).rejects.toMatchObject({ code: ErrorCode.CANCELLED });
    expect(progressCalls).toBe(1);
    expect(await readdir(out)).toEqual([]);
    await writing;
    await writer.close().catch(() => {});
  });

  it('past its time limit: retryable STAGE_TIMEOUT, its directory removed', async () => {
    const probe = await tools.probe(await makeVideo({ seconds: 2 }));
    const out = scratchPath('slow');
    await expect(tools.analyze(await makeFifo(), out, { probe, timeoutMs: 300 })).rejects.toMatchObject({ code: ErrorCode.STAGE_TIMEOUT, retryable: true });
    expect(await readdir(out)).toEqual([]);
  });

  it('an already aborted signal starts nothing', async () => {
    await expect(analyze(await makeVideo(), { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: ErrorCode.CANCELLED });
  });
});
