// MediaTools: the one object the app uses to run ffmpeg and ffprobe. Command lines come from the pure
// ./args.ts, ./subtitle-args.ts and ./analysis-args.ts; processes, cancellation, timeouts and the
// translation of tool failures into AppError codes are ./process.ts; where the binaries are is
// ./binaries.ts. Transcoding runs through fluent-ffmpeg so the runner can be swapped here alone.
// ffprobe, the one-pass analysis and `ffmpeg -filters` are spawned directly: fluent's ffprobe parses
// the text output (losing the display-matrix side data) and cannot be killed, its filter parser drops
// `A->N` filters such as ebur128 and select, and the analysis argv is already complete data
// (analyzeArgs) that fluent would only re-split.
import { type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import ffmpeg from 'fluent-ffmpeg';
import type { MediaProbe } from '../../domain/media.js';
import { AppError, ErrorCode } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { AnalysisFilter } from './analysis-args.js';
import { runAnalysis, type AnalyzeOptions, type AnalyzeResult } from './analysis-run.js';
import {
  extractAudioArgs,
  isTruncationMessage,
  parseProgress,
  parseTimestamp,
  probeArgs,
  type ExtractAudioArgsOptions,
} from './args.js';
import { locateBinaries, type BinaryLookup, type Binaries } from './binaries.js';
import { readCapabilities, type MediaCapabilities } from './capabilities.js';
import { normalizeProbe, type FfprobeOutput } from './probe.js';
import { runCollect, STDERR_TAIL_LINES, toolError, ToolFailure, watch, type RunOptions } from './process.js';
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

export interface ExtractAudioOptions extends RunOptions, ExtractAudioArgsOptions {
  /** Input duration for progress fractions; read from ffmpeg's log when absent. */
  durationSeconds?: number;
  /** Called with non-decreasing fractions in 0..1, the last one 1. */
  onProgress?: (fraction: number) => void;
}

export interface ExtractAudioResult {
  outputPath: string;
  /** Duration of the written audio. */
  durationSeconds: number;
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
   * Writes the first audio stream as WAV (16 kHz mono 16-bit PCM by default). The file appears at
   * outputPath only when complete; failures leave nothing behind. Callers check `probe.hasAudio`
   * first: without an audio stream this rejects with MEDIA_DECODE_FAILED (details.reason
   * 'no_audio_stream'), as it does for corrupt or truncated input.
   */
  async extractAudio(input: string, outputPath: string, opts: ExtractAudioOptions = {}): Promise<ExtractAudioResult> {
    const { ffmpeg: ffmpegPath } = await this.resolveBinaries();
    await mkdir(path.dirname(outputPath), { recursive: true });
    // ffmpeg writes a partial file as it goes; renaming on success keeps outputPath all-or-nothing.
    const partial = `${outputPath}.${randomBytes(4).toString('hex')}.partial`;
    const inv = extractAudioArgs(input, partial, opts);
    const timeoutMs = opts.timeoutMs ?? this.runTimeoutMs;
    const log = this.opts.logger?.child({ tool: 'ffmpeg', op: 'extractAudio' });
    const t0 = Date.now();

    let outTime: number | null = null;
    try {
      outTime = await new Promise<number | null>((resolve, reject) => {
        // Lists always have several items: fluent splits a lone "-opt value" string on its space.
        const cmd = ffmpeg(inv.input, { stdoutLines: 50 })
          .setFfmpegPath(ffmpegPath)
          .inputOptions(...inv.inputOptions)
          .outputOptions(...inv.outputOptions)
          .output(inv.output);

        let started = false;
        let expected = opts.durationSeconds && opts.durationSeconds > 0 ? opts.durationSeconds : null;
        let lastOutTime: number | null = null;
        let lastFraction = -1;
        let truncated = false;
        let buffer = '';
        const stderrTail: string[] = [];

        const report = (fraction: number) => {
          const f = Math.min(1, Math.max(0, fraction));
          if (f <= lastFraction || !opts.onProgress || stop.reason()) return;
          lastFraction = f;
          try {
            opts.onProgress(f);
          } catch (err) {
            log?.warn('onProgress threw', { err });
          }
        };
        const stop = watch(opts.signal, timeoutMs, () => {
          if (started) cmd.kill('SIGKILL');
        });

        cmd.on('start', (commandLine) => {
          started = true;
          log?.debug('start', { commandLine });
          if (stop.reason()) {
            cmd.kill('SIGKILL');
            return;
          }
          // fluent-ffmpeg does not surface stdout, where `-progress pipe:1` writes.
          const proc = (cmd as unknown as { ffmpegProc?: ChildProcess }).ffmpegProc;
          proc?.stdout?.on('data', (chunk: Buffer) => {
            const parsed = parseProgress(buffer + chunk.toString('utf8'));
            buffer = parsed.rest;
            for (const u of parsed.updates) {
              if (u.outTimeSeconds !== null) lastOutTime = u.outTimeSeconds;
              if (u.done) report(1);
              else if (expected && u.outTimeSeconds !== null) report(u.outTimeSeconds / expected);
            }
          });
        });
        cmd.on('codecData', (data) => {
          expected ??= parseTimestamp(data.duration ?? '');
        });
        cmd.on('stderr', (line) => {
          if (isTruncationMessage(line)) truncated = true;
          stderrTail.push(line);
          if (stderrTail.length > STDERR_TAIL_LINES) stderrTail.shift();
        });
        cmd.on('error', (err: Error & { code?: string }) => {
          const reason = stop.dispose();
          if (reason) return reject(new ToolFailure(reason, stderrTail.join('\n'), null, opts.signal?.reason));
          const spawnFailed = err.code === 'ENOENT' || err.code === 'EACCES' || /Cannot find ffmpeg/.test(err.message);
          const exit = /exited with code (\d+)/.exec(err.message);
          reject(new ToolFailure(spawnFailed ? 'spawn' : 'exit', stderrTail.join('\n'), exit ? Number(exit[1]) : null, err));
        });
        cmd.on('end', () => {
          const reason = stop.dispose();
          if (reason) return reject(new ToolFailure(reason, stderrTail.join('\n'), 0, opts.signal?.reason));
          if (truncated) {
            return reject(
              new AppError(ErrorCode.MEDIA_DECODE_FAILED, 'The file ends early (truncated upload?)', {
                details: { reason: 'truncated', decodedSeconds: lastOutTime, expectedSeconds: expected },
              }),
            );
          }
          report(1);
          resolve(lastOutTime);
        });
        // Aborted while we were preparing: do not start a process only to kill it.
        if (stop.reason()) {
          stop.dispose();
          return reject(new ToolFailure('aborted', '', null, opts.signal?.reason));
        }
        cmd.run();
      });
      await rename(partial, outputPath);
    } catch (err) {
      await rm(partial, { force: true });
      throw toolError(err, 'ffmpeg', ErrorCode.MEDIA_DECODE_FAILED);
    }
    const durationSeconds = outTime ?? (await this.probeRaw(outputPath, { signal: opts.signal, formats: ['wav'] })).durationSeconds ?? 0;
    log?.debug('done', { ms: Date.now() - t0, durationSeconds });
    return { outputPath, durationSeconds };
  }

  /**
   * Converts one embedded subtitle stream (`streamIndex` counts subtitle streams only, in the order
   * of MediaProbe.subtitles) to WebVTT or SubRip at outPath and parses it. Text codecs only
   * (isTextSubtitleCodec): mov_text, SubRip, WebVTT, ASS/SSA… The file appears only when complete.
   * Rejects with MEDIA_DECODE_FAILED (details.reason 'no_subtitle_stream' when there is no such
   * stream), CANCELLED, STAGE_TIMEOUT.
   */
  extractSubtitles(input: string, streamIndex: number, outPath: string, opts: ExtractSubtitlesOptions = {}): Promise<ExtractSubtitlesResult> {
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
