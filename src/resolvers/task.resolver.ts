import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from './context.js';
import { toEvent, toTask, toVideo } from './mappers.js';
import { toConnection } from './connection.js';
import { AppError, ErrorCode } from '../errors.js';
import { TaskStatus, type TaskEventRow } from '../domain/model.js';
import { Task, TaskConnection, TaskEvent } from './task.types.js';
import { Video } from './video.types.js';

@Resolver(() => Task)
export class TaskResolver {
  @Query(() => Task, { nullable: true })
  async task(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Task | null> {
    try {
      return toTask(await ctx.services.tasks.get(ctx.caller, id));
    } catch (e) {
      if ((e as { code?: string }).code === ErrorCode.NOT_FOUND) return null;
      throw e;
    }
  }

  @Query(() => TaskConnection, { description: 'Your tasks, newest first, optionally by status.' })
  async tasks(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('status', () => TaskStatus, { nullable: true }) status?: TaskStatus,
  ): Promise<TaskConnection> {
    return toConnection(await ctx.services.tasks.list(ctx.caller, { first, after, status }), after, toTask);
  }

  @FieldResolver(() => Video)
  async video(@Root() task: Task, @Ctx() ctx: Context): Promise<Video> {
    const v = await ctx.loaders.videoById.load(task.videoId);
    if (!v) throw new AppError(ErrorCode.NOT_FOUND, 'Video not found');
    return toVideo(v);
  }

  @FieldResolver(() => [TaskEvent], { description: 'The full event log, in sequence order.' })
  async events(@Root() task: Task, @Ctx() ctx: Context): Promise<TaskEvent[]> {
    return (await ctx.loaders.eventsByTaskId.load(task.id)).map(toEvent);
  }

  @Mutation(() => Task, { description: 'Stops a queued or running task; CANCELLED is final.' })
  async cancelTask(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Task> {
    return toTask(await ctx.services.tasks.cancel(ctx.caller, id));
  }

  @Subscription(() => TaskEvent, {
    description:
      'Replays logged events after `afterSequence` (all when omitted), then streams live ones with no gap or duplicate, ' +
      'and completes after COMPLETED, FAILED or CANCELLED. Reconnect with the last sequence you saw to miss nothing.',
    subscribe: async ({ args, context }) => {
      const ctx = context as Context;
      return ctx.services.tasks.subscribe(ctx.caller, args.taskId as string, args.afterSequence as number | null | undefined);
    },
  })
  taskUpdated(
    @Root() event: TaskEventRow,
    @Arg('taskId', () => ID) _taskId: string,
    @Arg('afterSequence', () => Int, { nullable: true }) _afterSequence?: number,
  ): TaskEvent {
    return toEvent(event);
  }
}
