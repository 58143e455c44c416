// Media stage speed: a plain decode, our media stage, and the naive way (one ffmpeg/ffprobe run per
// signal), measured in the same run on generated 1080p ads with speech and cuts; plus peak memory
// of this process (the worker side) and of ffmpeg, which must not grow with the video's length.
// Then perception (bench/perception.ts) against a plain decode of a vertical ad with text.
//
//   npm run bench:media
//   BENCH_MEDIA_SECONDS=30,120 BENCH_MEDIA_ROUNDS=3 BENCH_MEDIA_NAIVE_ROUNDS=1 npm run bench:media
//
// Every ffmpeg/ffprobe process (ours included: MediaTools is pointed at a wrapper) runs under
// /usr/bin/time, which gives its CPU time and peak RSS exactly. Wall time is what users wait for,
// but on a shared machine it swings with other load; CPU time (user + sys, all processes) is the
// steadier measure of work, so both are reported.
//
// "ours" is what a worker does: the processing stage (ffprobe) and the extracting_audio stage
// (MediaTools.analyze: one decode writing WAV, loudness, silences, cuts, black/frozen stretches and
// thumbnails; then the uploads to local storage). Rounds alternate plain → ours → naive, so load
// from elsewhere on the machine hits all three alike; reported are the fastest round's wall time
// and the median CPU time. The naive way runs ffprobe, then one ffmpeg per signal (WAV, ebur128,
// silencedetect, scdet, blackdetect, freezedetect) and one fast-seek ffmpeg per still.
import { execFile, spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, chmod, readFile, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { MediaTools } from '../src/datasources/media/ffmpeg.js';
import { LocalStorage } from '../src/datasources/storage/local.js';
import { createLogger } from '../src/logger.js';
import { TaskStatus, type TaskRow, type VideoRow } from '../src/domain/model.js';
import { fetchProbe } from '../src/pipeline/stages/fetch-probe.js';
import { measureMedia } from '../src/pipeline/stages/measure-media.js';
import { type AudioOutput } from '../src/pipeline/stages/artifacts.js';
import type { PipelineDeps, StageContext } from '../src/pipeline/types.js';
import { f, percentile, runBench, tempDir } from './lib/common.js';
import { perceptionBench } from './perception.js';

const run = promisify(execFile);
const SECONDS = (process.env.BENCH_MEDIA_SECONDS ?? '30,120').split(',').map(Number).filter((n) => n > 0);
const ROUNDS = Math.max(1, Number(process.env.BENCH_MEDIA_ROUNDS ?? 3));
const NAIVE_ROUNDS = Math.max(1, Number(process.env.BENCH_MEDIA_NAIVE_ROUNDS ?? 1));
const TIME = '/usr/bin/time';
// Set in main to the timing wrappers; the binaries themselves when /usr/bin/time is missing.
let FFMPEG = process.env.FFMPEG_PATH || 'ffmpeg';
let FFPROBE = process.env.FFPROBE_PATH || 'ffprobe';
let TESSERACT: string | undefined;
let timeLog: string | null = null;
/** A shot change every 3 s or so, varied so the pacing windows differ. */
const SHOT_SECONDS = [2.5, 3.5, 1.5, 4, 3, 2, 3.5, 2, 3, 5];

interface Measure {
  wallMs: number;
  /** User + system CPU time of every ffmpeg/ffprobe process run; null without /usr/bin/time. */
  cpuMs: number | null;
  /** Largest peak RSS (KiB) of those processes. */
  toolPeakKb: number | null;
  processes: number | null;
  /** Highest RSS of this process (the worker side) while it ran, KiB. */
  selfPeakKb: number;
}

/** Generation only: the real binary, not timed. */
async function ffmpeg(args: string[]): Promise<void> {
  await run(process.env.FFMPEG_PATH || 'ffmpeg', ['-hide_banner', '-nostdin', '-loglevel', 'error', '-y', ...args], { maxBuffer: 64 << 20 });
}

/** Wrappers that run the real tool under /usr/bin/time, appending "wall user sys maxKB" to the log. */
async function timedWrappers(dir: string, ffmpegPath: string, ffprobePath: string): Promise<boolean> {
  try {
    await access(TIME, constants.X_OK);
  } catch {
    return false;
  }
  timeLog = path.join(dir, 'time.log');
  await writeFile(timeLog, '');
  const tesseract = await run('sh', ['-c', 'command -v tesseract']).then((r) => r.stdout.trim(), () => '');
  for (const [name, real] of [['ffmpeg', ffmpegPath], ['ffprobe', ffprobePath], ['tesseract', tesseract]] as const) {
    if (!real) continue;
    const wrapper = path.join(dir, name);
    await writeFile(wrapper, `#!/bin/sh\nexec ${TIME} -a -o '${timeLog}' -f '%e %U %S %M' '${real}' "$@"\n`);
    await chmod(wrapper, 0o755);
    if (name === 'ffmpeg') FFMPEG = wrapper;
    else if (name === 'ffprobe') FFPROBE = wrapper;
    else TESSERACT = wrapper;
  }
  return true;
}

/**
 * A 30 s 1080p25 ad: moving test patterns and solid colours cut at SHOT_SECONDS, camera-like noise
 * (so the decode costs what a real upload's does: H.264 High, CABAC, B-frames, ~8 Mbit/s), and
 * espeak-ng speech over a quiet music bed, stereo AAC. Longer versions loop it (stream copy).
 */
async function makeAd(dir: string): Promise<string> {
  const base = path.join(dir, 'ad-30.mp4');
  const speech = path.join(dir, 'speech.wav');
  await run('espeak-ng', ['-v', 'en', '-s', '160', '-w', speech,
    'Meet the new Klike bottle. It keeps drinks cold for a whole day. Light, strong, and made to last. Buy now and save twenty percent.']);
  const sources = ['testsrc2', 'color=c=0x2060a0', 'smptehdbars', 'color=c=0xc04020', 'testsrc'];
  const inputs: string[] = [];
  const labels: string[] = [];
  let t = 0;
  for (let i = 0; t < 30; i++) {
    const d = Math.min(SHOT_SECONDS[i % SHOT_SECONDS.length]!, 30 - t);
    const source = sources[i % sources.length]!;
    inputs.push('-f', 'lavfi', '-i', `${source}${source.includes('=') ? ':' : '='}s=1920x1080:r=25:d=${d}`);
    labels.push(`[${i}:v]`);
    t += d;
  }
  const n = labels.length;
  await ffmpeg([
    ...inputs,
    '-stream_loop', '-1', '-i', speech,
    '-f', 'lavfi', '-i', 'aevalsrc=0.05*sin(2*PI*220*t)+0.03*sin(2*PI*330*t):s=48000:d=30',
    '-filter_complex',
    `${labels.join('')}concat=n=${n}:v=1:a=0,noise=alls=8:allf=t,format=yuv420p[v];` +
      `[${n}:a]aresample=48000,adelay=1000:all=1[s];[s][${n + 1}:a]amix=inputs=2:duration=shortest:normalize=0,pan=stereo|c0=c0|c1=c0[a]`,
    '-map', '[v]', '-map', '[a]', '-t', '30',
    '-c:v', 'libx264', '-preset', 'superfast', '-b:v', '8M', '-maxrate', '10M', '-bufsize', '16M', '-g', '50',
    '-c:a', 'aac', '-b:a', '128k',
    base,
  ]);
  return base;
}

/** The 30 s ad looped (stream copy) to `seconds`. */
async function loopAd(base: string, seconds: number): Promise<string> {
  if (seconds === 30) return base;
  const out = path.join(path.dirname(base), `ad-${seconds}.mp4`);
  await ffmpeg(['-stream_loop', String(Math.ceil(seconds / 30) - 1), '-i', base, '-t', String(seconds), '-c', 'copy', out]);
  return out;
}

/** Times `body`, with the CPU and peak memory of the tools it ran and of this process. */
async function measured(body: () => Promise<unknown>): Promise<Measure> {
  if (timeLog) await truncate(timeLog);
  let selfPeakKb = Math.round(process.memoryUsage().rss / 1024);
  const timer = setInterval(() => (selfPeakKb = Math.max(selfPeakKb, Math.round(process.memoryUsage().rss / 1024))), 20);
  const t0 = performance.now();
  try {
    await body();
  } finally {
    clearInterval(timer);
  }
  const wallMs = performance.now() - t0;
  if (!timeLog) return { wallMs, cpuMs: null, toolPeakKb: null, processes: null, selfPeakKb };
  const runs = (await readFile(timeLog, 'utf8'))
    .split('\n')
    .map((l) => /^([\d.]+) ([\d.]+) ([\d.]+) (\d+)$/.exec(l.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ cpuMs: (Number(m[2]) + Number(m[3])) * 1000, kb: Number(m[4]) }));
  return { wallMs, cpuMs: runs.reduce((a, r) => a + r.cpuMs, 0), toolPeakKb: Math.max(0, ...runs.map((r) => r.kb)), processes: runs.length, selfPeakKb };
}

