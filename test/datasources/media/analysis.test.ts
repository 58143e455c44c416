// The one-pass analysis without ffmpeg: the argv builder, the log parser (on output captured from
// ffmpeg 5.1) and the facts derived from it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ANALYSIS_FILTERS, analyzeArgs, hasFpsModeOption, thumbnailTargets, type AnalysisFilter } from '../../../src/datasources/media/analysis-args.js';
import { decoderThreads } from '../../../src/datasources/media/analysis-run.js';
import { AnalysisLogParser, assignThumbnails, buildMediaAnalysis, maxShotsInWindow, parseAnalysisLog, shotsFromCuts, shotsPerWindow, silentOpening, wavDurationSeconds, emptyAnalysisLog, type AnalysisLog } from '../../../src/datasources/media/analysis.js';
import { densestWindow } from '../../../src/domain/media.js';

const ALL = Object.fromEntries(ANALYSIS_FILTERS.map((f) => [f, true])) as Record<AnalysisFilter, boolean>;
const without = (...names: AnalysisFilter[]) => ({ ...ALL, ...Object.fromEntries(names.map((n) => [n, false])) });
const BOTH = { video: true, audio: true };

/** The item following `flag` in argv. */
const after = (argv: string[], flag: string, from = 0) => argv[argv.indexOf(flag, from) + 1];
const graphOf = (argv: string[]) => after(argv, '-filter_complex')!;

// stderr of the run analyzeArgs builds, on a 4 s 320×240 clip: testsrc2 then red from 2 s, black
// from 3.5 s (too short to report); a −30 dBFS 440 Hz tone from 1.5 s; a title tag that imitates a
// blackdetect line.
const CAPTURED = readFileSync(new URL('./fixtures/analysis-ffmpeg5.1.log', import.meta.url), 'utf8');

