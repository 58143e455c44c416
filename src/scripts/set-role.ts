// Makes an existing account an admin (or back): npm run user:role -- someone@example.com admin
// Uses the same configuration as the server (DATABASE_URL, or the embedded database under DATA_DIR).
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { createDatabase } from '../datasources/postgres/db.js';
import { embeddedUrl, startEmbeddedPostgres } from '../datasources/postgres/embedded.js';
import { migrate } from '../datasources/postgres/migrate.js';
import { UsersRepo } from '../datasources/postgres/users.js';
import pgLib from 'pg';

async function reachable(url: string): Promise<boolean> {
  const c = new pgLib.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

const [email, role = 'admin'] = process.argv.slice(2);
if (!email || (role !== 'admin' && role !== 'user')) {
  console.error('usage: npm run user:role -- <email> [admin|user]');
  process.exit(2);
}
const config = loadConfig();
const logger = createLogger('warn');
let url: string;
let stop = async () => {};
if (config.database.mode === 'external') url = config.database.url;
else if (await reachable(embeddedUrl(config.database.port))) {
  // The server is running: use its embedded database rather than starting a second one.
  url = embeddedUrl(config.database.port);
} else {
  const pg = await startEmbeddedPostgres({ dataDir: config.database.dataDir, port: config.database.port, logger });
  url = pg.url;
  stop = pg.stop;
}
await migrate(url, config.database.schema);
const db = createDatabase({ url, schema: config.database.schema, max: 1 });
const user = await new UsersRepo(db).setRole(email, role);
await db.close();
await stop();
if (!user) {
  console.error(`no account with email ${email}: sign up first`);
  process.exit(1);
}
console.log(`${user.email} is now ${user.role}`);
