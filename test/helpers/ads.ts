// Small "ads" with known defects: a picture from makeVideo (test patterns, cuts where asked) with a
// sound track built here: espeak-ng's Klatt voice at 160 wpm (the voice pocketsphinx's en-us model
// hears best, see test/datasources/speech/pocketsphinx.test.ts) from a chosen moment, brought to a
// chosen loudness under a −3 dBFS limiter. Generated once per spec and process.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { makeVideo, scratchPath } from './media.js';

const run = promisify(execFile);
const FFMPEG = process.env.FFMPEG_PATH || 'ffmpeg';

export interface AdSpec {
  seconds: number;
  /** (Default: 540×960, TikTok's minimum) */
  width?: number;
  height?: number;
  cutsAt?: number[];
  /** Spoken text, starting at `at` seconds (silence before and after). */
  speech?: { text: string; at?: number };
  /** Integrated loudness of the whole mix, LUFS. (Default: −14, where social feeds play) */
  lufs?: number;
}

const made = new Map<string, Promise<string>>();

export function makeAd(spec: AdSpec): Promise<string> {
  const key = JSON.stringify(spec);
  let p = made.get(key);
  if (!p) {
    p = build(spec);
    made.set(key, p);
  }
  return p;
}

async function ffmpeg(args: string[]): Promise<string> {
  const { stderr } = await run(FFMPEG, ['-hide_banner', '-nostdin', '-y', ...args], { maxBuffer: 32 << 20 });
  return stderr;
}

/** Integrated loudness of a file's audio (ffmpeg ebur128), LUFS. */
export async function integratedLufs(file: string): Promise<number> {
  const stderr = await ffmpeg(['-nostats', '-i', file, '-map', '0:a:0', '-af', 'ebur128', '-f', 'null', '-']);
  const summary = stderr.slice(stderr.lastIndexOf('Summary:'));
  return Number(/I:\s+(-?[\d.]+) LUFS/.exec(summary)![1]);
}

async function build(spec: AdSpec): Promise<string> {
  const width = spec.width ?? 540;
  const height = spec.height ?? 960;
  const picture = await makeVideo({ seconds: spec.seconds, width, height, cutsAt: spec.cutsAt, audio: 'none' });
  const inputs: string[] = [];
  const labels: string[] = [];
  const graph: string[] = [];
  let n = 0;
  if (spec.speech) {
    const voice = scratchPath('voice.wav');
    await run('espeak-ng', ['-v', 'en-us+klatt', '-s', '160', '-w', voice, spec.speech.text]);
    inputs.push('-i', voice);
    graph.push(`[${n}:a]aresample=48000,aformat=channel_layouts=mono,adelay=${Math.round((spec.speech.at ?? 0) * 1000)}:all=1,apad=whole_dur=${spec.seconds}[s${n}]`);
    labels.push(`[s${n}]`);
    n++;
  }
  if (!n) return picture;
  graph.push(labels.length > 1 ? `${labels.join('')}amix=inputs=${labels.length}:normalize=0[mix]` : `${labels[0]}anull[mix]`);
  const raw = scratchPath('mix.wav');
  await ffmpeg([...inputs, '-filter_complex', graph.join(';'), '-map', '[mix]', '-t', String(spec.seconds), '-c:a', 'pcm_s16le', raw]);
  // One gain for the whole mix, so the measured integrated loudness lands near the target; the
  // limiter keeps speech peaks (a high crest factor) under −1 dBTP after AAC.
  const gain = (spec.lufs ?? -14) - (await integratedLufs(raw));
  const out = scratchPath('ad.mp4');
  const af = `volume=${gain.toFixed(2)}dB,alimiter=limit=0.7:level=disabled`;
  await ffmpeg(['-i', picture, '-i', raw, '-map', '0:v', '-map', '1:a', '-c:v', 'copy', '-af', af, '-c:a', 'aac', '-b:a', '128k', '-t', String(spec.seconds), out]);
  return out;
}
