// Test media made on demand with real ffmpeg (lavfi sources) and espeak-ng. Each distinct spec is
// generated once and cached on disk (see CACHE_DIR); files stay small (320×240, a few seconds,
// ultrafast) so suites stay quick on two cores.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { access, copyFile, mkdtemp, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { FfprobeOutput } from '../../src/datasources/media/probe.js';

const run = promisify(execFile);
const FFMPEG = process.env.FFMPEG_PATH || 'ffmpeg';
const FFPROBE = process.env.FFPROBE_PATH || 'ffprobe';

export interface VideoSpec {
  /** (Default: 2) */
  seconds?: number;
  /** Coded size; with `rotate: 90` a 640×360 file displays as 360×640. (Default: 320×240) */
  width?: number;
  height?: number;
  /** (Default: 25) */
  fps?: number;
  /** (Default: 'tone') */
  audio?: 'tone' | 'silence' | 'none' | 'speech';
  /** espeak-ng text for audio 'speech'. (Default: "Buy now and save twenty percent") */
  speechText?: string;
  /** Seconds of silence before the speech starts. (Default: 0) */
  speechAt?: number;
  /** espeak-ng voice; 'en-us+klatt' is the one pocketsphinx recognises best. (Default: 'en') */
  speechVoice?: string;
  /** Scene cuts (seconds, snapped to the nearest frame): test patterns and solid colours alternate. */
  cutsAt?: number[];
  /** Display-matrix rotation, clockwise degrees (mp4 only). */
  rotate?: 90 | 180 | 270;
  /** (Default: vp9 for webm, else h264) */
  codec?: 'h264' | 'mpeg2' | 'vp9';
  /** (Default: opus for webm, else aac) */
  audioCodec?: 'aac' | 'opus' | 'vorbis';
  /** Stretches [start, end) painted black over whatever plays. */
  blackAt?: Array<[number, number]>;
  /** (Default: 'mp4') */
  container?: 'mp4' | 'mkv' | 'webm';
  /** Peak level of the 440 Hz tone in dBFS. (Default: -20) */
  toneDb?: number;
  /** Variable frame rate: full rate for the first second, then every third frame (mp4 shows it). */
  vfr?: boolean;
  /** A subtitle stream (mov_text in mp4, srt in mkv, webvtt in webm). */
  subtitles?: Array<{ start: number; end: number; text: string }>;
  /** ISO 639-2 language of the subtitle stream. (Default: 'eng') */
  subtitleLanguage?: string;
  /** Index at the front of an mp4 (`-movflags +faststart`). (Default: false) */
  faststart?: boolean;
}

type ResolvedSpec = Required<Omit<VideoSpec, 'rotate' | 'subtitles' | 'blackAt'>> & Pick<VideoSpec, 'rotate' | 'subtitles' | 'blackAt'>;

// Part of every cache key: editing this file invalidates what earlier runs generated.
const GENERATOR_VERSION = createHash('sha1').update(readFileSync(fileURLToPath(import.meta.url))).digest('hex').slice(0, 8);
/** Generated inputs, named by a hash of their spec and shared by test processes and later runs. */
const CACHE_DIR = process.env.KLIKE_TEST_MEDIA_DIR || path.join(os.tmpdir(), 'klike-test-media');

let scratch: string | undefined;
const made = new Map<string, Promise<string>>();

/** This process's directory for outputs and intermediates. */
function scratchDir(): string {
  if (!scratch) {
    mkdirSync(CACHE_DIR, { recursive: true });
    sweepScratch();
    const d = mkdtempSync(path.join(CACHE_DIR, `scratch-${process.pid}-`));
    scratch = d;
    process.once('exit', () => rmSync(d, { recursive: true, force: true }));
  }
  return scratch;
}

