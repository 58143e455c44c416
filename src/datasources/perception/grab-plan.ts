// How the frame grab decodes (pure): on from the first frame to the last target in one ffmpeg, or
// in groups, each decoded from the keyframe at or before its first target. The sampled frames sit
// in the first 5 s, at each cut and in the last second, so a linear grab decodes almost the whole
// file for two dozen frames; an encoder puts a keyframe at most cuts (and every few seconds), so
// seeking decodes a few frames per target instead. Which frame a target reads does not depend on
// the plan: both run the same select expression on the same timestamps (see grabFramesArgs).
import { selectThreshold, type PacketTimes } from './args.js';

export const GRAB = {
  /**
   * CPU of one more ffmpeg run, ms: process start and libraries (~0.08 s: a run decoding nothing),
   * opening and probing the file, decoder and scaler set-up. Measured on the bench's 1080×1920 ad on
   * a loaded 2-core machine: a seeking run writing one PPM took 0.25–0.28 s CPU, ~0.04 s of it the
   * frame; bench:media's 12-run grab came to 0.25 s a run beyond its frames.
   */
  seekOverheadMs: 250,
  /** Decode CPU per source pixel per frame, ns: the bench's 1080×1920 H.264 at 8 Mbit/s decodes at ~11 ms a frame (8.4 s for 750). */
  decodeNsPerPixel: 5.5,
  /** With fewer keyframes seeking skips nothing: the grab stays linear without weighing it. */
  minKeyframes: 2,
} as const;

export interface GrabGroup {
  /** Keyframe the run seeks to (seconds, as `t` counts); null: it decodes from the first frame. */
  seekTo: number | null;
  /** Targets the run selects, ascending; 0 stands for the first frame (only in a run from the start). */
  targets: number[];
  /** Times of the frames it writes, in order; null when the packet times are unknown. */
  expected: number[] | null;
  /** Frames it decodes (its start to its last frame); null when unknown. */
  decoded: number | null;
}

export interface GrabPlan {
  kind: 'linear' | 'seek';
  why: 'no_packet_times' | 'few_keyframes' | 'linear_cheaper' | 'seek_cheaper' | 'forced';
  /** Cost of each way in frames decoded, a seek counting seekOverheadFrames more; null without packet times. */
  linearCost: number | null;
  seekCost: number | null;
  seekOverheadFrames: number;
  keyframes: number | null;
  /** The runs in target order; a linear plan is one run from the start with every target. */
  groups: GrabGroup[];
}

export interface PlanOptions {
  /** Source frame pixels (display width × height): what one frame costs to decode. */
  pixels: number;
  /** Take this plan whatever the costs (tests); 'seek' then seeks wherever a keyframe skips a frame. */
  force?: 'linear' | 'seek';
  seekOverheadMs?: number;
  decodeNsPerPixel?: number;
}

/** The frames the seek overhead is worth at this size (at least 1). */
export function seekOverheadFrames(pixels: number, opts: { seekOverheadMs?: number; decodeNsPerPixel?: number } = {}): number {
  const frameMs = (Math.max(1, pixels) * (opts.decodeNsPerPixel ?? GRAB.decodeNsPerPixel)) / 1e6;
  return Math.max(1, Math.round((opts.seekOverheadMs ?? GRAB.seekOverheadMs) / frameMs));
}

/**
 * The plan for grabbing the first frame and the first frame at or after each target. With packet
 * times: each target's frame is known (the first frame at or after the select threshold; targets
 * past the last frame read nothing, as in a linear grab; targets sharing a frame read it once), the
 * linear cost is the frames up to the last one, and the seek plan goes through the targets in order,
 * starting a new run at the keyframe at or before a target's frame when that costs less than
 * decoding on from the previous target's frame. Either choice leaves the decoder at that frame, so
 * taking the cheaper one each time is the cheapest grouping. The cheaper plan wins; ties stay linear.
 */
