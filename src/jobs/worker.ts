// Wires pg-boss jobs to the pipeline runner, hears cancellations through task notifications, and
// drains on shutdown: stop fetching, let in-flight analyses finish within a grace period, then hand
// the rest back to the queue at once (another worker continues them from their last stored stage,
// instead of waiting for this one's heartbeat to expire).
import type { PgBoss } from 'pg-boss';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { AppError, ErrorCode, WorkerShutdown } from '../errors.js';
import { TaskStatus } from '../domain/model.js';
import type { TaskNotification, TasksRepo } from '../datasources/postgres/tasks.js';
import type { PipelineRunner } from '../pipeline/runner.js';
import { ANALYZE_DEAD_QUEUE, ANALYZE_QUEUE, startAnalysisWorkers } from './queue.js';

export interface WorkerHandle {
  running: Map<string, AbortController>;
  /** Stops fetching, waits up to graceMs for running analyses, hands the rest back. */
  drain(graceMs: number): Promise<{ finished: number; handedBack: number }>;
}

/** What the worker needs of the task event hub: every task notification this process hears. */
export interface TaskNotifications {
  onAny(listener: (n: TaskNotification) => void): () => void;
}

export async function startWorker(deps: {
  boss: PgBoss;
  config: Config;
  logger: Logger;
  runner: PipelineRunner;
  tasks: TasksRepo;
  hub: TaskNotifications;
}): Promise<WorkerHandle> {
  const { boss, config, logger, runner, tasks, hub } = deps;
  const running = new Map<string, AbortController>();
  const settled = new Map<string, Promise<void>>();
  // The notification carries the new status: no read per event, even for our own progress events.
  hub.onAny(({ taskId, status }) => {
    if (status === TaskStatus.CANCELLED) running.get(taskId)?.abort(new AppError(ErrorCode.CANCELLED, 'cancelled on request'));
  });
  await startAnalysisWorkers(boss, config, {
    analyze: async (job) => {
      const { taskId } = job.data;
      const meta = job as typeof job & { retryLimit?: number };
      const ctrl = new AbortController();
      running.set(taskId, ctrl);
      let done!: () => void;
      settled.set(taskId, new Promise<void>((r) => (done = r)));
      try {
        const outcome = await runner.run(taskId, {
          signal: AbortSignal.any([job.signal, ctrl.signal]),
          attempt: job.retryCount + 1,
          canRetry: job.retryCount < (meta.retryLimit ?? config.jobs.retryLimit),
        });
        logger.info('task attempt finished', { taskId, outcome, attempt: job.retryCount + 1 });
      } catch (e) {
        // The runner has stopped (nothing of this attempt is still writing): give the job back as
        // it was, same retry count, claimable now. pg-boss's own fail of this attempt then finds no
        // active job to fail (it is fenced to the attempt it handed out).
        if (e instanceof WorkerShutdown)
          await handBack(boss, config, job.id).catch((err) =>
            logger.error('could not hand a job back', { taskId, jobId: job.id, error: err }),
          );
        throw e;
      } finally {
        running.delete(taskId);
        settled.delete(taskId);
        done();
      }
    },
    // Retries exhausted without an attempt settling the task (workers died): fail it, never leave it stuck.
    dead: async (job) => {
      const t = await tasks.get(job.data.taskId);
      if (t && ![TaskStatus.COMPLETED, TaskStatus.FAILED, TaskStatus.CANCELLED].includes(t.status)) {
        await runner.fail(t.id, new AppError(ErrorCode.WORKER_LOST, 'the analysis was interrupted too many times'));
      }
    },
  });
  return {
    running,
    async drain(graceMs) {
      await Promise.all([boss.offWork(ANALYZE_QUEUE, { wait: false }), boss.offWork(ANALYZE_DEAD_QUEUE, { wait: false })]);
      const inFlight = settled.size;
      if (inFlight) logger.info('draining: waiting for running analyses', { running: inFlight, grace_ms: graceMs });
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.all(settled.values()), new Promise<void>((r) => (timer = setTimeout(r, graceMs)))]);
      clearTimeout(timer);
      const left = [...running.values()];
      for (const ctrl of left) ctrl.abort(new WorkerShutdown());
      await Promise.all(settled.values());
      if (inFlight) logger.info('drained', { finished: inFlight - left.length, handed_back: left.length });
      return { finished: inFlight - left.length, handedBack: left.length };
    },
  };
}

/** pg-boss's restore: back to `created`, claimable at once, its retry count untouched (a shutdown is not a failure). */
async function handBack(boss: PgBoss, config: Config, jobId: string): Promise<void> {
  const db = boss.getDb() as { executeSql(sql: string, values?: unknown[]): Promise<unknown> };
  await db.executeSql(
    `UPDATE ${config.database.bossSchema}.job SET state = 'created', started_on = NULL, heartbeat_on = NULL, upsert_by_key = NULL, start_after = now()
      WHERE name = $1 AND id = $2 AND state = 'active'`,
    [ANALYZE_QUEUE, jobId],
  );
}
