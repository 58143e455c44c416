// What we ask the models for, as zod schemas: the same object is sent as the provider's response
// schema (via JSON Schema) and checks the answer where it enters. Weights and penalties that turn
// answers into our result live beside them.
import { z } from 'zod';
import { VISION_ISSUE_CODES } from '../../analysis/model-merge.js';
import type { DetectedIssue } from '../../analysis/ports.js';
import { severityFor as penaltySeverity } from '../../analysis/scoring-config.js';
import { METRIC_CODES } from '../../domain/metrics.js';
import { Platform } from '../../domain/model.js';

export const AUDIENCE_CODES = ['GEN_Z', 'MILLENNIALS', 'GEN_X', 'BOOMERS'] as const;

export function severityFor(penalty: number): DetectedIssue['severity'] {
  return penaltySeverity(penalty);
}

const score = z.number().min(0).max(100);
const seconds = z.number().min(0).nullable();
const text = z.string().min(1);

export const MetricAnswer = z.object({
  code: z.enum(METRIC_CODES),
  score,
  wentWell: z.array(z.string()),
  toImprove: z.array(z.string()),
  evidence: z.string(),
  atSeconds: seconds,
});

export const AnalysisAnswer = z.object({
  metrics: z
    .array(MetricAnswer)
    .min(METRIC_CODES.length)
    .max(METRIC_CODES.length)
    .refine((ms) => new Set(ms.map((m) => m.code)).size === METRIC_CODES.length, 'each of the nine metrics exactly once'),
  audiences: z
    .array(z.object({ audience: z.enum(AUDIENCE_CODES), score, reasoning: text }))
    .refine((as) => new Set(as.map((a) => a.audience)).size === as.length, 'each audience at most once'),
  issues: z.array(
    z.object({
      code: z.enum(VISION_ISSUE_CODES),
      detail: text,
      evidence: text,
      atSeconds: seconds,
      platforms: z.array(z.enum(Object.values(Platform) as [Platform, ...Platform[]])),
    }),
  ),
});
export type AnalysisAnswer = z.output<typeof AnalysisAnswer>;

export const RecommendationsAnswer = z.object({
  summary: text,
  recommendations: z.array(
    z.object({
      priority: z.number().int().min(1).max(3),
      category: z.enum(['ISSUE', 'CHECK', 'PLATFORM', 'AUDIENCE', 'METRIC']),
      target: z.string().nullable(),
      text,
      atSeconds: seconds,
    }),
  ),
});
export type RecommendationsAnswer = z.output<typeof RecommendationsAnswer>;

export const TranscriptAnswer = z.object({
  /** ISO 639-1, or null when nothing was said. */
  language: z.string().nullable(),
  segments: z.array(z.object({ start: z.number().min(0), end: z.number().min(0), text: z.string() })),
});
export type TranscriptAnswer = z.output<typeof TranscriptAnswer>;