describe('analyzeArgs', () => {
  it('reads the input once and writes WAV, shots, thumbnails and a null sink from one filter graph', () => {
    const inv = analyzeArgs('/in/ad.mp4', '/work/out', { streams: BOTH, filters: ALL, durationSeconds: 12 });
    const argv = inv.argv;
    expect(argv.filter((a) => a === '-i')).toHaveLength(1);
    expect(after(argv, '-i')).toBe('/in/ad.mp4');
    expect(after(argv, '-progress')).toBe('pipe:1');
    expect(argv).toContain('-nostdin');
    expect(after(argv, '-protocol_whitelist')).toBe('file');
    const g = graphOf(argv);
    // Each stream is decoded once and split, never read twice.
    expect(g.match(/\[0:v:0\]/g)).toHaveLength(1);
    expect(g.match(/\[0:a:0\]/g)).toHaveLength(1);
    expect(g).toContain('[0:a:0]asplit=2[aw][am]');
    expect(g).toContain('[aw]aresample=16000,aformat=sample_fmts=s16:channel_layouts=mono[wav]');
    expect(g).toContain('[am]ebur128=peak=true:framelog=info,silencedetect=n=-50dB:d=0.5[anull]');
    // Detection runs on a ≤ 320 px copy, scaled the cheap way.
    expect(g).toContain('[vs]scale=w=min(320\\,iw):h=min(320\\,ih):force_original_aspect_ratio=decrease:flags=fast_bilinear,split=2[vc][vd]');
    // Shot stills: the first frame, then the frames scdet flags, capped.
    expect(g).toContain(
      '[vc]split=2[vc0][vc1];[vc0]trim=end_frame=1[first];[vc1]scdet=t=10:s=1[cut];[first][cut]concat=n=2:v=1:a=0,select=lt(selected_n\\,30),format=yuvj420p[shots]',
    );
    expect(g).toContain('[vd]blackdetect=d=0.5:pix_th=0.1:pic_th=0.98,freezedetect=n=-60dB:d=1[vnull]');
    // Thumbnails are picked from the full-size frames first, then scaled: the first frame, 3 s, 5 s and the middle.
    expect(g).toContain('[vt]select=eq(n\\,0)+gte(t\\,3)*lt(prev_t\\,3)+gte(t\\,5)*lt(prev_t\\,5)+gte(t\\,6)*lt(prev_t\\,6),scale=');
    expect(inv.thumbnailTargets).toEqual([
      { kind: 'AT_0S', atSeconds: 0 },
      { kind: 'AT_3S', atSeconds: 3 },
      { kind: 'AT_5S', atSeconds: 5 },
      { kind: 'POSTER', atSeconds: 6 },
    ]);
    expect(inv.outputs).toEqual({ audio: '/work/out/audio-16k.wav', shots: '/work/out/shot-%03d.jpg', thumbs: '/work/out/thumb-%02d.jpg' });
    expect(after(argv, '-map')).toBe('[wav]');
    expect(argv.at(-1)).toBe('-');
    expect(argv.slice(-7)).toEqual(['-map', '[vnull]', '-map', '[anull]', '-f', 'null', '-']);
    // Sparse image outputs must not be padded to a constant frame rate.
    expect(argv.filter((a) => a === '-fps_mode')).toHaveLength(2);
    expect(inv.sceneDetector).toBe('scdet');
    expect(inv.unmeasured).toEqual([]);
  });

  it('leaves the decoder threads to ffmpeg unless told, and then sets them on the input', () => {
    const auto = analyzeArgs('a.mp4', 'out', { streams: BOTH, filters: ALL }).argv;
    expect(auto).not.toContain('-threads');
    const one = analyzeArgs('a.mp4', 'out', { streams: BOTH, filters: ALL, decodeThreads: 1 }).argv;
    // An input option: before -i (after it, -threads would set the encoders' threads).
    expect(one.indexOf('-threads')).toBeGreaterThan(-1);
    expect(one.indexOf('-threads')).toBeLessThan(one.indexOf('-i'));
    expect(after(one, '-threads')).toBe('1');
    expect(() => analyzeArgs('a.mp4', 'out', { streams: BOTH, filters: ALL, decodeThreads: 0 })).toThrow(RangeError);
  });

  it('shares the cores between the analyses in flight: ffmpeg decides for a lone run, else an equal share of at least one', () => {
    expect(decoderThreads(1, 2)).toBeUndefined();
    expect(decoderThreads(2, 2)).toBe(1);
    expect(decoderThreads(3, 2)).toBe(1);
    expect(decoderThreads(2, 8)).toBe(4);
    expect(decoderThreads(3, 8)).toBe(2);
  });

  it('leaves out the audio branch for a file without audio, and says what is not measured', () => {
    const inv = analyzeArgs('a.mp4', 'out', { streams: { video: true, audio: false }, filters: ALL });
    const g = graphOf(inv.argv);
    expect(g).not.toContain('0:a');
    expect(inv.outputs.audio).toBeNull();
    expect(inv.argv).not.toContain('[wav]');
    expect(inv.argv.slice(-5)).toEqual(['-map', '[vnull]', '-f', 'null', '-']);
    expect(inv.unmeasured.map((u) => u.fact)).toEqual(['audio', 'loudness', 'silences']);
  });

  it('measures sound only for audio without a picture', () => {
    const inv = analyzeArgs('a.m4a', 'out', { streams: { video: false, audio: true }, filters: ALL });
    expect(graphOf(inv.argv)).not.toContain('0:v');
    expect(inv.outputs).toEqual({ audio: 'out/audio-16k.wav', shots: null, thumbs: null });
    expect(inv.thumbnailTargets).toEqual([]);
    expect(inv.sceneDetector).toBeNull();
    expect(inv.unmeasured.map((u) => u.fact)).toEqual(['shots', 'black_segments', 'frozen_segments', 'thumbnails']);
  });

  it("uses select='gt(scene,…)' with showinfo where the build has no scdet", () => {
    const inv = analyzeArgs('a.mp4', 'out', { streams: BOTH, filters: without('scdet'), detection: { sceneThreshold: 30 } });
    expect(graphOf(inv.argv)).toContain('[vc]select=eq(n\\,0)+gt(scene\\,0.3),showinfo@cuts,select=lt(selected_n\\,30)');
    expect(inv.sceneDetector).toBe('select');
    expect(inv.unmeasured).toEqual([]);
  });

  it('drops what a missing filter would measure and names it', () => {
    const inv = analyzeArgs('a.mp4', 'out', { streams: BOTH, filters: without('ebur128', 'silencedetect', 'blackdetect', 'freezedetect') });
    const g = graphOf(inv.argv);
    // No audio meters: the WAV is the only audio output.
    expect(g).toContain('[0:a:0]aresample=16000');
    expect(g).not.toContain('asplit');
    expect(g).toContain('[vd]null[vnull]');
    expect(inv.unmeasured.map((u) => u.fact).sort()).toEqual(['black_segments', 'frozen_segments', 'loudness', 'silences']);
    expect(inv.unmeasured[0]!.reason).toMatch(/no ebur128 filter/);

    const bare = analyzeArgs('a.mp4', 'out', { streams: { video: true, audio: false }, filters: without('scdet', 'select', 'blackdetect', 'freezedetect') });
    expect(graphOf(bare.argv)).toBe('[0:v:0]null[vs];[vs]scale=w=min(320\\,iw):h=min(320\\,ih):force_original_aspect_ratio=decrease:flags=fast_bilinear[vnull]');
    expect(bare.sceneDetector).toBeNull();
    expect(bare.unmeasured.map((u) => u.fact)).toContain('shots');
    expect(bare.unmeasured.map((u) => u.fact)).toContain('thumbnails');
  });

  it('takes the older global -vsync 0 on builds without -fps_mode', () => {
    const inv = analyzeArgs('a.mp4', 'out', { streams: BOTH, filters: ALL, fpsMode: false });
    expect(inv.argv).not.toContain('-fps_mode');
    expect(after(inv.argv, '-vsync')).toBe('0');
    expect(inv.argv.indexOf('-vsync')).toBeLessThan(inv.argv.indexOf('-i'));
  });

  it('applies detection settings, sizes and caps, and validates them', () => {
    const inv = analyzeArgs('a.mp4', 'out', {
      streams: BOTH,
      filters: ALL,
      detection: { silenceNoiseDb: -40, silenceMinSeconds: 1.25, blackMinSeconds: 2, freezeMinSeconds: 0.5 },
      analysisSize: 480,
      thumbnailSize: 1280,
      maxShotThumbnails: 5,
      sampleRate: 22050,
    });
    const g = graphOf(inv.argv);
    expect(g).toContain('silencedetect=n=-40dB:d=1.25');
    expect(g).toContain('blackdetect=d=2:');
    expect(g).toContain('freezedetect=n=-60dB:d=0.5');
    expect(g).toContain('min(480\\,iw)');
    expect(g).toContain('min(1280\\,iw)');
    expect(g).toContain('select=lt(selected_n\\,5)');
    expect(g).toContain('aresample=22050');
    const noShots = analyzeArgs('a.mp4', 'out', { streams: BOTH, filters: ALL, maxShotThumbnails: 0 });
    expect(graphOf(noShots.argv)).toContain('[first][cut]concat=n=2:v=1:a=0,nullsink');
    expect(noShots.outputs.shots).toBeNull();
    expect(() => analyzeArgs('a.mp4', 'out', { streams: BOTH, filters: ALL, maxShotThumbnails: -1 })).toThrow(RangeError);
    expect(() => analyzeArgs('a.mp4', 'out', { streams: BOTH, filters: ALL, analysisSize: 8 })).toThrow(RangeError);
    expect(() => analyzeArgs('a.mp4', 'out', { streams: { video: false, audio: false }, filters: ALL })).toThrow(RangeError);
  });

  it('keeps inputs from reading as options or other protocols', () => {
    expect(after(analyzeArgs('-x.mp4', 'out', { streams: BOTH, filters: ALL }).argv, '-i')).toBe('file:-x.mp4');
    expect(after(analyzeArgs('https://s3.example/a.mp4?sig=1', 'out', { streams: BOTH, filters: ALL }).argv, '-protocol_whitelist')).toBe('http,https,tcp,tls');
  });
});

