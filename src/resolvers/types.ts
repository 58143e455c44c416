// GraphQL types, code-first. Every field has an explicit type function: tsx/esbuild emit no
// decorator metadata, so nothing may rely on reflected types.
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { Audience, Platform, TaskStatus, VideoStatus } from '../domain/model.js';
import { CaptionFacts, TranscriptWord } from './speech.types.js';
import { ErrorCode } from '../errors.js';
import { PerceptionFacts, SeenEvidence } from './perception.types.js';
import { MediaReuse } from './reuse.types.js';

registerEnumType(TaskStatus, { name: 'TaskStatus', description: 'Where a task is in the analysis pipeline.' });
registerEnumType(VideoStatus, { name: 'VideoStatus' });
registerEnumType(Platform, { name: 'Platform' });
registerEnumType(Audience, { name: 'Audience' });

// Fixed sets as GraphQL enums, so generated clients get unions instead of strings. Const objects
// (like ErrorCode), not TS enums: the analysis code's string literals stay assignable. Where the
// stored value is lower case ('model', 'transcription'), the enum maps the GraphQL name to it, so
// results stored before the enums existed serialize unchanged.

export const Severity = {
  LOW: 'LOW',
  MEDIUM: 'MEDIUM',
  HIGH: 'HIGH',
} as const;
export type Severity = (typeof Severity)[keyof typeof Severity];
registerEnumType(Severity, {
  name: 'Severity',
  description: 'How serious a problem is.',
  valuesConfig: {
    LOW: { description: 'Cosmetic; worth fixing when convenient.' },
    MEDIUM: { description: 'Costs reach or clarity; should be fixed.' },
    HIGH: { description: 'Fix before publishing (policy, spec or hook failures).' },
  },
});

export const Impact = {
  LOW: 'LOW',
  MEDIUM: 'MEDIUM',
  HIGH: 'HIGH',
} as const;
export type Impact = (typeof Impact)[keyof typeof Impact];
registerEnumType(Impact, {
  name: 'Impact',
  description: 'How much doing a recommendation moves the score or the reach.',
  valuesConfig: { LOW: { description: 'A few points at most.' }, MEDIUM: { description: 'A noticeable gain.' }, HIGH: { description: 'A large gain (a heavy penalty or a weak key metric).' } },
});

export const Effort = {
  LOW: 'LOW',
  MEDIUM: 'MEDIUM',
  HIGH: 'HIGH',
} as const;
export type Effort = (typeof Effort)[keyof typeof Effort];
registerEnumType(Effort, {
  name: 'Effort',
  description: 'How much work a recommendation is.',
  valuesConfig: { LOW: { description: 'Re-export or remix.' }, MEDIUM: { description: 'Re-edit the footage.' }, HIGH: { description: 'New footage or a rewrite.' } },
});

export const ActionCategory = {
  METRIC: 'METRIC',
  ISSUE: 'ISSUE',
  PLATFORM: 'PLATFORM',
  AUDIENCE: 'AUDIENCE',
} as const;
export type ActionCategory = (typeof ActionCategory)[keyof typeof ActionCategory];
registerEnumType(ActionCategory, {
  name: 'ActionCategory',
  description: 'What a recommendation is about; its `target` names which one.',
  valuesConfig: {
    METRIC: { description: 'One of the nine creative metrics (target: a CreativeMetricCode).' },
    ISSUE: { description: 'A detected issue (target: its code).' },
    PLATFORM: { description: 'A platform spec (target: a Platform).' },
    AUDIENCE: { description: 'An audience (target: an Audience).' },
  },
});

export const FindingSource = {
  MODEL: 'model',
  RULES: 'rules',
} as const;
export type FindingSource = (typeof FindingSource)[keyof typeof FindingSource];
registerEnumType(FindingSource, {
  name: 'FindingSource',
  description: 'Who judged: a model or the offline rules.',
  valuesConfig: { MODEL: { description: 'A model (Gemini watching the video, OpenAI writing recommendations).' }, RULES: { description: 'Deterministic rules over measured signals, or templates.' } },
});

