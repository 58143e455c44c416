// Upload URLs and confirmation. Confirm is the moment a video becomes ours: it checks the object is
// really there with the declared size, probes it, and creates + enqueues the task in one
// transaction, so a crash never loses a confirmed upload and confirming twice gives the same task.
import { randomUUID } from 'node:crypto';
import type { Config } from '../config.js';
import { AppError, ErrorCode, notFound } from '../errors.js';
import { type AnalysisOptions, type TaskRow, type VideoRow, VideoStatus } from '../domain/model.js';
import type { Database, Executor } from '../datasources/postgres/db.js';
import type { VideosRepo } from '../datasources/postgres/videos.js';
import type { TasksRepo } from '../datasources/postgres/tasks.js';
import type { Storage, SignedUpload } from '../datasources/storage/types.js';
import type { MediaProbe } from '../domain/media.js';
import type { JobQueue } from '../jobs/queue.js';
import type { Caller } from '../auth/caller.js';
import * as rules from './input-rules.js';
import { ownVideo } from './ownership.js';

export interface MediaProber {
  probe(input: string, opts?: { signal?: AbortSignal; timeoutMs?: number }): Promise<MediaProbe>;
}

const EXTENSIONS: Record<string, string> = {
  'video/mp4': '.mp4',
  'video/quicktime': '.mov',
  'video/webm': '.webm',
  'video/x-matroska': '.mkv',
  'video/x-msvideo': '.avi',
  'video/mpeg': '.mpg',
};

export interface CreateUploadInput {
  filename: string;
  contentType: string;
  sizeBytes: number;
  title?: string | null;
  /** Same key, same owner: the same video (and a fresh URL for it), never a second one. */
  idempotencyKey?: string | null;
}

/** Postgres unique_violation: a concurrent request with the same idempotency key got there first. */
const isUniqueViolation = (e: unknown) => (e as { code?: string } | null)?.code === '23505';

export class UploadService {
  constructor(
    private readonly deps: {
      config: Config;
      db: Database;
      videos: VideosRepo;
      tasks: TasksRepo;
      storage: Storage;
      media: MediaProber;
      jobs: JobQueue;
    },
  ) {}

  async createVideoUpload(caller: Caller, input: CreateUploadInput): Promise<{ video: VideoRow; upload: SignedUpload }> {
    const { config, storage, videos } = this.deps;
    if (!caller.userId) throw new AppError(ErrorCode.UNAUTHENTICATED, 'sign in first');
    const filename = rules.filename(input.filename);
    const title = rules.title(input.title);
    const contentType = rules.contentType(input.contentType, config.uploads.contentTypes);
    rules.declaredSize(input.sizeBytes, config.uploads.maxBytes);
    const idempotencyKey = rules.idempotencyKey(input.idempotencyKey);
    if (idempotencyKey) {
      const existing = await videos.byIdempotencyKey(caller.userId, idempotencyKey);
      if (existing) return this.sameUpload(existing, { contentType, sizeBytes: input.sizeBytes });
    }

    const id = randomUUID();
    // The key never contains user-supplied text: no traversal, no collisions, owner-scoped prefix.
    const key = `uploads/${caller.userId}/${id}/source${EXTENSIONS[contentType] ?? '.bin'}`;
    const upload = await storage.presignUpload({
      key,
      contentType,
      sizeBytes: input.sizeBytes,
      expiresInSeconds: config.storage.uploadTtlSeconds,
    });
    let video: VideoRow;
    try {
      video = await videos.insert({
        id,
        ownerId: caller.userId,
        filename,
        title,
        contentType,
        declaredSize: input.sizeBytes,
        storageKey: key,
        uploadExpiresAt: upload.expiresAt,
        idempotencyKey,
      });
    } catch (e) {
      if (!idempotencyKey || !isUniqueViolation(e)) throw e;
      const winner = await videos.byIdempotencyKey(caller.userId, idempotencyKey);
      if (!winner) throw e;
      return this.sameUpload(winner, { contentType, sizeBytes: input.sizeBytes });
    }
    return { video, upload };
  }

