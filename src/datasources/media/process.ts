// The process runner for ffmpeg and ffprobe: spawn, stream or collect output, cancellation and
// time limits (SIGKILL), and the translation of a tool that did not finish cleanly into AppError codes.
import { spawn } from 'node:child_process';
import { AppError, ErrorCode } from '../../errors.js';
import { redact, type Logger } from '../../logger.js';
import { classifyInputFailure, isFormatRefusal } from './args.js';

export interface RunOptions {
  /** Abort kills the process (SIGKILL) and rejects with CANCELLED. */
  signal?: AbortSignal;
  /** Past this the process is killed and the call rejects with STAGE_TIMEOUT (retryable). */
  timeoutMs?: number;
}

export type StopReason = 'aborted' | 'timeout';

/** A process that did not finish cleanly; translated into an AppError by toolError. */
export class ToolFailure extends Error {
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

export function cancelled(cause?: unknown): AppError {
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
export function progressReporter(onProgress: ((f: number) => void) | undefined, log: Logger | undefined) {
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

export interface StreamingOptions extends RunOptions {
  onStdout?: (chunk: string) => void;
  onStderrLine?: (line: string) => void;
}

/**
 * Runs a long tool, handing stdout chunks and whole stderr lines over as they come (nothing kept
 * but a short stderr tail for errors); rejects with ToolFailure. Abort and timeout SIGKILL it.
 */
export function runStreaming(bin: string, args: string[], opts: StreamingOptions): Promise<void> {
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

/** Runs a short-lived tool and collects its output; rejects with ToolFailure. */
export function runCollect(bin: string, args: string[], opts: RunOptions): Promise<{ stdout: string; stderr: string }> {
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

/** An AppError for a tool run that failed: AppErrors pass through, ToolFailures get their code. */
export function toolError(err: unknown, tool: 'ffmpeg' | 'ffprobe', fallback: ErrorCode, missingStream = 'no_audio_stream'): AppError {
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
        const message = 'The file is not in an accepted container (playlists, concat scripts and image sequences are refused)';
        return new AppError(ErrorCode.UNSUPPORTED_MEDIA, message, {
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
