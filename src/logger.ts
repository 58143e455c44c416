// A small JSON-lines logger. Secrets never reach it: signed URLs and tokens are redacted on the way out.
export type Level = 'debug' | 'info' | 'warn' | 'error';
const order: Record<Level | 'silent', number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

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
 * its cause chain, which is often the only clue (an SDK's "could not be reached" over a local ENOENT).
 */
function errorFields(e: Error, depth: number): Record<string, unknown> {
  const x = e as Error & { code?: unknown; details?: unknown; syscall?: unknown; path?: unknown };
  const out: Record<string, unknown> = { name: e.name, message: redact(e.message) };
  if (x.code !== undefined) out.code = x.code;
  if (x.details !== undefined) out.details = redact(x.details, depth + 1);
  if (typeof x.syscall === 'string') out.syscall = x.syscall;
  if (typeof x.path === 'string') out.path = redact(x.path);
  if (e.cause !== undefined) out.cause = depth < 4 ? redact(e.cause, depth + 1) : '[cause chain too deep]';
  return out;
}

export function createLogger(level: Level | 'silent' = 'info', base: Record<string, unknown> = {}): Logger {
  const write = (lvl: Level, msg: string, fields?: Record<string, unknown>) => {
    if (order[lvl] < order[level]) return;
    const line = JSON.stringify({ t: new Date().toISOString(), level: lvl, msg: redact(msg), ...(redact({ ...base, ...fields }) as object) });
    (lvl === 'error' || lvl === 'warn' ? process.stderr : process.stdout).write(line + '\n');
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (f) => createLogger(level, { ...base, ...f }),
  };
}
