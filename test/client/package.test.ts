// @klike/client as a user gets it: `npm pack`, installed into a fresh project outside the
// repository, where a script uploads a real video and watches its task to COMPLETED through a
// proxy that drops every connection mid-task: each event must arrive exactly once, in order.
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { makeVideo } from '../helpers/media.js';
import { GatedTranscriber } from '../helpers/gated-transcriber.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';
import { GetTaskDocument } from '../generated/graphql.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');

const SCRIPT = `
import { createKlikeClient } from '@klike/client';
const client = createKlikeClient({ url: process.env.KLIKE_URL, token: process.env.KLIKE_TOKEN });
const out = (o) => process.stdout.write(JSON.stringify(o) + '\\n');
const { task } = await client.uploadVideo(process.argv[2], { analysis: { platforms: ['TIKTOK'] } });
out({ type: 'task', id: task.id });
const final = await client.watchTask(task.id, { onEvent: (e) => out({ type: 'event', sequence: e.sequence, status: e.status }) });
out({ type: 'final', sequence: final.sequence, status: final.status });
const result = await client.getResult(task.id);
out({ type: 'result', score: result.result?.score });
await client.close();
`;

describe('@klike/client packed and installed in a fresh project', () => {
  const transcriber = new GatedTranscriber();
  let t: TestApp;
  let proxy: TcpProxy;
  let project: string;

  beforeAll(async () => {
    project = await fs.mkdtemp(path.join(os.tmpdir(), 'klike-client-consumer-'));
    const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', project], { cwd: path.join(ROOT, 'packages/client') });
    const [{ filename }] = JSON.parse(stdout) as { filename: string }[];
    await fs.writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    await fs.writeFile(path.join(project, 'script.mjs'), SCRIPT);
    // Its dependencies come from the npm cache this repository's own install filled.
    await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', path.join(project, filename!), 'graphql@16'], { cwd: project });
    t = await startTestApp({ engines: { transcriber } });
    proxy = await startTcpProxy({ host: '127.0.0.1', port: Number(new URL(t.url).port) });
  }, 240_000);
  afterAll(async () => {
    transcriber.release();
    await proxy?.close();
    await t?.stop();
    if (project) await fs.rm(project, { recursive: true, force: true });
  });

  it('ships ESM, types, the schema and the persisted-documents manifest', async () => {
    const dir = path.join(project, 'node_modules/@klike/client');
    const pkg = JSON.parse(await fs.readFile(path.join(dir, 'package.json'), 'utf8'));
    expect(pkg.type).toBe('module');
    for (const f of ['dist/index.js', 'dist/index.d.ts', 'schema.graphql', 'persisted-documents.json', 'bin/klike.js']) await fs.access(path.join(dir, f));
    expect(pkg.dependencies.react).toBeUndefined();
    const manifest = JSON.parse(await fs.readFile(path.join(dir, 'persisted-documents.json'), 'utf8')) as Record<string, string>;
    expect(Object.values(manifest).some((d) => d.includes('subscription TaskUpdated'))).toBe(true);
  });

  it('uploads a real video and watches it to COMPLETED across a dropped connection, each event once', async () => {
    const video = await makeVideo({ seconds: 2 });
    const child = spawn(process.execPath, ['script.mjs', video], {
      cwd: project,
      env: { ...process.env, KLIKE_URL: `http://127.0.0.1:${proxy.port}/graphql`, KLIKE_TOKEN: t.token },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((r) => child.on('exit', r));
    const lines: { type: string; id?: string; sequence?: number; status?: string; score?: number }[] = [];
    let cutDone: Promise<void> | undefined;
    for await (const line of readline.createInterface({ input: child.stdout })) {
      const msg = JSON.parse(line);
      lines.push(msg);
      // Held in TRANSCRIBING: drop the WebSocket (and everything else), wait for the client to
      // come back, then let the pipeline finish while it listens again.
      if (msg.type === 'event' && msg.status === 'TRANSCRIBING' && !cutDone) {
        cutDone = (async () => {
          await transcriber.started;
          const before = proxy.connections;
          proxy.cut();
          await proxy.waitForConnections(before + 1);
          transcriber.release();
        })();
      }
    }
    expect(await exited, stderr).toBe(0);
    await cutDone;
    const taskId = lines.find((l) => l.type === 'task')!.id!;
    const seqs = lines.filter((l) => l.type === 'event').map((l) => l.sequence!);
    const { task } = await t.ok(GetTaskDocument, { id: taskId });
    // Exactly the server's log: none missed, none repeated, in order.
    expect(seqs).toEqual(task!.events.map((e) => e.sequence));
    expect(lines.find((l) => l.type === 'final')).toMatchObject({ status: 'COMPLETED', sequence: task!.lastSequence });
    expect(typeof lines.find((l) => l.type === 'result')!.score).toBe('number');
  }, 120_000);
});