/** Vitest may stop workers without an 'exit' event: remove scratch dirs whose process is gone. */
function sweepScratch(): void {
  for (const name of readdirSync(CACHE_DIR)) {
    const pid = Number(/^scratch-(\d+)-/.exec(name)?.[1]);
    if (pid && !alive(pid)) rmSync(path.join(CACHE_DIR, name), { recursive: true, force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A fresh path in this process's scratch directory (for outputs). */
export function scratchPath(name: string): string {
  return path.join(scratchDir(), `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}-${name}`);
}

function once(kind: string, spec: unknown, ext: string, make: (file: string, workDir: string) => Promise<void>): Promise<string> {
  const key = JSON.stringify([GENERATOR_VERSION, kind, spec]);
  let file = made.get(key);
  if (!file) {
    const target = path.join(CACHE_DIR, `${kind}-${createHash('sha1').update(key).digest('hex').slice(0, 12)}.${ext}`);
    file = (async () => {
      if (await exists(target)) return target;
      // Built in scratch and renamed into place: other processes never see a half-written file.
      const work = await mkdtemp(path.join(scratchDir(), `${kind}-`));
      try {
        const tmp = path.join(work, `out.${ext}`);
        await make(tmp, work);
        await rename(tmp, target);
      } finally {
        await rm(work, { recursive: true, force: true });
      }
      return target;
    })();
    made.set(key, file);
    file.catch(() => made.delete(key));
  }
  return file;
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

async function ffmpeg(args: string[]): Promise<void> {
  try {
    await run(FFMPEG, ['-hide_banner', '-nostdin', '-loglevel', 'error', '-y', ...args], { maxBuffer: 16 << 20 });
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`test media: ffmpeg ${args.join(' ')} failed: ${e.stderr || e.message}`);
  }
}

function resolve(spec: VideoSpec): ResolvedSpec {
  const container = spec.container ?? 'mp4';
  const r: ResolvedSpec = {
    seconds: spec.seconds ?? 2,
    width: spec.width ?? 320,
    height: spec.height ?? 240,
    fps: spec.fps ?? 25,
    audio: spec.audio ?? 'tone',
    speechText: spec.speechText ?? 'Buy now and save twenty percent',
    speechAt: spec.speechAt ?? 0,
    speechVoice: spec.speechVoice ?? 'en',
    cutsAt: [...(spec.cutsAt ?? [])].sort((a, b) => a - b),
    rotate: spec.rotate,
    codec: spec.codec ?? (container === 'webm' ? 'vp9' : 'h264'),
    audioCodec: spec.audioCodec ?? (container === 'webm' ? 'opus' : 'aac'),
    blackAt: spec.blackAt,
    container,
    toneDb: spec.toneDb ?? -20,
    vfr: spec.vfr ?? false,
    subtitles: spec.subtitles,
    subtitleLanguage: spec.subtitleLanguage ?? 'eng',
    faststart: spec.faststart ?? false,
  };
  if (container === 'webm' && r.codec !== 'vp9') throw new Error('test media: webm holds vp9 only here');
  if (container === 'webm' && r.audioCodec === 'aac') throw new Error('test media: webm holds opus or vorbis audio');
  if (r.rotate && container !== 'mp4') throw new Error('test media: rotation is written for mp4 only');
  if (r.cutsAt.some((c) => c <= 0 || c >= r.seconds)) throw new Error('test media: cutsAt must lie inside (0, seconds)');
  return r;
}

// Neighbours differ strongly in colour and structure, so every boundary is a clear scene change.
// (rgbtestsrc next to blue scores below scdet's default threshold, so it is not used.)
const SEGMENT_SOURCES: Array<[string, string]> = [
  ['testsrc2', ''],
  ['color', 'c=red'],
  ['smptebars', ''],
  ['color', 'c=blue'],
  ['testsrc', ''],
  ['color', 'c=yellow'],
  ['smptehdbars', ''],
  ['color', 'c=green'],
];

/** Generates (once per spec and process) a small video and returns its path. */
export function makeVideo(spec: VideoSpec = {}): Promise<string> {
  const r = resolve(spec);
  return once('video', r, r.container, async (file, work) => {
    const inputs: string[] = [];
    const graph: string[] = [];
    const maps: string[] = [];
    let n = 0;

    // Whole frames per segment, so each cut lands on the frame nearest its time without drift.
    const frameAt = [0, ...r.cutsAt, r.seconds].map((t) => Math.round(t * r.fps));
    const segments = frameAt.slice(1).map((end, i) => (end - frameAt[i]!) / r.fps);
    const videoLabels = segments.map((d, i) => {
      const [name, extra] = SEGMENT_SOURCES[i % SEGMENT_SOURCES.length]!;
      const opts = [extra, `s=${r.width}x${r.height}`, `r=${r.fps}`, `d=${d}`].filter(Boolean).join(':');
      inputs.push('-f', 'lavfi', '-i', `${name}=${opts}`);
      return `[${n++}:v]`;
    });
    const chain = [
      videoLabels.length > 1 ? `${videoLabels.join('')}concat=n=${videoLabels.length}:v=1:a=0` : `${videoLabels[0]}null`,
      ...(r.blackAt ?? []).map(([a, b]) => `drawbox=c=black:t=fill:enable='gte(t\\,${a})*lt(t\\,${b})'`),
      ...(r.vfr ? ["select='lt(t\\,1)+not(mod(n\\,3))'"] : []),
      'format=yuv420p',
    ];
    graph.push(`${chain.join(',')}[v]`);
    maps.push('-map', '[v]');

    if (r.audio === 'tone') {
      const amplitude = Math.pow(10, r.toneDb / 20);
      inputs.push('-f', 'lavfi', '-i', `aevalsrc=${amplitude.toFixed(6)}*sin(2*PI*440*t):s=48000:d=${r.seconds}`);
      maps.push('-map', `${n++}:a`);
    } else if (r.audio === 'silence') {
      inputs.push('-f', 'lavfi', '-i', 'anullsrc=r=48000:cl=mono');
      maps.push('-map', `${n++}:a`);
    } else if (r.audio === 'speech') {
      inputs.push('-i', await makeSpeech(r.speechText, r.speechVoice));
      graph.push(`[${n++}:a]aresample=48000,adelay=delays=${Math.round(r.speechAt * 1000)}:all=1,apad[a]`);
      maps.push('-map', '[a]');
    }

    const subtitleArgs: string[] = [];
    if (r.subtitles?.length) {
      const srt = path.join(work, 'subtitles.srt');
      await writeFile(srt, toSrt(r.subtitles));
      inputs.push('-i', srt);
      maps.push('-map', `${n++}:s`);
      const codec = { mp4: 'mov_text', mkv: 'srt', webm: 'webvtt' }[r.container];
      subtitleArgs.push('-c:s', codec, '-metadata:s:s:0', `language=${r.subtitleLanguage}`);
    }

    const videoCodec = {
      h264: ['-c:v', 'libx264', '-preset', 'ultrafast'],
      mpeg2: ['-c:v', 'mpeg2video', '-q:v', '5'],
      vp9: ['-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '300k'],
    }[r.codec];
    const audioCodec = r.audio === 'none' ? [] : { aac: ['-c:a', 'aac', '-b:a', '64k'], opus: ['-c:a', 'libopus', '-b:a', '48k'], vorbis: ['-c:a', 'libvorbis', '-q:a', '3'] }[r.audioCodec];
    const mp4Flags = r.container === 'mp4' && r.faststart && !r.rotate ? ['-movflags', '+faststart'] : [];
    const encoded = r.rotate ? path.join(work, `plain.${r.container}`) : file;

    await ffmpeg([
      ...inputs,
      '-filter_complex', graph.join(';'),
      ...maps,
      ...(r.vfr ? ['-fps_mode', 'vfr'] : []),
      ...videoCodec,
      ...audioCodec,
      ...subtitleArgs,
      ...mp4Flags,
      '-t', String(r.seconds),
      encoded,
    ]);

    if (r.rotate) {
      // ffmpeg 5.1 writes the display matrix from the `rotate` tag only when stream-copying.
      await ffmpeg([
        '-i', encoded, '-map', '0', '-c', 'copy',
        '-metadata:s:v:0', `rotate=${r.rotate}`,
        ...(r.faststart ? ['-movflags', '+faststart'] : []),
        file,
      ]);
    }
  });
}

/** espeak-ng speech at 160 wpm as a WAV (22.05 kHz mono). */
export function makeSpeech(text: string, voice = 'en'): Promise<string> {
  return once('speech', voice === 'en' ? text : { text, voice }, 'wav', async (file) => {
    await run('espeak-ng', ['-v', voice, '-s', '160', '-w', file, text]);
  });
}

/** A plain-text file; as .txt, ffprobe reads it as a 640×400 ANSI-art "video" (tty demuxer). */
export function makeTextFile(opts: { name?: string; lines?: number } = {}): Promise<string> {
  const name = opts.name ?? 'not-a-video.txt';
  const lines = opts.lines ?? 200;
  const ext = path.extname(name).slice(1) || 'txt';
  return once('text', { name, lines }, ext, async (file) => {
    const body = Array.from({ length: lines }, (_, i) => `line ${i + 1}: this is a plain text file, not a video ad`).join('\n');
    await writeFile(file, body + '\n');
  });
}

/**
 * A copy of a generated mp4 cut to `keepFraction` of its bytes. With faststart (the default) the
 * index survives, so ffprobe still reports the full duration and only decoding stops early; without
 * it the index is lost and nothing can open the file.
 */
export function makeTruncatedVideo(opts: { seconds?: number; keepFraction?: number; faststart?: boolean } = {}): Promise<string> {
  const spec = { seconds: opts.seconds ?? 4, keepFraction: opts.keepFraction ?? 0.5, faststart: opts.faststart ?? true };
  return once('truncated', spec, 'mp4', async (file) => {
    const source = await makeVideo({ seconds: spec.seconds, faststart: spec.faststart });
    const { size } = await stat(source);
    await copyFile(source, file);
    const handle = await open(file, 'r+');
    try {
      await handle.truncate(Math.floor(size * spec.keepFraction));
    } finally {
      await handle.close();
    }
  });
}

/** Audio without a picture: an .m4a tone, optionally with cover art (an attached_pic video stream). */
export function makeAudioOnly(opts: { seconds?: number; coverArt?: boolean } = {}): Promise<string> {
  const spec = { seconds: opts.seconds ?? 2, coverArt: opts.coverArt ?? false };
  return once('audio', spec, 'm4a', async (file) => {
    await ffmpeg([
      '-f', 'lavfi', '-i', `aevalsrc=0.1*sin(2*PI*440*t):s=48000:d=${spec.seconds}`,
      ...(spec.coverArt
        ? ['-f', 'lavfi', '-i', 'color=c=blue:s=64x64:d=1', '-map', '0:a', '-map', '1:v', '-frames:v', '1', '-c:v', 'png', '-disposition:v:0', 'attached_pic']
        : []),
      '-c:a', 'aac', '-b:a', '64k',
      file,
    ]);
  });
}

/** A named pipe: ffmpeg blocks reading it until the test writes, which makes cancellation deterministic. */
export async function makeFifo(name = 'input.fifo'): Promise<string> {
  const file = scratchPath(name);
  await run('mkfifo', [file]);
  return file;
}

/** ffprobe's JSON for a file, read directly (tests only; the service goes through MediaTools). */
export async function ffprobeJson(file: string, extra: string[] = []): Promise<FfprobeOutput> {
  const { stdout } = await run(FFPROBE, ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', ...extra, file], {
    maxBuffer: 16 << 20,
  });
  return JSON.parse(stdout) as FfprobeOutput;
}

function toSrt(cues: Array<{ start: number; end: number; text: string }>): string {
  const ts = (s: number) => {
    const ms = Math.round(s * 1000);
    const p = (v: number, w = 2) => String(v).padStart(w, '0');
    return `${p(Math.floor(ms / 3_600_000))}:${p(Math.floor(ms / 60_000) % 60)}:${p(Math.floor(ms / 1000) % 60)},${p(ms % 1000, 3)}`;
  };
  return cues.map((c, i) => `${i + 1}\n${ts(c.start)} --> ${ts(c.end)}\n${c.text}\n`).join('\n');
}
