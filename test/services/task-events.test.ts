// The task-event hub on real Postgres, driven through TasksRepo.transition (the worker's path):
// a subscriber gets the logged events after its afterSequence, then live ones, each once and in
// order, also when a NOTIFY is lost, late or out of order (the log fills the gap). The harness taps
// the real LISTEN connection, so a test decides which notifications the hub hears, and when.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Caller } from '../../src/auth/caller.js';
import { parseTaskNotification } from '../../src/datasources/postgres/tasks.js';
import { ErrorCode } from '../../src/errors.js';
import { TaskStatus, type TaskEventRow } from '../../src/domain/model.js';
import { createHarness, within, type Harness } from './harness.js';

let h: Harness;
let owner: Caller;
beforeAll(async () => {
  h = await createHarness();
  owner = (await h.user()).caller;
});
afterAll(() => h?.stop());
beforeEach(() => {
  h.tap = (p, deliver) => deliver(p);
});

/** Reads a stream as it comes; `until(n)` resolves once n events are in. */
function reader(stream: AsyncIterableIterator<TaskEventRow>) {
  const seen: TaskEventRow[] = [];
  const wakers = new Set<() => void>();
  let ended = false;
  const done = (async () => {
    for await (const e of stream) {
      seen.push(e);
      for (const w of wakers) w();
    }
    ended = true;
    for (const w of wakers) w();
  })();
  const when = (ok: () => boolean, what: string) =>
    within(
      new Promise<void>((resolve) => {
        const check = () => ok() && (wakers.delete(check), resolve());
        wakers.add(check);
        check();
      }),
      10_000,
      what,
    );
  return {
    seen,
    sequences: () => seen.map((e) => e.sequence),
    until: (n: number) => when(() => seen.length >= n || ended, `${n} events`),
    ended: () => within(done, 10_000, 'the end of the stream').then(() => ended),
  };
}

const step = async (taskId: string, to: TaskStatus, progress?: number) => {
  const r = await h.repos.tasks.transition(taskId, { to, progress, message: `${to} ${progress ?? ''}` });
  expect(r.ok).toBe(true);
  return r.ok ? r.event.sequence : -1;
};
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Holds back the notifications `hold` picks (by sequence) for this task until released, in the order given. */
function holdBack(taskId: string, hold: (sequence: number) => boolean) {
  const held = new Map<number, string>();
  const heard: number[] = [];
  const wakers = new Set<() => void>();
  let deliverTo: ((p: string) => void) | undefined;
  h.tap = (p, deliver) => {
    deliverTo = deliver;
    const n = parseTaskNotification(p);
    // The QUEUED notification (1) can arrive after the subscriber already replayed event 1 from the
    // log (a loaded machine delays NOTIFY): it passes, but is not one the tests hold or count.
    const mine = n?.taskId === taskId && n.sequence > 1;
    if (mine) heard.push(n.sequence);
    if (mine && hold(n.sequence)) held.set(n.sequence, p);
    else deliver(p);
    for (const w of wakers) w();
  };
  return {
    heard,
    /** Resolves once the listener has passed `n` notifications of the task through the tap. */
    heardAtLeast(n: number) {
      return within(
        new Promise<void>((resolve) => {
          const check = () => heard.length >= n && (wakers.delete(check), resolve());
          wakers.add(check);
          check();
        }),
        10_000,
        `${n} notifications`,
      );
    },
    release(order: number[]) {
      for (const s of order) deliverTo!(held.get(s)!);
    },
  };
}