export const AiPurpose = {
  TRANSCRIPTION: 'transcription',
  ANALYSIS: 'analysis',
  RECOMMENDATIONS: 'recommendations',
} as const;
export type AiPurpose = (typeof AiPurpose)[keyof typeof AiPurpose];
registerEnumType(AiPurpose, {
  name: 'AiPurpose',
  description: 'The pipeline step a paid AI call served.',
  valuesConfig: {
    TRANSCRIPTION: { description: 'Speech to text (TRANSCRIBING).' },
    ANALYSIS: { description: 'Creative analysis (ANALYZING_AI).' },
    RECOMMENDATIONS: { description: 'Recommendations and summary (GENERATING_RECOMMENDATIONS).' },
  },
});

export const CostUnit = {
  INPUT_TOKENS: 'input tokens',
  OUTPUT_TOKENS: 'output tokens',
  AUDIO_MINUTES: 'audio minutes',
  SECONDS_OF_MEDIA: 'seconds of media',
} as const;
export type CostUnit = (typeof CostUnit)[keyof typeof CostUnit];
registerEnumType(CostUnit, {
  name: 'CostUnit',
  description: 'What a cost line counts.',
  valuesConfig: { SECONDS_OF_MEDIA: { description: 'Offline work, priced at 0.' } },
});

export const Grade = {
  A: 'A',
  B: 'B',
  C: 'C',
  D: 'D',
} as const;
export type Grade = (typeof Grade)[keyof typeof Grade];
registerEnumType(Grade, {
  name: 'Grade',
  description: 'Score bands.',
  valuesConfig: { A: { description: '76–100' }, B: { description: '51–75' }, C: { description: '26–50' }, D: { description: '0–25' } },
});

export const MeasuredFact = {
  LOUDNESS: 'loudness',
  SILENCES: 'silences',
  SHOTS: 'shots',
  BLACK_SEGMENTS: 'black_segments',
  FROZEN_SEGMENTS: 'frozen_segments',
  THUMBNAILS: 'thumbnails',
  AUDIO: 'audio',
  SUBTITLES: 'subtitles',
} as const;
export type MeasuredFact = (typeof MeasuredFact)[keyof typeof MeasuredFact];
registerEnumType(MeasuredFact, {
  name: 'MeasuredFact',
  description: 'A fact of the one-pass media analysis.',
  valuesConfig: {
    LOUDNESS: { description: 'EBU R128 loudness (ebur128).' },
    SILENCES: { description: 'Silent stretches (silencedetect).' },
    SHOTS: { description: 'Scene cuts and the shot list (scdet or select).' },
    BLACK_SEGMENTS: { description: 'Black stretches (blackdetect).' },
    FROZEN_SEGMENTS: { description: 'Frozen picture (freezedetect).' },
    THUMBNAILS: { description: 'Stills.' },
    AUDIO: { description: 'The 16 kHz audio for transcription.' },
    SUBTITLES: { description: 'Text subtitle streams of the file beyond MEDIA_MAX_SUBTITLE_STREAMS, not read.' },
  },
});

export const SceneDetector = {
  SCDET: 'scdet',
  SELECT: 'select',
} as const;
export type SceneDetector = (typeof SceneDetector)[keyof typeof SceneDetector];
registerEnumType(SceneDetector, {
  name: 'SceneDetector',
  description: 'The ffmpeg filter that found the scene cuts.',
  valuesConfig: { SCDET: { description: 'ffmpeg scdet.' }, SELECT: { description: "select='gt(scene,…)', where ffmpeg lacks scdet." } },
});

export const ResultLanguage = {
  EN: 'en',
  PT: 'pt',
} as const;
export type ResultLanguage = (typeof ResultLanguage)[keyof typeof ResultLanguage];
registerEnumType(ResultLanguage, { name: 'ResultLanguage', description: 'Language of the result texts.', valuesConfig: { EN: { description: 'English' }, PT: { description: 'Portuguese' } } });

