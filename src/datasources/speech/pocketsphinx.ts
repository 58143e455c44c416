// Offline speech recognition with CMU PocketSphinx 0.8 (Debian `pocketsphinx` + `pocketsphinx-en-us`),
// run as `pocketsphinx_continuous` over the 16 kHz mono WAV that the extracting_audio stage writes.
// Its word timings are good; its words are not (about half wrong even on clean synthetic speech),
// so the text is a hint while "when does speech start, how dense is it" can be relied on.
import { constants } from 'node:fs';
import { access, open, stat } from 'node:fs/promises';
import path from 'node:path';
import { speechStats } from '../../analysis/captions.js';
import type { TranscribeInput, Transcriber } from '../../analysis/ports.js';
import type { Transcript, TranscriptSegment, TranscriptWord } from '../../domain/transcript.js';
import { AppError, ErrorCode } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { parseWavHeader, type WavInfo } from '../audio/wav.js';
import { ProcessFailure, runProcess } from '../process.js';

export const POCKETSPHINX_BINARY = 'pocketsphinx_continuous';
export const POCKETSPHINX_MODEL_DIR = '/usr/share/pocketsphinx/model/en-us';
/** What the en-us acoustic model was trained on; pocketsphinx refuses other WAV formats. */
const SAMPLE_RATE = 16_000;
/**
 * Decoder settings for speed (a 60 s espeak clip, bench/transcribe.ts, CPU s on 2 cores): the
 * defaults took 7.9–9.8 s for 126 words, 96 of them in the script. The second pass (`-fwdflat`,
 * a flat-lexicon re-search) was ~15 % of it; the first pass is bounded to 3,000 active HMMs per
 * frame (default 30,000): 5.5 s for 123 words, 89 in the script. Word timings come from the first
 * pass either way, and the best path over its lattice is still taken.
 */
const DECODER_ARGS = ['-fwdflat', 'no', '-maxhmmpf', '3000'];
/** Enough of the file for the header chunks (ffmpeg may add a LIST chunk before the data). */
const WAV_HEAD_READ_BYTES = 4096;

export interface PocketsphinxOptions {
  /** (Default: `pocketsphinx_continuous` on PATH) */
  binaryPath?: string;
  /** Holds en-us/ (acoustic model), en-us.lm.bin and cmudict-en-us.dict. (Default: /usr/share/pocketsphinx/model/en-us) */
  modelDir?: string;
  /** Time limit per file; past it the process is killed and the call rejects with STAGE_TIMEOUT. (Default: 60 s + 2 × audio duration) */
  timeoutMs?: number;
  /** A pause longer than this between words starts a new segment, seconds. (Default: 0.6) */
  segmentGapSeconds?: number;
  /** (Default: 12) */
  maxWordsPerSegment?: number;
  logger?: Logger;
}

export class PocketsphinxTranscriber implements Transcriber {
  readonly name = 'pocketsphinx';
  private readonly binary: string;
  private readonly modelDir: string;

  constructor(private readonly opts: PocketsphinxOptions = {}) {
    this.binary = opts.binaryPath ?? POCKETSPHINX_BINARY;
    this.modelDir = opts.modelDir ?? POCKETSPHINX_MODEL_DIR;
  }

  /** Whether the binary and the en-us model files are there (nothing is run). */
  static async detect(opts: Pick<PocketsphinxOptions, 'binaryPath' | 'modelDir'> = {}): Promise<boolean> {
    const files = modelFiles(opts.modelDir ?? POCKETSPHINX_MODEL_DIR);
    const [binary, ...model] = await Promise.all([
      findExecutable(opts.binaryPath ?? POCKETSPHINX_BINARY),
      ...[path.join(files.hmm, 'mdef'), files.lm, files.dict].map((f) => readable(f)),
    ]);
    return binary !== null && model.every(Boolean);
  }

