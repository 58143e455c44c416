// Transition → client delivery latency and memory per idle subscription, Klike vs a bare
// graphql-ws server, with 500 and 2,000 concurrent subscribers.
//
// Processes: this one (owns Postgres; applies transitions with TasksRepo exactly as a worker does:
// event row + NOTIFY in one transaction), the Klike API (`startApp(..., 'api')`, no worker, production
// mode; subscribers sign in as the task's owner, request limits lifted) and the
// bare server (bench/lib/bare-server.ts), each in its own child with --expose-gc and a memory
// report over IPC, and one bench/lib/clients.ts child per server holding its N WebSockets.
// Both servers run side by side and the measured events alternate between them, so load from
// anything else on the machine hits both alike.
//
//   npm run bench:delivery                               # 500 and 2,000 subscribers
//   BENCH_SUBS=500 BENCH_ROUNDS=50 npm run bench:delivery
//   DATABASE_URL=postgres://… npm run bench:delivery     # a fresh database on that server
//   BENCH_CPU_PROF=/tmp/prof npm run bench:delivery      # V8 CPU profiles of the servers (klike/, bare/)
//   BENCH_HEAP_SNAPSHOT=/tmp/snap npm run bench:delivery # heap snapshots before/after the idle subscriptions
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { readFileSync } from 'node:fs';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createDatabase, type Database } from '../src/datasources/postgres/db.js';
import { TasksRepo } from '../src/datasources/postgres/tasks.js';
import { VideosRepo } from '../src/datasources/postgres/videos.js';
import { TaskStatus } from '../src/domain/model.js';
import {
  type Child,
  type MemSample,
  f,
  fdLimits,
  heapSnapshotOf,
  klikeEnv,
  memoryOf,
  nowMs,
  onCleanup,
  percentile,
  planFds,
  runBench,
  signUpBenchUser,
  sleep,
  spawnTs,
  startBenchPostgres,
  stats,
  tempDir,
} from './lib/common.js';

const SUBS = (process.env.BENCH_SUBS ?? '500,2000').split(',').map((s) => Number(s.trim())).filter((n) => n > 0);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const GAP_MS = Number(process.env.BENCH_GAP_MS ?? 50);
const FD_MARGIN = 256;

const QUERY = `subscription Bench($taskId: ID!, $after: Int) {
  taskUpdated(taskId: $taskId, afterSequence: $after) { taskId sequence status progress message at }
}`;

type Stats = ReturnType<typeof stats>;
type Kind = 'klike' | 'bare';

interface Emitted {
  seq: number;
  /** Klike: the event's `at` (ms, as clients parse it) and when this process saw COMMIT return. */
  at?: number;
  committedAt?: number;
}

/** What differs between the two servers: how to start one and how to make it emit an event. */
interface Target {
  kind: Kind;
  server: Child;
  wsUrl: string;
  variables: Record<string, unknown>;
  connectionParams?: Record<string, unknown>;
  emit(): Promise<Emitted>;
}

interface Side {
  kind: Kind;
  n: number;
  lat: Stats;
  /** Per event: latency of the first client served, and first → last client spread. */
  first: Stats;
  spread: Stats;
  /** Per event p99 over its N clients, then the median over events: robust to one disturbed event. */
  eventP99: Stats;
  /** Klike only: event `at` → writer's COMMIT returned, and COMMIT returned → client. */
  commit?: Stats;
  fromCommit?: Stats;
  received: number;
  duplicates: number;
  expected: number;
  memBefore: MemSample;
  memAfter: MemSample;
}

