// Perception's cost next to a plain decode of the same file, in the same run (called by
// bench/media.ts): a 30 s vertical 1080p ad (1080×1920, H.264 ~8 Mbit/s, camera-like noise) with a
// cut every 3 s over the photos in @vladmandic/human's assets and text on every shot, then the same
// ad looped to longer lengths to show the worker's peak memory does not grow with the video.
//
// CPU time = every tool process (ffmpeg, ffprobe, tesseract: run through the /usr/bin/time wrappers media.ts
// made) + this process (human's wasm inference, masks, change detection), user + sys.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { createPerceiver } from '../src/datasources/perception/index.js';
import { createLogger } from '../src/logger.js';
import { f, tempDir } from './lib/common.js';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const ASSETS = path.resolve(path.dirname(require.resolve('@vladmandic/human')), '..', 'assets');
const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf';

interface Measure {
  wallMs: number;
  cpuMs: number | null;
  processes: number | null;
  selfPeakKb: number;
}

export interface PerceptionBenchOptions {
  dir: string;
  ffmpegPath: string;
  /** Lists the keyframes for the seeking grab (the timed wrapper, so its CPU counts). */
  ffprobePath?: string;
  tesseractPath?: string;
  measured(body: () => Promise<unknown>): Promise<Measure>;
  plainDecode(file: string): Promise<void>;
  seconds: number[];
}

async function ffmpeg(args: string[]): Promise<void> {
  await run(process.env.FFMPEG_PATH || 'ffmpeg', ['-hide_banner', '-nostdin', '-loglevel', 'error', '-y', ...args], { maxBuffer: 64 << 20 });
}

/** 10 shots of 3 s: a portrait, an empty room, a plain card, each with a title, a caption line and (at the end) a CTA. */
async function makeVerticalAd(dir: string): Promise<string> {
  const out = path.join(dir, 'vertical-30.mp4');
  const inputs: string[] = [];
  const chains: string[] = [];
  for (let i = 0; i < 10; i++) {
    const kind = i % 3;
    if (kind === 2) inputs.push('-f', 'lavfi', '-i', `color=c=0x2a4d7a:s=1080x1920:r=25:d=3`);
    else inputs.push('-loop', '1', '-framerate', '25', '-t', '3', '-i', path.join(ASSETS, kind === 0 ? 'screenshot-faceid.jpg' : 'samples.jpg'));
    const bg = kind === 0 ? 'crop=140:140:14:142,scale=1080:-2,pad=1080:1920:0:(oh-ih)/2:color=0x404040' : kind === 1 ? 'crop=360:200:900:190,scale=1080:1920:force_original_aspect_ratio=increase,crop=1080:1920' : 'null';
    const texts: Array<[string, number, number, number, string]> = [
      [`Oferta ${i + 1} de verão`, 70, 140, 360, 'white'],
      ['Economize tempo e dinheiro todo dia', 44, 120, 1120, 'white'],
    ];
    if (i >= 8) texts.push(['COMPRE AGORA', 80, 260, 1500, 'yellow']);
    const draw = await Promise.all(texts.map(async ([t, size, x, y, colour], j) => {
      const file = path.join(dir, `t-${i}-${j}.txt`);
      await writeFile(file, t);
      return `drawtext=fontfile=${FONT}:textfile=${file}:fontsize=${size}:fontcolor=${colour}:borderw=3:bordercolor=black:x=${x}:y=${y}`;
    }));
    chains.push(`[${i}:v]${bg},setsar=1,${draw.join(',')},format=yuv420p,fps=25[s${i}]`);
  }
  await ffmpeg([
    ...inputs,
    '-filter_complex', `${chains.join(';')};${chains.map((_, i) => `[s${i}]`).join('')}concat=n=10:v=1:a=0,noise=alls=8:allf=t[v]`,
    '-map', '[v]', '-t', '30', '-c:v', 'libx264', '-preset', 'superfast', '-b:v', '8M', '-maxrate', '10M', '-bufsize', '16M', '-g', '50', out,
  ]);
  return out;
}

