// Gemini behind our ports: the creative analysis of the video itself (Files API upload, wait until
// ACTIVE, one structured generateContent) and an alternative transcriber. The SDK's objects and
// errors stop here.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ApiError, GoogleGenAI, type File as GeminiFile, type GenerateContentResponse, type Part } from '@google/genai';
import type { z } from 'zod';
import { speechStats } from '../../analysis/captions.js';
import { OfflineAnalyzer } from '../../analysis/offline.js';
import { DEFAULT_PLATFORMS } from '../../analysis/platforms.js';
import type { AnalyzeInput, CreativeAnalysis, CreativeAnalyzer, Transcriber, TranscribeInput } from '../../analysis/ports.js';
import type { AiUsage, Transcript, TranscriptSegment } from '../../domain/transcript.js';
import { AppError, ErrorCode, isAppError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { Audience, type Platform } from '../../domain/model.js';
import { buildAnalysisPrompt, buildTranscriptionPrompt, isoLanguage, PROMPT_VERSION } from './prompts.js';
import { cancelled, parseRetryAfter, providerUnavailable, sleep, throwIfAborted, withRetry, type RetryOptions } from './retry.js';
import { AnalysisAnswer, TranscriptAnswer } from './schemas.js';
import { mergeModelAnswer } from '../../analysis/model-merge.js';
import { askStructured, mergeUsage, providerSchema } from './structured.js';

const PROVIDER = 'gemini';

type RetryPolicy = Pick<RetryOptions, 'retries' | 'baseDelayMs' | 'maxDelayMs' | 'maxRetryAfterMs'>;

export interface GeminiClientOptions {
  apiKey: string;
  /** (Default: https://generativelanguage.googleapis.com) */
  baseUrl?: string;
  /** API version in request paths; the Files API lives in v1beta. (Default: 'v1beta') */
  apiVersion?: string;
  /**
   * Per HTTP request (each 8 MiB upload chunk, each poll, the generation). Keep it under five
   * minutes: Node's fetch gives up waiting for response headers at 300 s regardless. (Default: 240 s)
   */
  timeoutMs?: number;
  /** (Default: see RETRY_DEFAULTS) */
  retry?: RetryPolicy;
  /** Time between files.get polls while the upload is PROCESSING. (Default: 2 s) */
  pollIntervalMs?: number;
  /** Give up waiting for ACTIVE after this; AI_PROVIDER_UNAVAILABLE (retryable). (Default: 10 min) */
  maxProcessingMs?: number;
  /** Delete uploads once answered rather than leaving them for the 48 h expiry. (Default: true) */
  deleteUploads?: boolean;
  /** Extra calls after a malformed or off-schema answer. (Default: 1) */
  badAnswerRetries?: number;
  logger?: Logger;
}

export interface GeminiAnalyzerOptions extends GeminiClientOptions {
  /** A model that reads video. (Default: 'gemini-2.5-flash') */
  model?: string;
}

export interface GeminiTranscriberOptions extends GeminiClientOptions {
  /** (Default: 'gemini-2.5-flash') */
  model?: string;
  /**
   * Audio up to this size goes inline in the request (base64, so ×4/3, under Gemini's 20 MB
   * request limit); larger goes through the Files API. (Default: 14 MB)
   */
  inlineMaxBytes?: number;
}

/**
 * An HTTP failure seen by our fetch, with what the SDK's ApiError leaves out: the wait the server
 * asked for, from Retry-After or from the body's RetryInfo (Gemini's 429s often carry only that).
 */
class GeminiHttpError extends Error {
  readonly retryAfterMs: number | null;
  constructor(
    readonly status: number,
    headerRetryAfterMs: number | null,
    readonly body: string,
  ) {
    super(`HTTP ${status}: ${body.slice(0, 300)}`);
    this.name = 'GeminiHttpError';
    const fromBody = retryDelayOf(body);
    // Both are "not before": honour the later one.
    this.retryAfterMs = headerRetryAfterMs === null && fromBody === null ? null : Math.max(headerRetryAfterMs ?? 0, fromBody ?? 0);
  }
}

/**
 * The wait in a Google API error body: `error.details[]` entry of @type google.rpc.RetryInfo whose
 * `retryDelay` is a protobuf Duration in JSON ("17s", "0.250s"). Null when absent or unreadable.
 */
export function retryDelayOf(body: string): number | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  // Some endpoints wrap the error object in a one-element array.
  const error = (Array.isArray(parsed) ? parsed[0] : parsed)?.error as { details?: unknown } | undefined;
  if (!Array.isArray(error?.details)) return null;
  for (const d of error.details as Array<Record<string, unknown>>) {
    if (typeof d?.['@type'] !== 'string' || !d['@type'].endsWith('google.rpc.RetryInfo')) continue;
    const m = typeof d.retryDelay === 'string' ? /^(\d+(?:\.\d+)?)s$/.exec(d.retryDelay.trim()) : null;
    if (m) return Math.round(Number(m[1]) * 1000);
  }
  return null;
}

