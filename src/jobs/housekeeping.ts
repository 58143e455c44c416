// Housekeeping on a pg-boss schedule (HOUSEKEEPING_CRON): one instance runs each tick.
// - Uploads never confirmed, past their URL's life (plus a margin for a PUT still arriving), become
//   EXPIRED and their objects are deleted.
// - Processed files (the 16 kHz audio, stills) of tasks finished more than PROCESSED_RETENTION_DAYS
//   ago are deleted; results, events and artifacts stay.
// - Orphaned attempt directories in the temp dir (a killed worker's) are removed once older than
//   any job may run. Temp dirs are per machine, so every worker also sweeps its own at start-up.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { PgBoss } from 'pg-boss';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Storage } from '../datasources/storage/types.js';
import type { HousekeepingRepo } from '../datasources/postgres/housekeeping.js';

export const HOUSEKEEPING_QUEUE = 'klike-housekeeping';
/** A PUT that began just before its URL expired may still be arriving. */
const UPLOAD_EXPIRY_MARGIN_MS = 15 * 60_000;
const BATCH = 200;
/** The runner's attempt directories: `klike-<first 8 hex of the task id>-XXXXXX` (pipeline/runner.ts). */
const ATTEMPT_DIR = /^klike-[0-9a-f]{8}-[A-Za-z0-9]{6}$/;

export interface HousekeepingReport {
  expiredUploads: number;
  purgedTasks: number;
  deletedObjects: number;
  removedTempDirs: number;
}

export class Housekeeping {
  constructor(private readonly deps: { repo: HousekeepingRepo; storage: Storage; config: Config; logger: Logger; tmpDir: string }) {}

  async run(now = new Date()): Promise<HousekeepingReport> {
    const { repo, config, logger } = this.deps;
    const report: HousekeepingReport = { expiredUploads: 0, purgedTasks: 0, deletedObjects: 0, removedTempDirs: 0 };
    for (;;) {
      const expired = await repo.expireUploads(new Date(now.getTime() - UPLOAD_EXPIRY_MARGIN_MS), BATCH);
      for (const v of expired) if (await this.delete(v.storage_key)) report.deletedObjects++;
      report.expiredUploads += expired.length;
      if (expired.length < BATCH) break;
    }
    const before = new Date(now.getTime() - config.ops.processedRetentionDays * 86_400_000);
    for (;;) {
      const due = await repo.processedDue(before, BATCH);
      for (const t of due) {
        const keys = [t.audio?.audioKey, ...(t.audio?.thumbnails ?? []).map((th) => th.key)].filter(
          (k): k is string => typeof k === 'string',
        );
        let ok = true;
        for (const key of keys) {
          if (await this.delete(key)) report.deletedObjects++;
          else ok = false;
        }
        // A failed delete is tried again next time.
        if (ok) {
          await repo.markPurged(t.id);
          report.purgedTasks++;
        }
      }
      if (due.length < BATCH) break;
    }
    report.removedTempDirs = await this.sweepTemp(now);
    logger.info('housekeeping done', { event: 'housekeeping', ...report });
    return report;
  }

  /** Attempt directories older than the longest a job may run (JOB_EXPIRE_SECONDS) plus an hour. */
  async sweepTemp(now = new Date()): Promise<number> {
    const maxAgeMs = (this.deps.config.jobs.expireSeconds + 3600) * 1000;
    const entries = await fs.readdir(this.deps.tmpDir, { withFileTypes: true }).catch(() => []);
    let removed = 0;
    for (const e of entries) {
      if (!e.isDirectory() || !ATTEMPT_DIR.test(e.name)) continue;
      const dir = path.join(this.deps.tmpDir, e.name);
      const st = await fs.stat(dir).catch(() => null);
      if (!st || now.getTime() - st.mtimeMs < maxAgeMs) continue;
      await fs.rm(dir, { recursive: true, force: true });
      removed++;
    }
    return removed;
  }

  private async delete(key: string): Promise<boolean> {
    try {
      await this.deps.storage.delete(key);
      return true;
    } catch (e) {
      this.deps.logger.warn('housekeeping could not delete an object', { key, error: e });
      return false;
    }
  }
}

/** The schedule (idempotent: every worker calls it at start-up) and this process's consumer of it. */
export async function startHousekeeping(boss: PgBoss, config: Config, housekeeping: Housekeeping, logger: Logger): Promise<void> {
  if (!(await boss.getQueue(HOUSEKEEPING_QUEUE)))
    await boss.createQueue(HOUSEKEEPING_QUEUE, { retryLimit: 1, expireInSeconds: 3600, deleteAfterSeconds: 7 * 24 * 3600 });
  await boss.schedule(HOUSEKEEPING_QUEUE, config.ops.housekeepingCron);
  await boss.work(HOUSEKEEPING_QUEUE, { batchSize: 1, pollingIntervalSeconds: 30 }, async () => {
    await housekeeping.run();
  });
  void housekeeping.sweepTemp().catch((e) => logger.warn('temp sweep failed', { error: e }));
}