/** Runs a child to completion, discarding its output (stderr kept for errors). */
function exec(bin: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err = (err + c.toString()).slice(-2000)));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${bin} ${args.join(' ')} exited ${code}: ${err}`))));
  });
}

function plainDecode(file: string): Promise<void> {
  return exec(FFMPEG, ['-hide_banner', '-nostdin', '-loglevel', 'error', '-i', file, '-f', 'null', '-']);
}

/** Our media stages as the worker runs them, the source already on local disk. */
async function ours(file: string, workDir: string, storage: LocalStorage, media: MediaTools): Promise<AudioOutput> {
  const task = { id: `bench-${Math.random().toString(36).slice(2, 10)}`, options: {}, status: TaskStatus.EXTRACTING_AUDIO } as unknown as TaskRow;
  const video = { filename: path.basename(file), storage_key: 'unused' } as VideoRow;
  const deps = { storage, media, logger: createLogger('silent'), stageTimeoutMs: 600_000, tmpDir: workDir } as unknown as PipelineDeps;
  const ctx: StageContext = {
    task, video, workDir, deps,
    signal: new AbortController().signal,
    progress: () => {},
    outputs: {},
    files: new Map([['source', file]]),
  };
  ctx.outputs.processing = await fetchProbe.run(ctx);
  return measureMedia.run(ctx);
}

/** One ffmpeg/ffprobe run per signal, as a script calling the tools one fact at a time would. */
async function naive(file: string, outDir: string, cuts: number[], durationSeconds: number): Promise<void> {
  const q = ['-hide_banner', '-nostdin', '-loglevel', 'info', '-y'];
  await exec(FFPROBE, ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file]);
  await exec(FFMPEG, [...q, '-i', file, '-map', '0:a:0', '-ac', '1', '-ar', '16000', '-c:a', 'pcm_s16le', path.join(outDir, 'naive.wav')]);
  await exec(FFMPEG, [...q, '-i', file, '-map', '0:a:0', '-af', 'ebur128=peak=true', '-f', 'null', '-']);
  await exec(FFMPEG, [...q, '-i', file, '-map', '0:a:0', '-af', 'silencedetect=n=-50dB:d=0.5', '-f', 'null', '-']);
  await exec(FFMPEG, [...q, '-i', file, '-map', '0:v:0', '-vf', 'scdet=t=10', '-f', 'null', '-']);
  await exec(FFMPEG, [...q, '-i', file, '-map', '0:v:0', '-vf', 'blackdetect=d=0.5', '-f', 'null', '-']);
  await exec(FFMPEG, [...q, '-i', file, '-map', '0:v:0', '-vf', 'freezedetect=d=1', '-f', 'null', '-']);
  // Stills: one seek per fixed time, and one per shot (the cut times are known by now).
  const times = [0, 3, 5, durationSeconds / 2, ...cuts.slice(0, 29)];
  for (const [i, t] of times.entries()) {
    await exec(FFMPEG, [...q, '-ss', t.toFixed(3), '-i', file, '-frames:v', '1', '-vf', 'scale=640:-2', '-q:v', '3', path.join(outDir, `naive-${i}.jpg`)]);
  }
}

runBench('bench:media', 30 * 60_000, async () => {
  const dir = await tempDir('klike-bench-media-');
  const real = await new MediaTools().capabilities();
  const timed = await timedWrappers(dir, real.ffmpegPath, real.ffprobePath);
  const media = new MediaTools(timed ? { ffmpegPath: FFMPEG, ffprobePath: FFPROBE } : {});
  await media.capabilities();
  const storage = new LocalStorage({ root: path.join(dir, 'storage'), signingSecret: 'bench-signing-secret-0123456789', publicBaseUrl: () => 'http://localhost' });
  console.log(`ffmpeg ${real.version} (${real.ffmpegPath}); ${os.cpus().length} CPU(s); rounds: ${ROUNDS} (naive ${NAIVE_ROUNDS}); CPU time: ${timed ? TIME : 'not measured (no /usr/bin/time)'}`);
  if (real.limitations.length) console.log(`limitations: ${real.limitations.join('; ')}`);

  const t0 = performance.now();
  const base = await makeAd(dir);
  const files = new Map<number, string>();
  for (const s of SECONDS) files.set(s, await loopAd(base, s));
  console.log(`generated ${SECONDS.map((s) => `${s} s`).join(', ')} of 1080p25 (H.264 High ~8 Mbit/s, AAC stereo) in ${f((performance.now() - t0) / 1000, 1)} s\n`);

  const sec = (ms: number | null) => (ms === null ? 'n/a' : `${f(ms / 1000)} s`);
  const mib = (kb: number | null) => (kb === null ? 'n/a' : `${f(kb / 1024, 0)} MiB`);
  const median = (ms: Measure[]) => (ms[0]!.cpuMs === null ? null : percentile(ms.map((x) => x.cpuMs!), 50));
  const rows: Array<{ seconds: number; wall: Record<string, number>; cpu: Record<string, number | null> }> = [];
  for (const seconds of SECONDS) {
    const file = files.get(seconds)!;
    const m: Record<'plain' | 'ours' | 'naive', Measure[]> = { plain: [], ours: [], naive: [] };
    let out: AudioOutput | undefined;
    for (let round = 0; round < ROUNDS; round++) {
      m.plain.push(await measured(() => plainDecode(file)));
      const work = await tempDir('klike-bench-stage-');
      m.ours.push(await measured(async () => (out = await ours(file, work, storage, media))));
      if (round < NAIVE_ROUNDS) {
        const a = out!.analysis!;
        m.naive.push(await measured(() => naive(file, work, a.cuts ?? [], a.durationSeconds ?? seconds)));
      }
    }
    // Wall time: the fastest round (least disturbed by other load); CPU time: the median.
    const fastest = (ms: Measure[]) => Math.min(...ms.map((x) => x.wallMs));
    const wall = { plain: fastest(m.plain), ours: fastest(m.ours), naive: fastest(m.naive) };
    const cpu = { plain: median(m.plain), ours: median(m.ours), naive: median(m.naive) };
    rows.push({ seconds, wall, cpu });
    const a = out!.analysis!;
    console.log(`${seconds} s at 1080p (wall: fastest of ${ROUNDS} rounds, cpu: median; naive ${NAIVE_ROUNDS} round(s)):`);
    for (const k of ['plain', 'ours', 'naive'] as const) {
      const label = { plain: 'plain decode', ours: 'ours (1 pass)', naive: 'naive' }[k];
      const procs = m[k][0]!.processes;
      console.log(
        `  ${label.padEnd(14)} wall ${sec(wall[k]).padStart(8)}  cpu ${sec(cpu[k]).padStart(8)}  ` +
          `tool peak RSS ${mib(Math.max(...m[k].map((x) => x.toolPeakKb ?? 0)) || null).padStart(7)}  processes ${procs ?? 'n/a'}  ` +
          `rounds ${m[k].map((x) => f(x.wallMs / 1000)).join(' ')}`,
      );
    }
    console.log(`  worker (this process) peak RSS during ours: ${mib(Math.max(...m.ours.map((x) => x.selfPeakKb)))}`);
    console.log(
      `  measured: ${a.cuts?.length} cuts (first ${a.firstCutAt} s, average shot ${a.averageShotSeconds} s, max ${a.maxShotsIn5s} shots in 5 s), ` +
        `${a.loudness?.integratedLufs} LUFS, LRA ${a.loudness?.rangeLu} LU, TP ${a.loudness?.truePeakDbtp} dBTP, ` +
        `silent opening ${a.silentOpeningSeconds} s, ${out!.thumbnails?.length} thumbnails, WAV ${out!.durationSeconds} s`,
    );
  }
  const ratio = (x: number | null, y: number | null) => (x === null || y === null ? 'n/a' : `${f(x / y)}×`);
  console.log(
    '\nratios ' +
      rows
        .map((r) => `${r.seconds} s: ours/plain decode ${ratio(r.cpu.ours!, r.cpu.plain!)} cpu, ${ratio(r.wall.ours!, r.wall.plain!)} wall; naive/ours ${ratio(r.cpu.naive!, r.cpu.ours!)} cpu, ${ratio(r.wall.naive!, r.wall.ours!)} wall`)
        .join(' | '),
  );
  // The eyes (bench/perception.ts): OCR and faces on sampled frames, against a plain decode of the same file.
  await perceptionBench({ dir, ffmpegPath: FFMPEG, ffprobePath: FFPROBE, tesseractPath: TESSERACT, measured, plainDecode, seconds: SECONDS });
});