  /** A repeated createVideoUpload: the first call's video with a freshly signed URL for its key. */
  private async sameUpload(
    video: VideoRow,
    input: { contentType: string; sizeBytes: number },
  ): Promise<{ video: VideoRow; upload: SignedUpload }> {
    if (video.content_type !== input.contentType || Number(video.declared_size) !== input.sizeBytes)
      throw new AppError(ErrorCode.CONFLICT, 'this idempotencyKey was used for an upload with another size or content type', {
        details: { videoId: video.id },
      });
    const upload = await this.deps.storage.presignUpload({
      key: video.storage_key,
      contentType: video.content_type,
      sizeBytes: Number(video.declared_size),
      expiresInSeconds: this.deps.config.storage.uploadTtlSeconds,
    });
    return { video, upload };
  }

  async confirmVideoUpload(
    caller: Caller,
    input: { videoId: string; analysis?: AnalysisOptions | null },
  ): Promise<{ video: VideoRow; task: TaskRow }> {
    const { db, videos, tasks, storage, media, jobs } = this.deps;
    const options = rules.validateAnalysisOptions(input.analysis);
    const existing = await ownVideo(caller, videos, input.videoId);
    if (existing.status === VideoStatus.UPLOADED) {
      const task = await tasks.findConfirmTask(db, existing.id);
      if (task) return { video: existing, task };
    }
    if (existing.status === VideoStatus.REJECTED) throw rejection(existing);
    if (existing.status === VideoStatus.EXPIRED)
      throw new AppError(ErrorCode.UPLOAD_URL_EXPIRED, 'the upload was never confirmed and has expired: create a new upload', {
        details: { videoId: existing.id },
      });

    // Checks and the probe run before the transaction: no lock is held while ffprobe reads the file.
    const info = await storage.head(existing.storage_key);
    if (!info) throw new AppError(ErrorCode.UPLOAD_MISSING, 'the video has not been uploaded yet');
    if (info.sizeBytes !== existing.declared_size)
      throw new AppError(ErrorCode.UPLOAD_SIZE_MISMATCH, `uploaded ${info.sizeBytes} bytes but ${existing.declared_size} were declared`, {
        details: { uploaded: info.sizeBytes, declared: existing.declared_size },
      });
    let probe: MediaProbe | null = null;
    let failure: AppError | null = null;
    try {
      const source = await storage.readSource(existing.storage_key);
      probe = await media.probe(source, { timeoutMs: 60_000 });
      // The bytes probed must be the ones whose ETag is recorded (the worker checks it): a PUT that
      // landed while ffprobe read would otherwise slip unprobed content past confirm.
      const after = await storage.head(existing.storage_key);
      if (!after || after.etag !== info.etag || after.sizeBytes !== info.sizeBytes)
        throw new AppError(ErrorCode.SOURCE_CHANGED, 'the upload changed while it was being confirmed: confirm again once it is complete', {
          details: { videoId: existing.id },
        });
      const d = probe.durationSeconds;
      const { minDurationSeconds: min, maxDurationSeconds: max } = this.deps.config.uploads;
      if (d !== null && (d < min || d > max))
        failure = new AppError(ErrorCode.UNSUPPORTED_MEDIA, `duration ${d.toFixed(1)} s is outside the accepted ${min}–${max} s`, {
          details: { reason: 'duration', durationSeconds: d },
        });
    } catch (e) {
      if (e instanceof AppError && e.code === ErrorCode.UNSUPPORTED_MEDIA) failure = e;
      else throw e;
    }

    const outcome = await db.transaction(async (tx) => {
      const video = await videos.getForUpdate(tx, existing.id);
      if (!video) throw notFound('Video');
      // A concurrent confirm won the race: return its task.
      if (video.status === VideoStatus.UPLOADED) {
        const task = await tasks.findConfirmTask(tx, video.id);
        if (task) return { kind: 'ok' as const, video, task };
      }
      if (failure)
        return {
          kind: 'rejected' as const,
          rejected: await videos.markRejected(tx, video.id, info.sizeBytes, failure.code, failure.message),
        };
      await this.checkActiveTasks(tx, video.owner_id);
      const uploaded = await videos.markUploaded(tx, video.id, info.sizeBytes, probe, info.etag ?? null);
      const { task } = await tasks.insert(tx, { videoId: video.id, ownerId: video.owner_id, origin: 'confirm', options });
      const jobId = await jobs.enqueueAnalysis(tx, task.id);
      await tasks.setJobId(tx, task.id, jobId);
      return { kind: 'ok' as const, video: uploaded, task: { ...task, job_id: jobId } };
    });
    if (outcome.kind === 'rejected') throw rejection(outcome.rejected);
    return { video: outcome.video, task: outcome.task };
  }

