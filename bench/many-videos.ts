// Many videos at once: ten 30 s 1080p uploads confirmed together on one worker process
// (WORKER_CONCURRENCY 2) against ten plain ffmpeg decodes of the same files run two at a time, in
// the same run. Prints both wall times, the ratio, and the worker's peak RSS for 5 and for 10 queued
// (it should depend on the concurrency, not on how many wait). Wall time on a shared machine is noisy,
// so it also prints CPU seconds per video (the worker's Node process and the tools it ran, against a
// plain decode's) and each status' median wall time per video from the task events.
//   npm run bench:many [-- --videos 10 --seconds 30]
//   OCR_ENGINE=none FACE_ENGINE=none npm run bench:many     (the eyes off, as the README's figure)
//   BENCH_MANY_CLIPS=DIR keeps the generated clips between runs; BENCH_CPU_PROF=FILE profiles the worker.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { f, gqlHttp, klikeEnv, runBench, signUpBenchUser, sleep, spawnTs, startBenchPostgres, tempDir } from './lib/common.js';

const run = promisify(execFile);
const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const VIDEOS = arg('videos', 10);
const SECONDS = arg('seconds', 30);
const CONCURRENCY = 2;

/** Runs fn over items, `n` at a time. */
async function pool<T>(items: T[], n: number, fn: (t: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: n }, async () => {
    for (let t = queue.shift(); t !== undefined; t = queue.shift()) await fn(t);
  }));
}

/**
 * CPU seconds of a process so far, from /proc/PID/stat: its own (user+sys) and its reaped children's
 * (ffmpeg, ffprobe, pocketsphinx: Node waits for every child it spawns). Clock ticks are 1/100 s.
 */
async function cpuSeconds(pid: number | 'self'): Promise<{ self: number; children: number }> {
  const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the ")" that closes the command name: state is field 3, utime 14 … cstime 17.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const tick = (i: number) => Number(fields[i - 3]) / 100;
  return { self: tick(14) + tick(15), children: tick(16) + tick(17) };
}

/**
 * From the tasks' events: each status' median wall time per task (until the next status), and how busy
 * the worker's slots were (the sum of picked-up-to-done over concurrency x the whole span).
 */
async function stageTimes(db: pg.Client, tasks: string[]): Promise<{ median: Map<string, number>; busy: number }> {
  const { rows } = await db.query<{ task_id: string; status: string; at: Date }>(
    `SELECT task_id, status, min(at) AS at FROM task_events WHERE task_id = ANY($1) GROUP BY task_id, status ORDER BY task_id, at`,
    [tasks],
  );
  const per = new Map<string, number[]>();
  let busyMs = 0;
  let first = Infinity;
  let last = -Infinity;
  for (const id of tasks) {
    const ev = rows.filter((r) => r.task_id === id);
    for (let i = 0; i + 1 < ev.length; i++) {
      const ms = ev[i + 1]!.at.getTime() - ev[i]!.at.getTime();
      per.set(ev[i]!.status, [...(per.get(ev[i]!.status) ?? []), ms / 1000]);
    }
    const start = ev.find((e) => e.status === 'PROCESSING')?.at.getTime();
    const end = ev.at(-1)?.at.getTime();
    if (start !== undefined && end !== undefined) {
      busyMs += end - start;
      first = Math.min(first, start);
      last = Math.max(last, end);
    }
  }
  const median = new Map([...per].map(([k, v]) => [k, v.sort((a, b) => a - b)[Math.floor(v.length / 2)]!]));
  return { median, busy: busyMs / (CONCURRENCY * (last - first)) };
}

