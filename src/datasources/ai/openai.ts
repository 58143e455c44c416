// OpenAI behind our ports: whisper transcription (long audio cut into pieces at silences) and
// recommendations as structured output. The SDK's objects and errors stop here.
import { open, readFile, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError, toFile } from 'openai';
import { z } from 'zod';
import { speechStats } from '../../analysis/captions.js';
import type { Recommendation, Recommender, RecommendInput, Transcriber, TranscribeInput } from '../../analysis/ports.js';
import type { AiUsage, Transcript, TranscriptSegment, TranscriptWord } from '../../domain/transcript.js';
import { AppError, ErrorCode, isAppError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { buildRecommendationPrompt, isoLanguage } from './prompts.js';
import { cancelled, providerUnavailable, throwIfAborted, withRetry, parseRetryAfter, type RetryOptions } from './retry.js';
import { RecommendationsAnswer } from './schemas.js';
import { askStructured, mergeUsage, providerSchema } from './structured.js';
import { parseWavHeader, planWavChunks, wavHeader, type WavChunk } from '../audio/wav.js';

const PROVIDER = 'openai';

/**
 * Largest file the transcription endpoint takes: "25 MB" in OpenAI's speech-to-text guide; the
 * API's own rejection reads "Maximum content size limit (26214400) exceeded", i.e. 25 MiB.
 */
export const OPENAI_MAX_AUDIO_BYTES = 25 * 1024 * 1024;

type RetryPolicy = Pick<RetryOptions, 'retries' | 'baseDelayMs' | 'maxDelayMs' | 'maxRetryAfterMs'>;

export interface OpenAIClientOptions {
  apiKey: string;
  /** (Default: https://api.openai.com/v1) */
  baseUrl?: string;
  /** Per HTTP request; a request past it fails as AI_PROVIDER_UNAVAILABLE (retryable). */
  timeoutMs?: number;
  /** Our retry policy; the SDK's own retries are off. (Default: see RETRY_DEFAULTS) */
  retry?: RetryPolicy;
  logger?: Logger;
}

export interface OpenAITranscriberOptions extends OpenAIClientOptions {
  /** (Default: 'whisper-1', the model that gives segment and word timestamps) */
  model?: string;
  /** Audio over this is cut into pieces. (Default: OPENAI_MAX_AUDIO_BYTES) */
  maxUploadBytes?: number;
  /** Pieces in flight at once. (Default: 3) */
  concurrency?: number;
}

export interface OpenAIRecommenderOptions extends OpenAIClientOptions {
  /** A model with JSON-schema structured outputs. (Default: 'gpt-4o-mini') */
  model?: string;
  /** Extra calls after a malformed or off-schema answer. (Default: 1) */
  badAnswerRetries?: number;
}

function createClient(o: OpenAIClientOptions, defaultTimeoutMs: number): OpenAI {
  return new OpenAI({ apiKey: o.apiKey, baseURL: o.baseUrl, maxRetries: 0, timeout: o.timeoutMs ?? defaultTimeoutMs });
}

/** An OpenAI SDK failure as our error: CANCELLED on abort, else AI_PROVIDER_UNAVAILABLE with {provider, status}. */
export function fromOpenAIError(err: unknown, signal?: AbortSignal): unknown {
  if (signal?.aborted) return cancelled(signal);
  if (isAppError(err)) return err;
  if (err instanceof APIUserAbortError) return new AppError(ErrorCode.CANCELLED, 'AI call was cancelled', { cause: err });
  if (err instanceof APIConnectionTimeoutError) return providerUnavailable(PROVIDER, { status: null, timeout: true }, err);
  if (err instanceof APIConnectionError) return providerUnavailable(PROVIDER, { status: null }, err);
  if (err instanceof APIError)
    return providerUnavailable(PROVIDER, { status: err.status ?? null, retryAfterMs: parseRetryAfter(err.headers) }, err);
  // The body of a 200 that is not JSON: the SDK's JSON.parse throws.
  if (err instanceof SyntaxError)
    return new AppError(ErrorCode.AI_BAD_RESPONSE, `${PROVIDER} sent a body that is not JSON`, {
      retryable: true,
      cause: err,
      details: { provider: PROVIDER },
    });
  return err;
}

async function call<T>(
  signal: AbortSignal,
  policy: RetryPolicy | undefined,
  logger: Logger | undefined,
  what: string,
  fn: () => Promise<T>,
): Promise<T> {
  return withRetry(
    async () => {
      try {
        return await fn();
      } catch (err) {
        throw fromOpenAIError(err, signal);
      }
    },
    {
      ...policy,
      signal,
      onRetry: ({ attempt, delayMs, error }) => logger?.warn('openai call failed; retrying', { what, attempt, delayMs, error }),
    },
  );
}

// ---------------------------------------------------------------------------------------------
// Transcription

// verbose_json as far as we read it. Whisper names the language ("english"), newer models a code.
const WhisperVerbose = z.object({
  text: z.string(),
  language: z.string().optional().nullable(),
  duration: z.number().optional().nullable(),
  segments: z
    .array(z.object({ start: z.number(), end: z.number(), text: z.string(), avg_logprob: z.number().optional().nullable() }))
    .optional()
    .nullable(),
  words: z
    .array(z.object({ start: z.number(), end: z.number(), word: z.string() }))
    .optional()
    .nullable(),
  usage: z.object({ type: z.string(), seconds: z.number().optional() }).optional().nullable(),
});
type WhisperVerbose = z.output<typeof WhisperVerbose>;

/** One upload: a whole file, or a piece of a WAV with its own header. */
interface AudioPiece {
  index: number;
  /** Seconds from the start of the whole audio. */
  offsetSeconds: number;
  durationSeconds: number;
  name: string;
  mime: string;
  read: () => Promise<Buffer>;
}

export class OpenAITranscriber implements Transcriber {
  readonly name = 'openai';
  private readonly client: OpenAI;
  private readonly model: string;
  private readonly maxUploadBytes: number;
  private readonly concurrency: number;

  constructor(private readonly opts: OpenAITranscriberOptions) {
    this.client = createClient(opts, 120_000);
    this.model = opts.model ?? 'whisper-1';
    this.maxUploadBytes = opts.maxUploadBytes ?? OPENAI_MAX_AUDIO_BYTES;
    this.concurrency = Math.max(1, opts.concurrency ?? 3);
  }

  /**
   * Audio up to maxUploadBytes goes up whole, in any format OpenAI reads. Larger audio must be PCM
   * WAV (the extracting_audio stage writes 16 kHz mono): it is cut into pieces at the given
   * silences, else at the size limit, sent `concurrency` at a time and stitched back with each
   * piece's time offset. Rejects with CANCELLED, AI_PROVIDER_UNAVAILABLE, AI_BAD_RESPONSE, or
   * UNSUPPORTED_MEDIA for large audio that is not PCM WAV.
   */
  async transcribe(input: TranscribeInput): Promise<Transcript> {
    throwIfAborted(input.signal);
    const language = isoLanguage(input.language);
    const { size } = await stat(input.audioPath);
    const fh = size > this.maxUploadBytes ? await open(input.audioPath, 'r') : null;
    try {
      const pieces = fh ? await this.wavPieces(fh, size, input) : [this.wholeFile(input)];
      const results = await mapLimit(pieces, this.concurrency, input.signal, (piece, signal) =>
        this.transcribePiece(piece, language, signal),
      );
      return this.stitch(pieces, results);
    } finally {
      await fh?.close();
    }
  }

  private wholeFile(input: TranscribeInput): AudioPiece {
    const ext = path.extname(input.audioPath).toLowerCase();
    return {
      index: 0,
      offsetSeconds: 0,
      durationSeconds: input.durationSeconds,
      // The extension is how OpenAI tells the format.
      name: `audio${ext || '.wav'}`,
      mime: AUDIO_MIME[ext] ?? 'application/octet-stream',
      read: () => readFile(input.audioPath),
    };
  }

  private async wavPieces(fh: FileHandle, size: number, input: TranscribeInput): Promise<AudioPiece[]> {
    const head = Buffer.alloc(Math.min(size, 64 * 1024));
    await fh.read(head, 0, head.length, 0);
    const wav = parseWavHeader(head, size);
    const chunks = planWavChunks({
      frames: wav.frames,
      sampleRate: wav.sampleRate,
      blockAlign: wav.blockAlign,
      maxChunkBytes: this.maxUploadBytes,
      silences: input.silences,
    });
    this.opts.logger?.debug('audio split for upload', { bytes: size, pieces: chunks.length, atSilences: Boolean(input.silences?.length) });
    return chunks.map((c: WavChunk, index) => ({
      index,
      offsetSeconds: c.startFrame / wav.sampleRate,
      durationSeconds: (c.endFrame - c.startFrame) / wav.sampleRate,
      name: `audio-part${index}.wav`,
      mime: 'audio/wav',
      read: async () => {
        const dataBytes = (c.endFrame - c.startFrame) * wav.blockAlign;
        const out = Buffer.alloc(44 + dataBytes);
        wavHeader(wav, dataBytes).copy(out, 0);
        await fh.read(out, 44, dataBytes, wav.dataOffset + c.startFrame * wav.blockAlign);
        return out;
      },
    }));
  }

  private async transcribePiece(piece: AudioPiece, language: string | undefined, signal: AbortSignal): Promise<WhisperVerbose> {
    // Read per piece, not up front: only `concurrency` pieces are in memory at once.
    const bytes = await piece.read();
    const raw = await call(signal, this.opts.retry, this.opts.logger, 'audio.transcriptions', async () =>
      this.client.audio.transcriptions.create(
        {
          file: await toFile(bytes, piece.name, { type: piece.mime }),
          model: this.model,
          response_format: 'verbose_json',
          timestamp_granularities: ['segment', 'word'],
          ...(language ? { language } : {}),
        },
        { signal },
      ),
    );
    const parsed = WhisperVerbose.safeParse(raw);
    if (!parsed.success) {
      throw new AppError(ErrorCode.AI_BAD_RESPONSE, 'openai transcription has an unexpected shape', {
        retryable: true,
        details: {
          provider: PROVIDER,
          piece: piece.index,
          issues: parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`),
        },
      });
    }
    return parsed.data;
  }

  private stitch(pieces: AudioPiece[], results: WhisperVerbose[]): Transcript {
    const segments: TranscriptSegment[] = [];
    const speechByLanguage = new Map<string, number>();
    let audioSeconds = 0;
    results.forEach((r, i) => {
      const piece = pieces[i]!;
      audioSeconds +=
        r.usage?.type === 'duration' && r.usage.seconds !== undefined ? r.usage.seconds : (r.duration ?? piece.durationSeconds);
      const lang = r.language ? (isoLanguage(r.language) ?? r.language.toLowerCase()) : null;
      if (lang) speechByLanguage.set(lang, (speechByLanguage.get(lang) ?? 0) + r.text.trim().length);
      segments.push(...offsetSegments(r, piece.offsetSeconds));
    });
    const language = [...speechByLanguage.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
    const usage: AiUsage[] = [{ provider: PROVIDER, model: this.model, audioSeconds: Math.round(audioSeconds * 1000) / 1000 }];
    return {
      available: true,
      engine: `${PROVIDER}:${this.model}`,
      language,
      text: segments.map((s) => s.text).join(' '),
      segments,
      ...speechStats(segments),
      usage,
    };
  }
}

/** A piece's segments on the whole audio's clock, with its words attached by time. */
export function offsetSegments(r: Pick<WhisperVerbose, 'segments' | 'words' | 'text'>, offsetSeconds: number): TranscriptSegment[] {
  const at = (t: number) => Math.round((t + offsetSeconds) * 1000) / 1000;
  const segs = (r.segments ?? []).filter((s) => s.text.trim());
  const words = (r.words ?? []).map<TranscriptWord>((w) => ({ start: at(w.start), end: at(w.end), word: w.word.trim(), confidence: null }));
  const out: TranscriptSegment[] = segs.map((s) => ({
    start: at(s.start),
    end: at(s.end),
    text: s.text.trim(),
    // exp(mean token log-probability): a 0..1 figure comparable across segments.
    confidence: typeof s.avg_logprob === 'number' ? Math.round(Math.min(1, Math.exp(s.avg_logprob)) * 1000) / 1000 : null,
  }));
  if (!out.length && r.text.trim() && words.length) {
    out.push({ start: words[0]!.start, end: words.at(-1)!.end, text: r.text.trim(), confidence: null });
  }
  for (const w of words) {
    const seg = out.find((s) => w.start < s.end) ?? out.at(-1);
    if (seg) (seg.words ??= []).push(w);
  }
  return out;
}

const AUDIO_MIME: Record<string, string> = {
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.mp4': 'audio/mp4',
  '.webm': 'audio/webm',
  '.ogg': 'audio/ogg',
  '.flac': 'audio/flac',
  '.mpeg': 'audio/mpeg',
  '.mpga': 'audio/mpeg',
};

/**
 * Runs `fn` over items, at most `limit` at a time, results in input order. The first failure
 * aborts the siblings still running (through the signal they were given) and is what rejects.
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  signal: AbortSignal,
  fn: (item: T, signal: AbortSignal) => Promise<R>,
): Promise<R[]> {
  const inner = new AbortController();
  const onAbort = () => inner.abort(signal.reason);
  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | null = null;
  const worker = async () => {
    while (!failure && next < items.length) {
      const i = next++;
      try {
        results[i] = await fn(items[i]!, inner.signal);
      } catch (error) {
        failure ??= { error };
        inner.abort(error);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  if (signal.aborted) throw cancelled(signal);
  if (failure) throw (failure as { error: unknown }).error;
  return results;
}

// ---------------------------------------------------------------------------------------------
// Recommendations

export class OpenAIRecommender implements Recommender {
  readonly name = 'openai';
  private readonly client: OpenAI;
  private readonly model: string;

  constructor(private readonly opts: OpenAIRecommenderOptions) {
    this.client = createClient(opts, 60_000);
    this.model = opts.model ?? 'gpt-4o-mini';
  }

  /**
   * One chat completion with a strict JSON-schema response format; the answer is checked with zod
   * and asked for again once when malformed (then AI_BAD_RESPONSE). Sorted most urgent first.
   */
  async recommend(input: RecommendInput): Promise<{ summary: string; recommendations: Recommendation[]; usage: AiUsage[] }> {
    throwIfAborted(input.signal);
    const { system, user } = buildRecommendationPrompt(input);
    // Built by hand rather than with the SDK's zodResponseFormat, which sends every zod constraint (minLength…).
    const responseFormat = {
      type: 'json_schema' as const,
      json_schema: { name: 'recommendations', strict: true, schema: providerSchema(RecommendationsAnswer, PROVIDER) },
    };
    const { value, usage } = await askStructured(
      PROVIDER,
      RecommendationsAnswer,
      async () => {
        const res = await call(input.signal, this.opts.retry, this.opts.logger, 'chat.completions', () =>
          this.client.chat.completions.create(
            {
              model: this.model,
              messages: [
                { role: 'system', content: system },
                { role: 'user', content: user },
              ],
              response_format: responseFormat,
            },
            { signal: input.signal },
          ),
        );
        const message = res.choices?.[0]?.message;
        return {
          // A refusal has no content: it counts as a bad answer.
          text: message?.content ?? null,
          usage: {
            provider: PROVIDER,
            model: res.model || this.model,
            inputTokens: res.usage?.prompt_tokens,
            outputTokens: res.usage?.completion_tokens,
          },
        };
      },
      {
        badAnswerRetries: this.opts.badAnswerRetries,
        onBadAnswer: (info) => this.opts.logger?.warn('openai recommendations unusable', { ...info }),
      },
    );
    const recommendations = [...value.recommendations].sort((a, b) => b.priority - a.priority);
    return { summary: value.summary, recommendations, usage: mergeUsage(usage) };
  }
}
