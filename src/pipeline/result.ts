// Assembles the stored AnalysisResult from the stage outputs (pure): the score from the metrics and
// the penalties (src/analysis/scoring.ts), the metrics and audiences with their source, the
// recommendations ranked (src/analysis/recommendations.ts), and what the paid engines cost.
import { costOfUsage, type ActualCost, type StageUsage } from '../analysis/cost.js';
import { METRIC_TITLES, resultLanguage, type Lang } from '../analysis/i18n.js';
import type { AudienceScore, CreativeAnalysis, CreativeMetric, EngineFallback, FindingSource } from '../analysis/ports.js';
import type { Transcript } from '../domain/transcript.js';
import { rankRecommendations, type RankedRecommendation } from '../analysis/recommendations.js';
import type { Grade } from '../analysis/scoring-config.js';
import { checksScore, gradeFor, metricsScore, scoreFrom, type Penalty } from '../analysis/scoring.js';
import type { MediaAnalysis } from '../domain/media.js';
import type { ProcessingOutput, StoredThumbnail } from './stages/artifacts.js';
import { earlier, type StageOutputs } from './types.js';
import type { PerceptionFacts } from '../domain/perception.js';
import { REUSABLE_STAGES, type Reused } from '../domain/reuse.js';
import { RESULT_VERSION, resultVersion, type Versioned } from '../domain/result.js';

/** What the fingerprint found and which stage outputs were actually taken from the earlier task. */
function reuseOf(outputs: Partial<StageOutputs>): StoredResult['reuse'] {
  const fp = outputs.fingerprint;
  if (!fp) return null;
  const stages = REUSABLE_STAGES.filter((s) => (outputs[s] as Partial<Reused> | undefined)?.reusedFromTask);
  const from = stages.length ? (outputs[stages[0]!] as Reused).reusedFromTask! : null;
  return { sha256: fp.sha256, fromTaskId: from, stages };
}

export interface StoredMetric extends Omit<CreativeMetric, 'source' | 'lowSignal'> {
  title: string;
  grade: Grade;
  source: FindingSource;
  lowSignal: boolean;
}

export interface StoredAudienceScore extends Omit<AudienceScore, 'source'> {
  source: FindingSource;
}

export interface StoredFallback extends EngineFallback {
  /** 'transcription', 'analysis' or 'recommendations'. */
  stage: string;
}

export interface StoredResult extends Versioned {
  score: number;
  grade: string;
  scoreBeforePenalties: number;
  abcdScore: number | null;
  summary: string;
  provider: string;
  model: string | null;
  promptVersion: string | null;
  ruleBased: boolean;
  media: ProcessingOutput['media'];
  /** The one-pass measurements and thumbnail keys; null in results stored before it existed. */
  mediaAnalysis: (MediaAnalysis & { thumbnails: StoredThumbnail[] }) | null;
  transcript: Transcript;
  /** What the eyes saw; absent from results stored before perception existed. */
  perception?: (PerceptionFacts & Reused) | null;
  /** The source's sha256 and the stages taken from an earlier task with the same bytes; absent before fingerprints existed. */
  reuse?: { sha256: string; fromTaskId: string | null; stages: string[] } | null;
  checks: CreativeAnalysis['checks'];
  detectedIssues: CreativeAnalysis['issues'];
  recommendations: RankedRecommendation[];
  // Absent from results stored before creative intelligence existed.
  language?: Lang;
  penalties?: Penalty[];
  creativeMetrics?: StoredMetric[];
  audienceScores?: StoredAudienceScore[];
  usage?: StageUsage[];
  cost?: ActualCost;
  fallbacks?: StoredFallback[];
}

export function buildResult(outputs: Partial<StageOutputs>): StoredResult {
  const processing = earlier({ outputs }, 'processing');
  const analysis = earlier({ outputs }, 'analyzing_ai');
  const recs = earlier({ outputs }, 'generating_recommendations');
  const audio = outputs.extracting_audio;
  const transcript = earlier({ outputs }, 'transcribing');
  const lang = recs.language ?? resultLanguage(undefined, transcript);
  const sourceOf = (s: FindingSource | undefined): FindingSource => s ?? (analysis.ruleBased ? 'rules' : 'model');

  const creativeMetrics: StoredMetric[] = (analysis.metrics ?? []).map((m) => ({
    code: m.code,
    title: METRIC_TITLES[lang][m.code],
    score: m.score,
    grade: gradeFor(m.score),
    wentWell: m.wentWell,
    toImprove: m.toImprove,
    evidence: m.evidence,
    atSeconds: m.atSeconds,
    source: sourceOf(m.source),
    lowSignal: m.lowSignal ?? false,
  }));
  const audienceScores: StoredAudienceScore[] = (analysis.audienceScores ?? []).map((a) => ({ ...a, source: sourceOf(a.source) }));
  // Score before penalties: the metrics' weighted mean, whoever judged them.
  const s = scoreFrom(metricsScore(creativeMetrics) ?? analysis.baseScore, analysis.issues);
  const recommendations = rankRecommendations(recs.recommendations, {
    metrics: analysis.metrics ?? [],
    audienceScores: analysis.audienceScores ?? [],
    issues: analysis.issues,
    source: recs.source ?? 'model',
  });

  const usage: StageUsage[] = [
    ...(transcript.available ? (transcript.usage ?? []) : []).map((u) => ({ ...u, purpose: 'transcription' })),
    ...(analysis.usage ?? []).map((u) => ({ ...u, purpose: 'analysis' })),
    ...(recs.usage ?? []).map((u) => ({ ...u, purpose: 'recommendations' })),
  ];
  const fallbacks: StoredFallback[] = [];
  const transcriptFallback = (transcript as { fallbackFrom?: EngineFallback }).fallbackFrom;
  if (transcriptFallback) fallbacks.push({ stage: 'transcription', ...transcriptFallback });
  if (analysis.fallbackFrom) fallbacks.push({ stage: 'analysis', ...analysis.fallbackFrom });
  if (recs.fallbackFrom) fallbacks.push({ stage: 'recommendations', ...recs.fallbackFrom });

  return {
    version: RESULT_VERSION,
    score: s.score,
    grade: s.grade,
    scoreBeforePenalties: s.scoreBeforePenalties,
    abcdScore: checksScore(analysis.checks),
    summary: recs.summary,
    provider: analysis.provider,
    model: analysis.model,
    promptVersion: analysis.promptVersion,
    ruleBased: analysis.ruleBased,
    media: processing.media,
    mediaAnalysis: audio?.analysis ? { ...audio.analysis, thumbnails: audio.thumbnails ?? [] } : null,
    transcript,
    perception: outputs.perceiving ?? null,
    reuse: reuseOf(outputs),
    checks: analysis.checks,
    detectedIssues: analysis.issues,
    recommendations,
    language: lang,
    penalties: s.penalties,
    creativeMetrics,
    audienceScores,
    usage,
    cost: costOfUsage(usage),
    fallbacks,
  };
}

/** A result as read from tasks.result: one stored before versions existed reads as version 1. */
export function readStoredResult(stored: unknown): StoredResult {
  return { ...(stored as Omit<StoredResult, 'version'>), version: resultVersion(stored) };
}
