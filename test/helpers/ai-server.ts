// A local stand-in for the OpenAI and Gemini HTTP APIs, just enough of each protocol for the
// official SDKs pointed at it through their base-URL options:
//   OpenAI  POST /v1/audio/transcriptions (multipart), /v1/chat/completions, /v1/responses
//   Gemini  POST /upload/v1beta/files (resumable: start, then upload[, finalize] chunks),
//           GET/DELETE /v1beta/files/{id}, POST /v1beta/models/{model}:generateContent
// Each route answers from its queue of scripted replies first (429 with Retry-After, 500, slow,
// malformed…), then from its default handler. Every request is recorded for assertions.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseWavHeader } from '../../src/datasources/audio/wav.js';

export type Route =
  | 'openai.transcriptions'
  | 'openai.chat'
  | 'openai.responses'
  | 'gemini.upload.start'
  | 'gemini.upload.chunk'
  | 'gemini.files.get'
  | 'gemini.files.delete'
  | 'gemini.generate'
  | 'unknown';

export interface Reply {
  /** (Default: 200) */
  status?: number;
  headers?: Record<string, string>;
  /** Sent as application/json. */
  json?: unknown;
  /** Sent as is (application/json unless headers say otherwise), e.g. malformed JSON. */
  body?: string;
  /** Wait this long before answering (e.g. past the client's timeout). */
  delayMs?: number;
}
export type ReplyFn = (req: RecordedRequest, server: AiServer) => Reply | Promise<Reply>;

export interface MultipartFile {
  field: string;
  filename: string;
  contentType: string | null;
  bytes: Buffer;
}

export interface RecordedRequest {
  route: Route;
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** Parsed when the body is JSON. */
  json?: any;
  /** Text fields of a multipart body (repeated names keep every value). */
  fields?: Record<string, string[]>;
  files?: MultipartFile[];
  /** ms since the epoch, when the request was complete. */
  at: number;
}

interface StoredFile {
  id: string;
  mimeType: string;
  displayName: string | null;
  bytes: Buffer[];
  polls: number;
  state: 'PROCESSING' | 'ACTIVE' | 'FAILED';
  deleted: boolean;
}

export interface AiServer {
  /** http://127.0.0.1:port */
  url: string;
  /** For `new OpenAI({ baseURL })`. */
  openaiBaseUrl: string;
  /** For `new GoogleGenAI({ httpOptions: { baseUrl } })`. */
  geminiBaseUrl: string;
  requests: RecordedRequest[];
  requestsTo(route: Route): RecordedRequest[];
  /** Replies for the next requests to `route`, in order; after them the default handler answers. */
  queue(route: Route, ...replies: Array<Reply | ReplyFn>): void;
  /** Replaces the default handler of a route. */
  handle(route: Route, fn: ReplyFn): void;
  /** files.get answers PROCESSING this many times per file before ACTIVE (or `finalState`). (Default: 1) */
  processingPolls: number;
  /** What a file becomes after processing. (Default: 'ACTIVE') */
  finalState: 'ACTIVE' | 'FAILED';
  /** The bytes uploaded as file `name` ("files/abc"), deleted or not. */
  uploadedBytes(name: string): Buffer | undefined;
  /** Most requests to a route seen in flight at once. */
  maxInFlight(route: Route): number;
  close(): Promise<void>;
}

