// Many videos at once: ten 30 s 1080p uploads confirmed together on one worker process
// (WORKER_CONCURRENCY 2) against ten plain ffmpeg decodes of the same files run two at a time, in
// the same run. Prints both wall times, the ratio, and the worker's peak RSS for 5 and for 10 queued
// (it should depend on the concurrency, not on how many wait).
//   npm run bench:many [-- --videos 10 --seconds 30]
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

/** Peak resident set (VmHWM) of a process, in MB. */
async function peakRssMb(pid: number): Promise<number> {
  const status = await fs.readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

runBench('many-videos', 60 * 60_000, async () => {
  const dir = await tempDir('klike-bench-many-');
  console.log(`making ${VIDEOS} ${SECONDS} s 1080p clips (a cut every 3 s, text on screen, a tone)…`);
  const files: string[] = [];
  await pool(Array.from({ length: VIDEOS }, (_, i) => i), 2, async (i) => {
    const file = path.join(dir, `ad-${i}.mp4`);
    // Scenes change every 3 s (hue jumps), so shots and stills are like a real ad's.
    await run('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', `testsrc2=size=1080x1920:rate=30:duration=${SECONDS}`, '-f', 'lavfi', '-i', `sine=frequency=${300 + i * 20}:duration=${SECONDS}`,
      '-vf', `hue=h='360*floor(t/3)/10',drawtext=text='Ad ${i} - shop now':fontsize=72:fontcolor=white:x=(w-tw)/2:y=h*0.4`, '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', file]);
    files.push(file);
  });

  // Baseline: plain decodes, two at a time.
  const b0 = Date.now();
  await pool([...files], CONCURRENCY, async (file) => void (await run('ffmpeg', ['-v', 'error', '-threads', '1', '-i', file, '-f', 'null', '-'])));
  const bareMs = Date.now() - b0;
  console.log(`plain ffmpeg decodes, ${CONCURRENCY} at a time: ${f(bareMs / 1000, 1)} s`);

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
    const t0 = Date.now();
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
    const rss = await peakRssMb(ready.pid);
    await db.end();
    await app.stop();
    return { wallMs, rss };
  };
  const five = await measure(Math.ceil(VIDEOS / 2));
  const all = await measure(VIDEOS);
  console.log(`klike, ${VIDEOS} confirmed at once, WORKER_CONCURRENCY ${CONCURRENCY}: ${f(all.wallMs / 1000, 1)} s`);
  console.log(`FIGURE many.wall_ratio ${f(all.wallMs / bareMs)} (target <= 1.50)`);
  console.log(`FIGURE many.peak_rss_mb ${f(five.rss, 0)} with ${Math.ceil(VIDEOS / 2)} queued, ${f(all.rss, 0)} with ${VIDEOS} queued (ratio ${f(all.rss / five.rss)})`);
});
