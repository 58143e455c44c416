// A machine with Node but no system media or speech tools: the real entry point, with a PATH that
// holds everything this one does except ffmpeg, ffprobe and pocketsphinx, starts on the npm builds,
// says which binary it chose, and completes an analysis whose transcript is unavailable with its
// reason. On a terminal it prints the summary for people; piped, only JSON lines.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/db.js';
import { makeVideo } from '../helpers/media.js';
import { MEDIA_AND_SPEECH_TOOLS, pathWithout } from '../helpers/path.js';
import { serverEnv, spawnKlike, type KlikeProcess, type LogLine } from '../helpers/process.js';
import { connectRemote, type Remote } from '../helpers/remote.js';
import { GetTaskDocument, TaskPerceptionDocument, TaskUpdatedDocument } from '../generated/graphql.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const bare = pathWithout(MEDIA_AND_SPEECH_TOOLS);
let proc: KlikeProcess;
let remote: Remote;
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let dataDir: string;
let env: Record<string, string>;

beforeAll(async () => {
  db = await createTestDatabase();
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'klike-fresh-'));
  // The faces engine costs seconds of model loading and is not what this is about.
  env = serverEnv(db.url, dataDir, { PATH: bare.PATH, FACE_ENGINE: 'none' }) as Record<string, string>;
  // Whatever the parent was given, this machine has no configured binaries.
  proc = spawnKlike([], { ...env, FFMPEG_PATH: undefined, FFPROBE_PATH: undefined, POCKETSPHINX_PATH: undefined, TRANSCRIBER: undefined, OPENAI_API_KEY: undefined, GEMINI_API_KEY: undefined });
}, 60_000);

afterAll(async () => {
  await remote?.dispose();
  if (proc && proc.child.exitCode === null && proc.child.signalCode === null) {
    proc.kill('SIGTERM');
    await proc.exited;
  }
  await db?.drop();
  await fs.rm(dataDir, { recursive: true, force: true });
  bare.remove();
});

describe('a machine without ffmpeg and pocketsphinx', () => {
  it('starts on the npm builds, logs which binaries and what they lack, and says it is ready', async () => {
    const ready = await proc.waitFor((l) => l.event === 'ready', 150_000);
    const found = proc.lines.find((l) => l.event === 'ffmpeg_found')!;
    expect(found).toMatchObject({ service: 'klike-worker', ffmpeg_source: 'npm', ffprobe_source: 'npm', missing_filters: ['scdet'] });
    expect(String(found.ffmpeg)).toContain(path.join(ROOT, 'node_modules', '@ffmpeg-installer'));
    expect(String(found.ffprobe)).toContain(path.join(ROOT, 'node_modules', '@ffprobe-installer'));
    expect(proc.lines.filter((l) => l.msg === 'ffmpeg lacks an analysis filter').map((l) => l.limitation)).toEqual([expect.stringContaining('no scdet filter')]);
    expect(proc.lines.find((l) => l.msg === 'no speech engine found; transcripts will be unavailable')).toBeDefined();
    expect(ready).toMatchObject({
      role: 'all',
      engines: { transcriber: 'none', analyzer: 'offline', recommender: 'offline', faces: null },
      media: { ffmpegSource: 'npm' },
      database: { mode: 'external' },
      missing_engines: expect.arrayContaining(['speech', 'faces and people', 'ffmpeg scdet']),
    });
    // The password never reaches the log.
    expect(String((ready.database as { url: string }).url)).not.toContain(new URL(db.url).password || '\u0000');
    // Piped: JSON lines only, no summary for people.
    expect(proc.output()).not.toContain('klike is running');
  }, 180_000);

  it('completes an analysis: scene cuts by select, the eyes see frames, the transcript unavailable with its reason', async () => {
    const listening = proc.lines.find((l) => l.msg === 'api listening') as LogLine;
    remote = await connectRemote(String(listening.url));
    const taskId = await remote.analyze(await makeVideo({ seconds: 4, cutsAt: [2], audio: 'speech' }));
    const { events, errors } = await collect(remote.ws(), TaskUpdatedDocument, { taskId });
    expect(errors).toEqual([]);
    expect(events.map((e) => e.taskUpdated.status)).toContain('TRANSCRIBING');
    expect(events.at(-1)?.taskUpdated.status).toBe('COMPLETED');

    const { task } = await remote.ok(GetTaskDocument, { id: taskId });
    const r = task!.result!;
    expect(r.transcript).toMatchObject({ available: false, engine: null, unavailableReason: 'NO_SPEECH_ENGINE' });
    expect(r.media!.sceneDetector).toBe('SELECT');
    expect(Math.abs(r.media!.firstCutAt! - 2)).toBeLessThanOrEqual(0.04);
    expect(r.media!.loudness!.integrated).toBeTypeOf('number');
    expect(r.media!.unmeasured).toEqual([]);
    // The old build's frame grab works: frames are seen, not lost as DECODE_FAILED.
    const { task: seen } = await remote.ok(TaskPerceptionDocument, { id: taskId });
    const perception = seen!.result!.media!.perception!;
    expect(perception.frames.length).toBeGreaterThanOrEqual(3);
    expect(perception.unmeasured.map((u) => u.reason)).toEqual(['NO_FACE_ENGINE', 'NO_FACE_ENGINE']);
  }, 180_000);
});

describe('on a terminal', () => {
  it('prints what it runs on, and what each missing engine would add and how to get it', async () => {
    // `script` gives the process a pseudo-terminal as stdout; worker-only is enough for the engines.
    // `exec`: no shell (dash, when SHELL is unset) stays between script and klike to eat the signal.
    const args = ['-qefc', `exec '${process.execPath}' --import tsx src/main.ts worker`, '/dev/null'];
    const child = execFile('script', args, { cwd: ROOT, env: { ...process.env, ...env, FFMPEG_PATH: '', FFPROBE_PATH: '', POCKETSPHINX_PATH: '', TRANSCRIBER: '', OPENAI_API_KEY: '', GEMINI_API_KEY: '' } });
    let out = '';
    const seen = new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => {
        out += d;
        if (out.includes('npm run doctor')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`exited ${code} before the summary:\n${out.slice(-3000)}`)));
    });
    try {
      await seen;
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('close', r));
    }
    const summary = out.slice(out.indexOf('klike is running'));
    expect(summary).toContain('klike is running (worker)');
    expect(summary).toMatch(/ffmpeg\s+N-\S+static, npm static build \(\S+@ffmpeg-installer\S+\)/);
    expect(summary).toMatch(/transcriber\s+none/);
    expect(summary).toContain('- speech: would add transcripts');
    expect(summary).toContain('`apt-get install pocketsphinx pocketsphinx-en-us`');
    expect(summary).toContain('- ffmpeg scdet:');
    expect(summary).toContain('Set GEMINI_API_KEY');
  }, 180_000);
});