describe('replay, then live', () => {
  it('joining with afterSequence: the missed events in order, then live ones, then the end after the terminal event', async () => {
    const task = await h.queuedTask(owner);
    await step(task.id, TaskStatus.PROCESSING);
    await step(task.id, TaskStatus.PROCESSING, 8);
    await step(task.id, TaskStatus.EXTRACTING_AUDIO); // sequence 4
    const r = reader(await h.services.tasks.subscribe(owner, task.id, 2));
    await r.until(2);
    expect(r.sequences()).toEqual([3, 4]);
    for (const to of [TaskStatus.TRANSCRIBING, TaskStatus.ANALYZING_AI, TaskStatus.GENERATING_RECOMMENDATIONS, TaskStatus.COMPLETED]) await step(task.id, to);
    expect(await r.ended()).toBe(true);
    expect(r.sequences()).toEqual(range(3, 8));
    expect(r.seen.map((e) => e.status)).toEqual([TaskStatus.PROCESSING, TaskStatus.EXTRACTING_AUDIO, TaskStatus.TRANSCRIBING, TaskStatus.ANALYZING_AI, TaskStatus.GENERATING_RECOMMENDATIONS, TaskStatus.COMPLETED]);
  });

  it('events committed while the replay runs are neither lost nor doubled (subscribers joining mid-run)', async () => {
    const task = await h.queuedTask(owner);
    await step(task.id, TaskStatus.PROCESSING);
    // 60 progress events written back to back while subscribers join at different points.
    const writing = (async () => {
      for (let i = 0; i < 60; i++) await step(task.id, TaskStatus.PROCESSING, 5 + Math.floor(i / 10));
      await step(task.id, TaskStatus.CANCELLED);
    })();
    const readers = [];
    for (const after of [0, 1, null, 5]) {
      readers.push({ after, r: reader(await h.services.tasks.subscribe(owner, task.id, after)) });
      await new Promise((resolve) => setImmediate(resolve));
    }
    await writing;
    const last = (await h.services.tasks.get(owner, task.id)).last_sequence;
    expect(last).toBe(63);
    for (const { after, r } of readers) {
      expect(await r.ended()).toBe(true);
      expect({ after, got: r.sequences() }).toEqual({ after, got: range((after ?? 0) + 1, last) });
    }
  });

  it('a finished task: the rest of its log, and a resume after the final event completes at once', async () => {
    const task = await h.queuedTask(owner);
    await step(task.id, TaskStatus.CANCELLED);
    const all = reader(await h.services.tasks.subscribe(owner, task.id));
    expect(await all.ended()).toBe(true);
    expect(all.sequences()).toEqual([1, 2]);
    const none = reader(await h.services.tasks.subscribe(owner, task.id, 2));
    expect(await none.ended()).toBe(true);
    expect(none.seen).toEqual([]);
  });
});

describe('gaps', () => {
  it('lost notifications: the next one that arrives brings the missed events from the log, in order', async () => {
    const task = await h.queuedTask(owner);
    const r = reader(await h.services.tasks.subscribe(owner, task.id));
    await r.until(1);
    const tap = holdBack(task.id, (s) => s === 2 || s === 3);
    await step(task.id, TaskStatus.PROCESSING); // 2: never delivered
    await step(task.id, TaskStatus.PROCESSING, 7); // 3: never delivered
    await step(task.id, TaskStatus.EXTRACTING_AUDIO); // 4
    await r.until(4);
    expect(r.sequences()).toEqual([1, 2, 3, 4]);
    expect(tap.heard).toEqual([2, 3, 4]);
    await step(task.id, TaskStatus.CANCELLED);
    expect(await r.ended()).toBe(true);
    expect(r.sequences()).toEqual([1, 2, 3, 4, 5]);
  });

  it('notifications out of order: the later one first fills the gap; the earlier one, arriving after, adds nothing', async () => {
    const task = await h.queuedTask(owner);
    const a = reader(await h.services.tasks.subscribe(owner, task.id));
    const b = reader(await h.services.tasks.subscribe(owner, task.id, 1));
    await a.until(1);
    const tap = holdBack(task.id, (s) => s >= 2 && s <= 4);
    await step(task.id, TaskStatus.PROCESSING); // 2
    await step(task.id, TaskStatus.EXTRACTING_AUDIO); // 3
    await step(task.id, TaskStatus.TRANSCRIBING); // 4
    await tap.heardAtLeast(3);
    expect(a.sequences()).toEqual([1]);
    tap.release([4, 2, 3]);
    await a.until(4);
    await b.until(3);
    await step(task.id, TaskStatus.CANCELLED); // 5, delivered at once
    expect(await a.ended()).toBe(true);
    expect(await b.ended()).toBe(true);
    expect(a.sequences()).toEqual([1, 2, 3, 4, 5]);
    expect(b.sequences()).toEqual([2, 3, 4, 5]);
  });

  it('the final notification lost: a listener reconnect re-reads the log, and the stream ends', async () => {
    const task = await h.queuedTask(owner);
    const r = reader(await h.services.tasks.subscribe(owner, task.id));
    await r.until(1);
    const tap = holdBack(task.id, () => true);
    await step(task.id, TaskStatus.PROCESSING);
    await step(task.id, TaskStatus.CANCELLED);
    await tap.heardAtLeast(2);
    expect(r.sequences()).toEqual([1]);
    h.hub.onReconnect();
    expect(await r.ended()).toBe(true);
    expect(r.sequences()).toEqual([1, 2, 3]);
  });
});

describe('who may subscribe', () => {
  it("someone else's task is NOT_FOUND before any event; a bad afterSequence is BAD_USER_INPUT", async () => {
    const task = await h.queuedTask(owner);
    const stranger = (await h.user()).caller;
    await expect(h.services.tasks.subscribe(stranger, task.id)).rejects.toMatchObject({ code: ErrorCode.NOT_FOUND });
    await expect(h.services.tasks.subscribe(owner, task.id, -1)).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT });
    await expect(h.services.tasks.subscribe(owner, task.id, 1.5)).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT });
  });
});
