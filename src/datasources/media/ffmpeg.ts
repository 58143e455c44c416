// The only code that runs ffmpeg and ffprobe. Command lines come from ./args.ts (pure); this file
// adds processes, cancellation, timeouts and the translation of tool failures into AppError codes.
// Transcoding runs through fluent-ffmpeg so the runner can be swapped here alone. ffprobe and
// `ffmpeg -filters` are spawned directly: fluent's ffprobe parses the text output (losing the
// display-matrix side data) and cannot be killed, and its filter parser drops `A->N` filters such
// as ebur128 and select.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import ffmpeg from 'fluent-ffmpeg';
import { AppError, ErrorCode } from '../../errors.js';
import { redact, type Logger } from '../../logger.js';
import {
  ANALYSIS_FILTERS,
  classifyInputFailure,
  extractAudioArgs,
  isTruncationMessage,
  parseFilterList,
  parseProgress,
  parseTimestamp,
  parseVersion,
  probeArgs,
  type AnalysisFilter,
  type ExtractAudioArgsOptions,
} from './args.js';
import { normalizeProbe, type FfprobeOutput, type MediaProbe } from './probe.js';

export interface MediaToolsOptions {
  /** Binary paths (config.media). Otherwise `ffmpeg`/`ffprobe` on PATH, then @ffmpeg-installer/ffmpeg. */
  ffmpegPath?: string;
  ffprobePath?: string;
  logger?: Logger;
  /** Time limit for a probe when the call gives none. (Default: 30 000 ms) */
  probeTimeoutMs?: number;
  /** Time limit for a transcode when the call gives none; matches STAGE_TIMEOUT_SECONDS. (Default: 1 800 000 ms) */
  runTimeoutMs?: number;
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

export interface MediaCapabilities {
  /** e.g. "5.1.9-0+deb12u1"; null when the banner could not be read. */
  version: string | null;
  ffmpegPath: string;
  ffprobePath: string;
  filters: Record<AnalysisFilter, boolean>;
}

interface Binaries {
  ffmpeg: string;
  ffprobe: string;
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
    const durationSeconds = outTime ?? (await this.probeRaw(outputPath, { signal: opts.signal })).durationSeconds ?? 0;
    log?.debug('done', { ms: Date.now() - t0, durationSeconds });
    return { outputPath, durationSeconds };
  }

  /** Version and the analysis filters this ffmpeg build has; asked once per instance. */
  capabilities(): Promise<MediaCapabilities> {
    this.caps ??= (async () => {
      const bins = await this.resolveBinaries();
      // Banner (with the version) goes to stderr, the filter table to stdout.
      const { stdout, stderr } = await runCollect(bins.ffmpeg, ['-filters'], { timeoutMs: 15_000 }).catch((err: unknown) => {
        throw this.failure(err, 'ffmpeg', ErrorCode.INTERNAL_SERVER_ERROR);
      });
      const names = parseFilterList(stdout);
      const filters = Object.fromEntries(ANALYSIS_FILTERS.map((f) => [f, names.has(f)])) as Record<AnalysisFilter, boolean>;
      return { version: parseVersion(stderr), ffmpegPath: bins.ffmpeg, ffprobePath: bins.ffprobe, filters };
    })().catch((err: unknown) => {
      this.caps = undefined;
      throw err;
    });
    return this.caps;
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

  private failure(err: unknown, tool: 'ffmpeg' | 'ffprobe', fallback: ErrorCode): AppError {
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
        const kind = classifyInputFailure(err.stderr);
        if (kind === 'missing') return new AppError(ErrorCode.UPLOAD_MISSING, 'The media file was not found', { details });
        if (kind === 'unreachable') {
          return new AppError(ErrorCode.STORAGE_UNAVAILABLE, 'The media file could not be read from storage', { retryable: true, details });
        }
        const noAudio = /matches no streams/.test(err.stderr);
        const message = fallback === ErrorCode.UNSUPPORTED_MEDIA ? 'The file is not a readable video' : `${tool} could not decode the file`;
        return new AppError(fallback, message, { details: noAudio ? { ...details, reason: 'no_audio_stream' } : details });
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
  const ffmpegPath =
    (await configured('FFMPEG_PATH', opts.ffmpegPath)) ??
    (await onPath('ffmpeg')) ??
    (await fromInstaller('@ffmpeg-installer/ffmpeg'));
  if (!ffmpegPath) throw missingTool('ffmpeg', 'FFMPEG_PATH', '@ffmpeg-installer/ffmpeg');
  const sibling = path.join(path.dirname(ffmpegPath), process.platform === 'win32' ? 'ffprobe.exe' : 'ffprobe');
  const ffprobePath =
    (await configured('FFPROBE_PATH', opts.ffprobePath)) ??
    (await onPath('ffprobe')) ??
    ((await executable(sibling)) ? sibling : null) ??
    (await fromInstaller('@ffprobe-installer/ffprobe'));
  if (!ffprobePath) throw missingTool('ffprobe', 'FFPROBE_PATH', '@ffprobe-installer/ffprobe');
  return { ffmpeg: ffmpegPath, ffprobe: ffprobePath };
}

/** A configured path must work: falling back silently would hide a misconfiguration. */
async function configured(variable: string, value: string | undefined): Promise<string | null> {
  if (!value) return null;
  if (await executable(value)) return value;
  throw new AppError(ErrorCode.INTERNAL_SERVER_ERROR, `${variable}=${value} is not an executable file`, { details: { variable } });
}

async function onPath(name: string): Promise<string | null> {
  const exts = process.platform === 'win32' ? ['.exe', ''] : [''];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext);
      if (await executable(candidate)) return candidate;
    }
  }
  return null;
}

/** Optional npm packages that ship static binaries; absent unless a deployment adds them. */
async function fromInstaller(pkg: string): Promise<string | null> {
  try {
    const mod = (await import(pkg)) as { path?: string; default?: { path?: string } };
    const p = mod.path ?? mod.default?.path;
    return p && (await executable(p)) ? p : null;
  } catch {
    return null;
  }
}

async function executable(p: string): Promise<boolean> {
  try {
    await access(p, constants.X_OK);
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

function missingTool(tool: string, variable: string, pkg: string): AppError {
  return new AppError(
    ErrorCode.INTERNAL_SERVER_ERROR,
    `${tool} not found: set ${variable}, put ${tool} on PATH (apt-get install ffmpeg) or install ${pkg}`,
    { details: { tool } },
  );
}
