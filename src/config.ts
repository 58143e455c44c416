// The one place that reads process.env. Everything is validated at start-up and fails fast with a
// message naming the bad variable; with no environment at all the result is the embedded default
// (embedded Postgres, local disk storage, offline analysis).
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { EnvSchema } from './config-env.js';

export interface Config {
  env: 'development' | 'production' | 'test';
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  http: {
    host: string;
    port: number;
    publicUrl: string | undefined;
    introspection: boolean;
    playground: boolean;
    corsOrigins: string[];
    trustProxy: boolean;
    limits: { maxDepth: number; maxAliases: number; maxTokens: number; maxCost: number; maxDirectives: number };
    rateLimitPerMinute: number;
    authRateLimitPerMinute: number;
    rateLimitWindowSeconds: number;
    /** Failed sign-ins per account per window, from any address. */
    signInFailures: { perAccount: number; windowSeconds: number };
    ws: { maxSubscriptionsPerSocket: number; maxSocketsPerUser: number; maxSocketsPerIp: number; connectPerMinute: number };
  };
  auth: {
    mode: 'local' | 'supabase';
    jwtSecret: string | undefined;
    issuer: string;
    audience: string;
    accessTtlSeconds: number;
    refreshTtlSeconds: number;
    /** How long a replica trusts what it read about a user or an API key (role, revocation). (Default: 5; 0 reads every request) */
    cacheSeconds: number;
    supabase?: { url: string; anonKey: string; jwtSecret?: string; jwksUrl: string; timeoutMs: number };
  };
  dataDir: string;
  database:
    | { mode: 'external'; url: string; poolMax: number; schema: string; bossSchema: string }
    | { mode: 'embedded'; port: number; dataDir: string; poolMax: number; schema: string; bossSchema: string };
  storage: {
    driver: 'local' | 's3';
    /** HMAC key for local signed URLs. Generated and persisted under DATA_DIR when not given. */
    signingSecret: string | undefined;
    localRoot: string;
    uploadTtlSeconds: number;
    downloadTtlSeconds: number;
    s3?: {
      bucket: string;
      region: string;
      endpoint?: string;
      publicEndpoint?: string;
      accessKeyId?: string;
      secretAccessKey?: string;
      forcePathStyle: boolean;
    };
  };
  uploads: { maxBytes: number; contentTypes: string[]; minDurationSeconds: number; maxDurationSeconds: number };
  /** Per-video and per-user caps against hostile files and tenants (README, Security). */
  quotas: { captionMaxSidecars: number; maxSubtitleStreams: number; maxActiveTasksPerUser: number };
  jobs: {
    concurrency: number;
    retryLimit: number;
    heartbeatSeconds: number;
    expireSeconds: number;
    superviseSeconds: number;
    stageTimeoutSeconds: number;
  };
  media: { ffmpegPath?: string; ffprobePath?: string };
  ai: {
    gemini?: { apiKey: string; baseUrl?: string; model: string };
    openai?: { apiKey: string; baseUrl?: string; model: string; transcriptionModel: string };
    fallback: 'offline' | 'fail';
    retry: { retries: number; baseDelayMs: number };
    timeoutMs?: number;
  };
  ops: {
    metricsPort: number | undefined;
    metricsToken: string | undefined;
    shutdownGraceSeconds: number;
    processedRetentionDays: number;
    housekeepingCron: string;
    httpsOnly: boolean;
    hstsMaxAgeSeconds: number;
    /** Tracing; absent when no OTLP endpoint is set. */
    otel?: { tracesUrl: string; headers: Record<string, string>; serviceName?: string };
  };
  speech: {
    transcriber: 'auto' | 'openai' | 'gemini' | 'whisper' | 'pocketsphinx' | 'none';
    pocketsphinx: { binaryPath?: string; modelDir?: string };
    whisper?: { modelPath: string; threads?: number };
  };
  webhooks: {
    allowPrivate: boolean;
    requireHttps: boolean;
    timeoutMs: number;
    maxAttempts: number;
    retryBaseSeconds: number;
    retryMaxSeconds: number;
    secretGraceSeconds: number;
    dnsServers: string[];
  };
  report: { urlTtlSeconds: number; chromiumPath: string | undefined };
  perception: {
    ocr: 'auto' | 'tesseract' | 'tesseract.js' | 'none';
    faces: 'auto' | 'human' | 'none';
    maxFrames: number;
    tesseractPath?: string;
  };
}

export class ConfigError extends Error {}

