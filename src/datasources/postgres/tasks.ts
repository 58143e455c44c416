// Tasks, their event log and stage artifacts. A transition updates the task, appends the event and
// queues a NOTIFY in one transaction: subscribers hear of it only once it is committed.
import type { Database, Executor } from './db.js';
import { type AnalysisOptions, type TaskEventRow, type TaskRow, TaskStatus } from '../../domain/model.js';
import { TERMINAL, canTransition, isTerminal } from '../../domain/task-lifecycle.js';
import { type Page, type PageArgs, pageQuery } from './pagination.js';

/**
 * NOTIFY channel; payload "taskId:sequence:STATUS" (ids and the status only: the log is the truth,
 * payloads stay tiny; the status lets a worker hear of a cancellation without reading the row).
 */
export const TASK_EVENTS_CHANNEL = 'klike_task_events';

export interface TaskNotification {
  taskId: string;
  sequence: number;
  /** null from writers that predate the status in the payload. */
  status: TaskStatus | null;
}

export function parseTaskNotification(payload: string): TaskNotification | null {
  const [taskId, seq, status] = payload.split(':');
  const sequence = Number(seq);
  if (!taskId || !Number.isInteger(sequence)) return null;
  return { taskId, sequence, status: (status as TaskStatus | undefined) ?? null };
}

export interface TransitionInput {
  to: TaskStatus;
  progress?: number;
  message?: string | null;
  error?: { code: string; message: string } | null;
  result?: unknown;
  /** Counts a worker's attempt in the same statement (the runner's first transition of an attempt: one commit, not two). */
  countAttempt?: boolean;
}

export type TransitionOutcome =
  { ok: true; task: TaskRow; event: TaskEventRow } | { ok: false; task: TaskRow | null; reason: 'not_found' | 'not_allowed' };

/** Runs inside the transaction that stores a transition (webhook deliveries are enqueued with it). */
export type TransitionHook = (tx: Executor, change: { previous: TaskStatus | null; task: TaskRow; event: TaskEventRow }) => Promise<void>;

/** For each status, the statuses a task may move to it from (the lifecycle table, read backwards). */
const ALLOWED_FROM = Object.fromEntries(
  Object.values(TaskStatus).map((to) => [to, Object.values(TaskStatus).filter((from) => canTransition(from, to))]),
) as Record<TaskStatus, TaskStatus[]>;

export class TasksRepo {
  private readonly hooks: TransitionHook[] = [];
  constructor(private readonly db: Database) {}

  onTransition(hook: TransitionHook): void {
    this.hooks.push(hook);
  }

  private async runHooks(tx: Executor, previous: TaskStatus | null, task: TaskRow, event: TaskEventRow): Promise<void> {
    for (const h of this.hooks) await h(tx, { previous, task, event });
  }

