// Assembles the stored AnalysisResult from the stage outputs (pure).
import type { CreativeAnalysis, Transcript } from '../analysis/ports.js';
import { applyPenalties, checksScore, gradeFor } from '../analysis/scoring.js';
import type { MediaAnalysis } from '../datasources/media/analysis.js';
import type { AudioOutput, ProcessingOutput, RecommendationsOutput, StoredThumbnail } from './stages/index.js';

export interface StoredResult {
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
  checks: CreativeAnalysis['checks'];
  detectedIssues: CreativeAnalysis['issues'];
  recommendations: RecommendationsOutput['recommendations'];
}

export function buildResult(outputs: Record<string, unknown>): StoredResult {
  const processing = outputs.processing as ProcessingOutput;
  const analysis = outputs.analyzing_ai as CreativeAnalysis;
  const recs = outputs.generating_recommendations as RecommendationsOutput;
  const audio = outputs.extracting_audio as AudioOutput | undefined;
  const s = applyPenalties(analysis.baseScore, analysis.issues.map((i) => i.penalty));
  return {
    score: s.score,
    grade: gradeFor(s.score),
    scoreBeforePenalties: s.scoreBeforePenalties,
    abcdScore: checksScore(analysis.checks),
    summary: recs.summary,
    provider: analysis.provider,
    model: analysis.model,
    promptVersion: analysis.promptVersion,
    ruleBased: analysis.ruleBased,
    media: processing.media,
    mediaAnalysis: audio?.analysis ? { ...audio.analysis, thumbnails: audio.thumbnails ?? [] } : null,
    transcript: outputs.transcribing as Transcript,
    checks: analysis.checks,
    detectedIssues: analysis.issues,
    recommendations: recs.recommendations,
  };
}
