// The frame grab's plan and command lines, pure: which frames each target reads from a packet list,
// what a linear decode costs against seeking to keyframes, and the ffmpeg/ffprobe argv of each run.
import { describe, expect, it } from 'vitest';
import { grabFramesArgs, keyframeProbeArgs, parsePacketTimes, selectThreshold } from '../../../src/datasources/perception/args.js';
import { sameTimes } from '../../../src/datasources/perception/grab.js';
import { planGrab, seekOverheadFrames } from '../../../src/datasources/perception/grab-plan.js';

/** `seconds` of frames at `fps`, a keyframe every `gop` frames (and at the extra times). */
function packets(seconds: number, fps: number, gop: number, extraKeys: number[] = []) {
  const frames = Array.from({ length: Math.round(seconds * fps) }, (_, i) => Math.round((i / fps) * 1e6) / 1e6);
  const keyframes = frames.filter((t, i) => i % gop === 0 || extraKeys.includes(t));
  return { frames, keyframes };
}
const HD = 1080 * 1920;

describe('the grab plan', () => {
  it('seeks when keyframes are frequent: the first seconds decode on, far targets start at their keyframe', () => {
    // 30 s at 25 fps, a keyframe every 2 s and at each cut (3, 6, …): the bench's ad.
    const cuts = Array.from({ length: 9 }, (_, i) => 3 * (i + 1));
    const p = planGrab([0, 1, 2, 3, 4, ...cuts, 29.5], packets(30, 25, 50, cuts), { pixels: HD });
    expect(p.kind).toBe('seek');
    expect(p.why).toBe('seek_cheaper');
    expect(p.seekOverheadFrames).toBe(seekOverheadFrames(HD));
    // Linear decodes every frame up to 29.52 s: 739 of them.
    expect(p.linearCost).toBe(739);
    expect(p.seekCost!).toBeLessThan(p.linearCost! / 2);
    // Each group starts at a keyframe at or before its first frame; expected frames are the first at or after each target.
    expect(p.groups[0]).toMatchObject({ seekTo: null, targets: [0, 1] });
    const all = p.groups.flatMap((g) => g.expected!);
    expect(all).toEqual([0, 1, 2, 3, 4, 6, 9, 12, 15, 18, 21, 24, 27, 29.52]);
    expect(p.groups.flatMap((g) => g.targets)).toEqual([0, 1, 2, 3, 4, 6, 9, 12, 15, 18, 21, 24, 27, 29.5]);
    for (const g of p.groups.slice(1)) {
      expect(g.seekTo).not.toBeNull();
      expect(g.seekTo!).toBeLessThanOrEqual(g.expected![0]!);
    }
    expect(p.groups.at(-1)).toMatchObject({ seekTo: 28, targets: [29.5], expected: [29.52], decoded: 39 });
    // The sum of the groups' frames plus one overhead per extra run is the seek cost.
    expect(p.seekCost).toBe(p.groups.reduce((n, g) => n + g.decoded!, 0) + p.seekOverheadFrames * (p.groups.length - 1));
  });

  it('merges a target into the run before it when decoding on is cheaper than a seek', () => {
    // Keyframes every 2 s; a target 0.2 s after the previous one's frame decodes on.
    const p = planGrab([0, 10, 10.2, 20], packets(21, 25, 50), { pixels: HD });
    expect(p.kind).toBe('seek');
    expect(p.groups.map((g) => [g.seekTo, g.targets])).toEqual([[null, [0]], [10, [10, 10.2]], [20, [20]]]);
    // A smaller frame costs less to decode, so a seek is worth more frames: at 320×240 this stays linear.
    expect(seekOverheadFrames(320 * 240)).toBeGreaterThan(seekOverheadFrames(HD) * 20);
    expect(planGrab([0, 10, 10.2, 20], packets(21, 25, 50), { pixels: 320 * 240 })).toMatchObject({ kind: 'linear', why: 'linear_cheaper' });
  });

  it('stays linear with one keyframe, without packet times, and when seeking saves nothing', () => {
    const one = planGrab([0, 1, 5, 9.5], packets(10, 25, 1000), { pixels: HD });
    expect(one).toMatchObject({ kind: 'linear', why: 'few_keyframes', keyframes: 1, linearCost: 239 });
    expect(one.groups).toEqual([{ seekTo: null, targets: [0, 1, 5, 9.5], expected: [0, 1, 5, 9.52], decoded: 239 }]);
    expect(planGrab([0, 1, 5], null, { pixels: HD })).toMatchObject({ kind: 'linear', why: 'no_packet_times', linearCost: null, groups: [{ seekTo: null, targets: [0, 1, 5], expected: null }] });
    // Targets closer together than a seek is worth: nothing to skip.
    expect(planGrab([0, 0.5, 1, 1.5, 2], packets(30, 25, 25), { pixels: HD })).toMatchObject({ kind: 'linear', why: 'linear_cheaper', linearCost: 51 });
    // Forced either way (tests, the bench).
    expect(planGrab([0, 1, 2], packets(30, 25, 25), { pixels: HD, force: 'seek' })).toMatchObject({ kind: 'seek', why: 'forced' });
    expect(planGrab([0, 20], packets(30, 25, 25), { pixels: HD, force: 'linear' })).toMatchObject({ kind: 'linear', why: 'forced' });
  });

  it('a target reads the first frame at or after it, once per frame; past the last frame it reads nothing', () => {
    // 5 fps: frames every 0.2 s. 1.05 and 1.15 both read the frame at 1.2; a target on a frame reads that frame.
    const p = planGrab([0, 1, 1.05, 1.15, 1.2, 7.99, 50], packets(10, 5, 10), { pixels: HD, force: 'seek' });
    expect(p.groups.flatMap((g) => g.expected!)).toEqual([0, 1, 1.2, 8]);
    expect(p.groups.flatMap((g) => g.targets)).toEqual([0, 1, 1.05, 7.99]);
    // 7.99's frame is the keyframe at 8: the run seeks to 8 although the target lies before it.
    expect(p.groups.at(-1)).toMatchObject({ seekTo: 8, targets: [7.99], expected: [8], decoded: 1 });
    expect(selectThreshold(8)).toBe(7.999999);
  });
});

