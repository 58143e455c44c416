// Small "ads" with known defects: a picture from makeVideo (test patterns, cuts where asked) with a
// sound track built here: espeak-ng's Klatt voice at 160 wpm (the voice pocketsphinx's en-us model
// hears best, see test/datasources/speech/pocketsphinx.test.ts) over a 70 Hz hum. The hum lifts the
// mix to about −14 LUFS (where social feeds play) without limiting the voice, and sits below the
// recogniser's lowest filter (133 Hz), so recognition is as good as on the bare voice; in practice
// better. Generated once per spec and process.
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
  /** Spoken text, starting at `at` seconds. */
  speech?: { text: string; at?: number };
  /** Sound (hum and voice) starts here; silence before. (Default: 0) */
  soundFrom?: number;
  /** Bring the whole mix to this integrated loudness, LUFS. (Default: as mixed, about −14) */
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
  const picture = await makeVideo({ seconds: spec.seconds, width: spec.width ?? 540, height: spec.height ?? 960, cutsAt: spec.cutsAt, audio: 'none' });
  const from = spec.soundFrom ?? 0;
  const inputs = ['-f', 'lavfi', '-i', `aevalsrc=0.4*sin(2*PI*70*t):s=48000:d=${spec.seconds}`];
  const graph = [`[0:a]volume=enable='lt(t\\,${from})':volume=0[hum]`];
  let mix = '[hum]';
  if (spec.speech) {
    const voice = scratchPath('voice.wav');
    await run('espeak-ng', ['-v', 'en-us+klatt', '-s', '160', '-w', voice, spec.speech.text]);
    inputs.push('-i', voice);
    graph.push(`[1:a]aresample=48000,aformat=channel_layouts=mono,volume=-6dB,adelay=${Math.round((spec.speech.at ?? from) * 1000)}:all=1,apad=whole_dur=${spec.seconds}[voice]`);
    graph.push('[hum][voice]amix=inputs=2:normalize=0[mix]');
    mix = '[mix]';
  }
  const raw = scratchPath('mix.wav');
  await ffmpeg(['-loglevel', 'error', ...inputs, '-filter_complex', graph.join(';'), '-map', mix, '-t', String(spec.seconds), '-c:a', 'pcm_s16le', raw]);
  const gain = spec.lufs === undefined ? 0 : spec.lufs - (await integratedLufs(raw));
  const out = scratchPath('ad.mp4');
  await ffmpeg(['-loglevel', 'error', '-i', picture, '-i', raw, '-map', '0:v', '-map', '1:a', '-c:v', 'copy', '-af', `volume=${gain.toFixed(2)}dB`, '-c:a', 'aac', '-b:a', '128k', '-t', String(spec.seconds), out]);
  return out;
}
