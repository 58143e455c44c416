// A retry resumes where the last attempt died, on a fresh scratch directory (as on another worker):
// every stage that reads the source video must fetch it again itself. Real Postgres, local storage
// and ffmpeg; each case makes one stage fail once and checks what the retry fetched and used.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OfflineAnalyzer, OfflineRecommender, UnavailableTranscriber } from '../../src/analysis/offline.js';
import type { AnalyzeInput, CreativeAnalyzer, Transcriber } from '../../src/analysis/ports.js';
import { CaptionsRepo } from '../../src/datasources/postgres/captions.js';
import { createDatabase, type Database } from '../../src/datasources/postgres/db.js';
import { TasksRepo } from '../../src/datasources/postgres/tasks.js';
import { VideosRepo } from '../../src/datasources/postgres/videos.js';
import { MediaTools } from '../../src/datasources/media/ffmpeg.js';
import { LocalStorage } from '../../src/datasources/storage/local.js';
import type { Storage } from '../../src/datasources/storage/types.js';
import { AppError, ErrorCode } from '../../src/errors.js';
import { createLogger } from '../../src/logger.js';
import { TaskStatus } from '../../src/domain/model.js';
import { PipelineRunner } from '../../src/pipeline/runner.js';
import type { PipelineDeps } from '../../src/pipeline/types.js';
import type { Transcript } from '../../src/domain/transcript.js';
import { createTestDatabase } from '../helpers/db.js';
import { makeVideo } from '../helpers/media.js';

let dbHandle: { url: string; drop: () => Promise<void> };
let db: Database;
let root: string;
let storage: LocalStorage;
let video: string;
const media = new MediaTools();

beforeAll(async () => {
  dbHandle = await createTestDatabase();
  db = createDatabase({ url: dbHandle.url, schema: 'klike' });
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'klike-resume-'));
  storage = new LocalStorage({ root: path.join(root, 'storage'), signingSecret: 'resume-test-secret-0123', publicBaseUrl: () => 'http://localhost' });
  // Subtitles too, so the transcribing stage has a reason to read the file.
  video = await makeVideo({ seconds: 2, container: 'mkv', audio: 'tone', subtitles: [{ start: 0.2, end: 1.8, text: 'Shop now' }] });
});
afterAll(async () => {
  await db?.close();
  await dbHandle?.drop();
  await fs.rm(root, { recursive: true, force: true });
});

/** Counts downloads per key; everything else passes through. */
function countingStorage(inner: Storage): Storage & { downloads: (key: string) => number } {
  const seen = new Map<string, number>();
  return new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === 'downloads') return (key: string) => seen.get(key) ?? 0;
      const value = Reflect.get(target, prop, receiver);
      if (prop === 'downloadToFile') {
        return (key: string, ...rest: unknown[]) => {
          seen.set(key, (seen.get(key) ?? 0) + 1);
          return (value as (...a: unknown[]) => Promise<void>).call(target, key, ...rest);
        };
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as Storage & { downloads: (key: string) => number };
}

/** `obj` whose `method` throws a retryable error the first time only. */
function failingOnce<T extends object>(obj: T, method: keyof T): T & { calls: unknown[][] } {
  let failed = false;
  const calls: unknown[][] = [];
  return new Proxy(obj, {
    get(target, prop, receiver) {
      if (prop === 'calls') return calls;
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        if (prop === method) {
          calls.push(args);
          if (!failed) {
            failed = true;
            throw new AppError(ErrorCode.AI_PROVIDER_UNAVAILABLE, 'planted failure', { retryable: true });
          }
        }
        return value.apply(target, args);
      };
    },
  }) as T & { calls: unknown[][] };
}

/** An analyzer that looks at the pictures: reads the video through videoFile(), as Gemini does. */
class VideoReadingAnalyzer implements CreativeAnalyzer {
  readonly name = 'video-reader';
  readonly seen: Array<{ path: string; bytes: number }> = [];
  async analyze(input: AnalyzeInput) {
    const p = await input.videoFile();
    this.seen.push({ path: p, bytes: (await fs.stat(p)).size });
    return new OfflineAnalyzer().analyze(input);
  }
}

async function newTask(): Promise<{ taskId: string; key: string }> {
  const id = randomUUID();
  const key = `uploads/test/${id}/source.mkv`;
  await storage.uploadFile(key, video, 'video/x-matroska');
  const videos = new VideosRepo(db);
  await videos.insert({ id, ownerId: null, filename: 'ad.mkv', title: null, contentType: 'video/x-matroska', declaredSize: (await fs.stat(video)).size, storageKey: key, uploadExpiresAt: new Date(Date.now() + 3600_000) });
  const { task } = await new TasksRepo(db).insert(db, { videoId: id, ownerId: null, origin: 'confirm', options: {} });
  return { taskId: task.id, key };
}

