// The environment variables src/config.ts reads: names, types, bounds and defaults (zod). Only
// config.ts turns them into the typed Config; nothing else reads process.env.
import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

export const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  HOST: z.string().default('0.0.0.0'),
  PORT: int(0, 65535).default(4000),
  /** Base URL clients use to reach this API; signed local upload URLs are built on it. */
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().default('.data'),

  DATABASE_URL: z.string().optional(),
  DATABASE_POOL_MAX: int(1, 200).default(10),
  DB_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/)
    .default('klike'),
  BOSS_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/)
    .default('pgboss'),
  EMBEDDED_PG_PORT: int(1, 65535).default(54329),

  STORAGE_DRIVER: z.enum(['local', 's3']).optional(),
  STORAGE_SIGNING_SECRET: z.string().min(16).optional(),
  UPLOAD_URL_TTL_SECONDS: int(30, 7 * 24 * 3600).default(900),
  DOWNLOAD_URL_TTL_SECONDS: int(30, 7 * 24 * 3600).default(3600),
  UPLOAD_MAX_BYTES: int(1, Number.MAX_SAFE_INTEGER).default(2_000_000_000),
  UPLOAD_CONTENT_TYPES: z.string().default('video/mp4,video/quicktime,video/webm,video/x-matroska,video/x-msvideo,video/mpeg'),

  S3_BUCKET: z.string().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_ENDPOINT: z.url().optional(),
  S3_PUBLIC_ENDPOINT: z.url().optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: bool.optional(),

  WORKER_CONCURRENCY: int(1, 64).default(2),
  JOB_RETRY_LIMIT: int(0, 20).default(3),
  JOB_HEARTBEAT_SECONDS: int(10, 3600).default(30),
  JOB_EXPIRE_SECONDS: int(60, 24 * 3600).default(3600),
  /** How often pg-boss looks for dead workers' jobs (heartbeat expiry). */
  JOB_SUPERVISE_SECONDS: int(1, 3600).default(10),
  STAGE_TIMEOUT_SECONDS: int(5, 24 * 3600).default(1800),

  FFMPEG_PATH: z.string().optional(),
  FFPROBE_PATH: z.string().optional(),

  GEMINI_API_KEY: z.string().optional(),
  GEMINI_BASE_URL: z.url().optional(),
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_BASE_URL: z.url().optional(),
  GEMINI_MODEL: z.string().default('gemini-2.5-flash'),
  OPENAI_MODEL: z.string().default('gpt-4o-mini'),
  OPENAI_TRANSCRIPTION_MODEL: z.string().default('whisper-1'),
  /** What a provider failure leads to: the offline engine's answer (marked as such), or a FAILED task. */
  AI_FALLBACK: z.enum(['offline', 'fail']).default('offline'),
  /** Retries of a failed AI call (429, 5xx, timeout) after the first attempt. (Default: 3) */
  AI_RETRIES: int(0, 10).default(3),
  /** First retry backoff, doubling per attempt (capped at 20 s). (Default: 500 ms) */
  AI_RETRY_BASE_DELAY_MS: int(1, 60_000).default(500),
  /** Per HTTP request to an AI provider. (Default: each engine's: Gemini 240 s, OpenAI 60–120 s) */
  AI_TIMEOUT_MS: int(1000, 290_000).optional(),

  /** Speech engine: `auto` uses pocketsphinx when installed, else none. (Default: auto) */
  TRANSCRIBER: z.enum(['auto', 'openai', 'gemini', 'whisper', 'pocketsphinx', 'none']).default('auto'),
  /** pocketsphinx_continuous binary. (Default: found on PATH) */
  POCKETSPHINX_PATH: z.string().optional(),
  /** Directory holding en-us/ (acoustic model), en-us.lm.bin and cmudict-en-us.dict. (Default: /usr/share/pocketsphinx/model/en-us) */
  POCKETSPHINX_MODEL_DIR: z.string().optional(),
  /** A whisper.cpp ggml model file; enables the whisper.cpp engine (needs @fugood/whisper.node installed). */
  WHISPER_MODEL_PATH: z.string().optional(),
  WHISPER_THREADS: int(1, 64).optional(),

  /** On-screen text: `auto` takes the tesseract CLI when installed (with por and eng), else tesseract.js. (Default: auto) */
  OCR_ENGINE: z.enum(['auto', 'tesseract', 'tesseract.js', 'none']).default('auto'),
  /** tesseract binary. (Default: found on PATH) */
  TESSERACT_PATH: z.string().optional(),
  /** Faces and people: `auto` loads @vladmandic/human when installed. (Default: auto) */
  FACE_ENGINE: z.enum(['auto', 'human', 'none']).default('auto'),
  /** Most frames perception samples per video (first seconds, shots, end). (Default: 24) */
  PERCEPTION_MAX_FRAMES: int(1, 200).default(24),
  /** Sidecar caption files per video (pending and ready); one more is TOO_MANY_CAPTIONS. (Default: 5) */
  CAPTION_MAX_SIDECARS: int(1, 100).default(5),
  /** Text subtitle streams of a file that are extracted; the rest are listed as unmeasured. (Default: 8) */
  MEDIA_MAX_SUBTITLE_STREAMS: int(0, 100).default(8),
  /** Queued or running tasks per user; one more is TOO_MANY_ACTIVE_TASKS. (Default: 10) */
  MAX_ACTIVE_TASKS_PER_USER: int(1, 100_000).default(10),

  GRAPHQL_INTROSPECTION: bool.optional(),
  GRAPHQL_PLAYGROUND: bool.optional(),
  GRAPHQL_MAX_DEPTH: int(2, 100).default(12),
  GRAPHQL_MAX_ALIASES: int(1, 1000).default(15),
  GRAPHQL_MAX_TOKENS: int(100, 100_000).default(3000),
  GRAPHQL_MAX_COST: int(100, 1_000_000).default(5000),
  GRAPHQL_MAX_DIRECTIVES: int(1, 1000).default(20),
  CORS_ORIGINS: z.string().default(''),
  /** Behind one reverse proxy: take the client address from the last X-Forwarded-For entry. */
  TRUST_PROXY: bool.default(false),

  /** Local mode: HMAC key for access tokens. Generated and persisted under DATA_DIR when not given. */
  JWT_SECRET: z.string().min(32).optional(),
  JWT_ISSUER: z.string().default('klike'),
  JWT_AUDIENCE: z.string().default('klike-api'),
  ACCESS_TOKEN_TTL_SECONDS: int(30, 24 * 3600).default(900),
  AUTH_CACHE_SECONDS: int(0, 300).default(5),
  REFRESH_TOKEN_TTL_SECONDS: int(60, 365 * 24 * 3600).default(30 * 24 * 3600),
  SUPABASE_URL: z.url().optional(),
  SUPABASE_ANON_KEY: z.string().optional(),
  /** Legacy HS256 secret of the Supabase project; JWKS is used when absent. */
  SUPABASE_JWT_SECRET: z.string().optional(),
  SUPABASE_JWKS_URL: z.url().optional(),
  /** Per request to Supabase Auth (GoTrue) and to its JWKS. (Default: 10 s) */
  SUPABASE_AUTH_TIMEOUT_MS: int(100, 120_000).default(10_000),

  RATE_LIMIT_PER_MINUTE: int(1, 1_000_000).default(600),
  AUTH_RATE_LIMIT_PER_MINUTE: int(1, 10_000).default(10),
  /**
   * Failed sign-ins per account (email) per AUTH_FAILURE_WINDOW_SECONDS, from any address; then
   * RATE_LIMITED until the window ends. (Default: 10)
   */
  AUTH_FAILURES_PER_ACCOUNT: int(1, 10_000).default(10),
  AUTH_FAILURE_WINDOW_SECONDS: int(1, 24 * 3600).default(900),
  /** Length of the rate-limit window the per-minute budgets are counted over. (Default: 60) */
  RATE_LIMIT_WINDOW_SECONDS: int(1, 3600).default(60),
  /** Live subscriptions one WebSocket may hold; more are TOO_MANY_SUBSCRIPTIONS. (Default: 50) */
  WS_MAX_SUBSCRIPTIONS_PER_SOCKET: int(1, 100_000).default(50),
  /** Open WebSockets per user on one API replica; more close with 4429 TOO_MANY_CONNECTIONS. (Default: 20) */
  WS_MAX_SOCKETS_PER_USER: int(1, 1_000_000).default(20),
  /** Open WebSockets per client address (IPv6 per /64) on one API replica. (Default: 50) */
  WS_MAX_SOCKETS_PER_IP: int(1, 1_000_000).default(50),
  /**
   * `connection_init` messages per client address per rate-limit window, shared by replicas; more
   * close with 4429 RATE_LIMITED. (Default: 120)
   */
  WS_CONNECT_PER_MINUTE: int(1, 1_000_000).default(120),
  UPLOAD_MIN_DURATION_SECONDS: z.coerce.number().min(0).default(0.5),
  UPLOAD_MAX_DURATION_SECONDS: z.coerce.number().min(1).default(3600),

  /** Webhook URLs may point at loopback/private addresses (and use http). (Default: true except in production) */
  WEBHOOK_ALLOW_PRIVATE: bool.optional(),
  /** Per delivery attempt: connect, send and first response byte. (Default: 10000) */
  WEBHOOK_TIMEOUT_MS: int(100, 60_000).default(10_000),
  /** Attempts per delivery before it is recorded as failed. (Default: 8) */
  WEBHOOK_MAX_ATTEMPTS: int(1, 20).default(8),
  /** First retry delay; each further one is 4× longer, jittered, capped by WEBHOOK_RETRY_MAX_SECONDS. (Default: 5) */
  WEBHOOK_RETRY_BASE_SECONDS: z.coerce.number().min(0.05).max(3600).default(5),
  /** Longest wait between attempts, Retry-After included. (Default: 21600, 6 h) */
  WEBHOOK_RETRY_MAX_SECONDS: z.coerce
    .number()
    .min(0.1)
    .max(7 * 24 * 3600)
    .default(6 * 3600),
  /** After rotateWebhookSecret, how long the old secret still signs alongside the new. (Default: 86400) */
  WEBHOOK_SECRET_GRACE_SECONDS: int(0, 30 * 24 * 3600).default(24 * 3600),
  /** DNS servers (host:port, comma-separated) for resolving webhook hosts. (Default: the system resolver) */
  WEBHOOK_DNS_SERVERS: z.string().optional(),
  /** Lifetime of Task.reportUrl links. (Default: 604800, 7 days) */
  REPORT_URL_TTL_SECONDS: int(60, 30 * 24 * 3600).default(7 * 24 * 3600),
  /** Headless Chromium for `?format=pdf`. (Default: chromium or google-chrome found on PATH) */
  REPORT_CHROMIUM_PATH: z.string().optional(),
  // Operations (README "Operations").
  /** A separate listener for /metrics, /healthz and /readyz (worker-only processes need one). (Default: on the API port) */
  METRICS_PORT: int(0, 65535).optional(),
  /** Bearer token scrapers must send to /metrics. (Default: none) */
  METRICS_TOKEN: z.string().min(16).optional(),
  /** How long in-flight analyses may run on after SIGTERM before their jobs are handed back. (Default: 25) */
  SHUTDOWN_GRACE_SECONDS: int(0, 3600).default(25),
  /** Days processed files (audio, stills) are kept; results stay. (Default: 30) */
  PROCESSED_RETENTION_DAYS: int(1, 3650).default(30),
  /** pg-boss cron of the housekeeping job. (Default: every 15 minutes) */
  HOUSEKEEPING_CRON: z.string().min(9).default('*/15 * * * *'),
  /** Behind a TLS proxy (TRUST_PROXY): redirect or refuse plain HTTP and send HSTS. (Default: on in production with TRUST_PROXY) */
  HTTPS_ONLY: bool.optional(),
  HSTS_MAX_AGE_SECONDS: int(0, 2 * 365 * 24 * 3600).default(365 * 24 * 3600),
  /** OpenTelemetry, opt-in: an OTLP/HTTP collector's base URL (traces go to <url>/v1/traces). */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  /** A traces-only URL, used as given (the OpenTelemetry convention). */
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url().optional(),
  /** `key=value,key2=value2` headers for the collector (an API key). */
  OTEL_EXPORTER_OTLP_HEADERS: z.string().optional(),
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
});

export type Env = z.input<typeof EnvSchema>;
/** Every variable the configuration reads (deployment manifests are checked against it). */
export const KNOWN_ENV_VARS: readonly string[] = Object.keys(EnvSchema.shape);
