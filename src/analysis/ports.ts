// The AI capabilities, each behind one interface with offline, Gemini and OpenAI implementations
// chosen by config. Implementations validate what they receive and throw coded AppErrors.
import type { MediaProbe } from '../datasources/media/probe.js';
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
    }
  | { available: false; engine: string | null; reason: string };

export interface TranscribeInput {
  audioPath: string;
  durationSeconds: number;
  language?: string;
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

export interface CreativeAnalysis {
  provider: string;
  model: string | null;
  promptVersion: string | null;
  ruleBased: boolean;
  checks: Check[];
  issues: DetectedIssue[];
  baseScore: number;
}

export interface AnalyzeInput {
  media: MediaProbe;
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
  recommend(input: RecommendInput): Promise<{ summary: string; recommendations: Recommendation[] }>;
}
