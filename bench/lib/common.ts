// Shared plumbing for the bench scripts: a throw-away Postgres, child processes run with tsx, file
// descriptor limits, percentiles, and cleanup that runs however the script ends.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../src/datasources/postgres/embedded.js';
import { migrate } from '../../src/datasources/postgres/migrate.js';

export const BENCH_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// ---------------------------------------------------------------------------------------------
// Cleanup: every resource registers an undo step; they run in reverse order exactly once, on a
// normal end, an error, SIGINT/SIGTERM, or the script's overall deadline.

const cleanups: { name: string; fn: () => Promise<unknown> | unknown }[] = [];
let cleaning: Promise<void> | undefined;

export function onCleanup(name: string, fn: () => Promise<unknown> | unknown): () => void {
  const entry = { name, fn };
  cleanups.push(entry);
  return () => {
    const i = cleanups.indexOf(entry);
    if (i >= 0) cleanups.splice(i, 1);
  };
}

export function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    while (cleanups.length) {
      const c = cleanups.pop()!;
      try {
        await withTimeout(Promise.resolve(c.fn()), 15_000, `cleanup ${c.name}`);
      } catch (e) {
        console.error(`cleanup step "${c.name}" failed: ${(e as Error).message}`);
      }
    }
  })();
  return cleaning;
}

/** Runs main with a hard deadline; cleans up and sets the exit code whatever happens. */
export function runBench(name: string, deadlineMs: number, main: () => Promise<void>): void {
  const timer = setTimeout(() => {
    console.error(`${name}: deadline of ${deadlineMs / 1000}s exceeded, aborting`);
    void cleanup().finally(() => process.exit(1));
  }, deadlineMs);
  timer.unref();
  for (const sig of ['SIGINT', 'SIGTERM'] as const)
    process.once(sig, () => {
      console.error(`${name}: ${sig}, cleaning up`);
      void cleanup().finally(() => process.exit(130));
    });
  main()
    .then(async () => {
      await cleanup();
      clearTimeout(timer);
      process.exit(0);
    })
    .catch(async (e) => {
      console.error(`${name} failed:`, e);
      await cleanup();
      process.exit(1);
    });
}

// ---------------------------------------------------------------------------------------------
// Small helpers

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
export const nowMs = () => performance.timeOrigin + performance.now();

export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let t: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(t)),
    new Promise<never>((_, reject) => {
      t = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
    }),
  ]);
}

/** Nearest-rank percentile (p in 0..100) of an unsorted list. */
export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

export function stats(values: readonly number[]) {
  return {
    n: values.length,
    min: percentile(values, 0),
    median: percentile(values, 50),
    p90: percentile(values, 90),
    p99: percentile(values, 99),
    max: percentile(values, 100),
    mean: values.reduce((a, b) => a + b, 0) / (values.length || 1),
  };
}

export const f = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : String(n));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export async function tempDir(prefix: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  onCleanup(`rm ${dir}`, () => fs.rm(dir, { recursive: true, force: true }));
  return dir;
}

// ---------------------------------------------------------------------------------------------
// Postgres: embedded in a temp dir on a free loopback port, or a fresh database on DATABASE_URL's
// server. Migrated with our schema; pg-boss installs its own on first start.

export async function startBenchPostgres(schema = 'klike'): Promise<{ url: string; adminUrl: string }> {
  let adminUrl: string;
  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL;
  } else {
    const dir = await tempDir('klike-bench-pg-');
    // Postgres runs as the OS user `postgres` when we are root: it must be able to enter the dir.
    await fs.chmod(dir, 0o755);
    const port = await freePort();
    const t0 = Date.now();
    const handle = await startEmbeddedPostgres({ dataDir: path.join(dir, 'data'), port, database: 'postgres' });
    onCleanup('stop embedded postgres', () => handle.stop());
    console.log(`postgres: embedded on 127.0.0.1:${port} (${Date.now() - t0} ms to init and start)`);
    adminUrl = handle.url;
  }
  const name = `klike_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  onCleanup(`drop database ${name}`, async () => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
    await c.end();
  });
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  await migrate(url, schema);
  if (process.env.DATABASE_URL) console.log(`postgres: database ${name} on DATABASE_URL's server`);
  return { url, adminUrl };
}

