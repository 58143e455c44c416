// Composition root: builds every part from the config and starts the API, the worker, or both.
import os from 'node:os';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Config } from './config.js';
import { randomSecret } from './config.js';
import type { Logger } from './logger.js';
import { AppError, ErrorCode } from './errors.js';
import { VideoStatus } from './domain/model.js';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from './datasources/postgres/embedded.js';
import { createDatabase, type Database } from './datasources/postgres/db.js';
import { migrate } from './datasources/postgres/migrate.js';
import { listen, type Listener } from './datasources/postgres/listener.js';
import type { VideosRepo } from './datasources/postgres/videos.js';
import { TASK_EVENTS_CHANNEL } from './datasources/postgres/tasks.js';
import { createStorage, ensureBucket } from './datasources/storage/index.js';
import type { Storage } from './datasources/storage/types.js';
import { MediaTools } from './datasources/media/ffmpeg.js';
import { startTracing } from './ops/tracing.js';
import { ANALYZE_DEAD_QUEUE, ANALYZE_QUEUE, createBoss, ensureQueues, JobQueue } from './jobs/queue.js';
import { startWorker } from './jobs/worker.js';
import { TaskEventHub } from './services/task-events.js';
import { createRepos, createServices } from './services/index.js';
import { PipelineRunner } from './pipeline/runner.js';
import { createAiEngines, type AiEngines } from './engines.js';
import { createPerceiver } from './datasources/perception/index.js';
import { FingerprintsRepo } from './datasources/postgres/fingerprints.js';
import { buildAppSchema } from './schema.js';
import { startApiServer, type ApiServer } from './server.js';
import type { Services } from './resolvers/context.js';
import { LocalStorage } from './datasources/storage/local.js';
import { parseRevocation } from './datasources/postgres/users.js';
import { Revocations } from './services/revocations.js';
import { TokenService } from './auth/tokens.js';
import { RateLimits } from './auth/rate-limit.js';
import { createLocalStorageHandler } from './datasources/storage/local-http.js';
import { WebhooksRepo } from './datasources/postgres/webhooks.js';
import { createResolver } from './datasources/webhooks/address.js';
import { WebhookJobs, startWebhookWorker } from './jobs/webhooks.js';
import { WebhookService } from './services/webhooks.js';
import { ReportLinks } from './report/links.js';
import { ReportService } from './report/service.js';
import { ffmpegMissing } from './ops/startup-errors.js';
import { createTaskObserver } from './ops/task-observer.js';
import { instrumentEngine, Metrics } from './ops/metrics.js';
import { Health } from './ops/health.js';
import { opsRoutes, startOpsServer } from './ops/http.js';
import { httpsPolicy } from './ops/https.js';
import { Housekeeping, startHousekeeping } from './jobs/housekeeping.js';
import { HousekeepingRepo } from './datasources/postgres/housekeeping.js';
import { findChromium } from './datasources/chromium.js';
import type { RuntimeFacts } from './ops/summary.js';

export type Role = 'api' | 'worker' | 'all';

export interface App {
  config: Config;
  db: Database;
  databaseUrl: string;
  storage: Storage;
  api?: ApiServer;
  /** The API's services (embedding, tests). */
  services?: Services;
  metrics: Metrics;
  health: Health;
  /** Retention and clean-up (worker roles). */
  housekeeping?: Housekeeping;
  /** Base URL of the METRICS_PORT listener, when there is one. */
  opsUrl?: string;
  /** What this process runs on (the start-up summary). */
  facts: RuntimeFacts;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Listen port (0 for any free one); defaults to config.http.port. */
  port?: number;
  /** Where attempt directories go. (Default: os.tmpdir()) */
  tmpDir?: string;
  /** Replaces engines chosen from config (embedding, tests). */
  engines?: Partial<AiEngines>;
}

