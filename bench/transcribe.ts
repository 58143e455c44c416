// Offline transcription speed: a 60 s espeak-ng clip (sentences with pauses, as 16 kHz mono WAV like
// the extracting_audio stage writes) through the transcriber config picks (TRANSCRIBER, normally
// pocketsphinx). Baseline in the same run: a plain `ffmpeg -i clip.wav -f null -` decode.
//
//   npx tsx bench/transcribe.ts
//   BENCH_RUNS=5 BENCH_SECONDS=120 npx tsx bench/transcribe.ts
//
// Last line: rtf=<transcribe s / audio s> decode_ratio=<transcribe s / decode s> (medians).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadConfig } from '../src/config.js';
import { createOfflineTranscriber } from '../src/engines.js';
import { createLogger } from '../src/logger.js';
import { f, runBench, stats, tempDir } from './lib/common.js';

const run = promisify(execFile);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const FFMPEG = process.env.FFMPEG_PATH || 'ffmpeg';
const PAUSE_SECONDS = 0.8;

// The Klatt voice is the one pocketsphinx's en-us model hears best (see the transcriber's test).
const SENTENCES = [
  'Seven glasses of water.',
  'Buy now and save twenty percent.',
  'The weather today is sunny and warm.',
  'One two three four five six seven eight nine ten.',
  'Sign up today and get your first month free.',
];

async function makeClip(dir: string): Promise<string> {
  const parts = await Promise.all(
    SENTENCES.map(async (s, i) => {
      const file = path.join(dir, `s${i}.wav`);
      await run('espeak-ng', ['-v', 'en-us+klatt', '-s', '160', '-w', file, s]);
      return file;
    }),
  );
  const round = path.join(dir, 'round.wav');
  const pads = parts.map((_, i) => `[${i}:a]aresample=16000,apad=pad_dur=${PAUSE_SECONDS}[a${i}]`);
  const concat = `${parts.map((_, i) => `[a${i}]`).join('')}concat=n=${parts.length}:v=0:a=1`;
  await ffmpeg([...parts.flatMap((p) => ['-i', p]), '-filter_complex', [...pads, concat].join(';'), '-ac', '1', round]);
  const clip = path.join(dir, 'clip.wav');
  await ffmpeg(['-stream_loop', '-1', '-i', round, '-t', String(SECONDS), '-ar', '16000', '-ac', '1', '-c:a', 'pcm_s16le', clip]);
  return clip;
}

function ffmpeg(args: string[]) {
  return run(FFMPEG, ['-hide_banner', '-nostdin', '-loglevel', 'error', '-y', ...args], { maxBuffer: 16 << 20 });
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const out = await fn();
  return [out, (performance.now() - t0) / 1000];
}

runBench('transcribe', 10 * 60_000, async () => {
  const config = loadConfig();
  const transcriber = await createOfflineTranscriber(config, createLogger('warn'));
  if (transcriber.name === 'none') throw new Error('no speech engine available (TRANSCRIBER, POCKETSPHINX_PATH)');
  const clip = await makeClip(await tempDir('klike-bench-transcribe-'));
  const reference = new Set(SENTENCES.join(' ').toLowerCase().match(/[a-z']+/g));

  const decode: number[] = [];
  const transcribe: number[] = [];
  let inScript = 0;
  let recognised = 0;
  for (let i = 0; i < RUNS; i++) {
    decode.push((await timed(() => run(FFMPEG, ['-hide_banner', '-nostdin', '-i', clip, '-f', 'null', '-'])))[1]);
    const [t, s] = await timed(() => transcriber.transcribe({ audioPath: clip, durationSeconds: SECONDS, language: 'en', signal: new AbortController().signal }));
    transcribe.push(s);
    if (!t.available) throw new Error(`transcript unavailable: ${t.reason}`);
    const heard = t.text.split(' ').filter(Boolean);
    recognised = heard.length;
    // Share of recognised words that occur in the script: a rough precision, not a WER.
    inScript = heard.filter((w) => reference.has(w)).length / (heard.length || 1);
  }
  const d = stats(decode).median;
  const t = stats(transcribe).median;
  console.log(`engine ${transcriber.name}, ${SECONDS} s clip, ${RUNS} run(s), medians`);
  console.log(`  ffmpeg decode   ${f(d, 3)} s`);
  console.log(`  transcribe      ${f(t, 3)} s  (${recognised} words, ${f(inScript * 100, 0)}% of them in the script)`);
  console.log(`rtf=${f(t / SECONDS, 3)} decode_ratio=${f(t / d, 1)}`);
});
