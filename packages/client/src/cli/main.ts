// The `klike` command line: analyze a file, watch a task, print a result, log in.
// Exit codes: 0 the task COMPLETED; 1 it FAILED or was CANCELLED, or the API refused (the code is
// printed on stderr); 2 bad usage (unknown option, missing file); 130 stopped with Ctrl-C.
import fs from 'node:fs/promises';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { createKlikeClient, KlikeError, type KlikeClient, type TaskEvent, type TaskWithResult } from '../client.js';
import { RefreshTokenDocument, SignInDocument, type AnalysisOptionsInput, type Audience, type Platform } from '../generated/graphql.js';
import { LiveBlock, bar, formatBytes, stageLines } from './progress.js';
import { formatReport } from './report.js';
import { credentialsPath, readCredentials, removeCredentials, writeCredentials } from './credentials.js';

export const EXIT = { OK: 0, FAILED: 1, USAGE: 2, INTERRUPTED: 130 } as const;

const PLATFORMS = ['TIKTOK', 'META_FEED', 'META_REELS', 'META_STORIES', 'YOUTUBE', 'YOUTUBE_SHORTS', 'LINKEDIN', 'SNAPCHAT'] as const satisfies readonly Platform[];
const AUDIENCES = ['GEN_Z', 'MILLENNIALS', 'GEN_X', 'BOOMERS'] as const satisfies readonly Audience[];

export const USAGE = `Usage: klike <command> [options]

Commands:
  analyze <file>     upload a video, follow its analysis live, print the report
      --platform P   target platform (repeat or comma-separate): ${PLATFORMS.join(', ')}
      --audience A   audience (repeat or comma-separate): ${AUDIENCES.join(', ')}
      --brand NAME   brand name as spoken (enables the early brand-mention check)
      --language L   language of the report and speech: en or pt
      --title TEXT   a title for the video
  watch <taskId>     follow a task live until it ends, then print the report
  result <taskId>    print a finished task's report
  login              sign in and keep a refresh token in ${credentialsPath().replace(process.env.HOME ?? '\0', '~')}
      --email E      (password: $KLIKE_PASSWORD, else asked for)
  logout             forget the stored refresh token

Options:
  --json             print the result as JSON on stdout and nothing else (the default when piped)
  --url URL          the API (default: $KLIKE_URL, else http://localhost:4000/graphql)
  -h, --help         this text

Authentication: $KLIKE_TOKEN (an access token or API key), else the token stored by \`klike login\`.
Exit codes: 0 completed, 1 failed or cancelled (code on stderr), 2 bad usage, 130 interrupted.
`;

export interface Io {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
  env: NodeJS.ProcessEnv;
}

class UsageError extends Error {}

export async function main(argv: string[], io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean' },
        url: { type: 'string' },
        platform: { type: 'string', multiple: true },
        audience: { type: 'string', multiple: true },
        brand: { type: 'string' },
        language: { type: 'string' },
        title: { type: 'string' },
        email: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    io.stderr.write(`klike: ${(e as Error).message}\n\n${USAGE}`);
    return EXIT.USAGE;
  }
  const { values: o, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (o.help || !command) {
    (o.help ? io.stdout : io.stderr).write(USAGE);
    return o.help ? EXIT.OK : EXIT.USAGE;
  }
  const url = o.url ?? io.env.KLIKE_URL ?? 'http://localhost:4000/graphql';
  const json = Boolean(o.json) || !io.stdout.isTTY;
  try {
    switch (command) {
      case 'analyze': {
        const file = one(rest, 'analyze <file>');
        const analysis = analysisOptions(o);
        const stat = await fs.stat(file).catch(() => null);
        if (!stat?.isFile()) throw new UsageError(`no such file: ${file}`);
        const client = await clientFor(url, io);
        try {
          return await analyze(client, file, stat.size, analysis, o.title, { io, json });
        } finally {
          await client.close();
        }
      }
      case 'watch': {
        const taskId = one(rest, 'watch <taskId>');
        const client = await clientFor(url, io);
        try {
          return await follow(client, taskId, { io, json });
        } finally {
          await client.close();
        }
      }
      case 'result': {
        const taskId = one(rest, 'result <taskId>');
        const client = await clientFor(url, io);
        try {
          const task = await client.getResult(taskId);
          if (!['COMPLETED', 'FAILED', 'CANCELLED'].includes(task.status)) {
            if (json) io.stdout.write(JSON.stringify(task, null, 2) + '\n');
            io.stderr.write(`klike: task ${taskId} is ${task.status}, not finished; follow it with: klike watch ${taskId}\n`);
            return EXIT.FAILED;
          }
          return report(task, { io, json });
        } finally {
          await client.close();
        }
      }
      case 'login':
        return await login(url, o.email, io);
      case 'logout':
        await removeCredentials(io.env);
        io.stderr.write('klike: stored token removed\n');
        return EXIT.OK;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`klike: ${e.message}\n${e.message.startsWith('no such file') ? '' : `\n${USAGE}`}`);
      return EXIT.USAGE;
    }
    if (e instanceof KlikeError) {
      io.stderr.write(`klike: ${explain(e, url)} (${e.code})\n`);
      return e.code === 'FILE_NOT_FOUND' ? EXIT.USAGE : EXIT.FAILED;
    }
    // Never a stack trace for the user; KLIKE_DEBUG=1 shows it.
    io.stderr.write(`klike: ${(e as Error).message ?? String(e)}\n${io.env.KLIKE_DEBUG ? `${(e as Error).stack}\n` : ''}`);
    return EXIT.FAILED;
  }
}

