// Child process: the real Klike app (startApp) in the role given as argv[2] ('api' or 'all'), on the
// database in DATABASE_URL, listening on a free loopback port. Reports {type:'ready', url, wsUrl}
// over IPC, answers {type:'mem'} with its memory after GC (start node with --expose-gc), and stops
// on {type:'stop'} or when the parent goes away.
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startApp, type Role } from '../../src/app.js';
import { answerMemoryRequests, childGuard, fdLimits } from './common.js';

childGuard('klike-server');
const role = (process.argv[2] ?? 'api') as Role;
const env: Record<string, string | undefined> = {
  NODE_ENV: 'production',
  DATABASE_URL: process.env.DATABASE_URL,
  DATA_DIR: process.env.BENCH_DATA_DIR,
  HOST: '127.0.0.1',
  PORT: '0',
  LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
  WORKER_CONCURRENCY: process.env.WORKER_CONCURRENCY,
};
const config = loadConfig(env);
const logger = createLogger(config.logLevel, { role, bench: true });
const app = await startApp(config, logger, role, { port: 0 });
answerMemoryRequests();
let stopping = false;
process.on('message', async (m: any) => {
  if (m?.type !== 'stop' || stopping) return;
  stopping = true;
  await app.stop();
  process.exit(0);
});
process.send!({ type: 'ready', url: app.api?.url, wsUrl: app.api?.wsUrl, pid: process.pid, fds: fdLimits() });
