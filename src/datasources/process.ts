// The one way Klike runs an external binary (ffmpeg, ffprobe, tesseract, pocketsphinx, chromium and
// the doctor's `-version` checks): spawn with an argument array (no shell), stream stdout lines or
// chunks or collect stdout, keep a bounded stderr tail, stop on an AbortSignal or a time limit (a
// kill signal, then SIGKILL if the process does not exit), and say how it ended: a ProcessFailure
// whose reason is 'aborted', 'timeout', 'spawn' (it never started: ENOENT, EACCES) or 'exit' (a
// non-zero code or a signal from elsewhere). Each caller turns a ProcessFailure into its own
// AppError codes. Argument building stays pure data in the callers.
//
// Launcher decision: node:child_process, not fluent-ffmpeg (the library the design once named). It
// re-splits argument arrays that are already complete data, its filter-list parser drops `A->N`
// filters such as ebur128, its ffprobe reads the text output, and it is archived upstream. Nothing
// else in src/ imports child_process: this is the one file to replace if the launcher ever changes.
import { spawn, type ChildProcess } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';

export type ProcessStop = 'aborted' | 'timeout';
export type ProcessFailureReason = ProcessStop | 'spawn' | 'exit';

export interface ProcessOptions {
  /** Abort stops the process; the run rejects with reason 'aborted' (cause: the signal's reason). */
  signal?: AbortSignal;
  /** Past this the process is stopped and the run rejects with reason 'timeout'. (Default: none) */
  timeoutMs?: number;
  /** The first signal sent on abort or timeout. (Default: SIGTERM) */
  killSignal?: NodeJS.Signals;
  /** How long a stopped process may take to exit before SIGKILL follows. (Default: 5000 ms) */
  killGraceMs?: number;
  /**
   * After the process exits, how long its pipes may stay open (a grandchild holding them) before
   * they are closed from this side and the run ends. (Default: 2000 ms)
   */
  closeGraceMs?: number;
  env?: NodeJS.ProcessEnv;
  /** 'ignore' discards stdout; otherwise it is collected unless onStdout or onStdoutLine takes it. */
  stdout?: 'collect' | 'ignore';
  /** Each stdout chunk as it comes (nothing is collected). A throw stops the process and rejects with it. */
  onStdout?: (chunk: Buffer) => void;
  /** Each whole stdout line, without its '\n' (nothing is collected). A throw stops the process and rejects with it. */
  onStdoutLine?: (line: string) => void;
  /** Each whole stderr line, without its '\n'. A throw stops the process and rejects with it. */
  onStderrLine?: (line: string) => void;
  /** Characters of stderr kept (the tail). (Default: 16384) */
  stderrTailChars?: number;
  /** At most this many lines of that tail are reported. (Default: all that fit) */
  stderrTailLines?: number;
}

export interface ProcessResult {
  pid: number;
  /** Collected stdout; empty when it was streamed or ignored. */
  stdout: Buffer;
  /** The stderr tail. */
  stderr: string;
}

/** A process that did not finish cleanly. */
export class ProcessFailure extends Error {
  override readonly name = 'ProcessFailure';
  constructor(
    readonly reason: ProcessFailureReason,
    readonly binary: string,
    readonly exit: {
      pid: number | null;
      exitCode: number | null;
      signal: NodeJS.Signals | null;
      /** The stderr tail. */
      stderr: string;
    },
    cause?: unknown,
  ) {
    super(`${binary}: ${reason}`, cause === undefined ? undefined : { cause });
  }
  get exitCode(): number | null {
    return this.exit.exitCode;
  }
  get stderr(): string {
    return this.exit.stderr;
  }
  /** The spawn error's code (ENOENT, EACCES) when reason is 'spawn'. */
  get errno(): string | undefined {
    return (this.cause as NodeJS.ErrnoException | undefined)?.code;
  }
}

/** Splits a stream of text into lines; end() hands over the last unterminated one. */
function lineSplitter(onLine: (line: string) => void) {
  let partial = '';
  return {
    push(text: string) {
      const lines = (partial + text).split('\n');
      partial = lines.pop()!;
      for (const line of lines) onLine(line);
    },
    end() {
      if (partial) onLine(partial);
      partial = '';
    },
  };
}

/** The last `lines` lines of a tail that may start mid-line (that first fragment counts as a line). */
function lastLines(tail: string, lines: number | undefined): string {
  if (lines === undefined) return tail;
  const all = tail.split('\n');
  if (all.at(-1) === '') all.pop();
  return all.slice(-lines).join('\n');
}

