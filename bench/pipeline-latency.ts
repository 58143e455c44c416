// Confirm → PROCESSING pickup latency: how long a confirmed upload waits before a worker starts it.
// Measured from the task's own event log, both timestamps by Postgres' clock_timestamp(): the
// QUEUED event (written inside confirm's transaction) and the PROCESSING event (written by the
// worker when the first stage starts). Baselines in the same run, on the same database: a bare
// pg-boss without LISTEN/NOTIFY (default polling) and one with it, send → handler start.
//
// The real app (API + worker, `startApp(..., 'all')`, production mode) runs in a child process;
// this process drives it over GraphQL like a client: sign up, createVideoUpload, PUT the file,
// confirmVideoUpload, wait for PROCESSING, cancelTask (so the worker is idle for the next one).
//
//   npm run bench:pipeline
//   BENCH_TASKS=100 npm run bench:pipeline
//   DATABASE_URL=postgres://… npm run bench:pipeline   # a fresh database on that server
//
// Last line: pickup_median_ms=… pickup_p99_ms=… polling_median_ms=… ratio=<pickup/polling> …
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { PgBoss } from 'pg-boss';
import { TASK_EVENTS_CHANNEL, parseTaskNotification } from '../src/datasources/postgres/tasks.js';
import { f, gqlHttp, klikeEnv, nowMs, onCleanup, runBench, signUpBenchUser, sleep, spawnTs, startBenchPostgres, stats, tempDir, withTimeout } from './lib/common.js';

const run = promisify(execFile);
const TASKS = Number(process.env.BENCH_TASKS ?? 50);
const WARMUP = 3;
// Polled jobs wait concurrently (sent at random moments over two intervals), so 40 cost no more time than 10.
const POLL_SAMPLES = Number(process.env.BENCH_POLL_SAMPLES ?? 40);
const NOTIFY_SAMPLES = 10;
const TARGET_MEDIAN_MS = 15;
const FFMPEG = process.env.FFMPEG_PATH || 'ffmpeg';
const SCHEMA = 'klike';
const BOSS_SCHEMA = 'pgboss';

const TERMINAL = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);

