// Prometheus metrics (prom-client), one registry per app. Every label takes a bounded set of
// values: operation names are capped, error codes and stages come from our own enums, providers
// from the engines' names.
import client, { type Registry } from 'prom-client';
import { ErrorCode } from '../errors.js';

/** GraphQL/Apollo codes that are not ours but reach clients. */
const GRAPHQL_CODES = [
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'PAYLOAD_TOO_LARGE',
];
const KNOWN_CODES = new Set<string>([...Object.values(ErrorCode), ...GRAPHQL_CODES]);
/** Distinct operation names kept as label values; later ones are counted as `_other`. */
const MAX_OPERATION_NAMES = 100;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export type QueueCounts = { queue: string; queued: number; active: number; deferred: number; failed: number };

export class Metrics {
  readonly registry: Registry = new client.Registry();
  private readonly operationNames = new Set<string>();

  readonly graphqlDuration = new client.Histogram({
    name: 'klike_graphql_request_duration_seconds',
    help: 'GraphQL requests over HTTP, by operation type, operation name (bounded) and outcome',
    labelNames: ['operation_type', 'operation_name', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly graphqlErrors = new client.Counter({
    name: 'klike_graphql_errors_total',
    help: 'GraphQL errors returned to clients (HTTP and WebSocket), by extensions.code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  readonly tasksFinished = new client.Counter({
    name: 'klike_tasks_finished_total',
    help: 'Analysis tasks that reached a final status',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });
  readonly stageDuration = new client.Histogram({
    name: 'klike_stage_duration_seconds',
    help: 'Pipeline stage run time, by stage and outcome',
    labelNames: ['stage', 'outcome'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 180, 600],
    registers: [this.registry],
  });
  readonly analysisDuration = new client.Histogram({
    name: 'klike_analysis_duration_seconds',
    help: 'Whole analysis, first stage start to final status',
    labelNames: ['status'] as const,
    buckets: [1, 2.5, 5, 10, 20, 30, 60, 120, 300, 600, 1800],
    registers: [this.registry],
  });
  readonly analysisPerVideoSecond = new client.Histogram({
    name: 'klike_analysis_seconds_per_video_second',
    help: 'Processing time per second of video, for completed analyses',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 16],
    registers: [this.registry],
  });
  readonly aiCalls = new client.Counter({
    name: 'klike_ai_calls_total',
    help: 'Calls to AI engines, by provider, operation and outcome (ok, error, fallback: the provider failed and the offline engine answered)',
    labelNames: ['provider', 'operation', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly aiFailures = new client.Counter({
    name: 'klike_ai_call_failures_total',
    help: 'Failed calls to AI providers (including those the offline engine stood in for), by provider',
    labelNames: ['provider', 'operation'] as const,
    registers: [this.registry],
  });

  constructor(opts: { defaultMetrics?: boolean } = {}) {
    if (opts.defaultMetrics !== false) client.collectDefaultMetrics({ register: this.registry });
  }

  /** Operation names as label values: valid identifiers, at most MAX_OPERATION_NAMES distinct ones. */
  operationName(name: string | null | undefined): string {
    if (!name) return '_anonymous';
    if (!OPERATION_NAME.test(name)) return '_other';
    if (this.operationNames.has(name)) return name;
    if (this.operationNames.size >= MAX_OPERATION_NAMES) return '_other';
    this.operationNames.add(name);
    return name;
  }

  countError(code: unknown): void {
    this.graphqlErrors.inc({ code: typeof code === 'string' && KNOWN_CODES.has(code) ? code : 'OTHER' });
  }

  /** Queue depth by state, read when scraped (pg-boss's cached counts, refreshed by its monitor). */
  queueGauge(read: () => Promise<QueueCounts[]>): void {
    new client.Gauge({
      name: 'klike_queue_jobs',
      help: 'pg-boss jobs by queue and state (counts refreshed by pg-boss every JOB_SUPERVISE_SECONDS)',
      labelNames: ['queue', 'state'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const q of await read().catch(() => [])) {
          for (const state of ['queued', 'active', 'deferred', 'failed'] as const) this.set({ queue: q.queue, state }, q[state]);
        }
      },
    });
  }

  /** Open WebSocket connections and their active subscriptions, read when scraped. */
  webSocketGauges(read: () => { connections: number; subscriptions: number }): void {
    new client.Gauge({
      name: 'klike_websocket_connections',
      help: 'Open GraphQL WebSocket connections',
      registers: [this.registry],
      collect() {
        this.set(read().connections);
      },
    });
    new client.Gauge({
      name: 'klike_websocket_subscriptions',
      help: 'Active GraphQL subscriptions over WebSocket',
      registers: [this.registry],
      collect() {
        this.set(read().subscriptions);
      },
    });
  }
}

/** An engine's provider as a label: `gemini+fallback:offline` is `gemini`; odd names are `other`. */
export function providerLabel(engineName: string): string {
  const p = engineName.split('+')[0]!.toLowerCase();
  return /^[a-z0-9_.-]{1,32}$/.test(p) ? p : 'other';
}

/** Counts calls and failures of every async method of an engine (a transcriber, analyzer, recommender). */
export function instrumentEngine<T extends { name: string }>(engine: T, metrics: Metrics): T {
  const provider = providerLabel(engine.name);
  return new Proxy(engine, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function' || prop === 'constructor') return value;
      const operation = String(prop);
      return async (...args: unknown[]) => {
        try {
          const out = await value.apply(target, args);
          const fellBack = Boolean(out && typeof out === 'object' && 'fallbackFrom' in out && out.fallbackFrom);
          if (fellBack) metrics.aiFailures.inc({ provider, operation });
          metrics.aiCalls.inc({ provider, operation, outcome: fellBack ? 'fallback' : 'ok' });
          return out;
        } catch (e) {
          metrics.aiFailures.inc({ provider, operation });
          metrics.aiCalls.inc({ provider, operation, outcome: 'error' });
          throw e;
        }
      };
    },
  });
}
