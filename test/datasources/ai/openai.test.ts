// The OpenAI datasources through the real `openai` SDK against a local server that speaks its
// protocol: whisper uploads (long WAV cut and stitched), chat completions with a JSON schema, and
// every failure mode ending in one of our codes.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/errors.js';
import { mapLimit, OPENAI_MAX_AUDIO_BYTES, OpenAIRecommender, OpenAITranscriber } from '../../../src/datasources/ai/openai.js';
import { measuredChecks } from '../../../src/analysis/offline.js';
import type { CreativeAnalysis } from '../../../src/analysis/ports.js';
import { parseWavHeader } from '../../../src/datasources/audio/wav.js';
import { chatCompletion, makeWav, startAiServer, wavSeconds, whisperVerbose, type AiServer } from '../../helpers/ai-server.js';
import { MEDIA, OPTIONS, RECOMMENDATIONS, TRANSCRIPT } from './fixtures.js';

const FAST_RETRY = { retries: 2, baseDelayMs: 5, maxDelayMs: 20 };
let server: AiServer;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'klike-openai-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  server = await startAiServer();
});
afterEach(async () => {
  await server.close();
});

async function wavFile(name: string, parts: Array<{ seconds: number; tone: boolean }>): Promise<string> {
  const p = path.join(dir, name);
  await writeFile(p, makeWav(parts));
  return p;
}

const transcriber = (o: Partial<ConstructorParameters<typeof OpenAITranscriber>[0]> = {}) =>
  new OpenAITranscriber({ apiKey: 'sk-test', baseUrl: server.openaiBaseUrl, retry: FAST_RETRY, ...o });

