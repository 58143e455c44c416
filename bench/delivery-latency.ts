// Transition → client delivery latency and memory per idle subscription, Klike vs a bare
// graphql-ws server, with 500 and 2,000 concurrent subscribers.
//
// Processes: this one (Postgres owner, applies transitions with TasksRepo like a worker would), the
// server under test (Klike `startApp(..., 'api')` or bench/lib/bare-server.ts, each with
// --expose-gc and a memory report over IPC), and bench/lib/clients.ts holding the N WebSockets.
//
//   npm run bench:delivery                  # 500 and 2,000 subscribers
//   BENCH_SUBS=500 BENCH_ROUNDS=30 npm run bench:delivery
//   DATABASE_URL=postgres://… npm run bench:delivery   # a fresh database on that server
//   BENCH_CPU_PROF=/tmp/prof npm run bench:delivery     # V8 CPU profiles of the servers (klike/, bare/)
import { randomUUID } from 'node:crypto';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createDatabase, type Database } from '../src/datasources/postgres/db.js';
import { TasksRepo } from '../src/datasources/postgres/tasks.js';
import { VideosRepo } from '../src/datasources/postgres/videos.js';
import { TaskStatus } from '../src/model.js';
import {
  type Child,
  type MemSample,
  f,
  fdLimits,
  memoryOf,
  nowMs,
  onCleanup,
  planFds,
  runBench,
  sleep,
  spawnTs,
  startBenchPostgres,
  stats,
  tempDir,
} from './lib/common.js';

const SUBS = (process.env.BENCH_SUBS ?? '500,2000').split(',').map((s) => Number(s.trim())).filter((n) => n > 0);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const GAP_MS = Number(process.env.BENCH_GAP_MS ?? 100);
const FD_MARGIN = 256;

const QUERY = `subscription Bench($taskId: ID!, $after: Int) {
  taskUpdated(taskId: $taskId, afterSequence: $after) { taskId sequence status progress message at }
}`;

interface Emitted {
  seq: number;
  at?: number;
  committedAt?: number;
}

interface Side {
  kind: 'klike' | 'bare';
  n: number;
  connectMs: number;
  lat: ReturnType<typeof stats>;
  /** Per event: the first client served, and the spread from first to last client. */
  first: ReturnType<typeof stats>;
  spread: ReturnType<typeof stats>;
  /** Klike only: event `at` → COMMIT returned in the writer, and COMMIT → delivery. */
  commit?: ReturnType<typeof stats>;
  fromCommit?: ReturnType<typeof stats>;
  received: number;
  expected: number;
  memBefore: MemSample;
  memAfter: MemSample;
  errors: number;
}

/** What differs between the two servers: how to start one and how to make it emit an event. */
interface Target {
  kind: 'klike' | 'bare';
  server: Child;
  wsUrl: string;
  variables: Record<string, unknown>;
  /**
   * Causes the next event. `at` is the event's own timestamp as clients see it (ms); for Klike,
   * `committedAt` is when this process saw the transition's COMMIT return (epoch ms).
   */
  emit(): Promise<Emitted>;
}

