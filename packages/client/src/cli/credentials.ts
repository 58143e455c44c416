// `klike login` keeps a refresh token (never the password) in the user's config directory, readable
// by the user only; later commands trade it for an access token and store the rotated one.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface StoredCredentials {
  url: string;
  email: string;
  refreshToken: string;
}

/** $KLIKE_CONFIG_DIR, else $XDG_CONFIG_HOME/klike, else ~/.config/klike. */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.KLIKE_CONFIG_DIR) return env.KLIKE_CONFIG_DIR;
  return path.join(env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config'), 'klike');
}

export function credentialsPath(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(configDir(env), 'credentials.json');
}

export async function readCredentials(env: NodeJS.ProcessEnv = process.env): Promise<StoredCredentials | null> {
  try {
    return JSON.parse(await fs.readFile(credentialsPath(env), 'utf8')) as StoredCredentials;
  } catch {
    return null;
  }
}

export async function writeCredentials(c: StoredCredentials, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const file = credentialsPath(env);
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  // Written to a private temp file and renamed: the token is never readable by others, even briefly.
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, JSON.stringify(c, null, 2) + '\n', { mode: 0o600 });
  await fs.chmod(tmp, 0o600);
  await fs.rename(tmp, file);
  return file;
}

export async function removeCredentials(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  await fs.rm(credentialsPath(env), { force: true });
}
