// Issue 15, one ffmpeg per subtitle stream: a file with many mov_text streams has only the first
// MEDIA_MAX_SUBTITLE_STREAMS (8) read, all of them in ONE ffmpeg run; the rest are listed. ffmpeg
// runs are counted through FFMPEG_PATH: a wrapper that logs its argv, then runs the real ffmpeg.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, startTestApp, uploadTo, type TestApp } from '../helpers/app.js';
import { makeVideo, scratchPath } from '../helpers/media.js';
import { ConfirmVideoUploadDocument, CreateVideoUploadDocument, TaskUpdatedDocument } from '../generated/graphql.js';

const run = promisify(execFile);
const STREAMS = 20;
let t: TestApp;
let log: string;

async function whichFfmpeg(): Promise<string> {
  const { stdout } = await run('sh', ['-c', 'command -v ffmpeg']);
  return stdout.trim();
}

/** An MP4 carrying STREAMS mov_text streams, made from one generated SubRip file. */
async function manySubtitleStreams(): Promise<string> {
  const srt = scratchPath('subs.srt');
  await fs.writeFile(srt, '1\n00:00:00,000 --> 00:00:01,500\nBuy now and save\n\n2\n00:00:01,500 --> 00:00:02,000\ntwenty percent\n');
  const out = scratchPath('many-subs.mp4');
  const maps = Array.from({ length: STREAMS }, () => ['-map', '1:0']).flat();
  await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-i', await makeVideo({ seconds: 2, audio: 'tone' }), '-i', srt, '-map', '0', ...maps, '-c', 'copy', '-c:s', 'mov_text', out]);
  return out;
}

beforeAll(async () => {
  const dir = path.dirname(scratchPath('x'));
  log = path.join(dir, `ffmpeg-runs-${process.pid}.log`);
  const wrapper = path.join(dir, `ffmpeg-counting-${process.pid}`);
  // One line per run: its argv (ours contain no newlines).
  await fs.writeFile(wrapper, `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nexec '${await whichFfmpeg()}' "$@"\n`, { mode: 0o755 });
  t = await startTestApp({ env: { FFMPEG_PATH: wrapper } });
});
afterAll(async () => {
  await t?.stop();
});

const ResultDoc = parse(`query($id: ID!) { task(id: $id) { status result {
  media { unmeasured { fact reason } }
  transcript { captions { present source tracks { source streamIndex error cueCount } } }
} } }`) as unknown as TypedDocumentNode<any, { id: string }>;

describe('subtitle streams', () => {
  it(`reads the first 8 of ${STREAMS} mov_text streams in one ffmpeg run and lists the other ${STREAMS - 8}`, async () => {
    const file = await manySubtitleStreams();
    const { size } = await fs.stat(file);
    const { createVideoUpload: up } = await t.ok(CreateVideoUploadDocument, { input: { filename: 'ad.mp4', contentType: 'video/mp4', sizeBytes: size } });
    expect((await uploadTo(up, file)).status).toBe(200);
    await fs.writeFile(log, '');
    const { confirmVideoUpload: c } = await t.ok(ConfirmVideoUploadDocument, { input: { videoId: up.video.id } });
    const { events } = await collect(t.ws(), TaskUpdatedDocument, { taskId: c.task.id });
    expect(events.at(-1)?.taskUpdated.status).toBe('COMPLETED');

    const runs = (await fs.readFile(log, 'utf8')).split('\n').filter(Boolean);
    const subtitleRuns = runs.filter((r) => / -map 0:s:\d+ /.test(r));
    expect(subtitleRuns).toHaveLength(1);
    expect(subtitleRuns[0]!.match(/-map 0:s:\d+/g)).toEqual(Array.from({ length: 8 }, (_, i) => `-map 0:s:${i}`));
    expect(subtitleRuns[0]).toContain('-format_whitelist');

    const { task } = await t.ok(ResultDoc, { id: c.task.id });
    expect(task.result.media.unmeasured).toContainEqual({ fact: 'SUBTITLES', reason: expect.stringMatching(/^12 text subtitle streams not read \(subtitle streams 8–19\).*MEDIA_MAX_SUBTITLE_STREAMS=8/) });
    const embedded = task.result.transcript.captions.tracks.filter((x: { source: string }) => x.source === 'EMBEDDED');
    expect(embedded).toHaveLength(STREAMS);
    expect(embedded.filter((x: { error: string | null }) => !x.error).map((x: { cueCount: number }) => x.cueCount)).toEqual(Array(8).fill(2));
    expect(embedded.filter((x: { error: string | null }) => x.error).map((x: { streamIndex: number }) => x.streamIndex)).toEqual(Array.from({ length: 12 }, (_, i) => i + 8));
  });
});
