// The only code that runs ffmpeg and ffprobe. Command lines come from ./args.ts (pure); this file
// adds processes, cancellation, timeouts and the translation of tool failures into AppError codes.
// Transcoding runs through fluent-ffmpeg so the runner can be swapped here alone. ffprobe, the
// one-pass analysis and `ffmpeg -filters` are spawned directly: fluent's ffprobe parses the text
// output (losing the display-matrix side data) and cannot be killed, its filter parser drops `A->N`
// filters such as ebur128 and select, and the analysis argv is already complete data (analyzeArgs)
// that fluent would only re-split.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, mkdtemp, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import ffmpeg from 'fluent-ffmpeg';
import { AppError, ErrorCode } from '../../errors.js';
import { redact, type Logger } from '../../logger.js';
import {
  ANALYSIS_FILTERS,
  analyzeArgs,
  classifyInputFailure,
  hasFpsModeOption,
  extractAudioArgs,
  extractSubtitlesArgs,
  extractSubtitleStreamsArgs,
  isFormatRefusal,
  isTruncationMessage,
  parseFilterList,
  parseProgress,
  parseTimestamp,
  parseVersion,
  probeArgs,
  type AnalysisFilter,
  type DetectionSettings,
  type ExtractAudioArgsOptions,
  type SubtitleFormat,
} from './args.js';
import { parseSrt, parseVtt } from '../../analysis/captions.js';
import { type CaptionCue } from '../../domain/transcript.js';
import { AnalysisLogParser, assignThumbnails, buildMediaAnalysis, wavDurationSeconds, type ThumbnailFile } from './analysis.js';
import { type MediaAnalysis, type MediaProbe } from '../../domain/media.js';
import { normalizeProbe, type FfprobeOutput } from './probe.js';

export interface MediaToolsOptions {
  /**
   * Binary paths (config.media: FFMPEG_PATH, FFPROBE_PATH). Otherwise `ffmpeg`/`ffprobe` on PATH,
   * then (ffprobe only) the one next to the ffmpeg found, then the static builds of the optional
   * npm packages @ffmpeg-installer/ffmpeg and @ffprobe-installer/ffprobe.
   */
  ffmpegPath?: string;
  ffprobePath?: string;
  /** The PATH searched. (Default: process.env.PATH) */
  searchPath?: string;
  /** The npm packages tried last (tests name missing ones). (Default: @ffmpeg-installer/ffmpeg, @ffprobe-installer/ffprobe) */
  npmPackages?: { ffmpeg: string; ffprobe: string };
  logger?: Logger;
  /** Time limit for a probe when the call gives none. (Default: 30 000 ms) */
  probeTimeoutMs?: number;
  /** Time limit for a transcode when the call gives none; matches STAGE_TIMEOUT_SECONDS. (Default: 1 800 000 ms) */
  runTimeoutMs?: number;
  /** Analysis filters to treat as missing even when the build has them (tests of the fallbacks). (Default: none) */
  disabledFilters?: AnalysisFilter[];
}