// ---------------------------------------------------------------------------------------------
// File descriptors. Node raises its soft RLIMIT_NOFILE to the hard limit at start-up, so what a
// child can use is the hard limit; when that is too low we try `ulimit -n` in a shell wrapper
// (works as root), and otherwise say how many sockets the run can afford.

export function fdLimits(): { soft: number; hard: number } {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
    const [soft, hard] = line!.replace('Max open files', '').trim().split(/\s+/);
    const num = (s: string | undefined) => (s === 'unlimited' ? Number.MAX_SAFE_INTEGER : Number(s));
    return { soft: num(soft), hard: num(hard) };
  } catch {
    const out = spawnSync('/bin/sh', ['-c', 'ulimit -Sn; ulimit -Hn'], { encoding: 'utf8' }).stdout.trim().split('\n');
    return { soft: Number(out[0]), hard: Number(out[1]) };
  }
}

/** How to start children so each has at least `need` descriptors; null if impossible. */
export function planFds(need: number): { wrap: number | null } | null {
  const { hard } = fdLimits();
  if (hard >= need) return { wrap: null };
  const r = spawnSync('/bin/sh', ['-c', `ulimit -n ${need} && ulimit -n`], { encoding: 'utf8' });
  return r.status === 0 ? { wrap: need } : null;
}

// ---------------------------------------------------------------------------------------------
// Children: TypeScript files run by node with tsx's loader, with an IPC channel. They exit when
// the channel closes (this process died), and are killed on cleanup.

export interface Child {
  proc: ChildProcess;
  name: string;
  send(msg: unknown): void;
  /** Next message matching the predicate. */
  waitFor<T = any>(pred: (m: any) => boolean, ms: number, what: string): Promise<T>;
  onMessage(fn: (m: any) => void): () => void;
  stop(): Promise<void>;
}

export function spawnTs(name: string, file: string, opts: { args?: string[]; env?: Record<string, string>; nodeFlags?: string[]; fdLimit?: number | null } = {}): Child {
  const nodeArgs = [...(opts.nodeFlags ?? []), '--import', 'tsx', path.join(BENCH_DIR, file), ...(opts.args ?? [])];
  const [cmd, args] = opts.fdLimit
    ? ['/bin/sh', ['-c', `ulimit -n ${opts.fdLimit} && exec "$0" "$@"`, process.execPath, ...nodeArgs]]
    : [process.execPath, nodeArgs];
  const proc = spawn(cmd as string, args as string[], {
    cwd: path.resolve(BENCH_DIR, '..'),
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const listeners = new Set<(m: any) => void>();
  proc.on('message', (m) => {
    for (const l of [...listeners]) l(m);
  });
  let exited = false;
  const exitP = new Promise<void>((r) => proc.once('exit', () => ((exited = true), r())));
  const stop = async () => {
    if (exited) return;
    if (proc.connected) proc.send({ type: 'stop' });
    const graceful = await Promise.race([exitP.then(() => true), sleep(8000).then(() => false)]);
    if (!graceful && !exited) {
      proc.kill('SIGKILL');
      await Promise.race([exitP, sleep(2000)]);
    }
  };
  const unregister = onCleanup(`stop ${name} (pid ${proc.pid})`, stop);
  proc.once('exit', (code, sig) => {
    unregister();
    if (code && code !== 0) console.error(`${name} exited with code ${code}${sig ? ` (${sig})` : ''}`);
  });
  return {
    proc,
    name,
    send: (m) => {
      if (proc.connected) proc.send(m as never);
    },
    onMessage(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    waitFor(pred, ms, what) {
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => {
          listeners.delete(l);
          proc.off('exit', onExit);
          reject(new Error(`${name}: timed out after ${ms} ms waiting for ${what}`));
        }, ms);
        const onExit = () => {
          clearTimeout(t);
          listeners.delete(l);
          reject(new Error(`${name} exited while waiting for ${what}`));
        };
        const l = (m: any) => {
          if (m?.type === 'fatal') return onExit();
          if (!pred(m)) return;
          clearTimeout(t);
          listeners.delete(l);
          proc.off('exit', onExit);
          resolve(m);
        };
        listeners.add(l);
        proc.once('exit', onExit);
      });
    },
    stop,
  };
}

