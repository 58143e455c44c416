// GraphQL types of the analysis result: transcript, checks, issues, metrics, recommendations, cost.
// Every field has an explicit type function: tsx/esbuild emit no decorator metadata, so nothing may
// rely on reflected types.
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { METRIC_CODES, type CreativeMetricCode } from '../domain/metrics.js';
import { Audience, Platform } from '../domain/model.js';
import { enumOf } from './common.types.js';
import { AnalyzedMediaFacts } from './media.types.js';
import { SeenEvidence } from './perception.types.js';
import { MediaReuse } from './reuse.types.js';
import { CaptionFacts, TranscriptWord } from './speech.types.js';

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
  valuesConfig: {
    LOW: { description: 'A few points at most.' },
    MEDIUM: { description: 'A noticeable gain.' },
    HIGH: { description: 'A large gain (a heavy penalty or a weak key metric).' },
  },
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
  valuesConfig: {
    LOW: { description: 'Re-export or remix.' },
    MEDIUM: { description: 'Re-edit the footage.' },
    HIGH: { description: 'New footage or a rewrite.' },
  },
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
  valuesConfig: {
    MODEL: { description: 'A model (Gemini watching the video, OpenAI writing recommendations).' },
    RULES: { description: 'Deterministic rules over measured signals, or templates.' },
  },
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

export const ResultLanguage = {
  EN: 'en',
  PT: 'pt',
} as const;
export type ResultLanguage = (typeof ResultLanguage)[keyof typeof ResultLanguage];
registerEnumType(ResultLanguage, {
  name: 'ResultLanguage',
  description: 'Language of the result texts.',
  valuesConfig: { EN: { description: 'English' }, PT: { description: 'Portuguese' } },
});

@ObjectType()
export class TranscriptSegment {
  @Field(() => Float) start!: number;
  @Field(() => Float) end!: number;
  @Field(() => String) text!: string;
  @Field(() => Float, { nullable: true }) confidence!: number | null;
  @Field(() => [TranscriptWord], { nullable: true, description: 'Word timings, when the engine gives them.' })
  words!: TranscriptWord[] | null;
}

@ObjectType({ description: 'Speech recognised in the audio, and the captions found for the video. `srt` and `vtt` export the segments.' })
export class Transcript {
  @Field(() => Boolean) available!: boolean;
  @Field(() => String, { nullable: true }) engine!: string | null;
  @Field(() => String, { nullable: true, description: 'Why there is no transcript, when there is none.' })
  unavailableReason!: string | null;
  @Field(() => String, {
    nullable: true,
    description: "ISO 639-1: the engine's, else detected from the text (en, pt), else the requested one.",
  })
  language!: string | null;
  @Field(() => String, { nullable: true }) text!: string | null;
  @Field(() => [TranscriptSegment]) segments!: TranscriptSegment[];
  @Field(() => Float, { nullable: true, description: 'Words per minute of speaking time; null without speech.' })
  wordsPerMinute!: number | null;
  @Field(() => Float, { nullable: true, description: 'Start of the first recognised word, seconds; null without speech.' })
  firstSpokenAt!: number | null;
  @Field(() => CaptionFacts, { nullable: true, description: 'null in results stored before captions were read.' })
  captions!: CaptionFacts | null;
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
  @Field(() => [SeenEvidence], { description: 'What was seen on screen that decided it; empty for checks not read from the picture.' })
  seen!: SeenEvidence[];
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
  @Field(() => [SeenEvidence], {
    description: 'The words (or faces) seen, with box and time, for issues found on the picture; empty otherwise.',
  })
  seen!: SeenEvidence[];
  /**
   * Storage keys of the stills nearest atSeconds (perception issues: their stills with the boxes);
   * `evidenceFrames` signs them per request.
   */
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

const CreativeMetricCodeEnum = enumOf(METRIC_CODES);
registerEnumType(CreativeMetricCodeEnum, {
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
  @Field(() => CreativeMetricCodeEnum) code!: CreativeMetricCode;
  @Field(() => String, { description: 'In the result language.' }) title!: string;
  @Field(() => Int) score!: number;
  @Field(() => Grade) grade!: Grade;
  @Field(() => [String]) wentWell!: string[];
  @Field(() => [String]) toImprove!: string[];
  @Field(() => String, { description: 'What the score rests on; rule-based estimates say when they have little signal.' })
  evidence!: string;
  @Field(() => Float, { nullable: true }) atSeconds!: number | null;
  @Field(() => FindingSource, { description: 'MODEL (judged by Gemini watching the video) or RULES (measured signals).' })
  source!: FindingSource;
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
  @Field(() => String, { description: "The metric, issue, platform or audience code; 'GENERAL' when an action names none." })
  target!: string;
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
  @Field(() => MediaReuse, { nullable: true, description: 'null in results stored before fingerprints existed.' })
  reuse!: MediaReuse | null;
  @Field(() => Transcript) transcript!: Transcript;
  @Field(() => [AnalysisCheck]) checks!: AnalysisCheck[];
  @Field(() => [DetectedIssue]) detectedIssues!: DetectedIssue[];
  @Field(() => [Recommendation], { description: 'Ranked: priority 1 first.' }) recommendations!: Recommendation[];
  @Field(() => ResultLanguage, { description: 'Language of the texts.' }) language!: ResultLanguage;
  @Field(() => [ScorePenalty], { description: 'score = scoreBeforePenalties − Σ points, clamped to 0–100.' }) penalties!: ScorePenalty[];
  @Field(() => [CreativeMetric], { description: 'The nine creative metrics; their weighted mean is scoreBeforePenalties.' })
  creativeMetrics!: CreativeMetric[];
  @Field(() => [AudienceScore], { description: 'The requested audiences (all four when none were).' }) audienceScores!: AudienceScore[];
  @Field(() => ActionGroups, { description: 'The recommendations grouped by metric, issue, platform and audience.' })
  actions!: ActionGroups;
  @Field(() => [AiUsage]) usage!: AiUsage[];
  @Field(() => AnalysisCost) cost!: AnalysisCost;
  @Field(() => [EngineFallback], { description: 'Paid engines the offline ones stood in for; empty when none failed.' })
  fallbacks!: EngineFallback[];
}