async function loop(base: string, seconds: number): Promise<string> {
  if (seconds === 30) return base;
  const out = path.join(path.dirname(base), `vertical-${seconds}.mp4`);
  await ffmpeg(['-stream_loop', String(Math.ceil(seconds / 30) - 1), '-i', base, '-t', String(seconds), '-c', 'copy', out]);
  return out;
}

export async function perceptionBench(o: PerceptionBenchOptions): Promise<void> {
  const t0 = performance.now();
  const base = await makeVerticalAd(o.dir);
  console.log(`\nperception: generated a 30 s 1080×1920 ad (cut every 3 s, text on every shot) in ${f((performance.now() - t0) / 1000, 1)} s`);
  const perceiver = await createPerceiver(
    { ocr: 'auto', faces: 'auto', maxFrames: 24, tesseractPath: o.tesseractPath },
    { ffmpegPath: o.ffmpegPath, ffprobePath: o.ffprobePath, dataDir: o.dir, logger: createLogger('silent') },
  );
  console.log(`  engines: ocr ${perceiver.engines.ocr ?? 'none'}, faces ${perceiver.engines.faces ?? 'none'}`);
  const sec = (ms: number | null) => (ms === null ? 'n/a' : `${f(ms / 1000)} s`);
  for (const seconds of o.seconds) {
    const file = await loop(base, seconds);
    const cuts = Array.from({ length: Math.ceil(seconds / 3) - 1 }, (_, i) => 3 * (i + 1));
    const plain = await o.measured(() => o.plainDecode(file));
    let facts: Awaited<ReturnType<typeof perceiver.perceive>>['facts'] | undefined;
    let grab: Awaited<ReturnType<typeof perceiver.perceive>>['grab'];
    let selfCpu = 0;
    const eyes = await o.measured(async () => {
      const c0 = process.cpuUsage();
      const work = await tempDir('klike-bench-eyes-');
      ({ facts, grab } = await perceiver.perceive({ source: file, display: { width: 1080, height: 1920 }, durationSeconds: seconds, cuts, workDir: work, signal: new AbortController().signal, timeoutMs: 1_800_000 }));
      const c = process.cpuUsage(c0);
      selfCpu = (c.user + c.system) / 1000;
    });
    const eyesCpu = eyes.cpuMs === null ? null : eyes.cpuMs + selfCpu;
    const p = facts!;
    const words = p.frames.filter((x) => x.reusedFrom === null).reduce((n, x) => n + x.words.length, 0);
    console.log(`  ${seconds} s: plain decode wall ${sec(plain.wallMs)} cpu ${sec(plain.cpuMs)}; perception wall ${sec(eyes.wallMs)} cpu ${sec(eyesCpu)} ` +
      `(tools ${sec(eyes.cpuMs)} in ${eyes.processes ?? 'n/a'} processes, in-process ${sec(selfCpu)}); ratio perception/plain decode ${eyesCpu !== null && plain.cpuMs ? `${f(eyesCpu / plain.cpuMs)}×` : 'n/a'} cpu`);
    console.log(`    ${p.frames.length} frames sampled${p.capped ? ' (capped)' : ''}, ${p.ocrFrames} read by OCR, ${p.frames.filter((x) => x.reusedFrom !== null).length} reused; ${words} words, ` +
      `${p.frames.filter((x) => x.reusedFrom === null && x.faces.length).length} frames with a face; split (own clock): decode ${sec(p.cpuMs.decode)}, OCR ${sec(p.cpuMs.ocr)}, faces ${sec(p.cpuMs.faces)}; ` +
      `worker peak RSS ${f(eyes.selfPeakKb / 1024, 0)} MiB`);
    if (grab) {
      console.log(`    frame grab: ${grab.plan} (${grab.why}${grab.fellBack ? `, fell back: ${grab.fellBack}` : ''}) in ${grab.runs} ffmpeg run(s); ${grab.keyframes ?? 'n/a'} keyframes; ` +
        `estimated frames decoded: linear ${grab.linearCost ?? 'n/a'}, seeking ${grab.seekCost ?? 'n/a'} (a seek counted as ${grab.seekOverheadFrames ?? 'n/a'} frames)`);
    }
  }
}
