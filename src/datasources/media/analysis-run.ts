// The one-pass media analysis run: one ffmpeg process reads and decodes the input once (see
// analyzeArgs) and everything it writes and logs becomes a MediaAnalysis, the WAV and thumbnails.
import { mkdir, mkdtemp, open, readdir, rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { MediaAnalysis, MediaProbe } from '../../domain/media.js';
import { AppError, ErrorCode } from '../../errors.js';
import { redact, type Logger } from '../../logger.js';
import { AnalysisLogParser, assignThumbnails, buildMediaAnalysis, wavDurationSeconds, type ThumbnailFile } from './analysis.js';
import { analyzeArgs, type DetectionSettings } from './analysis-args.js';
import { parseProgress } from './args.js';
import { isFile } from './binaries.js';
import type { MediaCapabilities } from './capabilities.js';
import { cancelled, progressReporter, runStreaming, toolError, type RunOptions } from './process.js';

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
  /** See AnalyzeArgsOptions.decodeThreads. (Default: decoderThreads(), from the runs in flight in this process) */
  decodeThreads?: number;
}

/** One-pass analyses running in this process now (a worker runs WORKER_CONCURRENCY at once). */
let inFlight = 0;

/**
 * Decoder threads for a run that starts while `running` runs (itself included) share `cores`:
 * ffmpeg's own choice when it is alone, else an equal share, at least one. Frame threading costs
 * ~10 % more CPU for the same frames (bench:many, 30 s 1080p: 5.2 CPU s with ffmpeg's choice on 2
 * cores, 4.9 s with one thread), worth it only while cores would otherwise idle.
 */
export function decoderThreads(running: number, cores = availableParallelism()): number | undefined {
  return running <= 1 ? undefined : Math.max(1, Math.floor(cores / running));
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

/** What the run needs from MediaTools: the build's capabilities, a probe, a logger, the default time limit. */
export interface AnalysisTool {
  capabilities(): Promise<MediaCapabilities>;
  probe(input: string, opts: RunOptions): Promise<MediaProbe>;
  logger?: Logger;
  runTimeoutMs: number;
}

/** See MediaTools.analyze. */
export async function runAnalysis(tool: AnalysisTool, input: string, outDir: string, opts: AnalyzeOptions = {}): Promise<AnalyzeResult> {
  const caps = await tool.capabilities();
  if (opts.signal?.aborted) throw cancelled(opts.signal.reason);
  const probe = opts.probe ?? (await tool.probe(input, { signal: opts.signal }));
  const streams = { video: probe.video !== null, audio: probe.hasAudio };
  if (!streams.video && !streams.audio) {
    throw new AppError(ErrorCode.UNSUPPORTED_MEDIA, 'The file has no video or audio stream', {
      details: { reason: 'no_streams', container: probe.container },
    });
  }
  await mkdir(outDir, { recursive: true });
  const dir = await mkdtemp(path.join(outDir, 'analysis-'));
  const inv = analyzeArgs(input, dir, {
    decodeThreads: opts.decodeThreads ?? decoderThreads(inFlight + 1),
    streams,
    filters: caps.filters,
    fpsMode: caps.fpsMode,
    durationSeconds: probe.durationSeconds,
    detection: opts.detection,
    maxShotThumbnails: opts.maxShotThumbnails,
    analysisSize: opts.analysisSize,
    thumbnailSize: opts.thumbnailSize,
  });
  const log = tool.logger?.child({ tool: 'ffmpeg', op: 'analyze' });
  const parser = new AnalysisLogParser();
  const expected = opts.durationSeconds && opts.durationSeconds > 0 ? opts.durationSeconds : probe.durationSeconds;
  const progress = progressReporter(opts.onProgress, log);
  let buffer = '';
  let outTime: number | null = null;
  const t0 = Date.now();
  inFlight++;
  try {
    log?.debug('start', { argv: redact(inv.argv.join(' ')) });
    await runStreaming(caps.ffmpegPath, inv.argv, {
      signal: opts.signal,
      timeoutMs: opts.timeoutMs ?? tool.runTimeoutMs,
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
    const assigned = assignThumbnails({
      targets: inv.thumbnailTargets,
      thumbFrames: raw.thumbFrames,
      cuts: analysis.cuts,
      shotFiles,
      black: analysis.blackSegments,
    });
    const thumbnails: AnalyzeResult['thumbnails'] = [];
    for (const t of assigned) {
      const p = path.join(dir, t.file);
      if (await isFile(p)) thumbnails.push({ ...t, path: p });
    }
    const audio = inv.outputs.audio
      ? { path: inv.outputs.audio, durationSeconds: (await wavSeconds(inv.outputs.audio)) ?? outTime ?? 0 }
      : null;
    progress.report(1);
    log?.debug('done', { ms: Date.now() - t0, analyzedSeconds: outTime, cuts: analysis.cuts?.length ?? null });
    return { dir, analysis, audio, thumbnails };
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw toolError(err, 'ffmpeg', ErrorCode.MEDIA_DECODE_FAILED);
  } finally {
    inFlight--;
    progress.close();
  }
}

async function countFiles(dir: string, pattern: RegExp): Promise<number> {
  return (await readdir(dir)).filter((f) => pattern.test(f)).length;
}

/** Duration of a WAV from its header (ffmpeg fixes the sizes up when it closes the file). */
async function wavSeconds(file: string): Promise<number | null> {
  const handle = await open(file, 'r');
  try {
    const header = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(header, 0, header.length, 0);
    return wavDurationSeconds(header.subarray(0, bytesRead), (await handle.stat()).size);
  } finally {
    await handle.close();
  }
}