export interface RunOptions {
  /** Abort kills the process (SIGKILL) and rejects with CANCELLED. */
  signal?: AbortSignal;
  /** Past this the process is killed and the call rejects with STAGE_TIMEOUT (retryable). */
  timeoutMs?: number;
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

export interface ExtractSubtitlesOptions extends RunOptions {
  /** (Default: 'webvtt') */
  format?: SubtitleFormat;
  /** Larger converted text is refused (MEDIA_DECODE_FAILED, reason 'subtitles_too_large'). (Default: 10 MB) */
  maxBytes?: number;
}

export interface ExtractSubtitlesResult {
  outputPath: string;
  format: SubtitleFormat;
  /** The stream's cues, parsed with src/analysis/captions.ts (markup stripped). */
  cues: CaptionCue[];
}

export interface AnalyzeOptions extends RunOptions {
  /** The input's probe (stream layout, duration, frame rate); probed here when absent. */
  probe?: MediaProbe;
  /** Input duration for progress fractions. (Default: the probe's) */
  durationSeconds?: number;
  /** Called with non-decreasing fractions in 0..1, the last one 1. */
  onProgress?: (fraction: number) => void;
  detection?: Partial<DetectionSettings>;
  /** See AnalyzeArgsOptions. (Defaults: 30 shot thumbnails, 320 px analysis copy, 640 px thumbnails) */
  maxShotThumbnails?: number;
  analysisSize?: number;
  thumbnailSize?: number;
}

export interface AnalyzeResult {
  /** A new directory inside outDir holding every file below; the caller removes it when done. */
  dir: string;
  analysis: MediaAnalysis;
  /** 16 kHz mono 16-bit WAV for transcription; null when the file has no audio stream. */
  audio: { path: string; durationSeconds: number } | null;
  /** JPEG files; several kinds may share one file (the first shot's is the 0 s frame). */
  thumbnails: Array<ThumbnailFile & { path: string }>;
}

/** Where a binary was found: its variable, the PATH, beside the ffmpeg found, or an npm package. */
export type BinarySource = 'FFMPEG_PATH' | 'FFPROBE_PATH' | 'PATH' | 'beside ffmpeg' | 'npm';

export interface MediaCapabilities {
  /** e.g. "5.1.9-0+deb12u1"; null when the banner could not be read. */
  version: string | null;
  ffmpegPath: string;
  ffprobePath: string;
  ffmpegSource: BinarySource;
  ffprobeSource: BinarySource;
  filters: Record<AnalysisFilter, boolean>;
  /** Takes per-output `-fps_mode` (ffmpeg ≥ 5.1); older builds get `-vsync 0`. */
  fpsMode: boolean;
  /** What the analysis does without the missing filters, for the start-up log; empty when complete. */
  limitations: string[];
}

/** What the one-pass analysis loses or replaces when a filter is missing. */
const FILTER_LIMITATIONS: Record<AnalysisFilter, string> = {
  scdet: "no scdet filter: scene cuts use the equivalent select='gt(scene,…)' with showinfo",
  ebur128: 'no ebur128 filter: loudness (LUFS, true peak) is not measured',
  silencedetect: 'no silencedetect filter: silences and the silent opening are not measured',
  blackdetect: 'no blackdetect filter: black segments are not measured',
  freezedetect: 'no freezedetect filter: frozen segments are not measured',
  select: 'no select filter: thumbnails are not taken (and, without scdet too, no scene cuts)',
};

export function describeLimitations(filters: Record<AnalysisFilter, boolean>): string[] {
  return ANALYSIS_FILTERS.filter((f) => !filters[f]).map((f) => FILTER_LIMITATIONS[f]);
}

interface Binaries {
  ffmpeg: string;
  ffprobe: string;
  ffmpegSource: BinarySource;
  ffprobeSource: BinarySource;
}

type StopReason = 'aborted' | 'timeout';

/** A process that did not finish cleanly; translated into an AppError by MediaTools.failure. */
class ToolFailure extends Error {
  constructor(
    readonly reason: StopReason | 'exit' | 'spawn',
    readonly stderr: string,
    readonly exitCode: number | null,
    cause?: unknown,
  ) {
    super(`tool failed: ${reason}`, cause === undefined ? undefined : { cause });
  }
}

const STDERR_TAIL_LINES = 20;

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
      throw this.failure(err, 'ffmpeg', ErrorCode.MEDIA_DECODE_FAILED);
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
  async extractSubtitles(input: string, streamIndex: number, outPath: string, opts: ExtractSubtitlesOptions = {}): Promise<ExtractSubtitlesResult> {
    const { ffmpeg: ffmpegPath } = await this.resolveBinaries();
    const format = opts.format ?? 'webvtt';
    const maxBytes = opts.maxBytes ?? 10 * 1024 * 1024;
    await mkdir(path.dirname(outPath), { recursive: true });
    const partial = `${outPath}.${randomBytes(4).toString('hex')}.partial`;
    const argv = extractSubtitlesArgs(input, streamIndex, partial, { format });
    const log = this.opts.logger?.child({ tool: 'ffmpeg', op: 'extractSubtitles' });
    try {
      log?.debug('start', { argv: redact(argv.join(' ')) });
      await runCollect(ffmpegPath, argv, { signal: opts.signal, timeoutMs: opts.timeoutMs ?? this.runTimeoutMs });
      const { size } = await stat(partial);
      if (size > maxBytes) {
        throw new AppError(ErrorCode.MEDIA_DECODE_FAILED, 'The subtitle stream is too large', { details: { reason: 'subtitles_too_large', sizeBytes: size, maxBytes } });
      }
      await rename(partial, outPath);
    } catch (err) {
      await rm(partial, { force: true });
      throw this.failure(err, 'ffmpeg', ErrorCode.MEDIA_DECODE_FAILED, 'no_subtitle_stream');
    }
    const text = await readFile(outPath, 'utf8');
    try {
      return { outputPath: outPath, format, cues: format === 'webvtt' ? parseVtt(text) : parseSrt(text) };
    } catch (err) {
      // Our own conversion not parsing is a decode problem, not the user's input.
      const line = (err as AppError).details?.line;
      throw new AppError(ErrorCode.MEDIA_DECODE_FAILED, 'The converted subtitles could not be read', { cause: err, details: { reason: 'subtitle_parse', line } });
    }
  }

