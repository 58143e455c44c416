import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { groupWords, parseWordTimes, PocketsphinxTranscriber } from '../../../src/datasources/speech/pocketsphinx.js';
import type { Transcript } from '../../../src/domain/transcript.js';
import { AppError, ErrorCode } from '../../../src/errors.js';
import { scratchPath } from '../../helpers/media.js';

const run = promisify(execFile);

const hasTools = (await PocketsphinxTranscriber.detect()) && (await run('espeak-ng', ['--version']).then(() => true, () => false));

// espeak-ng's Klatt voice at 160 wpm is the one pocketsphinx's en-us model hears best; with the
// default voice "Buy now and save twenty percent" comes back as "i'm not saying went to the san".
const PHRASE = 'Seven glasses of water. Buy now and save twenty percent.';
const KEYWORDS = ['seven', 'water', 'twenty', 'percent'];

/** 16 kHz mono 16-bit WAV (as the extracting_audio stage writes) with PHRASE starting at `at` seconds. */
async function speechWav(opts: { at: number; seconds?: number; loops?: number }): Promise<string> {
  const voice = scratchPath('speech.wav');
  await run('espeak-ng', ['-v', 'en-us+klatt', '-s', '160', '-w', voice, PHRASE]);
  const out = scratchPath('speech-16k.wav');
  const pad = opts.seconds ? `apad=whole_dur=${opts.seconds}` : 'apad=pad_dur=1';
  await run('ffmpeg', [
    '-hide_banner', '-nostdin', '-loglevel', 'error', '-y',
    '-stream_loop', String((opts.loops ?? 1) - 1), '-i', voice,
    '-af', `adelay=${Math.round(opts.at * 1000)}:all=1,${pad}`,
    '-ar', '16000', '-ac', '1', '-c:a', 'pcm_s16le', out,
  ]);
  return out;
}

async function running(file: string): Promise<boolean> {
  return run('pgrep', ['-f', file]).then(() => true, () => false);
}

function words(t: Transcript) {
  return t.available ? t.segments.flatMap((s) => s.words ?? []) : [];
}

describe('parseWordTimes / groupWords', () => {
  it('drops hypotheses, fillers and pronunciation variants; splits at pauses and long runs', () => {
    const stdout = [
      'seven as is',
      '<s> 1.890 2.020 1.000000',
      'seven 2.030 2.410 0.979119',
      '<sil> 2.420 2.500 0.99',
      'as(2) 2.510 2.600 0.070806',
      '[NOISE] 2.610 2.700 0.5',
      '++GARBAGE++ 2.710 2.720 0.5',
      'is 2.730 2.800 1.000200',
      '</s> 2.810 2.890 1.000000',
      '',
      '<s> 6.940 6.960 1.000000',
      '[SPEECH] 6.970 7.130 1.000000',
      '</s> 7.140 7.670 1.000000',
      'warm',
      'warm 7.800 8.000 0.5',
    ].join('\n');
    const w = parseWordTimes(stdout);
    expect(w).toEqual([
      { start: 2.03, end: 2.41, word: 'seven', confidence: 0.979 },
      { start: 2.51, end: 2.6, word: 'as', confidence: 0.071 },
      { start: 2.73, end: 2.8, word: 'is', confidence: 1 },
      { start: 7.8, end: 8, word: 'warm', confidence: 0.5 },
    ]);
    expect(groupWords(w, { gapSeconds: 0.6, maxWords: 12 }).map((s) => [s.start, s.end, s.text, s.confidence])).toEqual([
      [2.03, 2.8, 'seven as is', 0.683],
      [7.8, 8, 'warm', 0.5],
    ]);
    expect(groupWords(w, { gapSeconds: 0.6, maxWords: 2 }).map((s) => s.text)).toEqual(['seven as', 'is', 'warm']);
  });
});