/** Runs `binary args…` to its end; rejects with a ProcessFailure (or with what a callback threw). */
export function runProcess(binary: string, args: readonly string[], opts: ProcessOptions = {}): Promise<ProcessResult> {
  const fail = (reason: ProcessFailureReason, exit: Partial<ProcessFailure['exit']>, cause?: unknown) =>
    new ProcessFailure(reason, binary, { pid: null, exitCode: null, signal: null, stderr: '', ...exit }, cause);
  if (opts.signal?.aborted) return Promise.reject(fail('aborted', {}, opts.signal.reason));

  return new Promise((resolve, reject) => {
    const streamed = opts.onStdout !== undefined || opts.onStdoutLine !== undefined;
    const ignoreStdout = opts.stdout === 'ignore' && !streamed;
    let child: ChildProcess;
    try {
      child = spawn(binary, [...args], {
        stdio: ['ignore', ignoreStdout ? 'ignore' : 'pipe', 'pipe'],
        env: opts.env ?? process.env,
        windowsHide: true,
      });
    } catch (err) {
      // Arguments spawn refuses outright (a NUL byte): it never started.
      reject(fail('spawn', {}, err));
      return;
    }

    let stopped: ProcessStop | undefined;
    let callbackError: { error: unknown } | undefined;
    let settled = false;
    let exited = false;
    let escalation: NodeJS.Timeout | undefined;
    let closeTimer: NodeJS.Timeout | undefined;

    const stop = () => {
      if (exited || escalation) return;
      child.kill(opts.killSignal ?? 'SIGTERM');
      if ((opts.killSignal ?? 'SIGTERM') !== 'SIGKILL') {
        escalation = setTimeout(() => {
          if (!exited) child.kill('SIGKILL');
        }, opts.killGraceMs ?? 5000);
      }
    };
    const stopWith = (why: ProcessStop) => {
      stopped ??= why;
      stop();
    };
    const onAbort = () => stopWith('aborted');
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const timer = opts.timeoutMs && opts.timeoutMs > 0 ? setTimeout(() => stopWith('timeout'), opts.timeoutMs) : undefined;

    /** A callback that throws ends the run: the process is stopped and the run rejects with its error. */
    const guard =
      <T>(fn: (v: T) => void) =>
      (v: T) => {
        if (callbackError) return;
        try {
          fn(v);
        } catch (error) {
          callbackError = { error };
          stop();
        }
      };

    const keep = opts.stderrTailChars ?? 16_384;
    let tail = '';
    const stderrDecoder = new StringDecoder('utf8');
    const stderrLines = opts.onStderrLine ? lineSplitter(guard(opts.onStderrLine)) : undefined;
    const onStderrText = (text: string) => {
      tail = (tail + text).slice(-keep);
      stderrLines?.push(text);
    };
    child.stderr!.on('data', (c: Buffer) => onStderrText(stderrDecoder.write(c)));

    const out: Buffer[] = [];
    const stdoutDecoder = new StringDecoder('utf8');
    const stdoutLines = opts.onStdoutLine ? lineSplitter(guard(opts.onStdoutLine)) : undefined;
    const onChunk = opts.onStdout ? guard(opts.onStdout) : undefined;
    child.stdout?.on('data', (c: Buffer) => {
      if (!streamed) return void out.push(c);
      onChunk?.(c);
      stdoutLines?.push(stdoutDecoder.write(c));
    });

    const finish = () => {
      settled = true;
      clearTimeout(timer);
      clearTimeout(escalation);
      clearTimeout(closeTimer);
      opts.signal?.removeEventListener('abort', onAbort);
    };

    child.on('error', (err) => {
      // Emitted without a pid when the process could not be spawned; later errors (a failed kill)
      // leave the run to end on 'close'.
      if (settled || child.pid !== undefined) return;
      finish();
      reject(fail('spawn', { stderr: tail }, err));
    });
    child.on('exit', () => {
      exited = true;
      clearTimeout(escalation);
      if (settled) return;
      closeTimer = setTimeout(() => {
        child.stdout?.destroy();
        child.stderr?.destroy();
      }, opts.closeGraceMs ?? 2000);
    });
    child.on('close', (code: number | null, sig: NodeJS.Signals | null) => {
      if (settled) return;
      finish();
      onStderrText(stderrDecoder.end());
      stderrLines?.end();
      if (stdoutLines) {
        stdoutLines.push(stdoutDecoder.end());
        stdoutLines.end();
      }
      const pid = child.pid!;
      const stderr = lastLines(tail, opts.stderrTailLines);
      if (callbackError) return reject(callbackError.error);
      const exit = { pid, exitCode: code, signal: sig, stderr };
      if (stopped) return reject(fail(stopped, exit, stopped === 'aborted' ? opts.signal?.reason : undefined));
      if (code !== 0) return reject(fail('exit', exit));
      resolve({ pid, stdout: Buffer.concat(out), stderr });
    });
  });
}
