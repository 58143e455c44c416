// The test gate itself: vitest, with the project's own config and global setup, must exit non-zero
// when a test fails (embedded Postgres and an external server alike), zero when all pass, and leave
// no embedded server or temporary data behind.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const vitestBin = path.join(root, 'node_modules/vitest/vitest.mjs');

async function runFixture(fixture: 'failing' | 'passing', databaseUrl?: string) {
  // A private TMPDIR shows whether the run cleaned up its embedded data directory.
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'klike-gate-'));
  await fs.chmod(tmp, 0o755);
  const env: NodeJS.ProcessEnv = { ...process.env, GATE_FIXTURE: fixture, TMPDIR: tmp };
  delete env.DATABASE_URL;
  delete env.VITEST;
  delete env.VITEST_POOL_ID;
  delete env.VITEST_WORKER_ID;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  const child = spawn(process.execPath, [vitestBin, 'run', '--config', 'test/fixtures/gate/vitest.gate.config.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  const left = await fs.readdir(tmp);
  await fs.rm(tmp, { recursive: true, force: true });
  return { code, output, left };
}

describe('the test gate', () => {
  it('a failing test makes the run exit non-zero, and the embedded Postgres is stopped and removed', async () => {
    const r = await runFixture('failing');
    expect(r.output).toMatch(/1 failed/);
    expect(r.code).not.toBe(0);
    expect(r.left.filter((f) => f.startsWith('klike-test-pg-'))).toEqual([]);
  });

  it('a failing test makes the run exit non-zero with DATABASE_URL too', async () => {
    const r = await runFixture('failing', inject('pgAdminUrl'));
    expect(r.output).toMatch(/1 failed/);
    expect(r.code).not.toBe(0);
  });

  it('a passing run exits zero', async () => {
    const r = await runFixture('passing');
    expect(r.output).toMatch(/1 passed/);
    expect(r.code).toBe(0);
    expect(r.left.filter((f) => f.startsWith('klike-test-pg-'))).toEqual([]);
  });
});