describe('the grab command lines', () => {
  it('linear: the first frame and each target, one decode', () => {
    const argv = grabFramesArgs('-video.mp4', '/out/frame-%03d.ppm', [0, 1, 2.5], { width: 1080, height: 1920 });
    expect(argv).toContain('file:-video.mp4');
    expect(argv).not.toContain('-ss');
    expect(argv[argv.indexOf('-vf') + 1]).toBe('select=eq(n\\,0)+gte(t\\,0.999999)*lt(prev_t\\,0.999999)+gte(t\\,2.499999)*lt(prev_t\\,2.499999),showinfo,scale=1080:1920:flags=bicubic,setsar=1,format=rgb24');
    expect(argv[argv.indexOf('-frames:v') + 1]).toBe('3');
    expect(argv).not.toContain('-start_number');
  });

  it('seeking: input seek just past the keyframe with absolute timestamps, the first decoded frame selectable, numbered on', () => {
    const argv = grabFramesArgs('/in.mp4', '/out/frame-%03d.ppm', [6, 7.3], { width: 1080, height: 1920 }, { seekTo: 6, startNumber: 7, frames: 2 });
    const i = argv.indexOf('-i');
    expect(argv.slice(argv.indexOf('-ss'), i)).toEqual(['-ss', '6.0005', '-noaccurate_seek', '-copyts', '-start_at_zero']);
    expect(argv.indexOf('-format_whitelist')).toBeLessThan(i);
    expect(argv[argv.indexOf('-vf') + 1]).toMatch(/^select=gte\(t\\,5\.999999\)\*not\(gte\(prev_t\\,5\.999999\)\)\+gte\(t\\,7\.299999\)\*not\(gte\(prev_t\\,7\.299999\)\),showinfo,/);
    expect(argv.slice(argv.indexOf('-frames:v'), argv.indexOf('-frames:v') + 2)).toEqual(['-frames:v', '2']);
    expect(argv.slice(-3)).toEqual(['-start_number', '7', '/out/frame-%03d.ppm']);
    expect(argv).toContain('-fps_mode');
    // Builds before 5.1: -vsync instead of -fps_mode, the seek unchanged.
    const old = grabFramesArgs('/in.mp4', '/out/frame-%03d.ppm', [6], { width: 32, height: 32 }, { seekTo: 6, fpsMode: false });
    expect(old).not.toContain('-fps_mode');
    expect(old.slice(old.indexOf('-vsync'), old.indexOf('-vsync') + 2)).toEqual(['-vsync', 'passthrough']);
    expect(old).toContain('-copyts');
    expect(() => grabFramesArgs('/in.mp4', '/o-%03d.ppm', [0, 6], { width: 32, height: 32 }, { seekTo: 6 })).toThrow(RangeError);
  });

  it('the keyframe probe demuxes the first video stream with the same allowlists, and its output parses', () => {
    const argv = keyframeProbeArgs('-in.mp4');
    expect(argv.slice(argv.indexOf('-select_streams'), argv.indexOf('-select_streams') + 6)).toEqual(['-select_streams', 'v:0', '-show_entries', 'packet=pts_time,flags:format=start_time', '-of', 'csv']);
    expect(argv.at(-1)).toBe('file:-in.mp4');
    expect(argv[argv.indexOf('-protocol_whitelist') + 1]).toBe('file');
    expect(argv[argv.indexOf('-format_whitelist') + 1]).toContain('mp4');
    expect(keyframeProbeArgs('https://s3/x.mp4')[keyframeProbeArgs('https://s3/x.mp4').indexOf('-protocol_whitelist') + 1]).toBe('http,https,tcp,tls');
    // MPEG-TS: a start time (times become relative to it, as ffmpeg's t), side data, B-frames out of order, a discarded packet.
    const ts = ['packet,1.400000,KD', 'packet,1.480000,K_,side_data,', 'packet,1.640000,__', 'packet,1.560000,__', 'packet,N/A,__', 'packet,3.440000,K_', 'format,1.480000', ''].join('\n');
    expect(parsePacketTimes(ts)).toEqual({ frames: [0, 0.08, 0.16, 1.96], keyframes: [0, 1.96] });
    expect(parsePacketTimes('format,0.000000\n')).toBeNull();
  });

  it('a seeking run is checked against the frames the packet list predicts, to showinfo\'s six digits', () => {
    expect(sameTimes([0, 1.96, 29.52], [0, 1.96, 29.52])).toBe(true);
    expect(sameTimes([1234.57], [1234.5667])).toBe(true);
    expect(sameTimes([1.96], [2])).toBe(false);
    expect(sameTimes([29.52], [29.56])).toBe(false);
    expect(sameTimes([0, 1], [0])).toBe(false);
  });
});
