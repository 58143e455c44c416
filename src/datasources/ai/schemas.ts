// What we ask the models for, as zod schemas: the same object is sent as the provider's response
// schema (via JSON Schema) and checks the answer where it enters. Weights and penalties that turn
// answers into our result live beside them.
import { z } from 'zod';
import type { CreativeMetricCode, DetectedIssue } from '../../analysis/ports.js';
import { Platform } from '../../model.js';

export const METRIC_CODES = [
  'HOOK',
  'STORYTELLING',
  'EMOTIONAL_CONNECTION',
  'AUDIO_VOICE_SUBTITLES',
  'PRODUCT_FOCUS',
  'VALUE_PROPOSITION',
  'CALL_TO_ACTION',
  'COMMUNITY',
  'RESOLUTION_QUALITY',
] as const satisfies readonly CreativeMetricCode[];

/**
 * Weights of the nine metrics in the base score (sum 1). Adapted from the older design's 0–10
 * breakdown (hook 25 %, message clarity 20 %, visual appeal 15 %, CTA 15 %, audio 10 %, pacing 10 %,
 * engagement 5 %): message clarity is split over value proposition and product focus, visual appeal
 * over resolution/quality and storytelling, pacing goes to storytelling, engagement to emotion and
 * community.
 */
export const METRIC_WEIGHTS: Record<CreativeMetricCode, number> = {
  HOOK: 0.2,
  STORYTELLING: 0.1,
  EMOTIONAL_CONNECTION: 0.08,
  AUDIO_VOICE_SUBTITLES: 0.1,
  PRODUCT_FOCUS: 0.1,
  VALUE_PROPOSITION: 0.12,
  CALL_TO_ACTION: 0.15,
  COMMUNITY: 0.05,
  RESOLUTION_QUALITY: 0.1,
};

export const AUDIENCE_CODES = ['GEN_Z', 'MILLENNIALS', 'GEN_X', 'BOOMERS'] as const;

/** Issues only a model looking at the frames can find. Penalties from the product's issue table. */
export const VISION_ISSUES = {
  AD_POLICY: { penalty: 12, title: 'Ad policy (guideline) risk' },
  FAKE_CONTENT: { penalty: 10, title: 'Fake or misleading content' },
  SAFE_ZONE_VIOLATION: { penalty: 10, title: 'Elements outside the platform safe zone' },
  SUBTITLE_POSITION: { penalty: 8, title: 'Subtitles covered by platform UI' },
  HOOK_CTA_TOO_LONG: { penalty: 5, title: "Hook or CTA text over the platform's character limit" },
  SMALL_SUBTITLES: { penalty: 4, title: 'Subtitles too small' },
} as const;
export type VisionIssueCode = keyof typeof VISION_ISSUES;
export const VISION_ISSUE_CODES = Object.keys(VISION_ISSUES) as [VisionIssueCode, ...VisionIssueCode[]];

export function severityFor(penalty: number): DetectedIssue['severity'] {
  return penalty >= 10 ? 'HIGH' : penalty >= 5 ? 'MEDIUM' : 'LOW';
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
