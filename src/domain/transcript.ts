// What was said and what was captioned: the transcript a speech engine makes, the caption tracks a
// video has, and the facts measured between the two (coverage, agreement). Written by the
// TRANSCRIBING stage, read by the analysis and the GraphQL mappers.

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
      /** Caption tracks and how they match the speech; added by the TRANSCRIBING stage. */
      captions?: CaptionFacts;
    }
  | {
      available: false;
      engine: string | null;
      reason: string;
      /** The requested analysis language, when one was given. */
      language?: string | null;
      captions?: CaptionFacts;
    };

/** One paid call (or a batch of them) to an AI provider, for cost accounting. */
export interface AiUsage {
  provider: string;
  model: string;
  inputTokens?: number;
  outputTokens?: number;
  audioSeconds?: number;
}

export interface CaptionCue {
  /** Seconds. */
  start: number;
  end: number;
  /** Plain text; lines joined with "\n". */
  text: string;
}

export type CaptionSource = 'sidecar' | 'embedded';

/** One caption track found for a video, with its cues. */
export interface CaptionTrack {
  source: CaptionSource;
  /** The captions row (a sidecar, or a recorded stream of the file); null when there is none. */
  captionId: string | null;
  /** Position among the file's subtitle streams (`0:s:N`); null for sidecars. */
  streamIndex: number | null;
  /** 'srt' or 'vtt' for sidecars, the stream's codec for embedded ones (mov_text, subrip, webvtt, ass…). */
  format: string | null;
  /** As declared (upload input, stream tag), ISO 639-1 where known. */
  language: string | null;
  cues: CaptionCue[];
}

/** A track as listed in the facts (cues counted, not copied). */
export interface CaptionTrackSummary {
  source: CaptionSource;
  captionId: string | null;
  streamIndex: number | null;
  format: string | null;
  /** Declared, or detected from the cue text when not declared. */
  language: string | null;
  languageDetected: boolean;
  cueCount: number;
  /** Why the track could not be read (e.g. a bitmap subtitle codec); null when it was. */
  error: string | null;
}

export interface CaptionFacts {
  present: boolean;
  /** Source of the track the facts below describe (the chosen one); null without captions. */
  source: CaptionSource | null;
  captionId: string | null;
  streamIndex: number | null;
  language: string | null;
  languageDetected: boolean;
  cueCount: number;
  /** Seconds on screen (union of the cues). */
  captionSeconds: number;
  /** Seconds of recognised speech (union of word, else segment, times); null without a transcript. */
  speechSeconds: number | null;
  /** Share (0–1) of the speech time covered by cues; null without recognised speech. */
  coverage: number | null;
  /**
   * Word overlap (Dice coefficient, 0–1) between the caption text and the transcript, cue by cue:
   * each recognised word is matched against the cue on screen when it was said (± 0.5 s). Cues
   * with no speech under them are left out (coverage shows those). null without both.
   */
  agreement: number | null;
  firstCueAt: number | null;
  /** The chosen track's cues, the first MAX_FACT_CUES of them. */
  cues: CaptionCue[];
  tracks: CaptionTrackSummary[];
}
