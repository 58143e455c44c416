// Starts Postgres once for the whole run (embedded unless DATABASE_URL names a server), migrates a
// template database with our schema and pg-boss's, and hands tests what they need to clone it.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PgBoss } from 'pg-boss';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../src/datasources/postgres/embedded.js';
import { migrate } from '../src/datasources/postgres/migrate.js';
import { loadConfig } from '../src/config.js';
import { ensureQueues } from '../src/jobs/queue.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
    /** Prefix of this run's cloned databases: runs sharing one server (CI's external stage, the gate test's child run, other checkouts) never touch each other's. */
    pgClonePrefix: string;
  }
}

const RUN = randomBytes(4).toString('hex');
const TEMPLATE = `klike_test_template_${RUN}`;
const CLONE_PREFIX = `klike_t_${RUN}_`;
let embedded: EmbeddedPostgresHandle | undefined;
let dataDir: string | undefined;
let adminUrl: string;

export async function setup(project: TestProject) {
  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL;
  } else {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'klike-test-pg-'));
    await fs.chmod(dataDir, 0o755);
    embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'data'), port: await freePort(), database: 'postgres' });
    adminUrl = embedded.url;
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE}`);
  await admin.query(`CREATE DATABASE ${TEMPLATE}`);
  await admin.end();
  const templateUrl = withDatabase(adminUrl, TEMPLATE);
  const config = loadConfig({ DATABASE_URL: templateUrl, LOG_LEVEL: 'silent' });
  await migrate(templateUrl, config.database.schema);
  // pg-boss installs its schema on first start; doing it once here keeps per-suite clones fast.
  const boss = new PgBoss({ connectionString: templateUrl, schema: config.database.bossSchema, supervise: false, schedule: false });
  boss.on('error', () => {});
  await boss.start();
  await ensureQueues(boss, config);
  await boss.stop({ graceful: false, close: true });
  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgTemplate', TEMPLATE);
  project.provide('pgClonePrefix', CLONE_PREFIX);
}

export async function teardown() {
  if (process.env.DATABASE_URL) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    const { rows } = await admin.query(`SELECT datname FROM pg_database WHERE starts_with(datname, $1) OR datname = $2`, [CLONE_PREFIX, TEMPLATE]);
    for (const r of rows) await admin.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`).catch(() => {});
    await admin.end();
  }
  await embedded?.stop();
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
}

export function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}
