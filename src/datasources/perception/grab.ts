// The frame grab: the sampled frames as PPMs in a directory (frame-001.ppm, … in target order) and
// the pts_time of each. ffprobe lists the video packets first (a demux, no decode) so ./grab-plan.ts
// can weigh a linear decode against seeking to keyframes; each seeking run is checked against the
// frames the packet list says it must write, and any doubt (a failed run, another frame) throws the
// seek's frames away and grabs linearly, as before.
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { AppError, ErrorCode, isAppError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { grabFramesArgs, keyframeProbeArgs, parsePacketTimes, parseShowinfoTimes, type PacketTimes } from './args.js';
import { planGrab, type GrabPlan } from './grab-plan.js';
import { runTool } from './process.js';

export interface GrabInput {
  source: string;
  /** Target times (seconds); the first frame is always written too. */
  targets: readonly number[];
  size: { width: number; height: number };
  /** Source frame pixels (display width × height), for the plan's costs. */
  pixels: number;
  /** Where frame-NNN.ppm go. */
  dir: string;
  signal: AbortSignal;
  /** For the whole grab (probe and every run). */
  timeoutMs: number;
  /** (Default: weigh them) */
  force?: 'linear' | 'seek';
}

export interface GrabDeps {
  ffmpegPath: string;
  /** Without it the grab is linear. */
  ffprobePath?: string | null;
  fpsMode?: boolean;
  logger?: Logger;
}

export interface GrabReport {
  /** What ran: the plan's kind, or linear after a seek that went wrong (fellBack says why). */
  plan: 'linear' | 'seek';
  why: GrabPlan['why'] | 'no_ffprobe' | 'probe_failed';
  /** ffmpeg processes that wrote frames. */
  runs: number;
  keyframes: number | null;
  /** Estimated frames decoded by each way (a seek counts seekOverheadFrames). */
  linearCost: number | null;
  seekCost: number | null;
  seekOverheadFrames: number | null;
  fellBack: 'seek_failed' | 'seek_mismatch' | null;
}

export const FRAME_PATTERN = 'frame-%03d.ppm';
const FRAME_FILE = /^frame-\d+\.ppm$/;
/** ffprobe's packet list is kept in memory while it parses; a file with more is grabbed linearly. */
const MAX_PROBE_BYTES = 64 << 20;

/**
 * Writes the frames and returns their pts_time in order. A run ffmpeg fails on (broken input) is
 * logged and whatever frames it wrote are kept, with times [] (as the one-decode grab did); an
 * abort or the time limit throws.
 */
export async function grabFrames(deps: GrabDeps, input: GrabInput): Promise<{ times: number[]; report: GrabReport }> {
  const deadline = Date.now() + input.timeoutMs;
  const remaining = () => {
    const ms = deadline - Date.now();
    if (ms <= 0)
      throw new AppError(ErrorCode.STAGE_TIMEOUT, `the frame grab took longer than ${input.timeoutMs} ms`, {
        retryable: true,
      });
    return ms;
  };
  const report: GrabReport = {
    plan: 'linear',
    why: 'no_ffprobe',
    runs: 0,
    keyframes: null,
    linearCost: null,
    seekCost: null,
    seekOverheadFrames: null,
    fellBack: null,
  };
  const out = path.join(input.dir, FRAME_PATTERN);

  const linear = async () => {
    report.plan = 'linear';
    report.runs++;
    try {
      const { stderr } = await runTool(
        deps.ffmpegPath,
        grabFramesArgs(input.source, out, input.targets, input.size, { fpsMode: deps.fpsMode }),
        {
          signal: input.signal,
          timeoutMs: remaining(),
          stderrBytes: 1 << 20,
        },
      );
      return { times: parseShowinfoTimes(stderr), report };
    } catch (e) {
      if (!isAppError(e) || e.code !== ErrorCode.MEDIA_DECODE_FAILED) throw e;
      // Hostile or broken input: whatever frames came out are still read.
      deps.logger?.warn('perception frame grab failed', { error: e });
      return { times: [], report };
    }
  };

  let packets: PacketTimes | null = null;
  if (deps.ffprobePath && input.force !== 'linear') {
    packets = await probePackets(deps.ffprobePath, input, remaining());
    if (!packets) report.why = 'probe_failed';
  }
  if (!deps.ffprobePath) return linear();
  const plan = planGrab(input.targets, packets, { pixels: input.pixels, force: input.force });
  Object.assign(report, {
    keyframes: plan.keyframes,
    linearCost: plan.linearCost,
    seekCost: plan.seekCost,
    seekOverheadFrames: plan.seekOverheadFrames,
  });
  if (report.why !== 'probe_failed') report.why = plan.why;
  if (plan.kind === 'linear') return linear();

  report.plan = 'seek';
  const times: number[] = [];
  for (const g of plan.groups) {
    report.runs++;
    let got: number[];
    try {
      const { stderr } = await runTool(
        deps.ffmpegPath,
        grabFramesArgs(input.source, out, g.targets, input.size, {
          fpsMode: deps.fpsMode,
          seekTo: g.seekTo ?? undefined,
          startNumber: times.length + 1,
          frames: g.expected!.length,
        }),
        { signal: input.signal, timeoutMs: remaining(), stderrBytes: 1 << 20 },
      );
      got = parseShowinfoTimes(stderr);
    } catch (e) {
      if (!isAppError(e) || e.code !== ErrorCode.MEDIA_DECODE_FAILED) throw e;
      deps.logger?.warn('a seeking frame grab failed; grabbing linearly', { seekTo: g.seekTo, error: e });
      report.fellBack = 'seek_failed';
      break;
    }
    if (!sameTimes(got, g.expected!)) {
      deps.logger?.warn('a seeking frame grab read other frames than the packet list says; grabbing linearly', {
        seekTo: g.seekTo,
        expected: g.expected,
        got,
      });
      report.fellBack = 'seek_mismatch';
      break;
    }
    times.push(...got);
  }
  if (!report.fellBack) return { times, report };
  await removeFrames(input.dir);
  return linear();
}

/** The packet list, or null when ffprobe cannot read it (the grab then stays linear). */
async function probePackets(ffprobePath: string, input: GrabInput, timeoutMs: number): Promise<PacketTimes | null> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  try {
    await runTool(ffprobePath, keyframeProbeArgs(input.source), {
      signal: input.signal,
      timeoutMs,
      onStdout: (c) => {
        bytes += c.length;
        if (bytes > MAX_PROBE_BYTES)
          throw new AppError(ErrorCode.MEDIA_DECODE_FAILED, 'the packet list is too long', {
            details: { reason: 'packets' },
          });
        chunks.push(c);
      },
    });
  } catch (e) {
    if (!isAppError(e) || e.code !== ErrorCode.MEDIA_DECODE_FAILED) throw e;
    return null;
  }
  return parsePacketTimes(Buffer.concat(chunks).toString('latin1'));
}

/**
 * The times showinfo logged are the expected frames'. showinfo prints 6 significant digits (ffmpeg
 * 5.1's av_ts2timestr), so the tolerance is one unit of the sixth digit.
 */
export function sameTimes(got: readonly number[], expected: readonly number[]): boolean {
  if (got.length !== expected.length) return false;
  return got.every((t, i) => {
    const e = expected[i]!;
    const unit = e === 0 ? 0 : 10 ** (Math.floor(Math.log10(Math.abs(e))) - 5);
    return Math.abs(t - e) <= Math.max(unit, 1e-6) + 1e-6;
  });
}

async function removeFrames(dir: string): Promise<void> {
  for (const f of await readdir(dir)) if (FRAME_FILE.test(f)) await rm(path.join(dir, f), { force: true });
}
