// Child process: N graphql-ws clients, one WebSocket each, every one subscribed once. Config comes
// as JSON in BENCH_CLIENTS: { url, n, query, variables: [...] (client i uses variables[i % len]),
// connectionParams, concurrency }. For each received event it records (receive time − the event's `at`) in ms, both
// epoch clocks of this machine. IPC out: {type:'connected'} once every socket is acknowledged,
// {type:'all', seq} when all N clients have event `seq`, and {type:'report'} with the latencies (per
// sequence, in arrival order) of the sequences asked for by {type:'report', from, to}, and how many
// events a client received twice (each client remembers the sequences it got: a duplicate is not
// counted as a delivery, so lost = expected − delivered).
import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';
import { childGuard, fdLimits, nowMs } from './common.js';

childGuard('clients');

interface Config {
  url: string;
  n: number;
  query: string;
  variables: Record<string, unknown>[];
  /** graphql-ws connection_init payload, e.g. { authorization: 'Bearer …' }. */
  connectionParams?: Record<string, unknown>;
  concurrency?: number;
}
const cfg = JSON.parse(process.env.BENCH_CLIENTS ?? '{}') as Config;

const latencies = new Map<number, number[]>();
/** Per client, the sequences it has received. */
const seen: Set<number>[] = [];
let duplicates = 0;
let errors = 0;
let closedEarly = 0;
let firstError: string | undefined;
const clients: Client[] = [];
let stopping = false;

function onEvent(i: number, data: { taskUpdated?: { sequence: number; at: string } } | null | undefined): void {
  const now = nowMs();
  const ev = data?.taskUpdated;
  if (!ev) return;
  const mine = (seen[i] ??= new Set());
  if (mine.has(ev.sequence)) {
    duplicates++;
    return;
  }
  mine.add(ev.sequence);
  const lat = now - Date.parse(ev.at);
  let list = latencies.get(ev.sequence);
  if (!list) latencies.set(ev.sequence, (list = []));
  list.push(lat);
  if (list.length === cfg.n) process.send!({ type: 'all', seq: ev.sequence });
}

function open(i: number): Promise<void> {
  return new Promise((resolve) => {
    let settled = false;
    const done = () => {
      if (!settled) {
        settled = true;
        resolve();
      }
    };
    const client = createClient({
      url: cfg.url,
      webSocketImpl: WebSocket,
      connectionParams: cfg.connectionParams,
      lazy: true,
      retryAttempts: 0,
      // The bench measures steady delivery, not keep-alive chatter.
      keepAlive: 0,
      on: {
        connected: () => done(),
        closed: () => {
          if (!stopping) closedEarly++;
          done();
        },
        error: (e) => {
          errors++;
          firstError ??= String((e as Error)?.message ?? e);
          done();
        },
      },
    });
    clients.push(client);
    client.subscribe<{ taskUpdated: { sequence: number; at: string } }>(
      { query: cfg.query, variables: cfg.variables[i % cfg.variables.length] },
      {
        next: (r) => {
          if (r.errors?.length) {
            errors++;
            firstError ??= JSON.stringify(r.errors[0]);
          }
          onEvent(i, r.data);
        },
        error: (e) => {
          errors++;
          firstError ??= JSON.stringify(e);
        },
        complete: () => {},
      },
    );
  });
}

const t0 = nowMs();
const window = cfg.concurrency ?? 64;
let next = 0;
await Promise.all(
  Array.from({ length: Math.min(window, cfg.n) }, async () => {
    while (next < cfg.n) {
      await open(next++);
      // Progress for the parent's log: 10,000 sockets take minutes on a loaded machine.
      if (clients.length % 1000 === 0) process.send!({ type: 'progress', opened: clients.length, ms: nowMs() - t0, errors });
    }
  }),
);
process.send!({ type: 'connected', n: clients.length, ms: nowMs() - t0, errors, closedEarly, firstError, fds: fdLimits() });

process.on('message', async (m: any) => {
  if (m?.type === 'report') {
    // Per sequence, in arrival order: the first entry is the first client served, the last the last.
    const perSeq: Record<number, number[]> = {};
    for (let s = m.from; s <= m.to; s++) perSeq[s] = latencies.get(s) ?? [];
    process.send!({ type: 'report', perSeq, duplicates, errors, closedEarly, firstError });
  } else if (m?.type === 'stop') {
    stopping = true;
    await Promise.all(clients.map((c) => c.dispose())).catch(() => {});
    process.exit(0);
  }
});
