// Run in a child process with ./no-network.mjs preloaded (test/datasources/perception/offline.test.ts):
// reads a scene with the OCR engine named in argv (tesseract.js, which fetches from a CDN unless
// given a langPath, or the CLI) and human, and prints what was seen as JSON on stdout.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { createPerceiver } from '../../src/datasources/perception/index.js';
import { createLogger } from '../../src/logger.js';

const [file, ocr] = process.argv.slice(2) as [string, 'tesseract' | 'tesseract.js'];
// Controls: the block is in force here and in a worker thread.
const mainBlocked = await fetch('https://cdn.jsdelivr.net/npm/').then(() => false, (e: { code?: string }) => e.code === 'NETWORK_UNAVAILABLE');
const workerBlocked = await new Promise<string>((resolve) => {
  const w = new Worker(new URL('data:text/javascript,import{parentPort}from"node:worker_threads";parentPort.postMessage(String(globalThis.__klikeNoNetwork))'));
  w.once('message', (m: string) => resolve(m));
  w.once('error', () => resolve('error'));
});
const work = await mkdtemp(path.join(os.tmpdir(), 'klike-offline-eyes-'));
const perceiver = await createPerceiver({ ocr, faces: 'human', maxFrames: 24 }, { ffmpegPath: process.env.FFMPEG_PATH || 'ffmpeg', dataDir: work, logger: createLogger('silent') });
const { facts } = await perceiver.perceive({ source: file, display: { width: 1080, height: 1920 }, durationSeconds: 2, cuts: [], workDir: work, signal: new AbortController().signal, timeoutMs: 300_000 });
process.stdout.write(JSON.stringify({ mainBlocked, workerBlocked, engines: facts.engines, lines: facts.frames.flatMap((f) => f.lines.map((l) => l.text)), faces: facts.frames[0]?.faces.length ?? 0, unmeasured: facts.unmeasured }) + '\n');