export async function startAiServer(): Promise<AiServer> {
  const queues = new Map<Route, Array<Reply | ReplyFn>>();
  const handlers = new Map<Route, ReplyFn>();
  const inFlight = new Map<Route, number>();
  const maxInFlight = new Map<Route, number>();
  const sessions = new Map<string, StoredFile>();
  const files = new Map<string, StoredFile>();
  const timers = new Set<NodeJS.Timeout>();
  let nextId = 1;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void answer(req, res, Buffer.concat(chunks)).catch((err) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: `mock failure: ${String(err)}` } }));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const api: AiServer = {
    url,
    openaiBaseUrl: `${url}/v1`,
    geminiBaseUrl: url,
    requests: [],
    requestsTo: (route) => api.requests.filter((r) => r.route === route),
    queue: (route, ...replies) => queues.set(route, [...(queues.get(route) ?? []), ...replies]),
    handle: (route, fn) => void handlers.set(route, fn),
    processingPolls: 1,
    finalState: 'ACTIVE',
    uploadedBytes: (name) => {
      const f = files.get(name.replace(/^files\//, ''));
      return f ? Buffer.concat(f.bytes) : undefined;
    },
    maxInFlight: (route) => maxInFlight.get(route) ?? 0,
    close: async () => {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const fileJson = (f: StoredFile) => ({
    name: `files/${f.id}`,
    displayName: f.displayName ?? undefined,
    mimeType: f.mimeType,
    sizeBytes: String(f.bytes.reduce((n, b) => n + b.length, 0)),
    uri: `${url}/v1beta/files/${f.id}`,
    state: f.state,
    source: 'UPLOADED',
  });

  // Default behaviour of each route.
  handlers.set('openai.transcriptions', (r) => {
    const file = r.files?.[0];
    const duration = file ? (wavSeconds(file.bytes) ?? 1) : 1;
    return { json: whisperVerbose({ duration, text: 'hello world' }) };
  });
  handlers.set('gemini.upload.start', (r) => {
    const id = `f${nextId++}`;
    let displayName: string | null = null;
    try {
      displayName = r.json?.file?.displayName ?? null;
    } catch {
      // no body
    }
    sessions.set(id, { id, mimeType: String(r.headers['x-goog-upload-header-content-type'] ?? 'application/octet-stream'), displayName, bytes: [], polls: 0, state: 'PROCESSING', deleted: false });
    // Any host: the SDK swaps in its base URL's host and port before uploading.
    return { headers: { 'x-goog-upload-url': `https://upload.example.invalid/upload/v1beta/files?upload_id=${id}&upload_protocol=resumable` }, json: {} };
  });
  handlers.set('gemini.upload.chunk', (r) => {
    const id = r.query.get('upload_id') ?? '';
    const session = sessions.get(id);
    if (!session) return { status: 404, json: { error: { code: 404, message: 'no such upload', status: 'NOT_FOUND' } } };
    session.bytes.push(r.body);
    const command = String(r.headers['x-goog-upload-command'] ?? '');
    if (!command.includes('finalize')) return { headers: { 'x-goog-upload-status': 'active' }, json: {} };
    sessions.delete(id);
    files.set(id, session);
    return { headers: { 'x-goog-upload-status': 'final' }, json: { file: fileJson(session) } };
  });
  handlers.set('gemini.files.get', (r) => {
    const f = files.get(r.path.split('/').pop()!);
    if (!f || f.deleted) return { status: 404, json: { error: { code: 404, message: 'file not found', status: 'NOT_FOUND' } } };
    f.polls++;
    if (f.polls > api.processingPolls) f.state = api.finalState;
    return { json: { ...fileJson(f), ...(f.state === 'FAILED' ? { error: { code: 400, message: 'could not decode video' } } : {}) } };
  });
  handlers.set('gemini.files.delete', (r) => {
    const f = files.get(r.path.split('/').pop()!);
    if (!f || f.deleted) return { status: 404, json: { error: { code: 404, message: 'file not found', status: 'NOT_FOUND' } } };
    f.deleted = true; // bytes stay readable through uploadedBytes()
    return { json: {} };
  });
  for (const route of ['openai.chat', 'openai.responses', 'gemini.generate', 'unknown'] as const) {
    handlers.set(route, (r) => ({ status: 500, json: { error: { code: 500, message: `ai-server: nothing scripted for ${r.method} ${r.path}` } } }));
  }

  async function answer(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): Promise<void> {
    const u = new URL(req.url ?? '/', url);
    const route = routeOf(req.method ?? 'GET', u.pathname, req.headers);
    const recorded: RecordedRequest = { route, method: req.method ?? 'GET', path: u.pathname, query: u.searchParams, headers: req.headers, body, at: Date.now() };
    const type = String(req.headers['content-type'] ?? '');
    if (type.startsWith('multipart/form-data')) Object.assign(recorded, parseMultipart(body, type));
    else if (body.length && (type.includes('json') || route.startsWith('gemini'))) {
      try {
        recorded.json = JSON.parse(body.toString('utf8'));
      } catch {
        // a binary upload chunk
      }
    }
    api.requests.push(recorded);

    const n = (inFlight.get(route) ?? 0) + 1;
    inFlight.set(route, n);
    maxInFlight.set(route, Math.max(n, maxInFlight.get(route) ?? 0));
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      inFlight.set(route, (inFlight.get(route) ?? 1) - 1);
    };
    res.on('close', finish);

    const scripted = queues.get(route)?.shift();
    const source = scripted ?? handlers.get(route)!;
    const reply = typeof source === 'function' ? await source(recorded, api) : source;
    if (reply.delayMs) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          timers.delete(t);
          resolve();
        }, reply.delayMs);
        timers.add(t);
        res.on('close', () => {
          clearTimeout(t);
          timers.delete(t);
          resolve();
        });
      });
      if (res.destroyed || res.writableEnded) return finish();
    }
    const payload = reply.body ?? (reply.json === undefined ? '' : JSON.stringify(reply.json));
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
    res.end(payload);
  }

  return api;
}

function routeOf(method: string, p: string, headers: http.IncomingHttpHeaders): Route {
  if (method === 'POST' && p === '/v1/audio/transcriptions') return 'openai.transcriptions';
  if (method === 'POST' && p === '/v1/chat/completions') return 'openai.chat';
  if (method === 'POST' && p === '/v1/responses') return 'openai.responses';
  if (method === 'POST' && /^\/upload\/v1(beta)?\/files$/.test(p)) {
    return String(headers['x-goog-upload-command'] ?? '') === 'start' ? 'gemini.upload.start' : 'gemini.upload.chunk';
  }
  if (method === 'GET' && /^\/v1(beta)?\/files\/[^/]+$/.test(p)) return 'gemini.files.get';
  if (method === 'DELETE' && /^\/v1(beta)?\/files\/[^/]+$/.test(p)) return 'gemini.files.delete';
  if (method === 'POST' && /^\/v1(beta)?\/models\/[^/]+:generateContent$/.test(p)) return 'gemini.generate';
  return 'unknown';
}

