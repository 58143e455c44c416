// Wires pg-boss jobs to the pipeline runner, and hears cancellations through task notifications.
import type { PgBoss } from 'pg-boss';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { AppError, ErrorCode } from '../errors.js';
import { TaskStatus } from '../model.js';
import type { TasksRepo } from '../datasources/postgres/tasks.js';
import type { PipelineRunner } from '../pipeline/runner.js';
import type { TaskEventHub } from '../services/task-events.js';
import { startAnalysisWorkers } from './queue.js';

export async function startWorker(deps: { boss: PgBoss; config: Config; logger: Logger; runner: PipelineRunner; tasks: TasksRepo; hub: TaskEventHub }): Promise<{ running: Map<string, AbortController> }> {
  const { boss, config, logger, runner, tasks, hub } = deps;
  const running = new Map<string, AbortController>();
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
      try {
        const outcome = await runner.run(taskId, {
          signal: AbortSignal.any([job.signal, ctrl.signal]),
          attempt: job.retryCount + 1,
          canRetry: job.retryCount < (meta.retryLimit ?? config.jobs.retryLimit),
        });
        logger.info('task attempt finished', { taskId, outcome, attempt: job.retryCount + 1 });
      } finally {
        running.delete(taskId);
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
  return { running };
}
