// The whole flow with the paid engines switched on by their keys, against a local server that speaks
// the Gemini and OpenAI protocols (test/helpers/ai-server.ts): whisper transcription, the Gemini
// creative analysis of the uploaded video, OpenAI recommendations; then Gemini failing, with the
// offline engine standing in (AI_FALLBACK=offline) or the task failing (AI_FALLBACK=fail).
import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, startTestApp, uploadTo, type TestApp } from '../helpers/app.js';
import { chatCompletion, geminiContent, startAiServer, wavSeconds, whisperVerbose, type AiServer } from '../helpers/ai-server.js';
import { makeVideo } from '../helpers/media.js';
import { analysisAnswer } from '../datasources/ai/fixtures.js';
import { PROMPT_VERSION } from '../../src/datasources/ai/prompts.js';
import { ConfirmVideoUploadDocument, CreateVideoUploadDocument, GetTaskDocument, TaskUpdatedDocument } from '../generated/graphql.js';

const SPEECH = 'Tired of soggy sneakers? Shop now and save twenty percent';
const RECOMMENDATIONS = {
  summary: 'A strong hook; move the logo out of the TikTok button column and say the offer sooner.',
  recommendations: [
    { priority: 1, category: 'AUDIENCE', target: 'GEN_Z', text: 'Add a creator voice-over.', atSeconds: null },
    { priority: 2, category: 'CHECK', target: 'CTA_SPEECH', text: 'Say the call to action twice.', atSeconds: 2.4 },
    { priority: 3, category: 'ISSUE', target: 'SAFE_ZONE_VIOLATION', text: 'Move the logo left of the action buttons.', atSeconds: 3 },
    { priority: 2, category: 'PLATFORM', target: 'TIKTOK', text: 'Raise the price text above y=1248.', atSeconds: 1 },
  ],
};

/** Scripts the three providers: speech, the creative analysis (HOOK 90, CTA 50, 70 elsewhere) and recommendations. */
function scriptProviders(ai: AiServer) {
  ai.processingPolls = 0;
  ai.handle('openai.transcriptions', (r) => ({ json: whisperVerbose({ duration: wavSeconds(r.files![0]!.bytes) ?? 3, text: SPEECH, start: 0.3 }) }));
  ai.handle('gemini.generate', () => ({ json: geminiContent(JSON.stringify(analysisAnswer(70, { HOOK: 90, CALL_TO_ACTION: 50 }))) }));
  ai.handle('openai.chat', () => ({ json: chatCompletion(JSON.stringify(RECOMMENDATIONS)) }));
}

const aiEnv = (ai: AiServer, extra: Record<string, string> = {}) => ({
  GEMINI_API_KEY: 'gm-test',
  GEMINI_BASE_URL: ai.geminiBaseUrl,
  OPENAI_API_KEY: 'sk-test',
  OPENAI_BASE_URL: ai.openaiBaseUrl,
  AI_RETRIES: '1',
  AI_RETRY_BASE_DELAY_MS: '5',
  ...extra,
});

async function analyse(t: TestApp, analysis: Record<string, unknown>) {
  const file = await makeVideo({ seconds: 3, width: 360, height: 640, audio: 'tone', cutsAt: [1] });
  const { size } = await fs.stat(file);
  const { createVideoUpload: up } = await t.ok(CreateVideoUploadDocument, { input: { filename: 'ad.mp4', contentType: 'video/mp4', sizeBytes: size } });
  expect((await uploadTo(up, file)).status).toBe(200);
  const { confirmVideoUpload: c } = await t.ok(ConfirmVideoUploadDocument, { input: { videoId: up.video.id, analysis } });
  const { events, errors } = await collect(t.ws(), TaskUpdatedDocument, { taskId: c.task.id });
  expect(errors).toEqual([]);
  const { task } = await t.ok(GetTaskDocument, { id: c.task.id });
  return { events: events.map((e) => e.taskUpdated), task: task! };
}