describe('OpenAITranscriber', () => {
  it('uses the documented 25 MB upload limit by default', () => {
    // OpenAI speech-to-text guide: "File uploads are currently limited to 25 MB"; enforced as 26214400 bytes.
    expect(OPENAI_MAX_AUDIO_BYTES).toBe(26_214_400);
  });

  it('sends a small file whole with model, language and both timestamp granularities', async () => {
    const audio = await wavFile('small.wav', [{ seconds: 2, tone: true }]);
    server.queue('openai.transcriptions', { json: whisperVerbose({ duration: 2, text: 'buy now please', language: 'english', start: 0.3 }) });
    const t = await transcriber().transcribe({ audioPath: audio, durationSeconds: 2, language: 'en-US', signal: new AbortController().signal });

    const [req] = server.requestsTo('openai.transcriptions');
    expect(req!.headers.authorization).toBe('Bearer sk-test');
    expect(req!.fields).toMatchObject({ model: ['whisper-1'], language: ['en'], response_format: ['verbose_json'], 'timestamp_granularities[]': ['segment', 'word'] });
    expect(req!.files![0]).toMatchObject({ field: 'file', filename: 'audio.wav' });
    expect(req!.files![0]!.bytes.length).toBe(44 + 2 * 16_000 * 2);

    expect(t).toMatchObject({ available: true, engine: 'openai:whisper-1', language: 'en', text: 'buy now please', firstSpokenAt: 0.3 });
    if (!t.available) throw new Error('unreachable');
    expect(t.segments).toHaveLength(1);
    expect(t.segments[0]!.words!.map((w) => w.word)).toEqual(['buy', 'now', 'please']);
    expect(t.segments[0]!.confidence).toBeCloseTo(Math.exp(-0.2), 3);
    expect(t.usage).toEqual([{ provider: 'openai', model: 'whisper-1', audioSeconds: 2 }]);
  });

  it('cuts a WAV over the limit at silences, uploads ≤ 3 pieces at a time and stitches them on one clock', async () => {
    // 30 s: tone with a 1 s pause every 6 s; pieces may be at most ~8 s.
    const parts = [];
    for (let i = 0; i < 5; i++) parts.push({ seconds: 5, tone: true }, { seconds: 1, tone: false });
    const audio = await wavFile('long.wav', parts);
    const silences = [5, 11, 17, 23, 29].map((s) => ({ start: s, end: s + 1 }));
    const maxUploadBytes = 44 + 8 * 16_000 * 2;
    // Each piece answers with its own length in the text, after a pause so uploads overlap.
    server.handle('openai.transcriptions', (r) => {
      const d = wavSeconds(r.files![0]!.bytes)!;
      return { delayMs: 100, json: whisperVerbose({ duration: d, text: `piece of ${d.toFixed(1)} seconds`, start: 0.25 }) };
    });

    const t = await transcriber({ maxUploadBytes }).transcribe({ audioPath: audio, durationSeconds: 30, silences, signal: new AbortController().signal });

    const reqs = server.requestsTo('openai.transcriptions');
    expect(reqs).toHaveLength(5);
    for (const r of reqs) {
      const bytes = r.files![0]!.bytes;
      expect(bytes.length).toBeLessThanOrEqual(maxUploadBytes);
      // Each piece is a valid WAV on its own.
      expect(parseWavHeader(bytes)).toMatchObject({ sampleRate: 16_000, channels: 1, dataBytes: bytes.length - 44 });
    }
    expect(server.maxInFlight('openai.transcriptions')).toBeGreaterThan(1);
    expect(server.maxInFlight('openai.transcriptions')).toBeLessThanOrEqual(3);
    if (!t.available) throw new Error('unreachable');
    // Cuts in the middle of each pause: 5.5, 11.5, 17.5, 23.5.
    expect(t.segments.map((s) => s.start)).toEqual([0.25, 5.75, 11.75, 17.75, 23.75]);
    expect(t.segments.map((s) => s.text)).toEqual(['piece of 5.5 seconds', 'piece of 6.0 seconds', 'piece of 6.0 seconds', 'piece of 6.0 seconds', 'piece of 6.5 seconds']);
    expect(t.segments[1]!.words![0]).toMatchObject({ word: 'piece', start: 5.75 });
    expect(t.text).toContain('piece of 5.5 seconds piece of 6.0 seconds');
    expect(t.usage![0]!.audioSeconds).toBe(6 + 6 + 6 + 6 + 7); // whisperVerbose bills whole seconds per piece
  });

  it('cuts at fixed length when no silences are known', async () => {
    const audio = await wavFile('nosil.wav', [{ seconds: 10, tone: true }]);
    server.handle('openai.transcriptions', (r) => ({ json: whisperVerbose({ duration: wavSeconds(r.files![0]!.bytes)!, text: 'x', start: 0 }) }));
    const t = await transcriber({ maxUploadBytes: 44 + 4 * 16_000 * 2 }).transcribe({ audioPath: audio, durationSeconds: 10, signal: new AbortController().signal });
    if (!t.available) throw new Error('unreachable');
    expect(t.segments.map((s) => s.start)).toEqual([0, 4, 8]);
  });

  it('refuses to cut large audio that is not PCM WAV', async () => {
    const p = path.join(dir, 'big.mp3');
    await writeFile(p, Buffer.alloc(5000, 1));
    await expect(transcriber({ maxUploadBytes: 1000 }).transcribe({ audioPath: p, durationSeconds: 3, signal: new AbortController().signal })).rejects.toMatchObject({
      code: ErrorCode.UNSUPPORTED_MEDIA,
    });
    expect(server.requests).toHaveLength(0);
  });

  it('waits out a 429 for at least its Retry-After, then succeeds', async () => {
    const audio = await wavFile('rl.wav', [{ seconds: 1, tone: true }]);
    server.queue('openai.transcriptions', { status: 429, headers: { 'retry-after': '1' }, json: { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } } });
    const t = await transcriber().transcribe({ audioPath: audio, durationSeconds: 1, signal: new AbortController().signal });
    expect(t.available).toBe(true);
    const [first, second] = server.requestsTo('openai.transcriptions');
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(990); // timers may fire ~1 ms early
  });

  it('gives up on repeated 500s after the bound with AI_PROVIDER_UNAVAILABLE {provider, status}', async () => {
    const audio = await wavFile('e500.wav', [{ seconds: 1, tone: true }]);
    server.handle('openai.transcriptions', () => ({ status: 500, json: { error: { message: 'boom' } } }));
    const err = await transcriber().transcribe({ audioPath: audio, durationSeconds: 1, signal: new AbortController().signal }).catch((e) => e);
    expect(err).toMatchObject({ code: ErrorCode.AI_PROVIDER_UNAVAILABLE, retryable: true, details: { provider: 'openai', status: 500 } });
    // The SDK's own retries are off: exactly 1 + retries requests.
    expect(server.requestsTo('openai.transcriptions')).toHaveLength(3);
  });

  it('does not retry a 401', async () => {
    const audio = await wavFile('e401.wav', [{ seconds: 1, tone: true }]);
    server.handle('openai.transcriptions', () => ({ status: 401, json: { error: { message: 'bad key' } } }));
    await expect(transcriber().transcribe({ audioPath: audio, durationSeconds: 1, signal: new AbortController().signal })).rejects.toMatchObject({
      code: ErrorCode.AI_PROVIDER_UNAVAILABLE, retryable: false, details: { status: 401 },
    });
    expect(server.requestsTo('openai.transcriptions')).toHaveLength(1);
  });

  it('turns a request past the timeout into AI_PROVIDER_UNAVAILABLE (timeout)', async () => {
    const audio = await wavFile('slow.wav', [{ seconds: 1, tone: true }]);
    server.handle('openai.transcriptions', () => ({ delayMs: 2000, json: whisperVerbose({ duration: 1, text: 'late' }) }));
    const err = await transcriber({ timeoutMs: 200, retry: { retries: 1, baseDelayMs: 5 } }).transcribe({ audioPath: audio, durationSeconds: 1, signal: new AbortController().signal }).catch((e) => e);
    expect(err).toMatchObject({ code: ErrorCode.AI_PROVIDER_UNAVAILABLE, retryable: true, details: { provider: 'openai', status: null, reason: 'timeout' } });
    expect(server.requestsTo('openai.transcriptions')).toHaveLength(2);
  });

  it('rejects with CANCELLED when aborted mid-request', async () => {
    const audio = await wavFile('abort.wav', [{ seconds: 1, tone: true }]);
    server.handle('openai.transcriptions', () => ({ delayMs: 5000, json: {} }));
    const ctl = new AbortController();
    const t0 = Date.now();
    setTimeout(() => ctl.abort(new Error('user cancelled')), 150);
    await expect(transcriber().transcribe({ audioPath: audio, durationSeconds: 1, signal: ctl.signal })).rejects.toMatchObject({ code: ErrorCode.CANCELLED });
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('rejects an answer of the wrong shape with AI_BAD_RESPONSE', async () => {
    const audio = await wavFile('shape.wav', [{ seconds: 1, tone: true }]);
    server.queue('openai.transcriptions', { json: { text: 42 } });
    await expect(transcriber().transcribe({ audioPath: audio, durationSeconds: 1, signal: new AbortController().signal })).rejects.toMatchObject({ code: ErrorCode.AI_BAD_RESPONSE });
  });
});

describe('mapLimit', () => {
  it('keeps order, bounds concurrency, and on the first failure aborts siblings and starts no more', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapLimit([1, 2, 3, 4, 5, 6], 2, new AbortController().signal, async (n) => {
      peak = Math.max(peak, ++running);
      await new Promise((r) => setTimeout(r, 10 * (7 - n)));
      running--;
      return n * 10;
    });
    expect(out).toEqual([10, 20, 30, 40, 50, 60]);
    expect(peak).toBe(2);

    const started: number[] = [];
    const siblingAborted: boolean[] = [];
    const err = await mapLimit([1, 2, 3, 4], 2, new AbortController().signal, async (n, signal) => {
      started.push(n);
      if (n === 1) throw new Error('first');
      await new Promise((r) => setTimeout(r, 50));
      siblingAborted.push(signal.aborted);
      return n;
    }).catch((e) => e);
    expect(err.message).toBe('first');
    expect(started).toEqual([1, 2]);
    expect(siblingAborted).toEqual([true]);
  });
});