/** Runs attempt 1 (expected to throw for a retry) and attempt 2, which must complete. */
async function runTwice(deps: Partial<PipelineDeps>, taskId: string) {
  const tasks = new TasksRepo(db);
  const runner = new PipelineRunner(tasks, new VideosRepo(db), {
    storage,
    media,
    transcriber: new UnavailableTranscriber('NO_SPEECH_ENGINE'),
    analyzer: new OfflineAnalyzer(),
    recommender: new OfflineRecommender(),
    captions: new CaptionsRepo(db),
    logger: createLogger('silent'),
    stageTimeoutMs: 60_000,
    tmpDir: root,
    ...deps,
  });
  const signal = new AbortController().signal;
  const first = await runner.run(taskId, { signal, attempt: 1, canRetry: true }).then(() => null, (e: unknown) => e);
  expect(first).toMatchObject({ code: ErrorCode.AI_PROVIDER_UNAVAILABLE, message: 'planted failure' });
  const storedAfterFirst = [...(await tasks.forAttempt(taskId))!.artifacts.keys()];
  const second = await runner.run(taskId, { signal, attempt: 2, canRetry: false });
  expect(second).toBe('completed');
  const task = await tasks.get(taskId);
  expect(task!.status).toBe(TaskStatus.COMPLETED);
  return { storedAfterFirst, artifacts: (await tasks.forAttempt(taskId))!.artifacts };
}

describe('a retry fetches the source for every stage that reads it', () => {
  it('processing: the retry downloads and probes it again', async () => {
    const { taskId, key } = await newTask();
    const s = countingStorage(storage);
    const m = failingOnce(media, 'probe');
    const { storedAfterFirst } = await runTwice({ storage: s, media: m }, taskId);
    expect(storedAfterFirst).toEqual([]);
    expect(s.downloads(key)).toBe(2);
    expect(m.calls).toHaveLength(2);
  });

  it('extracting_audio: resumed after processing, it downloads the source and decodes it', async () => {
    const { taskId, key } = await newTask();
    const s = countingStorage(storage);
    const m = failingOnce(media, 'analyze');
    const { storedAfterFirst, artifacts } = await runTwice({ storage: s, media: m }, taskId);
    expect(storedAfterFirst).toEqual(['processing', 'fingerprint']);
    // Once per attempt: the retry's scratch directory starts empty.
    expect(s.downloads(key)).toBe(2);
    const retried = m.calls[1]![0] as string;
    expect(retried.startsWith(root)).toBe(true);
    expect((artifacts.get('extracting_audio') as { audioKey: string | null }).audioKey).not.toBeNull();
  });

  it('transcribing: resumed after extracting_audio, it downloads the source for the subtitle stream and the stored audio for speech', async () => {
    const { taskId, key } = await newTask();
    const s = countingStorage(storage);
    const t = failingOnce<Transcriber>(new UnavailableTranscriber('NO_SPEECH_ENGINE'), 'transcribe');
    const { storedAfterFirst, artifacts } = await runTwice({ storage: s, transcriber: t }, taskId);
    expect(storedAfterFirst).toEqual(['processing', 'fingerprint', 'extracting_audio', 'perceiving']);
    expect(s.downloads(key)).toBe(2);
    const audioKey = (artifacts.get('extracting_audio') as { audioKey: string }).audioKey;
    expect(s.downloads(audioKey)).toBe(1);
    // The transcriber got a real file on the retry, and the file's caption stream was read.
    const audioPath = (t.calls[1]![0] as { audioPath: string }).audioPath;
    expect(audioPath.startsWith(root)).toBe(true);
    const transcript = artifacts.get('transcribing') as Transcript;
    expect(transcript.captions).toMatchObject({ present: true, source: 'embedded', cueCount: 1 });
  });

  it('analyzing_ai: resumed after transcribing, an analyzer that reads the video gets the downloaded source', async () => {
    const { taskId, key } = await newTask();
    const s = countingStorage(storage);
    const reader = new VideoReadingAnalyzer();
    const a = failingOnce<CreativeAnalyzer>(reader, 'analyze');
    const { storedAfterFirst } = await runTwice({ storage: s, analyzer: a }, taskId);
    expect(storedAfterFirst).toEqual(['processing', 'fingerprint', 'extracting_audio', 'perceiving', 'transcribing']);
    expect(s.downloads(key)).toBe(2);
    // Only the retry got as far as reading it (the planted failure came first on attempt 1).
    expect(reader.seen).toHaveLength(1);
    expect(reader.seen[0]!.bytes).toBe((await fs.stat(video)).size);
  });

  it('analyzing_ai: resumed with the offline analyzer, which never reads the video, nothing is downloaded', async () => {
    const { taskId, key } = await newTask();
    const s = countingStorage(storage);
    const a = failingOnce<CreativeAnalyzer>(new OfflineAnalyzer(), 'analyze');
    await runTwice({ storage: s, analyzer: a }, taskId);
    expect(s.downloads(key)).toBe(1);
  });
});
