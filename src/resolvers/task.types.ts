// GraphQL types of analysis tasks: the task, its events, pages of tasks, and starting one.
// Every field has an explicit type function: tsx/esbuild emit no decorator metadata, so nothing may
// rely on reflected types.
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { Audience, Platform, TaskStatus } from '../domain/model.js';
import { PageInfo, TaskError } from './common.types.js';
import { AnalysisResult } from './result.types.js';

registerEnumType(TaskStatus, { name: 'TaskStatus', description: 'Where a task is in the analysis pipeline.' });

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
  @Field(() => String, { nullable: true, description: 'Brand name as spoken; enables the BRAND_MENTION_EARLY check (ABCD).' })
  brand?: string | null;
}

@InputType()
export class AnalyzeVideoInput {
  @Field(() => ID) videoId!: string;
  @Field(() => AnalysisOptionsInput, { nullable: true }) analysis?: AnalysisOptionsInput | null;
  @Field(() => String, {
    nullable: true,
    description:
      'Repeating a key returns the task the first call started, never a second one, also when calls race. ' +
      'CONFLICT when reused for another video.',
  })
  idempotencyKey?: string | null;
}

@ObjectType()
export class AnalyzeVideoPayload {
  @Field(() => Task) task!: Task;
}
