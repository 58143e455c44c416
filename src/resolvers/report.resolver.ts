import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from './context.js';
import { TaskStatus } from '../domain/model.js';
import { Task } from './task.types.js';

@Resolver(() => Task)
export class TaskReportResolver {
  /** Signed when read, like the stills: nothing to store, and the link's lifetime is the config's. */
  @FieldResolver(() => String, {
    nullable: true,
    description:
      'A signed, time-limited link to the visual report (HTML; add &format=pdf for a PDF where the server has Chromium). Null until the task is COMPLETED.',
  })
  reportUrl(@Root() task: Task, @Ctx() ctx: Context): string | null {
    return task.status === TaskStatus.COMPLETED ? ctx.services.reports.url(task.id) : null;
  }
}
