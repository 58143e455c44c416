// Service tests without HTTP (like immich's "medium" tests): the services are built by the same
// createServices() src/app.ts uses, on a cloned real database, local storage, real ffprobe and
// pg-boss, and a real LISTEN connection. Tests call service methods directly with Callers.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { PgBoss } from 'pg-boss';
import { loadConfig, type Config } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createDatabase, type Database } from '../../src/datasources/postgres/db.js';
import { listen, type Listener } from '../../src/datasources/postgres/listener.js';
import { TASK_EVENTS_CHANNEL } from '../../src/datasources/postgres/tasks.js';
import { parseRevocation } from '../../src/datasources/postgres/users.js';
import { LocalStorage } from '../../src/datasources/storage/local.js';
import { MediaTools } from '../../src/datasources/media/ffmpeg.js';
import { createBoss, JobQueue } from '../../src/jobs/queue.js';
import { TokenService } from '../../src/auth/tokens.js';
import { userCaller, type Caller } from '../../src/auth/caller.js';
import { TaskEventHub } from '../../src/services/task-events.js';
import { Revocations } from '../../src/services/revocations.js';
import { createRepos, createServices, type CoreServices, type Repos } from '../../src/services/index.js';
import type { TaskRow } from '../../src/domain/model.js';
import { createTestDatabase } from '../helpers/db.js';
import { makeVideo } from '../helpers/media.js';

export interface Harness {
  config: Config;
  db: Database;
  repos: Repos;
  services: CoreServices;
  storage: LocalStorage;
  hub: TaskEventHub;
  boss: PgBoss;
  /**
   * Every NOTIFY payload on the task-events channel goes through here before the hub hears it;
   * a test replaces it to drop, hold back or reorder notifications. (Default: deliver at once.)
   */
  tap: (payload: string, deliver: (payload: string) => void) => void;
  /** A video of `caller`'s, uploaded through the driver and confirmed: its first task is QUEUED. */
  queuedTask(caller: Caller): Promise<TaskRow>;
  /** A new local account, signed up through the auth service; its Caller as the API would build it. */
  user(role?: 'user' | 'admin'): Promise<{ caller: Caller; userId: string; email: string }>;
  stop(): Promise<void>;
}

export const PASSWORD = 'correct horse battery';

export async function createHarness(env: Record<string, string> = {}): Promise<Harness> {
  const handle = await createTestDatabase();
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'klike-svc-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: handle.url,
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    JWT_SECRET: 'service-test-secret-0123456789abcdef',
    MAX_ACTIVE_TASKS_PER_USER: '100000',
    ...env,
  });
  const logger = createLogger(config.logLevel);
  const db = createDatabase({ url: handle.url, schema: config.database.schema, max: 4, applicationName: 'klike-service-test' });
  const repos = createRepos(db);
  const storage = new LocalStorage({ root: config.storage.localRoot, signingSecret: 'service-test-signing-secret', publicBaseUrl: () => 'http://localhost:4000' });
  const boss = createBoss(handle.url, config, logger, { supervise: false });
  await boss.start();
  const jobs = new JobQueue(boss, config);
  const hub = new TaskEventHub(repos.tasks, logger);
  const revocations = new Revocations();
  const deliver = (p: string) => {
    const revoked = parseRevocation(p);
    if (revoked) revocations.emit(revoked);
    else hub.onNotification(p);
  };
  let listener: Listener | undefined;
  const h: Harness = {
    config,
    db,
    repos,
    storage,
    hub,
    boss,
    tap: (p, d) => d(p),
    services: createServices({
      config,
      db,
      repos,
      storage,
      media: new MediaTools({ ...config.media, logger }),
      jobs,
      hub,
      tokens: new TokenService(config.auth, config.auth.jwtSecret!),
      revocations,
    }),
    async queuedTask(caller) {
      const bytes = await fs.readFile(await makeVideo({ seconds: 1 }));
      const { video } = await h.services.uploads.createVideoUpload(caller, { filename: 'ad.mp4', contentType: 'video/mp4', sizeBytes: bytes.length });
      await storage.putObject(video.storage_key, bytes, 'video/mp4');
      return (await h.services.uploads.confirmVideoUpload(caller, { videoId: video.id })).task;
    },
    async user(role = 'user') {
      const email = `svc-${randomUUID()}@example.com`;
      const session = await h.services.auth.signUp({ email, password: PASSWORD });
      if (role === 'admin') {
        await repos.users.setRole(email, 'admin');
        return { caller: userCaller(session.user.id, 'admin', 'token'), userId: session.user.id, email };
      }
      return { caller: await h.services.auth.authenticate(`Bearer ${session.token}`), userId: session.user.id, email };
    },
    async stop() {
      await listener?.close();
      await boss.stop({ graceful: false, close: true });
      await db.close();
      await handle.drop();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
  listener = await listen({ url: handle.url, channel: TASK_EVENTS_CHANNEL, onNotification: (p) => h.tap(p, deliver), onReconnect: () => hub.onReconnect(), logger });
  return h;
}

/** Fails instead of hanging when what a test waits for never comes. */
export function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms)));
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
