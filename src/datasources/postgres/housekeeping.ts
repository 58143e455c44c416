// The SQL behind housekeeping: which uploads have expired, which tasks' processed files are due.
import type { Database } from './db.js';

export class HousekeepingRepo {
  constructor(private readonly db: Database) {}

  /** Marks up to `limit` unconfirmed uploads whose URL expired before `before` as EXPIRED; returns their object keys. */
  async expireUploads(before: Date, limit: number): Promise<{ id: string; storage_key: string }[]> {
    return this.db.query(
      `UPDATE videos SET status = 'EXPIRED', updated_at = now()
        WHERE id IN (SELECT id FROM videos WHERE status = 'AWAITING_UPLOAD' AND upload_expires_at < $1
                      ORDER BY upload_expires_at LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING id, storage_key`,
      [before, limit],
    );
  }

  /** Tasks finished before `before` whose processed files are still stored, with their audio stage's output. */
  async processedDue(
    before: Date,
    limit: number,
  ): Promise<{ id: string; audio: { audioKey?: string | null; thumbnails?: { key?: string }[] } | null }[]> {
    return this.db.query(
      `SELECT t.id, a.data AS audio FROM tasks t
         LEFT JOIN task_artifacts a ON a.task_id = t.id AND a.stage = 'extracting_audio'
        WHERE t.finished_at < $1 AND t.processed_purged_at IS NULL
        ORDER BY t.finished_at LIMIT $2`,
      [before, limit],
    );
  }

  async markPurged(taskId: string): Promise<void> {
    await this.db.query('UPDATE tasks SET processed_purged_at = now() WHERE id = $1', [taskId]);
  }
}