/** Enough of RFC 7578 for what the OpenAI SDK's FormData sends. */
export function parseMultipart(body: Buffer, contentType: string): { fields: Record<string, string[]>; files: MultipartFile[] } {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const fields: Record<string, string[]> = {};
  const files: MultipartFile[] = [];
  if (!boundary) return { fields, files };
  const delim = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  let pos = body.indexOf(delim);
  while (pos !== -1) {
    const start = pos + delim.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delim, start);
    if (next === -1) break;
    const part = body.subarray(start + 2, next - 2); // skip CRLF after the delimiter and before the next
    const split = part.indexOf('\r\n\r\n');
    const head = part.subarray(0, split).toString('utf8');
    const content = part.subarray(split + 4);
    const name = /name="([^"]*)"/i.exec(head)?.[1] ?? '';
    const filename = /filename="([^"]*)"/i.exec(head)?.[1];
    if (filename !== undefined) {
      files.push({ field: name, filename, contentType: /content-type:\s*([^\r\n]+)/i.exec(head)?.[1] ?? null, bytes: Buffer.from(content) });
    } else {
      (fields[name] ??= []).push(content.toString('utf8'));
    }
    pos = next;
  }
  return { fields, files };
}

/** Duration of a PCM WAV (canonical or with extra chunks), or null when it is not one (the app's reader). */
export function wavSeconds(bytes: Buffer): number | null {
  try {
    return parseWavHeader(bytes).durationSeconds;
  } catch {
    return null;
  }
}

/** 16-bit mono PCM WAV: stretches of 440 Hz tone and of silence, back to back. */
export function makeWav(parts: Array<{ seconds: number; tone: boolean }>, sampleRate = 16_000): Buffer {
  const frames = parts.map((p) => Math.round(p.seconds * sampleRate));
  const total = frames.reduce((a, b) => a + b, 0);
  const out = Buffer.alloc(44 + total * 2);
  out.write('RIFF', 0, 'latin1');
  out.writeUInt32LE(36 + total * 2, 4);
  out.write('WAVEfmt ', 8, 'latin1');
  out.writeUInt32LE(16, 16);
  out.writeUInt16LE(1, 20);
  out.writeUInt16LE(1, 22);
  out.writeUInt32LE(sampleRate, 24);
  out.writeUInt32LE(sampleRate * 2, 28);
  out.writeUInt16LE(2, 32);
  out.writeUInt16LE(16, 34);
  out.write('data', 36, 'latin1');
  out.writeUInt32LE(total * 2, 40);
  let i = 0;
  parts.forEach((p, k) => {
    for (let n = 0; n < frames[k]!; n++, i++) {
      out.writeInt16LE(p.tone ? Math.round(8000 * Math.sin((2 * Math.PI * 440 * n) / sampleRate)) : 0, 44 + i * 2);
    }
  });
  return out;
}

/** A whisper-1 verbose_json body: one segment and two words per call, times from 0. */
export function whisperVerbose(o: { duration: number; text: string; language?: string; start?: number }) {
  const start = o.start ?? 0;
  const end = Math.min(o.duration, start + 1);
  const words = o.text.split(/\s+/).filter(Boolean);
  const step = (end - start) / Math.max(1, words.length);
  return {
    task: 'transcribe',
    language: o.language ?? 'english',
    duration: o.duration,
    text: o.text,
    segments: [{ id: 0, seek: 0, start, end, text: ` ${o.text}`, tokens: [1, 2], temperature: 0, avg_logprob: -0.2, compression_ratio: 1.1, no_speech_prob: 0.01 }],
    words: words.map((w, i) => ({ word: w, start: start + i * step, end: start + (i + 1) * step })),
    usage: { type: 'duration', seconds: Math.ceil(o.duration) },
  };
}

/** A chat completion whose message content is `content` (any string, e.g. malformed JSON). */
export function chatCompletion(content: string | null, usage = { prompt_tokens: 120, completion_tokens: 40 }) {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: 'gpt-4o-mini',
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop', logprobs: null }],
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
  };
}

/** A generateContent response whose single text part is `text`. */
export function geminiContent(text: string, usage = { promptTokenCount: 3000, candidatesTokenCount: 500 }) {
  return {
    candidates: [{ content: { role: 'model', parts: [{ text }] }, finishReason: 'STOP', index: 0 }],
    usageMetadata: { ...usage, totalTokenCount: usage.promptTokenCount + usage.candidatesTokenCount },
    modelVersion: 'gemini-2.5-flash',
  };
}