async function main() {
  console.log(`delivery bench: subscribers ${SUBS.join(', ')}; ${ROUNDS} measured events each; node ${process.version}; ${(await import('node:os')).cpus().length} cpus`);
  const lim = fdLimits();
  const maxN = Math.max(...SUBS);
  const fdPlan = planFds(maxN + FD_MARGIN);
  console.log(`file descriptors: this process soft=${lim.soft} hard=${lim.hard}; each child needs about ${maxN + FD_MARGIN} (one socket per subscriber plus pools)` +
    (fdPlan?.wrap ? ` → children start under \`ulimit -n ${fdPlan.wrap}\`` : fdPlan ? ' → enough (node raises its soft limit to the hard one)' : ''));
  let subsList = SUBS;
  if (!fdPlan) {
    const cap = lim.hard - FD_MARGIN;
    console.warn(`WARNING: hard fd limit ${lim.hard} is below ${maxN + FD_MARGIN} and cannot be raised; capping subscribers at ${cap}`);
    subsList = SUBS.map((n) => Math.min(n, cap));
  }
  const fdLimit = fdPlan?.wrap ?? null;

  const pgInfo = await startBenchPostgres();
  const db = createDatabase({ url: pgInfo.url, schema: 'klike', max: 4, applicationName: 'klike-bench' });
  onCleanup('close bench pool', () => db.close());
  const tasks = new TasksRepo(db);
  const videos = new VideosRepo(db);
  const dataDir = await tempDir('klike-bench-data-');

  const results: { ours: Side; bare: Side }[] = [];
  for (const n of subsList) {
    const ours = await runSide(n, () => startKlike(db, tasks, videos, pgInfo.url, dataDir, fdLimit), fdLimit);
    const bare = await runSide(n, () => startBare(fdLimit), fdLimit);
    results.push({ ours, bare });
  }

  console.log('\n=== summary ===');
  for (const { ours, bare } of results) {
    const perSub = (s: Side, k: 'heap' | 'rss') =>
      (k === 'heap' ? s.memAfter.heapUsed + s.memAfter.external - s.memBefore.heapUsed - s.memBefore.external : s.memAfter.rss - s.memBefore.rss) / s.n / 1024;
    const oursHeap = perSub(ours, 'heap');
    const bareHeap = perSub(bare, 'heap');
    const oursRss = perSub(ours, 'rss');
    const bareRss = perSub(bare, 'rss');
    console.log(
      `subs=${ours.n} delivery ms: ours median=${f(ours.lat.median)} p99=${f(ours.lat.p99)} max=${f(ours.lat.max)} | bare median=${f(bare.lat.median)} p99=${f(bare.lat.p99)} max=${f(bare.lat.max)}`,
    );
    console.log(
      `subs=${ours.n} memory/sub KB (heapUsed+external after GC): ours=${f(oursHeap)} bare=${f(bareHeap)} | rss: ours=${f(oursRss)} bare=${f(bareRss)}`,
    );
    const p99Ratio = ours.lat.p99 / bare.lat.p99;
    const memRatio = oursHeap / bareHeap;
    console.log(
      `subs=${ours.n} ours_p99_ms=${f(ours.lat.p99)} bare_p99_ms=${f(bare.lat.p99)} p99_ratio=${f(p99Ratio)} ` +
        `ours_median_ms=${f(ours.lat.median)} bare_median_ms=${f(bare.lat.median)} ` +
        `mem_per_sub_ours_kb=${f(oursHeap)} mem_per_sub_bare_kb=${f(bareHeap)} mem_ratio=${f(memRatio)} ` +
        `rss_per_sub_ours_kb=${f(oursRss)} rss_per_sub_bare_kb=${f(bareRss)} ` +
        `p99_target=${p99Ratio <= 1.3 ? 'met' : 'MISSED'} mem_target=${memRatio <= 1.3 ? 'met' : 'MISSED'}`,
    );
  }
}