registerEnumType(ErrorCode, {
  name: 'ErrorCode',
  description: 'Stable error codes, as in GraphQL `extensions.code`: branch on these, never on messages.',
});

@ObjectType()
export class HttpHeader {
  @Field(() => String) name!: string;
  @Field(() => String) value!: string;
}

@ObjectType({ description: 'A coded error: branch on `code`, show `message`.' })
export class TaskError {
  @Field(() => ErrorCode) code!: ErrorCode;
  @Field(() => String) message!: string;
}

@ObjectType()
export class VideoStreamFacts {
  @Field(() => String) codec!: string;
  @Field(() => Int) width!: number;
  @Field(() => Int) height!: number;
  @Field(() => Int, { description: 'Width as displayed, rotation applied.' }) displayWidth!: number;
  @Field(() => Int) displayHeight!: number;
  @Field(() => Int) rotation!: number;
  @Field(() => String, { description: 'e.g. "9:16"' }) displayAspectRatio!: string;
  @Field(() => Float) aspectRatio!: number;
  @Field(() => Float, { nullable: true }) frameRate!: number | null;
  @Field(() => Boolean) variableFrameRate!: boolean;
  @Field(() => String, { nullable: true }) pixelFormat!: string | null;
}

@ObjectType()
export class AudioStreamFacts {
  @Field(() => String) codec!: string;
  @Field(() => Int, { nullable: true }) sampleRate!: number | null;
  @Field(() => Int, { nullable: true }) channels!: number | null;
}

@ObjectType()
export class SubtitleStreamFacts {
  @Field(() => String) codec!: string;
  @Field(() => String, { nullable: true }) language!: string | null;
}

@ObjectType({ description: 'Measured facts about the file (ffprobe).' })
export class MediaFacts {
  @Field(() => String) container!: string;
  @Field(() => Float, { nullable: true }) durationSeconds!: number | null;
  @Field(() => Float, { nullable: true }) sizeBytes!: number | null;
  @Field(() => Float, { nullable: true }) bitRate!: number | null;
  @Field(() => VideoStreamFacts, { nullable: true }) video!: VideoStreamFacts | null;
  @Field(() => AudioStreamFacts, { nullable: true }) audio!: AudioStreamFacts | null;
  @Field(() => [SubtitleStreamFacts]) subtitles!: SubtitleStreamFacts[];
}

export enum ThumbnailKind {
  POSTER = 'POSTER',
  AT_0S = 'AT_0S',
  AT_3S = 'AT_3S',
  AT_5S = 'AT_5S',
  SHOT = 'SHOT',
}
registerEnumType(ThumbnailKind, {
  name: 'ThumbnailKind',
  valuesConfig: {
    POSTER: { description: 'The middle frame (or the 3 s, 5 s or first frame when that one is black).' },
    AT_0S: { description: 'The first frame.' },
    AT_3S: { description: 'The frame at 3 s: the end of the hook.' },
    AT_5S: { description: 'The frame at 5 s.' },
    SHOT: { description: 'The first frame of a shot, for the first 30 shots (320 px).' },
  },
});

@ObjectType({ description: 'A stretch of the video, in seconds.' })
export class TimeSegment {
  @Field(() => Float) start!: number;
  @Field(() => Float) end!: number;
}

