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
 * One decode of the first video stream writing the first frame at or after each time as a PPM
 * (frame-001.ppm, …), scaled to `size`; showinfo logs each written frame's pts_time. Stops after
 * the last target. `fpsMode: false` is for builds older than ffmpeg 5.1 (the npm static build is
 * from 2018), which refuse `-fps_mode` and take the older `-vsync passthrough` instead.
 */
export function grabFramesArgs(
  input: string,
  outPattern: string,
  times: readonly number[],
  size: { width: number; height: number },
  opts: { fpsMode?: boolean } = {},
): string[] {
  const later = [...new Set(times.filter((t) => t > 0))].sort((a, b) => a - b);
  const expr = ['eq(n\\,0)', ...later.map((t) => `gte(t\\,${num(t)})*lt(prev_t\\,${num(t)})`)].join('+');
  return [
    '-hide_banner',
    '-nostdin',
    '-nostats',
    '-loglevel', 'info',
    '-y',
    '-protocol_whitelist', protocolWhitelist(input),
    ...formatWhitelist(),
    '-i', inputSource(input),
    '-map', '0:v:0',
    '-an', '-sn', '-dn',
    '-vf', `select=${expr},showinfo,scale=${size.width}:${size.height}:flags=bicubic,setsar=1,format=rgb24`,
    ...(opts.fpsMode ?? true ? ['-fps_mode', 'passthrough'] : ['-vsync', 'passthrough']),
    '-frames:v', String(later.length + 1),
    '-c:v', 'ppm',
    '-f', 'image2',
    outPattern,
  ];
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
    .map((b) => `drawbox=x=${Math.round(b.box.x)}:y=${Math.round(b.box.y)}:w=${Math.max(1, Math.round(b.box.w))}:h=${Math.max(1, Math.round(b.box.h))}:color=${COLOURS[b.kind]}@0.9:t=${b.kind === 'person' ? Math.max(1, t >> 1) : t}`);
  return ['-hide_banner', '-nostdin', '-loglevel', 'error', '-y', '-i', frame, '-vf', [...draw, `scale=${width}:-2`].join(','), '-frames:v', '1', '-q:v', '4', output];
}