function one(rest: string[], usage: string): string {
  if (rest.length !== 1 || !rest[0]) throw new UsageError(`usage: klike ${usage}`);
  return rest[0];
}

function list<T extends string>(values: string[] | undefined, allowed: readonly T[], what: string): T[] | undefined {
  if (!values?.length) return undefined;
  const out = values.flatMap((v) => v.split(',')).map((v) => v.trim().toUpperCase().replace(/-/g, '_')).filter(Boolean);
  for (const v of out) if (!allowed.includes(v as T)) throw new UsageError(`unknown ${what} "${v}" (one of ${allowed.join(', ')})`);
  return out as T[];
}

function analysisOptions(o: { platform?: string[]; audience?: string[]; brand?: string; language?: string }): AnalysisOptionsInput {
  if (o.language && !['en', 'pt'].includes(o.language)) throw new UsageError(`--language must be en or pt, not "${o.language}"`);
  return { platforms: list(o.platform, PLATFORMS, 'platform'), audiences: list(o.audience, AUDIENCES, 'audience'), brand: o.brand, language: o.language };
}

function explain(e: KlikeError, url: string): string {
  if (e.code === 'UNAUTHENTICATED') return `not signed in or the token was refused: set KLIKE_TOKEN or run \`klike login\` (${e.message})`;
  if (e.code === 'NETWORK_ERROR') return `cannot reach the API at ${url}; is it running? Set KLIKE_URL or --url`;
  return e.message;
}

async function clientFor(url: string, io: Io): Promise<KlikeClient> {
  if (io.env.KLIKE_TOKEN) return createKlikeClient({ url, token: io.env.KLIKE_TOKEN });
  const stored = await readCredentials(io.env);
  if (!stored || stored.url !== url) return createKlikeClient({ url });
  // Trade the refresh token for an access token once per run; the server rotates it, so keep the new one.
  let access: Promise<string> | undefined;
  return createKlikeClient({
    url,
    getToken: () =>
      (access ??= (async () => {
        const anon = createKlikeClient({ url });
        const { refreshToken: s } = await anon.request(RefreshTokenDocument, { refreshToken: stored.refreshToken });
        await writeCredentials({ ...stored, refreshToken: s.refreshToken }, io.env);
        return s.token;
      })()),
  });
}

interface Out {
  io: Io;
  json: boolean;
}

async function analyze(client: KlikeClient, file: string, size: number, analysis: AnalysisOptionsInput, title: string | undefined, out: Out): Promise<number> {
  const { io, json } = out;
  const name = file.split('/').pop()!;
  const started = Date.now();
  const line = (sent: number) => `Uploading ${name}  ${bar((sent / size) * 100)} ${String(Math.floor((sent / size) * 100)).padStart(3)}%  ${formatBytes(sent)} / ${formatBytes(size)}`;
  const block = json ? null : new LiveBlock(io.stdout);
  block?.draw([line(0)]);
  let lastDraw = 0;
  const confirmed = await client.uploadVideo(file, {
    title,
    analysis,
    onProgress: block
      ? (sent) => {
          // At most ~20 redraws a second, and always the last one.
          if (sent === size || Date.now() - lastDraw > 50) {
            lastDraw = Date.now();
            block.draw([line(sent)]);
          }
        }
      : undefined,
  });
  if (block) {
    block.draw([line(size), `Uploaded in ${((Date.now() - started) / 1000).toFixed(1)} s; task ${confirmed.task.id}`]);
    block.done();
  }
  return follow(client, confirmed.task.id, out);
}