describe('thumbnailTargets', () => {
  it('keeps only the times inside the video; the poster is the middle frame', () => {
    expect(thumbnailTargets(4).map((t) => [t.kind, t.atSeconds])).toEqual([['AT_0S', 0], ['AT_3S', 3], ['POSTER', 2]]);
    expect(thumbnailTargets(0.3).map((t) => [t.kind, t.atSeconds])).toEqual([['AT_0S', 0], ['POSTER', 0.15]]);
    expect(thumbnailTargets(null).map((t) => [t.kind, t.atSeconds])).toEqual([['AT_0S', 0], ['AT_3S', 3], ['AT_5S', 5], ['POSTER', 0]]);
  });
});

describe('hasFpsModeOption', () => {
  it('finds -fps_mode in `ffmpeg -h long`', () => {
    expect(hasFpsModeOption('-vsync              set video sync method globally; deprecated, use -fps_mode\n-fps_mode           set framerate mode\n')).toBe(true);
    expect(hasFpsModeOption('-vsync              video sync method\n-async              audio sync method\n')).toBe(false);
  });
});

describe('parseAnalysisLog on captured ffmpeg 5.1 output', () => {
  const log = parseAnalysisLog(CAPTURED);

  it('takes loudness from the last Summary, not the bogus first one', () => {
    expect(CAPTURED.match(/Summary:/g)).toHaveLength(2);
    expect(log.loudness).toMatchObject({ integrated: -34, range: 2, truePeak: -29.9 });
    expect(log.loudness.frames).toBe(40);
    expect(log.loudness.maxMomentary).toBeCloseTo(-33.7, 1);
    expect(log.loudness.maxShortTerm).toBeGreaterThan(-36);
    // The short-term value exists from 3 s on (ebur128 prints −120.7 until its window is full).
    expect(log.loudness.perSecond).toHaveLength(4);
    expect(log.loudness.perSecond.slice(0, 2)).toEqual([null, null]);
    expect(log.loudness.perSecond[3]).toBeCloseTo(-34.5, 1);
  });

  it('reads silences, cuts, frozen stretches and thumbnail frames', () => {
    expect(log.silences).toEqual([{ start: 0, end: 1.50004 }]);
    expect(log.cuts).toEqual([2, 3.52]);
    expect(log.frozen).toEqual([{ start: 2, end: 3.52 }]);
    expect(log.thumbFrames).toEqual([0, 2, 3]);
    expect(log.truncated).toBe(false);
  });

  it('ignores look-alike text from the file itself (its title tag imitates blackdetect)', () => {
    expect(CAPTURED).toContain('title           : black_start:1 black_end:2');
    expect(log.black).toEqual([]);
  });

  it('streams: the same result line by line, in any chunking', () => {
    const p = new AnalysisLogParser();
    for (const line of CAPTURED.split('\n')) p.line(line + '\r');
    expect(p.result()).toEqual(log);
  });
});

