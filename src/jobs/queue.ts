// pg-boss, in its own schema of our database. No business logic here: queues, enqueueing, workers.
import { PgBoss, type Job } from 'pg-boss';
import type { Config } from '../config.js';
import type { Executor } from '../datasources/postgres/db.js';
import type { Logger } from '../logger.js';
import { ensureWebhookQueue } from './webhooks.js';
import type { TaskObserver } from '../ops/task-observer.js';

export const ANALYZE_QUEUE = 'analyze-video';
/** Jobs that exhausted their retries (including workers that died on every attempt) land here. */
export const ANALYZE_DEAD_QUEUE = 'analyze-video-dead';

export interface AnalyzeJobData {
  taskId: string;
}

export function createBoss(url: string, config: Config, logger: Logger, opts: { supervise: boolean; tracing?: boolean }): PgBoss {
  const boss = new PgBoss({
    connectionString: url,
    schema: config.database.bossSchema,
    max: 4,
    application_name: 'klike-jobs',
    // Workers wake on NOTIFY within milliseconds instead of waiting out a polling interval.
    useListenNotify: true,
    supervise: opts.supervise,
    superviseIntervalSeconds: config.jobs.superviseSeconds,
    // Heartbeat and expiry checks run in the monitor pass, which otherwise comes only once a minute.
    monitorIntervalSeconds: config.jobs.superviseSeconds,
    // The housekeeping cron (jobs/housekeeping.ts) is kept by processes that run workers.
    schedule: opts.supervise,
    // With tracing on, a job carries the trace of the request that enqueued it into the worker's spans;
    // off, pg-boss stores no context and makes no spans.
    openTelemetry: { enabled: Boolean(opts.tracing), propagateContext: Boolean(opts.tracing) },
  });
  boss.on('error', (e) => logger.error('pg-boss error', { error: e }));
  boss.on('warning', (w) => logger.warn('pg-boss warning', { warning: w as unknown as Record<string, unknown> }));
  return boss;
}

/** Creates the queues, or brings existing ones in line with the config (a changed retry or heartbeat setting applies on restart). */
export async function ensureQueues(boss: PgBoss, config: Config): Promise<void> {
  const existing = new Set((await boss.getQueues()).map((q) => q.name));
  const common = { notify: true, deleteAfterSeconds: 7 * 24 * 3600 };
  const dead = { ...common, retryLimit: 5, retryBackoff: true };
  const main = {
    ...common,
    retryLimit: config.jobs.retryLimit,
    retryDelay: 1,
    retryBackoff: true,
    retryDelayMax: 60,
    // A worker that stops heartbeating (killed, hung machine) loses the job to another worker.
    heartbeatSeconds: config.jobs.heartbeatSeconds,
    expireInSeconds: config.jobs.expireSeconds,
    deadLetter: ANALYZE_DEAD_QUEUE,
  };
  if (existing.has(ANALYZE_DEAD_QUEUE)) await boss.updateQueue(ANALYZE_DEAD_QUEUE, dead);
  else await boss.createQueue(ANALYZE_DEAD_QUEUE, dead);
  if (existing.has(ANALYZE_QUEUE)) await boss.updateQueue(ANALYZE_QUEUE, main);
  else await boss.createQueue(ANALYZE_QUEUE, main);
  await ensureWebhookQueue(boss);
}

/** pg-boss statements run inside our transaction, so the job exists iff the task does. */
const inTx = (tx: Executor) => ({ executeSql: async (text: string, values?: unknown[]) => ({ rows: await tx.query(text, values) }) });

export class JobQueue {
  constructor(
    private readonly boss: PgBoss,
    private readonly config: Config,
    private readonly observe?: TaskObserver,
  ) {}

  async enqueueAnalysis(tx: Executor, taskId: string): Promise<string> {
    const id = await this.boss.send(ANALYZE_QUEUE, { taskId } satisfies AnalyzeJobData, {
      db: inTx(tx),
      singletonKey: taskId,
      // Per job as well as per queue: a process's cached queue settings may predate a config change.
      heartbeatSeconds: this.config.jobs.heartbeatSeconds,
      expireInSeconds: this.config.jobs.expireSeconds,
      retryLimit: this.config.jobs.retryLimit,
    });
    if (!id) throw new Error(`analysis job for task ${taskId} was not created`);
    this.observe?.({ event: 'task_queued', taskId });
    return id;
  }

  /** Removes a job that has not finished; a running handler learns of the cancellation through the task. */
  async cancel(jobId: string): Promise<void> {
    await this.boss.cancel(ANALYZE_QUEUE, jobId).catch(() => {});
  }
}

export async function startAnalysisWorkers(
  boss: PgBoss,
  config: Config,
  handlers: {
    analyze: (job: Job<AnalyzeJobData>) => Promise<void>;
    dead: (job: Job<AnalyzeJobData>) => Promise<void>;
  },
): Promise<void> {
  await boss.work<AnalyzeJobData>(
    ANALYZE_QUEUE,
    {
      localConcurrency: config.jobs.concurrency,
      batchSize: 1,
      includeMetadata: true,
      // NOTIFY wakes workers for new jobs; retries (and a missed NOTIFY) wait for this backstop poll.
      notifyPollingIntervalSeconds: 2,
      pollingIntervalSeconds: 2,
    },
    async ([job]) => handlers.analyze(job!),
  );
  await boss.work<AnalyzeJobData>(ANALYZE_DEAD_QUEUE, { batchSize: 1, pollingIntervalSeconds: 2 }, async ([job]) => handlers.dead(job!));
}
