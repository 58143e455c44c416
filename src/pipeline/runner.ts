// Runs one attempt of a task's pipeline. Stages whose output is already stored (an earlier attempt
// got that far) are skipped, so a retry resumes where the last attempt died and duplicates nothing.
import { inSpan } from '../ops/tracing.js';
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError, ErrorCode, isAppError, WorkerShutdown } from '../errors.js';
import { TaskStatus, type TaskRow, type VideoRow } from '../domain/model.js';
import type { TasksRepo } from '../datasources/postgres/tasks.js';
import type { VideosRepo } from '../datasources/postgres/videos.js';
import { isBefore, isTerminal, progressWithin, PROGRESS_BASE } from '../domain/task-lifecycle.js';
import { STAGES } from './stages/index.js';
import { buildResult } from './result.js';
import type { PipelineDeps, Stage, StageContext, StageOutputs } from './types.js';

export interface RunOptions {
  /** Aborted when the job is cancelled or expires (pg-boss) or the task is cancelled (API). */
  signal: AbortSignal;
  attempt: number;
  /** Whether pg-boss will try again after this attempt throws. */
  canRetry: boolean;
}

export type RunOutcome = 'completed' | 'failed' | 'cancelled' | 'skipped';

export class PipelineRunner {
  constructor(
    private readonly tasks: TasksRepo,
    private readonly videos: VideosRepo,
    private readonly deps: PipelineDeps,
    /** The stages in order (tests run the runner with fake ones). */
    private readonly stages: readonly Stage[] = STAGES,
  ) {}