  /**
   * Converts several subtitle streams in ONE ffmpeg run (one demux of the file, one output per
   * stream) and parses each. When that run fails (one stream that does not convert fails them all),
   * each stream is tried alone, so a bad stream costs only itself. Results come in the order given:
   * cues, or the stream's AppError (MEDIA_DECODE_FAILED). CANCELLED, STAGE_TIMEOUT and
   * UNSUPPORTED_MEDIA reject the whole call.
   */
  async extractSubtitleStreams(
    input: string,
    targets: ReadonlyArray<{ streamIndex: number; outPath: string }>,
    opts: ExtractSubtitlesOptions = {},
  ): Promise<Array<{ streamIndex: number; result: ExtractSubtitlesResult } | { streamIndex: number; error: AppError }>> {
    if (!targets.length) return [];
    if (targets.length === 1) return this.eachAlone(input, targets, opts);
    const { ffmpeg: ffmpegPath } = await this.resolveBinaries();
    const format = opts.format ?? 'webvtt';
    const maxBytes = opts.maxBytes ?? 10 * 1024 * 1024;
    const tag = randomBytes(4).toString('hex');
    const parts = targets.map((t) => ({ ...t, partial: `${t.outPath}.${tag}.partial` }));
    for (const p of parts) await mkdir(path.dirname(p.outPath), { recursive: true });
    const argv = extractSubtitleStreamsArgs(input, parts.map((p) => ({ streamIndex: p.streamIndex, output: p.partial })), { format });
    this.opts.logger?.child({ tool: 'ffmpeg', op: 'extractSubtitleStreams' }).debug('start', { streams: targets.length });
    try {
      await runCollect(ffmpegPath, argv, { signal: opts.signal, timeoutMs: opts.timeoutMs ?? this.runTimeoutMs });
    } catch (err) {
      await Promise.all(parts.map((p) => rm(p.partial, { force: true })));
      const e = this.failure(err, 'ffmpeg', ErrorCode.MEDIA_DECODE_FAILED, 'no_subtitle_stream');
      if (e.code !== ErrorCode.MEDIA_DECODE_FAILED) throw e;
      return this.eachAlone(input, targets, opts);
    }
    const out: Array<{ streamIndex: number; result: ExtractSubtitlesResult } | { streamIndex: number; error: AppError }> = [];
    for (const p of parts) {
      try {
        const { size } = await stat(p.partial);
        if (size > maxBytes) {
          throw new AppError(ErrorCode.MEDIA_DECODE_FAILED, 'The subtitle stream is too large', { details: { reason: 'subtitles_too_large', sizeBytes: size, maxBytes } });
        }
        await rename(p.partial, p.outPath);
        out.push({ streamIndex: p.streamIndex, result: await this.readSubtitles(p.outPath, format) });
      } catch (err) {
        await rm(p.partial, { force: true });
        out.push({ streamIndex: p.streamIndex, error: this.failure(err, 'ffmpeg', ErrorCode.MEDIA_DECODE_FAILED) });
      }
    }
    return out;
  }

