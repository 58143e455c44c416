// Embedded text subtitle streams converted to WebVTT or SubRip by ffmpeg and parsed into cues. Each
// file appears at its path only when complete; failures leave nothing behind.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseSrt, parseVtt } from '../../analysis/captions.js';
import type { CaptionCue } from '../../domain/transcript.js';
import { AppError, ErrorCode } from '../../errors.js';
import { redact, type Logger } from '../../logger.js';
import { extractSubtitlesArgs, extractSubtitleStreamsArgs, type SubtitleFormat } from './subtitle-args.js';
import { runCollect, toolError, type RunOptions } from './process.js';

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

export type SubtitleStreamOutcome = { streamIndex: number; result: ExtractSubtitlesResult } | { streamIndex: number; error: AppError };

/** What a conversion needs from MediaTools: the ffmpeg binary (located on first use), a logger, the default time limit. */
export interface SubtitleTool {
  ffmpegPath(): Promise<string>;
  logger?: Logger;
  runTimeoutMs: number;
}

/** See MediaTools.extractSubtitles. */
export async function extractSubtitles(
  tool: SubtitleTool,
  input: string,
  streamIndex: number,
  outPath: string,
  opts: ExtractSubtitlesOptions = {},
): Promise<ExtractSubtitlesResult> {
  const ffmpegPath = await tool.ffmpegPath();
  const format = opts.format ?? 'webvtt';
  const maxBytes = opts.maxBytes ?? 10 * 1024 * 1024;
  await mkdir(path.dirname(outPath), { recursive: true });
  const partial = `${outPath}.${randomBytes(4).toString('hex')}.partial`;
  const argv = extractSubtitlesArgs(input, streamIndex, partial, { format });
  const log = tool.logger?.child({ tool: 'ffmpeg', op: 'extractSubtitles' });
  try {
    log?.debug('start', { argv: redact(argv.join(' ')) });
    await runCollect(ffmpegPath, argv, { signal: opts.signal, timeoutMs: opts.timeoutMs ?? tool.runTimeoutMs });
    await refuseTooLarge(partial, maxBytes);
    await rename(partial, outPath);
  } catch (err) {
    await rm(partial, { force: true });
    throw toolError(err, 'ffmpeg', ErrorCode.MEDIA_DECODE_FAILED, 'no_subtitle_stream');
  }
  return readSubtitles(outPath, format);
}

/** See MediaTools.extractSubtitleStreams. */
export async function extractSubtitleStreams(
  tool: SubtitleTool,
  input: string,
  targets: ReadonlyArray<{ streamIndex: number; outPath: string }>,
  opts: ExtractSubtitlesOptions = {},
): Promise<SubtitleStreamOutcome[]> {
  if (!targets.length) return [];
  if (targets.length === 1) return eachAlone(tool, input, targets, opts);
  const ffmpegPath = await tool.ffmpegPath();
  const format = opts.format ?? 'webvtt';
  const maxBytes = opts.maxBytes ?? 10 * 1024 * 1024;
  const tag = randomBytes(4).toString('hex');
  const parts = targets.map((t) => ({ ...t, partial: `${t.outPath}.${tag}.partial` }));
  for (const p of parts) await mkdir(path.dirname(p.outPath), { recursive: true });
  const outputs = parts.map((p) => ({ streamIndex: p.streamIndex, output: p.partial }));
  const argv = extractSubtitleStreamsArgs(input, outputs, { format });
  tool.logger?.child({ tool: 'ffmpeg', op: 'extractSubtitleStreams' }).debug('start', { streams: targets.length });
  try {
    await runCollect(ffmpegPath, argv, { signal: opts.signal, timeoutMs: opts.timeoutMs ?? tool.runTimeoutMs });
  } catch (err) {
    await Promise.all(parts.map((p) => rm(p.partial, { force: true })));
    const e = toolError(err, 'ffmpeg', ErrorCode.MEDIA_DECODE_FAILED, 'no_subtitle_stream');
    if (e.code !== ErrorCode.MEDIA_DECODE_FAILED) throw e;
    return eachAlone(tool, input, targets, opts);
  }
  const out: SubtitleStreamOutcome[] = [];
  for (const p of parts) {
    try {
      await refuseTooLarge(p.partial, maxBytes);
      await rename(p.partial, p.outPath);
      out.push({ streamIndex: p.streamIndex, result: await readSubtitles(p.outPath, format) });
    } catch (err) {
      await rm(p.partial, { force: true });
      out.push({ streamIndex: p.streamIndex, error: toolError(err, 'ffmpeg', ErrorCode.MEDIA_DECODE_FAILED) });
    }
  }
  return out;
}

async function eachAlone(
  tool: SubtitleTool,
  input: string,
  targets: ReadonlyArray<{ streamIndex: number; outPath: string }>,
  opts: ExtractSubtitlesOptions,
): Promise<SubtitleStreamOutcome[]> {
  const out: SubtitleStreamOutcome[] = [];
  for (const t of targets) {
    try {
      out.push({ streamIndex: t.streamIndex, result: await extractSubtitles(tool, input, t.streamIndex, t.outPath, opts) });
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== ErrorCode.MEDIA_DECODE_FAILED) throw err;
      out.push({ streamIndex: t.streamIndex, error: err });
    }
  }
  return out;
}

async function refuseTooLarge(file: string, maxBytes: number): Promise<void> {
  const { size } = await stat(file);
  if (size > maxBytes) {
    throw new AppError(ErrorCode.MEDIA_DECODE_FAILED, 'The subtitle stream is too large', {
      details: { reason: 'subtitles_too_large', sizeBytes: size, maxBytes },
    });
  }
}

async function readSubtitles(outPath: string, format: SubtitleFormat): Promise<ExtractSubtitlesResult> {
  const text = await readFile(outPath, 'utf8');
  try {
    return { outputPath: outPath, format, cues: format === 'webvtt' ? parseVtt(text) : parseSrt(text) };
  } catch (err) {
    // Our own conversion not parsing is a decode problem, not the user's input.
    const line = (err as AppError).details?.line;
    throw new AppError(ErrorCode.MEDIA_DECODE_FAILED, 'The converted subtitles could not be read', {
      cause: err,
      details: { reason: 'subtitle_parse', line },
    });
  }
}