/** For children: exit when the parent goes away, and report fatal errors to it. */
export function childGuard(name: string): void {
  process.on('disconnect', () => process.exit(0));
  const fatal = (e: unknown) => {
    console.error(`${name}:`, e);
    try {
      process.send?.({ type: 'fatal', message: String((e as Error)?.message ?? e) });
    } catch {}
    process.exit(1);
  };
  process.on('uncaughtException', fatal);
  process.on('unhandledRejection', fatal);
}

// ---------------------------------------------------------------------------------------------
// The Klike API as a client sees it: GraphQL over HTTP, and a bench account to call it as.

/** Environment for a Klike child in production mode: secrets made for this run, limits lifted. */
export function klikeEnv(url: string, dataDir: string): Record<string, string> {
  secrets ??= { jwt: randomBytes(32).toString('base64url'), signing: randomBytes(32).toString('base64url') };
  return {
    DATABASE_URL: url,
    BENCH_DATA_DIR: dataDir,
    JWT_SECRET: secrets.jwt,
    STORAGE_SIGNING_SECRET: secrets.signing,
    // Every bench connection comes from 127.0.0.1: per-IP request limits would refuse most of them.
    RATE_LIMIT_PER_MINUTE: '1000000',
    AUTH_RATE_LIMIT_PER_MINUTE: '10000',
    // The delivery bench opens 10,000 WebSockets as one user from one address, each subscribed once:
    // the WebSocket limits per address, user and connect rate (issue 15) would refuse them.
    WS_MAX_SOCKETS_PER_IP: '100000',
    WS_MAX_SOCKETS_PER_USER: '100000',
    WS_CONNECT_PER_MINUTE: '100000',
  };
}
let secrets: { jwt: string; signing: string } | undefined;

export async function gqlHttp<T = any>(url: string, query: string, variables?: Record<string, unknown>, token?: string): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
  if (body.errors?.length) throw new Error(`GraphQL errors: ${body.errors.map((e) => `${e.extensions?.code}: ${e.message}`).join('; ')}`);
  return body.data!;
}

/** A new account on the Klike API at `url`: its bearer token and user id. */
export async function signUpBenchUser(url: string): Promise<{ token: string; userId: string }> {
  const email = `bench-${randomBytes(6).toString('hex')}@example.com`;
  const d = await gqlHttp<{ signUp: { token: string; user: { id: string } } }>(
    url,
    'mutation ($input: CredentialsInput!) { signUp(input: $input) { token user { id } } }',
    { input: { email, password: randomBytes(18).toString('base64url') } },
  );
  return { token: d.signUp.token, userId: d.signUp.user.id };
}

export interface MemSample {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}

/** For children started with --expose-gc: answer {type:'mem'} with memory after full GCs. */
export function answerMemoryRequests(): void {
  process.on('message', async (m: any) => {
    if (m?.type === 'snapshot') {
      const v8 = await import('node:v8');
      process.send?.({ type: 'snapshot', id: m.id, file: v8.writeHeapSnapshot(m.file) });
      return;
    }
    if (m?.type !== 'mem') return;
    const gc = (globalThis as { gc?: () => void }).gc;
    for (let i = 0; i < 3; i++) {
      gc?.();
      await new Promise((r) => setImmediate(r));
    }
    const u = process.memoryUsage();
    process.send?.({ type: 'mem', id: m.id, gc: Boolean(gc), mem: { rss: u.rss, heapUsed: u.heapUsed, heapTotal: u.heapTotal, external: u.external, arrayBuffers: u.arrayBuffers } satisfies MemSample });
  });
}

/** Writes a V8 heap snapshot of a child (answerMemoryRequests) to `file`. */
export async function heapSnapshotOf(child: Child, file: string): Promise<string> {
  const id = ++memReq;
  const p = child.waitFor<{ file: string }>((m) => m?.type === 'snapshot' && m.id === id, 120_000, 'heap snapshot');
  child.send({ type: 'snapshot', id, file });
  return (await p).file;
}

let memReq = 0;
export async function memoryOf(child: Child): Promise<MemSample> {
  const id = ++memReq;
  const p = child.waitFor<{ mem: MemSample; gc: boolean }>((m) => m?.type === 'mem' && m.id === id, 15_000, 'memory report');
  child.send({ type: 'mem', id });
  const r = await p;
  if (!r.gc) throw new Error(`${child.name} was not started with --expose-gc`);
  return r.mem;
}