  /**
   * Only English has a model: another requested language gives `available: false` with reason
   * LANGUAGE_UNSUPPORTED rather than English words guessed from foreign speech. Rejects with
   * CANCELLED on abort, STAGE_TIMEOUT (retryable) past the time limit, UNSUPPORTED_MEDIA when the
   * file is not 16 kHz mono 16-bit PCM WAV, AI_PROVIDER_UNAVAILABLE when the process fails.
   */
  async transcribe(input: TranscribeInput): Promise<Transcript> {
    const lang = input.language?.split('-')[0]?.toLowerCase();
    if (lang && lang !== 'en') return { available: false, engine: this.name, reason: 'LANGUAGE_UNSUPPORTED' };
    if (input.signal.aborted) throw cancelled(input.signal);

    const audioSeconds = Math.max(input.durationSeconds, await checkWav(input.audioPath));
    const timeoutMs = this.opts.timeoutMs ?? 60_000 + 2 * audioSeconds * 1000;
    const files = modelFiles(this.modelDir);
    const args = [
      '-infile',
      input.audioPath,
      '-hmm',
      files.hmm,
      '-lm',
      files.lm,
      '-dict',
      files.dict,
      ...DECODER_ARGS,
      '-time',
      'yes',
      '-logfn',
      '/dev/null',
    ];
    const t0 = Date.now();
    const stdout = await run(this.binary, args, input.signal, timeoutMs);

    const words = parseWordTimes(stdout);
    const segments = groupWords(words, { gapSeconds: this.opts.segmentGapSeconds ?? 0.6, maxWords: this.opts.maxWordsPerSegment ?? 12 });
    const ms = Date.now() - t0;
    this.opts.logger?.debug('pocketsphinx done', {
      audioSeconds,
      ms,
      words: words.length,
      rtf: audioSeconds > 0 ? ms / 1000 / audioSeconds : null,
    });
    return {
      available: true,
      engine: this.name,
      language: 'en',
      text: segments.map((s) => s.text).join(' '),
      segments,
      ...speechStats(segments),
    };
  }
}

// A word line from `-time yes`: "word start end posterior", e.g. "seven(2) 2.030 2.410 0.979119".
// Utterance hypotheses (plain words, no numbers) are on lines of their own and skipped.
const WORD_LINE = /^(\S+) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?) (-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)$/i;