@ObjectType({ description: 'EBU R128 / ITU-R BS.1770 loudness, measured by ffmpeg ebur128.' })
export class LoudnessFacts {
  @Field(() => Float, { nullable: true, description: 'Integrated loudness, LUFS; null when nothing reaches the −70 LUFS gate (silence).' })
  integrated!: number | null;
  @Field(() => Float, { nullable: true, description: 'Loudness range, LU.' }) range!: number | null;
  @Field(() => Float, { nullable: true, description: 'Maximum true peak, dBTP; null for digital silence.' }) truePeak!: number | null;
  @Field(() => Float, { nullable: true, description: 'Highest short-term (3 s) loudness, LUFS.' }) maxShortTerm!: number | null;
  @Field(() => Float, { nullable: true, description: 'Highest momentary (400 ms) loudness, LUFS.' }) maxMomentary!: number | null;
  @Field(() => [Float], {
    nullable: 'items',
    description: 'Short-term loudness (LUFS, floored at −70) at the end of each step; null for the first 2 s, before the 3 s window fills.',
  })
  timeline!: Array<number | null>;
  @Field(() => Float) timelineStepSeconds!: number;
}

@ObjectType({ description: 'A still from the video.' })
export class MediaThumbnail {
  @Field(() => ThumbnailKind) kind!: ThumbnailKind;
  @Field(() => Float, { description: 'Time of the frame shown.' }) atSeconds!: number;
  /** Storage key; `url` signs it per request. */
  key!: string;
}

@ObjectType({ description: 'A fact the analysis could not measure, and why (no such stream, a filter missing from ffmpeg).' })
export class UnmeasuredFact {
  @Field(() => MeasuredFact) fact!: MeasuredFact;
  @Field(() => String) reason!: string;
}

@ObjectType({ description: 'Measured facts about the file: ffprobe, plus what one ffmpeg decode pass measured. Lists are null when not measured.' })
export class AnalyzedMediaFacts extends MediaFacts {
  @Field(() => LoudnessFacts, { nullable: true }) loudness!: LoudnessFacts | null;
  @Field(() => [TimeSegment], { nullable: true, description: 'Stretches below −50 dBFS lasting ≥ 0.5 s.' }) silences!: TimeSegment[] | null;
  @Field(() => Float, { nullable: true, description: 'Seconds of silence the video opens with; 0 when sound starts at once.' })
  silentOpeningSeconds!: number | null;
  @Field(() => SceneDetector, { nullable: true, description: 'null when no cut detection ran.' }) sceneDetector!: SceneDetector | null;
  @Field(() => [TimeSegment], { nullable: true, description: 'Shot list, from scene cuts.' }) shots!: TimeSegment[] | null;
  @Field(() => Float, { nullable: true, description: 'First scene cut, seconds; null for one continuous shot.' }) firstCutAt!: number | null;
  @Field(() => Float, { nullable: true }) averageShotSeconds!: number | null;
  @Field(() => Int, { nullable: true, description: 'Most shots within any 5 s window.' }) maxShotsIn5s!: number | null;
  @Field(() => [Int], { nullable: true, description: 'Shots seen in each 5 s window: [0,5), [5,10), …' }) shotsPer5s!: number[] | null;
  @Field(() => [TimeSegment], { nullable: true }) blackSegments!: TimeSegment[] | null;
  @Field(() => [TimeSegment], { nullable: true, description: 'Stretches where the picture does not change (≥ 1 s).' }) frozenSegments!: TimeSegment[] | null;
  @Field(() => [MediaThumbnail]) thumbnails!: MediaThumbnail[];
  @Field(() => [UnmeasuredFact]) unmeasured!: UnmeasuredFact[];
  @Field(() => PerceptionFacts, { nullable: true, description: 'On-screen text and faces/people on sampled frames; null in results stored before perception existed.' })
  perception!: PerceptionFacts | null;
}

@ObjectType()
export class TranscriptSegment {
  @Field(() => Float) start!: number;
  @Field(() => Float) end!: number;
  @Field(() => String) text!: string;
  @Field(() => Float, { nullable: true }) confidence!: number | null;
  @Field(() => [TranscriptWord], { nullable: true, description: 'Word timings, when the engine gives them.' }) words!: TranscriptWord[] | null;
}