  private async eachAlone(input: string, targets: ReadonlyArray<{ streamIndex: number; outPath: string }>, opts: ExtractSubtitlesOptions) {
    const out: Array<{ streamIndex: number; result: ExtractSubtitlesResult } | { streamIndex: number; error: AppError }> = [];
    for (const t of targets) {
      try {
        out.push({ streamIndex: t.streamIndex, result: await this.extractSubtitles(input, t.streamIndex, t.outPath, opts) });
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== ErrorCode.MEDIA_DECODE_FAILED) throw err;
        out.push({ streamIndex: t.streamIndex, error: err });
      }
    }
    return out;
  }

  private async readSubtitles(outPath: string, format: SubtitleFormat): Promise<ExtractSubtitlesResult> {
    const text = await readFile(outPath, 'utf8');
    try {
      return { outputPath: outPath, format, cues: format === 'webvtt' ? parseVtt(text) : parseSrt(text) };
    } catch (err) {
      const line = (err as AppError).details?.line;
      throw new AppError(ErrorCode.MEDIA_DECODE_FAILED, 'The converted subtitles could not be read', { cause: err, details: { reason: 'subtitle_parse', line } });
    }
  }

  /** Version, the analysis filters and options this ffmpeg build has; asked once per instance. */
  capabilities(): Promise<MediaCapabilities> {
    this.caps ??= (async () => {
      const bins = await this.resolveBinaries();
      // Banner (with the version) goes to stderr, the filter table to stdout.
      const [list, help] = await Promise.all([
        runCollect(bins.ffmpeg, ['-filters'], { timeoutMs: 15_000 }),
        runCollect(bins.ffmpeg, ['-hide_banner', '-h', 'long'], { timeoutMs: 15_000 }),
      ]).catch((err: unknown) => {
        throw this.failure(err, 'ffmpeg', ErrorCode.INTERNAL_SERVER_ERROR);
      });
      const names = parseFilterList(list.stdout);
      const disabled = new Set(this.opts.disabledFilters ?? []);
      const filters = Object.fromEntries(ANALYSIS_FILTERS.map((f) => [f, names.has(f) && !disabled.has(f)])) as Record<AnalysisFilter, boolean>;
      return {
        version: parseVersion(list.stderr),
        ffmpegPath: bins.ffmpeg,
        ffprobePath: bins.ffprobe,
        ffmpegSource: bins.ffmpegSource,
        ffprobeSource: bins.ffprobeSource,
        filters,
        fpsMode: hasFpsModeOption(help.stdout),
        limitations: describeLimitations(filters),
      };
    })().catch((err: unknown) => {
      this.caps = undefined;
      throw err;
    });
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
  async analyze(input: string, outDir: string, opts: AnalyzeOptions = {}): Promise<AnalyzeResult> {
    const caps = await this.capabilities();
    if (opts.signal?.aborted) throw cancelled(opts.signal.reason);
    const probe = opts.probe ?? (await this.probeRaw(input, { signal: opts.signal }));
    const streams = { video: probe.video !== null, audio: probe.hasAudio };
    if (!streams.video && !streams.audio) {
      throw new AppError(ErrorCode.UNSUPPORTED_MEDIA, 'The file has no video or audio stream', { details: { reason: 'no_streams', container: probe.container } });
    }
    await mkdir(outDir, { recursive: true });
    const dir = await mkdtemp(path.join(outDir, 'analysis-'));
    const inv = analyzeArgs(input, dir, {
      streams,
      filters: caps.filters,
      fpsMode: caps.fpsMode,
      durationSeconds: probe.durationSeconds,
      detection: opts.detection,
      maxShotThumbnails: opts.maxShotThumbnails,
      analysisSize: opts.analysisSize,
      thumbnailSize: opts.thumbnailSize,
    });
    const log = this.opts.logger?.child({ tool: 'ffmpeg', op: 'analyze' });
    const parser = new AnalysisLogParser();
    const expected = opts.durationSeconds && opts.durationSeconds > 0 ? opts.durationSeconds : probe.durationSeconds;
    const progress = progressReporter(opts.onProgress, log);
    let buffer = '';
    let outTime: number | null = null;
    const t0 = Date.now();
    try {
      log?.debug('start', { argv: redact(inv.argv.join(' ')) });
      await runStreaming(caps.ffmpegPath, inv.argv, {
        signal: opts.signal,
        timeoutMs: opts.timeoutMs ?? this.runTimeoutMs,
        onStdout: (chunk) => {
          const parsed = parseProgress(buffer + chunk);
          buffer = parsed.rest;
          for (const u of parsed.updates) {
            if (u.outTimeSeconds !== null) outTime = u.outTimeSeconds;
            // 'end' waits for the exit code: a failed run must not report 100 %.
            if (!u.done && expected && u.outTimeSeconds !== null) progress.report(Math.min(0.99, u.outTimeSeconds / expected));
          }
        },
        onStderrLine: (line) => parser.line(line),
      });
      const raw = parser.result();
      if (raw.truncated) {
        throw new AppError(ErrorCode.MEDIA_DECODE_FAILED, 'The file ends early (truncated upload?)', {
          details: { reason: 'truncated', decodedSeconds: outTime, expectedSeconds: expected },
        });
      }
      const analysis = buildMediaAnalysis(raw, {
        durationSeconds: probe.durationSeconds,
        analyzedSeconds: outTime,
        frameRate: probe.video?.frameRate ?? null,
        sceneDetector: inv.sceneDetector,
        unmeasured: inv.unmeasured,
      });
      const shotFiles = inv.outputs.shots ? await countFiles(dir, /^shot-\d{3}\.jpg$/) : 0;
      const assigned = assignThumbnails({ targets: inv.thumbnailTargets, thumbFrames: raw.thumbFrames, cuts: analysis.cuts, shotFiles, black: analysis.blackSegments });
      const thumbnails: AnalyzeResult['thumbnails'] = [];
      for (const t of assigned) {
        const p = path.join(dir, t.file);
        if (await isFile(p)) thumbnails.push({ ...t, path: p });
      }
      const audio = inv.outputs.audio ? { path: inv.outputs.audio, durationSeconds: (await wavSeconds(inv.outputs.audio)) ?? outTime ?? 0 } : null;
      progress.report(1);
      log?.debug('done', { ms: Date.now() - t0, analyzedSeconds: outTime, cuts: analysis.cuts?.length ?? null });
      return { dir, analysis, audio, thumbnails };
    } catch (err) {
      await rm(dir, { recursive: true, force: true });
      throw this.failure(err, 'ffmpeg', ErrorCode.MEDIA_DECODE_FAILED);
    } finally {
      progress.close();
    }
  }

  private async probeRaw(input: string, opts: ProbeOptions): Promise<MediaProbe> {
    const { ffprobe } = await this.resolveBinaries();
    const timeoutMs = opts.timeoutMs ?? this.probeTimeoutMs;
    let stdout: string;
    try {
      ({ stdout } = await runCollect(ffprobe, probeArgs(input, opts), { signal: opts.signal, timeoutMs }));
    } catch (err) {
      throw this.failure(err, 'ffprobe', ErrorCode.UNSUPPORTED_MEDIA);
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

  private failure(err: unknown, tool: 'ffmpeg' | 'ffprobe', fallback: ErrorCode, missingStream = 'no_audio_stream'): AppError {
    if (err instanceof AppError) return err;
    if (!(err instanceof ToolFailure)) {
      return new AppError(ErrorCode.INTERNAL_SERVER_ERROR, `${tool} failed unexpectedly`, { cause: err });
    }
    // stderr names the input, which may be a signed URL.
    const details = { tool, exitCode: err.exitCode, stderr: String(redact(err.stderr)) };
    switch (err.reason) {
      case 'aborted':
        return cancelled(err.cause);
      case 'timeout':
        return new AppError(ErrorCode.STAGE_TIMEOUT, `${tool} ran past its time limit`, { retryable: true, details });
      case 'spawn':
        return new AppError(ErrorCode.INTERNAL_SERVER_ERROR, `${tool} could not be started`, { cause: err.cause, details });
      case 'exit': {
        // A playlist, concat script or image sequence: refused wherever it is opened, not a decode error.
        if (isFormatRefusal(err.stderr)) {
          return new AppError(ErrorCode.UNSUPPORTED_MEDIA, 'The file is not in an accepted container (playlists, concat scripts and image sequences are refused)', {
            details: { ...details, reason: 'format_not_allowed' },
          });
        }
        const kind = classifyInputFailure(err.stderr);
        if (kind === 'missing') return new AppError(ErrorCode.UPLOAD_MISSING, 'The media file was not found', { details });
        if (kind === 'unreachable') {
          return new AppError(ErrorCode.STORAGE_UNAVAILABLE, 'The media file could not be read from storage', { retryable: true, details });
        }
        const noStream = /matches no streams/.test(err.stderr);
        const message = fallback === ErrorCode.UNSUPPORTED_MEDIA ? 'The file is not a readable video' : `${tool} could not decode the file`;
        return new AppError(fallback, message, { details: noStream ? { ...details, reason: missingStream } : details });
      }
    }
  }
}

function cancelled(cause?: unknown): AppError {
  return new AppError(ErrorCode.CANCELLED, 'Media processing was cancelled', { cause });
}

/** Calls onStop once, on abort or when timeoutMs passes; dispose() returns why it stopped, if it did. */
function watch(signal: AbortSignal | undefined, timeoutMs: number, onStop: () => void) {
  let reason: StopReason | undefined;
  const stopWith = (r: StopReason) => {
    if (reason) return;
    reason = r;
    onStop();
  };
  const onAbort = () => stopWith('aborted');
  signal?.addEventListener('abort', onAbort, { once: true });
  const timer = timeoutMs > 0 ? setTimeout(() => stopWith('timeout'), timeoutMs) : undefined;
  if (signal?.aborted) stopWith('aborted');
  return {
    reason: () => reason,
    dispose: () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      return reason;
    },
  };
}

/** Non-decreasing progress fractions to a callback that must not break the run by throwing. */
function progressReporter(onProgress: ((f: number) => void) | undefined, log: Logger | undefined) {
  let last = -1;
  let closed = false;
  return {
    report(fraction: number) {
      const f = Math.min(1, Math.max(0, fraction));
      if (closed || !onProgress || f <= last) return;
      last = f;
      try {
        onProgress(f);
      } catch (err) {
        log?.warn('onProgress threw', { err });
      }
    },
    close() {
      closed = true;
    },
  };
}

interface StreamingOptions extends RunOptions {
  onStdout?: (chunk: string) => void;
  onStderrLine?: (line: string) => void;
}

/**
 * Runs a long tool, handing stdout chunks and whole stderr lines over as they come (nothing kept
 * but a short stderr tail for errors); rejects with ToolFailure. Abort and timeout SIGKILL it.
 */
function runStreaming(bin: string, args: string[], opts: StreamingOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) return reject(new ToolFailure('aborted', '', null, opts.signal.reason));
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    const tail: string[] = [];
    let partial = '';
    const onLine = (line: string) => {
      tail.push(line);
      if (tail.length > STDERR_TAIL_LINES) tail.shift();
      opts.onStderrLine?.(line);
    };
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => opts.onStdout?.(chunk));
    child.stderr.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop()!;
      for (const line of lines) onLine(line);
    });
    const stop = watch(opts.signal, opts.timeoutMs ?? 0, () => child.kill('SIGKILL'));
    let spawnError: Error | undefined;
    child.on('error', (e) => {
      spawnError = e;
    });
    child.on('close', (code) => {
      if (partial) onLine(partial);
      const reason = stop.dispose();
      const stderr = tail.join('\n');
      if (reason) return reject(new ToolFailure(reason, stderr, code, reason === 'aborted' ? opts.signal?.reason : undefined));
      if (spawnError) return reject(new ToolFailure('spawn', stderr, null, spawnError));
      if (code !== 0) return reject(new ToolFailure('exit', stderr, code));
      resolve();
    });
  });
}

