// Webhooks: endpoints a user registers, one delivery per (endpoint, event) enqueued in the same
// transaction as the task transition it reports, and the attempts that deliver it at least once.
import { AppError, ErrorCode, notFound } from '../errors.js';
import { isUuid, TaskStatus, type TaskEventRow, type TaskRow } from '../domain/model.js';
import type { Caller } from '../auth/caller.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Database, Executor } from '../datasources/postgres/db.js';
import type { WebhookAttemptRow, WebhookDeliveryRow, WebhookEndpointRow, WebhooksRepo } from '../datasources/postgres/webhooks.js';
import { checkedAddress, type Resolve } from '../datasources/webhooks/address.js';
import { sendWebhook, type SendOutcome } from '../datasources/webhooks/sender.js';
import type { WebhookJobs } from '../jobs/webhooks.js';
import { newWebhookSecret, webhookHeaders } from './webhook-signing.js';

export const WEBHOOK_EVENTS = ['task.updated', 'task.completed', 'task.failed', 'task.cancelled'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

const TERMINAL_EVENT: Partial<Record<TaskStatus, WebhookEvent>> = {
  [TaskStatus.COMPLETED]: 'task.completed',
  [TaskStatus.FAILED]: 'task.failed',
  [TaskStatus.CANCELLED]: 'task.cancelled',
};

/** Per user; a bound on the fan-out one transition can cause. */
export const MAX_ENDPOINTS_PER_USER = 20;
const MAX_URL_LENGTH = 2048;

/** The webhook-id of a delivery: fixed at enqueue time, so every retry carries the same one. */
export const webhookId = (deliveryId: string) => `msg_${deliveryId.replace(/-/g, '')}`;

export interface TransitionChange {
  /** null for the task's first event (QUEUED). */
  previous: TaskStatus | null;
  task: TaskRow;
  event: TaskEventRow;
}

export interface WebhookPayload {
  type: WebhookEvent;
  timestamp: string;
  data: {
    taskId: string;
    videoId: string;
    status: TaskStatus;
    sequence: number;
    progress: number;
    score: number | null;
    grade: string | null;
    error: { code: string; message: string } | null;
    links: { graphql: string; report: string | null };
  };
}

export interface DeliveryWithAttempts extends WebhookDeliveryRow {
  attemptRows: WebhookAttemptRow[];
}

export interface WebhookServiceDeps {
  config: Config;
  db: Database;
  repo: WebhooksRepo;
  jobs: WebhookJobs;
  resolve: Resolve;
  logger: Logger;
  /** The API's public base URL (links in payloads). */
  publicBaseUrl: () => string;
  /** A signed report link for a completed task. */
  reportUrl?: (taskId: string) => string;
  /** Jitter source (Default: Math.random). */
  random?: () => number;
}

export class WebhookService {
  private readonly settings: Config['webhooks'];
  constructor(private readonly deps: WebhookServiceDeps) {
    this.settings = deps.config.webhooks;
  }

  private scope(caller: Caller): string | null {
    if (!caller.userId) throw new AppError(ErrorCode.UNAUTHENTICATED, 'sign in, or send an API key');
    return caller.role === 'admin' ? null : caller.userId;
  }

  /** The endpoint and its secret, which is shown this once. */
  async create(caller: Caller, input: { url: string; events: string[] }): Promise<{ endpoint: WebhookEndpointRow; secret: string }> {
    this.scope(caller);
    const url = await this.checkUrl(input.url);
    const events = [...new Set(input.events)];
    const unknown = events.filter((e) => !(WEBHOOK_EVENTS as readonly string[]).includes(e));
    if (!events.length || unknown.length) {
      throw new AppError(ErrorCode.BAD_USER_INPUT, `events must be some of ${WEBHOOK_EVENTS.join(', ')}`, {
        details: { unknown, allowed: [...WEBHOOK_EVENTS] },
      });
    }
    const existing = await this.deps.repo.listEndpoints(caller.userId!);
    if (existing.length >= MAX_ENDPOINTS_PER_USER)
      throw new AppError(ErrorCode.BAD_USER_INPUT, `at most ${MAX_ENDPOINTS_PER_USER} webhook endpoints per user`, {
        details: { reason: 'TOO_MANY_ENDPOINTS' },
      });
    const secret = newWebhookSecret();
    const endpoint = await this.deps.repo.insertEndpoint({ ownerId: caller.userId!, url, events, secret });
    return { endpoint, secret };
  }

  list(caller: Caller): Promise<WebhookEndpointRow[]> {
    this.scope(caller);
    return this.deps.repo.listEndpoints(caller.userId!);
  }

  async get(caller: Caller, id: string): Promise<WebhookEndpointRow> {
    const e = isUuid(id) ? await this.deps.repo.getEndpoint(id, this.scope(caller)) : null;
    if (!e) throw notFound('Webhook endpoint');
    return e;
  }

  async delete(caller: Caller, id: string): Promise<boolean> {
    const owner = this.scope(caller);
    if (!isUuid(id) || !(await this.deps.repo.deleteEndpoint(id, owner))) throw notFound('Webhook endpoint');
    return true;
  }

  /** A new secret; the old one keeps signing beside it for the grace period (WEBHOOK_SECRET_GRACE_SECONDS). */
  async rotate(caller: Caller, id: string): Promise<{ endpoint: WebhookEndpointRow; secret: string }> {
    const owner = this.scope(caller);
    const secret = newWebhookSecret();
    const endpoint = isUuid(id) ? await this.deps.repo.rotateSecret(id, owner, secret, this.settings.secretGraceSeconds) : null;
    if (!endpoint) throw notFound('Webhook endpoint');
    return { endpoint, secret };
  }

  async deliveries(caller: Caller, endpointId: string, first = 20): Promise<DeliveryWithAttempts[]> {
    await this.get(caller, endpointId);
    if (!Number.isInteger(first) || first < 1 || first > 100) throw new AppError(ErrorCode.BAD_USER_INPUT, 'first must be 1..100');
    const rows = await this.deps.repo.recentDeliveries(endpointId, first);
    const attempts = rows.length ? await this.deps.repo.attemptsFor(rows.map((r) => r.id)) : [];
    return rows.map((r) => ({ ...r, attemptRows: attempts.filter((a) => a.delivery_id === r.id) }));
  }

  /** A URL we may call: http(s), https in production, and a host resolving only to permitted addresses. */
  async checkUrl(raw: string): Promise<string> {
    const refuse = (reason: string, message: string) => new AppError(ErrorCode.BAD_USER_INPUT, message, { details: { reason } });
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw refuse('INVALID_URL', 'url is not a valid absolute URL');
    }
    if (raw.length > MAX_URL_LENGTH) throw refuse('INVALID_URL', `url is longer than ${MAX_URL_LENGTH} characters`);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw refuse('INVALID_URL', 'url must be http or https');
    if (url.protocol !== 'https:' && this.settings.requireHttps) throw refuse('HTTPS_REQUIRED', 'webhook URLs must use https');
    if (url.username || url.password) throw refuse('INVALID_URL', 'url must not carry credentials; verify the signature instead');
    url.hash = '';
    const target = await checkedAddress(url.hostname, this.deps.resolve, this.settings.allowPrivate);
    if ('refused' in target) {
      throw target.refused === 'UNRESOLVABLE'
        ? refuse('UNRESOLVABLE', 'the url’s host does not resolve')
        : refuse('ADDRESS_NOT_ALLOWED', 'the url’s host resolves to a loopback, private, link-local or otherwise non-public address');
    }
    return url.toString();
  }

  /**
   * Called inside the transaction that stores a task transition (TasksRepo.onTransition): the
   * deliveries and their jobs commit with it or not at all. task.updated goes out on each status
   * change (progress ticks within a stage are not sent); a final status adds its own event.
   */
  async onTransition(tx: Executor, change: TransitionChange): Promise<void> {
    const { task, event, previous } = change;
    if (!task.owner_id || previous === event.status) return;
    const types: WebhookEvent[] = ['task.updated'];
    const terminal = TERMINAL_EVENT[event.status];
    if (terminal) types.push(terminal);
    const endpoints = await this.deps.repo.subscribed(tx, task.owner_id, types);
    if (!endpoints.length) return;
    const bodies = new Map(types.map((t) => [t, JSON.stringify(this.payload(t, task, event))]));
    for (const e of endpoints) {
      for (const type of types) {
        if (!e.events.includes(type)) continue;
        const id = await this.deps.repo.insertDelivery(tx, {
          endpointId: e.id,
          eventType: type,
          taskId: task.id,
          sequence: event.sequence,
          payload: bodies.get(type)!,
        });
        await this.deps.jobs.send(tx, id);
      }
    }
  }

  /** Thin: ids, status, sequence, score and links; the receiver reads the rest through the API. */
  payload(type: WebhookEvent, task: TaskRow, event: TaskEventRow): WebhookPayload {
    const result = task.result as { score?: number; grade?: string } | null;
    const completed = event.status === TaskStatus.COMPLETED;
    return {
      type,
      timestamp: new Date(event.at).toISOString(),
      data: {
        taskId: task.id,
        videoId: task.video_id,
        status: event.status,
        sequence: event.sequence,
        progress: event.progress,
        score: completed ? (result?.score ?? null) : null,
        grade: completed ? (result?.grade ?? null) : null,
        error: event.error_code ? { code: event.error_code, message: event.error_message ?? '' } : null,
        links: {
          graphql: `${this.deps.publicBaseUrl()}/graphql`,
          report: completed && this.deps.reportUrl ? this.deps.reportUrl(task.id) : null,
        },
      },
    };
  }

  /** One attempt of a delivery (a pg-boss job), then its outcome and, if due, the next attempt's job. */
  async deliver(deliveryId: string): Promise<'delivered' | 'retry' | 'failed' | 'skipped'> {
    const claimed = await this.deps.repo.claimAttempt(deliveryId);
    if (!claimed) return 'skipped';
    const { delivery: d, endpoint: e } = claimed;
    const log = this.deps.logger.child({ deliveryId, endpointId: e.id, attempt: d.attempts });
    if (e.disabled_at) {
      await this.deps.repo.settle(this.deps.db, d.id, {
        status: 'FAILED',
        statusCode: null,
        error: 'ENDPOINT_DISABLED',
        nextAttemptAt: null,
      });
      return 'failed';
    }
    const now = Date.now();
    const secrets = [e.secret];
    if (e.previous_secret && e.previous_secret_expires_at && e.previous_secret_expires_at.getTime() > now) secrets.push(e.previous_secret);
    const headers = {
      ...webhookHeaders(secrets, webhookId(d.id), Math.floor(now / 1000), d.payload),
      'content-type': 'application/json',
      'user-agent': 'Klike-Webhooks/1',
    };
    const out: SendOutcome =
      this.settings.requireHttps && !e.url.startsWith('https:')
        ? { statusCode: null, errorCode: 'HTTPS_REQUIRED', retryAfterSeconds: null, responseExcerpt: null, durationMs: 0 }
        : await sendWebhook({
            url: e.url,
            headers,
            body: d.payload,
            timeoutMs: this.settings.timeoutMs,
            resolve: this.deps.resolve,
            allowPrivate: this.settings.allowPrivate,
          });
    const ok = out.statusCode !== null && out.statusCode >= 200 && out.statusCode < 300;
    const gone = out.statusCode === 410;
    const exhausted = d.attempts >= this.settings.maxAttempts;
    const error = ok ? null : (out.errorCode ?? `HTTP_${out.statusCode}`);
    const outcome = ok ? 'delivered' : gone || exhausted ? 'failed' : 'retry';
    await this.deps.db.transaction(async (tx) => {
      await this.deps.repo.recordAttempt(tx, d.id, {
        attempt: d.attempts,
        statusCode: out.statusCode,
        errorCode: out.errorCode,
        responseExcerpt: out.responseExcerpt,
        durationMs: out.durationMs,
      });
      if (gone) await this.deps.repo.disableEndpoint(tx, e.id, 'GONE');
      if (outcome === 'retry') {
        const next = new Date(Date.now() + this.retryDelaySeconds(d.attempts, out.retryAfterSeconds) * 1000);
        await this.deps.repo.settle(tx, d.id, { status: 'PENDING', statusCode: out.statusCode, error, nextAttemptAt: next });
        await this.deps.jobs.send(tx, d.id, next);
      } else {
        await this.deps.repo.settle(tx, d.id, {
          status: ok ? 'DELIVERED' : 'FAILED',
          statusCode: out.statusCode,
          error: gone ? 'GONE' : error,
          nextAttemptAt: null,
        });
      }
    });
    log.info('webhook attempt', { outcome, statusCode: out.statusCode, error, ms: out.durationMs });
    return outcome;
  }

  /**
   * Delay after the `attempt`-th failure: base × 4^(attempt−1) (5 s, 20 s, 80 s, … by default),
   * jittered ±25 % so receivers coming back up are not hit in lockstep, at least the receiver's
   * Retry-After, and at most WEBHOOK_RETRY_MAX_SECONDS.
   */
  retryDelaySeconds(attempt: number, retryAfterSeconds: number | null): number {
    const { retryBaseSeconds: base, retryMaxSeconds: max } = this.settings;
    const exp = base * 4 ** Math.max(0, attempt - 1);
    const jittered = exp * (0.75 + 0.5 * (this.deps.random ?? Math.random)());
    return Math.min(max, Math.max(jittered, retryAfterSeconds ?? 0));
  }
}