describe('AnalysisLogParser, other shapes', () => {
  it('reads the select fallback, blackdetect, a freeze running to the end, silence ending at EOF and truncation', () => {
    const log = parseAnalysisLog(
      [
        '[showinfo@cuts @ 0x560cf6f395c0] config in time_base: 1/12800, frame_rate: 25/1',
        // n:0 is the first frame, which the fallback passes with the cuts.
        '[showinfo@cuts @ 0x560cf6f395c0] n:   0 pts:    268 pts_time:0.021   pos:       48 fmt:yuvj420p',
        '[showinfo@cuts @ 0x560cf6f395c0] n:   1 pts:  25600 pts_time:2       pos:   179791 fmt:yuvj420p',
        '[showinfo@cuts @ 0x560cf6f395c0] color_range:pc color_space:unknown',
        '[showinfo@cuts @ 0x560cf6f395c0] n:   2 pts:  45056 pts_time:3.52    pos:   194090 fmt:yuvj420p',
        '[blackdetect @ 0x55c806548a00] black_start:4.52 black_end:5.52 black_duration:1',
        '[freezedetect @ 0x55f803068600] lavfi.freezedetect.freeze_start: 6',
        '[silencedetect @ 0x5617fd24ee00] silence_start: -0.0213',
        '[silencedetect @ 0x5617fd24ee00] silence_end: 8.00002 | silence_duration: 8.0213',
        '[mov,mp4,m4a,3gp,3g2,mj2 @ 0x5581] stream 0, offset 0x2d33f: partial file',
        '[Parsed_ebur128_0 @ 0x1] Summary:',
        '',
        '  Integrated loudness:',
        '    I:         -70.0 LUFS',
        '    Threshold:   0.0 LUFS',
        '',
        '  True peak:',
        '    Peak:       -inf dBFS',
      ].join('\n'),
    );
    expect(log.cuts).toEqual([2, 3.52]);
    expect(log.black).toEqual([{ start: 4.52, end: 5.52 }]);
    expect(log.frozen).toEqual([{ start: 6, end: null }]);
    expect(log.silences).toEqual([{ start: 0, end: 8.00002 }]);
    expect(log.truncated).toBe(true);
    expect(log.loudness).toMatchObject({ integrated: -70, truePeak: -Infinity });
  });
});