export async function startApp(config: Config, rootLogger: Logger, role: Role, opts: StartOptions = {}): Promise<App> {
  // `service` names the part that wrote a line; one process may run both.
  const logger = rootLogger.child({ service: role === 'worker' ? 'klike-worker' : 'klike-api' });
  const workerLog = rootLogger.child({ service: 'klike-worker' });
  const cleanups: (() => Promise<unknown>)[] = [];
  const metrics = new Metrics();
  let health: Health | undefined;
  const stop = async () => {
    health?.markShuttingDown();
    for (const c of cleanups.reverse()) await c().catch((e) => logger.warn('shutdown step failed', { error: e }));
  };
  try {
    // First in, so its shutdown runs last and exports the spans of everything stopped before it.
    const tracing = await startTracing(config, role === 'worker' ? 'klike-worker' : 'klike-api', logger);
    cleanups.push(() => tracing.shutdown());
    let url: string;
    if (config.database.mode === 'external') url = config.database.url;
    else {
      const pg: EmbeddedPostgresHandle = await startEmbeddedPostgres({
        dataDir: config.database.dataDir,
        port: config.database.port,
        logger,
      });
      cleanups.push(() => pg.stop());
      url = pg.url;
      logger.info('embedded postgres started', { port: config.database.port, dataDir: config.database.dataDir });
    }
    const applied = await migrate(url, config.database.schema);
    if (applied.length) logger.info('migrations applied', { applied });

    const db = createDatabase({ url, schema: config.database.schema, max: config.database.poolMax, applicationName: `klike-${role}` });
    cleanups.push(() => db.close());
    const repos = createRepos(db);
    const { videos, tasks, captions } = repos;

    // The API's own address is known only after listen; signed local URLs read it lazily.
    let publicBase = config.http.publicUrl ?? `http://localhost:${opts.port ?? config.http.port}`;
    const signingSecret = config.storage.signingSecret ?? (await persistedSecret(config.dataDir, 'signing-secret'));
    const storage = createStorage(config, { publicBaseUrl: () => publicBase, signingSecret });
    if (storage.driver === 's3' && config.env !== 'production')
      await ensureBucket(storage).catch((e) => logger.warn('could not ensure bucket', { error: e }));
    const media = new MediaTools({ ...config.media, logger, runTimeoutMs: config.jobs.stageTimeoutSeconds * 1000 });

    const boss = createBoss(url, config, logger, { supervise: role !== 'api', tracing: tracing.enabled });
    await boss.start();
    cleanups.push(() => boss.stop({ graceful: true, timeout: 10_000 }));
    await ensureQueues(boss, config);
    const jobs = new JobQueue(boss, config, createTaskObserver(logger, metrics));
    metrics.queueGauge(async () =>
      (await boss.getQueues([ANALYZE_QUEUE, ANALYZE_DEAD_QUEUE])).map((q) => ({
        queue: q.name,
        queued: q.queuedCount,
        active: q.activeCount,
        deferred: q.deferredCount,
        failed: q.failedCount,
      })),
    );
    health = new Health([
      { name: 'database', check: () => db.query('SELECT 1') },
      // A missing object is an answer; an unreachable bucket or unreadable disk throws.
      { name: 'storage', check: () => storage.head('health/readyz') },
      {
        name: 'queue',
        check: async () => {
          if (!(await boss.getQueue(ANALYZE_QUEUE))) throw new Error(`queue ${ANALYZE_QUEUE} is missing`);
        },
      },
    ]);
    const separateOps = config.ops.metricsPort !== undefined;
    let opsUrl: string | undefined;
    if (separateOps) {
      const ops = await startOpsServer(
        opsRoutes({ health, metrics, metricsToken: config.ops.metricsToken }),
        config.ops.metricsPort!,
        config.http.host,
      );
      cleanups.push(() => ops.stop());
      opsUrl = `http://${config.http.host === '0.0.0.0' || config.http.host === '::' ? '127.0.0.1' : config.http.host}:${ops.port}`;
      logger.info('metrics listening', { url: `${opsUrl}/metrics` });
    }

    const reports = new ReportLinks({ secret: signingSecret, publicBaseUrl: () => publicBase, ttlSeconds: config.report.urlTtlSeconds });
    const webhooks = new WebhookService({
      config,
      db,
      repo: new WebhooksRepo(db),
      jobs: new WebhookJobs(boss),
      resolve: createResolver(config.webhooks.dnsServers),
      logger: logger.child({ component: 'webhooks' }),
      publicBaseUrl: () => publicBase,
      reportUrl: (id) => reports.url(id),
    });
    // Deliveries are enqueued in the transaction that stores the transition, by whichever process makes it.
    tasks.onTransition((tx, change) => webhooks.onTransition(tx, change));

    const hub = new TaskEventHub(tasks, logger);
    // The same channel carries credential revocations ("auth:…"), so every process hears them too.
    const revocations = new Revocations();
    const listener: Listener = await listen({
      url,
      channel: TASK_EVENTS_CHANNEL,
      onNotification: (p) => {
        const revoked = parseRevocation(p);
        if (revoked) revocations.emit(revoked);
        else hub.onNotification(p);
      },
      onReconnect: () => {
        revocations.reconnected();
        hub.onReconnect();
      },
      logger,
    });
    cleanups.push(() => listener.close());

    const facts: RuntimeFacts = {
      role,
      dataDir: config.dataDir,
      database:
        config.database.mode === 'embedded'
          ? { mode: 'embedded', dataDir: config.database.dataDir, port: config.database.port }
          : { mode: 'external', url: config.database.url },
      storage: config.storage.s3
        ? { driver: 's3', bucket: config.storage.s3.bucket, endpoint: config.storage.s3.endpoint }
        : { driver: 'local', root: config.storage.localRoot },
    };
    let housekeeping: Housekeeping | undefined;
    if (role !== 'api') {
      // A worker without ffmpeg can do nothing: fail here. Missing filters degrade the analysis; say which.
      const ffmpeg = await media.capabilities().catch((e) => {
        throw ffmpegMissing(e);
      });
      const missingFilters = Object.entries(ffmpeg.filters)
        .filter(([, has]) => !has)
        .map(([f]) => f);
      workerLog.info('ffmpeg found', {
        event: 'ffmpeg_found',
        version: ffmpeg.version,
        ffmpeg: ffmpeg.ffmpegPath,
        ffmpeg_source: ffmpeg.ffmpegSource,
        ffprobe: ffmpeg.ffprobePath,
        ffprobe_source: ffmpeg.ffprobeSource,
        missing_filters: missingFilters,
      });
      for (const limitation of ffmpeg.limitations) workerLog.warn('ffmpeg lacks an analysis filter', { limitation });
      const chosen = { ...(await createAiEngines(config, workerLog)), ...opts.engines };
      const engines = {
        transcriber: instrumentEngine(chosen.transcriber, metrics),
        analyzer: instrumentEngine(chosen.analyzer, metrics),
        recommender: instrumentEngine(chosen.recommender, metrics),
      };
      const perceiver = await createPerceiver(config.perception, {
        ffmpegPath: ffmpeg.ffmpegPath,
        ffprobePath: ffmpeg.ffprobePath,
        fpsMode: ffmpeg.fpsMode,
        dataDir: config.dataDir,
        logger: workerLog,
      });
      const runner = new PipelineRunner(tasks, videos, {
        storage,
        media,
        ...engines,
        captions,
        perceiver,
        fingerprints: new FingerprintsRepo(db),
        logger: workerLog,
        observe: createTaskObserver(workerLog, metrics),
        stageTimeoutMs: config.jobs.stageTimeoutSeconds * 1000,
        tmpDir: opts.tmpDir ?? os.tmpdir(),
        maxSubtitleStreams: config.quotas.maxSubtitleStreams,
      });
      const worker = await startWorker({ boss, config, logger: workerLog, runner, tasks, hub });
      // Runs before the listener, queue and pool close (cleanups run in reverse).
      cleanups.push(() => worker.drain(config.ops.shutdownGraceSeconds * 1000));
      await startWebhookWorker(boss, async (job) => void (await webhooks.deliver(job.data.deliveryId)));
      housekeeping = new Housekeeping({
        repo: new HousekeepingRepo(db),
        storage,
        config,
        logger: workerLog,
        tmpDir: opts.tmpDir ?? os.tmpdir(),
      });
      await startHousekeeping(boss, config, housekeeping, workerLog);
      workerLog.info('worker started', {
        concurrency: config.jobs.concurrency,
        transcriber: engines.transcriber.name,
        analyzer: engines.analyzer.name,
      });
      facts.media = {
        version: ffmpeg.version,
        ffmpeg: ffmpeg.ffmpegPath,
        ffmpegSource: ffmpeg.ffmpegSource,
        ffprobe: ffmpeg.ffprobePath,
        ffprobeSource: ffmpeg.ffprobeSource,
        missingFilters,
        limitations: ffmpeg.limitations,
      };
      facts.engines = {
        transcriber: engines.transcriber.name,
        transcriberChoice: config.speech.transcriber,
        analyzer: engines.analyzer.name,
        recommender: engines.recommender.name,
        ocr: perceiver.engines.ocr,
        faces: perceiver.engines.faces,
      };
    }

    let api: ApiServer | undefined;
    let exposedServices: Services | undefined;
    if (role !== 'worker') {
      const core = createServices({
        config,
        db,
        repos,
        storage,
        media,
        jobs,
        hub,
        tokens: new TokenService(config.auth, config.auth.jwtSecret ?? (await persistedSecret(config.dataDir, 'jwt-secret'))),
        revocations,
      });
      const services: Services = (exposedServices = {
        ...core,
        revocations,
        rateLimits: new RateLimits(db.pool, config.database.schema, config.http),
        engines: { gemini: Boolean(config.ai.gemini), openai: Boolean(config.ai.openai) },
        storage,
        webhooks,
        reports,
      });
      const { schema } = await buildAppSchema();
      const storageRoutes =
        storage instanceof LocalStorage
          ? createLocalStorageHandler(storage, logger, { uploadGate: (key) => uploadStillOpen(videos, key) })
          : undefined;
      const reportRoutes = new ReportService({
        links: reports,
        tasks,
        videos,
        storage,
        logger,
        chromiumPath: config.report.chromiumPath,
      }).handler();
      const routes = (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) =>
        reportRoutes(req, res) || (storageRoutes?.(req, res) ?? false);
      const ops = opsRoutes({ health, metrics: separateOps ? undefined : metrics, metricsToken: config.ops.metricsToken });
      const https = httpsPolicy({
        trustProxy: config.http.trustProxy,
        httpsOnly: config.ops.httpsOnly,
        hstsMaxAgeSeconds: config.ops.hstsMaxAgeSeconds,
        publicUrl: config.http.publicUrl,
      });
      api = await startApiServer({ config, logger, schema, services, routes, ops, https, metrics, port: opts.port });
      cleanups.push(() => api!.stop());
      if (!config.http.publicUrl) publicBase = new URL(api.url).origin.replace('127.0.0.1', 'localhost');
      logger.info('api listening', { url: api.url, ws: api.wsUrl, storage: storage.driver });
      const local = (u: string) => u.replace('//127.0.0.1:', '//localhost:').replace('//0.0.0.0:', '//localhost:');
      facts.api = { graphqlUrl: local(api.url), wsUrl: local(api.wsUrl), playground: config.http.playground };
      facts.chromium = await findChromium(config.report.chromiumPath);
    }
    return { config, db, databaseUrl: url, storage, api, services: exposedServices, metrics, health, opsUrl, housekeeping, facts, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/**
 * A video's source may be written only while it awaits its upload: once confirmed (or rejected,
 * expired) its signed URL is refused with 409, so the bytes analysed are the bytes confirmed.
 * Other keys (caption sidecars, parsed into the database at their own confirm) are not gated.
 */
async function uploadStillOpen(videos: VideosRepo, key: string): Promise<void> {
  const m = /^uploads\/[^/]+\/([0-9a-f-]{36})\/source\.[a-z0-9]+$/.exec(key);
  if (!m) return;
  const video = await videos.get(m[1]!);
  if (video && video.status !== VideoStatus.AWAITING_UPLOAD) {
    throw new AppError(
      ErrorCode.CONFLICT,
      `this video's upload is closed (status ${video.status}): its source can no longer be replaced; create a new upload`,
      {
        details: { videoId: video.id, status: video.status },
      },
    );
  }
}

/** Generated keys survive restarts, so URLs and tokens handed out before a restart stay valid. */
async function persistedSecret(dataDir: string, name: string): Promise<string> {
  const file = path.join(dataDir, name);
  try {
    return (await fs.readFile(file, 'utf8')).trim();
  } catch {
    await fs.mkdir(dataDir, { recursive: true });
    const s = randomSecret();
    await fs.writeFile(file, s, { mode: 0o600, flag: 'wx' }).catch(() => {});
    return (await fs.readFile(file, 'utf8')).trim();
  }
}
