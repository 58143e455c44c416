// A model's answer about the video merged into the measured (offline rules) analysis: the model adds
// the nine metrics, audience scores and the issues only vision finds; the measured checks and issues
// always stay. Pure: the provider datasource validates the answer and passes it in.
import type { Platform } from '../domain/model.js';
import type { AiUsage } from '../domain/transcript.js';
import type { AudienceScore, CreativeAnalysis, CreativeMetric, DetectedIssue } from './ports.js';
import { metricsScore } from './scoring.js';
import { ISSUE_PENALTIES, severityFor } from './scoring-config.js';
import { METRIC_CODES } from '../domain/metrics.js';

/** Issues only a model looking at the frames can find. Penalties from the product's issue table. */
export const VISION_ISSUES = {
  AD_POLICY: { penalty: ISSUE_PENALTIES.AD_POLICY, title: 'Ad policy (guideline) risk' },
  FAKE_CONTENT: { penalty: ISSUE_PENALTIES.FAKE_CONTENT, title: 'Fake or misleading content' },
  SAFE_ZONE_VIOLATION: {
    penalty: ISSUE_PENALTIES.SAFE_ZONE_VIOLATION,
    title: 'Elements outside the platform safe zone',
  },
  SUBTITLE_POSITION: { penalty: ISSUE_PENALTIES.SUBTITLE_POSITION, title: 'Subtitles covered by platform UI' },
  HOOK_CTA_TOO_LONG: {
    penalty: ISSUE_PENALTIES.HOOK_CTA_TOO_LONG,
    title: "Hook or CTA text over the platform's character limit",
  },
  SMALL_SUBTITLES: { penalty: ISSUE_PENALTIES.SMALL_SUBTITLES, title: 'Subtitles too small' },
} as const;
export type VisionIssueCode = keyof typeof VISION_ISSUES;
export const VISION_ISSUE_CODES = Object.keys(VISION_ISSUES) as [VisionIssueCode, ...VisionIssueCode[]];

/** A model's validated answer (the provider's schema checks it before it gets here). */
export interface ModelAnswer {
  metrics: Array<Omit<CreativeMetric, 'source' | 'lowSignal'>>;
  audiences: Array<Omit<AudienceScore, 'source'>>;
  issues: Array<{
    code: VisionIssueCode;
    detail: string;
    evidence: string;
    atSeconds: number | null;
    platforms: Platform[];
  }>;
}

/**
 * The measured analysis plus the model's answer. Issues of one kind count once (the product's
 * penalty is per kind), at the earliest moment, with every sighting in the evidence.
 */
export function mergeModelAnswer(
  measured: CreativeAnalysis,
  answer: ModelAnswer,
  ctx: {
    provider: string;
    model: string;
    promptVersion: string;
    platforms: readonly Platform[];
    audiences: readonly string[];
    usage: AiUsage[];
  },
): CreativeAnalysis {
  const byCode = new Map(answer.metrics.map((m) => [m.code, m]));
  const metrics: CreativeMetric[] = METRIC_CODES.map((code) => {
    const m = byCode.get(code)!;
    return {
      code,
      score: Math.round(m.score),
      wentWell: m.wentWell,
      toImprove: m.toImprove,
      evidence: m.evidence,
      atSeconds: m.atSeconds,
      source: 'model' as const,
    };
  });
  // Audiences the model left out keep the rule-based estimate (source 'rules'), so every one asked for is scored.
  const fromModel = new Map(answer.audiences.filter((a) => ctx.audiences.includes(a.audience)).map((a) => [a.audience as string, a]));
  const audienceScores: AudienceScore[] = ctx.audiences.flatMap((code): AudienceScore[] => {
    const a = fromModel.get(code);
    if (a) return [{ audience: a.audience, score: Math.round(a.score), reasoning: a.reasoning, source: 'model' }];
    const rules = measured.audienceScores?.find((r) => r.audience === code);
    return rules ? [rules] : [];
  });

  const grouped = new Map<VisionIssueCode, ModelAnswer['issues']>();
  for (const i of answer.issues) grouped.set(i.code, [...(grouped.get(i.code) ?? []), i]);
  const visionIssues: DetectedIssue[] = [...grouped.entries()].map(([code, sightings]) => {
    const sorted = [...sightings].sort((a, b) => (a.atSeconds ?? Infinity) - (b.atSeconds ?? Infinity));
    const { penalty, title } = VISION_ISSUES[code];
    const platforms = [...new Set(sorted.flatMap((s) => s.platforms))].filter((p) => ctx.platforms.includes(p));
    return {
      code,
      severity: severityFor(penalty),
      penalty,
      title,
      detail: sorted[0]!.detail,
      atSeconds: sorted[0]!.atSeconds,
      platforms,
      evidence: sorted.map((s) => (s.atSeconds !== null ? `${s.atSeconds.toFixed(1)} s: ${s.evidence}` : s.evidence)).join(' | '),
    };
  });

  return {
    provider: ctx.provider,
    model: ctx.model,
    promptVersion: ctx.promptVersion,
    ruleBased: false,
    checks: measured.checks,
    issues: [...measured.issues, ...visionIssues],
    baseScore: metricsScore(metrics) ?? measured.baseScore,
    metrics,
    audienceScores,
    usage: ctx.usage,
  };
}