describe('Gemini analysis and OpenAI recommendations, keyed', () => {
  let ai: AiServer;
  let t: TestApp;
  beforeAll(async () => {
    ai = await startAiServer();
    scriptProviders(ai);
    t = await startTestApp({ env: aiEnv(ai) });
  });
  afterAll(async () => {
    await t?.stop();
    await ai?.close();
  });

  it('stores a result judged by the model, with the measured checks kept, OpenAI actions ranked, usage and cost', async () => {
    const { task } = await analyse(t, { platforms: ['TIKTOK', 'META_REELS'], audiences: ['GEN_Z', 'GEN_X'], language: 'en', brand: 'Sneakers' });
    expect(task.status).toBe('COMPLETED');
    const r = task.result!;
    expect(r).toMatchObject({ provider: 'gemini', model: 'gemini-2.5-flash', promptVersion: PROMPT_VERSION, ruleBased: false, fallbacks: [] });

    // The Gemini call carried the uploaded video, the measured facts, the checks and the transcript.
    const gen = ai.requestsTo('gemini.generate')[0]!;
    const [filePart, textPart] = gen.json.contents[0].parts;
    expect(filePart.fileData.mimeType).toBe('video/mp4');
    expect(textPart.text).toContain('duration: 3.00 s');
    expect(textPart.text).toContain('video: 360×640 (9:16)');
    expect(textPart.text).toMatch(/\[PASS\] DYNAMIC_START/);
    expect(textPart.text).toContain(SPEECH);
    expect(textPart.text).toContain('## Brand (as spoken)\nSneakers');
    expect(ai.requestsTo('gemini.upload.start')[0]!.headers['x-goog-upload-header-content-length']).toBe(String((await fs.stat(await makeVideo({ seconds: 3, width: 360, height: 640, audio: 'tone', cutsAt: [1] }))).size));
    // OpenAI was asked with the model's metrics and issues.
    const user = ai.requestsTo('openai.chat')[0]!.json.messages[1].content as string;
    expect(user).toContain('HOOK: 90');
    expect(user).toContain('SAFE_ZONE_VIOLATION');

    // The nine metrics come from the model; the weighted mean is 70 + 0.2·20 − 0.15·20 = 71.
    expect(r.creativeMetrics).toHaveLength(9);
    expect(r.creativeMetrics.every((m) => m.source === 'MODEL')).toBe(true);
    expect(r.creativeMetrics.find((m) => m.code === 'HOOK')).toMatchObject({ score: 90, grade: 'A', title: '3-second hook', evidence: 'seen for HOOK' });
    expect(r.scoreBeforePenalties).toBe(71);
    // GEN_Z from the model; GEN_X, which it left out, from the rules.
    expect(r.audienceScores.map((a) => [a.audience, a.source])).toEqual([['GEN_Z', 'MODEL'], ['GEN_X', 'RULES']]);
    // Measured checks stay; vision issues add their penalties once per kind.
    // At the word: whisper's fifth word of the segment from 0.3 s, 0.1 s a word.
    expect(r.checks.find((c) => c.code === 'CTA_SPEECH')).toMatchObject({ passed: true, evidence: 'heard "shop now" at 0.7 s', atSeconds: 0.7 });
    expect(r.checks.find((c) => c.code === 'DYNAMIC_START')?.passed).toBe(true);
    expect(r.checks.find((c) => c.code === 'BRAND_MENTION_EARLY')).toMatchObject({ passed: true, evidence: 'heard "Sneakers" at 0.6 s' });
    expect(r.penalties).toEqual(expect.arrayContaining([{ issueCode: 'SAFE_ZONE_VIOLATION', points: 10 }, { issueCode: 'SMALL_SUBTITLES', points: 4 }]));
    expect(r.score).toBe(Math.max(0, 71 - r.penalties.reduce((a, p) => a + p.points, 0)));
    expect(r.grade).toBe(r.score >= 76 ? 'A' : r.score >= 51 ? 'B' : r.score >= 26 ? 'C' : 'D');
    // Evidence frames: the still nearest each sighting, signed for this request.
    const safe = r.detectedIssues.find((i) => i.code === 'SAFE_ZONE_VIOLATION')!;
    expect(safe.atSeconds).toBe(3);
    expect(safe.evidenceFrames).toHaveLength(1);
    const still = await fetch(safe.evidenceFrames[0]!);
    expect(still.status).toBe(200);
    expect([...new Uint8Array(await still.arrayBuffer()).subarray(0, 2)]).toEqual([0xff, 0xd8]);

    // OpenAI's recommendations, ranked: its urgent issue first; a CHECK filed under its metric.
    expect(r.summary).toBe(RECOMMENDATIONS.summary);
    expect(r.recommendations.map((x) => [x.priority, x.category, x.target, x.source])).toEqual([
      [1, 'ISSUE', 'SAFE_ZONE_VIOLATION', 'MODEL'],
      [2, 'PLATFORM', 'TIKTOK', 'MODEL'],
      [3, 'METRIC', 'CALL_TO_ACTION', 'MODEL'],
      [4, 'AUDIENCE', 'GEN_Z', 'MODEL'],
    ]);
    expect(r.recommendations[0]).toMatchObject({ severity: 'HIGH', impact: 'HIGH', effort: 'MEDIUM', timestampLabel: '0:03' });
    expect(r.actions.byMetric.map((g) => [g.target, g.title])).toEqual([['CALL_TO_ACTION', 'Call to action']]);
    expect(r.actions.byIssue.map((g) => g.target)).toEqual(['SAFE_ZONE_VIOLATION']);

    // What each paid stage used, and its price.
    expect(r.usage.map((u) => [u.purpose, u.provider, u.model])).toEqual([
      ['TRANSCRIPTION', 'openai', 'whisper-1'],
      ['ANALYSIS', 'gemini', 'gemini-2.5-flash'],
      ['RECOMMENDATIONS', 'openai', 'gpt-4o-mini'],
    ]);
    expect(r.usage[1]).toMatchObject({ inputTokens: 3000, outputTokens: 500 });
    expect(r.usage[0]!.audioSeconds).toBeGreaterThan(0);
    // 3000 × $0.30/M + 500 × $2.50/M for Gemini, 120 × $0.15/M + 40 × $0.60/M for OpenAI, plus the audio minutes.
    const item = (purpose: string, unit: string) => r.cost.items.find((i) => i.purpose === purpose && i.unit === unit)!;
    expect(item('analysis', 'INPUT_TOKENS').usd).toBeCloseTo(0.0009, 6);
    expect(item('analysis', 'OUTPUT_TOKENS').usd).toBeCloseTo(0.00125, 6);
    expect(item('recommendations', 'INPUT_TOKENS').usd).toBeCloseTo(0.000018, 6);
    expect(item('transcription', 'AUDIO_MINUTES').usd).toBeGreaterThan(0);
    expect(r.cost.totalUsd).toBeCloseTo(r.cost.items.reduce((a, i) => a + i.usd, 0), 6);
    expect(r.cost.totalUsd).toBeGreaterThan(0.002);
  });
});

