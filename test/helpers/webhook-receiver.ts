// A local webhook receiver: records every request and answers per path with a scripted sequence
// of responses; tests wait on the requests arriving (events), never on sleeps.
import http from 'node:http';
import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface Receiver {
  url(path: string): string;
  /** Replies for a path, one per request in order; the last repeats. (Default: 200) */
  script(path: string, replies: Reply[]): void;
  requests(path: string): Received[];
  /** Resolves once `done(requests to path)` holds; rejects after timeoutMs with what arrived. */
  until(path: string, done: (r: Received[]) => boolean, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const scripts = new Map<string, Reply[]>();
  const events = new EventEmitter();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0]!;
      const n = received.filter((r) => r.path === path).length;
      received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
      const replies = scripts.get(path) ?? [{ status: 200 }];
      const reply = replies[Math.min(n, replies.length - 1)]!;
      res.writeHead(reply.status, { 'content-type': 'text/plain', ...reply.headers });
      res.end(reply.body ?? '');
      events.emit('request');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const requests = (path: string) => received.filter((r) => r.path === path);
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    script: (path, replies) => void scripts.set(path, replies),
    requests,
    until(path, done, timeoutMs = 100_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!done(requests(path))) return;
          cleanup();
          resolve(requests(path));
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`receiver: ${path} got ${requests(path).length} request(s), condition not met in ${timeoutMs} ms`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          events.off('request', check);
        };
        events.on('request', check);
        check();
      });
    },
    close: () => new Promise((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}