async function main() {
  console.log(`pipeline bench: ${TASKS} confirmed uploads (+${WARMUP} warm-up), one at a time, worker idle in between; node ${process.version}; ${os.cpus().length} cpus; loadavg ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const { url } = await startBenchPostgres(SCHEMA);
  const dir = await tempDir('klike-bench-pipeline-');
  const video = path.join(dir, 'clip.mp4');
  // 2 s, 160×120, silent: the smallest file confirm accepts (it probes it and checks the duration).
  await run(FFMPEG, ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=10', '-t', '2', '-pix_fmt', 'yuv420p', '-c:v', 'mpeg4', '-y', video]);
  const bytes = await fs.readFile(video);

  const app = spawnTs('klike-server', 'lib/klike-server.ts', { args: ['all'], env: { ...klikeEnv(url, path.join(dir, 'data')), TRANSCRIBER: 'none' } });
  const ready = await app.waitFor<{ url: string }>((m) => m?.type === 'ready', 90_000, 'klike app ready');
  const { token } = await signUpBenchUser(ready.url);
  console.log(`app (api + worker) up at ${ready.url}`);

  // Notifications tell us when the worker has written PROCESSING (and when the task has ended).
  const listener = new pg.Client({ connectionString: url });
  await listener.connect();
  onCleanup('close listener', () => listener.end());
  const waiters = new Map<string, { seq: number; resolve: () => void }>();
  listener.on('notification', (n) => {
    const { taskId, sequence: seq } = parseTaskNotification(n.payload!)!;
    const w = waiters.get(taskId);
    if (w && seq >= w.seq) {
      waiters.delete(taskId);
      w.resolve();
    }
  });
  await listener.query(`LISTEN ${TASK_EVENTS_CHANNEL}`);
  const sql = new pg.Client({ connectionString: url, options: `-c search_path=${SCHEMA},public` });
  await sql.connect();
  onCleanup('close sql client', () => sql.end());

  const pickups: number[] = [];
  const claims: number[] = [];
  const preambles: number[] = [];
  const confirmMs: number[] = [];
  let failures = 0;
  for (let i = 0; i < WARMUP + TASKS; i++) {
    const up = await gqlHttp<{ createVideoUpload: { video: { id: string }; uploadUrl: string; uploadMethod: string; uploadHeaders: { name: string; value: string }[] } }>(
      ready.url,
      `mutation ($input: CreateVideoUploadInput!) { createVideoUpload(input: $input) { video { id } uploadUrl uploadMethod uploadHeaders { name value } } }`,
      { input: { filename: `bench-${i}.mp4`, contentType: 'video/mp4', sizeBytes: bytes.length } },
      token,
    );
    const put = await fetch(up.createVideoUpload.uploadUrl, { method: up.createVideoUpload.uploadMethod, headers: Object.fromEntries(up.createVideoUpload.uploadHeaders.map((h) => [h.name, h.value])), body: bytes });
    if (!put.ok) throw new Error(`upload PUT failed: ${put.status} ${await put.text()}`);
    const t0 = nowMs();
    const confirmed = await gqlHttp<{ confirmVideoUpload: { task: { id: string } } }>(
      ready.url,
      `mutation ($input: ConfirmVideoUploadInput!) { confirmVideoUpload(input: $input) { task { id } } }`,
      { input: { videoId: up.createVideoUpload.video.id } },
      token,
    );
    confirmMs.push(nowMs() - t0);
    const taskId = confirmed.confirmVideoUpload.task.id;
    // PROCESSING is the task's second event; we may have missed its notification while confirm returned.
    const processing = new Promise<void>((resolve) => waiters.set(taskId, { seq: 2, resolve }));
    const { rows: already } = await sql.query('SELECT last_sequence FROM tasks WHERE id = $1', [taskId]);
    if (already[0]!.last_sequence < 2) await withTimeout(processing, 15_000, `task ${taskId} reaching PROCESSING`);
    waiters.delete(taskId);

    const { rows } = await sql.query(
      `SELECT q.at AS queued_at, p.at AS processing_at, p.status AS status,
              extract(epoch FROM (p.at - q.at)) * 1000 AS pickup_ms, t.job_id
         FROM task_events q JOIN task_events p ON p.task_id = q.task_id AND p.sequence = 2 JOIN tasks t ON t.id = q.task_id
        WHERE q.task_id = $1 AND q.sequence = 1`,
      [taskId],
    );
    const r = rows[0]!;
    if (r.status !== 'PROCESSING') {
      failures++;
      console.warn(`task ${taskId}: second event is ${r.status}, not PROCESSING`);
    } else if (i >= WARMUP) {
      pickups.push(Number(r.pickup_ms));
      // Where the time goes: pg-boss claiming the job, then the runner's work before the first transition.
      const job = await sql
        .query(`SELECT extract(epoch FROM (j.started_on - $2::timestamptz)) * 1000 AS claim_ms, extract(epoch FROM ($3::timestamptz - j.started_on)) * 1000 AS preamble_ms FROM ${BOSS_SCHEMA}.job j WHERE j.id = $1`, [r.job_id, r.queued_at, r.processing_at])
        .catch(() => ({ rows: [] as Record<string, unknown>[] }));
      if (job.rows[0]) {
        claims.push(Number(job.rows[0].claim_ms));
        preambles.push(Number(job.rows[0].preamble_ms));
      }
    }

    // Stop the analysis so the next upload finds the worker idle, and wait until the task has ended.
    await gqlHttp(ready.url, `mutation ($id: ID!) { cancelTask(id: $id) { status } }`, { id: taskId }, token).catch(() => {});
    for (const deadline = Date.now() + 15_000; ; ) {
      const { rows: s } = await sql.query('SELECT status FROM tasks WHERE id = $1', [taskId]);
      if (TERMINAL.has(s[0]!.status)) break;
      if (Date.now() > deadline) throw new Error(`task ${taskId} did not end after cancel`);
      await sleep(10);
    }
    await sleep(50);
  }
  await app.stop();

  const ours = stats(pickups);
  console.log(`\nklike confirm → PROCESSING over ${ours.n} tasks (ms): min=${f(ours.min)} median=${f(ours.median)} p90=${f(ours.p90)} p99=${f(ours.p99)} max=${f(ours.max)} mean=${f(ours.mean)}${failures ? ` (${failures} tasks skipped)` : ''}`);
  if (claims.length) {
    const c = stats(claims);
    const p = stats(preambles);
    console.log(`  of which QUEUED at → pg-boss job started_on: median ${f(c.median)} p99 ${f(c.p99)}; started_on → PROCESSING at (runner before its first transition): median ${f(p.median)} p99 ${f(p.p99)}`);
  }
  console.log(`  (confirmVideoUpload round trip, for reference: median ${f(stats(confirmMs).median)} ms)`);

  const polling = await bareBoss(url, 'bench_boss_poll', false);
  console.log(`bare pg-boss, polling only (useListenNotify false, queue notify false, default ${polling.intervalS} s interval), send → handler start over ${polling.stats.n} jobs (ms): min=${f(polling.stats.min)} median=${f(polling.stats.median)} p99=${f(polling.stats.p99)} max=${f(polling.stats.max)}`);
  console.log(`  samples: ${polling.samples.map((x) => x.toFixed(0)).join(' ')}`);
  const notify = await bareBoss(url, 'bench_boss_notify', true);
  console.log(`bare pg-boss with LISTEN/NOTIFY, send → handler start over ${notify.stats.n} jobs (ms): min=${f(notify.stats.min)} median=${f(notify.stats.median)} p99=${f(notify.stats.p99)} max=${f(notify.stats.max)}`);

  const ratio = ours.median / polling.stats.median;
  // The target (issue 12): median pickup ≤ 1.5× bare pg-boss with LISTEN/NOTIFY, measured in this run.
  const notifyRatio = ours.median / notify.stats.median;
  console.log(`(loadavg at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}; other work on this machine shows up in the pickup figures)`);
  console.log(
    `\npickup_median_ms=${f(ours.median)} pickup_p99_ms=${f(ours.p99)} polling_median_ms=${f(polling.stats.median)} ratio=${f(ratio, 4)} ` +
      `speedup=${f(1 / ratio, 1)}x polling_p99_ms=${f(polling.stats.p99)} notify_bare_median_ms=${f(notify.stats.median)} ` +
      `target_median_ms=${TARGET_MEDIAN_MS} target=${ours.median <= TARGET_MEDIAN_MS ? 'met' : 'MISSED'} ` +
      `notify_ratio=${f(notifyRatio)} notify_target=${notifyRatio <= 1.5 ? 'met' : 'MISSED'}`,
  );
}

/**
 * A bare pg-boss in its own schema. Polling: jobs are sent at random moments across two polling
 * intervals and one fetch may take several (batchSize), so each waits for the next poll as a job sent
 * at a random time would. LISTEN/NOTIFY: one job at a time.
 */
async function bareBoss(url: string, schema: string, notify: boolean): Promise<{ stats: ReturnType<typeof stats>; samples: number[]; intervalS: number }> {
  const boss = new PgBoss({ connectionString: url, schema, useListenNotify: notify, supervise: false, schedule: false, max: 4 });
  boss.on('error', (e) => console.error(`pg-boss (${schema}) error:`, e));
  await boss.start();
  const stopBoss = onCleanup(`stop pg-boss ${schema}`, () => boss.stop({ graceful: false, close: true }));
  const queue = 'bench';
  await boss.createQueue(queue, { notify });
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const handled = new Map<string, () => void>();
  await boss.work<{ k: string }>(queue, { batchSize: POLL_SAMPLES }, async (jobs) => {
    const t = nowMs();
    for (const j of jobs) {
      latencies.push(t - sentAt.get(j.data.k)!);
      handled.get(j.data.k)?.();
    }
  });
  const intervalS = 2; // pg-boss' default pollingIntervalSeconds, left unset above
  /** Resolves once the job is stored, with a promise of its handler having started. */
  const send = async (k: string): Promise<{ done: Promise<void> }> => {
    const done = new Promise<void>((r) => handled.set(k, r));
    sentAt.set(k, nowMs());
    await boss.send(queue, { k });
    return { done };
  };
  await sleep(200);
  if (notify) {
    await withTimeout((await send('warm')).done, 10_000, 'warm-up job');
    latencies.length = 0;
    for (let i = 0; i < NOTIFY_SAMPLES; i++) {
      await withTimeout((await send(String(i))).done, 10_000, 'notified job');
      await sleep(20);
    }
  } else {
    const offsets = Array.from({ length: POLL_SAMPLES }, () => Math.random() * intervalS * 2000).sort((a, b) => a - b);
    const t0 = nowMs();
    const all: Promise<void>[] = [];
    for (const [i, off] of offsets.entries()) {
      await sleep(Math.max(0, t0 + off - nowMs()));
      all.push((await send(String(i))).done);
    }
    await withTimeout(Promise.all(all), intervalS * 1000 * 3 + 5000, 'polled jobs');
  }
  await boss.stop({ graceful: false, close: true });
  stopBoss();
  return { stats: stats(latencies), samples: [...latencies].sort((a, b) => a - b), intervalS };
}

// Each task costs a few seconds on a loaded machine (upload, confirm, cancel, wait for the end).
runBench('pipeline bench', 120_000 + (TASKS + WARMUP) * 5_000, main);
