// A machine with Node and nothing else: ffmpeg and ffprobe come from the optional npm packages
// (@ffmpeg-installer/ffmpeg's 2018 static build, @ffprobe-installer/ffprobe's 2023 one), found
// because the PATH has none. The facts they measure on a generated clip must equal the system
// build's (Debian's 5.1, which made the clip), and what the old build lacks must be said.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MediaCapabilities } from '../../../src/datasources/media/capabilities.js';
import { MediaTools } from '../../../src/datasources/media/ffmpeg.js';
import { FramePerceiver } from '../../../src/datasources/perception/perceiver.js';
import { makeVideo, scratchPath } from '../../helpers/media.js';
import { MEDIA_AND_SPEECH_TOOLS, pathWithout } from '../../helpers/path.js';

const run = promisify(execFile);
const FRAME = 1 / 25;
const bare = pathWithout(MEDIA_AND_SPEECH_TOOLS);
const npm = new MediaTools({ searchPath: bare.PATH });
const system = new MediaTools();
let caps: MediaCapabilities;
let work: string;

beforeAll(async () => {
  caps = await npm.capabilities();
  work = await mkdtemp(path.join(os.tmpdir(), 'klike-npm-ffmpeg-'));
});
afterAll(async () => {
  bare.remove();
  await rm(work, { recursive: true, force: true });
});

describe('ffmpeg and ffprobe from npm (no system ones on the PATH)', () => {
  it('are found in the packages, and the build says what it lacks', () => {
    expect(caps.ffmpegSource).toBe('npm');
    expect(caps.ffprobeSource).toBe('npm');
    expect(caps.ffmpegPath).toContain(`${path.sep}@ffmpeg-installer${path.sep}`);
    expect(caps.ffprobePath).toContain(`${path.sep}@ffprobe-installer${path.sep}`);
    expect(caps.version).toMatch(/static/);
    // The 2018 build: everything but scdet, and no -fps_mode (ffmpeg < 5.1).
    expect(caps.filters).toEqual({ scdet: false, ebur128: true, silencedetect: true, blackdetect: true, freezedetect: true, select: true });
    expect(caps.fpsMode).toBe(false);
    expect(caps.limitations).toEqual([expect.stringContaining('no scdet filter')]);
  });

  it('measure the same facts as the system build: cuts by select, loudness, black and still stretches', async () => {
    const file = await makeVideo({ seconds: 6, cutsAt: [2, 4], blackAt: [[4.5, 5.2]], toneDb: -20 });
    const [probeNpm, probeSystem] = [await npm.probe(file), await system.probe(file)];
    expect(probeNpm).toEqual(probeSystem);
    expect(probeNpm.video).toMatchObject({ width: 320, height: 240, frameRate: 25 });

    const a = (await npm.analyze(file, scratchPath('npm'), { probe: probeNpm })).analysis;
    const b = (await system.analyze(file, scratchPath('system'), { probe: probeSystem })).analysis;
    expect(a.sceneDetector).toBe('select');
    expect(b.sceneDetector).toBe('scdet');
    // What the missing scdet cost: nothing measured is missing (select stands in).
    expect(a.unmeasured).toEqual([]);
    expect(Math.abs(a.cuts![0]! - 2)).toBeLessThanOrEqual(FRAME);
    expect(Math.abs(a.cuts![1]! - 4)).toBeLessThanOrEqual(FRAME);
    expect(a.cuts).toEqual(b.cuts);
    expect(a.loudness!.integratedLufs).toBeCloseTo(b.loudness!.integratedLufs!, 1);
    expect(a.loudness!.truePeakDbtp).toBeCloseTo(b.loudness!.truePeakDbtp!, 1);
    expect(a.blackSegments).toEqual(b.blackSegments);
    expect(a.blackSegments![0]!.start).toBeCloseTo(4.5, 1);
    expect(a.frozenSegments).toEqual(b.frozenSegments);
    expect(a.silences).toEqual([]);
  }, 60_000);

  it('a filter the build lacks is listed in unmeasured with the reason; streams that are not there too', async () => {
    const file = await makeVideo({ seconds: 3, audio: 'none' });
    const noFreeze = new MediaTools({ searchPath: bare.PATH, disabledFilters: ['freezedetect'] });
    const { analysis, audio } = await noFreeze.analyze(file, scratchPath('npm-partial'));
    expect(audio).toBeNull();
    expect(analysis.frozenSegments).toBeNull();
    expect(analysis.unmeasured).toEqual(
      expect.arrayContaining([
        { fact: 'frozen_segments', reason: 'this ffmpeg build has no freezedetect filter' },
        { fact: 'loudness', reason: 'the file has no audio stream' },
        { fact: 'audio', reason: 'the file has no audio stream' },
      ]),
    );
    expect(analysis.shots).toHaveLength(1);
  }, 60_000);

  it('the frame grab for the eyes works on the old build (-vsync instead of -fps_mode)', async () => {
    const file = await makeVideo({ seconds: 3, cutsAt: [1.5] });
    const input = { source: file, display: { width: 320, height: 240 }, durationSeconds: 3, cuts: [1.5], workDir: work, signal: new AbortController().signal, timeoutMs: 60_000 };
    const eyes = new FramePerceiver({ ffmpegPath: caps.ffmpegPath, fpsMode: caps.fpsMode, ocr: null, faces: null });
    const { facts } = await eyes.perceive(input);
    expect(facts.frames.map((f) => f.atSeconds)).toEqual([0, 1, 1.52, 2, 2.52]);
    expect(facts.unmeasured.map((u) => u.reason)).not.toContain('DECODE_FAILED');
    // Given -fps_mode, this build refuses the whole command: every frame would be lost.
    const told = new FramePerceiver({ ffmpegPath: caps.ffmpegPath, fpsMode: true, ocr: null, faces: null });
    expect((await told.perceive(input)).facts.unmeasured.map((u) => u.reason)).toContain('DECODE_FAILED');
  }, 60_000);

  it('the seeking frame grab works on the old build too (-copyts -start_at_zero, -vsync), with the npm ffprobe', async () => {
    // A keyframe every 10 frames; seeking forced (at 320×240 a linear decode is cheaper).
    const file = path.join(work, 'gop10.mp4');
    await run(process.env.FFMPEG_PATH || 'ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=s=320x240:r=25:d=4', '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '10', '-pix_fmt', 'yuv420p', file]);
    const input = { source: file, display: { width: 320, height: 240 }, durationSeconds: 4, cuts: [1.5, 2.7], workDir: work, signal: new AbortController().signal, timeoutMs: 60_000 };
    const linear = await new FramePerceiver({ ffmpegPath: caps.ffmpegPath, fpsMode: caps.fpsMode, ocr: null, faces: null }).perceive(input);
    const seek = await new FramePerceiver({ ffmpegPath: caps.ffmpegPath, ffprobePath: caps.ffprobePath, fpsMode: caps.fpsMode, grab: 'seek', ocr: null, faces: null }).perceive(input);
    expect(seek.grab).toMatchObject({ plan: 'seek', fellBack: null });
    expect(seek.grab!.runs).toBeGreaterThan(1);
    expect(seek.facts.frames.map((f) => f.atSeconds)).toEqual([0, 1, 1.52, 2, 2.72, 3, 3.52]);
    expect(seek.facts.frames.map((f) => f.atSeconds)).toEqual(linear.facts.frames.map((f) => f.atSeconds));
  }, 60_000);
});