  async run(taskId: string, opts: RunOptions): Promise<RunOutcome> {
    const log = this.deps.logger.child({ taskId, attempt: opts.attempt });
    const observe = this.deps.observe ?? (() => {});
    // Reads only, at once: a failure here leaves the task as it was (QUEUED stays QUEUED for the retry).
    const [found, foundVideo, dir] = await Promise.allSettled([
      this.tasks.forAttempt(taskId),
      this.videos.byTask(taskId),
      fs.mkdtemp(path.join(this.deps.tmpDir, `klike-${taskId.slice(0, 8)}-`)),
    ]);
    const dropDir = () => (dir.status === 'fulfilled' ? fs.rm(dir.value, { recursive: true, force: true }).catch(() => {}) : undefined);
    for (const r of [found, foundVideo, dir]) {
      if (r.status === 'rejected') {
        await dropDir();
        throw r.reason;
      }
    }
    const start = (found as PromiseFulfilledResult<{ task: TaskRow; artifacts: Map<string, unknown> } | null>).value;
    const video = (foundVideo as PromiseFulfilledResult<VideoRow | null>).value;
    const workDir = (dir as PromiseFulfilledResult<string>).value;
    const stored = start?.artifacts ?? new Map<string, unknown>();
    let task = start?.task ?? null;
    if (!task || !video) await dropDir();
    if (!task) return 'skipped';
    // The attempt is counted once: by the transition that starts its first stage (one commit, the
    // pickup's only write before PROCESSING), or here when it starts none (a retry resuming in the
    // status it was in, a task that has ended, a video that has gone).
    const first = this.stages.find((s) => !stored.has(s.name));
    const starts = first && video && !opts.signal.aborted && !isTerminal(task.status) && isBefore(task.status, first.status);
    try {
      if (!starts) {
        task = (await this.tasks.noteAttempt(taskId)) ?? task;
        if (isTerminal(task.status)) {
          await dropDir();
          return 'skipped';
        }
        if (!video) return await this.fail(taskId, new AppError(ErrorCode.NOT_FOUND, 'video no longer exists'), log);
      } else {
        const t = await this.tasks.transition(taskId, {
          to: first.status,
          progress: PROGRESS_BASE[first.status],
          message: `Stage ${first.name} started`,
          countAttempt: true,
        });
        if (!t.ok) {
          // Moved meanwhile (cancelled, or another attempt got there): still one attempt, counted.
          await dropDir();
          await this.tasks.noteAttempt(taskId);
          if (t.task?.status !== TaskStatus.CANCELLED) return 'skipped';
          observe({ event: 'analysis_cancelled', taskId, durationMs: elapsedMs(t.task) });
          return 'cancelled';
        }
        task = t.task;
      }
    } catch (e) {
      await dropDir();
      throw e;
    }
    const videoDurationS = (video.media as { durationSeconds?: number | null } | null)?.durationSeconds ?? null;

    let progressChain: Promise<unknown> = Promise.resolve();
    try {
      // What the stages returned, or an earlier attempt stored (task_artifacts holds each stage's own output).
      const outputs: Partial<StageOutputs> & Record<string, unknown> = {};
      const files = new Map<string, string>();
      for (const stage of this.stages) {
        if (stored.has(stage.name)) {
          outputs[stage.name as string] = stored.get(stage.name);
          continue;
        }
        if (opts.signal.aborted) throw opts.signal.reason ?? new AppError(ErrorCode.CANCELLED, 'cancelled');
        if (isBefore(task.status, stage.status)) {
          const t = await this.tasks.transition(taskId, {
            to: stage.status,
            progress: PROGRESS_BASE[stage.status],
            message: `Stage ${stage.name} started`,
          });
          if (!t.ok) {
            if (t.task?.status !== TaskStatus.CANCELLED) return 'skipped';
            observe({ event: 'analysis_cancelled', taskId, durationMs: elapsedMs(t.task) });
            return 'cancelled';
          }
          task = t.task;
        }
        const timeout = AbortSignal.timeout(this.deps.stageTimeoutMs);
        const signal = AbortSignal.any([opts.signal, timeout]);
        let last = -1;
        let lastAt = 0;
        const ctx: StageContext = {
          task: task!,
          video,
          workDir,
          signal,
          deps: this.deps,
          outputs,
          files,
          progress: (fraction, message) => {
            const p = progressWithin(stage.status, fraction);
            const now = Date.now();
            // Throttled: a step of ≥ 2 points and ≥ 250 ms apart, so the log stays small.
            if (p < last + 2 || now - lastAt < 250) return;
            last = p;
            lastAt = now;
            progressChain = progressChain
              .then(() => this.tasks.transition(taskId, { to: stage.status, progress: p, message: message ?? null }))
              .catch(() => {});
          },
        };
        observe({ event: 'stage_started', taskId, stage: stage.name, attempt: opts.attempt });
        const started = Date.now();
        let out: unknown;
        try {
          out = await inSpan(
            `stage ${stage.name}`,
            { 'klike.task_id': taskId, 'klike.stage': stage.name, 'klike.attempt': opts.attempt },
            () => stage.run(ctx),
          );
        } catch (e) {
          observe({
            event: 'stage_failed',
            taskId,
            stage: stage.name,
            durationMs: Date.now() - started,
            attempt: opts.attempt,
            code: codeOf(opts.signal.reason ?? e),
          });
          if (timeout.aborted && !opts.signal.aborted)
            throw new AppError(ErrorCode.STAGE_TIMEOUT, `stage ${stage.name} timed out`, { retryable: true, cause: e });
          throw e;
        }
        await progressChain;
        await this.tasks.putArtifact(taskId, stage.name, out);
        outputs[stage.name as string] = out;
        observe({ event: 'stage_completed', taskId, stage: stage.name, durationMs: Date.now() - started, attempt: opts.attempt });
      }
      const result = buildResult(outputs);
      const done = await this.tasks.transition(taskId, { to: TaskStatus.COMPLETED, progress: 100, message: 'Analysis complete', result });
      if (!done.ok) return 'skipped';
      observe({ event: 'analysis_completed', taskId, durationMs: elapsedMs(done.task) ?? 0, videoDurationS, score: result.score ?? null });
      return 'completed';
    } catch (e) {
      await progressChain;
      // Our worker is stopping: the job goes back to the queue as it is (see jobs/worker.ts), no event, no retry counted.
      if (opts.signal.aborted && opts.signal.reason instanceof WorkerShutdown) {
        observe({ event: 'analysis_interrupted', taskId, reason: 'shutdown', code: 'WORKER_SHUTDOWN', attempt: opts.attempt });
        throw opts.signal.reason;
      }
      const now = await this.tasks.get(taskId);
      if (!now || now.status === TaskStatus.CANCELLED) {
        if (now) observe({ event: 'analysis_cancelled', taskId, durationMs: elapsedMs(now) });
        return 'cancelled';
      }
      if (isTerminal(now.status)) return 'skipped';
      const retryable = !isAppError(e) || e.retryable;
      if (retryable && opts.canRetry) {
        log.warn('attempt failed; will retry', { error: e });
        observe({ event: 'analysis_interrupted', taskId, reason: 'retry', code: codeOf(e), attempt: opts.attempt });
        await this.tasks.transition(taskId, {
          to: now.status,
          message: `Attempt ${opts.attempt} failed (${isAppError(e) ? e.code : 'internal error'}); retrying`,
        });
        throw e;
      }
      return this.fail(taskId, e, log, videoDurationS);
    } finally {
      await fs.rm(workDir, { recursive: true, force: true }).catch(() => {});
    }
  }

  async fail(taskId: string, e: unknown, log = this.deps.logger, videoDurationS: number | null = null): Promise<RunOutcome> {
    const code = isAppError(e) ? e.code : ErrorCode.INTERNAL_SERVER_ERROR;
    const message = isAppError(e) ? e.message : 'The analysis failed unexpectedly';
    // With the cause chain: a coded failure's message alone rarely says why (see logger.errorFields).
    if (!isAppError(e)) log.error('task failed', { taskId, error: e });
    else log.warn('task failed', { taskId, code, error: e });
    const t = await this.tasks.transition(taskId, { to: TaskStatus.FAILED, message: 'Analysis failed', error: { code, message } });
    if (!t.ok) return 'skipped';
    this.deps.observe?.({ event: 'analysis_failed', taskId, durationMs: elapsedMs(t.task), videoDurationS, code });
    return 'failed';
  }
}

const codeOf = (e: unknown): string =>
  isAppError(e) ? e.code : e instanceof WorkerShutdown ? 'WORKER_SHUTDOWN' : ErrorCode.INTERNAL_SERVER_ERROR;

/** From the first stage's start (or the attempt, for a task that never started) to its final status. */
function elapsedMs(task: TaskRow): number | null {
  if (!task.started_at) return null;
  return (task.finished_at ?? new Date()).getTime() - new Date(task.started_at).getTime();
}

export type { TaskRow };