const profFlags = (kind: string) => (process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}/${kind}`] : []);

async function startKlike(db: Database, tasks: TasksRepo, videos: VideosRepo, url: string, dataDir: string, fdLimit: number | null): Promise<Target> {
  // A video and a task that is PROCESSING, made like confirm does; then self-transitions
  // (progress updates) are the events, written and NOTIFYed exactly as a worker writes them.
  const taskId = await db.transaction(async (tx) => {
    const id = randomUUID();
    const video = await videos.insert(
      { id, ownerId: null, filename: 'bench.mp4', title: 'bench', contentType: 'video/mp4', declaredSize: 1000, storageKey: `uploads/anonymous/${id}/source.mp4`, uploadExpiresAt: new Date(Date.now() + 3600_000) },
      tx,
    );
    const { task } = await tasks.insert(tx, { videoId: video.id, ownerId: null, origin: 'confirm', options: {} });
    return task.id;
  });
  const t = await tasks.transition(taskId, { to: TaskStatus.PROCESSING, progress: 5, message: 'bench' });
  if (!t.ok) throw new Error(`transition failed: ${t.reason}`);
  const server = spawnTs('klike-server', 'lib/klike-server.ts', {
    args: ['api'],
    nodeFlags: ['--expose-gc', ...profFlags('klike')],
    env: { DATABASE_URL: url, BENCH_DATA_DIR: dataDir },
    fdLimit,
  });
  const ready = await server.waitFor<{ wsUrl: string }>((m) => m?.type === 'ready', 90_000, 'klike api ready');
  return {
    kind: 'klike',
    server,
    wsUrl: ready.wsUrl,
    variables: { taskId, after: t.task.last_sequence },
    async emit() {
      const r = await tasks.transition(taskId, { to: TaskStatus.PROCESSING, progress: 5, message: 'bench' });
      const committedAt = nowMs();
      if (!r.ok) throw new Error(`transition failed: ${r.reason}`);
      return { seq: r.event.sequence, at: new Date(r.event.at).getTime(), committedAt };
    },
  };
}

async function startBare(fdLimit: number | null): Promise<Target> {
  const server = spawnTs('bare-server', 'lib/bare-server.ts', { nodeFlags: ['--expose-gc', ...profFlags('bare')], fdLimit });
  const ready = await server.waitFor<{ wsUrl: string }>((m) => m?.type === 'ready', 60_000, 'bare server ready');
  let seq = 0;
  return {
    kind: 'bare',
    server,
    wsUrl: ready.wsUrl,
    variables: { taskId: 'bare', after: 0 },
    async emit() {
      const s = ++seq;
      const ack = server.waitFor((m) => m?.type === 'emitted' && m.seq === s, 5000, 'emit ack');
      server.send({ type: 'emit', seq: s });
      await ack;
      return { seq: s };
    },
  };
}

/** One subscriber in this process: subscribes, waits for one event, leaves (warms the code paths). */
async function prime(target: Target): Promise<void> {
  const client = createClient({ url: target.wsUrl, webSocketImpl: WebSocket, lazy: true, retryAttempts: 0 });
  try {
    const got = new Promise<void>((resolve, reject) => {
      client.subscribe({ query: QUERY, variables: target.variables }, { next: () => resolve(), error: reject, complete: () => {} });
    });
    // Keep emitting until the subscription is live (the bare server has no replay).
    for (let i = 0; ; i++) {
      await target.emit();
      const ok = await Promise.race([got.then(() => true), sleep(300).then(() => false)]);
      if (ok) break;
      if (i > 30) throw new Error('priming subscriber never received an event');
    }
  } finally {
    await client.dispose();
  }
}

async function runSide(n: number, start: () => Promise<Target>, fdLimit: number | null): Promise<Side> {
  const label = (k: string) => `[${k} subs=${n}]`;
  const t0 = Date.now();
  const target = await start();
  const L = label(target.kind);
  console.log(`\n${L} server up in ${Date.now() - t0} ms at ${target.wsUrl}`);
  try {
    await prime(target);
    await sleep(300);
    const memBefore = await memoryOf(target.server);

    const clients = spawnTs('clients', 'lib/clients.ts', {
      env: { BENCH_CLIENTS: JSON.stringify({ url: target.wsUrl, n, query: QUERY, variables: [target.variables], concurrency: 64 }) },
      fdLimit,
    });
    try {
      const connected = await clients.waitFor<{ ms: number; errors: number; closedEarly: number; firstError?: string }>((m) => m?.type === 'connected', 90_000, `${n} connections`);
      console.log(`${L} ${n} websockets acknowledged in ${f(connected.ms, 0)} ms (errors ${connected.errors}, closed ${connected.closedEarly}${connected.firstError ? `, first error ${connected.firstError}` : ''})`);
      const delivered = new Set<number>();
      const waiters = new Map<number, () => void>();
      clients.onMessage((m) => {
        if (m?.type !== 'all') return;
        delivered.add(m.seq);
        waiters.get(m.seq)?.();
      });
      const allGot = (seq: number, ms: number) =>
        delivered.has(seq)
          ? Promise.resolve(true)
          : Promise.race([new Promise<boolean>((r) => waiters.set(seq, () => r(true))), sleep(ms).then(() => false)]).finally(() => waiters.delete(seq));

      // Warm-up: until one event reaches all N, every subscription is live; then two more.
      const tw = Date.now();
      let warm = 0;
      for (let i = 0; warm < 3; i++) {
        if (i > 60) throw new Error(`${L} subscriptions never all became live`);
        const { seq } = await target.emit();
        if (await allGot(seq, warm ? 10_000 : 1000)) warm++;
      }
      console.log(`${L} all ${n} subscriptions live; warm-up took ${Date.now() - tw} ms`);
      await sleep(500);
      const memAfter = await memoryOf(target.server);

      let first = -1;
      let last = -1;
      let missed = 0;
      const emitted = new Map<number, Emitted>();
      const tr = Date.now();
      for (let r = 0; r < ROUNDS; r++) {
        const e = await target.emit();
        const seq = e.seq;
        emitted.set(seq, e);
        if (first < 0) first = seq;
        last = seq;
        if (!(await allGot(seq, 10_000))) missed++;
        await sleep(GAP_MS);
      }
      const reportP = clients.waitFor<{ perSeq: Record<number, number[]>; errors: number; closedEarly: number; firstError?: string }>((m) => m?.type === 'report', 30_000, 'latency report');
      clients.send({ type: 'report', from: first, to: last });
      const rep = await reportP;
      const all: number[] = [];
      const firsts: number[] = [];
      const spreads: number[] = [];
      const commits: number[] = [];
      const fromCommit: number[] = [];
      for (const [k, list] of Object.entries(rep.perSeq)) {
        if (!list.length) continue;
        all.push(...list);
        firsts.push(list[0]!);
        spreads.push(list.at(-1)! - list[0]!);
        const e = emitted.get(Number(k));
        if (e?.at !== undefined && e.committedAt !== undefined) {
          commits.push(e.committedAt - e.at);
          for (const l of list) fromCommit.push(l + e.at - e.committedAt);
        }
      }
      const lat = stats(all);
      const expected = n * ROUNDS;
      console.log(
        `${L} ${ROUNDS} events in ${Date.now() - tr} ms; received ${all.length}/${expected} (rounds not fully delivered: ${missed}; errors ${rep.errors}, closed ${rep.closedEarly}${rep.firstError ? `, first error ${rep.firstError}` : ''})`,
      );
      console.log(`${L} delivery ms (event at → client): min=${f(lat.min)} median=${f(lat.median)} p90=${f(lat.p90)} p99=${f(lat.p99)} max=${f(lat.max)} mean=${f(lat.mean)}`);
      const first_ = stats(firsts);
      const spread = stats(spreads);
      console.log(`${L} per event: first client served after median ${f(first_.median)} ms (max ${f(first_.max)}); first→last client spread median ${f(spread.median)} ms (max ${f(spread.max)})`);
      let commitStats: ReturnType<typeof stats> | undefined;
      let fromCommitStats: ReturnType<typeof stats> | undefined;
      if (commits.length) {
        commitStats = stats(commits);
        fromCommitStats = stats(fromCommit);
        console.log(
          `${L} breakdown: event at → writer's COMMIT returned median ${f(commitStats.median)} ms (p99 ${f(commitStats.p99)}); COMMIT returned → client median ${f(fromCommitStats.median)} ms, p99 ${f(fromCommitStats.p99)} ms`,
        );
      }
      const kb = (b: number) => f(b / 1024, 0);
      console.log(
        `${L} server memory before→after ${n} idle subs: heapUsed ${kb(memBefore.heapUsed)}→${kb(memAfter.heapUsed)} KB, external ${kb(memBefore.external)}→${kb(memAfter.external)} KB, rss ${kb(memBefore.rss)}→${kb(memAfter.rss)} KB`,
      );
      if (all.length < expected * 0.99) throw new Error(`${L} too many events lost: ${all.length}/${expected}`);
      return { kind: target.kind, n, connectMs: connected.ms, lat, first: first_, spread, commit: commitStats, fromCommit: fromCommitStats, received: all.length, expected, memBefore, memAfter, errors: rep.errors };
    } finally {
      await clients.stop();
    }
  } finally {
    await target.server.stop();
  }
}

runBench('delivery bench', 175_000, main);
