// Start-up failures name their reason and the fix, and exit non-zero: real processes, real ports,
// a real second instance on the same data directory.
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnKlike, type KlikeProcess } from '../helpers/process.js';
import { createTestDatabase } from '../helpers/db.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startApp, type Role } from '../../src/app.js';
import { explainStartupError, exitCodeFor } from '../../src/ops/startup-errors.js';

const base = { NODE_ENV: 'test', LOG_LEVEL: 'info', HOST: '127.0.0.1' };
const failure = (p: KlikeProcess) => p.waitFor((l) => l.event === 'startup_failed', 150_000);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

describe('start-up failures', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it('a second instance on the same data directory exits non-zero naming the lock', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'klike-lock-'));
    const env = { ...base, DATA_DIR: dataDir, PORT: '0', EMBEDDED_PG_PORT: String(await freePort()) };
    const first = spawnKlike(['api'], env);
    cleanups.push(async () => {
      first.kill('SIGTERM');
      await first.exited;
      await fs.rm(dataDir, { recursive: true, force: true });
    });
    await first.waitFor((l) => l.msg === "api listening", 150_000);

    const second = spawnKlike(['api'], env);
    const line = await failure(second);
    const { code } = await second.exited;
    expect(code).toBe(1);
    expect(line).toMatchObject({ level: 'error', service: 'klike-api', code: 'DATA_DIR_LOCKED' });
    expect(String(line.reason)).toContain(dataDir);
    expect(String(line.fix)).toContain('DATA_DIR');
    // The first one is untouched and still serving.
    expect(first.child.exitCode).toBeNull();
  }, 240_000);

  // The same explanations, on start-up run in this process (cheaper than a process each).
  const startupFailure = async (env: Record<string, string>, role: Role = 'api') => {
    let config;
    try {
      config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: '0', ...env });
    } catch (e) {
      return explainStartupError(e);
    }
    const app = await startApp(config, createLogger('silent'), role).catch((e: unknown) => e);
    if (!(app instanceof Error)) {
      await (app as { stop(): Promise<void> }).stop();
      throw new Error('start-up succeeded');
    }
    return explainStartupError(app);
  };

  it('a taken port is reported as such, with the port', async () => {
    const db = await createTestDatabase();
    const holder = net.createServer();
    await new Promise<void>((r) => holder.listen(0, '127.0.0.1', r));
    const port = (holder.address() as net.AddressInfo).port;
    cleanups.push(async () => {
      holder.close();
      await db.drop();
    });
    const e = await startupFailure({ DATABASE_URL: db.url, DATA_DIR: await fs.mkdtemp(path.join(os.tmpdir(), 'klike-port-')), PORT: String(port) });
    expect(e.code).toBe('PORT_IN_USE');
    expect(exitCodeFor(e)).toBe(1);
    expect(e.reason).toContain(String(port));
  });

  it('a worker without ffmpeg says so and how to install it', async () => {
    const db = await createTestDatabase();
    cleanups.push(() => db.drop());
    const e = await startupFailure({ DATABASE_URL: db.url, FFMPEG_PATH: '/nonexistent/ffmpeg', FFPROBE_PATH: '/nonexistent/ffprobe' }, 'worker');
    expect(e.code).toBe('FFMPEG_MISSING');
    expect(e.fix).toContain('FFMPEG_PATH');
  });

  it('bad configuration names the variable and exits 2', async () => {
    const e = await startupFailure({ PORT: 'not-a-port' });
    expect(e.code).toBe('BAD_CONFIG');
    expect(exitCodeFor(e)).toBe(2);
    expect(e.reason).toContain('PORT');
  });

  it('an unreachable database is named as the reason', async () => {
    const e = await startupFailure({ DATABASE_URL: `postgres://x:y@127.0.0.1:${await freePort()}/nothing` });
    expect(e.code).toBe('DATABASE_UNREACHABLE');
    expect(e.fix).toContain('DATABASE_URL');
  });
});