@ObjectType({ description: 'Speech recognised in the audio, and the captions found for the video. `srt` and `vtt` export the segments.' })
export class Transcript {
  @Field(() => Boolean) available!: boolean;
  @Field(() => String, { nullable: true }) engine!: string | null;
  @Field(() => String, { nullable: true, description: 'Why there is no transcript, when there is none.' }) unavailableReason!: string | null;
  @Field(() => String, { nullable: true, description: "ISO 639-1: the engine's, else detected from the text (en, pt), else the requested one." }) language!: string | null;
  @Field(() => String, { nullable: true }) text!: string | null;
  @Field(() => [TranscriptSegment]) segments!: TranscriptSegment[];
  @Field(() => Float, { nullable: true, description: 'Words per minute of speaking time; null without speech.' }) wordsPerMinute!: number | null;
  @Field(() => Float, { nullable: true, description: 'Start of the first recognised word, seconds; null without speech.' }) firstSpokenAt!: number | null;
  @Field(() => CaptionFacts, { nullable: true, description: 'null in results stored before captions were read.' }) captions!: CaptionFacts | null;
}

@ObjectType({ description: 'An ABCD-style check with the rule, threshold and measured evidence behind it.' })
export class AnalysisCheck {
  @Field(() => String) code!: string;
  @Field(() => String) title!: string;
  @Field(() => Boolean, { nullable: true, description: 'null when the check could not be decided.' }) passed!: boolean | null;
  @Field(() => String) rule!: string;
  @Field(() => String) threshold!: string;
  @Field(() => String) evidence!: string;
  @Field(() => Float, { nullable: true }) atSeconds!: number | null;
  @Field(() => [SeenEvidence], { description: 'What was seen on screen that decided it; empty for checks not read from the picture.' }) seen!: SeenEvidence[];
}

@ObjectType()
export class DetectedIssue {
  @Field(() => String) code!: string;
  @Field(() => Severity) severity!: Severity;
  @Field(() => Int) penalty!: number;
  @Field(() => String) title!: string;
  @Field(() => String) detail!: string;
  @Field(() => Float, { nullable: true }) atSeconds!: number | null;
  @Field(() => [Platform]) platforms!: Platform[];
  @Field(() => String) evidence!: string;
  @Field(() => [SeenEvidence], { description: 'The words (or faces) seen, with box and time, for issues found on the picture; empty otherwise.' }) seen!: SeenEvidence[];
  /** Storage keys of the stills nearest atSeconds (perception issues: their stills with the boxes); `evidenceFrames` signs them per request. */
  evidenceFrameKeys!: string[];
}

@ObjectType()
export class Recommendation {
  @Field(() => Int, { description: 'Rank: 1 = do first (by severity, impact, then least effort).' }) priority!: number;
  @Field(() => ActionCategory) category!: ActionCategory;
  @Field(() => String, { nullable: true, description: 'The metric, issue, platform or audience code it is about.' }) target!: string | null;
  @Field(() => String) text!: string;
  @Field(() => Float, { nullable: true }) atSeconds!: number | null;
  @Field(() => Severity) severity!: Severity;
  @Field(() => Impact) impact!: Impact;
  @Field(() => Effort) effort!: Effort;
  @Field(() => String, { nullable: true, description: 'atSeconds as "0:03".' }) timestampLabel!: string | null;
  @Field(() => FindingSource, { description: 'MODEL (OpenAI) or RULES (templates).' }) source!: FindingSource;
}

