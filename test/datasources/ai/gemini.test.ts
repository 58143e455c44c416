// The Gemini datasources through the real @google/genai SDK against a local server that speaks
// its protocol: resumable Files API upload, files.get polling until ACTIVE, structured
// generateContent, and every failure mode ending in one of our codes.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OfflineAnalyzer } from '../../../src/analysis/offline.js';
import { ErrorCode } from '../../../src/errors.js';
import { GeminiAnalyzer, GeminiTranscriber, mergeAnalysis, retryDelayOf } from '../../../src/datasources/ai/gemini.js';
import type { Logger } from '../../../src/logger.js';
import { PROMPT_VERSION } from '../../../src/datasources/ai/prompts.js';
import { AnalysisAnswer } from '../../../src/datasources/ai/schemas.js';
import { METRIC_WEIGHTS } from '../../../src/analysis/scoring-config.js';
import { Audience, Platform } from '../../../src/domain/model.js';
import { geminiContent, makeWav, startAiServer, type AiServer } from '../../helpers/ai-server.js';
import { analysisAnswer, MEDIA, OPTIONS, TRANSCRIPT } from './fixtures.js';

const FAST = { retry: { retries: 2, baseDelayMs: 5, maxDelayMs: 20 }, pollIntervalMs: 20 };
let server: AiServer;
let dir: string;
let video: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'klike-gemini-'));
  video = path.join(dir, 'source.mp4');
  // The server never decodes it; recognisable bytes let the test check what arrived.
  await writeFile(video, Buffer.from(Array.from({ length: 300_000 }, (_, i) => i % 251)));
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

const analyzer = (o: Partial<ConstructorParameters<typeof GeminiAnalyzer>[0]> = {}) =>
  new GeminiAnalyzer({ apiKey: 'gm-test', baseUrl: server.geminiBaseUrl, ...FAST, ...o });
