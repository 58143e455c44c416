// Read throughput: authenticated `task(id) { id status progress }` (and a few lighter queries) on the
// real Klike API in production mode, against a bare Apollo Server `{ hello }` on node:http, measured
// in the same run with the same load generator (autocannon, 32 connections, in this process; the
// servers are child processes). Prints req/s, p99 and the ratios.
//   npm run bench:reads [-- --seconds 10 --connections 32]
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';
import { f, gqlHttp, klikeEnv, runBench, signUpBenchUser, spawnTs, startBenchPostgres, tempDir } from './lib/common.js';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const SECONDS = arg('seconds', 10);
const CONNECTIONS = arg('connections', 32);

interface Load {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function load(url: string, body: string, headers: Record<string, string> = {}): Promise<Load> {
  const r = await autocannon({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx };
}

const line = (name: string, r: Load, base?: Load) =>
  console.log(
    `${name.padEnd(38)} ${f(r.rps, 0).padStart(7)} req/s  p50 ${f(r.p50, 1).padStart(6)} ms  p99 ${f(r.p99, 1).padStart(6)} ms` +
      (base ? `  throughput ${f(r.rps / base.rps)}x bare, p99 ${f(r.p99 / base.p99)}x bare` : '') +
      (r.errors || r.non2xx ? `  ERRORS ${r.errors} non-2xx ${r.non2xx}` : ''),
  );

runBench('reads', 10 * 60_000, async () => {
  const { url: dbUrl } = await startBenchPostgres();
  const dataDir = await tempDir('klike-bench-reads-');
  const bare = spawnTs('bare-apollo', 'lib/bare-apollo.ts');
  const klike = spawnTs('klike-api', 'lib/klike-server.ts', { args: ['api'], env: klikeEnv(dbUrl, dataDir) });
  const [{ url: bareUrl }, { url }] = await Promise.all([
    bare.waitFor((m) => m?.type === 'ready', 60_000, 'bare ready'),
    klike.waitFor((m) => m?.type === 'ready', 120_000, 'klike ready'),
  ]);
  const { token } = await signUpBenchUser(url);
  // A real task: upload a one-second clip and confirm it (no worker runs, so it stays QUEUED).
  const clip = path.join(dataDir, 'clip.mp4');
  execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=25:duration=1', '-f', 'lavfi', '-i', 'sine=duration=1', '-shortest', '-pix_fmt', 'yuv420p', clip]);
  const fs = await import('node:fs/promises');
  const bytes = await fs.readFile(clip);
  const up = await gqlHttp(
    url,
    'mutation ($i: CreateVideoUploadInput!) { createVideoUpload(input: $i) { video { id } uploadUrl uploadMethod uploadHeaders { name value } } }',
    { i: { filename: 'clip.mp4', contentType: 'video/mp4', sizeBytes: bytes.length } },
    token,
  );
  const u = up.createVideoUpload;
  const put = await fetch(u.uploadUrl, { method: u.uploadMethod, headers: Object.fromEntries(u.uploadHeaders.map((h: any) => [h.name, h.value])), body: bytes });
  if (!put.ok) throw new Error(`upload PUT ${put.status}`);
  const confirmed = await gqlHttp(url, 'mutation ($i: ConfirmVideoUploadInput!) { confirmVideoUpload(input: $i) { task { id } } }', { i: { videoId: u.video.id } }, token);
  const taskId = confirmed.confirmVideoUpload.task.id as string;

  const q = (query: string, variables?: unknown) => JSON.stringify({ query, variables });
  const auth = { authorization: `Bearer ${token}` };
  // Warm both servers (JIT, pools) before measuring.
  await load(bareUrl, q('{ hello }'));
  await load(url, q('query ($id: ID!) { task(id: $id) { id status progress } }', { id: taskId }), auth);

  console.log(`\nreads: ${CONNECTIONS} connections, ${SECONDS} s each, servers in child processes`);
  const base = await load(bareUrl, q('{ hello }'));
  line('bare Apollo { hello }', base);
  line('klike anonymous { __typename }', await load(url, q('{ __typename }')), base);
  line('klike authenticated { __typename }', await load(url, q('{ __typename }'), auth), base);
  line('klike { me { id } }', await load(url, q('{ me { id } }'), auth), base);
  // BENCH_CPU_PROF=FILE: a CPU profile of the Klike process during the task(id) load only
  // (summarise it with `tsx bench/lib/profile-summary.ts FILE`).
  const prof = process.env.BENCH_CPU_PROF;
  if (prof) {
    klike.send({ type: 'profile', action: 'start' });
    await klike.waitFor((m) => m?.type === 'profile-started', 10_000, 'profiler start');
  }
  const task = await load(url, q('query ($id: ID!) { task(id: $id) { id status progress } }', { id: taskId }), auth);
  if (prof) {
    klike.send({ type: 'profile', action: 'stop', file: prof });
    await klike.waitFor((m) => m?.type === 'profile-written', 30_000, 'profile written');
  }
  line('klike task(id) { id status progress }', task, base);
  console.log(`\nFIGURE reads.task_throughput_ratio ${f(task.rps / base.rps)} (target >= 0.40)`);
  console.log(`FIGURE reads.task_p99_ratio ${f(task.p99 / base.p99)} (target <= 3.00)`);
  await Promise.all([bare.stop(), klike.stop()]);
});
