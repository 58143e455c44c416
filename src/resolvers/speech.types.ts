// GraphQL types for speech and captions inside a result (Transcript.captions), code-first. Kept apart
// from ./types.ts, which imports them, so neither file imports the other.
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum CaptionSource {
  SIDECAR = 'SIDECAR',
  EMBEDDED = 'EMBEDDED',
}
registerEnumType(CaptionSource, {
  name: 'CaptionSource',
  valuesConfig: {
    SIDECAR: { description: 'A SubRip or WebVTT file attached with createCaptionUpload.' },
    EMBEDDED: { description: 'A subtitle stream inside the video file (mov_text, SubRip, WebVTT, ASS…).' },
  },
});

@ObjectType({ description: 'One recognised word; seconds from the start.' })
export class TranscriptWord {
  @Field(() => Float) start!: number;
  @Field(() => Float) end!: number;
  @Field(() => String) word!: string;
  @Field(() => Float, { nullable: true, description: "The engine's confidence, 0–1; null when it gives none." }) confidence!: number | null;
}

@ObjectType({ description: 'A caption cue; seconds from the start, plain text (markup removed).' })
export class CaptionCue {
  @Field(() => Float) start!: number;
  @Field(() => Float) end!: number;
  @Field(() => String) text!: string;
}

@ObjectType({ description: 'A caption track found for the video.' })
export class CaptionTrack {
  @Field(() => CaptionSource) source!: CaptionSource;
  @Field(() => ID, { nullable: true, description: 'The track in Video.captions; null when it is not recorded there.' }) captionId!:
    string | null;
  @Field(() => Int, { nullable: true, description: "Position among the file's subtitle streams; null for sidecars." }) streamIndex!:
    number | null;
  @Field(() => String, { nullable: true, description: 'srt or vtt for sidecars; the codec of a stream (mov_text, subrip, webvtt, ass…).' })
  format!: string | null;
  @Field(() => String, { nullable: true, description: 'Declared, or detected from the text (en, pt) when not declared.' }) language!:
    string | null;
  @Field(() => Boolean) languageDetected!: boolean;
  @Field(() => Int) cueCount!: number;
  @Field(() => String, { nullable: true, description: 'Why the track could not be read (e.g. picture subtitles); null when it was.' })
  error!: string | null;
}

@ObjectType({
  description:
    'Captions of the video and how they match the speech. Newer sidecars are preferred to older ones and to streams in the file, unless known to be in another language than the analysis.',
})
export class CaptionFacts {
  @Field(() => Boolean) present!: boolean;
  @Field(() => CaptionSource, { nullable: true, description: 'Where the track described here comes from; null without captions.' })
  source!: CaptionSource | null;
  @Field(() => String, { nullable: true }) language!: string | null;
  @Field(() => Boolean, { description: 'The language was detected from the cue text, not declared.' }) languageDetected!: boolean;
  @Field(() => Int) cueCount!: number;
  @Field(() => Float, { description: 'Seconds with a cue on screen.' }) captionSeconds!: number;
  @Field(() => Float, { nullable: true, description: 'Seconds of recognised speech; null without a transcript.' }) speechSeconds!:
    number | null;
  @Field(() => Float, { nullable: true, description: 'Share (0–1) of the speech time covered by cues; null without recognised speech.' })
  coverage!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'Word overlap (Dice, 0–1) between caption text and the words recognised while each cue was shown (±0.5 s). A measurement, not a verdict: offline recognition gets about half the words wrong. null without both.',
  })
  agreement!: number | null;
  @Field(() => Float, { nullable: true }) firstCueAt!: number | null;
  @Field(() => [CaptionCue], { description: 'Cues of the track described here (at most 500).' }) cues!: CaptionCue[];
  @Field(() => [CaptionTrack], { description: 'Every track found, the unreadable ones included.' }) tracks!: CaptionTrack[];
}
