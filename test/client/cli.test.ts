// The `klike` command as a user runs it from a clone (node_modules/.bin/klike → the TypeScript
// sources): JSON when piped, live bars under a pseudo-terminal (util-linux `script`), exit codes,
// clear messages instead of stack traces, login with a private credentials file, Ctrl-C.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, uploadTo, type TestApp } from '../helpers/app.js';
import { makeVideo } from '../helpers/media.js';
import { GatedTranscriber } from '../helpers/gated-transcriber.js';
import { ConfirmVideoUploadDocument, CreateVideoUploadDocument, GetTaskDocument } from '../generated/graphql.js';
import { STAGES } from '../../packages/client/src/cli/progress.js';
import { PROGRESS_BASE, STAGE_ORDER } from '../../src/domain/task-lifecycle.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const KLIKE = path.join(ROOT, 'node_modules/.bin/klike');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs klike with stdout piped (not a TTY). */
function klike(args: string[], env: Record<string, string | undefined>): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(KLIKE, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs klike on a pseudo-terminal; `onOutput` sees the output so far and may write to the terminal. */
function klikeTty(args: string[], env: Record<string, string | undefined>, onOutput?: (out: string, write: (s: string) => void) => void): Promise<Run> {
  return new Promise((resolve) => {
    // `exec`: no shell stays between script and klike. dash (CI's /bin/sh, when SHELL is unset) waits
    // out a Ctrl-C meant for klike and then kills itself with SIGINT, so the run would end 130
    // whatever klike returned; an interactive shell runs klike in a process group of its own instead.
    const cmd = 'exec ' + [KLIKE, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    // -e: the command's exit code; -q: no banner; -f: flush at once; the transcript file is /dev/null.
    const child = spawn('script', ['-qefc', cmd, '/dev/null'], { env: { ...process.env, COLUMNS: '120', LINES: '40', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d) => {
      stdout += d;
      onOutput?.(stdout, (s) => child.stdin.write(s));
    });
    child.on('exit', (code) => resolve({ code, stdout, stderr: '' }));
  });
}

const plain = (s: string) => s.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').replace(/\r/g, '');

describe('klike CLI', () => {
  const transcriber = new GatedTranscriber();
  let t: TestApp;
  let env: Record<string, string>;
  let video: string;
  let configDir: string;

  beforeAll(async () => {
    t = await startTestApp({ engines: { transcriber } });
    configDir = await fs.mkdtemp(path.join(os.tmpdir(), 'klike-cli-config-'));
    env = { KLIKE_URL: t.url, KLIKE_TOKEN: t.token, KLIKE_CONFIG_DIR: configDir };
    video = await makeVideo({ seconds: 2 });
  });
  afterAll(async () => {
    transcriber.release();
    await t?.stop();
    if (configDir) await fs.rm(configDir, { recursive: true, force: true });
  });

  /** Lets every task through the gated stage as soon as it gets there. */
  async function autoRelease(until: Promise<unknown>): Promise<void> {
    let done = false;
    void until.finally(() => (done = true));
    while (!done) {
      await Promise.race([transcriber.started, until]);
      if (!done) transcriber.release();
    }
  }

  it('mirrors the server stage table', () => {
    expect(STAGES.map((s) => [s.status, s.base])).toEqual(STAGE_ORDER.filter((s) => s !== 'COMPLETED').map((s) => [s, PROGRESS_BASE[s]]));
  });

  it('analyze --json: only JSON on stdout, holding the score; exit 0', async () => {
    const run = klike(['analyze', video, '--platform', 'TIKTOK,META_REELS', '--audience', 'GEN_Z', '--language', 'en', '--json'], env);
    await autoRelease(run);
    const r = await run;
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.status).toBe('COMPLETED');
    expect(typeof out.result.score).toBe('number');
    expect(['A', 'B', 'C', 'D']).toContain(out.result.grade);
    expect(r.stderr).toBe('');
  });

  it('piped without --json prints JSON as well', async () => {
    const run = klike(['analyze', video], env);
    await autoRelease(run);
    const r = await run;
    expect(r.code, r.stderr).toBe(0);
    expect(typeof JSON.parse(r.stdout).result.score).toBe('number');
  });

  it('on a terminal: upload bar, live per-stage percentages and names, then the report', async () => {
    let released = false;
    const r = await klikeTty(['analyze', video, '--platform', 'TIKTOK'], env, (out) => {
      // Hold the task in TRANSCRIBING until the terminal has shown it there, then let it go.
      if (!released && /Transcribing\s+\S+\s+0%/.test(plain(out))) {
        released = true;
        void transcriber.started.then(() => transcriber.release());
      }
    });
    const out = plain(r.stdout);
    if (process.env.KLIKE_CLI_TRANSCRIPT) await fs.writeFile(process.env.KLIKE_CLI_TRANSCRIPT, r.stdout);
    expect(r.code, out).toBe(0);
    expect(out).toMatch(/Uploading .*100%/);
    // Frames drawn while the task ran: earlier stages done, the current one at 0 %, later ones empty…
    expect(out).toMatch(/✓ Measuring media\s+\S+\s+100%/);
    expect(out).toMatch(/› Transcribing\s+\S+\s+0%/);
    expect(out).toMatch(/Analysing\s+\S+\s+0%/);
    // …and at the end every stage at 100 %, followed by the report.
    for (const s of STAGES) expect(out).toMatch(new RegExp(`${s.label}\\s+\\S+\\s+100%`));
    expect(out).toMatch(/Score \d+\/100 {2}grade [ABCD]/);
    expect(out).toContain('Top actions');
    expect(out).not.toMatch(/^\s*\{/m);
  });

  it('Ctrl-C on a terminal offers to cancel; "y" cancels the task on the server: exit 1 with CANCELLED', async () => {
    let state: 'wait' | 'interrupted' | 'answered' = 'wait';
    const r = await klikeTty(['analyze', video], env, (out, write) => {
      if (state === 'wait' && /› Transcribing/.test(plain(out))) {
        state = 'interrupted';
        write('\x03');
      } else if (state === 'interrupted' && out.includes('[y/N]')) {
        state = 'answered';
        write('y\r');
      }
    });
    const out = plain(r.stdout);
    expect(r.code, out).toBe(1);
    expect(out).toContain('Cancel task');
    expect(out).toMatch(/CANCELLED/);
    const id = /task ([0-9a-f-]{36})/.exec(out)![1]!;
    expect((await t.ok(GetTaskDocument, { id })).task?.status).toBe('CANCELLED');
  });

  it('watch: exit 1 with the error code on stderr when the task is cancelled', async () => {
    const { size } = await fs.stat(video);
    const { createVideoUpload: up } = await t.ok(CreateVideoUploadDocument, { input: { filename: 'a.mp4', contentType: 'video/mp4', sizeBytes: size } });
    await uploadTo(up, video);
    const { task } = (await t.ok(ConfirmVideoUploadDocument, { input: { videoId: up.video.id } })).confirmVideoUpload;
    const run = klike(['watch', task.id], env);
    await transcriber.started;
    const cancel = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${t.token}` },
      body: JSON.stringify({ query: `mutation { cancelTask(id: "${task.id}") { status } }` }),
    });
    expect(cancel.status).toBe(200);
    const r = await run;
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('CANCELLED');
    expect(JSON.parse(r.stdout).status).toBe('CANCELLED');
    transcriber.release();
  });

  it('result prints a finished task; bad usage is exit 2 with the usage text', async () => {
    const done = klike(['analyze', video, '--json'], env);
    await autoRelease(done);
    const { id } = JSON.parse((await done).stdout);
    const r = await klike(['result', id, '--json'], env);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).result.score).toBeTypeOf('number');

    for (const args of [[], ['frobnicate'], ['analyze'], ['analyze', video, '--platform', 'MARS'], ['analyze', video, '--language', 'de'], ['analyze', video, '--bogus']]) {
      const u = await klike(args, env);
      expect(u.code, args.join(' ')).toBe(2);
      expect(u.stderr).toContain('Usage: klike');
      expect(u.stdout).toBe('');
    }
  });

  it('a missing file (2), a bad token (1), an unreachable API (1): one clear line, no stack trace', async () => {
    const missing = await klike(['analyze', '/nonexistent/ad.mp4'], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('klike: no such file: /nonexistent/ad.mp4\n');

    const bad = await klike(['analyze', video], { ...env, KLIKE_TOKEN: 'not-a-token' });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^klike: not signed in or the token was refused.*\(UNAUTHENTICATED\)\n$/);

    const down = await klike(['result', '00000000-0000-4000-8000-000000000000'], { ...env, KLIKE_URL: 'http://127.0.0.1:9/graphql' });
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/cannot reach the API at http:\/\/127\.0\.0\.1:9\/graphql.*\(NETWORK_ERROR\)/);

    for (const r of [missing, bad, down]) expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('login keeps only a refresh token, mode 0600, which later commands use (and rotate)', async () => {
    const email = `cli-${Date.now()}@example.com`;
    await t.signUp(email);
    const noToken = { KLIKE_URL: t.url, KLIKE_CONFIG_DIR: configDir, KLIKE_TOKEN: undefined };
    const login = await klike(['login', '--email', email], { ...noToken, KLIKE_PASSWORD: 'correct horse battery' });
    expect(login.code, login.stderr).toBe(0);
    const file = path.join(configDir, 'credentials.json');
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(await fs.readFile(file, 'utf8'));
    expect(Object.keys(stored).sort()).toEqual(['email', 'refreshToken', 'url']);
    expect(await fs.readFile(file, 'utf8')).not.toContain('correct horse');

    const r = await klike(['result', '00000000-0000-4000-8000-000000000000'], noToken);
    // Authenticated (a stranger's or missing task is NOT_FOUND, not UNAUTHENTICATED).
    expect(r.stderr).toContain('(NOT_FOUND)');
    expect(JSON.parse(await fs.readFile(file, 'utf8')).refreshToken).not.toBe(stored.refreshToken);

    const wrong = await klike(['login', '--email', email], { ...noToken, KLIKE_PASSWORD: 'wrong password!' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/^klike: .*\(UNAUTHENTICATED\)\n$/);
  });
});