async function countFiles(dir: string, pattern: RegExp): Promise<number> {
  return (await readdir(dir)).filter((f) => pattern.test(f)).length;
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

/** Duration of a WAV from its header (ffmpeg fixes the sizes up when it closes the file). */
async function wavSeconds(file: string): Promise<number | null> {
  const handle = await open(file, 'r');
  try {
    const header = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(header, 0, header.length, 0);
    return wavDurationSeconds(header.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

/** Runs a short-lived tool and collects its output; rejects with ToolFailure. */
function runCollect(bin: string, args: string[], opts: RunOptions): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) return reject(new ToolFailure('aborted', '', null, opts.signal.reason));
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    const stop = watch(opts.signal, opts.timeoutMs ?? 0, () => child.kill('SIGKILL'));
    let spawnError: Error | undefined;
    child.on('error', (e) => {
      spawnError = e;
    });
    child.on('close', (code) => {
      const reason = stop.dispose();
      const stderr = Buffer.concat(err).toString('utf8');
      if (reason) return reject(new ToolFailure(reason, stderr, code, reason === 'aborted' ? opts.signal?.reason : undefined));
      if (spawnError) return reject(new ToolFailure('spawn', stderr, null, spawnError));
      if (code !== 0) return reject(new ToolFailure('exit', stderr, code));
      resolve({ stdout: Buffer.concat(out).toString('utf8'), stderr });
    });
  });
}

