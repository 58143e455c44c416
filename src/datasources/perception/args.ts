// Command lines for the perception tools, as data (pure): the frame grab at the sampled times and
// the still with boxes drawn on it.
import type { Box } from '../../domain/perception.js';
import { formatWhitelist, inputSource, protocolWhitelist } from '../media/args.js';

/** The analysed frame: the display size, the long side capped (4K is read at 1920), even sides. */
export function frameSize(displayWidth: number, displayHeight: number, maxSide = 1920): { width: number; height: number } {
  if (!(displayWidth > 0 && displayHeight > 0)) throw new RangeError(`bad frame size ${displayWidth}×${displayHeight}`);
  const k = Math.min(1, maxSide / Math.max(displayWidth, displayHeight));
  const even = (n: number) => Math.max(2, 2 * Math.round((n * k) / 2));
  return { width: even(displayWidth), height: even(displayHeight) };
}

/** ffmpeg's decimal for a time (no exponent notation). */
const num = (n: number) => n.toFixed(6).replace(/\.?0+$/, '') || '0';

/**
 * How far below a target the select threshold sits: a frame exactly at the target is "at or after"
 * it, and ffmpeg computes `t` as pts × time base in doubles (1/12800 is not exact in binary), so a
 * frame at 1.96 s can read as 1.9599999… and lose to the next one. One microsecond is far below any
 * frame interval and far above the rounding.
 */
export const SELECT_EARLY_SECONDS = 1e-6;

/** The threshold the select expression compares `t` with for a target time. */
export const selectThreshold = (t: number) => Math.round((t - SELECT_EARLY_SECONDS) * 1e6) / 1e6;

/**
 * How far past a keyframe `-ss` asks for: the demuxer seeks to the keyframe at or before it, so a µs
 * rounding of the keyframe's time cannot land on the one before.
 */
export const SEEK_PAST_KEYFRAME_SECONDS = 0.0005;

export interface GrabFramesOptions {
  /** The build takes `-fps_mode` (ffmpeg ≥ 5.1); else `-vsync passthrough`. (Default: true) */
  fpsMode?: boolean;
  /**
   * Start decoding at this keyframe (seconds from the file's start, as `t` counts) instead of the
   * first frame: input seeking with `-copyts -start_at_zero`, so `t` keeps counting from the file's
   * start and the same targets pick the same frames. A target may lie just before it when the
   * keyframe is its frame.
   */
  seekTo?: number;
  /** Number of the first image written (image2 `-start_number`). (Default: 1) */
  startNumber?: number;
  /** Frames to write before stopping. (Default: one per target, and the first frame when decoding from the start) */
  frames?: number;
}

/**
 * One decode of the first video stream writing the first frame at or after each time as a PPM
 * (frame-001.ppm, …), scaled to `size`; showinfo logs each written frame's pts_time. Stops after
 * the last target. From the start (no `seekTo`) the first frame is always written too. With
 * `seekTo`, decoding starts at that keyframe and the first frame decoded has no previous one, so a
 * target it satisfies is taken (`not(gte(prev_t…))` where the linear grab has `lt(prev_t…)`; prev_t
 * is NaN there). `fpsMode: false` is for builds older than ffmpeg 5.1 (the npm static build is
 * from 2018), which refuse `-fps_mode` and take the older `-vsync passthrough` instead.
 */
export function grabFramesArgs(
  input: string,
  outPattern: string,
  times: readonly number[],
  size: { width: number; height: number },
  opts: GrabFramesOptions = {},
): string[] {
  const seek = opts.seekTo;
  if (seek !== undefined && !(seek >= 0 && Number.isFinite(seek))) throw new RangeError(`bad seek time ${seek}`);
  const later = [...new Set(times.filter((t) => t > 0))].sort((a, b) => a - b);
  // The first frame (eq(n,0)) is only the file's first frame when decoding from the start.
  if (seek !== undefined && later.length !== times.length) throw new RangeError('a seeking grab takes no target at 0');
  const terms = later.map((t) => {
    const th = num(selectThreshold(t));
    return seek === undefined ? `gte(t\\,${th})*lt(prev_t\\,${th})` : `gte(t\\,${th})*not(gte(prev_t\\,${th}))`;
  });
  const expr = (seek === undefined ? ['eq(n\\,0)', ...terms] : terms).join('+');
  const frames = opts.frames ?? later.length + (seek === undefined ? 1 : 0);
  if (!Number.isInteger(frames) || frames < 1) throw new RangeError(`frames must be an integer ≥ 1, got ${frames}`);
  return [
    '-hide_banner',
    '-nostdin',
    '-nostats',
    '-loglevel',
    'info',
    '-y',
    '-protocol_whitelist',
    protocolWhitelist(input),
    ...formatWhitelist(),
    ...(seek === undefined ? [] : ['-ss', num(seek + SEEK_PAST_KEYFRAME_SECONDS), '-noaccurate_seek', '-copyts', '-start_at_zero']),
    '-i',
    inputSource(input),
    '-map',
    '0:v:0',
    '-an',
    '-sn',
    '-dn',
    '-vf',
    `select=${expr},showinfo,scale=${size.width}:${size.height}:flags=bicubic,setsar=1,format=rgb24`,
    ...((opts.fpsMode ?? true) ? ['-fps_mode', 'passthrough'] : ['-vsync', 'passthrough']),
    '-frames:v',
    String(frames),
    '-c:v',
    'ppm',
    '-f',
    'image2',
    ...(opts.startNumber === undefined || opts.startNumber === 1 ? [] : ['-start_number', String(opts.startNumber)]),
    outPattern,
  ];
}