/** A failure of our own machine (the file to upload is missing or unreadable), not of the provider. */
function isLocalSystemError(err: unknown): boolean {
  const e = err as { code?: unknown; syscall?: unknown } | null;
  return err instanceof Error && typeof e?.code === 'string' && typeof e.syscall === 'string' && !NETWORK_SYSCALLS.has(e.syscall);
}
const NETWORK_SYSCALLS = new Set(['connect', 'getaddrinfo', 'read', 'write', 'writev', 'recv', 'send']);

/**
 * A Gemini SDK failure as our error: CANCELLED on abort, AI_PROVIDER_UNAVAILABLE with {provider,
 * status} for the provider's failures, and a local system error (ENOENT on the upload's file) as is:
 * no request was sent, so retrying the call or blaming Gemini would only hide it.
 */
export function fromGeminiError(err: unknown, signal?: AbortSignal): unknown {
  if (signal?.aborted) return cancelled(signal);
  if (isAppError(err)) return err;
  if (isLocalSystemError(err)) return err;
  if (err instanceof GeminiHttpError) return providerUnavailable(PROVIDER, { status: err.status, retryAfterMs: err.retryAfterMs }, err);
  if (err instanceof ApiError) return providerUnavailable(PROVIDER, { status: err.status }, err);
  // The SDK's per-attempt timer aborts the fetch; our caller's signal is not aborted, so: timeout.
  const name = (err as { name?: unknown } | null)?.name;
  if (name === 'AbortError' || name === 'TimeoutError') return providerUnavailable(PROVIDER, { status: null, timeout: true }, err);
  // fetch failed (refused, reset), a body that is not JSON, an upload the server did not finalise.
  return providerUnavailable(PROVIDER, { status: null }, err);
}

/** The parts both Gemini ports share: a client per call, retried requests, uploads. */
class GeminiCalls {
  readonly timeoutMs: number;
  constructor(private readonly opts: GeminiClientOptions) {
    this.timeoutMs = opts.timeoutMs ?? 240_000;
  }

  /**
   * A client whose every request follows `signal`. The SDK ignores abortSignal on uploads, and its
   * ApiError drops the response headers; our fetch fixes both (and so sees Retry-After).
   */
  client(signal: AbortSignal | undefined): GoogleGenAI {
    const fetchWithSignal: typeof fetch = async (input, init) => {
      const own = init?.signal ?? undefined;
      const combined = own && signal ? AbortSignal.any([own, signal]) : (own ?? signal);
      const res = await fetch(input, { ...init, signal: combined });
      if (!res.ok) throw new GeminiHttpError(res.status, parseRetryAfter(res.headers), await res.text().catch(() => ''));
      return res;
    };
    return new GoogleGenAI({
      apiKey: this.opts.apiKey,
      apiVersion: this.opts.apiVersion ?? 'v1beta',
      // No retryOptions: the SDK then makes exactly one attempt per call and withRetry decides.
      httpOptions: { baseUrl: this.opts.baseUrl, timeout: this.timeoutMs, fetch: fetchWithSignal },
    });
  }

  request<T>(signal: AbortSignal, what: string, fn: () => Promise<T>): Promise<T> {
    return withRetry(
      async () => {
        try {
          return await fn();
        } catch (err) {
          throw fromGeminiError(err, signal);
        }
      },
      {
        ...this.opts.retry,
        signal,
        onRetry: ({ attempt, delayMs, error }) => this.opts.logger?.warn('gemini call failed; retrying', { what, attempt, delayMs, error }),
      },
    );
  }