async function locateBinaries(opts: MediaToolsOptions): Promise<Binaries> {
  const searchPath = opts.searchPath ?? process.env.PATH ?? '';
  const notes: string[] = [];
  const pkgs = opts.npmPackages ?? { ffmpeg: '@ffmpeg-installer/ffmpeg', ffprobe: '@ffprobe-installer/ffprobe' };
  const ffmpeg =
    (await configured('FFMPEG_PATH', opts.ffmpegPath)) ??
    (await onPath('ffmpeg', searchPath)) ??
    (await fromInstaller(pkgs.ffmpeg, notes));
  if (!ffmpeg) throw missingTool('ffmpeg', 'FFMPEG_PATH', pkgs.ffmpeg, notes);
  const sibling = path.join(path.dirname(ffmpeg.path), process.platform === 'win32' ? 'ffprobe.exe' : 'ffprobe');
  const ffprobe =
    (await configured('FFPROBE_PATH', opts.ffprobePath)) ??
    (await onPath('ffprobe', searchPath)) ??
    ((await executable(sibling)) ? { path: sibling, source: 'beside ffmpeg' as const } : null) ??
    (await fromInstaller(pkgs.ffprobe, notes));
  if (!ffprobe) throw missingTool('ffprobe', 'FFPROBE_PATH', pkgs.ffprobe, notes);
  return { ffmpeg: ffmpeg.path, ffprobe: ffprobe.path, ffmpegSource: ffmpeg.source, ffprobeSource: ffprobe.source };
}

