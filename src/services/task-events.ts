// Fan-out of task events to subscribers in this process. Postgres NOTIFY says "task X has event N";
// the hub reads new rows once per task however many subscribers it has, and each subscription
// orders them against its own position, filling gaps from the log: no gap, no duplicate.
import type { TaskEventRow } from '../domain/model.js';
import { parseTaskNotification, type TaskNotification, type TasksRepo } from '../datasources/postgres/tasks.js';
import { isTerminal } from '../domain/task-lifecycle.js';
import { Channel } from './channel.js';
import type { Logger } from '../logger.js';

type Sink = (event: TaskEventRow) => void;

interface TaskEntry {
  sinks: Set<Sink>;
  /** Highest sequence this hub has read for the task; reads continue from here. */
  fetched: number;
  reading: Promise<void>;
}

export class TaskEventHub {
  private readonly tasks = new Map<string, TaskEntry>();
  private readonly localListeners = new Set<(n: TaskNotification) => void>();

  constructor(
    private readonly repo: TasksRepo,
    private readonly logger: Logger,
  ) {}

  /** Called for each NOTIFY payload "taskId:sequence". */
  onNotification(payload: string): void {
    const n = parseTaskNotification(payload);
    if (!n) return;
    for (const l of this.localListeners) l(n);
    const entry = this.tasks.get(n.taskId);
    if (entry && n.sequence > entry.fetched) this.read(n.taskId, entry, n.sequence);
  }

  /** After a listener reconnect: anything may have been missed, so read every watched task anew. */
  onReconnect(): void {
    for (const [taskId, entry] of this.tasks) this.read(taskId, entry, Number.MAX_SAFE_INTEGER);
  }

  /** Raw notifications (used by workers to hear of cancellations without polling). */
  onAny(listener: (n: TaskNotification) => void): () => void {
    this.localListeners.add(listener);
    return () => this.localListeners.delete(listener);
  }

  private read(taskId: string, entry: TaskEntry, upTo: number): void {
    entry.reading = entry.reading.then(async () => {
      if (entry.fetched >= upTo || entry.sinks.size === 0) return;
      try {
        // Unknown start (-1): read just what was announced; subscribers fill any older gap themselves.
        const from = entry.fetched >= 0 ? entry.fetched : upTo === Number.MAX_SAFE_INTEGER ? 0 : upTo - 1;
        const rows = await this.repo.eventsAfter(taskId, from, upTo === Number.MAX_SAFE_INTEGER ? undefined : upTo);
        for (const row of rows) {
          entry.fetched = Math.max(entry.fetched, row.sequence);
          for (const sink of entry.sinks) sink(row);
        }
      } catch (e) {
        this.logger.warn('could not read task events', { taskId, error: e });
      }
    });
  }

  private register(taskId: string, sink: Sink): () => void {
    let entry = this.tasks.get(taskId);
    if (!entry) {
      entry = { sinks: new Set(), fetched: -1, reading: Promise.resolve() };
      this.tasks.set(taskId, entry);
    }
    entry.sinks.add(sink);
    const e = entry;
    return () => {
      e.sinks.delete(sink);
      if (e.sinks.size === 0 && this.tasks.get(taskId) === e) this.tasks.delete(taskId);
    };
  }

  /**
   * Replays logged events after `afterSequence` (all when omitted), then streams live ones, and ends
   * after a terminal event. `isTaskTerminal` reports whether the task had already finished, so a
   * client resuming after the final event gets a completed stream rather than a silent one.
   */
  subscribe(taskId: string, afterSequence: number | null | undefined): AsyncIterableIterator<TaskEventRow> {
    let last = Math.max(0, afterSequence ?? 0);
    let chain: Promise<void> = Promise.resolve();
    const channel: Channel<TaskEventRow> = new Channel(() => unregister());
    const emit = (e: TaskEventRow) => {
      if (channel.closed || e.sequence !== last + 1) return;
      last = e.sequence;
      channel.push(e);
      if (isTerminal(e.status)) channel.close();
    };
    const deliver = async (e: TaskEventRow) => {
      if (channel.closed || e.sequence <= last) return;
      if (e.sequence > last + 1) for (const m of await this.repo.eventsAfter(taskId, last, e.sequence - 1)) emit(m);
      emit(e);
    };
    // Register before replaying, so nothing committed during the replay is lost. Work runs in order on
    // one chain; an event that arrives in order with nothing pending is emitted at once (the hot path).
    let pending = 1;
    const settle = () => {
      pending--;
    };
    const unregister = this.register(taskId, (e) => {
      if (pending === 0 && e.sequence === last + 1) return emit(e);
      pending++;
      chain = chain
        .then(() => deliver(e))
        .catch((err) => channel.fail(err))
        .finally(settle);
    });
    chain = chain
      .then(async () => {
        for (const e of await this.repo.eventsAfter(taskId, last)) emit(e);
        if (!channel.closed) {
          const task = await this.repo.get(taskId);
          if (task && isTerminal(task.status) && last >= task.last_sequence) channel.close();
        }
      })
      .catch((err) => channel.fail(err))
      .finally(settle);
    return channel;
  }
}
