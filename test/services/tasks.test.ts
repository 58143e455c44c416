// TaskService without HTTP: reads scoped by owner (an admin sees all), cancellation and its rules.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../src/auth/caller.js';
import { ErrorCode } from '../../src/errors.js';
import { TaskStatus, type TaskRow } from '../../src/domain/model.js';
import { createHarness, type Harness } from './harness.js';

let h: Harness;
let alice: Caller;
let bob: Caller;
let admin: Caller;
let aliceTasks: TaskRow[];
let bobTask: TaskRow;
beforeAll(async () => {
  h = await createHarness();
  [alice, bob, admin] = [(await h.user()).caller, (await h.user()).caller, (await h.user('admin')).caller];
  aliceTasks = [await h.queuedTask(alice), await h.queuedTask(alice)];
  bobTask = await h.queuedTask(bob);
});
afterAll(() => h?.stop());

const NOT_FOUND = { code: ErrorCode.NOT_FOUND, message: 'Task not found' };

async function jobState(jobId: string): Promise<string> {
  const [row] = await h.db.query<{ state: string }>(`SELECT state FROM ${h.config.database.bossSchema}.job WHERE id = $1`, [jobId]);
  return row!.state;
}

describe('get and list', () => {
  it('an owner reads their task; anyone else gets NOT_FOUND, as for a missing id; an admin reads any', async () => {
    const [t] = aliceTasks;
    expect((await h.services.tasks.get(alice, t!.id)).id).toBe(t!.id);
    await expect(h.services.tasks.get(bob, t!.id)).rejects.toMatchObject(NOT_FOUND);
    expect((await h.services.tasks.get(admin, t!.id)).id).toBe(t!.id);
    await expect(h.services.tasks.get(alice, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject(NOT_FOUND);
    // A malformed id never reaches a uuid cast in SQL.
    await expect(h.services.tasks.get(alice, "x' OR 1=1 --")).rejects.toMatchObject(NOT_FOUND);
    await expect(h.services.tasks.get(alice, '')).rejects.toMatchObject(NOT_FOUND);
  });

  it('list is scoped to the owner; an admin sees every task; status filters', async () => {
    const ids = async (c: Caller, status?: TaskStatus) => (await h.services.tasks.list(c, { first: 50, status })).rows.map((r) => r.id).sort();
    expect(await ids(alice)).toEqual(aliceTasks.map((t) => t.id).sort());
    expect(await ids(bob)).toEqual([bobTask.id]);
    expect(await ids(admin)).toEqual([...aliceTasks, bobTask].map((t) => t.id).sort());
    expect(await ids(alice, TaskStatus.COMPLETED)).toEqual([]);
    expect(await ids(alice, TaskStatus.QUEUED)).toEqual(aliceTasks.map((t) => t.id).sort());
    // Pages: newest first, with a cursor.
    const first = await h.services.tasks.list(alice, { first: 1 });
    expect(first.rows).toHaveLength(1);
    expect(first.hasNextPage).toBe(true);
  });
});

describe('cancel', () => {
  it('a queued task becomes CANCELLED with its event, its job is cancelled, and cancelling again changes nothing', async () => {
    const task = await h.queuedTask(alice);
    const cancelled = await h.services.tasks.cancel(alice, task.id);
    expect(cancelled).toMatchObject({ id: task.id, status: TaskStatus.CANCELLED, error_code: ErrorCode.CANCELLED });
    expect(cancelled.finished_at).not.toBeNull();
    expect(await jobState(task.job_id!)).toBe('cancelled');
    const events = (await h.repos.tasks.eventsAfter(task.id, 0)).map((e) => [e.sequence, e.status]);
    expect(events).toEqual([[1, TaskStatus.QUEUED], [2, TaskStatus.CANCELLED]]);

    const again = await h.services.tasks.cancel(alice, task.id);
    expect(again).toMatchObject({ id: task.id, status: TaskStatus.CANCELLED });
    expect(await h.repos.tasks.eventsAfter(task.id, 0)).toHaveLength(2);
  });

  it('someone else cannot cancel it (NOT_FOUND) and it stays queued; an admin can', async () => {
    const task = await h.queuedTask(bob);
    await expect(h.services.tasks.cancel(alice, task.id)).rejects.toMatchObject(NOT_FOUND);
    expect((await h.services.tasks.get(bob, task.id)).status).toBe(TaskStatus.QUEUED);
    expect(await jobState(task.job_id!)).toBe('created');
    expect((await h.services.tasks.cancel(admin, task.id)).status).toBe(TaskStatus.CANCELLED);
  });

  it('a finished task cannot be cancelled: INVALID_STATE with its status, and nothing is appended', async () => {
    const task = await h.queuedTask(alice);
    for (const to of [TaskStatus.PROCESSING, TaskStatus.EXTRACTING_AUDIO, TaskStatus.TRANSCRIBING, TaskStatus.ANALYZING_AI, TaskStatus.GENERATING_RECOMMENDATIONS, TaskStatus.COMPLETED])
      expect((await h.repos.tasks.transition(task.id, { to })).ok).toBe(true);
    await expect(h.services.tasks.cancel(alice, task.id)).rejects.toMatchObject({ code: ErrorCode.INVALID_STATE, details: { status: TaskStatus.COMPLETED } });
    expect((await h.services.tasks.get(alice, task.id)).status).toBe(TaskStatus.COMPLETED);
    expect(await h.repos.tasks.eventsAfter(task.id, 0)).toHaveLength(7);

    const failed = await h.queuedTask(alice);
    await h.repos.tasks.transition(failed.id, { to: TaskStatus.FAILED, error: { code: ErrorCode.WORKER_LOST, message: 'lost' } });
    await expect(h.services.tasks.cancel(alice, failed.id)).rejects.toMatchObject({ code: ErrorCode.INVALID_STATE, details: { status: TaskStatus.FAILED } });
  });

  it('unknown or malformed ids are NOT_FOUND', async () => {
    await expect(h.services.tasks.cancel(alice, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject(NOT_FOUND);
    await expect(h.services.tasks.cancel(alice, 'nope')).rejects.toMatchObject(NOT_FOUND);
  });
});