const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const profFlags = (kind: string) => (process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}/${kind}`] : []);

async function main() {
  console.log(`delivery bench: subscribers ${SUBS.join(', ')}; ${ROUNDS} measured events per server each; node ${process.version}; ${os.cpus().length} cpus; loadavg ${loadavg()}`);
  const lim = fdLimits();
  const maxN = Math.max(...SUBS);
  const fdPlan = planFds(maxN + FD_MARGIN);
  console.log(
    `file descriptors: soft=${lim.soft} hard=${lim.hard}; each server and clients child needs about ${maxN + FD_MARGIN} (one socket per subscriber plus pools)` +
      (fdPlan?.wrap ? ` → children start under \`ulimit -n ${fdPlan.wrap}\`` : fdPlan ? ' → enough (node raises its soft limit to the hard one)' : ''),
  );
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

  const results: Record<Kind, Side>[] = [];
  for (const n of subsList) {
    results.push(await runPair(n, fdLimit, () => startKlike(db, tasks, videos, pgInfo.url, dataDir, fdLimit), () => startBare(fdLimit)));
  }

  console.log(`\n=== summary (loadavg ${loadavg()}) ===`);
  if (process.env.BENCH_HEAP_SNAPSHOT) console.log('(heap snapshots were taken: memory figures are disturbed by them)');
  for (const { klike: ours, bare } of results) {
    const heapPerSub = (s: Side) => (s.memAfter.heapUsed + s.memAfter.external - s.memBefore.heapUsed - s.memBefore.external) / s.n / 1024;
    const rssPerSub = (s: Side) => (s.memAfter.rss - s.memBefore.rss) / s.n / 1024;
    const p99Ratio = ours.lat.p99 / bare.lat.p99;
    const memRatio = heapPerSub(ours) / heapPerSub(bare);
    console.log(`subs=${ours.n} delivery ms: ours median=${f(ours.lat.median)} p99=${f(ours.lat.p99)} max=${f(ours.lat.max)} | bare median=${f(bare.lat.median)} p99=${f(bare.lat.p99)} max=${f(bare.lat.max)}`);
    console.log(
      `subs=${ours.n} memory per idle subscription (heapUsed+external after GC): ours=${f(heapPerSub(ours))} KB bare=${f(heapPerSub(bare))} KB | rss: ours=${f(rssPerSub(ours))} KB bare=${f(rssPerSub(bare))} KB`,
    );
    console.log(
      `subs=${ours.n} ours_p99_ms=${f(ours.lat.p99)} bare_p99_ms=${f(bare.lat.p99)} p99_ratio=${f(p99Ratio)} ` +
        `mem_per_sub_ours_kb=${f(heapPerSub(ours))} mem_per_sub_bare_kb=${f(heapPerSub(bare))} mem_ratio=${f(memRatio)} ` +
        `lost=${ours.expected - ours.received}+${bare.expected - bare.received} duplicated=${ours.duplicates}+${bare.duplicates} ` +
        `p99_target=${p99Ratio <= 1.3 ? 'met' : 'MISSED'} mem_target=${memRatio <= 1.3 ? 'met' : 'MISSED'} ` +
        `ours_median_ms=${f(ours.lat.median)} bare_median_ms=${f(bare.lat.median)} median_ratio=${f(ours.lat.median / bare.lat.median)} ` +
        `ours_event_p99_ms=${f(ours.eventP99.median)} bare_event_p99_ms=${f(bare.eventP99.median)} event_p99_ratio=${f(ours.eventP99.median / bare.eventP99.median)} ` +
        `rss_per_sub_ours_kb=${f(rssPerSub(ours))} rss_per_sub_bare_kb=${f(rssPerSub(bare))}`,
    );
  }
}

