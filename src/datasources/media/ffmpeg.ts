// MediaTools: the one object the app uses to run ffmpeg and ffprobe. Command lines come from the pure
// ./args.ts, ./subtitle-args.ts and ./analysis-args.ts; processes, cancellation, timeouts and the
// translation of tool failures into AppError codes are ./process.ts; where the binaries are is
// ./binaries.ts. Every run is spawned directly (nothing here uses fluent-ffmpeg): its ffprobe parses
// the text output (losing the display-matrix side data) and cannot be killed, its filter parser drops
// `A->N` filters such as ebur128 and select, and the analysis argv is already complete data
// (analyzeArgs) that fluent would only re-split.
import type { MediaProbe } from '../../domain/media.js';
import { AppError, ErrorCode } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { AnalysisFilter } from './analysis-args.js';
import { runAnalysis, type AnalyzeOptions, type AnalyzeResult } from './analysis-run.js';
import { probeArgs } from './args.js';
import { locateBinaries, type BinaryLookup, type Binaries } from './binaries.js';
import { readCapabilities, type MediaCapabilities } from './capabilities.js';
import { normalizeProbe, type FfprobeOutput } from './probe.js';
import { runCollect, toolError, type RunOptions } from './process.js';
import {
  extractSubtitles,
  extractSubtitleStreams,
  type ExtractSubtitlesOptions,
  type ExtractSubtitlesResult,
  type SubtitleStreamOutcome,
  type SubtitleTool,
} from './subtitles.js';

export interface MediaToolsOptions extends BinaryLookup {
  logger?: Logger;
  /** Time limit for a probe when the call gives none. (Default: 30 000 ms) */
  probeTimeoutMs?: number;
  /** Time limit for a transcode when the call gives none; matches STAGE_TIMEOUT_SECONDS. (Default: 1 800 000 ms) */
  runTimeoutMs?: number;
  /** Analysis filters to treat as missing even when the build has them (tests of the fallbacks). (Default: none) */
  disabledFilters?: AnalysisFilter[];
}

export interface ProbeOptions extends RunOptions {
  /** See ProbeArgsOptions.countPackets. (Default: false) */
  countPackets?: boolean;
  /** See ProbeArgsOptions.formats (our own outputs only). (Default: UPLOAD_FORMATS) */
  formats?: readonly string[];
}

export class MediaTools {
  private binaries?: Promise<Binaries>;
  private caps?: Promise<MediaCapabilities>;
  private readonly probeTimeoutMs: number;
  private readonly runTimeoutMs: number;

  constructor(private readonly opts: MediaToolsOptions = {}) {
    this.probeTimeoutMs = opts.probeTimeoutMs ?? 30_000;
    this.runTimeoutMs = opts.runTimeoutMs ?? 1_800_000;
  }

  /**
   * Reads container and stream facts. Rejects with UNSUPPORTED_MEDIA when ffprobe cannot read the
   * input or it holds no moving picture (audio-only, still image, text), UPLOAD_MISSING when the file
   * is not there, STORAGE_UNAVAILABLE (retryable) when a URL does not answer.
   */
  async probe(input: string, opts: ProbeOptions = {}): Promise<MediaProbe> {
    const result = await this.probeRaw(input, opts);
    if (!result.video) {
      const reason = result.hasAudio ? 'audio_only' : 'no_video_stream';
      throw new AppError(ErrorCode.UNSUPPORTED_MEDIA, `No video stream in the file (${reason})`, {
        details: { reason, container: result.container },
      });
    }
    return result;
  }

  /**
   * Converts one embedded subtitle stream (`streamIndex` counts subtitle streams only, in the order
   * of MediaProbe.subtitles) to WebVTT or SubRip at outPath and parses it. Text codecs only
   * (isTextSubtitleCodec): mov_text, SubRip, WebVTT, ASS/SSA… The file appears only when complete.
   * Rejects with MEDIA_DECODE_FAILED (details.reason 'no_subtitle_stream' when there is no such
   * stream), CANCELLED, STAGE_TIMEOUT.
   */
  extractSubtitles(
    input: string,
    streamIndex: number,
    outPath: string,
    opts: ExtractSubtitlesOptions = {},
  ): Promise<ExtractSubtitlesResult> {
    return extractSubtitles(this.subtitleTool(), input, streamIndex, outPath, opts);
  }

