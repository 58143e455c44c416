// The real entry point (src/main.ts) in a child process: its JSON log lines parsed as they arrive,
// waits on lines rather than on time, and its exit.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

export type LogLine = Record<string, unknown> & { msg?: string; level?: string; event?: string };

export interface KlikeProcess {
  child: ChildProcess;
  lines: LogLine[];
  /** Raw output (stdout and stderr), for failure messages. */
  output(): string;
  /** Resolves with the first line (already seen or still to come) matching; rejects if the process exits first. */
  waitFor(pred: (l: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal?: NodeJS.Signals): void;
}

/** The environment of a real server for a test: its own database and data directory, any free port, info logs. */
export function serverEnv(databaseUrl: string, dataDir: string, extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return { NODE_ENV: 'test', LOG_LEVEL: 'info', HOST: '127.0.0.1', PORT: '0', DATABASE_URL: databaseUrl, DATA_DIR: dataDir, ...extra };
}

export function spawnKlike(args: string[], env: Record<string, string | undefined>, opts: { entry?: string[] } = {}): KlikeProcess {
  const entry = opts.entry ?? ['--import', 'tsx', 'src/main.ts'];
  const child = spawn(process.execPath, [...entry, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: LogLine[] = [];
  let raw = '';
  const waiters = new Set<{ pred: (l: LogLine) => boolean; resolve: (l: LogLine) => void }>();
  const onData = (() => {
    let buf = '';
    return (d: Buffer) => {
      raw += d;
      buf += d;
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        const text = buf.slice(0, i);
        buf = buf.slice(i + 1);
        let line: LogLine;
        try {
          line = JSON.parse(text);
        } catch {
          continue;
        }
        lines.push(line);
        for (const w of waiters) if (w.pred(line)) {
          waiters.delete(w);
          w.resolve(line);
        }
      }
    };
  })();
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.once('exit', (code, signal) => r({ code, signal })));
  return {
    child,
    lines,
    output: () => raw,
    exited,
    kill: (signal = 'SIGTERM') => void child.kill(signal),
    waitFor(pred, timeoutMs = 120_000) {
      const seen = lines.find(pred);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const w = { pred, resolve: (l: LogLine) => (clearTimeout(timer), resolve(l)) };
        const timer = setTimeout(() => (waiters.delete(w), reject(new Error(`no matching log line within ${timeoutMs} ms:\n${raw.slice(-4000)}`))), timeoutMs);
        waiters.add(w);
        void exited.then(({ code, signal }) => {
          if (!waiters.has(w)) return;
          waiters.delete(w);
          clearTimeout(timer);
          reject(new Error(`process exited (${code ?? signal}) before a matching log line:\n${raw.slice(-4000)}`));
        });
      });
    },
  };
}
