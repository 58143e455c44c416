// Child process: the baseline. A bare graphql-ws server (ws + graphql-ws/use/ws, a plain `graphql`
// schema) with one subscription field of the same name, arguments and payload shape as Klike's
// taskUpdated, fed by an in-process broadcaster: {type:'emit', seq} over IPC pushes one event,
// stamped `at` = now, to every subscriber. Answers {type:'mem'} like the Klike child.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { GraphQLID, GraphQLInt, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString, GraphQLBoolean } from 'graphql';
import { answerMemoryRequests, childGuard, fdLimits } from './common.js';

childGuard('bare-server');

interface BareEvent {
  taskId: string;
  sequence: number;
  status: string;
  progress: number;
  message: string | null;
  at: string;
}

/** One subscriber's queue: a minimal push-based async iterator. */
class Queue implements AsyncIterableIterator<BareEvent> {
  private buf: BareEvent[] = [];
  private wait: ((r: IteratorResult<BareEvent>) => void) | null = null;
  private done = false;
  constructor(private readonly onEnd: () => void) {}
  push(e: BareEvent) {
    if (this.done) return;
    if (this.wait) {
      const w = this.wait;
      this.wait = null;
      w({ value: e, done: false });
    } else this.buf.push(e);
  }
  next(): Promise<IteratorResult<BareEvent>> {
    if (this.buf.length) return Promise.resolve({ value: this.buf.shift()!, done: false });
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((r) => (this.wait = r));
  }
  return(): Promise<IteratorResult<BareEvent>> {
    this.done = true;
    this.buf = [];
    this.onEnd();
    this.wait?.({ value: undefined, done: true });
    this.wait = null;
    return Promise.resolve({ value: undefined, done: true });
  }
  [Symbol.asyncIterator]() {
    return this;
  }
}

const subscribers = new Set<Queue>();

const TaskEvent = new GraphQLObjectType({
  name: 'TaskEvent',
  fields: {
    taskId: { type: new GraphQLNonNull(GraphQLID) },
    sequence: { type: new GraphQLNonNull(GraphQLInt) },
    status: { type: new GraphQLNonNull(GraphQLString) },
    progress: { type: new GraphQLNonNull(GraphQLInt) },
    message: { type: GraphQLString },
    at: { type: new GraphQLNonNull(GraphQLString) },
  },
});

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLBoolean, resolve: () => true } } }),
  subscription: new GraphQLObjectType({
    name: 'Subscription',
    fields: {
      taskUpdated: {
        type: new GraphQLNonNull(TaskEvent),
        args: { taskId: { type: new GraphQLNonNull(GraphQLID) }, afterSequence: { type: GraphQLInt } },
        subscribe: () => {
          const q: Queue = new Queue(() => subscribers.delete(q));
          subscribers.add(q);
          return q;
        },
        resolve: (e: BareEvent) => e,
      },
    },
  }),
});

const server = http.createServer((_req, res) => {
  res.statusCode = 404;
  res.end();
});
const wss = new WebSocketServer({ server, path: '/graphql', maxPayload: 1_000_000 });
const ws = useServer({ schema }, wss);
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const { port } = server.address() as AddressInfo;

answerMemoryRequests();
process.on('message', async (m: any) => {
  if (m?.type === 'emit') {
    const e: BareEvent = { taskId: 'bare', sequence: m.seq, status: 'PROCESSING', progress: 5, message: 'bench', at: new Date().toISOString() };
    for (const s of subscribers) s.push(e);
    process.send!({ type: 'emitted', seq: m.seq, subscribers: subscribers.size });
  } else if (m?.type === 'stop') {
    for (const c of wss.clients) c.terminate();
    await ws.dispose();
    server.close();
    process.exit(0);
  }
});
process.send!({ type: 'ready', wsUrl: `ws://127.0.0.1:${port}/graphql`, pid: process.pid, fds: fdLimits() });
