// Task queries and cancellation.
import { AppError, ErrorCode } from '../errors.js';
import { TaskStatus, type TaskEventRow, type TaskRow } from '../domain/model.js';
import type { TasksRepo } from '../datasources/postgres/tasks.js';
import type { JobQueue } from '../jobs/queue.js';
import type { Caller } from '../auth/caller.js';
import type { PageArgs } from '../datasources/postgres/pagination.js';
import type { TaskEventHub } from './task-events.js';
import { ownTask } from './ownership.js';
import * as rules from './input-rules.js';

export class TaskService {
  constructor(private readonly deps: { tasks: TasksRepo; jobs: JobQueue; hub: TaskEventHub }) {}

  get(caller: Caller, id: string): Promise<TaskRow> {
    return ownTask(caller, this.deps.tasks, id);
  }

  list(caller: Caller, args: PageArgs & { status?: TaskStatus | null }) {
    return this.deps.tasks.list({ ...args, ownerId: caller.role === 'admin' ? undefined : caller.userId });
  }

  /** Idempotent for a task already cancelled; a finished task cannot be cancelled. */
  async cancel(caller: Caller, id: string): Promise<TaskRow> {
    const task = await this.get(caller, id);
    if (task.status === TaskStatus.CANCELLED) return task;
    const t = await this.deps.tasks.transition(id, {
      to: TaskStatus.CANCELLED,
      message: 'Cancelled on request',
      error: { code: ErrorCode.CANCELLED, message: 'Cancelled on request' },
    });
    if (!t.ok) {
      if (t.task?.status === TaskStatus.CANCELLED) return t.task;
      throw new AppError(ErrorCode.INVALID_STATE, `task is already ${t.task?.status ?? 'gone'}`, { details: { status: t.task?.status } });
    }
    // A queued job is removed; a running one hears of it through the task's notification.
    if (task.job_id) await this.deps.jobs.cancel(task.job_id);
    return t.task;
  }

  /** Live events for a task the caller may see (ownership is checked before the first event). */
  async subscribe(caller: Caller, taskId: string, afterSequence?: number | null) {
    // Checked here, not only by shield: shield never sees a subscription's `subscribe` step.
    if (!caller.userId) throw new AppError(ErrorCode.UNAUTHENTICATED, 'sign in, or send an API key');
    await this.get(caller, taskId);
    return this.deps.hub.subscribe(taskId, rules.afterSequence(afterSequence));
  }

  /** Tasks of many videos at once, newest first (DataLoader batches): relations of videos the caller already reached. */
  byVideoIds(videoIds: readonly string[]): Promise<TaskRow[]> {
    return this.deps.tasks.byVideoIds(videoIds);
  }

  /** The event logs of many tasks at once, in sequence order (DataLoader batches). */
  eventsOf(taskIds: readonly string[]): Promise<TaskEventRow[]> {
    return this.deps.tasks.eventsForTasks(taskIds);
  }
}
