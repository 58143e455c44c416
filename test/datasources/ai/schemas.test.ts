// The response schemas as the providers receive them, through the real SDKs: every keyword in
// every node is one the provider documents, while our own zod check on arrival stays stricter.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { measuredChecks } from '../../../src/analysis/offline.js';
import type { CreativeAnalysis } from '../../../src/analysis/ports.js';
import { GeminiAnalyzer, GeminiTranscriber } from '../../../src/datasources/ai/gemini.js';
import { OpenAIRecommender } from '../../../src/datasources/ai/openai.js';
import { ErrorCode } from '../../../src/errors.js';
import { chatCompletion, geminiContent, makeWav, startAiServer, type AiServer } from '../../helpers/ai-server.js';
import { analysisAnswer, MEDIA, OPTIONS, RECOMMENDATIONS, TRANSCRIPT } from './fixtures.js';

// Written out from the providers' documentation, apart from the code's own list on purpose.
// Gemini "Structured output", JSON Schema support for responseJsonSchema.
const GEMINI = ['type', 'title', 'description', 'properties', 'required', 'additionalProperties', 'enum', 'format', 'minimum', 'maximum', 'items', 'prefixItems', 'minItems', 'maxItems', 'anyOf', '$ref', '$defs', 'propertyOrdering'];
// OpenAI "Structured Outputs", supported schemas with strict: true.
const OPENAI = ['type', 'description', 'properties', 'required', 'additionalProperties', 'enum', 'const', 'anyOf', '$ref', '$defs', 'items', 'minItems', 'maxItems', 'pattern', 'format', 'multipleOf', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'];

/** Every keyword used anywhere in a schema, with the path where it was first seen. */
function keywords(node: unknown, at = '#', out = new Map<string, string>()): Map<string, string> {
  if (Array.isArray(node)) {
    node.forEach((n, i) => keywords(n, `${at}/${i}`, out));
    return out;
  }
  if (!node || typeof node !== 'object') return out;
  for (const [k, v] of Object.entries(node)) {
    if (!out.has(k)) out.set(k, at);
    if (k === 'properties' || k === '$defs') for (const [name, sub] of Object.entries(v as object)) keywords(sub, `${at}/${k}/${name}`, out);
    else if (k === 'items' || k === 'prefixItems' || k === 'anyOf' || (k === 'additionalProperties' && typeof v === 'object')) keywords(v, `${at}/${k}`, out);
  }
  return out;
}

const unsupported = (schema: unknown, allowed: string[]) => [...keywords(schema)].filter(([k]) => !allowed.includes(k)).map(([k, at]) => `${k} at ${at}`);

let server: AiServer;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'klike-schemas-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  server = await startAiServer();
  server.processingPolls = 0;
});
afterEach(async () => {
  await server.close();
});

const FAST = { retry: { retries: 0, baseDelayMs: 5 } };
const analysis: CreativeAnalysis = {
  provider: 'offline', model: 'rules-v1', promptVersion: null, ruleBased: true,
  checks: measuredChecks({ media: MEDIA, transcript: TRANSCRIPT }), issues: [], baseScore: 67,
};

describe('schemas sent to the providers', () => {
  it('Gemini (analysis and transcription) gets only the keywords it documents, and still the useful bounds', async () => {
    const video = path.join(dir, 'v.mp4');
    await writeFile(video, Buffer.alloc(1000, 1));
    const audio = path.join(dir, 'a.wav');
    await writeFile(audio, makeWav([{ seconds: 0.5, tone: true }]));
    server.queue('gemini.generate', { json: geminiContent(JSON.stringify(analysisAnswer())) }, { json: geminiContent(JSON.stringify({ language: 'en', segments: [{ start: 0, end: 0.5, text: 'hi' }] })) });
    await new GeminiAnalyzer({ apiKey: 'k', baseUrl: server.geminiBaseUrl, ...FAST }).analyze({ media: MEDIA, transcript: TRANSCRIPT, options: OPTIONS, videoFile: async () => video, signal: AbortSignal.timeout(10_000) });
    await new GeminiTranscriber({ apiKey: 'k', baseUrl: server.geminiBaseUrl, ...FAST }).transcribe({ audioPath: audio, durationSeconds: 0.5, signal: AbortSignal.timeout(10_000) });

    const sent = server.requestsTo('gemini.generate').map((r) => r.json.generationConfig.responseJsonSchema);
    expect(sent).toHaveLength(2);
    for (const schema of sent) {
      expect(unsupported(schema, GEMINI)).toEqual([]);
      expect(keywords(schema).has('minLength')).toBe(false);
    }
    // What Gemini does honour is kept: nine metrics exactly, scores 0..100.
    const metrics = sent[0].properties.metrics;
    expect(metrics).toMatchObject({ type: 'array', minItems: 9, maxItems: 9 });
    expect(metrics.items.properties.score).toMatchObject({ minimum: 0, maximum: 100 });
  });

  it('OpenAI (recommendations, strict) gets only its strict-mode subset: no minLength, no $schema', async () => {
    server.queue('openai.chat', { json: chatCompletion(JSON.stringify(RECOMMENDATIONS)) });
    await new OpenAIRecommender({ apiKey: 'k', baseUrl: server.openaiBaseUrl, ...FAST }).recommend({ analysis, media: MEDIA, transcript: TRANSCRIPT, options: OPTIONS, signal: AbortSignal.timeout(10_000) });
    const format = server.requestsTo('openai.chat')[0]!.json.response_format;
    expect(format).toMatchObject({ type: 'json_schema', json_schema: { name: 'recommendations', strict: true } });
    const schema = format.json_schema.schema;
    expect(unsupported(schema, OPENAI)).toEqual([]);
    // Strict mode's own rules: every object closed and every property required.
    const objects: any[] = [];
    (function collectObjects(n: any): void {
      if (Array.isArray(n)) return n.forEach(collectObjects);
      if (!n || typeof n !== 'object') return;
      if (n.type === 'object') objects.push(n);
      Object.values(n).forEach(collectObjects);
    })(schema);
    expect(objects.length).toBeGreaterThanOrEqual(2);
    for (const o of objects) {
      expect(o.additionalProperties).toBe(false);
      expect([...o.required].sort()).toEqual(Object.keys(o.properties).sort());
    }
  });

  it('the stricter contract is still checked where the answer enters: an empty summary is AI_BAD_RESPONSE', async () => {
    const empty = { ...RECOMMENDATIONS, summary: '' };
    server.queue('openai.chat', { json: chatCompletion(JSON.stringify(empty)) }, { json: chatCompletion(JSON.stringify(empty)) });
    const err = await new OpenAIRecommender({ apiKey: 'k', baseUrl: server.openaiBaseUrl, ...FAST })
      .recommend({ analysis, media: MEDIA, transcript: TRANSCRIPT, options: OPTIONS, signal: AbortSignal.timeout(10_000) })
      .catch((e) => e);
    expect(err).toMatchObject({ code: ErrorCode.AI_BAD_RESPONSE, details: { reason: 'schema' } });
    expect(err.details.issues.join(' ')).toContain('summary');
  });
});
