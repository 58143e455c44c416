// Videos for the eyes: real photos shipped in @vladmandic/human's assets (a portrait, an empty
// ceiling), with text drawn by ffmpeg drawtext at known places and sizes. Cached on disk by spec,
// like ./media.ts; 1080×1920 at 5 fps, so a few seconds stay small and quick to decode.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { access, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const FFMPEG = process.env.FFMPEG_PATH || 'ffmpeg';
const require = createRequire(import.meta.url);
const ASSETS = path.resolve(path.dirname(require.resolve('@vladmandic/human')), '..', 'assets');
export const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf';

/** Crops of the package's photos: one face (the faceid demo's portrait), a room with no one in it. */
export const BACKGROUNDS: Record<'face' | 'empty', { file: string; crop: string; fit: boolean }> = {
  // Fitted to the width, centred on grey: a head-and-shoulders shot about a third of the frame high.
  face: { file: 'screenshot-faceid.jpg', crop: '140:140:14:142', fit: true },
  empty: { file: 'samples.jpg', crop: '360:200:900:190', fit: false },
};
export type Background = keyof typeof BACKGROUNDS | 'plain';

export interface SceneText {
  text: string;
  /** drawtext fontsize, px. */
  size: number;
  x: number;
  y: number;
  /** (Default: white, with a black outline) */
  color?: 'white' | 'yellow' | 'black';
}

export interface Shot {
  seconds: number;
  background: Background;
  texts?: SceneText[];
}

export interface SceneSpec {
  shots: Shot[];
  /** (Default: 1080×1920) */
  width?: number;
  height?: number;
  /** (Default: 5) */
  fps?: number;
}

const VERSION = createHash('sha1').update(readFileSync(fileURLToPath(import.meta.url))).digest('hex').slice(0, 8);
const CACHE_DIR = process.env.KLIKE_TEST_MEDIA_DIR || path.join(os.tmpdir(), 'klike-test-media');
const made = new Map<string, Promise<string>>();

export function makeScene(spec: SceneSpec): Promise<string> {
  const key = JSON.stringify([VERSION, spec]);
  let p = made.get(key);
  if (!p) {
    p = build(spec, path.join(CACHE_DIR, `scene-${createHash('sha1').update(key).digest('hex').slice(0, 12)}.mp4`));
    made.set(key, p);
  }
  return p;
}

async function build(spec: SceneSpec, target: string): Promise<string> {
  try {
    await access(target);
    return target;
  } catch {
    // not made yet
  }
  mkdirSync(CACHE_DIR, { recursive: true });
  const W = spec.width ?? 1080, H = spec.height ?? 1920, fps = spec.fps ?? 5;
  const work = await mkdtemp(path.join(CACHE_DIR, 'scene-work-'));
  try {
    const inputs: string[] = [];
    const graph: string[] = [];
    for (const [i, shot] of spec.shots.entries()) {
      let chain: string;
      if (shot.background === 'plain') {
        inputs.push('-f', 'lavfi', '-i', `color=c=0x336699:s=${W}x${H}:r=${fps}:d=${shot.seconds}`);
        chain = `[${i}:v]null`;
      } else {
        const bg = BACKGROUNDS[shot.background];
        inputs.push('-loop', '1', '-framerate', String(fps), '-t', String(shot.seconds), '-i', path.join(ASSETS, bg.file));
        chain = bg.fit
          ? `[${i}:v]crop=${bg.crop},scale=${W}:-2,pad=${W}:${H}:0:(oh-ih)/2:color=0x404040,setsar=1`
          : `[${i}:v]crop=${bg.crop},scale=${W}:${H}:force_original_aspect_ratio=increase,crop=${W}:${H},setsar=1`;
      }
      for (const [j, t] of (shot.texts ?? []).entries()) {
        const file = path.join(work, `text-${i}-${j}.txt`);
        await writeFile(file, t.text);
        const colour = t.color ?? 'white';
        const outline = colour === 'black' ? '' : ':borderw=3:bordercolor=black';
        chain += `,drawtext=fontfile=${FONT}:textfile=${file}:fontsize=${t.size}:fontcolor=${colour}${outline}:x=${t.x}:y=${t.y}`;
      }
      graph.push(`${chain},format=yuv420p,fps=${fps}[s${i}]`);
    }
    graph.push(`${spec.shots.map((_, i) => `[s${i}]`).join('')}concat=n=${spec.shots.length}:v=1:a=0[v]`);
    const tmp = path.join(work, 'out.mp4');
    await run(FFMPEG, ['-hide_banner', '-loglevel', 'error', '-y', ...inputs, '-filter_complex', graph.join(';'), '-map', '[v]', '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '18', '-g', String(fps * 2), '-pix_fmt', 'yuv420p', tmp]);
    await rename(tmp, target);
    return target;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
