// Running the perception tools (ffmpeg for frames, tesseract) on the one process runner
// (../process.ts): a time limit and an abort signal (SIGKILL at once), stdout streamed or collected,
// failures as AppError codes; and the CPU clock that counts those tools' time.
import { readFileSync } from 'node:fs';
import { AppError, ErrorCode } from '../../errors.js';
import { isFormatRefusal } from '../media/args.js';
import { ProcessFailure, runProcess } from '../process.js';

export interface RunToolOptions {
  signal: AbortSignal;
  timeoutMs: number;
  env?: NodeJS.ProcessEnv;
  /** Called with each stdout chunk; without it stdout is collected and returned. A throw stops the tool and rejects with it. */
  onStdout?: (chunk: Buffer) => void;
  /** Characters of stderr kept for the error (the tail). (Default: 8192) */
  stderrBytes?: number;
}

export interface ToolResult {
  stdout: Buffer;
  stderr: string;
}

/** Rejects with CANCELLED on abort, STAGE_TIMEOUT (retryable) past the limit, MEDIA_DECODE_FAILED on a failed exit. */
export async function runTool(binary: string, args: string[], opts: RunToolOptions): Promise<ToolResult> {
  try {
    const { stdout, stderr } = await runProcess(binary, args, {
      signal: opts.signal,
      timeoutMs: opts.timeoutMs,
      killSignal: 'SIGKILL',
      env: opts.env,
      onStdout: opts.onStdout,
      stderrTailChars: opts.stderrBytes ?? 8192,
    });
    return { stdout, stderr };
  } catch (e) {
    // A consumer that cannot go on (bad frame size) stopped the tool; the error is the consumer's.
    if (!(e instanceof ProcessFailure)) throw e;
    throw toolError(e, binary, opts);
  }
}

function toolError(f: ProcessFailure, binary: string, opts: RunToolOptions): AppError {
  switch (f.reason) {
    case 'aborted':
      return cancelled(opts.signal);
    case 'timeout':
      return new AppError(ErrorCode.STAGE_TIMEOUT, `${binary} took longer than ${opts.timeoutMs} ms`, { retryable: true });
    case 'spawn':
      return new AppError(ErrorCode.MEDIA_DECODE_FAILED, `${binary} could not start`, { cause: f.cause, details: { reason: 'spawn' } });
    case 'exit':
      // Not on the demuxer allowlist (a playlist posing as a video): the task fails, it is not a bad frame.
      if (isFormatRefusal(f.stderr)) {
        return new AppError(ErrorCode.UNSUPPORTED_MEDIA, 'The file is not in an accepted container', {
          details: { reason: 'format_not_allowed' },
        });
      }
      return new AppError(ErrorCode.MEDIA_DECODE_FAILED, `${binary} exited with ${f.exitCode}`, {
        details: { reason: 'exit', exitCode: f.exitCode, stderr: f.stderr.split('\n').slice(-6).join('\n') },
      });
  }
}

export function cancelled(signal: AbortSignal): AppError {
  const r = signal.reason;
  if (r instanceof AppError) return r;
  return new AppError(ErrorCode.CANCELLED, 'cancelled', { cause: r });
}

const TICK_MS = 10; // Linux USER_HZ is 100 on every mainstream build.

/**
 * CPU milliseconds used so far by this process and the children it has waited for (ffmpeg,
 * tesseract): /proc/self/stat's cutime + cstime. Other work in the process counts too, so figures
 * are exact only when one task runs at a time (the benchmark).
 */
export function cpuClockMs(): number {
  const self = process.cpuUsage();
  let children = 0;
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the command: state(0) … utime(11) stime(12) cutime(13) cstime(14).
    children = (Number(fields[13]) + Number(fields[14])) * TICK_MS;
  } catch {
    // Not Linux: children are not counted.
  }
  return (self.user + self.system) / 1000 + children;
}
