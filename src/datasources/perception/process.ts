// Running the perception tools (ffmpeg for frames, tesseract): a process with a time limit and an
// abort signal, its stdout streamed or collected, failures as AppError codes; and the CPU clock
// that counts those tools' time.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { AppError, ErrorCode } from '../../errors.js';

export interface RunToolOptions {
  signal: AbortSignal;
  timeoutMs: number;
  env?: NodeJS.ProcessEnv;
  /** Called with each stdout chunk; without it stdout is collected and returned. */
  onStdout?: (chunk: Buffer) => void;
  /** Bytes of stderr kept for the error (the tail). (Default: 8 KB) */
  stderrBytes?: number;
}

export interface ToolResult {
  stdout: Buffer;
  stderr: string;
}

/** Rejects with CANCELLED on abort, STAGE_TIMEOUT (retryable) past the limit, MEDIA_DECODE_FAILED on a failed exit. */
export function runTool(binary: string, args: string[], opts: RunToolOptions): Promise<ToolResult> {
  if (opts.signal.aborted) return Promise.reject(cancelled(opts.signal));
  return new Promise((resolve, reject) => {
    let child: ChildProcess;
    try {
      child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], env: opts.env ?? process.env });
    } catch (e) {
      reject(new AppError(ErrorCode.MEDIA_DECODE_FAILED, `${binary} could not start`, { cause: e, details: { reason: 'spawn' } }));
      return;
    }
    const out: Buffer[] = [];
    let err = '';
    const keep = opts.stderrBytes ?? 8192;
    let stopped: 'aborted' | 'timeout' | null = null;
    const kill = (why: 'aborted' | 'timeout') => {
      stopped ??= why;
      child.kill('SIGKILL');
    };
    const onAbort = () => kill('aborted');
    opts.signal.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => kill('timeout'), opts.timeoutMs);
    child.stdout!.on('data', (c: Buffer) => {
      if (opts.onStdout) {
        try {
          opts.onStdout(c);
        } catch (e) {
          // A consumer that cannot go on (bad frame size) stops the tool; the error is the consumer's.
          stopped ??= 'aborted';
          child.kill('SIGKILL');
          cleanup();
          reject(e);
        }
      } else out.push(c);
    });
    child.stderr!.on('data', (c: Buffer) => {
      err = (err + c.toString('utf8')).slice(-keep);
    });
    let done = false;
    const cleanup = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      opts.signal.removeEventListener('abort', onAbort);
    };
    child.on('error', (e) => {
      if (done) return;
      cleanup();
      reject(new AppError(ErrorCode.MEDIA_DECODE_FAILED, `${binary} could not start`, { cause: e, details: { reason: 'spawn' } }));
    });
    child.on('close', (code) => {
      if (done) return;
      cleanup();
      if (stopped === 'aborted') return reject(cancelled(opts.signal));
      if (stopped === 'timeout') return reject(new AppError(ErrorCode.STAGE_TIMEOUT, `${binary} took longer than ${opts.timeoutMs} ms`, { retryable: true }));
      // Not on the demuxer allowlist (a playlist posing as a video): the task fails, it is not a bad frame.
      if (code !== 0 && /Format not on whitelist/i.test(err)) {
        return reject(new AppError(ErrorCode.UNSUPPORTED_MEDIA, 'The file is not in an accepted container', { details: { reason: 'format_not_allowed' } }));
      }
      if (code !== 0) return reject(new AppError(ErrorCode.MEDIA_DECODE_FAILED, `${binary} exited with ${code}`, { details: { reason: 'exit', exitCode: code, stderr: err.split('\n').slice(-6).join('\n') } }));
      resolve({ stdout: Buffer.concat(out), stderr: err });
    });
  });
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
