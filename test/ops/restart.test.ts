// Clean restarts with real processes and real signals. A worker SIGTERMed mid-analysis hands its
// job back at once (heartbeat expiry is set far away, so it cannot be what rescues the task); a
// fresh worker continues it within seconds and the client's event log has no gap. The first worker's
// ffmpeg holds the media measurement (it waits on a FIFO nobody writes), so that worker is still
// mid-analysis when its grace ends however fast the machine is. An API SIGTERMed
// closes its WebSockets with 1012 (service restart) and exits 0.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { collect, startTestApp, uploadTo, type TestApp } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/db.js';
import { makeVideo } from '../helpers/media.js';
import { spawnKlike, type KlikeProcess } from '../helpers/process.js';
import { connectRemote } from '../helpers/remote.js';
import { ConfirmVideoUploadDocument, CreateVideoUploadDocument, TaskUpdatedDocument } from '../generated/graphql.js';

const ORDER = ['QUEUED', 'PROCESSING', 'EXTRACTING_AUDIO', 'TRANSCRIBING', 'ANALYZING_AI', 'GENERATING_RECOMMENDATIONS', 'COMPLETED'];
// Heartbeat expiry a minute away: only the hand-back can move the task on within 10 s.
const SLOW_RESCUE = { JOB_HEARTBEAT_SECONDS: '60', JOB_SUPERVISE_SECONDS: '1' };

/** An ffmpeg that never starts a filter graph run (the one-pass measurement): it blocks on a FIFO until killed. */
async function heldFfmpeg(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'klike-held-ffmpeg-'));
  const fifo = path.join(dir, 'hold');
  execFileSync('mkfifo', [fifo]);
  const real = process.env.FFMPEG_PATH || execFileSync('sh', ['-c', 'command -v ffmpeg']).toString().trim();
  const bin = path.join(dir, 'ffmpeg');
  await fs.writeFile(bin, `#!/bin/sh\ncase " $* " in *" -filter_complex "*) read _ < '${fifo}' ;; esac\nexec '${real}' "$@"\n`, { mode: 0o755 });
  return bin;
}

const procs: KlikeProcess[] = [];
const spawn = (...args: Parameters<typeof spawnKlike>) => {
  const p = spawnKlike(...args);
  procs.push(p);
  return p;
};
let api: TestApp | undefined;
afterAll(async () => {
  for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) {
    p.kill('SIGKILL');
    await p.exited;
  }
  await api?.stop();
});

describe('SIGTERM', () => {
  it('a worker mid-analysis hands its job back; the next worker continues within 10 s, no event lost', async () => {
    api = await startTestApp({ role: 'api', env: SLOW_RESCUE });
    const env = { ...api.env, ...SLOW_RESCUE, LOG_LEVEL: 'info', SHUTDOWN_GRACE_SECONDS: '1' };
    const first = spawn(['worker'], { ...env, FFMPEG_PATH: await heldFfmpeg() });
    await first.waitFor((l) => l.msg === 'worker started');

    const file = await makeVideo({ seconds: 20, audio: 'tone' });
    const { size } = await fs.stat(file);
    const { createVideoUpload: up } = await api.ok(CreateVideoUploadDocument, { input: { filename: 'a.mp4', contentType: 'video/mp4', sizeBytes: size } });
    await uploadTo(up, file);
    const { confirmVideoUpload: c } = await api.ok(ConfirmVideoUploadDocument, { input: { videoId: up.video.id } });

    const arrivals: { sequence: number; status: string; at: number }[] = [];
    let signalled = false;
    const done = collect(api.ws(), TaskUpdatedDocument, { taskId: c.task.id }, (e) => {
      arrivals.push({ sequence: e.taskUpdated.sequence, status: e.taskUpdated.status, at: Date.now() });
      if (!signalled && e.taskUpdated.status === 'PROCESSING') {
        signalled = true;
        first.kill('SIGTERM');
      }
    });
    const exit = await first.exited;
    expect(signalled).toBe(true);
    expect(exit).toEqual({ code: 0, signal: null });
    const drained = first.lines.find((l) => l.msg === 'drained');
    expect(drained).toMatchObject({ handed_back: 1 });
    expect(first.lines.find((l) => l.event === 'analysis_interrupted')).toMatchObject({ task_id: c.task.id, reason: 'shutdown' });

    // Back in the queue as it was: claimable now, no retry spent.
    const db = new pg.Client({ connectionString: api.dbUrl });
    await db.connect();
    const { rows: [job] } = await db.query("SELECT state, retry_count, start_after <= now() AS due FROM pgboss.job WHERE name = 'analyze-video' AND data->>'taskId' = $1", [c.task.id]);
    expect(job).toEqual({ state: 'created', retry_count: 0, due: true });
    const lastBefore = arrivals.at(-1)!.sequence;

    const second = spawn(['worker'], env);
    const started = await second.waitFor((l) => l.msg === 'worker started');
    const startedAt = Date.parse(String(started.timestamp));
    const { events, errors } = await done;
    expect(errors).toEqual([]);
    const next = arrivals.find((a) => a.sequence === lastBefore + 1)!;
    // The task moved on within 10 s of the new worker being up.
    expect(next.at - startedAt).toBeLessThan(10_000);

    const seqs = events.map((e) => e.taskUpdated.sequence);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    const statuses = events.map((e) => e.taskUpdated.status);
    expect(statuses.filter((s, i) => i === 0 || statuses[i - 1] !== s)).toEqual(ORDER);
    const { rows: [task] } = await db.query('SELECT status, attempts, last_sequence FROM klike.tasks WHERE id = $1', [c.task.id]);
    await db.end();
    expect(task).toMatchObject({ status: 'COMPLETED', attempts: 2, last_sequence: seqs.at(-1) });
    second.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  }, 240_000);

  it('an API closes WebSockets with 1012, stops accepting and exits 0', async () => {
    const db = await createTestDatabase();
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'klike-api-term-'));
    try {
      const p = spawn(['api'], { NODE_ENV: 'test', LOG_LEVEL: 'info', HOST: '127.0.0.1', PORT: '0', DATABASE_URL: db.url, DATA_DIR: dataDir });
      const listening = await p.waitFor((l) => l.msg === 'api listening');
      const remote = await connectRemote(String(listening.url));
      // No worker runs: the task stays queued and its subscription open.
      const taskId = await remote.analyze(await makeVideo({ seconds: 1 }));
      let resolveClose!: (code: number) => void;
      const closed = new Promise<number>((r) => (resolveClose = r));
      const client = remote.ws({ on: { closed: (e) => resolveClose((e as { code: number }).code) } });
      await new Promise<void>((resolve) => client.subscribe({ query: 'subscription($id: ID!) { taskUpdated(taskId: $id) { sequence } }', variables: { id: taskId } }, { next: () => resolve(), error: () => resolve(), complete: () => {} }));

      p.kill('SIGTERM');
      expect(await closed).toBe(1012);
      expect(await p.exited).toEqual({ code: 0, signal: null });
      await expect(fetch(remote.url, { method: 'POST' })).rejects.toThrow();
      await remote.dispose();
    } finally {
      await db.drop();
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});