  /** Uploads through the Files API and polls until ACTIVE (bounded, abort-aware). */
  async upload(
    ai: GoogleGenAI,
    filePath: string,
    mimeType: string,
    signal: AbortSignal,
  ): Promise<Required<Pick<GeminiFile, 'name' | 'uri' | 'mimeType'>>> {
    const t0 = Date.now();
    let file = await this.request(signal, 'files.upload', () =>
      ai.files.upload({ file: filePath, config: { mimeType, displayName: path.basename(filePath) } }),
    );
    const deadline = Date.now() + (this.opts.maxProcessingMs ?? 600_000);
    let polls = 0;
    while (file.state !== 'ACTIVE') {
      if (file.state === 'FAILED') {
        // Gemini could not decode it: the same bytes will fail again.
        throw new AppError(ErrorCode.AI_PROVIDER_UNAVAILABLE, 'gemini could not process the uploaded file', {
          retryable: false,
          details: { provider: PROVIDER, status: null, fileState: 'FAILED', reason: file.error?.message ?? null },
        });
      }
      if (Date.now() >= deadline) {
        throw new AppError(ErrorCode.AI_PROVIDER_UNAVAILABLE, 'gemini file processing did not finish in time', {
          retryable: true,
          details: { provider: PROVIDER, status: null, reason: 'file_processing_timeout', fileState: file.state ?? null },
        });
      }
      await sleep(this.opts.pollIntervalMs ?? 2000, signal);
      const name = file.name!;
      file = await this.request(signal, 'files.get', () => ai.files.get({ name }));
      polls++;
    }
    if (!file.name || !file.uri) {
      throw new AppError(ErrorCode.AI_BAD_RESPONSE, 'gemini file has no name or uri', { retryable: true, details: { provider: PROVIDER } });
    }
    this.opts.logger?.debug('gemini upload active', { ms: Date.now() - t0, polls });
    return { name: file.name, uri: file.uri, mimeType: file.mimeType ?? mimeType };
  }

  /** Best effort: a leftover upload expires by itself after 48 h. */
  async remove(name: string): Promise<void> {
    if (this.opts.deleteUploads === false) return;
    try {
      await this.client(AbortSignal.timeout(10_000)).files.delete({ name });
    } catch (error) {
      this.opts.logger?.debug('gemini upload not deleted', { name, error });
    }
  }

  /** generateContent with a JSON response schema, checked with zod, asked again once when bad. */
  async generateStructured<S extends z.ZodType>(
    ai: GoogleGenAI,
    model: string,
    parts: Part[],
    schema: S,
    signal: AbortSignal,
  ): Promise<{ value: z.output<S>; usage: AiUsage[] }> {
    const responseJsonSchema = providerSchema(schema, PROVIDER);
    return askStructured(
      PROVIDER,
      schema,
      async () => {
        const res: GenerateContentResponse = await this.request(signal, 'models.generateContent', () =>
          ai.models.generateContent({
            model,
            contents: [{ role: 'user', parts }],
            config: { responseMimeType: 'application/json', responseJsonSchema, temperature: 0.2, abortSignal: signal },
          }),
        );
        const u = res.usageMetadata;
        return {
          text: textOf(res),
          usage: {
            provider: PROVIDER,
            model,
            inputTokens: u?.promptTokenCount,
            // Thinking tokens are billed as output.
            outputTokens:
              u?.candidatesTokenCount === undefined && u?.thoughtsTokenCount === undefined
                ? undefined
                : (u?.candidatesTokenCount ?? 0) + (u?.thoughtsTokenCount ?? 0),
          },
        };
      },
      {
        badAnswerRetries: this.opts.badAnswerRetries,
        onBadAnswer: (info) => this.opts.logger?.warn('gemini answer unusable', { ...info }),
      },
    );
  }
}

// The SDK's `text` getter warns on non-text parts; read the parts ourselves.
function textOf(res: GenerateContentResponse): string | null {
  const parts = res.candidates?.[0]?.content?.parts ?? [];
  const text = parts
    .filter((p) => typeof p.text === 'string' && !p.thought)
    .map((p) => p.text)
    .join('');
  return text || null;
}

const VIDEO_MIME: Record<string, string> = {
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.mov': 'video/quicktime',
  '.webm': 'video/webm',
  '.mkv': 'video/x-matroska',
  '.avi': 'video/x-msvideo',
  '.mpeg': 'video/mpeg',
  '.mpg': 'video/mpeg',
  '.3gp': 'video/3gpp',
  '.wmv': 'video/wmv',
  '.flv': 'video/x-flv',
};
const AUDIO_MIME: Record<string, string> = {
  '.wav': 'audio/wav',
  '.mp3': 'audio/mp3',
  '.aac': 'audio/aac',
  '.ogg': 'audio/ogg',
  '.flac': 'audio/flac',
  '.aiff': 'audio/aiff',
  '.m4a': 'audio/aac',
};

export class GeminiAnalyzer implements CreativeAnalyzer {
  readonly name = 'gemini';
  private readonly calls: GeminiCalls;
  private readonly model: string;

  constructor(opts: GeminiAnalyzerOptions) {
    this.calls = new GeminiCalls(opts);
    this.model = opts.model ?? 'gemini-2.5-flash';
  }