export enum CreativeMetricCode {
  HOOK = 'HOOK',
  STORYTELLING = 'STORYTELLING',
  EMOTIONAL_CONNECTION = 'EMOTIONAL_CONNECTION',
  AUDIO_VOICE_SUBTITLES = 'AUDIO_VOICE_SUBTITLES',
  PRODUCT_FOCUS = 'PRODUCT_FOCUS',
  VALUE_PROPOSITION = 'VALUE_PROPOSITION',
  CALL_TO_ACTION = 'CALL_TO_ACTION',
  COMMUNITY = 'COMMUNITY',
  RESOLUTION_QUALITY = 'RESOLUTION_QUALITY',
}
registerEnumType(CreativeMetricCode, {
  name: 'CreativeMetricCode',
  description: 'The nine creative metrics.',
  valuesConfig: {
    HOOK: { description: '3-second hook' },
    STORYTELLING: { description: 'Storytelling with contrast' },
    EMOTIONAL_CONNECTION: { description: 'Emotional connection' },
    AUDIO_VOICE_SUBTITLES: { description: 'Music, voice-over and subtitles' },
    PRODUCT_FOCUS: { description: 'Product or service focus' },
    VALUE_PROPOSITION: { description: 'Value proposition' },
    CALL_TO_ACTION: { description: 'Call to action' },
    COMMUNITY: { description: 'Community' },
    RESOLUTION_QUALITY: { description: 'Video resolution and quality' },
  },
});

@ObjectType({ description: 'One of the nine creative metrics, 0–100, with what went well and what to improve.' })
export class CreativeMetric {
  @Field(() => CreativeMetricCode) code!: CreativeMetricCode;
  @Field(() => String, { description: 'In the result language.' }) title!: string;
  @Field(() => Int) score!: number;
  @Field(() => Grade) grade!: Grade;
  @Field(() => [String]) wentWell!: string[];
  @Field(() => [String]) toImprove!: string[];
  @Field(() => String, { description: 'What the score rests on; rule-based estimates say when they have little signal.' }) evidence!: string;
  @Field(() => Float, { nullable: true }) atSeconds!: number | null;
  @Field(() => FindingSource, { description: 'MODEL (judged by Gemini watching the video) or RULES (measured signals).' }) source!: FindingSource;
}

@ObjectType()
export class AudienceScore {
  @Field(() => Audience) audience!: Audience;
  @Field(() => Int, { description: '0–100' }) score!: number;
  @Field(() => String) reasoning!: string;
  @Field(() => FindingSource) source!: FindingSource;
}

@ObjectType({ description: 'Points taken off the score for one kind of issue.' })
export class ScorePenalty {
  @Field(() => String) issueCode!: string;
  @Field(() => Int) points!: number;
}

@ObjectType({ description: 'The recommendations about one metric, issue, platform or audience, in rank order.' })
export class ActionGroup {
  @Field(() => ActionCategory) category!: ActionCategory;
  @Field(() => String, { description: "The metric, issue, platform or audience code; 'GENERAL' when an action names none." }) target!: string;
  @Field(() => String) title!: string;
  @Field(() => [Recommendation]) recommendations!: Recommendation[];
}

@ObjectType({ description: 'The recommendations grouped four ways.' })
export class ActionGroups {
  @Field(() => [ActionGroup]) byMetric!: ActionGroup[];
  @Field(() => [ActionGroup]) byIssue!: ActionGroup[];
  @Field(() => [ActionGroup]) byPlatform!: ActionGroup[];
  @Field(() => [ActionGroup]) byAudience!: ActionGroup[];
}

@ObjectType({ description: 'What one stage used of a paid AI provider.' })
export class AiUsage {
  @Field(() => String) provider!: string;
  @Field(() => String) model!: string;
  @Field(() => AiPurpose) purpose!: AiPurpose;
  @Field(() => Int, { nullable: true }) inputTokens!: number | null;
  @Field(() => Int, { nullable: true }) outputTokens!: number | null;
  @Field(() => Float, { nullable: true }) audioSeconds!: number | null;
}

@ObjectType()
export class CostItem {
  @Field(() => String) provider!: string;
  @Field(() => String) model!: string;
  @Field(() => String) purpose!: string;
  @Field(() => Float) quantity!: number;
  @Field(() => CostUnit) unit!: CostUnit;
  @Field(() => Float) usd!: number;
}

