// Model output enters here: JSON text checked against a zod schema. A bad answer (no text, not
// JSON, wrong shape) is asked for again a bounded number of times, then becomes AI_BAD_RESPONSE.
import { z } from 'zod';
import { AppError, ErrorCode } from '../../errors.js';
import type { AiUsage } from '../../domain/transcript.js';

export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: 'empty' | 'json' | 'schema'; issues?: string[] };

export function parseStructured<S extends z.ZodType>(text: string | null | undefined, schema: S): ParseResult<z.output<S>> {
  if (!text || !text.trim()) return { ok: false, reason: 'empty' };
  let raw: unknown;
  try {
    raw = JSON.parse(stripFence(text));
  } catch {
    return { ok: false, reason: 'json' };
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    reason: 'schema',
    issues: parsed.error.issues.slice(0, 10).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
  };
}

/** One model call's answer: its text and what it cost. */
export interface RawAnswer {
  text: string | null | undefined;
  usage?: AiUsage;
}

/**
 * Calls `ask` until its text parses, at most `1 + badAnswerRetries` times. Usage of every call is
 * returned, bad ones included: they were paid for.
 */
export async function askStructured<S extends z.ZodType>(
  provider: string,
  schema: S,
  ask: (attempt: number) => Promise<RawAnswer>,
  opts: { badAnswerRetries?: number; onBadAnswer?: (info: { attempt: number; reason: string; issues?: string[] }) => void } = {},
): Promise<{ value: z.output<S>; usage: AiUsage[] }> {
  const retries = opts.badAnswerRetries ?? 1;
  const usage: AiUsage[] = [];
  let last: Extract<ParseResult<unknown>, { ok: false }> | undefined;
  for (let attempt = 0; attempt <= retries; attempt++) {
    const answer = await ask(attempt);
    if (answer.usage) usage.push(answer.usage);
    const parsed = parseStructured(answer.text, schema);
    if (parsed.ok) return { value: parsed.value, usage };
    last = parsed;
    opts.onBadAnswer?.({ attempt, reason: parsed.reason, issues: parsed.issues });
  }
  throw new AppError(
    ErrorCode.AI_BAD_RESPONSE,
    `${provider} answered with ${last?.reason === 'schema' ? 'JSON of the wrong shape' : last?.reason === 'json' ? 'malformed JSON' : 'no content'}`,
    {
      // Another run of the whole stage may well get a good answer.
      retryable: true,
      details: { provider, reason: last?.reason, issues: last?.issues, attempts: retries + 1 },
    },
  );
}

/** JSON Schema of a zod schema, without `$schema` (providers take the body only). */
export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema) as Record<string, unknown>;
  return rest;
}

export type SchemaProvider = 'gemini' | 'openai';

const STRUCTURE = [
  'type',
  'description',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'enum',
  'anyOf',
  '$ref',
  '$defs',
] as const;

/**
 * The JSON Schema keywords each provider documents for its response schema. Anything else is at
 * best ignored (Gemini) or rejected (OpenAI strict mode answered 400 "'minLength' is not
 * permitted"), so it is not sent; the zod schema still checks the whole contract on arrival.
 * Gemini: "Structured output" guide, JSON Schema support (responseJsonSchema).
 * OpenAI: "Structured Outputs" guide, supported schemas (strict: true).
 */
export const SCHEMA_KEYWORDS: Record<SchemaProvider, ReadonlySet<string>> = {
  gemini: new Set([...STRUCTURE, 'title', 'format', 'minimum', 'maximum', 'prefixItems', 'minItems', 'maxItems', 'propertyOrdering']),
  openai: new Set([
    ...STRUCTURE,
    'const',
    'pattern',
    'format',
    'multipleOf',
    'minimum',
    'maximum',
    'exclusiveMinimum',
    'exclusiveMaximum',
    'minItems',
    'maxItems',
  ]),
};

/** The response schema to send `provider` for a zod schema: its JSON Schema less the keywords the provider does not take. */
export function providerSchema(schema: z.ZodType, provider: SchemaProvider): Record<string, unknown> {
  return keepKeywords(jsonSchemaOf(schema), SCHEMA_KEYWORDS[provider]) as Record<string, unknown>;
}

function keepKeywords(node: unknown, allowed: ReadonlySet<string>): unknown {
  if (Array.isArray(node)) return node.map((n) => keepKeywords(n, allowed));
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (!allowed.has(key)) continue;
    if (key === 'properties' || key === '$defs') {
      // A map of names to schemas: the names are data, not keywords.
      out[key] = Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([name, sub]) => [name, keepKeywords(sub, allowed)]),
      );
    } else if (key === 'items' || key === 'prefixItems' || key === 'anyOf' || key === 'additionalProperties') {
      out[key] = keepKeywords(value, allowed);
    } else {
      out[key] = value;
    }
  }
  return out;
}

// Models asked for JSON sometimes still wrap it in a Markdown fence.
function stripFence(text: string): string {
  const m = /^\s*```(?:json)?\s*\n([\s\S]*?)\n?```\s*$/i.exec(text);
  return m ? m[1]! : text;
}

/** Sums usage entries of the same provider and model into one. */
export function mergeUsage(entries: AiUsage[]): AiUsage[] {
  const out = new Map<string, AiUsage>();
  for (const u of entries) {
    const key = `${u.provider}\u0000${u.model}`;
    const cur = out.get(key);
    if (!cur) {
      out.set(key, { ...u });
      continue;
    }
    for (const k of ['inputTokens', 'outputTokens', 'audioSeconds'] as const) {
      if (u[k] !== undefined) cur[k] = round3((cur[k] ?? 0) + u[k]);
    }
  }
  return [...out.values()];
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;
