// JSON-lines logs through pino, with the design's field names: `timestamp`, `level`, `service`
// (klike-api / klike-worker), `task_id`, `event`, `duration_ms`, `video_duration_s`, `score`.
// Secrets never reach the output: pino's `redact` censors secret-named fields at known paths, and
// `redact()` below scrubs signed-URL signatures and bearer tokens inside any string, at any depth.
import { pino, type Logger as Pino } from 'pino';

export type Level = 'debug' | 'info' | 'warn' | 'error';
export type Service = 'klike-api' | 'klike-worker';

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

const SECRET_QUERY = /([?&](?:sig|signature|X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token|token|key)=)[^&\s"]+/gi;
const BEARER = /(Bearer\s+)[A-Za-z0-9._~+/=-]+/g;
const SECRET_KEYS = /(password|secret|token|authorization|apikey|api_key|uploadurl|signedurl)/i;
/** Field names the code base uses in camelCase, written as the design names them. */
const RENAMED: Record<string, string> = { taskId: 'task_id', videoId: 'video_id', jobId: 'job_id', durationMs: 'duration_ms' };

export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.replace(SECRET_QUERY, '$1[redacted]').replace(BEARER, '$1[redacted]');
  if (value instanceof Error) return errorFields(value, depth);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEYS.test(k) ? '[redacted]' : redact(v, depth + 1);
  return out;
}

/**
 * An error as log fields: its code and details (AppError), the system call behind a Node error, and
 * its cause chain, which is often the only clue (an SDK's "could not be reached" over a local ENOENT;
 * a refused dual-stack connect is an AggregateError with an empty message of its own).
 */
function errorFields(e: Error, depth: number): Record<string, unknown> {
  const x = e as Error & { code?: unknown; details?: unknown; syscall?: unknown; path?: unknown };
  const out: Record<string, unknown> = { name: e.name, message: redact(e.message) };
  if (x.code !== undefined) out.code = x.code;
  if (x.details !== undefined) out.details = redact(x.details, depth + 1);
  if (typeof x.syscall === 'string') out.syscall = x.syscall;
  if (typeof x.path === 'string') out.path = redact(x.path);
  const cause = e instanceof AggregateError && e.cause === undefined ? e.errors[0] : e.cause;
  if (cause !== undefined) out.cause = depth < 4 ? redact(cause, depth + 1) : '[cause chain too deep]';
  return out;
}

/** pino's own pass: secret-named fields at the depths we log them (the regex pass above catches the rest). */
const REDACT_PATHS = [
  'password',
  'token',
  'authorization',
  'apiKey',
  'secret',
  '*.password',
  '*.token',
  '*.authorization',
  '*.apiKey',
  '*.secret',
  'headers.authorization',
  '*.headers.authorization',
];

let mixinHook: (() => Record<string, unknown>) | undefined;
/** Adds fields to every line of every logger (tracing sets the trace id here). */
export function setLogMixin(fn: (() => Record<string, unknown>) | undefined): void {
  mixinHook = fn;
}

function makePino(level: Level | 'silent', stream: NodeJS.WritableStream): Pino {
  return pino(
    {
      level,
      base: undefined,
      messageKey: 'msg',
      timestamp: () => `,"timestamp":"${new Date().toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      mixin: () => mixinHook?.() ?? {},
    },
    stream,
  );
}

export function createLogger(level: Level | 'silent' = 'info', base: Record<string, unknown> = {}): Logger {
  // Warnings and errors on stderr, the rest on stdout (as before pino).
  const out = makePino(level, process.stdout);
  const err = makePino(level, process.stderr);
  return wrap(out, err, base);
}

function wrap(out: Pino, err: Pino, bindings: Record<string, unknown>): Logger {
  const write = (lvl: Level, msg: string, fields?: Record<string, unknown>) => {
    const target = lvl === 'warn' || lvl === 'error' ? err : out;
    if (!target.isLevelEnabled(lvl)) return;
    const merged: Record<string, unknown> = {};
    for (const [k, v] of Object.entries({ ...bindings, ...fields })) if (v !== undefined) merged[RENAMED[k] ?? k] = v;
    target[lvl](redact(merged) as object, redact(msg) as string);
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (f) => wrap(out, err, { ...bindings, ...f }),
  };
}
