// Headless Chromium, for printing a report page to PDF. The page is a local file whose images are
// inlined, and networking features are off: printing reaches nothing outside.
import { constants } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ProcessFailure, runProcess } from './process.js';

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'];

/** Flags for a quiet, offline headless run (root needs --no-sandbox). */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-extensions',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--no-default-browser-check',
];

/** The configured binary if executable, else the first candidate on PATH; null when there is none. */
export async function findChromium(configured?: string): Promise<string | null> {
  const executable = (p: string) =>
    fs.access(p, constants.X_OK).then(
      () => true,
      () => false,
    );
  if (configured) return (await executable(configured)) ? configured : null;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const name of CANDIDATES) {
      const p = path.join(dir, name);
      if (await executable(p)) return p;
    }
  }
  return null;
}

/**
 * Prints `html` to PDF. On abort or past timeoutMs Chromium gets SIGTERM (it closes its own child
 * processes), then SIGKILL if it lingers. Rejects with an AbortError on abort, the spawn error when it
 * cannot start, an Error with the stderr tail otherwise.
 */
export async function printToPdf(binary: string, html: string, opts: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<Buffer> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'klike-pdf-'));
  try {
    const page = path.join(dir, 'report.html');
    const out = path.join(dir, 'report.pdf');
    await fs.writeFile(page, html);
    const args = [
      ...CHROMIUM_FLAGS,
      `--user-data-dir=${path.join(dir, 'profile')}`,
      '--no-pdf-header-footer',
      `--print-to-pdf=${out}`,
      `file://${page}`,
    ];
    const timeoutMs = opts.timeoutMs ?? 60_000;
    try {
      await runProcess(binary, args, { signal: opts.signal, timeoutMs, stdout: 'ignore', stderrTailChars: 4000 });
    } catch (e) {
      if (!(e instanceof ProcessFailure)) throw e;
      if (e.reason === 'spawn') throw e.cause;
      if (e.reason === 'aborted') {
        const aborted = new Error('The operation was aborted', { cause: opts.signal?.reason });
        throw Object.assign(aborted, { name: 'AbortError', code: 'ABORT_ERR' });
      }
      const how = e.reason === 'timeout' ? `ran past its time limit (${timeoutMs} ms)` : `exited with ${e.exitCode ?? e.exit.signal}`;
      throw new Error(`chromium ${how}: ${e.stderr.slice(-500)}`);
    }
    return await fs.readFile(out);
  } finally {
    await fs.rm(dir, { recursive: true, force: true }).catch(() => {});
  }
}
