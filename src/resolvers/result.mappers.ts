// The creative-intelligence part of a stored result → GraphQL: metrics, audiences, penalties,
// ranked and grouped recommendations, usage and cost, and the still nearest each issue. Results
// stored before these existed get empty lists (and their recommendations ranked on the fly).
import type { Audience, Platform } from '../domain/model.js';
import type { Recommendation as EngineRecommendation } from '../analysis/ports.js';
import { resultLanguage } from '../analysis/i18n.js';
import { groupActions, rankRecommendations, type RankedRecommendation } from '../analysis/recommendations.js';
import type { StoredResult } from '../pipeline/result.js';
import type { StoredThumbnail } from '../pipeline/stages/artifacts.js';
import type { AiPurpose, AnalysisResult, DetectedIssue } from './result.types.js';
import type { CreativeMetricCode } from '../domain/metrics.js';
import { seenFrames, seenOf } from './perception.mappers.js';

type CreativeFields = Pick<
  AnalysisResult,
  | 'detectedIssues'
  | 'recommendations'
  | 'language'
  | 'penalties'
  | 'creativeMetrics'
  | 'audienceScores'
  | 'actions'
  | 'usage'
  | 'cost'
  | 'fallbacks'
>;

export function toCreativeFields(s: StoredResult): CreativeFields {
  const lang = s.language ?? resultLanguage(undefined, s.transcript);
  const thumbnails = s.mediaAnalysis?.thumbnails ?? [];
  const recs: RankedRecommendation[] = s.recommendations.every((r) => 'severity' in r && 'source' in r)
    ? s.recommendations
    : rankRecommendations(s.recommendations as unknown as EngineRecommendation[], {
        metrics: [],
        audienceScores: [],
        issues: s.detectedIssues,
        source: s.ruleBased ? 'rules' : 'model',
      });
  return {
    // Perception issues show their own stills (boxes drawn); the others the thumbnail nearest their time.
    detectedIssues: s.detectedIssues.map((i): DetectedIssue => ({
      ...i,
      platforms: i.platforms as Platform[],
      seen: seenOf(i.seen),
      evidenceFrameKeys: seenFrames(i.seen) ?? nearestFrame(thumbnails, i.atSeconds),
    })),
    recommendations: recs,
    language: lang,
    penalties: s.penalties ?? [],
    creativeMetrics: (s.creativeMetrics ?? []).map((m) => ({ ...m, code: m.code as CreativeMetricCode })),
    audienceScores: (s.audienceScores ?? []).map((a) => ({ ...a, audience: a.audience as Audience })),
    actions: groupActions(recs, { lang, issues: s.detectedIssues }),
    usage: (s.usage ?? []).map((u) => ({
      provider: u.provider,
      model: u.model,
      purpose: u.purpose as AiPurpose,
      inputTokens: u.inputTokens ?? null,
      outputTokens: u.outputTokens ?? null,
      audioSeconds: u.audioSeconds ?? null,
    })),
    cost: s.cost ?? { totalUsd: 0, items: [] },
    fallbacks: (s.fallbacks ?? []).map((f) => ({ ...f, stage: f.stage as AiPurpose })),
  };
}

/** The stored still closest in time to `at` (any kind), as a one-element list; none without a time. */
export function nearestFrame(thumbnails: readonly StoredThumbnail[], at: number | null): string[] {
  if (at === null || !thumbnails.length) return [];
  let best = thumbnails[0]!;
  for (const t of thumbnails) if (Math.abs(t.atSeconds - at) < Math.abs(best.atSeconds - at)) best = t;
  return [best.key];
}
