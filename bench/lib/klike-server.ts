// Child process: the real Klike app (startApp) in the role given as argv[2] ('api' or 'all'), on the
// database in DATABASE_URL, in production mode, listening on a free loopback port. Reports {type:'ready', url, wsUrl}
// over IPC, answers {type:'mem'} with its memory after GC (start node with --expose-gc), and stops
// on {type:'stop'} or when the parent goes away.
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startApp, type Role } from '../../src/app.js';
import { answerMemoryRequests, childGuard, fdLimits } from './common.js';

childGuard('klike-server');
const role = (process.argv[2] ?? 'api') as Role;
// The parent passes DATABASE_URL, secrets and limits (see klikeEnv in common.ts) in the environment.
const config = loadConfig({
  ...process.env,
  NODE_ENV: 'production',
  DATA_DIR: process.env.BENCH_DATA_DIR,
  HOST: '127.0.0.1',
  PORT: '0',
  LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
});
const logger = createLogger(config.logLevel, { role, bench: true });
const app = await startApp(config, logger, role, { port: 0 });
answerMemoryRequests();
// {type:'profile', action:'start'|'stop', file}: a V8 CPU profile of just the measured window.
const { Session } = await import('node:inspector/promises');
let inspector: InstanceType<typeof Session> | undefined;
process.on('message', async (m: any) => {
  if (m?.type !== 'profile') return;
  if (m.action === 'start') {
    inspector = new Session();
    inspector.connect();
    await inspector.post('Profiler.enable');
    await inspector.post('Profiler.setSamplingInterval', { interval: 200 });
    await inspector.post('Profiler.start');
    process.send!({ type: 'profile-started' });
  } else if (inspector) {
    const { profile } = await inspector.post('Profiler.stop');
    (await import('node:fs')).writeFileSync(m.file, JSON.stringify(profile));
    inspector.disconnect();
    process.send!({ type: 'profile-written', file: m.file });
  }
});
let stopping = false;
process.on('message', async (m: any) => {
  if (m?.type !== 'stop' || stopping) return;
  stopping = true;
  await app.stop();
  process.exit(0);
});
process.send!({ type: 'ready', url: app.api?.url, wsUrl: app.api?.wsUrl, pid: process.pid, fds: fdLimits() });
