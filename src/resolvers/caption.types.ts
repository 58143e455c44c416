// GraphQL types for caption tracks attached to a video and their upload, code-first.
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import type { CaptionCue as Cue } from '../domain/transcript.js';
import { HttpHeader } from './common.types.js';
import { CaptionSource } from './speech.types.js';

export enum CaptionStatus {
  AWAITING_UPLOAD = 'AWAITING_UPLOAD',
  READY = 'READY',
  REJECTED = 'REJECTED',
}
registerEnumType(CaptionStatus, {
  name: 'CaptionStatus',
  valuesConfig: {
    AWAITING_UPLOAD: { description: 'Created; PUT the file, then confirmCaptionUpload.' },
    READY: { description: 'Parsed; the cues are used by the next analysis.' },
    REJECTED: { description: 'The file did not parse (see rejection); PUT a corrected file and confirm again.' },
  },
});

@ObjectType({ description: 'Why a caption file was rejected.' })
export class CaptionRejection {
  @Field(() => String) code!: string;
  @Field(() => String) message!: string;
  @Field(() => Int, { nullable: true, description: 'The 1-based line that did not parse.' }) line!: number | null;
}

@ObjectType({
  description: 'A caption track of a video: a sidecar file its owner attached, or a subtitle stream an analysis found in the file.',
})
export class Caption {
  @Field(() => ID) id!: string;
  @Field(() => CaptionSource) source!: CaptionSource;
  @Field(() => CaptionStatus) status!: CaptionStatus;
  @Field(() => String, { nullable: true, description: 'As declared at upload, or tagged on the stream.' }) language!: string | null;
  @Field(() => String, { nullable: true, description: 'Sidecars: the name given at upload.' }) filename!: string | null;
  @Field(() => String, { nullable: true }) contentType!: string | null;
  @Field(() => String, { nullable: true, description: 'srt or vtt, once read.' }) format!: string | null;
  @Field(() => Int, { nullable: true, description: "Embedded: position among the file's subtitle streams." }) streamIndex!: number | null;
  @Field(() => String, { nullable: true, description: 'Embedded: the stream codec (mov_text, subrip, webvtt, ass…).' }) codec!:
    string | null;
  @Field(() => Int, { nullable: true }) cueCount!: number | null;
  @Field(() => CaptionRejection, { nullable: true }) rejection!: CaptionRejection | null;
  @Field(() => DateTimeResolver) createdAt!: Date;
  @Field(() => DateTimeResolver, { nullable: true }) readyAt!: Date | null;
  /** Parsed cues; exposed through CaptionResolver.cues. */
  cueList!: Cue[];
  videoId!: string;
}

@InputType()
export class CreateCaptionUploadInput {
  @Field(() => ID) videoId!: string;
  @Field(() => String) filename!: string;
  @Field(() => String, {
    description: 'text/vtt, application/x-subrip or text/plain (read as WebVTT when it starts with "WEBVTT", else SubRip).',
  })
  contentType!: string;
  @Field(() => Int, { description: 'At most 2 MiB.' }) sizeBytes!: number;
  @Field(() => String, { nullable: true, description: 'en, pt-BR, …; detected from the text when omitted.' }) language?: string | null;
}

@ObjectType()
export class CreateCaptionUploadPayload {
  @Field(() => Caption) caption!: Caption;
  @Field(() => String) uploadUrl!: string;
  @Field(() => String) uploadMethod!: string;
  @Field(() => [HttpHeader]) uploadHeaders!: HttpHeader[];
  @Field(() => DateTimeResolver) expiresAt!: Date;
}

@InputType()
export class ConfirmCaptionUploadInput {
  @Field(() => ID) captionId!: string;
}

@ObjectType()
export class ConfirmCaptionUploadPayload {
  @Field(() => Caption) caption!: Caption;
}
