// Tracing, opt-in. Spans are made through @opentelemetry/api, whose calls are no-ops until an SDK is
// registered; the SDK (otel-sdk.ts) is imported only when OTEL_EXPORTER_OTLP_ENDPOINT is set, so the
// offline default neither loads it nor stores trace context on jobs.
import { context, propagation, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type http from 'node:http';
import type { Config } from '../config.js';
import { setLogMixin, type Logger } from '../logger.js';

export const tracer = trace.getTracer('klike');

export interface Tracing {
  readonly enabled: boolean;
  /** Exports what is buffered and stops exporting. */
  shutdown(): Promise<void>;
}

const OFF: Tracing = { enabled: false, shutdown: async () => {} };
let active: { tracing: Tracing; users: number } | undefined;

/**
 * Registers the SDK once per process (the API and a worker in one process share it); every caller
 * gets a handle whose shutdown counts down to the real one.
 */
export async function startTracing(config: Config, service: string, logger: Logger): Promise<Tracing> {
  const otel = config.ops.otel;
  if (!otel) return OFF;
  if (!active) {
    const { registerSdk } = await import('./otel-sdk.js');
    const sdk = registerSdk({ ...otel, serviceName: otel.serviceName ?? service });
    setLogMixin(traceFields);
    logger.info('tracing on', { event: 'tracing_started', endpoint: otel.tracesUrl });
    active = {
      users: 0,
      tracing: {
        enabled: true,
        shutdown: async () => {
          setLogMixin(undefined);
          await sdk.shutdown();
        },
      },
    };
  }
  const shared = active;
  shared.users++;
  let done = false;
  return {
    enabled: true,
    shutdown: async () => {
      if (done) return;
      done = true;
      if (--shared.users === 0) {
        active = undefined;
        await shared.tracing.shutdown();
      }
    },
  };
}

/** `trace_id` and `span_id` on every log line written inside a span. */
function traceFields(): Record<string, unknown> {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}

/**
 * Runs an HTTP request inside a SERVER span that continues an incoming `traceparent`; resolvers and
 * the jobs they enqueue see it as the active context. Named after the GraphQL operation once known.
 */
export function withRequestSpan(req: http.IncomingMessage, res: http.ServerResponse, fn: () => Promise<void>): Promise<void> {
  const parent = propagation.extract(context.active(), req.headers);
  const path = (req.url ?? '/').split('?')[0];
  const span = tracer.startSpan(
    `${req.method ?? 'GET'} ${path}`,
    { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method ?? 'GET', 'url.path': path } },
    parent,
  );
  if (!span.isRecording()) return fn();
  res.once('close', () => {
    span.setAttribute('http.response.status_code', res.statusCode);
    if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
  return context.with(trace.setSpan(parent, span), fn);
}

/** The active request span takes the operation's name (`mutation confirmVideoUpload`). */
export function nameOperation(kind: string | undefined, name: string | null | undefined): void {
  const span = trace.getActiveSpan();
  if (!span?.isRecording()) return;
  span.updateName(`${kind ?? 'graphql'} ${name ?? 'anonymous'}`);
  span.setAttribute('graphql.operation.type', kind ?? 'unknown');
  if (name) span.setAttribute('graphql.operation.name', name);
}

/** Runs `fn` in a child span of the active one (a pipeline stage); errors mark it failed. */
export async function inSpan<T>(name: string, attributes: Record<string, string | number>, fn: (span: Span) => Promise<T>): Promise<T> {
  return tracer.startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await fn(span);
    } catch (e) {
      span.recordException(e as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (e as Error)?.message });
      throw e;
    } finally {
      span.end();
    }
  });
}