/** Recognised words from pocketsphinx_continuous `-time yes` output, fillers dropped, in time order. */
export function parseWordTimes(stdout: string): TranscriptWord[] {
  const words: TranscriptWord[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const m = WORD_LINE.exec(line.trim());
    if (!m) continue;
    // <s>, </s>, <sil>, [NOISE], [SPEECH], ++GARBAGE++: the noise dictionary, not speech.
    if (/^[<[+]/.test(m[1]!)) continue;
    const word = m[1]!.replace(/\(\d+\)$/, ''); // "(2)": which pronunciation matched
    const posterior = Number(m[4]);
    words.push({
      start: Number(m[2]),
      end: Number(m[3]),
      word,
      // Posteriors are printed rounded and can read 1.0002.
      confidence: Number.isFinite(posterior) ? Math.round(Math.min(1, Math.max(0, posterior)) * 1000) / 1000 : null,
    });
  }
  return words.sort((a, b) => a.start - b.start);
}

/** Segments split at pauses longer than gapSeconds or after maxWords words. */
export function groupWords(words: readonly TranscriptWord[], opts: { gapSeconds: number; maxWords: number }): TranscriptSegment[] {
  const groups: TranscriptWord[][] = [];
  let cur: TranscriptWord[] = [];
  for (const w of words) {
    const last = cur.at(-1);
    if (last && (w.start - last.end > opts.gapSeconds || cur.length >= opts.maxWords)) {
      groups.push(cur);
      cur = [];
    }
    cur.push(w);
  }
  if (cur.length) groups.push(cur);
  return groups.map((g) => {
    const known = g.every((w) => w.confidence !== null);
    return {
      start: g[0]!.start,
      end: g.at(-1)!.end,
      text: g.map((w) => w.word).join(' '),
      confidence: known ? Math.round((g.reduce((n, w) => n + w.confidence!, 0) / g.length) * 1000) / 1000 : null,
      words: g,
    };
  });
}

function modelFiles(dir: string) {
  return { hmm: path.join(dir, 'en-us'), lm: path.join(dir, 'en-us.lm.bin'), dict: path.join(dir, 'cmudict-en-us.dict') };
}

/**
 * Checks what pocketsphinx needs (16 kHz mono 16-bit PCM, the format chunk first: it reads the fixed
 * offsets of a canonical header) with the one WAV reader, and returns the audio duration.
 * pocketsphinx itself exits 1 with its reason in the log we discard.
 */
async function checkWav(file: string): Promise<number> {
  const header = Buffer.alloc(WAV_HEAD_READ_BYTES);
  let size: number;
  let bytesRead: number;
  try {
    const fh = await open(file, 'r');
    try {
      ({ bytesRead } = await fh.read(header, 0, WAV_HEAD_READ_BYTES, 0));
      size = (await fh.stat()).size;
    } finally {
      await fh.close();
    }
  } catch (err) {
    throw new AppError(ErrorCode.UNSUPPORTED_MEDIA, 'Audio file for transcription cannot be read', {
      cause: err,
      details: { reason: 'unreadable' },
    });
  }
  let wav: WavInfo | null = null;
  try {
    wav = parseWavHeader(header.subarray(0, bytesRead), size);
  } catch {
    wav = null;
  }
  const found = {
    riff: wav !== null && header.toString('latin1', 8, 16) === 'WAVEfmt ',
    format: wav?.format ?? null,
    channels: wav?.channels ?? null,
    sampleRate: wav?.sampleRate ?? null,
    bitsPerSample: wav?.bitsPerSample ?? null,
  };
  if (!wav || !found.riff || wav.format !== 1 || wav.channels !== 1 || wav.sampleRate !== SAMPLE_RATE || wav.bitsPerSample !== 16) {
    throw new AppError(ErrorCode.UNSUPPORTED_MEDIA, 'Transcription needs 16 kHz mono 16-bit PCM WAV', {
      details: { reason: 'wav_format', ...found },
    });
  }
  return wav.durationSeconds;
}

async function run(binary: string, args: string[], signal: AbortSignal, timeoutMs: number): Promise<string> {
  try {
    // Only the loader's complaints arrive on stderr (-logfn takes the rest); a tail is kept for the error.
    const { stdout } = await runProcess(binary, args, { signal, timeoutMs, killSignal: 'SIGKILL', stderrTailChars: 2000 });
    return stdout.toString('utf8');
  } catch (err) {
    if (!(err instanceof ProcessFailure)) throw err;
    switch (err.reason) {
      case 'aborted':
        throw cancelled(signal);
      case 'timeout':
        throw new AppError(ErrorCode.STAGE_TIMEOUT, `${POCKETSPHINX_BINARY} ran past its time limit`, {
          retryable: true,
          details: { timeoutMs },
        });
      case 'spawn':
        throw new AppError(ErrorCode.AI_PROVIDER_UNAVAILABLE, `${POCKETSPHINX_BINARY} could not start`, {
          cause: err.cause,
          details: { binary, errno: err.errno },
        });
      case 'exit':
        // Killed from outside (OOM, shutdown) may pass on another try; an exit code will not.
        throw new AppError(ErrorCode.AI_PROVIDER_UNAVAILABLE, `${POCKETSPHINX_BINARY} failed`, {
          retryable: err.exit.signal !== null,
          details: { exitCode: err.exitCode, signal: err.exit.signal, stderr: err.stderr.trim() || undefined },
        });
    }
  }
}

function cancelled(signal: AbortSignal): AppError {
  return new AppError(ErrorCode.CANCELLED, 'Transcription was cancelled', { cause: signal.reason });
}

async function readable(file: string): Promise<boolean> {
  try {
    await access(file, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

/** The path a bare name resolves to on PATH (or the given path itself), when executable. */
async function findExecutable(name: string): Promise<string | null> {
  const candidates = name.includes('/')
    ? [name]
    : (process.env.PATH ?? '')
        .split(path.delimiter)
        .filter(Boolean)
        .map((d) => path.join(d, name));
  for (const c of candidates) {
    try {
      await access(c, constants.X_OK);
      if ((await stat(c)).isFile()) return c;
    } catch {
      // not here
    }
  }
  return null;
}
