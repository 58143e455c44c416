// The webhook delivery queue. One job per attempt: the service schedules each retry itself (its
// own backoff honours Retry-After, which pg-boss's cannot); pg-boss's own retries only cover a
// worker that died mid-attempt.
import type { Job, PgBoss } from 'pg-boss';
import type { Executor } from '../datasources/postgres/db.js';

export const WEBHOOK_QUEUE = 'webhook-delivery';

export interface WebhookJobData {
  deliveryId: string;
}

const QUEUE_OPTIONS = {
  notify: true,
  deleteAfterSeconds: 7 * 24 * 3600,
  retryLimit: 2,
  retryDelay: 5,
  retryBackoff: true,
  expireInSeconds: 120,
};

export async function ensureWebhookQueue(boss: PgBoss): Promise<void> {
  const existing = await boss.getQueue(WEBHOOK_QUEUE);
  if (existing) await boss.updateQueue(WEBHOOK_QUEUE, QUEUE_OPTIONS);
  else await boss.createQueue(WEBHOOK_QUEUE, QUEUE_OPTIONS);
}

const inTx = (tx: Executor) => ({ executeSql: async (text: string, values?: unknown[]) => ({ rows: await tx.query(text, values) }) });

export class WebhookJobs {
  constructor(private readonly boss: PgBoss) {}

  /** Inside the caller's transaction: the job exists iff the delivery row does. */
  async send(tx: Executor, deliveryId: string, startAfter?: Date): Promise<void> {
    const id = await this.boss.send(WEBHOOK_QUEUE, { deliveryId } satisfies WebhookJobData, {
      db: inTx(tx),
      ...(startAfter ? { startAfter } : {}),
    });
    if (!id) throw new Error(`webhook job for delivery ${deliveryId} was not created`);
  }
}

export async function startWebhookWorker(
  boss: PgBoss,
  deliver: (job: Job<WebhookJobData>) => Promise<void>,
  concurrency = 4,
): Promise<void> {
  // Retries are scheduled with startAfter and found by polling (NOTIFY fires when they are queued, not when due).
  await boss.work<WebhookJobData>(
    WEBHOOK_QUEUE,
    { localConcurrency: concurrency, batchSize: 1, pollingIntervalSeconds: 0.5, notifyPollingIntervalSeconds: 0.5 },
    async ([job]) => deliver(job!),
  );
}