export function planGrab(targets: readonly number[], packets: PacketTimes | null, opts: PlanOptions): GrabPlan {
  const later = [...new Set(targets.filter((t) => t > 0))].sort((a, b) => a - b);
  const overhead = seekOverheadFrames(opts.pixels, opts);
  const frames = packets?.frames ?? [];
  const linearAll = (why: GrabPlan['why'], extra: Partial<GrabPlan> = {}): GrabPlan => ({
    kind: 'linear',
    why,
    linearCost: null,
    seekCost: null,
    seekOverheadFrames: overhead,
    keyframes: packets ? packets.keyframes.length : null,
    groups: [{ seekTo: null, targets: [0, ...later], expected: null, decoded: null }],
    ...extra,
  });
  if (!packets || !frames.length) return linearAll('no_packet_times');

  // Each target's frame (index into frames), once per frame, in order.
  const picks: Array<{ target: number; frame: number }> = [{ target: 0, frame: 0 }];
  for (const t of later) {
    const i = firstAtOrAfter(frames, selectThreshold(t));
    if (i < 0) break;
    if (i !== picks.at(-1)!.frame) picks.push({ target: t, frame: i });
  }
  const lastFrame = picks.at(-1)!.frame;
  const linearCost = lastFrame + 1;
  const linear: GrabGroup = {
    seekTo: null,
    targets: [0, ...later],
    expected: picks.map((p) => frames[p.frame]!),
    decoded: linearCost,
  };
  if (packets.keyframes.length < GRAB.minKeyframes && opts.force !== 'seek') {
    return linearAll('few_keyframes', { linearCost, groups: [linear] });
  }

  const keyAt = keyframeIndex(frames, packets.keyframes);
  // Forced to seek: at every keyframe that skips a frame (the overhead still counts in seekCost).
  const step = opts.force === 'seek' ? 0 : overhead;
  const runs: Array<{ start: number; picks: typeof picks }> = [{ start: 0, picks: [picks[0]!] }];
  for (const p of picks.slice(1)) {
    const run = runs.at(-1)!;
    const onCost = p.frame - run.picks.at(-1)!.frame;
    const k = keyAt(p.frame);
    const seekCost = k > 0 ? step + p.frame - k + 1 : Infinity;
    if (seekCost < onCost) runs.push({ start: k, picks: [p] });
    else run.picks.push(p);
  }
  const seekCost = runs.reduce((n, r) => n + r.picks.at(-1)!.frame - r.start + 1, 0) + overhead * (runs.length - 1);
  const useSeek = opts.force === 'seek' || (opts.force !== 'linear' && runs.length > 1 && seekCost < linearCost);
  const plan: GrabPlan = {
    kind: useSeek ? 'seek' : 'linear',
    why: opts.force ? 'forced' : useSeek ? 'seek_cheaper' : 'linear_cheaper',
    linearCost,
    seekCost,
    seekOverheadFrames: overhead,
    keyframes: packets.keyframes.length,
    groups: [linear],
  };
  if (useSeek) {
    plan.groups = runs.map((r) => ({
      seekTo: r.start === 0 ? null : frames[r.start]!,
      targets: r.picks.map((p) => p.target),
      expected: r.picks.map((p) => frames[p.frame]!),
      decoded: r.picks.at(-1)!.frame - r.start + 1,
    }));
  }
  return plan;
}

/** Index of the first value ≥ x in an ascending list, or -1. */
function firstAtOrAfter(xs: readonly number[], x: number): number {
  let lo = 0,
    hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! >= x) hi = mid;
    else lo = mid + 1;
  }
  return lo < xs.length ? lo : -1;
}

/** For a frame index, the index of the last keyframe at or before it (-1 when none). */
function keyframeIndex(frames: readonly number[], keyframes: readonly number[]): (frame: number) => number {
  const keys = new Set(keyframes);
  const last: number[] = [];
  let k = -1;
  for (let i = 0; i < frames.length; i++) {
    if (keys.has(frames[i]!)) k = i;
    last.push(k);
  }
  return (i) => last[i] ?? -1;
}