@ObjectType({ description: 'What the analysis cost, from the usage the providers reported and list prices.' })
export class AnalysisCost {
  @Field(() => Float) totalUsd!: number;
  @Field(() => [CostItem]) items!: CostItem[];
}

@ObjectType({ description: 'A paid engine that failed and was replaced by the offline one (AI_FALLBACK=offline).' })
export class EngineFallback {
  @Field(() => AiPurpose) stage!: AiPurpose;
  @Field(() => String) engine!: string;
  @Field(() => String, { description: 'The error code that caused it.' }) code!: string;
}

@ObjectType()
export class AnalysisResult {
  @Field(() => Int, { description: '0–100' }) score!: number;
  @Field(() => Grade) grade!: Grade;
  @Field(() => Int) scoreBeforePenalties!: number;
  @Field(() => Int, { nullable: true, description: 'Share of decided checks passed, ×100.' }) abcdScore!: number | null;
  @Field(() => String) summary!: string;
  @Field(() => String) provider!: string;
  @Field(() => String, { nullable: true }) model!: string | null;
  @Field(() => String, { nullable: true }) promptVersion!: string | null;
  @Field(() => Boolean, { description: 'True when the findings come from deterministic rules, not a model.' }) ruleBased!: boolean;
  @Field(() => AnalyzedMediaFacts) media!: AnalyzedMediaFacts;
  @Field(() => MediaReuse, { nullable: true, description: 'null in results stored before fingerprints existed.' }) reuse!: MediaReuse | null;
  @Field(() => Transcript) transcript!: Transcript;
  @Field(() => [AnalysisCheck]) checks!: AnalysisCheck[];
  @Field(() => [DetectedIssue]) detectedIssues!: DetectedIssue[];
  @Field(() => [Recommendation], { description: 'Ranked: priority 1 first.' }) recommendations!: Recommendation[];
  @Field(() => ResultLanguage, { description: 'Language of the texts.' }) language!: ResultLanguage;
  @Field(() => [ScorePenalty], { description: 'score = scoreBeforePenalties − Σ points, clamped to 0–100.' }) penalties!: ScorePenalty[];
  @Field(() => [CreativeMetric], { description: 'The nine creative metrics; their weighted mean is scoreBeforePenalties.' }) creativeMetrics!: CreativeMetric[];
  @Field(() => [AudienceScore], { description: 'The requested audiences (all four when none were).' }) audienceScores!: AudienceScore[];
  @Field(() => ActionGroups, { description: 'The recommendations grouped by metric, issue, platform and audience.' }) actions!: ActionGroups;
  @Field(() => [AiUsage]) usage!: AiUsage[];
  @Field(() => AnalysisCost) cost!: AnalysisCost;
  @Field(() => [EngineFallback], { description: 'Paid engines the offline ones stood in for; empty when none failed.' }) fallbacks!: EngineFallback[];
}

@ObjectType()
export class TaskEvent {
  @Field(() => ID) taskId!: string;
  @Field(() => Int, { description: '1, 2, 3… per task; resume with taskUpdated(afterSequence:).' }) sequence!: number;
  @Field(() => TaskStatus) status!: TaskStatus;
  @Field(() => Int) progress!: number;
  @Field(() => String, { nullable: true }) message!: string | null;
  @Field(() => DateTimeResolver) at!: Date;
  @Field(() => TaskError, { nullable: true }) error!: TaskError | null;
}

@ObjectType()
export class Video {
  @Field(() => ID) id!: string;
  @Field(() => String) filename!: string;
  @Field(() => String, { nullable: true }) title!: string | null;
  @Field(() => String) contentType!: string;
  @Field(() => Float, { description: 'Declared at createVideoUpload.' }) declaredSizeBytes!: number;
  @Field(() => Float, { nullable: true, description: 'Measured in storage at confirm.' }) sizeBytes!: number | null;
  @Field(() => VideoStatus) status!: VideoStatus;
  @Field(() => TaskError, { nullable: true }) rejection!: TaskError | null;
  @Field(() => MediaFacts, { nullable: true }) media!: MediaFacts | null;
  @Field(() => DateTimeResolver) createdAt!: Date;
  @Field(() => DateTimeResolver, { nullable: true }) uploadedAt!: Date | null;
  ownerId!: string | null;
}