  /**
   * Locks the owner's task creation for this transaction (an advisory lock on the owner id) and
   * returns how many of their tasks are queued or running, so concurrent calls count each other.
   */
  async lockAndCountActive(tx: Executor, ownerId: string): Promise<number> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('klike:active-tasks:' || $1, 0))`, [ownerId]);
    const [row] = await tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM tasks WHERE owner_id = $1 AND status NOT IN (${[...TERMINAL].map((s) => `'${s}'`).join(', ')})`,
      [ownerId],
    );
    return row?.n ?? 0;
  }

  async insert(
    tx: Executor,
    t: {
      videoId: string;
      ownerId: string | null;
      origin: 'confirm' | 'reanalysis';
      options: AnalysisOptions;
      idempotencyKey?: string | null;
    },
  ): Promise<{ task: TaskRow; event: TaskEventRow }> {
    const [task] = await tx.query<TaskRow>(
      `INSERT INTO tasks (video_id, owner_id, origin, options, status, progress, last_sequence, idempotency_key)
       VALUES ($1, $2, $3, $4, 'QUEUED', 0, 1, $5) RETURNING *`,
      [t.videoId, t.ownerId, t.origin, JSON.stringify(t.options), t.idempotencyKey ?? null],
    );
    const event = await this.appendEvent(tx, task!, { to: TaskStatus.QUEUED, progress: 0, message: 'Queued for analysis' }, 1);
    await this.runHooks(tx, null, task!, event);
    return { task: task!, event };
  }

  async byIdempotencyKey(ownerId: string, key: string, tx: Executor = this.db): Promise<TaskRow | null> {
    const [row] = await tx.query<TaskRow>('SELECT * FROM tasks WHERE owner_id = $1 AND idempotency_key = $2', [ownerId, key]);
    return row ?? null;
  }

  async findConfirmTask(tx: Executor, videoId: string): Promise<TaskRow | null> {
    const [row] = await tx.query<TaskRow>(`SELECT * FROM tasks WHERE video_id = $1 AND origin = 'confirm'`, [videoId]);
    return row ?? null;
  }

  async get(id: string, tx: Executor = this.db): Promise<TaskRow | null> {
    const [row] = await tx.query<TaskRow>('SELECT * FROM tasks WHERE id = $1', [id]);
    return row ?? null;
  }

  async getMany(ids: readonly string[]): Promise<TaskRow[]> {
    return this.db.query<TaskRow>('SELECT * FROM tasks WHERE id = ANY($1::uuid[])', [ids]);
  }

  async byVideoIds(videoIds: readonly string[]): Promise<TaskRow[]> {
    return this.db.query<TaskRow>('SELECT * FROM tasks WHERE video_id = ANY($1::uuid[]) ORDER BY created_at DESC, id DESC', [videoIds]);
  }

  async setJobId(tx: Executor, taskId: string, jobId: string): Promise<void> {
    await tx.query('UPDATE tasks SET job_id = $2 WHERE id = $1', [taskId, jobId]);
  }

  /**
   * What an attempt starts from, in one read and no write: the task and every stage output stored by
   * earlier attempts, by stage name. The attempt itself is counted by the first transition it makes
   * (countAttempt), or by noteAttempt when it makes none.
   */
  async forAttempt(taskId: string): Promise<{ task: TaskRow; artifacts: Map<string, unknown> } | null> {
    const [row] = await this.db.query<TaskRow & { stored_artifacts: [string, unknown][] }>(
      `SELECT t.*, COALESCE((SELECT json_agg(json_build_array(a.stage, a.data)) FROM task_artifacts a WHERE a.task_id = t.id), '[]') AS stored_artifacts
         FROM tasks t WHERE t.id = $1`,
      [taskId],
    );
    if (!row) return null;
    const { stored_artifacts: stored, ...task } = row;
    return { task, artifacts: new Map(stored) };
  }

  async noteAttempt(taskId: string): Promise<TaskRow | null> {
    const [row] = await this.db.query<TaskRow>('UPDATE tasks SET attempts = attempts + 1, updated_at = now() WHERE id = $1 RETURNING *', [
      taskId,
    ]);
    return row ?? null;
  }

  list(args: PageArgs & { ownerId?: string | null; status?: TaskStatus | null }): Promise<Page<TaskRow>> {
    return pageQuery<TaskRow>(this.db, 'tasks', { ownerId: args.ownerId, status: args.status }, args);
  }

  /** Applies one transition if the state machine allows it from the task's current status. */
  async transition(taskId: string, input: TransitionInput, tx?: Executor): Promise<TransitionOutcome> {
    const run = async (x: Executor): Promise<TransitionOutcome> => {
      // One statement locks the row, checks the move against the lifecycle (the statuses it may come
      // from), updates it, appends the event and queues its NOTIFY; only a refused move reads the row
      // again, to say why.
      const terminal = isTerminal(input.to);
      const [row] = await x.query<TaskRow & { previous_status: TaskStatus; event_at: Date }>(
        `WITH u AS (
           UPDATE tasks t SET status = $2,
                  progress = CASE WHEN $2 = 'COMPLETED' THEN 100 ELSE GREATEST(t.progress, COALESCE($3::int, t.progress)) END,
                  last_sequence = t.last_sequence + 1,
                  error_code = $4, error_message = $5,
                  result = COALESCE($6::jsonb, t.result),
                  started_at = CASE WHEN t.started_at IS NULL AND $2 <> 'QUEUED' THEN now() ELSE t.started_at END,
                  finished_at = CASE WHEN $7 THEN now() ELSE t.finished_at END,
                  attempts = t.attempts + $9::int,
                  updated_at = now()
             FROM (SELECT status FROM tasks WHERE id = $1 FOR UPDATE) old
            WHERE t.id = $1 AND old.status = ANY($8::text[])
           RETURNING t.*, old.status AS previous_status),
         e AS (
           INSERT INTO task_events (task_id, sequence, status, progress, message, error_code, error_message)
           SELECT u.id, u.last_sequence, $2, u.progress, $10, $4, $5 FROM u RETURNING task_id, sequence, status, at)
         SELECT u.*, e.at AS event_at, pg_notify($11, e.task_id::text || ':' || e.sequence::text || ':' || e.status) IS NULL AS notified FROM u JOIN e ON e.task_id = u.id`,
        [
          taskId,
          input.to,
          input.progress ?? null,
          input.error?.code ?? null,
          input.error?.message ?? null,
          input.result === undefined ? null : JSON.stringify(input.result),
          terminal,
          ALLOWED_FROM[input.to],
          input.countAttempt ? 1 : 0,
          input.message ?? null,
          TASK_EVENTS_CHANNEL,
        ],
      );
      if (!row) {
        const cur = await this.get(taskId, x);
        return cur ? { ok: false, task: cur, reason: 'not_allowed' } : { ok: false, task: null, reason: 'not_found' };
      }
      const { previous_status: previous, event_at: at, notified: _notified, ...task } = row as typeof row & { notified?: boolean };
      const event: TaskEventRow = {
        task_id: task.id,
        sequence: task.last_sequence,
        status: input.to,
        progress: task.progress,
        message: input.message ?? null,
        error_code: input.error?.code ?? null,
        error_message: input.error?.message ?? null,
        at,
      };
      await this.runHooks(x, previous, task, event);
      return { ok: true, task, event };
    };
    return tx ? run(tx) : this.db.transaction(run);
  }

  private async appendEvent(tx: Executor, task: TaskRow, input: TransitionInput, seq: number): Promise<TaskEventRow> {
    // One statement: the event row and its NOTIFY (sent at commit), so nothing waits on an extra round trip.
    const [event] = await tx.query<TaskEventRow>(
      `WITH e AS (
         INSERT INTO task_events (task_id, sequence, status, progress, message, error_code, error_message)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *)
       SELECT e.*, pg_notify($8, e.task_id::text || ':' || e.sequence::text || ':' || e.status) IS NULL AS notified FROM e`,
      [
        task.id,
        seq,
        input.to,
        input.progress ?? task.progress,
        input.message ?? null,
        input.error?.code ?? null,
        input.error?.message ?? null,
        TASK_EVENTS_CHANNEL,
      ],
    );
    delete (event as Partial<TaskEventRow> & { notified?: boolean }).notified;
    return event!;
  }

  /** Events with sequence in (after, upTo], in order. */
  async eventsAfter(taskId: string, after: number, upTo?: number): Promise<TaskEventRow[]> {
    return this.db.query<TaskEventRow>(
      `SELECT * FROM task_events WHERE task_id = $1 AND sequence > $2 AND ($3::int IS NULL OR sequence <= $3)
       ORDER BY sequence`,
      [taskId, after, upTo ?? null],
    );
  }

  async eventsForTasks(taskIds: readonly string[]): Promise<TaskEventRow[]> {
    return this.db.query<TaskEventRow>('SELECT * FROM task_events WHERE task_id = ANY($1::uuid[]) ORDER BY task_id, sequence', [taskIds]);
  }

  async putArtifact(taskId: string, stage: string, data: unknown, tx: Executor = this.db): Promise<void> {
    await tx.query(
      `INSERT INTO task_artifacts (task_id, stage, data) VALUES ($1, $2, $3)
       ON CONFLICT (task_id, stage) DO UPDATE SET data = EXCLUDED.data, created_at = now()`,
      [taskId, stage, JSON.stringify(data)],
    );
  }
}