/** Peak resident set (VmHWM) of a process, in MB. */
async function peakRssMb(pid: number): Promise<number> {
  const status = await fs.readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

runBench('many-videos', 60 * 60_000, async () => {
  // BENCH_MANY_CLIPS=DIR keeps the clips there between runs (made when missing).
  const keep = process.env.BENCH_MANY_CLIPS;
  const dir = keep ? (await fs.mkdir(keep, { recursive: true }), keep) : await tempDir('klike-bench-many-');
  console.log(`making ${VIDEOS} ${SECONDS} s 1080p clips (a cut every 3 s, text on screen, a tone)…`);
  const files: string[] = [];
  await pool(Array.from({ length: VIDEOS }, (_, i) => i), 2, async (i) => {
    const file = path.join(dir, `ad-${i}${keep ? `-${SECONDS}s` : ''}.mp4`);
    if (keep && (await fs.stat(file).catch(() => null))) return void files.push(file);
    // Scenes change every 3 s (hue jumps), so shots and stills are like a real ad's.
    await run('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', `testsrc2=size=1080x1920:rate=30:duration=${SECONDS}`, '-f', 'lavfi', '-i', `sine=frequency=${300 + i * 20}:duration=${SECONDS}`,
      '-vf', `hue=h='360*floor(t/3)/10',drawtext=text='Ad ${i} - shop now':fontsize=72:fontcolor=white:x=(w-tw)/2:y=h*0.4`, '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', '-f', 'mp4', `${file}.part`]);
    await fs.rename(`${file}.part`, file);
    files.push(file);
  });

  // Baseline: plain decodes, two at a time.
  const b0 = Date.now();
  const bareCpu0 = await cpuSeconds('self');
  await pool([...files], CONCURRENCY, async (file) => void (await run('ffmpeg', ['-v', 'error', '-threads', '1', '-i', file, '-f', 'null', '-'])));
  const bareMs = Date.now() - b0;
  const bareCpu = ((await cpuSeconds('self')).children - bareCpu0.children) / files.length;
  console.log(`plain ffmpeg decodes, ${CONCURRENCY} at a time: ${f(bareMs / 1000, 1)} s (${f(bareCpu, 2)} CPU s per decode)`);

  const { url: dbUrl } = await startBenchPostgres();
  const measure = async (n: number) => {
    const dataDir = await tempDir('klike-bench-many-data-');
    const app = spawnTs('klike-all', 'lib/klike-server.ts', { args: ['all'], env: { ...klikeEnv(dbUrl, dataDir), WORKER_CONCURRENCY: String(CONCURRENCY) } });
    const ready = await app.waitFor<{ url: string; pid: number }>((m) => m?.type === 'ready', 120_000, 'klike ready');
    const { token } = await signUpBenchUser(ready.url);
    const ids: string[] = [];
    for (const file of files.slice(0, n)) {
      const bytes = await fs.readFile(file);
      const up = await gqlHttp(ready.url, 'mutation ($i: CreateVideoUploadInput!) { createVideoUpload(input: $i) { video { id } uploadUrl uploadMethod uploadHeaders { name value } } }', { i: { filename: path.basename(file), contentType: 'video/mp4', sizeBytes: bytes.length } }, token);
      const u = up.createVideoUpload;
      const put = await fetch(u.uploadUrl, { method: u.uploadMethod, headers: Object.fromEntries(u.uploadHeaders.map((h: any) => [h.name, h.value])), body: bytes });
      if (!put.ok) throw new Error(`PUT ${put.status}`);
      ids.push(u.video.id);
    }
    // Confirm all at once: the clock starts when the last confirmation returns.
    // BENCH_CPU_PROF=FILE: a CPU profile of the worker over the measured window of the full run
    // (summarise it with `tsx bench/lib/profile-summary.ts FILE`).
    const prof = n === VIDEOS ? process.env.BENCH_CPU_PROF : undefined;
    if (prof) {
      app.send({ type: 'profile', action: 'start' });
      await app.waitFor((m) => m?.type === 'profile-started', 10_000, 'profiler start');
    }
    const t0 = Date.now();
    const cpu0 = await cpuSeconds(ready.pid);
    const tasks = await Promise.all(ids.map((id) => gqlHttp(ready.url, 'mutation ($i: ConfirmVideoUploadInput!) { confirmVideoUpload(input: $i) { task { id } } }', { i: { videoId: id, analysis: { platforms: ['TIKTOK'] } } }, token).then((r) => r.confirmVideoUpload.task.id as string)));
    const db = new pg.Client({ connectionString: dbUrl, options: '-c search_path=klike,public' });
    await db.connect();
    for (;;) {
      const { rows } = await db.query(`SELECT status, count(*)::int AS n FROM tasks WHERE id = ANY($1) GROUP BY status`, [tasks]);
      const done = rows.filter((r) => ['COMPLETED', 'FAILED', 'CANCELLED'].includes(r.status)).reduce((a, r) => a + r.n, 0);
      if (done === tasks.length) {
        const failed = rows.filter((r) => r.status !== 'COMPLETED');
        if (failed.length) console.log(`  not completed: ${JSON.stringify(failed)}`);
        break;
      }
      await sleep(250);
    }
    const wallMs = Date.now() - t0;
    const stages = await stageTimes(db, tasks);
    const cpu1 = await cpuSeconds(ready.pid);
    if (prof) {
      app.send({ type: 'profile', action: 'stop', file: prof });
      await app.waitFor((m) => m?.type === 'profile-written', 30_000, 'profile written');
    }
    const rss = await peakRssMb(ready.pid);
    await db.end();
    await app.stop();
    // Per video: the worker's Node process and the tools it ran (Postgres and the API's requests not counted).
    const cpu = { node: (cpu1.self - cpu0.self) / n, tools: (cpu1.children - cpu0.children) / n };
    return { wallMs, rss, cpu, stages };
  };
  const five = await measure(Math.ceil(VIDEOS / 2));
  const all = await measure(VIDEOS);
  console.log(`klike, ${VIDEOS} confirmed at once, WORKER_CONCURRENCY ${CONCURRENCY}: ${f(all.wallMs / 1000, 1)} s`);
  console.log(`  CPU s per video: worker node ${f(all.cpu.node, 2)} + its tools ${f(all.cpu.tools, 2)} = ${f(all.cpu.node + all.cpu.tools, 2)} (${f((all.cpu.node + all.cpu.tools) / bareCpu)}x a plain decode's ${f(bareCpu, 2)})`);
  console.log(`  per video, median wall s by status: ${[...all.stages.median].map(([k, v]) => `${k} ${f(v, 2)}`).join(', ')}`);
  console.log(`  worker slots busy ${f(all.stages.busy * 100, 0)}% of ${CONCURRENCY} x the wall time (picked up to completed)`);
  console.log(`FIGURE many.wall_ratio ${f(all.wallMs / bareMs)} (target <= 1.50)`);
  console.log(`FIGURE many.cpu_ratio ${f((all.cpu.node + all.cpu.tools) / bareCpu)} (per video, worker and its tools / a plain decode)`);
  console.log(`FIGURE many.peak_rss_mb ${f(five.rss, 0)} with ${Math.ceil(VIDEOS / 2)} queued, ${f(all.rss, 0)} with ${VIDEOS} queued (ratio ${f(all.rss / five.rss)})`);
});