export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  // Empty strings mean "unset" (docker-compose passes them for blank variables).
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const driver = e.STORAGE_DRIVER ?? (e.S3_BUCKET ? 's3' : 'local');
  if (driver === 's3' && !e.S3_BUCKET) throw new ConfigError('Invalid configuration:\n  S3_BUCKET: required when STORAGE_DRIVER=s3');
  const dev = e.NODE_ENV !== 'production';
  // Generated secrets live on one machine's disk; replicas in production must share explicit ones.
  if (!dev && !e.SUPABASE_URL && !e.JWT_SECRET)
    throw new ConfigError('Invalid configuration:\n  JWT_SECRET: required in production (local auth mode), at least 32 characters');
  // GoTrue refuses every call without the project's anon key: fail at start-up, not at the first sign-in.
  if (e.SUPABASE_URL && !e.SUPABASE_ANON_KEY)
    throw new ConfigError("Invalid configuration:\n  SUPABASE_ANON_KEY: required with SUPABASE_URL (the project's anon/publishable key)");
  if (!dev && driver === 'local' && !e.STORAGE_SIGNING_SECRET)
    throw new ConfigError('Invalid configuration:\n  STORAGE_SIGNING_SECRET: required in production with local storage');
  const common = { poolMax: e.DATABASE_POOL_MAX, schema: e.DB_SCHEMA, bossSchema: e.BOSS_SCHEMA };
  return {
    env: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    http: {
      host: e.HOST,
      port: e.PORT,
      publicUrl: e.PUBLIC_URL?.replace(/\/$/, ''),
      introspection: e.GRAPHQL_INTROSPECTION ?? dev,
      playground: e.GRAPHQL_PLAYGROUND ?? dev,
      trustProxy: e.TRUST_PROXY,
      corsOrigins: e.CORS_ORIGINS.split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      limits: {
        maxDepth: e.GRAPHQL_MAX_DEPTH,
        maxAliases: e.GRAPHQL_MAX_ALIASES,
        maxTokens: e.GRAPHQL_MAX_TOKENS,
        maxCost: e.GRAPHQL_MAX_COST,
        maxDirectives: e.GRAPHQL_MAX_DIRECTIVES,
      },
      rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
      authRateLimitPerMinute: e.AUTH_RATE_LIMIT_PER_MINUTE,
      rateLimitWindowSeconds: e.RATE_LIMIT_WINDOW_SECONDS,
      signInFailures: { perAccount: e.AUTH_FAILURES_PER_ACCOUNT, windowSeconds: e.AUTH_FAILURE_WINDOW_SECONDS },
      ws: {
        maxSubscriptionsPerSocket: e.WS_MAX_SUBSCRIPTIONS_PER_SOCKET,
        maxSocketsPerUser: e.WS_MAX_SOCKETS_PER_USER,
        maxSocketsPerIp: e.WS_MAX_SOCKETS_PER_IP,
        connectPerMinute: e.WS_CONNECT_PER_MINUTE,
      },
    },
    auth: {
      mode: e.SUPABASE_URL ? 'supabase' : 'local',
      jwtSecret: e.JWT_SECRET,
      issuer: e.JWT_ISSUER,
      audience: e.JWT_AUDIENCE,
      accessTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
      cacheSeconds: e.AUTH_CACHE_SECONDS,
      refreshTtlSeconds: e.REFRESH_TOKEN_TTL_SECONDS,
      supabase: e.SUPABASE_URL
        ? {
            url: e.SUPABASE_URL.replace(/\/$/, ''),
            anonKey: e.SUPABASE_ANON_KEY!,
            jwtSecret: e.SUPABASE_JWT_SECRET,
            jwksUrl: e.SUPABASE_JWKS_URL ?? `${e.SUPABASE_URL.replace(/\/$/, '')}/auth/v1/.well-known/jwks.json`,
            timeoutMs: e.SUPABASE_AUTH_TIMEOUT_MS,
          }
        : undefined,
    },
    dataDir,
    database: e.DATABASE_URL
      ? { mode: 'external', url: e.DATABASE_URL, ...common }
      : { mode: 'embedded', port: e.EMBEDDED_PG_PORT, dataDir: path.join(dataDir, 'postgres'), ...common },
    storage: {
      driver,
      signingSecret: e.STORAGE_SIGNING_SECRET,
      localRoot: path.join(dataDir, 'storage'),
      uploadTtlSeconds: e.UPLOAD_URL_TTL_SECONDS,
      downloadTtlSeconds: e.DOWNLOAD_URL_TTL_SECONDS,
      s3:
        driver === 's3'
          ? {
              bucket: e.S3_BUCKET!,
              region: e.S3_REGION,
              endpoint: e.S3_ENDPOINT,
              publicEndpoint: e.S3_PUBLIC_ENDPOINT,
              accessKeyId: e.S3_ACCESS_KEY_ID,
              secretAccessKey: e.S3_SECRET_ACCESS_KEY,
              // MinIO and Supabase Storage need path-style addressing; AWS does not.
              forcePathStyle: e.S3_FORCE_PATH_STYLE ?? Boolean(e.S3_ENDPOINT),
            }
          : undefined,
    },
    uploads: {
      maxBytes: e.UPLOAD_MAX_BYTES,
      contentTypes: e.UPLOAD_CONTENT_TYPES.split(',')
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean),
      minDurationSeconds: e.UPLOAD_MIN_DURATION_SECONDS,
      maxDurationSeconds: e.UPLOAD_MAX_DURATION_SECONDS,
    },
    quotas: {
      captionMaxSidecars: e.CAPTION_MAX_SIDECARS,
      maxSubtitleStreams: e.MEDIA_MAX_SUBTITLE_STREAMS,
      maxActiveTasksPerUser: e.MAX_ACTIVE_TASKS_PER_USER,
    },
    jobs: {
      concurrency: e.WORKER_CONCURRENCY,
      retryLimit: e.JOB_RETRY_LIMIT,
      heartbeatSeconds: e.JOB_HEARTBEAT_SECONDS,
      expireSeconds: e.JOB_EXPIRE_SECONDS,
      superviseSeconds: e.JOB_SUPERVISE_SECONDS,
      stageTimeoutSeconds: e.STAGE_TIMEOUT_SECONDS,
    },
    media: { ffmpegPath: e.FFMPEG_PATH, ffprobePath: e.FFPROBE_PATH },
    ai: {
      gemini: e.GEMINI_API_KEY ? { apiKey: e.GEMINI_API_KEY, baseUrl: e.GEMINI_BASE_URL, model: e.GEMINI_MODEL } : undefined,
      openai: e.OPENAI_API_KEY
        ? { apiKey: e.OPENAI_API_KEY, baseUrl: e.OPENAI_BASE_URL, model: e.OPENAI_MODEL, transcriptionModel: e.OPENAI_TRANSCRIPTION_MODEL }
        : undefined,
      fallback: e.AI_FALLBACK,
      retry: { retries: e.AI_RETRIES, baseDelayMs: e.AI_RETRY_BASE_DELAY_MS },
      timeoutMs: e.AI_TIMEOUT_MS,
    },
    ops: {
      metricsPort: e.METRICS_PORT,
      metricsToken: e.METRICS_TOKEN,
      shutdownGraceSeconds: e.SHUTDOWN_GRACE_SECONDS,
      processedRetentionDays: e.PROCESSED_RETENTION_DAYS,
      housekeepingCron: e.HOUSEKEEPING_CRON,
      httpsOnly: e.HTTPS_ONLY ?? (!dev && e.TRUST_PROXY),
      hstsMaxAgeSeconds: e.HSTS_MAX_AGE_SECONDS,
      otel: otelConfig(e),
    },
    speech: {
      transcriber: e.TRANSCRIBER,
      pocketsphinx: { binaryPath: e.POCKETSPHINX_PATH, modelDir: e.POCKETSPHINX_MODEL_DIR },
      whisper: e.WHISPER_MODEL_PATH ? { modelPath: e.WHISPER_MODEL_PATH, threads: e.WHISPER_THREADS } : undefined,
    },
    webhooks: {
      allowPrivate: e.WEBHOOK_ALLOW_PRIVATE ?? dev,
      // Signed payloads over plain http can be read and replayed on the way: production sends https only.
      requireHttps: !dev,
      timeoutMs: e.WEBHOOK_TIMEOUT_MS,
      maxAttempts: e.WEBHOOK_MAX_ATTEMPTS,
      retryBaseSeconds: e.WEBHOOK_RETRY_BASE_SECONDS,
      retryMaxSeconds: e.WEBHOOK_RETRY_MAX_SECONDS,
      secretGraceSeconds: e.WEBHOOK_SECRET_GRACE_SECONDS,
      dnsServers: (e.WEBHOOK_DNS_SERVERS ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    },
    report: { urlTtlSeconds: e.REPORT_URL_TTL_SECONDS, chromiumPath: e.REPORT_CHROMIUM_PATH },
    perception: { ocr: e.OCR_ENGINE, faces: e.FACE_ENGINE, maxFrames: e.PERCEPTION_MAX_FRAMES, tesseractPath: e.TESSERACT_PATH },
  };
}

function otelConfig(e: z.output<typeof EnvSchema>): Config['ops']['otel'] {
  const tracesUrl =
    e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ??
    (e.OTEL_EXPORTER_OTLP_ENDPOINT ? `${e.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces` : undefined);
  if (!tracesUrl) return undefined;
  const headers: Record<string, string> = {};
  for (const pair of (e.OTEL_EXPORTER_OTLP_HEADERS ?? '').split(',')) {
    const at = pair.indexOf('=');
    if (at > 0) headers[decodeURIComponent(pair.slice(0, at).trim())] = decodeURIComponent(pair.slice(at + 1).trim());
  }
  return { tracesUrl, headers, serviceName: e.OTEL_SERVICE_NAME };
}

export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}