  /**
   * Measured checks and issues (the offline rules) always come through; the model adds the nine
   * metrics, audience scores and issues only vision finds, and the base score is the metrics'
   * weighted mean. Rejects with CANCELLED, AI_PROVIDER_UNAVAILABLE or AI_BAD_RESPONSE.
   */
  async analyze(input: AnalyzeInput): Promise<CreativeAnalysis> {
    throwIfAborted(input.signal);
    const measured = await new OfflineAnalyzer().analyze(input);
    const prompt = buildAnalysisPrompt({
      media: input.media,
      transcript: input.transcript,
      options: input.options,
      checks: measured.checks,
      issues: measured.issues,
    });
    const videoPath = await input.videoFile();
    const mimeType = VIDEO_MIME[path.extname(videoPath).toLowerCase()] ?? 'video/mp4';
    const ai = this.calls.client(input.signal);
    const file = await this.calls.upload(ai, videoPath, mimeType, input.signal);
    try {
      const { value, usage } = await this.calls.generateStructured(
        ai,
        this.model,
        [{ fileData: { fileUri: file.uri, mimeType: file.mimeType } }, { text: prompt }],
        AnalysisAnswer,
        input.signal,
      );
      return mergeAnalysis(measured, value, {
        model: this.model,
        platforms: input.options.platforms?.length ? input.options.platforms : DEFAULT_PLATFORMS,
        audiences: input.options.audiences?.length ? input.options.audiences : Object.values(Audience),
        usage: mergeUsage(usage),
      });
    } finally {
      await this.calls.remove(file.name);
    }
  }
}

/** The measured analysis plus the model's answer (analysis/model-merge.ts), as Gemini's. */
export function mergeAnalysis(
  measured: CreativeAnalysis,
  answer: AnalysisAnswer,
  ctx: { model: string; platforms: readonly Platform[]; audiences: readonly string[]; usage: AiUsage[] },
): CreativeAnalysis {
  return mergeModelAnswer(measured, answer, { ...ctx, provider: PROVIDER, promptVersion: PROMPT_VERSION });
}

export class GeminiTranscriber implements Transcriber {
  readonly name = 'gemini';
  private readonly calls: GeminiCalls;
  private readonly model: string;
  private readonly inlineMaxBytes: number;

  constructor(opts: GeminiTranscriberOptions) {
    this.calls = new GeminiCalls(opts);
    this.model = opts.model ?? 'gemini-2.5-flash';
    this.inlineMaxBytes = opts.inlineMaxBytes ?? 14 * 1000 * 1000;
  }

  /** Segment timings come from the model (no word timings). Rejects like GeminiAnalyzer.analyze. */
  async transcribe(input: TranscribeInput): Promise<Transcript> {
    throwIfAborted(input.signal);
    const language = isoLanguage(input.language) ?? null;
    const mimeType = AUDIO_MIME[path.extname(input.audioPath).toLowerCase()] ?? 'audio/wav';
    const { size } = await stat(input.audioPath);
    const ai = this.calls.client(input.signal);
    let uploaded: string | null = null;
    try {
      let media: Part;
      if (size <= this.inlineMaxBytes) {
        media = { inlineData: { mimeType, data: (await readFile(input.audioPath)).toString('base64') } };
      } else {
        const file = await this.calls.upload(ai, input.audioPath, mimeType, input.signal);
        uploaded = file.name;
        media = { fileData: { fileUri: file.uri, mimeType: file.mimeType } };
      }
      const prompt = buildTranscriptionPrompt({ durationSeconds: input.durationSeconds, language });
      const { value, usage } = await this.calls.generateStructured(
        ai,
        this.model,
        [media, { text: prompt }],
        TranscriptAnswer,
        input.signal,
      );
      const segments = cleanSegments(value.segments, input.durationSeconds);
      return {
        available: true,
        engine: `${PROVIDER}:${this.model}`,
        language: isoLanguage(value.language) ?? (segments.length ? language : null),
        text: segments.map((s) => s.text).join(' '),
        segments,
        ...speechStats(segments),
        usage: mergeUsage(usage).map((u) => ({ ...u, audioSeconds: input.durationSeconds })),
      };
    } finally {
      if (uploaded) await this.calls.remove(uploaded);
    }
  }
}

/** Model-given segments made sane: text trimmed, times inside the audio, start ≤ end, in order. */
export function cleanSegments(
  segments: ReadonlyArray<{ start: number; end: number; text: string }>,
  durationSeconds: number,
): TranscriptSegment[] {
  const max = durationSeconds > 0 ? durationSeconds : Infinity;
  return segments
    .map((s) => ({ text: s.text.trim(), start: Math.min(s.start, max), end: Math.min(Math.max(s.start, s.end), max) }))
    .filter((s) => s.text)
    .sort((a, b) => a.start - b.start)
    .map((s) => ({ start: round3(s.start), end: round3(s.end), text: s.text, confidence: null }));
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;