/**
 * The first video stream's packet times, read by demuxing only (no decode): pts_time and flags
 * (K = keyframe) per packet, and the container's start time, which ffmpeg subtracts from `t`.
 */
export function keyframeProbeArgs(input: string): string[] {
  return [
    '-v',
    'error',
    '-protocol_whitelist',
    protocolWhitelist(input),
    ...formatWhitelist(),
    '-select_streams',
    'v:0',
    '-show_entries',
    'packet=pts_time,flags:format=start_time',
    '-of',
    'csv',
    inputSource(input),
  ];
}

/** Frame and keyframe times of the first video stream, seconds from the file's start (as the grab's `t`), ascending. */
export interface PacketTimes {
  frames: number[];
  keyframes: number[];
}

/**
 * Parses keyframeProbeArgs' output (`packet,0.040000,__` … `format,1.480000`; MPEG-TS adds
 * side_data fields). Packets come in decode order and are sorted here; packets without a time
 * (N/A) and discarded ones (flag D: before an edit list's start, never shown) are left out. Times
 * are rounded to the microsecond ffprobe prints. Null when no packet has a time.
 */
export function parsePacketTimes(stdout: string): PacketTimes | null {
  const frames: number[] = [];
  const keyframes: number[] = [];
  let start = 0;
  for (const line of stdout.split(/\r?\n/)) {
    const f = line.split(',');
    if (f[0] === 'format') {
      const s = Number(f[1]);
      if (f[1] && Number.isFinite(s)) start = s;
    } else if (f[0] === 'packet' && f[1] && /^-?\d+(?:\.\d+)?$/.test(f[1]) && !f[2]?.includes('D')) {
      const t = Number(f[1]);
      frames.push(t);
      if (f[2]?.includes('K')) keyframes.push(t);
    }
  }
  if (!frames.length) return null;
  const rel = (xs: number[]) => [...new Set(xs.map((t) => Math.round((t - start) * 1e6) / 1e6))].sort((a, b) => a - b);
  return { frames: rel(frames), keyframes: rel(keyframes) };
}

/** pts_time of each frame showinfo logged, in order. */
export function parseShowinfoTimes(stderr: string): number[] {
  const out: number[] = [];
  for (const m of stderr.matchAll(/Parsed_showinfo[^\n]*?\bn:\s*\d+[^\n]*?\bpts_time:\s*(-?[\d.]+)/g)) out.push(Number(m[1]));
  return out;
}

export interface DrawnBox {
  box: Box;
  kind: 'text' | 'face' | 'person';
}

const COLOURS: Record<DrawnBox['kind'], string> = { text: 'red', face: 'lime', person: 'cyan' };

/** A JPEG still of `frame` with the boxes drawn (thickness scaled to the frame), `width` px wide. */
export function annotateArgs(frame: string, output: string, boxes: readonly DrawnBox[], frameWidth: number, width = 540): string[] {
  const t = Math.max(2, Math.round(frameWidth / 270));
  const draw = boxes
    .slice(0, 60)
    .map(
      (b) =>
        `drawbox=x=${Math.round(b.box.x)}:y=${Math.round(b.box.y)}:w=${Math.max(1, Math.round(b.box.w))}:h=${Math.max(1, Math.round(b.box.h))}:color=${COLOURS[b.kind]}@0.9:t=${b.kind === 'person' ? Math.max(1, t >> 1) : t}`,
    );
  return [
    '-hide_banner',
    '-nostdin',
    '-loglevel',
    'error',
    '-y',
    '-i',
    frame,
    '-vf',
    [...draw, `scale=${width}:-2`].join(','),
    '-frames:v',
    '1',
    '-q:v',
    '4',
    output,
  ];
}
