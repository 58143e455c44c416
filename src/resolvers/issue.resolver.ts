import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from './context.js';
import { DetectedIssue } from './result.types.js';

@Resolver(() => DetectedIssue)
export class DetectedIssueResolver {
  /** Signed per request like the media thumbnails: stored results hold only keys. */
  @FieldResolver(() => [String], { description: 'Time-limited URLs of the stills nearest the issue’s moment (empty when it has none).' })
  async evidenceFrames(@Root() issue: DetectedIssue, @Ctx() ctx: Context): Promise<string[]> {
    return Promise.all((issue.evidenceFrameKeys ?? []).map((key) => ctx.services.storage.presignDownload(key)));
  }
}
