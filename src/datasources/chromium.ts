// Headless Chromium, for printing a report page to PDF. The page is a local file whose images are
// inlined, and networking features are off: printing reaches nothing outside.
import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

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
  const executable = (p: string) => fs.access(p, constants.X_OK).then(() => true, () => false);
  if (configured) return (await executable(configured)) ? configured : null;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const name of CANDIDATES) {
      const p = path.join(dir, name);
      if (await executable(p)) return p;
    }
  }
  return null;
}

export async function printToPdf(binary: string, html: string, opts: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<Buffer> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'klike-pdf-'));
  try {
    const page = path.join(dir, 'report.html');
    const out = path.join(dir, 'report.pdf');
    await fs.writeFile(page, html);
    const args = [...CHROMIUM_FLAGS, `--user-data-dir=${path.join(dir, 'profile')}`, '--no-pdf-header-footer', `--print-to-pdf=${out}`, `file://${page}`];
    await new Promise<void>((resolve, reject) => {
      const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'], signal: opts.signal });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => {
        if (stderr.length < 4000) stderr += d.toString();
      });
      const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
      child.on('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        if (code === 0) resolve();
        else reject(new Error(`chromium exited with ${code}: ${stderr.slice(-500)}`));
      });
    });
    return await fs.readFile(out);
  } finally {
    await fs.rm(dir, { recursive: true, force: true }).catch(() => {});
  }
}