describe('Gemini failing', () => {
  let ai: AiServer;
  beforeAll(async () => {
    ai = await startAiServer();
    scriptProviders(ai);
    ai.handle('gemini.generate', () => ({ status: 500, json: { error: { code: 500, message: 'internal', status: 'INTERNAL' } } }));
  });
  afterAll(async () => {
    await ai?.close();
  });

  it('AI_FALLBACK=offline: the task completes with rule-based findings, marked as a fallback', async () => {
    const t = await startTestApp({ env: aiEnv(ai, { AI_FALLBACK: 'offline' }) });
    try {
      const before = ai.requestsTo('gemini.generate').length;
      const { task } = await analyse(t, { platforms: ['TIKTOK'] });
      expect(task.status).toBe('COMPLETED');
      // The first call and AI_RETRIES=1 retry, then the offline engine.
      expect(ai.requestsTo('gemini.generate').length - before).toBe(2);
      const r = task.result!;
      expect(r).toMatchObject({ provider: 'offline', ruleBased: true });
      expect(r.fallbacks).toEqual([{ stage: 'ANALYSIS', engine: 'gemini', code: 'AI_PROVIDER_UNAVAILABLE' }]);
      expect(r.creativeMetrics).toHaveLength(9);
      expect(r.creativeMetrics.every((m) => m.source === 'RULES' && m.evidence.startsWith('Rule-based'))).toBe(true);
      expect(r.audienceScores.every((a) => a.source === 'RULES')).toBe(true);
      expect(r.checks.find((c) => c.code === 'CTA_SPEECH')?.passed).toBe(true);
      // Recommendations still came from OpenAI; Gemini's failed calls left no usage.
      expect(r.recommendations.every((x) => x.source === 'MODEL')).toBe(true);
      expect(r.usage.map((u) => u.purpose)).toEqual(['TRANSCRIPTION', 'RECOMMENDATIONS']);
    } finally {
      await t.stop();
    }
  });

  it('AI_FALLBACK=fail: the task fails with AI_PROVIDER_UNAVAILABLE', async () => {
    const t = await startTestApp({ env: aiEnv(ai, { AI_FALLBACK: 'fail', JOB_RETRY_LIMIT: '0' }) });
    try {
      const { events, task } = await analyse(t, { platforms: ['TIKTOK'] });
      expect(task.status).toBe('FAILED');
      expect(task.error?.code).toBe('AI_PROVIDER_UNAVAILABLE');
      expect(task.result).toBeNull();
      expect(events.at(-1)).toMatchObject({ status: 'FAILED', error: { code: 'AI_PROVIDER_UNAVAILABLE' } });
      expect(events.map((e) => e.status)).toContain('ANALYZING_AI');
    } finally {
      await t.stop();
    }
  });
});

