// GraphQL types of videos: the video, pages of videos, and the upload handshake.
// Every field has an explicit type function: tsx/esbuild emit no decorator metadata, so nothing may
// rely on reflected types.
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { VideoStatus } from '../domain/model.js';
import { HttpHeader, PageInfo, TaskError } from './common.types.js';
import { MediaFacts } from './media.types.js';
import { AnalysisOptionsInput, Task } from './task.types.js';

registerEnumType(VideoStatus, { name: 'VideoStatus' });

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

@InputType()
export class CreateVideoUploadInput {
  @Field(() => String) filename!: string;
  @Field(() => String) contentType!: string;
  @Field(() => Int) sizeBytes!: number;
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      'Any unique string (e.g. a UUID) per intended upload: repeating it returns the same video with a fresh URL, ' +
      'never a second video, also when calls race. CONFLICT when reused with another size or content type.',
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
