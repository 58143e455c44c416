// `npm run doctor` as a user runs it: a real npm, a real process, its exit code and its words.
// Passing: the embedded default on a machine without ffmpeg or pocketsphinx (npm builds, speech
// missing is a warning), and a reachable DATABASE_URL. Failing: a configured ffmpeg that is not
// there, an unreachable database, an AI key the provider refuses, a bad variable.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../helpers/db.js';
import { MEDIA_AND_SPEECH_TOOLS, pathWithout } from '../helpers/path.js';
import type { DoctorReport } from '../../src/ops/doctor.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const bare = pathWithout(MEDIA_AND_SPEECH_TOOLS);
let dataDir: string;

// Variables of the parent (CI sets DATABASE_URL for some suites) must not leak into the checks.
const CLEAN = Object.fromEntries(
  ['DATABASE_URL', 'FFMPEG_PATH', 'FFPROBE_PATH', 'POCKETSPHINX_PATH', 'TRANSCRIBER', 'OPENAI_API_KEY', 'OPENAI_BASE_URL', 'GEMINI_API_KEY', 'GEMINI_BASE_URL', 'S3_BUCKET', 'STORAGE_DRIVER', 'EMBEDDED_PG_PORT'].map((k) => [k, '']),
);

function doctor(env: Record<string, string>, args: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('npm', ['run', '-s', 'doctor', '--', ...args], { cwd: ROOT, env: { ...process.env, ...CLEAN, NODE_ENV: 'development', DATA_DIR: dataDir, FACE_ENGINE: 'none', ...env }, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: unknown }).code ?? 1) : 0, stdout, stderr });
    });
  });
}
const json = (out: string) => JSON.parse(out) as DoctorReport;
const check = (r: DoctorReport, name: string) => r.checks.find((c) => c.name === name)!;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'klike-doctor-test-'));
});
afterAll(async () => {
  bare.remove();
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe('npm run doctor', () => {
  it('passes for the embedded default on a machine without ffmpeg and pocketsphinx, naming what is missing', async () => {
    const port = await freePort();
    const { code, stdout } = await doctor({ PATH: bare.PATH, EMBEDDED_PG_PORT: String(port) }, ['--json']);
    const r = json(stdout);
    expect(code).toBe(0);
    expect(r.ok).toBe(true);
    expect(check(r, 'ffmpeg')).toMatchObject({ status: 'ok', detail: expect.stringMatching(/\(npm: \S+@ffmpeg-installer/) });
    expect(check(r, 'ffprobe')).toMatchObject({ status: 'ok', detail: expect.stringContaining('npm: ') });
    expect(check(r, 'ffmpeg filters')).toMatchObject({ status: 'warn', detail: expect.stringContaining('no scdet filter') });
    expect(check(r, 'speech')).toMatchObject({ status: 'warn', fix: expect.stringContaining('apt-get install pocketsphinx pocketsphinx-en-us') });
    expect(check(r, 'database')).toMatchObject({ status: 'ok', detail: expect.stringContaining(`port ${port} free`) });
    expect(check(r, 'faces')).toMatchObject({ status: 'ok', detail: 'off (FACE_ENGINE=none)' });
    // Nothing was started or written: the data directory is as empty as it was.
    expect(await fs.readdir(dataDir)).toEqual([]);
  }, 90_000);

  it('passes with a reachable DATABASE_URL, in words', async () => {
    const db = await createTestDatabase();
    try {
      const { code, stdout } = await doctor({ DATABASE_URL: db.url });
      expect(code).toBe(0);
      expect(stdout).toMatch(/ok\s+database\s+PostgreSQL \d+/);
      expect(stdout).toMatch(/ready: `npm start` can run/);
    } finally {
      await db.drop();
    }
  }, 90_000);

  it('fails, with the reasons and fixes, for a missing FFMPEG_PATH and an unreachable DATABASE_URL', async () => {
    const port = await freePort();
    const { code, stdout } = await doctor({ FFMPEG_PATH: path.join(dataDir, 'no-such-ffmpeg'), DATABASE_URL: `postgres://klike:hunter22@127.0.0.1:${port}/klike` });
    expect(code).toBe(1);
    expect(stdout).toMatch(/FAIL\s+ffmpeg\s+FFMPEG_PATH=\S+no-such-ffmpeg is not an executable file/);
    expect(stdout).toMatch(/FAIL\s+database\s+DATABASE_URL postgres:\/\/klike:\*\*\*@127\.0\.0\.1:\d+\/klike cannot be reached: .*ECONNREFUSED/);
    expect(stdout).toContain('fix: check DATABASE_URL');
    expect(stdout).not.toContain('hunter22');
    expect(stdout).toMatch(/not ready: ffmpeg, database failed/);
  }, 90_000);

  it('fails when the provider refuses the AI key (one cheap authenticated call)', async () => {
    const seen: string[] = [];
    const server = http.createServer((req, res) => {
      seen.push(`${req.method} ${req.url} ${req.headers.authorization}`);
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":{"message":"Incorrect API key"}}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/v1`;
    try {
      const { code, stdout } = await doctor({ OPENAI_API_KEY: 'sk-wrong', OPENAI_BASE_URL: base, EMBEDDED_PG_PORT: String(await freePort()) }, ['--json']);
      expect(code).toBe(1);
      expect(check(json(stdout), 'OpenAI key')).toMatchObject({ status: 'fail', detail: expect.stringContaining('rejected'), fix: 'check OPENAI_API_KEY' });
      expect(seen).toEqual(['GET /v1/models Bearer sk-wrong']);
    } finally {
      server.close();
    }
  }, 90_000);

  it('exits 2 naming the variable for invalid configuration', async () => {
    const { code, stdout } = await doctor({ PORT: 'not-a-port' });
    expect(code).toBe(2);
    expect(stdout).toMatch(/FAIL\s+configuration\s+Invalid configuration:[\s\S]*PORT/);
  }, 60_000);
});
