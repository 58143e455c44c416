// GraphQL types of the media facts: ffprobe's streams and what the one-pass ffmpeg analysis measured.
// Every field has an explicit type function: tsx/esbuild emit no decorator metadata, so nothing may
// rely on reflected types.
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { THUMBNAIL_KINDS, type ThumbnailKind } from '../domain/media.js';
import { enumOf } from './common.types.js';
import { PerceptionFacts } from './perception.types.js';

// Fixed sets as GraphQL enums over const objects, stored values mapped: see ./result.types.ts.

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

const ThumbnailKindEnum = enumOf(THUMBNAIL_KINDS);
registerEnumType(ThumbnailKindEnum, {
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
  @Field(() => ThumbnailKindEnum) kind!: ThumbnailKind;
  @Field(() => Float, { description: 'Time of the frame shown.' }) atSeconds!: number;
  /** Storage key; `url` signs it per request. */
  key!: string;
}

@ObjectType({ description: 'A fact the analysis could not measure, and why (no such stream, a filter missing from ffmpeg).' })
export class UnmeasuredFact {
  @Field(() => MeasuredFact) fact!: MeasuredFact;
  @Field(() => String) reason!: string;
}

@ObjectType({
  description: 'Measured facts about the file: ffprobe, plus what one ffmpeg decode pass measured. Lists are null when not measured.',
})
export class AnalyzedMediaFacts extends MediaFacts {
  @Field(() => LoudnessFacts, { nullable: true }) loudness!: LoudnessFacts | null;
  @Field(() => [TimeSegment], { nullable: true, description: 'Stretches below −50 dBFS lasting ≥ 0.5 s.' }) silences!: TimeSegment[] | null;
  @Field(() => Float, { nullable: true, description: 'Seconds of silence the video opens with; 0 when sound starts at once.' })
  silentOpeningSeconds!: number | null;
  @Field(() => SceneDetector, { nullable: true, description: 'null when no cut detection ran.' }) sceneDetector!: SceneDetector | null;
  @Field(() => [TimeSegment], { nullable: true, description: 'Shot list, from scene cuts.' }) shots!: TimeSegment[] | null;
  @Field(() => Float, { nullable: true, description: 'First scene cut, seconds; null for one continuous shot.' })
  firstCutAt!: number | null;
  @Field(() => Float, { nullable: true }) averageShotSeconds!: number | null;
  @Field(() => Int, { nullable: true, description: 'Most shots within any 5 s window.' }) maxShotsIn5s!: number | null;
  @Field(() => [Int], { nullable: true, description: 'Shots seen in each 5 s window: [0,5), [5,10), …' }) shotsPer5s!: number[] | null;
  @Field(() => [TimeSegment], { nullable: true }) blackSegments!: TimeSegment[] | null;
  @Field(() => [TimeSegment], { nullable: true, description: 'Stretches where the picture does not change (≥ 1 s).' })
  frozenSegments!: TimeSegment[] | null;
  @Field(() => [MediaThumbnail]) thumbnails!: MediaThumbnail[];
  @Field(() => [UnmeasuredFact]) unmeasured!: UnmeasuredFact[];
  @Field(() => PerceptionFacts, {
    nullable: true,
    description: 'On-screen text and faces/people on sampled frames; null in results stored before perception existed.',
  })
  perception!: PerceptionFacts | null;
}
