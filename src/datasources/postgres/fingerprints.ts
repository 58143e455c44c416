// Source fingerprints (sha256 per task) and the stored stage outputs of an earlier task with the
// same bytes and owner, for reuse (src/pipeline/stages/fingerprint.ts).
import type { Database } from './db.js';

export interface ReusableOutputs {
  taskId: string;
  /** Stage name → stored output, only the stages asked for that the earlier task has. */
  outputs: Map<string, unknown>;
}

export class FingerprintsRepo {
  constructor(private readonly db: Database) {}

  async record(taskId: string, ownerId: string | null, sha256: string): Promise<void> {
    await this.db.query(
      `INSERT INTO media_fingerprints (task_id, owner_id, sha256) VALUES ($1, $2, $3)
       ON CONFLICT (task_id) DO UPDATE SET sha256 = EXCLUDED.sha256`,
      [taskId, ownerId, sha256],
    );
  }

  /**
   * The most recent other task of this owner with the same sha256 that stored any of `stages`
   * (a task still running counts once its stage is stored); null when there is none.
   */
  async findReusable(
    ownerId: string | null,
    sha256: string,
    excludeTaskId: string,
    stages: readonly string[],
  ): Promise<ReusableOutputs | null> {
    const rows = await this.db.query<{ task_id: string; stage: string; data: unknown }>(
      `WITH earlier AS (
         SELECT f.task_id FROM media_fingerprints f
         WHERE f.sha256 = $2 AND f.owner_id IS NOT DISTINCT FROM $1 AND f.task_id <> $3
           AND EXISTS (SELECT 1 FROM task_artifacts a WHERE a.task_id = f.task_id AND a.stage = ANY($4::text[]))
         ORDER BY f.created_at DESC LIMIT 1
       )
       SELECT a.task_id, a.stage, a.data FROM task_artifacts a JOIN earlier e ON e.task_id = a.task_id WHERE a.stage = ANY($4::text[])`,
      [ownerId, sha256, excludeTaskId, [...stages]],
    );
    if (!rows.length) return null;
    return { taskId: rows[0]!.task_id, outputs: new Map(rows.map((r) => [r.stage, r.data])) };
  }

  artifact(taskId: string, stage: string): Promise<unknown> {
    return storedArtifact(this.db, taskId, stage);
  }
}

/** One stored stage output of a task; null when it has none. */
export async function storedArtifact(db: Database, taskId: string, stage: string): Promise<unknown> {
  const rows = await db.query<{ data: unknown }>('SELECT data FROM task_artifacts WHERE task_id = $1 AND stage = $2', [taskId, stage]);
  return rows[0]?.data ?? null;
}
