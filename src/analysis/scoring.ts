// Score and grade. One pure module so weights, penalties and bands (./scoring-config.ts) are
// applied and tested in one place:
//   score = clamp(round(weighted mean of the metric scores) − Σ penalty of each issue kind, 0, 100)
import type { DetectedIssue } from './ports.js';
import type { CreativeMetricCode } from '../domain/metrics.js';
import { GRADE_BANDS, METRIC_WEIGHTS, type Grade } from './scoring-config.js';

/** Grade bands of the product's result model: A 76–100, B 51–75, C 26–50, D 0–25. */
export function gradeFor(score: number): Grade {
  return GRADE_BANDS.find((b) => score >= b.min)?.grade ?? 'D';
}

/** Weighted mean of the metric scores (METRIC_WEIGHTS), 0..100, rounded; null without metrics. */
export function metricsScore(metrics: readonly { code: CreativeMetricCode; score: number }[]): number | null {
  let sum = 0;
  let weight = 0;
  for (const m of metrics) {
    const w = METRIC_WEIGHTS[m.code] ?? 0;
    sum += w * m.score;
    weight += w;
  }
  return weight > 0 ? Math.round(sum / weight) : null;
}

export interface Penalty {
  issueCode: string;
  points: number;
}

/**
 * Points off per kind of issue: a kind counts once (the product's penalty is per kind), with the
 * highest penalty seen for it, so a problem found on three platforms is not paid three times.
 * Ordered by points, then code.
 */
export function penaltiesFor(issues: readonly Pick<DetectedIssue, 'code' | 'penalty'>[]): Penalty[] {
  const byCode = new Map<string, number>();
  for (const i of issues) byCode.set(i.code, Math.max(byCode.get(i.code) ?? 0, i.penalty));
  return [...byCode]
    .filter(([, points]) => points > 0)
    .map(([issueCode, points]) => ({ issueCode, points }))
    .sort((a, b) => b.points - a.points || a.issueCode.localeCompare(b.issueCode));
}

export interface ScoreBreakdown {
  score: number;
  grade: Grade;
  scoreBeforePenalties: number;
  penalties: Penalty[];
  totalPenalty: number;
}

/** The whole score from a base (the metrics' weighted mean) and the detected issues. */
export function scoreFrom(base: number, issues: readonly Pick<DetectedIssue, 'code' | 'penalty'>[]): ScoreBreakdown {
  const penalties = penaltiesFor(issues);
  const s = applyPenalties(
    base,
    penalties.map((p) => p.points),
  );
  return {
    score: s.score,
    grade: gradeFor(s.score),
    scoreBeforePenalties: s.scoreBeforePenalties,
    penalties,
    totalPenalty: s.totalPenalty,
  };
}

export function applyPenalties(base: number, penalties: number[]): { score: number; scoreBeforePenalties: number; totalPenalty: number } {
  const scoreBeforePenalties = clamp(Math.round(base));
  const totalPenalty = penalties.reduce((a, b) => a + b, 0);
  return { score: clamp(scoreBeforePenalties - totalPenalty), scoreBeforePenalties, totalPenalty };
}

/** Share of decided checks passed, ×100 (Google ABCD's own score); null when none could be decided. */
export function checksScore(checks: { passed: boolean | null }[]): number | null {
  const decided = checks.filter((c) => c.passed !== null);
  if (!decided.length) return null;
  return Math.round((100 * decided.filter((c) => c.passed).length) / decided.length);
}

export const clamp = (n: number, lo = 0, hi = 100) => Math.max(lo, Math.min(hi, n));
