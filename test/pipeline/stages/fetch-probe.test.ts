// The fetch+probe stage reuses the probe confirm stored for the same bytes (checked by ETag) and
// probes again only when it cannot vouch for them. Real local storage, real ffprobe on a real clip.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaTools } from '../../../src/datasources/media/ffmpeg.js';
import { LocalStorage } from '../../../src/datasources/storage/local.js';
import { TaskStatus, VideoStatus, type TaskRow, type VideoRow } from '../../../src/domain/model.js';
import type { MediaProbe } from '../../../src/domain/media.js';
import { createLogger } from '../../../src/logger.js';
import { fetchProbe } from '../../../src/pipeline/stages/fetch-probe.js';
import type { PipelineDeps, StageContext } from '../../../src/pipeline/types.js';
import { makeVideo } from '../../helpers/media.js';

let root: string;
let storage: LocalStorage;
let etag: string;
let realProbe: MediaProbe;
const KEY = 'uploads/u/v/source.mp4';
const media = new MediaTools();
let probes = 0;
const counting = new Proxy(media, {
  get(target, prop, receiver) {
    const v = Reflect.get(target, prop, receiver);
    if (prop !== 'probe') return typeof v === 'function' ? v.bind(target) : v;
    return (...args: Parameters<MediaTools['probe']>) => {
      probes++;
      return target.probe(...args);
    };
  },
});

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'klike-fetch-probe-'));
  storage = new LocalStorage({
    root: path.join(root, 'storage'),
    signingSecret: 'fetch-probe-secret-0123',
    publicBaseUrl: () => 'http://localhost',
  });
  const clip = await makeVideo({ seconds: 1, audio: 'tone' });
  await storage.uploadFile(KEY, clip, 'video/mp4');
  etag = (await storage.head(KEY))!.etag!;
  realProbe = await media.probe(clip);
});
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

async function runStage(video: Partial<VideoRow>) {
  const workDir = await fs.mkdtemp(path.join(root, 'work-'));
  const ctx: StageContext = {
    task: { id: '00000000-0000-4000-8000-000000000001', status: TaskStatus.PROCESSING } as TaskRow,
    video: {
      id: 'v',
      filename: 'ad.mp4',
      storage_key: KEY,
      status: VideoStatus.UPLOADED,
      media: null,
      source_etag: null,
      ...video,
    } as VideoRow,
    workDir,
    signal: new AbortController().signal,
    deps: { storage, media: counting, logger: createLogger('silent') } as unknown as PipelineDeps,
    progress: () => {},
    outputs: {},
    files: new Map(),
  };
  probes = 0;
  const out = await fetchProbe.run(ctx);
  return { out, probes };
}

describe('fetch and probe', () => {
  it('takes the probe confirm stored when the download matches the confirmed ETag: no second ffprobe', async () => {
    // A marker the real probe would never return shows the stored one was used.
    const stored = { ...realProbe, formatName: 'stored-at-confirm' };
    const { out, probes } = await runStage({ source_etag: etag, media: stored });
    expect(probes).toBe(0);
    expect(out.media).toEqual(stored);
    expect(out.sizeBytes).toBe((await storage.head(KEY))!.sizeBytes);
  });

  it('probes again without a confirmed ETag, or when the stored probe lacks a field today’s probe has', async () => {
    const stored = { ...realProbe, formatName: 'stored-at-confirm' };
    const noEtag = await runStage({ source_etag: null, media: stored });
    expect(noEtag.probes).toBe(1);
    expect(noEtag.out.media).toEqual(realProbe);

    const { subtitles: _dropped, ...older } = stored;
    const incomplete = await runStage({ source_etag: etag, media: older });
    expect(incomplete.probes).toBe(1);
    expect(incomplete.out.media).toEqual(realProbe);
  });

  it('bytes that are not the confirmed ones fail SOURCE_CHANGED before any probe is trusted', async () => {
    await expect(runStage({ source_etag: '"0123456789abcdef0123456789abcdef"', media: realProbe })).rejects.toMatchObject({
      code: 'SOURCE_CHANGED',
    });
  });
});