interface Found {
  path: string;
  source: BinarySource;
}

/** A configured path must work: falling back silently would hide a misconfiguration. */
async function configured(variable: 'FFMPEG_PATH' | 'FFPROBE_PATH', value: string | undefined): Promise<Found | null> {
  if (!value) return null;
  if (await executable(value)) return { path: value, source: variable };
  throw new AppError(ErrorCode.INTERNAL_SERVER_ERROR, `${variable}=${value} is not an executable file`, { details: { variable, tool: variable === 'FFMPEG_PATH' ? 'ffmpeg' : 'ffprobe' } });
}

async function onPath(name: string, searchPath: string): Promise<Found | null> {
  const exts = process.platform === 'win32' ? ['.exe', ''] : [''];
  for (const dir of searchPath.split(path.delimiter).filter(Boolean)) {
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext);
      if (await executable(candidate)) return { path: candidate, source: 'PATH' };
    }
  }
  return null;
}

/**
 * The static build inside an optional npm package (installed by `npm ci` on the platforms they
 * ship for; absent elsewhere). Why one could not be used goes into `notes` for the error message.
 */
async function fromInstaller(pkg: string, notes: string[]): Promise<Found | null> {
  let p: string | undefined;
  try {
    const mod = (await import(pkg)) as { path?: string; default?: { path?: string } };
    p = mod.path ?? mod.default?.path;
  } catch (e) {
    // The package throws a string for a platform it has no build for.
    const why = e instanceof Error ? ((e as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' ? 'not installed' : e.message) : String(e);
    notes.push(`${pkg}: ${why}`);
    return null;
  }
  if (!p) return null;
  if (await executable(p)) return { path: p, source: 'npm' };
  // Its postinstall (`chmod u+x`) did not run: npm was told to skip install scripts.
  if (await isFile(p)) notes.push(`${p} is not executable (its install script did not run: \`chmod u+x ${p}\` or \`npm rebuild\`)`);
  return null;
}

async function executable(p: string): Promise<boolean> {
  try {
    await access(p, constants.X_OK);
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

function missingTool(tool: string, variable: string, pkg: string, notes: string[]): AppError {
  return new AppError(
    ErrorCode.INTERNAL_SERVER_ERROR,
    `${tool} not found: set ${variable}, put ${tool} on PATH (apt-get install ffmpeg) or install ${pkg}${notes.length ? ` (${notes.join('; ')})` : ''}`,
    { details: { tool, notes } },
  );
}