describe('buildMediaAnalysis', () => {
  const empty = emptyAnalysisLog;
  const ctx = { durationSeconds: 10, analyzedSeconds: 10.02, frameRate: 25, sceneDetector: 'scdet' as const, unmeasured: [] };

  it('derives shots, pacing and the silent opening; closes open segments at the end', () => {
    const log = empty();
    log.cuts = [3.52, 1.2, 2, 2, 0, 10];
    log.silences = [{ start: 0, end: 4.02 }, { start: 9, end: null }];
    log.black = [{ start: 8.5, end: 9.96 }];
    log.frozen = [{ start: 7, end: null }];
    const a = buildMediaAnalysis(log, ctx);
    expect(a.cuts).toEqual([1.2, 2, 3.52]);
    expect(a.shots).toEqual([{ start: 0, end: 1.2 }, { start: 1.2, end: 2 }, { start: 2, end: 3.52 }, { start: 3.52, end: 10 }]);
    expect(a.firstCutAt).toBe(1.2);
    expect(a.averageShotSeconds).toBe(2.5);
    expect(a.maxShotsIn5s).toBe(4);
    expect(a.shotsPer5s).toEqual([4, 1]);
    expect(a.silences).toEqual([{ start: 0, end: 4.02 }, { start: 9, end: 10 }]);
    expect(a.silentOpeningSeconds).toBe(4.02);
    // blackdetect ends a stretch at the last frame's start; one frame before the end means the end.
    expect(a.blackSegments).toEqual([{ start: 8.5, end: 10 }]);
    expect(a.frozenSegments).toEqual([{ start: 7, end: 10 }]);
    expect(a.durationSeconds).toBe(10);
    expect(a.analyzedSeconds).toBe(10.02);
  });

  it('floors loudness at the −70 LUFS gate and reads −inf peaks as none', () => {
    const log = empty();
    log.loudness = { integrated: -70, range: 0, truePeak: -Infinity, frames: 50, maxShortTerm: -120.7, maxMomentary: -120.7, perSecond: [null, null, -120.7, -120.7, -120.7] };
    const a = buildMediaAnalysis(log, ctx);
    expect(a.loudness).toEqual({
      integratedLufs: null, rangeLu: null, truePeakDbtp: null, maxShortTermLufs: null, maxMomentaryLufs: null,
      timeline: [null, null, -70, -70, -70], timelineStepSeconds: 1,
    });
    log.loudness = { integrated: -23.04, range: 5.06, truePeak: -1.04, frames: 50, maxShortTerm: -18.96, maxMomentary: -15.5, perSecond: [null, null, -24.44] };
    expect(buildMediaAnalysis(log, ctx).loudness).toMatchObject({ integratedLufs: -23, rangeLu: 5.1, truePeakDbtp: -1, maxShortTermLufs: -19, timeline: [null, null, -24.4] });
  });

  it('leaves unmeasured facts null, not empty', () => {
    const a = buildMediaAnalysis(empty(), {
      ...ctx,
      sceneDetector: null,
      unmeasured: [{ fact: 'loudness', reason: 'x' }, { fact: 'silences', reason: 'x' }, { fact: 'shots', reason: 'x' }, { fact: 'frozen_segments', reason: 'x' }],
    });
    expect(a).toMatchObject({ loudness: null, silences: null, silentOpeningSeconds: null, cuts: null, shots: null, maxShotsIn5s: null, frozenSegments: null });
    expect(a.blackSegments).toEqual([]);
    // Measured and empty: one shot, no cut.
    const one = buildMediaAnalysis(empty(), ctx);
    expect(one).toMatchObject({ cuts: [], shots: [{ start: 0, end: 10 }], firstCutAt: null, averageShotSeconds: 10, maxShotsIn5s: 1, shotsPer5s: [1, 1] });
  });

  it('falls back to the decoded time when the container gives no duration', () => {
    expect(buildMediaAnalysis(empty(), { ...ctx, durationSeconds: null, analyzedSeconds: 3.2 }).durationSeconds).toBe(3.2);
  });
});

describe('pacing helpers', () => {
  it('counts the shots on screen within the densest window', () => {
    // Cuts 1, 2, 3, 4 fit in one 5 s window with the shot running before them: 5 shots.
    expect(densestWindow([1, 2, 3, 4], 5)).toEqual({ shots: 5, from: 1 });
    expect(densestWindow([1, 6, 11], 5)).toEqual({ shots: 2, from: 1 });
    // Exactly 5 s apart: not within one window.
    expect(densestWindow([1, 6], 5)).toEqual({ shots: 2, from: 1 });
    expect(densestWindow([1, 5.9], 5)).toEqual({ shots: 3, from: 1 });
    expect(maxShotsInWindow([], 12, 5)).toBe(1);
    expect(maxShotsInWindow([], 0, 5)).toBe(0);
  });

  it('lists shots per consecutive window', () => {
    expect(shotsPerWindow([2, 7, 8], 12, 5)).toEqual([2, 3, 1]);
    expect(shotsFromCuts([], 3)).toEqual([{ start: 0, end: 3 }]);
  });

  it('measures the silent opening only from a silence at the start', () => {
    expect(silentOpening([{ start: 0.02, end: 4 }])).toBe(4);
    expect(silentOpening([{ start: 1, end: 4 }])).toBe(0);
    expect(silentOpening([])).toBe(0);
  });
});