  /**
   * Converts several subtitle streams in ONE ffmpeg run (one demux of the file, one output per
   * stream) and parses each. When that run fails (one stream that does not convert fails them all),
   * each stream is tried alone, so a bad stream costs only itself. Results come in the order given:
   * cues, or the stream's AppError (MEDIA_DECODE_FAILED). CANCELLED, STAGE_TIMEOUT and
   * UNSUPPORTED_MEDIA reject the whole call.
   */
  extractSubtitleStreams(
    input: string,
    targets: ReadonlyArray<{ streamIndex: number; outPath: string }>,
    opts: ExtractSubtitlesOptions = {},
  ): Promise<SubtitleStreamOutcome[]> {
    return extractSubtitleStreams(this.subtitleTool(), input, targets, opts);
  }

  /** Version, the analysis filters and options this ffmpeg build has; asked once per instance. */
  capabilities(): Promise<MediaCapabilities> {
    this.caps ??= (async () => readCapabilities(await this.resolveBinaries(), new Set(this.opts.disabledFilters ?? [])))().catch(
      (err: unknown) => {
        this.caps = undefined;
        throw err;
      },
    );
    return this.caps;
  }

  /**
   * Measures everything in one ffmpeg process that reads and decodes the input once (see
   * analyzeArgs): 16 kHz WAV for transcription, EBU R128 loudness, silences, scene cuts, black and
   * frozen segments, and thumbnails, all written into a new directory inside outDir. Filters this
   * build lacks are replaced (scdet → select) or their facts listed in `analysis.unmeasured`.
   * Failures (CANCELLED, STAGE_TIMEOUT, MEDIA_DECODE_FAILED incl. details.reason 'truncated',
   * UNSUPPORTED_MEDIA from the probe) kill the process and remove the directory.
   */
  analyze(input: string, outDir: string, opts: AnalyzeOptions = {}): Promise<AnalyzeResult> {
    const tool = {
      capabilities: () => this.capabilities(),
      probe: (file: string, o: RunOptions) => this.probeRaw(file, o),
      logger: this.opts.logger,
      runTimeoutMs: this.runTimeoutMs,
    };
    return runAnalysis(tool, input, outDir, opts);
  }

  private subtitleTool(): SubtitleTool {
    return { ffmpegPath: async () => (await this.resolveBinaries()).ffmpeg, logger: this.opts.logger, runTimeoutMs: this.runTimeoutMs };
  }

  private async probeRaw(input: string, opts: ProbeOptions): Promise<MediaProbe> {
    const { ffprobe } = await this.resolveBinaries();
    const timeoutMs = opts.timeoutMs ?? this.probeTimeoutMs;
    let stdout: string;
    try {
      ({ stdout } = await runCollect(ffprobe, probeArgs(input, opts), { signal: opts.signal, timeoutMs }));
    } catch (err) {
      throw toolError(err, 'ffprobe', ErrorCode.UNSUPPORTED_MEDIA);
    }
    let raw: FfprobeOutput;
    try {
      raw = JSON.parse(stdout) as FfprobeOutput;
    } catch (cause) {
      throw new AppError(ErrorCode.UNSUPPORTED_MEDIA, 'ffprobe returned unreadable output', { cause });
    }
    return normalizeProbe(raw);
  }

  private resolveBinaries(): Promise<Binaries> {
    // A failed lookup is not cached, so installing ffmpeg fixes a running worker.
    this.binaries ??= locateBinaries(this.opts).catch((err: unknown) => {
      this.binaries = undefined;
      throw err;
    });
    return this.binaries;
  }
}
