// A worker process killed mid-task: pg-boss notices the missing heartbeat, another worker resumes
// the task from its last stored stage, and the client sees one unbroken event log.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, startTestApp, uploadTo, type TestApp } from '../helpers/app.js';
import { makeVideo } from '../helpers/media.js';
import { ConfirmVideoUploadDocument, CreateVideoUploadDocument, GetTaskDocument, TaskUpdatedDocument } from '../generated/graphql.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const HEARTBEAT = { JOB_HEARTBEAT_SECONDS: '10', JOB_SUPERVISE_SECONDS: '1' };

function spawnWorker(env: Record<string, string>): Promise<ChildProcess & { exited: Promise<unknown> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'worker'], {
    cwd: ROOT,
    env: { ...process.env, ...env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise((r) => child.once('exit', r));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('"worker started"')) resolve(Object.assign(child, { exited }));
    });
    child.stderr!.on('data', (d) => (out += d));
    child.once('exit', (code) => reject(new Error(`worker exited early (${code}): ${out}`)));
  });
}

describe('a worker dies mid-task', () => {
  let api: TestApp;
  let second: TestApp | undefined;
  beforeAll(async () => {
    api = await startTestApp({ role: 'api', env: HEARTBEAT });
  });
  afterAll(async () => {
    await second?.stop();
    await api?.stop();
  });

  it('the task still completes, resumed by another worker, with no gap or repeat', async () => {
    const worker = await spawnWorker({ ...api.env, PORT: '0' });
    const file = await makeVideo({ seconds: 4 });
    const { size } = await fs.stat(file);
    const { createVideoUpload: up } = await api.ok(CreateVideoUploadDocument, { input: { filename: 'a.mp4', contentType: 'video/mp4', sizeBytes: size } });
    await uploadTo(up, file);
    const { confirmVideoUpload: c } = await api.ok(ConfirmVideoUploadDocument, { input: { videoId: up.video.id } });

    let killed = false;
    const done = collect(api.ws(), TaskUpdatedDocument, { taskId: c.task.id }, (e) => {
      // Freeze the worker the moment it starts, then kill it: it cannot have finished the pipeline.
      if (!killed && e.taskUpdated.status === 'PROCESSING') {
        killed = true;
        worker.kill('SIGSTOP');
        worker.kill('SIGKILL');
      }
    });
    await expect.poll(() => killed, { timeout: 10_000 }).toBe(true);
    await worker.exited;
    // A fresh worker (in this process) takes over once the dead one's heartbeat lapses.
    second = await startTestApp({ role: 'worker', env: { ...HEARTBEAT, DATA_DIR: api.dataDir }, db: { url: api.dbUrl, drop: async () => {} } });
    const { events, errors } = await done;
    expect(errors).toEqual([]);
    const seqs = events.map((e) => e.taskUpdated.sequence);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    const statuses = events.map((e) => e.taskUpdated.status);
    if (statuses.at(-1) !== 'COMPLETED') console.log(JSON.stringify(events.map((e) => e.taskUpdated)));
    expect(statuses.at(-1)).toBe('COMPLETED');
    // Each stage entered once: the retry resumed PROCESSING instead of starting the task over.
    const runs = statuses.filter((s, i) => i === 0 || statuses[i - 1] !== s);
    expect(runs).toEqual(['QUEUED', 'PROCESSING', 'EXTRACTING_AUDIO', 'TRANSCRIBING', 'ANALYZING_AI', 'GENERATING_RECOMMENDATIONS', 'COMPLETED']);

    const db = new pg.Client({ connectionString: api.dbUrl });
    await db.connect();
    const { rows } = await db.query('SELECT attempts FROM klike.tasks WHERE id = $1', [c.task.id]);
    const { rows: artifacts } = await db.query('SELECT stage, count(*)::int AS n FROM klike.task_artifacts WHERE task_id = $1 GROUP BY stage', [c.task.id]);
    await db.end();
    expect(rows[0].attempts).toBe(2);
    expect(artifacts.every((a) => a.n === 1)).toBe(true);
    // processing, fingerprint, extracting_audio, perceiving, transcribing, analyzing_ai, generating_recommendations.
    expect(artifacts).toHaveLength(7);
    const { task } = await api.ok(GetTaskDocument, { id: c.task.id });
    expect(task?.result?.media.durationSeconds).toBeCloseTo(4, 0);
  }, 60_000);
});