describe('OpenAIRecommender', () => {
  const analysis: CreativeAnalysis = {
    provider: 'offline', model: 'rules-v1', promptVersion: null, ruleBased: true,
    checks: measuredChecks({ media: MEDIA, transcript: TRANSCRIPT }), issues: [], baseScore: 67,
  };
  const input = (signal = new AbortController().signal) => ({ analysis, media: MEDIA, transcript: TRANSCRIPT, options: OPTIONS, signal });
  const recommender = (o: Partial<ConstructorParameters<typeof OpenAIRecommender>[0]> = {}) =>
    new OpenAIRecommender({ apiKey: 'sk-test', baseUrl: server.openaiBaseUrl, retry: FAST_RETRY, ...o });

  it('asks with a strict JSON schema, the measured facts and the transcript, and returns checked recommendations', async () => {
    server.queue('openai.chat', { json: chatCompletion(JSON.stringify(RECOMMENDATIONS)) });
    const out = await recommender().recommend(input());

    const [req] = server.requestsTo('openai.chat');
    expect(req!.json.model).toBe('gpt-4o-mini');
    expect(req!.json.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'recommendations', strict: true } });
    expect(req!.json.response_format.json_schema.schema.required).toEqual(['summary', 'recommendations']);
    const [system, user] = req!.json.messages;
    expect(system.role).toBe('system');
    expect(user.content).toContain('duration: 14.52 s');
    expect(user.content).toContain('video: 1080×1920 (9:16)');
    expect(user.content).toContain('Tired of soggy sneakers?');
    expect(user.content).toContain('67/100');
    expect(user.content).toContain('CTA_SPEECH');

    expect(out.summary).toBe(RECOMMENDATIONS.summary);
    expect(out.recommendations.map((r) => r.priority)).toEqual([3, 2, 1]);
    expect(out.usage).toEqual([{ provider: 'openai', model: 'gpt-4o-mini', inputTokens: 120, outputTokens: 40 }]);
  });

  it('asks again once after malformed JSON, and counts both calls', async () => {
    server.queue('openai.chat', { json: chatCompletion('{"summary": "cut off') }, { json: chatCompletion(JSON.stringify(RECOMMENDATIONS)) });
    const out = await recommender().recommend(input());
    expect(out.recommendations).toHaveLength(3);
    expect(server.requestsTo('openai.chat')).toHaveLength(2);
    expect(out.usage).toEqual([{ provider: 'openai', model: 'gpt-4o-mini', inputTokens: 240, outputTokens: 80 }]);
  });

  it('fails with AI_BAD_RESPONSE after malformed JSON twice', async () => {
    server.queue('openai.chat', { json: chatCompletion('not json') }, { json: chatCompletion('```json\n{"summary":\n```') });
    await expect(recommender().recommend(input())).rejects.toMatchObject({ code: ErrorCode.AI_BAD_RESPONSE, details: { provider: 'openai', reason: 'json', attempts: 2 } });
    expect(server.requestsTo('openai.chat')).toHaveLength(2);
  });

  it('fails with AI_BAD_RESPONSE after JSON of the wrong shape twice', async () => {
    const wrong = JSON.stringify({ summary: 'x', recommendations: [{ priority: 9, category: 'VIBES', target: null, text: 'y', atSeconds: null }] });
    server.queue('openai.chat', { json: chatCompletion(wrong) }, { json: chatCompletion(wrong) });
    const err = await recommender().recommend(input()).catch((e) => e);
    expect(err).toMatchObject({ code: ErrorCode.AI_BAD_RESPONSE, details: { reason: 'schema' } });
    expect(err.details.issues.join(' ')).toContain('recommendations.0.priority');
  });

  it('treats a refusal (no content) as a bad answer', async () => {
    server.queue('openai.chat', { json: chatCompletion(null) }, { json: chatCompletion(JSON.stringify(RECOMMENDATIONS)) });
    await expect(recommender().recommend(input())).resolves.toMatchObject({ summary: RECOMMENDATIONS.summary });
  });

  it('retries a 503 with Retry-After, then gives AI_PROVIDER_UNAVAILABLE when it persists', async () => {
    server.handle('openai.chat', () => ({ status: 503, headers: { 'retry-after': '0' }, json: { error: { message: 'overloaded' } } }));
    await expect(recommender().recommend(input())).rejects.toMatchObject({ code: ErrorCode.AI_PROVIDER_UNAVAILABLE, details: { provider: 'openai', status: 503 } });
    expect(server.requestsTo('openai.chat')).toHaveLength(3);
  });

  it('rejects with CANCELLED when already aborted, without calling out', async () => {
    await expect(recommender().recommend(input(AbortSignal.abort()))).rejects.toMatchObject({ code: ErrorCode.CANCELLED });
    expect(server.requests).toHaveLength(0);
  });
});
