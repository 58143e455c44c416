// Applies our migrations and installs pg-boss's schema and queues, then exits: the Kubernetes
// migration Job (deploy/kubernetes/migrate-job.yaml) runs it before new pods start.
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { migrate } from '../datasources/postgres/migrate.js';
import { createBoss, ensureQueues } from '../jobs/queue.js';
import { explainStartupError, exitCodeFor } from '../ops/startup-errors.js';

const logger = createLogger('info', { service: 'klike-migrate' });
try {
  const config = loadConfig();
  if (config.database.mode !== 'external') throw new Error('DATABASE_URL is required: the embedded database migrates itself at start-up');
  const applied = await migrate(config.database.url, config.database.schema);
  const boss = createBoss(config.database.url, config, logger, { supervise: false });
  await boss.start();
  await ensureQueues(boss, config);
  await boss.stop({ graceful: false });
  logger.info('migrations applied', { event: 'migrated', applied });
  process.exit(0);
} catch (e) {
  const err = explainStartupError(e);
  logger.error('migration failed', { event: 'startup_failed', code: err.code, reason: err.reason, fix: err.fix, error: err.cause });
  process.exit(exitCodeFor(err));
}