describe('a job retry that resumes at ANALYZING_AI (AI_FALLBACK=fail)', () => {
  let ai: AiServer;
  let t: TestApp;
  const malformed = () => ({ json: geminiContent('{"metrics": [') });
  beforeAll(async () => {
    ai = await startAiServer();
    scriptProviders(ai);
    t = await startTestApp({ env: aiEnv(ai, { AI_FALLBACK: 'fail', JOB_RETRY_LIMIT: '1' }) });
  });
  afterAll(async () => {
    await t?.stop();
    await ai?.close();
  });

  it('fetches the source again, uploads it to Gemini and completes with the model\'s analysis', async () => {
    const before = { uploads: ai.requestsTo('gemini.upload.start').length, speech: ai.requestsTo('openai.transcriptions').length };
    // The first attempt's two calls (one ask, one re-ask) get malformed JSON; the retry's a good answer.
    ai.queue('gemini.generate', malformed(), malformed());
    const { events, task } = await analyse(t, { platforms: ['TIKTOK'] });
    expect(task.status).toBe('COMPLETED');
    expect(task.result).toMatchObject({ provider: 'gemini', ruleBased: false, fallbacks: [] });
    expect(events.some((e) => e.message?.includes('Attempt 1 failed (AI_BAD_RESPONSE); retrying'))).toBe(true);
    // The retry resumed at ANALYZING_AI: speech was not transcribed again, the video was uploaded again.
    expect(ai.requestsTo('openai.transcriptions').length - before.speech).toBe(1);
    const uploads = ai.requestsTo('gemini.upload.start').slice(before.uploads);
    expect(uploads).toHaveLength(2);
    const video = await makeVideo({ seconds: 3, width: 360, height: 640, audio: 'tone', cutsAt: [1] });
    const { size } = await fs.stat(video);
    for (const u of uploads) expect(u.headers['x-goog-upload-header-content-length']).toBe(String(size));
    const retryUpload = ai.requestsTo('gemini.upload.chunk').at(-1)!;
    expect(retryUpload.headers['x-goog-upload-command']).toContain('finalize');
    expect(ai.requestsTo('gemini.upload.chunk').filter((c) => c.query.get('upload_id') === retryUpload.query.get('upload_id')).reduce((n, c) => n + c.body.length, 0)).toBe(size);
  });

  it('malformed answers on every attempt end AI_BAD_RESPONSE, not AI_PROVIDER_UNAVAILABLE', async () => {
    ai.handle('gemini.generate', malformed);
    const before = { uploads: ai.requestsTo('gemini.upload.start').length, asks: ai.requestsTo('gemini.generate').length };
    const { task } = await analyse(t, { platforms: ['TIKTOK'] });
    expect(task.status).toBe('FAILED');
    expect(task.error?.code).toBe('AI_BAD_RESPONSE');
    // Both attempts reached Gemini: two asks each, one upload each.
    expect(ai.requestsTo('gemini.upload.start').length - before.uploads).toBe(2);
    expect(ai.requestsTo('gemini.generate').length - before.asks).toBe(4);
  });
});