describe.skipIf(!hasTools)('PocketsphinxTranscriber (real pocketsphinx and espeak-ng)', () => {
  const transcriber = new PocketsphinxTranscriber();
  const signal = () => new AbortController().signal;
  let at4: string;
  let long: string;

  beforeAll(async () => {
    [at4, long] = await Promise.all([speechWav({ at: 4, seconds: 10 }), speechWav({ at: 0.5, loops: 12 })]);
  });

  it('finds speech placed at 4 s, with word timings and a recognisable keyword', async () => {
    const t = await transcriber.transcribe({ audioPath: at4, durationSeconds: 10, language: 'en-US', signal: signal() });
    expect(t).toMatchObject({ available: true, engine: 'pocketsphinx', language: 'en' });
    if (!t.available) return;
    expect(t.segments.some((s) => s.start >= 3.5 && s.start <= 4.5)).toBe(true);
    const all = words(t);
    expect(all.length).toBeGreaterThan(3);
    expect(all.filter((w) => w.start < 3)).toEqual([]);
    expect(all.map((w) => w.word).filter((w) => KEYWORDS.includes(w))).not.toEqual([]);
    for (const s of t.segments) {
      expect(s.start).toBeLessThanOrEqual(s.end);
      expect(s.text).toMatch(/^[a-z' -]+$/); // no <s>, [NOISE] or (2)
      expect(s.confidence).toBeGreaterThanOrEqual(0);
      expect(s.confidence).toBeLessThanOrEqual(1);
    }
    expect(t.text).toBe(t.segments.map((s) => s.text).join(' '));
    expect(t.firstSpokenAt).toBeGreaterThanOrEqual(3.5);
    expect(t.firstSpokenAt).toBeLessThanOrEqual(4.5);
    expect(t.wordsPerMinute).toBeGreaterThan(60);
  });

  it('reports no speech in silence', async () => {
    const silent = scratchPath('silence.wav');
    await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'anullsrc=r=16000:cl=mono', '-t', '3', '-c:a', 'pcm_s16le', silent]);
    const t = await transcriber.transcribe({ audioPath: silent, durationSeconds: 3, signal: signal() });
    expect(t).toMatchObject({ available: true, text: '', segments: [], wordsPerMinute: null, firstSpokenAt: null });
  });

  it('declines languages it has no model for, without running', async () => {
    const t = await transcriber.transcribe({ audioPath: '/nonexistent.wav', durationSeconds: 1, language: 'pt-BR', signal: signal() });
    expect(t).toEqual({ available: false, engine: 'pocketsphinx', reason: 'LANGUAGE_UNSUPPORTED' });
  });

  it('rejects audio that is not 16 kHz mono PCM WAV with UNSUPPORTED_MEDIA', async () => {
    const stereo = scratchPath('stereo.wav');
    await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'anullsrc=r=44100:cl=stereo', '-t', '1', stereo]);
    await expect(transcriber.transcribe({ audioPath: stereo, durationSeconds: 1, signal: signal() })).rejects.toMatchObject({
      code: ErrorCode.UNSUPPORTED_MEDIA,
      details: { channels: 2, sampleRate: 44100 },
    });
  });

  it('kills the process on abort and rejects with CANCELLED at once', async () => {
    const ac = new AbortController();
    const pending = transcriber.transcribe({ audioPath: long, durationSeconds: 0, signal: ac.signal });
    const outcome = pending.then(() => null, (e: unknown) => e);
    await expect.poll(() => running(long), { interval: 20, timeout: 5000 }).toBe(true);
    const t0 = Date.now();
    ac.abort();
    const err = await outcome;
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe(ErrorCode.CANCELLED);
    expect(await running(long)).toBe(false);
  });

  it('does not start when already aborted', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(transcriber.transcribe({ audioPath: long, durationSeconds: 0, signal: ac.signal })).rejects.toMatchObject({ code: ErrorCode.CANCELLED });
  });

  it('kills the process past its time limit with STAGE_TIMEOUT (retryable)', async () => {
    const quick = new PocketsphinxTranscriber({ timeoutMs: 200 });
    await expect(quick.transcribe({ audioPath: long, durationSeconds: 0, signal: signal() })).rejects.toMatchObject({
      code: ErrorCode.STAGE_TIMEOUT,
      retryable: true,
    });
    expect(await running(long)).toBe(false);
  });

  it('reports a missing binary as AI_PROVIDER_UNAVAILABLE, and detect() says so first', async () => {
    expect(await PocketsphinxTranscriber.detect({ binaryPath: '/nonexistent/pocketsphinx_continuous' })).toBe(false);
    expect(await PocketsphinxTranscriber.detect({ modelDir: '/nonexistent' })).toBe(false);
    const broken = new PocketsphinxTranscriber({ binaryPath: '/nonexistent/pocketsphinx_continuous' });
    await expect(broken.transcribe({ audioPath: at4, durationSeconds: 10, signal: signal() })).rejects.toMatchObject({
      code: ErrorCode.AI_PROVIDER_UNAVAILABLE,
    });
  });
});
