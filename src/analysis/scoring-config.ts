// Every number that turns findings into the score, in one place so it can be tuned: the weights of
// the nine creative metrics, the penalty table of detected issues, and the grade bands. Pure data;
// ./scoring.ts does the arithmetic.
import type { CreativeMetricCode } from '../domain/metrics.js';

/**
 * Weights of the nine metrics in the score before penalties (sum 1). Adapted from the older
 * design's 0–10 breakdown (hook 25 %, message clarity 20 %, visual appeal 15 %, CTA 15 %, audio 10 %,
 * pacing 10 %, engagement 5 %): message clarity is split over value proposition and product focus,
 * visual appeal over resolution/quality and storytelling, pacing goes to storytelling, engagement to
 * emotion and community.
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

/**
 * Points off the score per kind of issue (an issue kind counts once, however often it is seen).
 * The first seven are the product's issue table (shared domain notes); the rest are measured
 * problems, weighed against them: a missing or silent sound track like a hook/CTA text problem, a
 * quiet mix or a wrong format like the horizontal-video one, cosmetic audio faults lower.
 */
export const ISSUE_PENALTIES = {
  // The product's table (found by a model looking at the frames, except HORIZONTAL_ON_VERTICAL).
  AD_POLICY: 12,
  FAKE_CONTENT: 10,
  SAFE_ZONE_VIOLATION: 10,
  SUBTITLE_POSITION: 8,
  HOOK_CTA_TOO_LONG: 5,
  SMALL_SUBTITLES: 4,
  HORIZONTAL_ON_VERTICAL: 3,
  // Measured (ffprobe and the one-pass analysis).
  NO_AUDIO_STREAM: 5,
  LOUDNESS_SILENT: 5,
  LOUDNESS_TOO_QUIET: 3,
  RESOLUTION_BELOW_SPEC: 3,
  DURATION_OUT_OF_SPEC: 3,
  ASPECT_RATIO_MISMATCH: 2,
  LOUDNESS_TRUE_PEAK_OVER: 2,
  LOUDNESS_SHORT_TERM_OVER: 2,
  LOUDNESS_TOO_LOUD: 1,
} as const;
export type PenalisedIssueCode = keyof typeof ISSUE_PENALTIES;

/** Severity of an issue from its penalty: ≥ 10 HIGH, ≥ 5 MEDIUM (≥ 3 for measured ones), else LOW. */
export function severityFor(penalty: number, opts: { measured?: boolean } = {}): 'LOW' | 'MEDIUM' | 'HIGH' {
  if (penalty >= 10) return 'HIGH';
  return penalty >= (opts.measured ? 3 : 5) ? 'MEDIUM' : 'LOW';
}

/** Grade bands of the product's result model: A 76–100, B 51–75, C 26–50, D 0–25 (lowest score of each). */
export const GRADE_BANDS = [
  { grade: 'A', min: 76 },
  { grade: 'B', min: 51 },
  { grade: 'C', min: 26 },
  { grade: 'D', min: 0 },
] as const;
export type Grade = (typeof GRADE_BANDS)[number]['grade'];

/** What a metric scores when the rules have nothing to go on: the middle of the scale. */
export const NEUTRAL_SCORE = 50;
