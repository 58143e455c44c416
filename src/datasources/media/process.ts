// ffmpeg and ffprobe runs on the one process runner (../process.ts): streaming or collecting output,
// cancellation and time limits (SIGKILL at once: a half-written analysis output is worth nothing),
// and the translation of a tool that did not finish cleanly into AppError codes.
import { StringDecoder } from 'node:string_decoder';
import { AppError, ErrorCode } from '../../errors.js';
import { redact, type Logger } from '../../logger.js';
import { ProcessFailure, runProcess } from '../process.js';
import { classifyInputFailure, isFormatRefusal } from './args.js';

export interface RunOptions {
  /** Abort kills the process (SIGKILL) and rejects with CANCELLED. */
  signal?: AbortSignal;
  /** Past this the process is killed and the call rejects with STAGE_TIMEOUT (retryable). */
  timeoutMs?: number;
}

const STDERR_TAIL_LINES = 20;
/** What a collected run keeps of stderr: the banner (the version) and every error line in practice. */
const COLLECT_STDERR_CHARS = 1 << 20;

export function cancelled(cause?: unknown): AppError {
  return new AppError(ErrorCode.CANCELLED, 'Media processing was cancelled', { cause });
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
 * Runs a long tool, handing stdout text and whole stderr lines over as they come (nothing kept but a
 * short stderr tail for errors); rejects with ProcessFailure. Abort and timeout SIGKILL it.
 */
export async function runStreaming(bin: string, args: string[], opts: StreamingOptions): Promise<void> {
  const decoder = new StringDecoder('utf8');
  const onStdout = opts.onStdout;
  await runProcess(bin, args, {
    signal: opts.signal,
    timeoutMs: opts.timeoutMs,
    killSignal: 'SIGKILL',
    onStdout: (chunk) => {
      const text = decoder.write(chunk);
      if (text) onStdout?.(text);
    },
    onStderrLine: opts.onStderrLine,
    stderrTailLines: STDERR_TAIL_LINES,
  });
}

/** Runs a short-lived tool and collects its output; rejects with ProcessFailure. */
export async function runCollect(bin: string, args: string[], opts: RunOptions): Promise<{ stdout: string; stderr: string }> {
  const { stdout, stderr } = await runProcess(bin, args, {
    signal: opts.signal,
    timeoutMs: opts.timeoutMs,
    killSignal: 'SIGKILL',
    stderrTailChars: COLLECT_STDERR_CHARS,
  });
  return { stdout: stdout.toString('utf8'), stderr };
}

/** An AppError for a tool run that failed: AppErrors pass through, ProcessFailures get their code. */
export function toolError(err: unknown, tool: 'ffmpeg' | 'ffprobe', fallback: ErrorCode, missingStream = 'no_audio_stream'): AppError {
  if (err instanceof AppError) return err;
  if (!(err instanceof ProcessFailure)) {
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