  async analyzeVideo(
    caller: Caller,
    input: { videoId: string; analysis?: AnalysisOptions | null; idempotencyKey?: string | null },
  ): Promise<TaskRow> {
    const { db, videos, tasks, jobs } = this.deps;
    const options = rules.validateAnalysisOptions(input.analysis);
    const idempotencyKey = rules.idempotencyKey(input.idempotencyKey);
    const video = await ownVideo(caller, videos, input.videoId);
    // Keys are scoped to the video's owner, like the task (an admin re-analysing acts for them).
    const keyOwner = video.owner_id ?? caller.userId!;
    const same = (task: TaskRow) => {
      if (task.video_id !== video.id)
        throw new AppError(ErrorCode.CONFLICT, 'this idempotencyKey was used to analyse another video', { details: { taskId: task.id } });
      return task;
    };
    if (idempotencyKey) {
      const existing = await tasks.byIdempotencyKey(keyOwner, idempotencyKey);
      if (existing) return same(existing);
    }
    if (video.status === VideoStatus.AWAITING_UPLOAD)
      throw new AppError(ErrorCode.UPLOAD_MISSING, 'confirm the upload before analysing it');
    if (video.status === VideoStatus.REJECTED) throw rejection(video);
    try {
      return await db.transaction(async (tx) => {
        await this.checkActiveTasks(tx, video.owner_id);
        const { task } = await tasks.insert(tx, {
          videoId: video.id,
          ownerId: video.owner_id,
          origin: 'reanalysis',
          options,
          idempotencyKey,
        });
        const jobId = await jobs.enqueueAnalysis(tx, task.id);
        await tasks.setJobId(tx, task.id, jobId);
        return { ...task, job_id: jobId };
      });
    } catch (e) {
      // Two calls raced with one key: the unique index let one commit; return its task.
      if (!idempotencyKey || !isUniqueViolation(e)) throw e;
      const winner = await tasks.byIdempotencyKey(keyOwner, idempotencyKey);
      if (!winner) throw e;
      return same(winner);
    }
  }

  /**
   * MAX_ACTIVE_TASKS_PER_USER: queued or running tasks per owner, counted under a per-owner lock in
   * the transaction that would add one (so 30 parallel calls cannot all pass).
   */
  private async checkActiveTasks(tx: Executor, ownerId: string | null): Promise<void> {
    if (!ownerId) return;
    const limit = this.deps.config.quotas.maxActiveTasksPerUser;
    const active = await this.deps.tasks.lockAndCountActive(tx, ownerId);
    if (active >= limit) {
      throw new AppError(
        ErrorCode.TOO_MANY_ACTIVE_TASKS,
        `at most ${limit} analyses may be queued or running at once: wait for one to finish or cancel one`,
        {
          details: { limit, active },
        },
      );
    }
  }
}

function rejection(video: VideoRow): AppError {
  return new AppError(
    (video.rejection_code as ErrorCode) ?? ErrorCode.UNSUPPORTED_MEDIA,
    video.rejection_message ?? 'the file is not a supported video',
    {
      details: { videoId: video.id },
    },
  );
}