const input = (signal: AbortSignal = new AbortController().signal) => ({ media: MEDIA, transcript: TRANSCRIPT, options: OPTIONS, videoFile: async () => video, signal });
/** Gemini's quota 429 as it comes: the wait only in the body's RetryInfo. */
const quota429 = (retryDelay: string) => ({
  status: 429,
  json: {
    error: {
      code: 429,
      message: 'You exceeded your current quota.',
      status: 'RESOURCE_EXHAUSTED',
      details: [
        { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [{ quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests' }] },
        { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay },
      ],
    },
  },
});
const capture = (onLine: (msg: string, fields?: Record<string, unknown>) => unknown): Logger => {
  const make = (): Logger => ({ debug: onLine, info: onLine, warn: onLine, error: onLine, child: () => make() });
  return make();
};
const good = () => ({ json: geminiContent(JSON.stringify(analysisAnswer(70, { HOOK: 90, CALL_TO_ACTION: 50 }))) });

describe('GeminiAnalyzer', () => {
  it('uploads (resumable), polls until ACTIVE, asks with the file, the facts and the transcript, and merges with the measured analysis', async () => {
    server.processingPolls = 2;
    server.queue('gemini.generate', good());
    const result = await analyzer().analyze(input());

    const start = server.requestsTo('gemini.upload.start')[0]!;
    expect(start.path).toBe('/upload/v1beta/files');
    expect(start.headers['x-goog-api-key']).toBe('gm-test');
    expect(start.headers['x-goog-upload-protocol']).toBe('resumable');
    expect(start.headers['x-goog-upload-header-content-type']).toBe('video/mp4');
    expect(start.headers['x-goog-upload-header-content-length']).toBe('300000');
    const chunks = server.requestsTo('gemini.upload.chunk');
    expect(chunks.at(-1)!.headers['x-goog-upload-command']).toBe('upload, finalize');
    const name = 'files/f1';
    expect(server.uploadedBytes(name)!.equals(Buffer.from(Array.from({ length: 300_000 }, (_, i) => i % 251)))).toBe(true);
    // PROCESSING twice, then ACTIVE.
    expect(server.requestsTo('gemini.files.get')).toHaveLength(3);

    const gen = server.requestsTo('gemini.generate')[0]!;
    expect(gen.path).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
    const [filePart, textPart] = gen.json.contents[0].parts;
    expect(filePart.fileData).toEqual({ fileUri: `${server.url}/v1beta/files/f1`, mimeType: 'video/mp4' });
    expect(textPart.text).toContain('duration: 14.52 s');
    expect(textPart.text).toContain('video: 1080×1920 (9:16), h264');
    expect(textPart.text).toContain('Tired of soggy sneakers?');
    expect(textPart.text).toContain('Shop now and save twenty percent');
    expect(gen.json.generationConfig.responseMimeType).toBe('application/json');
    expect(gen.json.generationConfig.responseJsonSchema.required).toEqual(['metrics', 'audiences', 'issues']);
    // The upload is removed once answered.
    expect(server.requestsTo('gemini.files.delete').map((r) => r.path)).toEqual(['/v1beta/files/f1']);

    const measured = await new OfflineAnalyzer().analyze(input());
    expect(result).toMatchObject({ provider: 'gemini', model: 'gemini-2.5-flash', promptVersion: PROMPT_VERSION, ruleBased: false });
    expect(result.checks).toEqual(measured.checks);
    expect(result.issues.slice(0, measured.issues.length)).toEqual(measured.issues);
    const vision = result.issues.slice(measured.issues.length);
    expect(vision.map((i) => [i.code, i.penalty, i.severity, i.atSeconds])).toEqual([
      ['SAFE_ZONE_VIOLATION', 10, 'HIGH', 3],
      ['SMALL_SUBTITLES', 4, 'LOW', 1],
    ]);
    expect(vision[0]!.platforms).toEqual([Platform.TIKTOK, Platform.META_REELS]);
    expect(vision[0]!.evidence).toBe('3.0 s: logo at right edge | 9.5 s: price text at y≈1700');
    expect(result.metrics).toHaveLength(9);
    // 70 everywhere but HOOK 90 and CTA 50: 70 + 0.2·20 − 0.15·20 = 71
    expect(METRIC_WEIGHTS.HOOK).toBe(0.2);
    expect(METRIC_WEIGHTS.CALL_TO_ACTION).toBe(0.15);
    expect(result.baseScore).toBe(71);
    // BOOMERS was not asked for.
    expect(result.audienceScores!.map((a) => a.audience)).toEqual(['GEN_Z', 'MILLENNIALS']);
    expect(result.usage).toEqual([{ provider: 'gemini', model: 'gemini-2.5-flash', inputTokens: 3000, outputTokens: 500 }]);
  });

  it('uploads a file over one 8 MiB chunk in several requests', async () => {
    const big = path.join(dir, 'big.webm');
    await writeFile(big, Buffer.alloc(9 * 1024 * 1024, 7));
    server.queue('gemini.generate', good());
    await analyzer().analyze({ ...input(), videoFile: async () => big });
    const cmds = server.requestsTo('gemini.upload.chunk').map((r) => [r.headers['x-goog-upload-command'], r.headers['x-goog-upload-offset']]);
    expect(cmds).toEqual([['upload', '0'], ['upload, finalize', String(8 * 1024 * 1024)]]);
    expect(server.requestsTo('gemini.upload.start')[0]!.headers['x-goog-upload-header-content-type']).toBe('video/webm');
  });

  it('stops with AI_PROVIDER_UNAVAILABLE (not retryable) when the file ends FAILED', async () => {
    server.finalState = 'FAILED';
    const err = await analyzer().analyze(input()).catch((e) => e);
    expect(err).toMatchObject({ code: ErrorCode.AI_PROVIDER_UNAVAILABLE, retryable: false, details: { provider: 'gemini', fileState: 'FAILED', reason: 'could not decode video' } });
    expect(server.requestsTo('gemini.generate')).toHaveLength(0);
  });

  it('stops waiting for ACTIVE after maxProcessingMs', async () => {
    server.processingPolls = 1_000;
    const err = await analyzer({ maxProcessingMs: 150 }).analyze(input()).catch((e) => e);
    expect(err).toMatchObject({ code: ErrorCode.AI_PROVIDER_UNAVAILABLE, retryable: true, details: { reason: 'file_processing_timeout', fileState: 'PROCESSING' } });
  });

  it('waits out a 429 on generateContent for at least its Retry-After, then succeeds', async () => {
    server.queue('gemini.generate', { status: 429, headers: { 'retry-after': '1' }, json: { error: { code: 429, message: 'Resource exhausted', status: 'RESOURCE_EXHAUSTED' } } }, good());
    const result = await analyzer().analyze(input());
    expect(result.metrics).toHaveLength(9);
    const [first, second] = server.requestsTo('gemini.generate');
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(990); // timers may fire ~1 ms early
  });

  it('waits out a 429 whose only wait is the body\'s RetryInfo retryDelay (no Retry-After header)', async () => {
    const waits: unknown[] = [];
    const logger = capture((msg, f) => msg === 'gemini call failed; retrying' && waits.push(f?.delayMs));
    server.queue('gemini.generate', quota429('0.400s'), good());
    const result = await analyzer({ logger }).analyze(input());
    expect(result.metrics).toHaveLength(9);
    // The backoff alone would be ≤ 5 ms (FAST); the body asked for 400.
    expect(waits).toEqual([400]);
    const [first, second] = server.requestsTo('gemini.generate');
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(395); // timers may fire ~1 ms early
  });

  it('gives up at once when the body\'s retryDelay is beyond maxRetryAfterMs (the job queue comes back later)', async () => {
    server.queue('gemini.generate', quota429('17s'), good());
    const err = await analyzer({ retry: { ...FAST.retry, maxRetryAfterMs: 1000 } }).analyze(input()).catch((e) => e);
    expect(err).toMatchObject({ code: ErrorCode.AI_PROVIDER_UNAVAILABLE, retryable: true, details: { provider: 'gemini', status: 429, retryAfterMs: 17_000 } });
    expect(server.requestsTo('gemini.generate')).toHaveLength(1);
  });

  it('reads RetryInfo durations as Google APIs write them, and takes the later of header and body', () => {
    const body = (delay: unknown) => JSON.stringify({ error: { code: 429, details: [{ '@type': 'type.googleapis.com/google.rpc.QuotaFailure' }, { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: delay }] } });
    expect(retryDelayOf(body('17s'))).toBe(17_000);
    expect(retryDelayOf(body('0.250s'))).toBe(250);
    expect(retryDelayOf(`[${body('2s')}]`)).toBe(2000);
    expect(retryDelayOf(body('soon'))).toBeNull();
    expect(retryDelayOf(body(17))).toBeNull();
    expect(retryDelayOf('{"error":{"code":429}}')).toBeNull();
    expect(retryDelayOf('<html>')).toBeNull();
  });

  it('takes the later wait when a 429 has both Retry-After and a body retryDelay', async () => {
    const waits: unknown[] = [];
    const logger = capture((msg, f) => msg === 'gemini call failed; retrying' && waits.push(f?.delayMs));
    server.queue('gemini.generate', { ...quota429('0.300s'), headers: { 'retry-after': '0' } }, good());
    await analyzer({ logger }).analyze(input());
    expect(waits).toEqual([300]);
  });

  it('a missing local file is our failure, not Gemini\'s: no request, no retry, not AI_PROVIDER_UNAVAILABLE', async () => {
    const err = await analyzer().analyze({ ...input(), videoFile: async () => path.join(dir, 'gone.mp4') }).catch((e) => e);
    expect(err).toMatchObject({ code: 'ENOENT', syscall: 'stat' });
    expect(err.code).not.toBe(ErrorCode.AI_PROVIDER_UNAVAILABLE);
    expect(server.requests).toHaveLength(0);
  });

  it('retries a 503 on the upload start', async () => {
    server.queue('gemini.upload.start', { status: 503, json: { error: { code: 503, message: 'unavailable' } } });
    server.queue('gemini.generate', good());
    await expect(analyzer().analyze(input())).resolves.toMatchObject({ provider: 'gemini' });
    expect(server.requestsTo('gemini.upload.start')).toHaveLength(2);
  });

  it('gives up on repeated 500s after the bound with AI_PROVIDER_UNAVAILABLE {provider, status}', async () => {
    server.handle('gemini.generate', () => ({ status: 500, json: { error: { code: 500, message: 'internal', status: 'INTERNAL' } } }));
    const err = await analyzer().analyze(input()).catch((e) => e);
    expect(err).toMatchObject({ code: ErrorCode.AI_PROVIDER_UNAVAILABLE, retryable: true, details: { provider: 'gemini', status: 500 } });
    expect(server.requestsTo('gemini.generate')).toHaveLength(3);
    // The upload is cleaned up on failure too.
    expect(server.requestsTo('gemini.files.delete')).toHaveLength(1);
  });

  it('turns a generation past the timeout into AI_PROVIDER_UNAVAILABLE (timeout)', async () => {
    server.handle('gemini.generate', () => ({ delayMs: 3000, ...good() }));
    const err = await analyzer({ timeoutMs: 300, retry: { retries: 1, baseDelayMs: 5 } }).analyze(input()).catch((e) => e);
    expect(err).toMatchObject({ code: ErrorCode.AI_PROVIDER_UNAVAILABLE, retryable: true, details: { provider: 'gemini', status: null, reason: 'timeout' } });
    expect(server.requestsTo('gemini.generate')).toHaveLength(2);
  });

  it('asks again once after malformed JSON and succeeds', async () => {
    server.queue('gemini.generate', { json: geminiContent('{"metrics": [') }, good());
    const result = await analyzer().analyze(input());
    expect(result.metrics).toHaveLength(9);
    expect(result.usage).toEqual([{ provider: 'gemini', model: 'gemini-2.5-flash', inputTokens: 6000, outputTokens: 1000 }]);
  });

  it('fails with AI_BAD_RESPONSE after malformed JSON twice', async () => {
    server.queue('gemini.generate', { json: geminiContent('{"metrics": [') }, { json: geminiContent('Sure! Here is the analysis.') });
    await expect(analyzer().analyze(input())).rejects.toMatchObject({ code: ErrorCode.AI_BAD_RESPONSE, details: { provider: 'gemini', reason: 'json', attempts: 2 } });
    expect(server.requestsTo('gemini.generate')).toHaveLength(2);
  });

  it('fails with AI_BAD_RESPONSE after schema-violating JSON twice (a metric missing, a score of 140)', async () => {
    const a = analysisAnswer();
    const missing = { ...a, metrics: a.metrics.slice(1) };
    const outOfRange = { ...a, metrics: a.metrics.map((m, i) => (i === 0 ? { ...m, score: 140 } : m)) };
    server.queue('gemini.generate', { json: geminiContent(JSON.stringify(missing)) }, { json: geminiContent(JSON.stringify(outOfRange)) });
    const err = await analyzer().analyze(input()).catch((e) => e);
    expect(err).toMatchObject({ code: ErrorCode.AI_BAD_RESPONSE, details: { reason: 'schema' } });
    expect(err.details.issues.join(' ')).toContain('metrics.0.score');
  });

  it('treats an HTTP body that is not JSON as a provider fault and retries it', async () => {
    server.queue('gemini.generate', { body: '<html>proxy error</html>' }, good());
    await expect(analyzer().analyze(input())).resolves.toMatchObject({ provider: 'gemini' });
  });

  it('rejects with CANCELLED when aborted while polling', async () => {
    server.processingPolls = 1_000;
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 100);
    await expect(analyzer().analyze(input(ctl.signal))).rejects.toMatchObject({ code: ErrorCode.CANCELLED });
    expect(server.requestsTo('gemini.generate')).toHaveLength(0);
  });

  it('rejects with CANCELLED when aborted during the upload (the SDK itself ignores abortSignal there)', async () => {
    server.queue('gemini.upload.chunk', { delayMs: 5000, headers: { 'x-goog-upload-status': 'final' }, json: {} });
    const ctl = new AbortController();
    const t0 = Date.now();
    setTimeout(() => ctl.abort(), 100);
    await expect(analyzer().analyze(input(ctl.signal))).rejects.toMatchObject({ code: ErrorCode.CANCELLED });
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('rejects with CANCELLED when aborted during generation', async () => {
    server.handle('gemini.generate', () => ({ delayMs: 5000, ...good() }));
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 200);
    await expect(analyzer().analyze(input(ctl.signal))).rejects.toMatchObject({ code: ErrorCode.CANCELLED });
  });
});

describe('mergeAnalysis', () => {
  it('keeps measured findings, adds one issue per kind, filters platforms to the targets', async () => {
    const measured = await new OfflineAnalyzer().analyze(input());
    const answer = AnalysisAnswer.parse({
      ...analysisAnswer(),
      issues: [{ code: 'AD_POLICY', detail: 'before/after body claim', evidence: 'split screen', atSeconds: null, platforms: ['LINKEDIN', 'TIKTOK'] }],
    });
    const merged = mergeAnalysis(measured, answer, { model: 'm', platforms: [Platform.TIKTOK], audiences: ['GEN_Z'], usage: [] });
    expect(merged.issues.at(-1)).toMatchObject({ code: 'AD_POLICY', penalty: 12, severity: 'HIGH', platforms: [Platform.TIKTOK], atSeconds: null, evidence: 'split screen' });
    expect(merged.audienceScores).toEqual([{ audience: 'GEN_Z', score: 80, reasoning: 'fast cuts and humour', source: 'model' }]);
    expect(merged.metrics!.every((m) => m.source === 'model')).toBe(true);
  });

  it('keeps the rule-based estimate for an audience the model left out', async () => {
    const measured = await new OfflineAnalyzer().analyze({ ...input(), options: { ...OPTIONS, audiences: [Audience.GEN_Z, Audience.GEN_X] } });
    const merged = mergeAnalysis(measured, AnalysisAnswer.parse(analysisAnswer()), { model: 'm', platforms: [Platform.TIKTOK], audiences: ['GEN_Z', 'GEN_X'], usage: [] });
    expect(merged.audienceScores!.map((a) => [a.audience, a.source])).toEqual([['GEN_Z', 'model'], ['GEN_X', 'rules']]);
    expect(merged.audienceScores![1]).toEqual(measured.audienceScores!.find((a) => a.audience === 'GEN_X'));
  });
});

describe('GeminiTranscriber', () => {
  const transcriber = (o: Partial<ConstructorParameters<typeof GeminiTranscriber>[0]> = {}) =>
    new GeminiTranscriber({ apiKey: 'gm-test', baseUrl: server.geminiBaseUrl, ...FAST, ...o });
  const answer = { language: 'pt', segments: [{ start: 4.2, end: 6, text: ' Compre agora ' }, { start: 0.5, end: 2, text: 'Olá' }, { start: 7, end: 99, text: 'fim' }, { start: 3, end: 3.5, text: '  ' }] };

  it('sends small audio inline and returns cleaned, ordered segments', async () => {
    const audio = path.join(dir, 'a.wav');
    const wav = makeWav([{ seconds: 8, tone: true }]);
    await writeFile(audio, wav);
    server.queue('gemini.generate', { json: geminiContent(JSON.stringify(answer)) });
    const t = await transcriber().transcribe({ audioPath: audio, durationSeconds: 8, language: 'pt-BR', signal: new AbortController().signal });

    const gen = server.requestsTo('gemini.generate')[0]!;
    const [media, text] = gen.json.contents[0].parts;
    expect(media.inlineData.mimeType).toBe('audio/wav');
    expect(Buffer.from(media.inlineData.data, 'base64').equals(wav)).toBe(true);
    expect(text.text).toContain('The expected language is "pt"');
    expect(gen.json.generationConfig.responseJsonSchema.required).toEqual(['language', 'segments']);
    expect(server.requestsTo('gemini.upload.start')).toHaveLength(0);

    expect(t).toMatchObject({ available: true, engine: 'gemini:gemini-2.5-flash', language: 'pt', text: 'Olá Compre agora fim', firstSpokenAt: 0.5 });
    if (!t.available) throw new Error('unreachable');
    expect(t.segments.map((s) => [s.start, s.end])).toEqual([[0.5, 2], [4.2, 6], [7, 8]]);
    expect(t.usage).toEqual([{ provider: 'gemini', model: 'gemini-2.5-flash', inputTokens: 3000, outputTokens: 500, audioSeconds: 8 }]);
  });

  it('goes through the Files API above inlineMaxBytes', async () => {
    const audio = path.join(dir, 'b.wav');
    await writeFile(audio, makeWav([{ seconds: 2, tone: true }]));
    server.queue('gemini.generate', { json: geminiContent(JSON.stringify({ language: null, segments: [] })) });
    const t = await transcriber({ inlineMaxBytes: 1000 }).transcribe({ audioPath: audio, durationSeconds: 2, signal: new AbortController().signal });
    expect(server.requestsTo('gemini.generate')[0]!.json.contents[0].parts[0].fileData.mimeType).toBe('audio/wav');
    expect(server.requestsTo('gemini.files.delete')).toHaveLength(1);
    expect(t).toMatchObject({ available: true, segments: [], language: null, firstSpokenAt: null });
  });
});
