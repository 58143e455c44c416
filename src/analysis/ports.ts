// The AI capabilities, each behind one interface with offline, Gemini and OpenAI implementations
// chosen by config. Implementations validate what they receive and throw coded AppErrors.
import type { MediaAnalysis, MediaProbe } from '../domain/media.js';
import type { AnalysisOptions } from '../domain/model.js';
import type { AiUsage, Transcript } from '../domain/transcript.js';
import type { CreativeMetricCode } from '../domain/metrics.js';
import type { PerceptionFacts } from '../domain/perception.js';

export interface TranscribeInput {
  audioPath: string;
  durationSeconds: number;
  language?: string;
  /** Silent stretches of the audio (seconds), e.g. from ffmpeg silencedetect; engines that split long audio cut there. */
  silences?: Array<{ start: number; end: number }>;
  signal: AbortSignal;
}

export interface Transcriber {
  readonly name: string;
  transcribe(input: TranscribeInput): Promise<Transcript>;
}

export interface Check {
  code: string;
  title: string;
  passed: boolean | null;
  rule: string;
  threshold: string;
  evidence: string;
  atSeconds: number | null;
  /** What was seen on screen that decided it (perception checks only). */
  seen?: SeenEvidence[];
}

/** A thing seen on a frame, as evidence: the words read (or a face), where, when, and the still with the boxes. */
export interface SeenEvidence {
  kind: 'text' | 'face' | 'person';
  /** The words read; null for faces and people. */
  text: string | null;
  atSeconds: number;
  /** Pixels of the analysed frame (PerceptionFacts.frameWidth × frameHeight). */
  box: { x: number; y: number; w: number; h: number };
  /** Storage key of the still with the boxes drawn; null when none was stored. */
  frameKey: string | null;
}

export interface DetectedIssue {
  code: string;
  severity: 'LOW' | 'MEDIUM' | 'HIGH';
  penalty: number;
  title: string;
  detail: string;
  atSeconds: number | null;
  platforms: string[];
  evidence: string;
  /** What was seen on screen (perception issues only); its frames are the issue's evidence stills. */
  seen?: SeenEvidence[];
}

/** Who judged a metric or audience score: a model looking at the video, or the offline rules. */
export type FindingSource = 'model' | 'rules';

export interface CreativeMetric {
  code: CreativeMetricCode;
  /** 0..100; the grade follows from gradeFor(score). */
  score: number;
  wentWell: string[];
  toImprove: string[];
  evidence: string;
  atSeconds: number | null;
  /** Absent from artifacts stored before it existed: then the analysis' ruleBased decides. */
  source?: FindingSource;
  /** Rules only: too little was measurable to move the score far from neutral. */
  lowSignal?: boolean;
}

export interface AudienceScore {
  audience: 'GEN_Z' | 'MILLENNIALS' | 'GEN_X' | 'BOOMERS';
  /** 0..100 */
  score: number;
  reasoning: string;
  source?: FindingSource;
}

export interface CreativeAnalysis {
  provider: string;
  model: string | null;
  promptVersion: string | null;
  ruleBased: boolean;
  checks: Check[];
  issues: DetectedIssue[];
  baseScore: number;
  /** Model-judged creative metrics; absent from rule-based analyses. */
  metrics?: CreativeMetric[];
  audienceScores?: AudienceScore[];
  usage?: AiUsage[];
  /** Set by the fallback wrapper (engines.ts) when the offline engine stood in for a failed provider. */
  fallbackFrom?: EngineFallback;
}

export interface EngineFallback {
  engine: string;
  code: string;
}

export interface AnalyzeInput {
  media: MediaProbe;
  /** The one-pass ffmpeg measurements (loudness, silences, shots, black/frozen stretches); null when unavailable. */
  mediaAnalysis?: MediaAnalysis | null;
  /** What the eyes saw (on-screen text, faces, people); null or absent when perception did not run. */
  perception?: PerceptionFacts | null;
  transcript: Transcript;
  options: AnalysisOptions;
  /**
   * The source video on local disk, fetched from storage on first call in this attempt (a resumed
   * attempt starts without it). Only engines that look at the pictures call it.
   */
  videoFile: () => Promise<string>;
  signal: AbortSignal;
}

export interface CreativeAnalyzer {
  readonly name: string;
  analyze(input: AnalyzeInput): Promise<CreativeAnalysis>;
}

export type Level = 'LOW' | 'MEDIUM' | 'HIGH';

/**
 * A recommendation as an engine gives it. `priority` is the urgency the model is asked for
 * (3 = fix before publishing, 2 = should fix, 1 = nice to have); the stored result ranks them
 * (1 = do first, see ./recommendations.ts). Engines may add severity, impact and effort; what is
 * missing is derived from the analysis.
 */
export interface Recommendation {
  priority: number;
  category: 'ISSUE' | 'CHECK' | 'PLATFORM' | 'AUDIENCE' | 'METRIC';
  target: string | null;
  text: string;
  atSeconds: number | null;
  severity?: Level;
  impact?: Level;
  effort?: Level;
}

export interface RecommendInput {
  analysis: CreativeAnalysis;
  media: MediaProbe;
  /** The one-pass measurements (pacing, loudness), for audience advice; absent in old artifacts. */
  mediaAnalysis?: MediaAnalysis | null;
  transcript: Transcript;
  options: AnalysisOptions;
  signal: AbortSignal;
}

export interface RecommendOutput {
  summary: string;
  recommendations: Recommendation[];
  usage?: AiUsage[];
  /** Set by the fallback wrapper when the offline engine stood in. */
  fallbackFrom?: EngineFallback;
  /** 'rules' for template recommendations; a model's when absent. */
  source?: FindingSource;
}

export interface Recommender {
  readonly name: string;
  recommend(input: RecommendInput): Promise<RecommendOutput>;
}
