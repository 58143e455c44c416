// The operational routes — GET /healthz, /readyz and /metrics — for the API's port, or for a
// listener of their own (METRICS_PORT), which is how worker-only processes expose them.
import http from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { Health } from './health.js';
import type { Metrics } from './metrics.js';

export interface OpsRoutesOptions {
  health: Health;
  /** Absent: /metrics is not served by this handler. */
  metrics?: Metrics;
  /** METRICS_TOKEN: scrapers must send `Authorization: Bearer <token>`. */
  metricsToken?: string;
}

export type Route = (req: http.IncomingMessage, res: http.ServerResponse) => boolean;

export function opsRoutes(opts: OpsRoutesOptions): Route {
  return (req, res) => {
    const pathname = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    if (pathname === '/healthz') {
      send(res, 200, 'application/json; charset=utf-8', JSON.stringify({ status: 'ok' }));
      return true;
    }
    if (pathname === '/readyz') {
      void opts.health.readiness().then(
        (r) => send(res, r.ready ? 200 : 503, 'application/json; charset=utf-8', JSON.stringify(r)),
        () => send(res, 503, 'text/plain', 'readiness check failed'),
      );
      return true;
    }
    if (pathname === '/metrics' && opts.metrics) {
      if (opts.metricsToken && !bearerMatches(req.headers.authorization, opts.metricsToken)) {
        res.setHeader('WWW-Authenticate', 'Bearer');
        send(
          res,
          401,
          'application/json; charset=utf-8',
          JSON.stringify({ error: { code: 'UNAUTHENTICATED', message: 'metrics need a bearer token' } }),
        );
        return true;
      }
      const registry = opts.metrics.registry;
      void registry.metrics().then(
        (text) => send(res, 200, registry.contentType, text),
        () => send(res, 500, 'text/plain', 'metrics collection failed'),
      );
      return true;
    }
    return false;
  };
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer\s+(.+)$/i.exec(header ?? '')?.[1]?.trim() ?? '');
  const want = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
}

function send(res: http.ServerResponse, status: number, type: string, body: string): void {
  if (res.headersSent) return;
  res.statusCode = status;
  res.setHeader('Content-Type', type);
  res.setHeader('Cache-Control', 'no-store');
  res.end(body);
}

/** A listener serving only the operational routes (METRICS_PORT). */
export async function startOpsServer(route: Route, port: number, host: string): Promise<{ port: number; stop(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    if (!route(req, res))
      send(res, 404, 'application/json; charset=utf-8', JSON.stringify({ error: { code: 'NOT_FOUND', message: 'Not found' } }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as import('node:net').AddressInfo).port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
