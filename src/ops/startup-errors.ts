// Start-up failures an operator meets, each with its reason and the fix, so a taken port is never
// confused with a broken install. `explainStartupError` turns whatever start-up threw into one.
import { ConfigError } from '../config.js';

export type StartupFailureCode =
  'BAD_CONFIG' | 'PORT_IN_USE' | 'DATA_DIR_LOCKED' | 'FFMPEG_MISSING' | 'DATABASE_UNREACHABLE' | 'STARTUP_FAILED';

export class StartupError extends Error {
  constructor(
    readonly code: StartupFailureCode,
    readonly reason: string,
    readonly fix: string,
    opts: { cause?: unknown } = {},
  ) {
    super(reason, opts);
    this.name = 'StartupError';
  }
}

/** Exit status for a start-up failure: 2 for configuration (nothing was started), 1 otherwise. */
export const exitCodeFor = (e: StartupError) => (e.code === 'BAD_CONFIG' ? 2 : 1);

export function explainStartupError(e: unknown): StartupError {
  if (e instanceof StartupError) return e;
  if (e instanceof ConfigError)
    return new StartupError(
      'BAD_CONFIG',
      e.message,
      'set the variables named above (see the configuration table in the README) and start again',
      { cause: e },
    );
  const sys = systemError(e);
  if (sys?.code === 'EADDRINUSE') {
    const port = sys.port ?? '?';
    return new StartupError(
      'PORT_IN_USE',
      `port ${port} is already in use${sys.address ? ` on ${sys.address}` : ''}`,
      `stop the process holding port ${port} (\`ss -ltnp 'sport = :${port}'\`) or choose another port (PORT, METRICS_PORT or EMBEDDED_PG_PORT)`,
      { cause: e },
    );
  }
  if (
    sys?.code === 'ECONNREFUSED' ||
    sys?.code === 'ENOTFOUND' ||
    sys?.code === 'ETIMEDOUT' ||
    sys?.code === '28P01' ||
    sys?.code === '3D000'
  ) {
    return new StartupError(
      'DATABASE_UNREACHABLE',
      `the database could not be reached (${sys.code}${sys.message ? `: ${sys.message}` : ''})`,
      'check DATABASE_URL (host, port, credentials, database) and that the server is running; unset it to use the embedded Postgres',
      { cause: e },
    );
  }
  const message = e instanceof Error ? e.message || e.name : String(e);
  return new StartupError('STARTUP_FAILED', message, 'see the error above; run with LOG_LEVEL=debug for more detail', { cause: e });
}

export function dataDirLocked(dataDir: string, pid: number): StartupError {
  return new StartupError(
    'DATA_DIR_LOCKED',
    `the data directory ${dataDir} is in use by another running instance (its Postgres has pid ${pid})`,
    'stop the other instance, or give this one its own DATA_DIR (and PORT), or point both at one server with DATABASE_URL',
  );
}

export function ffmpegMissing(cause: unknown): StartupError {
  return new StartupError(
    'FFMPEG_MISSING',
    'ffmpeg could not be run: a worker cannot analyse anything without it',
    'install ffmpeg (Debian/Ubuntu: `apt-get install -y ffmpeg`; macOS: `brew install ffmpeg`), or set FFMPEG_PATH and FFPROBE_PATH to the binaries; `npm ci` also installs static builds (@ffmpeg-installer/ffmpeg, @ffprobe-installer/ffprobe) on the platforms they exist for; `npm run doctor` says which step failed',
    { cause },
  );
}

/** The first errno-style error in a cause chain (AggregateError included: a refused dual-stack connect). */
function systemError(e: unknown, depth = 0): { code: string; port?: number; address?: string; message?: string } | null {
  if (!(e instanceof Error) || depth > 5) return null;
  const x = e as Error & { code?: unknown; port?: number; address?: string };
  if (typeof x.code === 'string' && (/^E[A-Z]+$/.test(x.code) || /^[0-9A-Z]{5}$/.test(x.code)))
    return { code: x.code, port: x.port, address: x.address, message: e.message };
  if (e instanceof AggregateError)
    for (const inner of e.errors) {
      const found = systemError(inner, depth + 1);
      if (found) return found;
    }
  return systemError(e.cause, depth + 1);
}