@ObjectType()
export class Task {
  @Field(() => ID) id!: string;
  @Field(() => TaskStatus) status!: TaskStatus;
  @Field(() => Int) progress!: number;
  @Field(() => TaskError, { nullable: true }) error!: TaskError | null;
  @Field(() => AnalysisResult, { nullable: true }) result!: AnalysisResult | null;
  @Field(() => Int, { description: 'Sequence of the latest event.' }) lastSequence!: number;
  @Field(() => DateTimeResolver) createdAt!: Date;
  @Field(() => DateTimeResolver, { nullable: true }) startedAt!: Date | null;
  @Field(() => DateTimeResolver, { nullable: true }) finishedAt!: Date | null;
  videoId!: string;
  ownerId!: string | null;
}

@ObjectType()
export class PageInfo {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => Boolean) hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true }) startCursor!: string | null;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

@ObjectType()
export class VideoEdge {
  @Field(() => String) cursor!: string;
  @Field(() => Video) node!: Video;
}

@ObjectType()
export class VideoConnection {
  @Field(() => [VideoEdge]) edges!: VideoEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

@ObjectType()
export class TaskEdge {
  @Field(() => String) cursor!: string;
  @Field(() => Task) node!: Task;
}

@ObjectType()
export class TaskConnection {
  @Field(() => [TaskEdge]) edges!: TaskEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

@InputType()
export class AnalysisOptionsInput {
  @Field(() => [Platform], { nullable: true }) platforms?: Platform[] | null;
  @Field(() => [Audience], { nullable: true }) audiences?: Audience[] | null;
  @Field(() => String, { nullable: true, description: 'en, pt, …; detected from speech when omitted.' }) language?: string | null;
  @Field(() => String, { nullable: true }) objective?: string | null;
  @Field(() => String, { nullable: true, description: 'Brand name as spoken; enables the BRAND_MENTION_EARLY check (ABCD).' }) brand?: string | null;
}

@InputType()
export class CreateVideoUploadInput {
  @Field(() => String) filename!: string;
  @Field(() => String) contentType!: string;
  @Field(() => Int) sizeBytes!: number;
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Any unique string (e.g. a UUID) per intended upload: repeating it returns the same video with a fresh URL, never a second video, also when calls race. CONFLICT when reused with another size or content type.',
  })
  idempotencyKey?: string | null;
}

@ObjectType()
export class CreateVideoUploadPayload {
  @Field(() => Video) video!: Video;
  @Field(() => String) uploadUrl!: string;
  @Field(() => String) uploadMethod!: string;
  @Field(() => [HttpHeader]) uploadHeaders!: HttpHeader[];
  @Field(() => DateTimeResolver) expiresAt!: Date;
}

@InputType()
export class ConfirmVideoUploadInput {
  @Field(() => ID) videoId!: string;
  @Field(() => AnalysisOptionsInput, { nullable: true }) analysis?: AnalysisOptionsInput | null;
}

@ObjectType()
export class ConfirmVideoUploadPayload {
  @Field(() => Video) video!: Video;
  @Field(() => Task) task!: Task;
}

@InputType()
export class AnalyzeVideoInput {
  @Field(() => ID) videoId!: string;
  @Field(() => AnalysisOptionsInput, { nullable: true }) analysis?: AnalysisOptionsInput | null;
  @Field(() => String, {
    nullable: true,
    description: 'Repeating a key returns the task the first call started, never a second one, also when calls race. CONFLICT when reused for another video.',
  })
  idempotencyKey?: string | null;
}

@ObjectType()
export class AnalyzeVideoPayload {
  @Field(() => Task) task!: Task;
}