async function startKlike(db: Database, tasks: TasksRepo, videos: VideosRepo, url: string, dataDir: string, fdLimit: number | null): Promise<Target> {
  const server = spawnTs('klike-server', 'lib/klike-server.ts', {
    args: ['api'],
    nodeFlags: ['--expose-gc', ...profFlags('klike')],
    env: klikeEnv(url, dataDir),
    fdLimit,
  });
  const ready = await server.waitFor<{ url: string; wsUrl: string }>((m) => m?.type === 'ready', 90_000, 'klike api ready');
  // Subscribers are signed in as the task's owner, as real clients are.
  const { token, userId } = await signUpBenchUser(ready.url);
  // A video and a PROCESSING task, inserted as confirm does; the events are then progress
  // self-transitions, written and NOTIFYed exactly as a worker writes them.
  const taskId = await db.transaction(async (tx) => {
    const id = randomUUID();
    const video = await videos.insert(
      { id, ownerId: userId, filename: 'bench.mp4', title: 'bench', contentType: 'video/mp4', declaredSize: 1000, storageKey: `uploads/anonymous/${id}/source.mp4`, uploadExpiresAt: new Date(Date.now() + 3600_000) },
      tx,
    );
    const { task } = await tasks.insert(tx, { videoId: video.id, ownerId: userId, origin: 'confirm', options: {} });
    return task.id;
  });
  const t = await tasks.transition(taskId, { to: TaskStatus.PROCESSING, progress: 5, message: 'bench' });
  if (!t.ok) throw new Error(`transition failed: ${t.reason}`);
  return {
    kind: 'klike',
    server,
    wsUrl: ready.wsUrl,
    variables: { taskId, after: t.task.last_sequence },
    connectionParams: { authorization: `Bearer ${token}` },
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

/**
 * A few subscribers in this process, at once: they subscribe, get an event and leave, so lazily
 * loaded code, JIT and pools (the Klike API's Postgres pool grows under concurrent subscribes) are
 * all in the memory baseline rather than counted per subscription.
 */
async function prime(target: Target, count = 20): Promise<void> {
  const clients = Array.from({ length: count }, () =>
    createClient({ url: target.wsUrl, webSocketImpl: WebSocket, connectionParams: target.connectionParams, lazy: true, retryAttempts: 0 }),
  );
  try {
    const got = clients.map(
      (client) =>
        new Promise<void>((resolve, reject) => {
          client.subscribe({ query: QUERY, variables: target.variables }, { next: () => resolve(), error: reject, complete: () => {} });
        }),
    );
    const all = Promise.all(got);
    // Keep emitting until every subscription is live (the bare server has no replay).
    for (let i = 0; ; i++) {
      await target.emit();
      if (await Promise.race([all.then(() => true), sleep(300).then(() => false)])) break;
      if (i > 30) throw new Error(`${target.kind}: priming subscribers never received an event`);
    }
  } finally {
    await Promise.all(clients.map((c) => c.dispose()));
  }
}

/** The N clients of one server, and a way to wait until an event has reached all of them. */
interface Audience {
  clients: Child;
  allGot(seq: number, ms: number): Promise<boolean>;
}

async function connectAudience(target: Target, n: number, fdLimit: number | null, L: string): Promise<Audience> {
  const clients = spawnTs(`clients(${target.kind})`, 'lib/clients.ts', {
    env: { BENCH_CLIENTS: JSON.stringify({ url: target.wsUrl, n, query: QUERY, variables: [target.variables], connectionParams: target.connectionParams, concurrency: 64 }) },
    fdLimit,
  });
  const stopProgress = clients.onMessage((m) => {
    if (m?.type === 'progress') console.log(`${L} ${m.opened} websockets opened after ${f(m.ms, 0)} ms (errors ${m.errors}); loadavg ${loadavg()}`);
  });
  const c = await clients
    .waitFor<{ ms: number; errors: number; closedEarly: number; firstError?: string }>((m) => m?.type === 'connected', Math.max(90_000, n * 90), `${n} connections`)
    .finally(stopProgress);
  console.log(`${L} ${n} websockets acknowledged in ${f(c.ms, 0)} ms (errors ${c.errors}, closed ${c.closedEarly}${c.firstError ? `, first error ${c.firstError}` : ''})`);
  if (c.errors || c.closedEarly) throw new Error(`${L} subscriptions failed: ${c.errors} errors, ${c.closedEarly} closed; first: ${c.firstError}`);
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
  // Warm-up: once one event reached all N, every subscription is live; then two more.
  const tw = Date.now();
  let warm = 0;
  for (let i = 0; warm < 3; i++) {
    if (i > 60) throw new Error(`${L} subscriptions never all became live`);
    const { seq } = await target.emit();
    // One event reaches 10,000 clients in over a second on a busy machine: the first wait grows with them.
    if (await allGot(seq, warm ? 10_000 : Math.max(1000, n))) warm++;
  }
  console.log(`${L} all ${n} subscriptions live (warm-up ${Date.now() - tw} ms)`);
  return { clients, allGot };
}

async function runPair(n: number, fdLimit: number | null, ...starters: (() => Promise<Target>)[]): Promise<Record<Kind, Side>> {
  const label = (k: string) => `[${k} subs=${n}]`;
  const targets: Target[] = [];
  const audiences = new Map<Kind, Audience>();
  try {
    for (const start of starters) {
      const t0 = Date.now();
      const t = await start();
      targets.push(t);
      console.log(`\n${label(t.kind)} server up in ${Date.now() - t0} ms at ${t.wsUrl}`);
    }
    const memBefore = new Map<Kind, MemSample>();
    const memAfter = new Map<Kind, MemSample>();
    for (const t of targets) {
      await prime(t);
      await sleep(300);
      memBefore.set(t.kind, await memoryOf(t.server));
      const snap = process.env.BENCH_HEAP_SNAPSHOT;
      if (snap) console.log(`${label(t.kind)} heap snapshot ${await heapSnapshotOf(t.server, `${snap}/${t.kind}-${n}-before.heapsnapshot`)}`);
      audiences.set(t.kind, await connectAudience(t, n, fdLimit, label(t.kind)));
      await sleep(500);
      memAfter.set(t.kind, await memoryOf(t.server));
      if (snap) console.log(`${label(t.kind)} heap snapshot ${await heapSnapshotOf(t.server, `${snap}/${t.kind}-${n}-after.heapsnapshot`)}`);
    }

    // Measured events, alternating servers (and which goes first) round by round.
    const emitted = new Map<Kind, Map<number, Emitted>>(targets.map((t) => [t.kind, new Map()]));
    const missed = new Map<Kind, number>(targets.map((t) => [t.kind, 0]));
    const tr = Date.now();
    for (let r = 0; r < ROUNDS; r++) {
      const order = r % 2 ? [...targets].reverse() : targets;
      for (const t of order) {
        const e = await t.emit();
        emitted.get(t.kind)!.set(e.seq, e);
        if (!(await audiences.get(t.kind)!.allGot(e.seq, 10_000))) missed.set(t.kind, missed.get(t.kind)! + 1);
        await sleep(GAP_MS);
      }
    }
    console.log(`\n[subs=${n}] ${ROUNDS} measured events per server, alternating, in ${Date.now() - tr} ms; loadavg ${loadavg()}`);

    const out = {} as Record<Kind, Side>;
    for (const t of targets) {
      const L = label(t.kind);
      const aud = audiences.get(t.kind)!;
      const seqs = [...emitted.get(t.kind)!.keys()];
      const reportP = aud.clients.waitFor<{ perSeq: Record<number, number[]>; duplicates: number; errors: number; closedEarly: number; firstError?: string }>((m) => m?.type === 'report', 30_000, 'latency report');
      aud.clients.send({ type: 'report', from: Math.min(...seqs), to: Math.max(...seqs) });
      const rep = await reportP;
      const all: number[] = [];
      const firsts: number[] = [];
      const spreads: number[] = [];
      const eventP99s: number[] = [];
      const commits: number[] = [];
      const fromCommit: number[] = [];
      for (const [k, e] of emitted.get(t.kind)!) {
        const list = rep.perSeq[k] ?? [];
        if (!list.length) continue;
        all.push(...list);
        firsts.push(list[0]!);
        spreads.push(list.at(-1)! - list[0]!);
        eventP99s.push(percentile(list, 99));
        if (e.at !== undefined && e.committedAt !== undefined) {
          commits.push(e.committedAt - e.at);
          for (const l of list) fromCommit.push(l + e.at - e.committedAt);
        }
      }
      const lat = stats(all);
      const expected = n * ROUNDS;
      const first = stats(firsts);
      const spread = stats(spreads);
      const eventP99 = stats(eventP99s);
      console.log(
        `${L} received ${all.length}/${expected}: lost ${expected - all.length}, duplicated ${rep.duplicates} (events not fully delivered within 10 s: ${missed.get(t.kind)}; errors ${rep.errors}, closed ${rep.closedEarly}${rep.firstError ? `, first error ${rep.firstError}` : ''})`,
      );
      console.log(`${L} delivery ms (event at → client): min=${f(lat.min)} median=${f(lat.median)} p90=${f(lat.p90)} p99=${f(lat.p99)} max=${f(lat.max)} mean=${f(lat.mean)}`);
      console.log(
        `${L} per event: first client served after median ${f(first.median)} ms (max ${f(first.max)}); first→last client spread median ${f(spread.median)} ms (max ${f(spread.max)}); ` +
          `the event's own p99 median ${f(eventP99.median)} ms (worst ${f(eventP99.max)})`,
      );
      let commit: Stats | undefined;
      let fromCommitStats: Stats | undefined;
      if (commits.length) {
        commit = stats(commits);
        fromCommitStats = stats(fromCommit);
        console.log(`${L} breakdown: event at → writer's COMMIT returned median ${f(commit.median)} ms (p99 ${f(commit.p99)}); COMMIT returned → client median ${f(fromCommitStats.median)} ms (p99 ${f(fromCommitStats.p99)})`);
      }
      const mb = memBefore.get(t.kind)!;
      const ma = memAfter.get(t.kind)!;
      const kb = (b: number) => f(b / 1024, 0);
      console.log(
        `${L} server memory before→after ${n} idle subscriptions: heapUsed ${kb(mb.heapUsed)}→${kb(ma.heapUsed)} KB, external ${kb(mb.external)}→${kb(ma.external)} KB, rss ${kb(mb.rss)}→${kb(ma.rss)} KB`,
      );
      // Every client must get every measured event exactly once.
      if (all.length !== expected || rep.duplicates) throw new Error(`${L} events lost ${expected - all.length}, duplicated ${rep.duplicates} (of ${expected})`);
      out[t.kind] = { kind: t.kind, n, lat, first, spread, eventP99, commit, fromCommit: fromCommitStats, received: all.length, duplicates: rep.duplicates, expected, memBefore: mb, memAfter: ma };
    }
    return out;
  } finally {
    for (const a of audiences.values()) await a.clients.stop();
    for (const t of targets) await t.server.stop();
  }
}

// 10,000 subscribers take minutes to connect on a loaded machine: the deadline grows with them.
runBench('delivery bench', 175_000 + SUBS.reduce((a, n) => a + n, 0) * 200, main);
