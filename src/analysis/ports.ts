// The AI capabilities, each behind one interface with offline, Gemini and OpenAI implementations
// chosen by config. Implementations validate what they receive and throw coded AppErrors.
import type { MediaProbe } from '../datasources/media/probe.js';
import type { MediaAnalysis } from '../datasources/media/analysis.js';
import type { AnalysisOptions } from '../model.js';

/** One recognised word; times in seconds from the start of the audio. */
export interface TranscriptWord {
  start: number;
  end: number;
  word: string;
  /** Engine's posterior probability in 0..1, null when the engine gives none. */
  confidence: number | null;
}

export interface TranscriptSegment {
  start: number;
  end: number;
  text: string;
  confidence: number | null;
  /** Word timings, when the engine gives them. */
  words?: TranscriptWord[];
}

export type Transcript =
  | {
      available: true;
      engine: string;
      language: string | null;
      text: string;
      segments: TranscriptSegment[];
      /** Words per minute of speaking time (see speechStats in captions.ts); null without speech. */
      wordsPerMinute?: number | null;
      /** Start of the first recognised word, seconds; null without speech. */
      firstSpokenAt?: number | null;
      /** What the provider calls cost, when a paid provider made the transcript. */
      usage?: AiUsage[];
    }
  | { available: false; engine: string | null; reason: string };

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
}

/** One paid call (or a batch of them) to an AI provider, for cost accounting. */
export interface AiUsage {
  provider: string;
  model: string;
  inputTokens?: number;
  outputTokens?: number;
  audioSeconds?: number;
}

/** The product's nine creative metrics. */
export type CreativeMetricCode =
  | 'HOOK'
  | 'STORYTELLING'
  | 'EMOTIONAL_CONNECTION'
  | 'AUDIO_VOICE_SUBTITLES'
  | 'PRODUCT_FOCUS'
  | 'VALUE_PROPOSITION'
  | 'CALL_TO_ACTION'
  | 'COMMUNITY'
  | 'RESOLUTION_QUALITY';

export interface CreativeMetric {
  code: CreativeMetricCode;
  /** 0..100; the grade follows from gradeFor(score). */
  score: number;
  wentWell: string[];
  toImprove: string[];
  evidence: string;
  atSeconds: number | null;
}

export interface AudienceScore {
  audience: 'GEN_Z' | 'MILLENNIALS' | 'GEN_X' | 'BOOMERS';
  /** 0..100 */
  score: number;
  reasoning: string;
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
}

export interface AnalyzeInput {
  media: MediaProbe;
  /** The one-pass ffmpeg measurements (loudness, silences, shots, black/frozen stretches); null when unavailable. */
  mediaAnalysis?: MediaAnalysis | null;
  transcript: Transcript;
  options: AnalysisOptions;
  videoPath: string;
  signal: AbortSignal;
}

export interface CreativeAnalyzer {
  readonly name: string;
  analyze(input: AnalyzeInput): Promise<CreativeAnalysis>;
}

export interface Recommendation {
  priority: number;
  category: 'ISSUE' | 'CHECK' | 'PLATFORM' | 'AUDIENCE' | 'METRIC';
  target: string | null;
  text: string;
  atSeconds: number | null;
}

export interface RecommendInput {
  analysis: CreativeAnalysis;
  media: MediaProbe;
  transcript: Transcript;
  options: AnalysisOptions;
  signal: AbortSignal;
}

export interface Recommender {
  readonly name: string;
  recommend(input: RecommendInput): Promise<{ summary: string; recommendations: Recommendation[]; usage?: AiUsage[] }>;
}