describe('assignThumbnails', () => {
  it('maps written files to kinds by frame time, shares files, and caps shots', () => {
    const out = assignThumbnails({
      targets: [{ kind: 'AT_0S', atSeconds: 0 }, { kind: 'AT_3S', atSeconds: 3 }, { kind: 'AT_5S', atSeconds: 5 }, { kind: 'POSTER', atSeconds: 3 }],
      thumbFrames: [0, 3.04, 5],
      cuts: [1, 2, 4],
      shotFiles: 3,
      black: [],
    });
    expect(out).toEqual([
      { kind: 'POSTER', atSeconds: 3.04, file: 'thumb-02.jpg' },
      { kind: 'AT_0S', atSeconds: 0, file: 'thumb-01.jpg' },
      { kind: 'AT_3S', atSeconds: 3.04, file: 'thumb-02.jpg' },
      { kind: 'AT_5S', atSeconds: 5, file: 'thumb-03.jpg' },
      // The opening shot, then the first cuts, up to the files written.
      { kind: 'SHOT', atSeconds: 0, file: 'shot-001.jpg' },
      { kind: 'SHOT', atSeconds: 1, file: 'shot-002.jpg' },
      { kind: 'SHOT', atSeconds: 2, file: 'shot-003.jpg' },
    ]);
  });

  it('moves a poster off a black frame', () => {
    const out = assignThumbnails({
      targets: [{ kind: 'AT_0S', atSeconds: 0 }, { kind: 'AT_3S', atSeconds: 3 }, { kind: 'POSTER', atSeconds: 4 }],
      thumbFrames: [0, 3, 4],
      cuts: null,
      shotFiles: 0,
      black: [{ start: 3.5, end: 8 }],
    });
    expect(out[0]).toEqual({ kind: 'POSTER', atSeconds: 3, file: 'thumb-02.jpg' });
    expect(out.filter((t) => t.kind === 'SHOT')).toEqual([]);
  });

  it('skips targets no frame reached', () => {
    expect(assignThumbnails({ targets: [{ kind: 'AT_0S', atSeconds: 0 }, { kind: 'AT_3S', atSeconds: 3 }], thumbFrames: [0.021], cuts: [], shotFiles: 1, black: null })).toEqual([
      { kind: 'AT_0S', atSeconds: 0.021, file: 'thumb-01.jpg' },
      { kind: 'SHOT', atSeconds: 0.021, file: 'shot-001.jpg' },
    ]);
  });
});

describe('wavDurationSeconds', () => {
  const wav = (dataBytes: number, extra = Buffer.alloc(0)) => {
    const h = Buffer.alloc(44);
    h.write('RIFF', 0, 'latin1');
    h.writeUInt32LE(36 + extra.length + dataBytes, 4);
    h.write('WAVE', 8, 'latin1');
    h.write('fmt ', 12, 'latin1');
    h.writeUInt32LE(16, 16);
    h.writeUInt16LE(1, 20);
    h.writeUInt16LE(1, 22);
    h.writeUInt32LE(16000, 24);
    h.writeUInt32LE(32000, 28);
    h.writeUInt16LE(2, 32);
    h.writeUInt16LE(16, 34);
    const data = Buffer.alloc(8);
    data.write('data', 0, 'latin1');
    data.writeUInt32LE(dataBytes, 4);
    return Buffer.concat([h.subarray(0, 36), extra, data]);
  };
  it('reads the data size over the byte rate, past other chunks', () => {
    expect(wavDurationSeconds(wav(96000))).toBe(3);
    const list = Buffer.alloc(34);
    list.write('LIST', 0, 'latin1');
    list.writeUInt32LE(26, 4);
    expect(wavDurationSeconds(wav(48000, list))).toBe(1.5);
    expect(wavDurationSeconds(Buffer.from('not a wav'))).toBeNull();
  });
});
