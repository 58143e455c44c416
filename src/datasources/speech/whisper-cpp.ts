// whisper.cpp through the @fugood/whisper.node binding (prebuilt native modules from the npm
// registry), for offline transcription of quality. The model file is the user's (WHISPER_MODEL_PATH,
// e.g. ggml-base.bin): nothing is downloaded at run time. The binding is an optional install
// (`npm install @fugood/whisper.node`, ~260 MB with its GPU variants), loaded only when configured.
import fs from 'node:fs/promises';
import { ConfigError } from '../../config.js';
import { AppError, ErrorCode } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { TranscribeInput, Transcriber } from '../../analysis/ports.js';
import type { Transcript, TranscriptSegment } from '../../domain/transcript.js';

export const WHISPER_PACKAGE = '@fugood/whisper.node';

interface RawResult {
  language?: string;
  result: string;
  segments: { text: string; t0: number; t1: number }[];
  isAborted: boolean;
}
interface Context {
  transcribeFile(
    path: string,
    opts: { language?: string; maxThreads?: number; tokenTimestamps?: boolean },
  ): { stop(): Promise<void>; promise: Promise<RawResult> };
  release(): Promise<void>;
}
interface Binding {
  initWhisper(opts: { filePath: string; useGpu?: boolean }): Promise<Context>;
}

/** whisper.cpp reports times in centiseconds. */
export function toTranscript(raw: RawResult, requested?: string): Transcript {
  const segments: TranscriptSegment[] = raw.segments
    .map((s) => ({ start: s.t0 / 100, end: s.t1 / 100, text: s.text.trim(), confidence: null }))
    .filter((s) => s.text && !/^\[(BLANK_AUDIO|MUSIC|SILENCE)\]$/i.test(s.text));
  return {
    available: true,
    engine: 'whisper.cpp',
    language: raw.language ?? requested ?? null,
    text: segments.map((s) => s.text).join(' '),
    segments,
  };
}

export class WhisperCppTranscriber implements Transcriber {
  readonly name = 'whisper.cpp';
  private ctx?: Promise<Context>;

  private constructor(
    private readonly binding: Binding,
    private readonly opts: { modelPath: string; threads?: number; logger?: Logger },
  ) {}

  /** Loads the binding and checks the model file; a ConfigError names what is missing. */
  static async load(
    opts: { modelPath: string; threads?: number; logger?: Logger },
    importer: (name: string) => Promise<unknown> = (n) => import(n),
  ): Promise<WhisperCppTranscriber> {
    await fs.access(opts.modelPath).catch(() => {
      throw new ConfigError(`Invalid configuration:\n  WHISPER_MODEL_PATH: no model file at ${opts.modelPath}`);
    });
    let binding: Binding;
    try {
      const mod = (await importer(WHISPER_PACKAGE)) as Binding & { default?: Binding };
      binding = typeof mod.initWhisper === 'function' ? mod : mod.default!;
    } catch (e) {
      throw new ConfigError(
        `Invalid configuration:\n  WHISPER_MODEL_PATH: set, but ${WHISPER_PACKAGE} is not installed (npm install ${WHISPER_PACKAGE}): ${(e as Error).message}`,
      );
    }
    return new WhisperCppTranscriber(binding, opts);
  }

  async transcribe(input: TranscribeInput): Promise<Transcript> {
    if (input.signal.aborted) throw new AppError(ErrorCode.CANCELLED, 'cancelled');
    // One model in memory per worker, loaded on first use.
    const ctx = await (this.ctx ??= this.binding.initWhisper({ filePath: this.opts.modelPath, useGpu: false }).catch((e) => {
      this.ctx = undefined;
      throw new AppError(ErrorCode.AI_PROVIDER_UNAVAILABLE, `whisper.cpp could not load the model: ${(e as Error).message}`, { cause: e });
    }));
    const job = ctx.transcribeFile(input.audioPath, {
      language: input.language ?? 'auto',
      maxThreads: this.opts.threads,
      tokenTimestamps: false,
    });
    const onAbort = () => void job.stop().catch(() => {});
    input.signal.addEventListener('abort', onAbort, { once: true });
    try {
      const raw = await job.promise;
      if (raw.isAborted || input.signal.aborted) throw new AppError(ErrorCode.CANCELLED, 'cancelled');
      return toTranscript(raw, input.language);
    } catch (e) {
      if (e instanceof AppError) throw e;
      throw new AppError(ErrorCode.AI_PROVIDER_UNAVAILABLE, `whisper.cpp failed: ${(e as Error).message}`, { cause: e });
    } finally {
      input.signal.removeEventListener('abort', onAbort);
    }
  }
}