/** Follows a task to its end (live bars on a TTY), then prints the report or the JSON. */
async function follow(client: KlikeClient, taskId: string, out: Out): Promise<number> {
  const { io, json } = out;
  const block = json ? null : new LiveBlock(io.stdout);
  let latest: TaskEvent | undefined;
  const draw = () => block?.draw([...stageLines(latest), latest?.message ? `  ${latest.message}` : '']);
  draw();
  const abort = new AbortController();
  const interrupted = interruptHandler(client, taskId, io, !json, () => {
    block?.done();
  }, abort);
  let final: TaskEvent;
  try {
    final = await client.watchTask(taskId, {
      signal: abort.signal,
      onEvent: (e) => {
        latest = e;
        draw();
      },
    });
  } catch (e) {
    if (e instanceof KlikeError && e.code === 'ABORTED') {
      io.stderr.write(`klike: stopped watching; the task goes on. Follow it again with: klike watch ${taskId}\n`);
      return EXIT.INTERRUPTED;
    }
    throw e;
  } finally {
    interrupted.dispose();
  }
  const task = await client.getResult(taskId);
  return report(task, out, final);
}

function report(task: TaskWithResult, out: Out, final?: TaskEvent): number {
  const { io, json } = out;
  if (json) io.stdout.write(JSON.stringify(task, null, 2) + '\n');
  else io.stdout.write(formatReport(task));
  if (task.status === 'COMPLETED') return EXIT.OK;
  const error = task.error ?? final?.error;
  io.stderr.write(`klike: task ${task.id} ${task.status}${error ? `: ${error.code}: ${error.message}` : ''}\n`);
  return EXIT.FAILED;
}

/**
 * Ctrl-C while following a task: on a terminal, ask whether to cancel it on the server (then keep
 * following until CANCELLED arrives) or only stop watching; elsewhere, stop at once.
 */
function interruptHandler(client: KlikeClient, taskId: string, io: Io, interactive: boolean, pause: () => void, abort: AbortController) {
  let asking = false;
  const onSigint = () => {
    if (!interactive || !io.stdin.isTTY || asking) return abort.abort();
    asking = true;
    pause();
    const rl = readline.createInterface({ input: io.stdin, output: io.stdout });
    rl.question(`\nCancel task ${taskId} on the server? [y/N] `, (answer) => {
      rl.close();
      asking = false;
      if (/^y(es)?$/i.test(answer.trim())) {
        io.stdout.write('Cancelling…\n');
        client.cancelTask(taskId).catch((e: unknown) => {
          io.stderr.write(`klike: could not cancel: ${(e as Error).message}\n`);
          abort.abort();
        });
      } else abort.abort();
    });
    rl.on('SIGINT', () => {
      rl.close();
      abort.abort();
    });
  };
  process.on('SIGINT', onSigint);
  return { dispose: () => process.off('SIGINT', onSigint) };
}

async function login(url: string, email: string | undefined, io: Io): Promise<number> {
  const address = email ?? (await ask(io, 'Email: '));
  if (!address) throw new UsageError('an email is needed: klike login --email you@example.com');
  const password = io.env.KLIKE_PASSWORD ?? (await ask(io, 'Password: ', true));
  if (!password) throw new UsageError('a password is needed ($KLIKE_PASSWORD, or type it when asked)');
  const client = createKlikeClient({ url });
  const { signIn } = await client.request(SignInDocument, { input: { email: address, password } });
  const file = await writeCredentials({ url, email: signIn.user.email, refreshToken: signIn.refreshToken }, io.env);
  io.stderr.write(`klike: signed in as ${signIn.user.email}; refresh token kept in ${file} (mode 0600)\n`);
  return EXIT.OK;
}

/** One line from the terminal (hidden for passwords) or from piped stdin. */
async function ask(io: Io, prompt: string, hidden = false): Promise<string> {
  const rl = readline.createInterface({ input: io.stdin, output: io.stdin.isTTY ? io.stderr : undefined, terminal: Boolean(io.stdin.isTTY) });
  if (hidden && io.stdin.isTTY) {
    // Echo nothing while the password is typed.
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
      if (s.includes(prompt)) io.stderr.write(prompt);
    };
  }
  const answer = await new Promise<string>((resolve) => {
    rl.question(prompt, resolve);
    rl.once('close', () => resolve(''));
  });
  rl.close();
  if (hidden && io.stdin.isTTY) io.stderr.write('\n');
  return answer.trim();
}
