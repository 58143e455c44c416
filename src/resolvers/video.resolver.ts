import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from './context.js';
import { toTask, toVideo } from './mappers.js';
import { toConnection } from './connection.js';
import { AnalyzeVideoInput, AnalyzeVideoPayload, Task } from './task.types.js';
import {
  ConfirmVideoUploadInput,
  ConfirmVideoUploadPayload,
  CreateVideoUploadInput,
  CreateVideoUploadPayload,
  Video,
  VideoConnection,
} from './video.types.js';

@Resolver(() => Video)
export class VideoResolver {
  @Query(() => Video, { nullable: true, description: 'A video of yours; null when there is none with that id.' })
  async video(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Video | null> {
    try {
      return toVideo(await ctx.services.videos.get(ctx.caller, id));
    } catch (e) {
      if ((e as { code?: string }).code === 'NOT_FOUND') return null;
      throw e;
    }
  }

  @Query(() => VideoConnection, { description: 'Your videos, newest first (Relay cursor connection).' })
  async videos(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<VideoConnection> {
    return toConnection(await ctx.services.videos.list(ctx.caller, { first, after }), after, toVideo);
  }

  @FieldResolver(() => [Task], { description: 'Analyses of this video, newest first.' })
  async tasks(@Root() video: Video, @Ctx() ctx: Context): Promise<Task[]> {
    return (await ctx.loaders.tasksByVideoId.load(video.id)).map(toTask);
  }

  @Mutation(() => CreateVideoUploadPayload, { description: 'Step 1: a signed URL to PUT the video to, straight to storage.' })
  async createVideoUpload(
    @Arg('input', () => CreateVideoUploadInput) input: CreateVideoUploadInput,
    @Ctx() ctx: Context,
  ): Promise<CreateVideoUploadPayload> {
    const { video, upload } = await ctx.services.uploads.createVideoUpload(ctx.caller, input);
    return {
      video: toVideo(video),
      uploadUrl: upload.url,
      uploadMethod: upload.method,
      uploadHeaders: upload.headers,
      expiresAt: upload.expiresAt,
    };
  }

  @Mutation(() => ConfirmVideoUploadPayload, { description: 'Step 2: check the upload and start its analysis. Idempotent.' })
  async confirmVideoUpload(
    @Arg('input', () => ConfirmVideoUploadInput) input: ConfirmVideoUploadInput,
    @Ctx() ctx: Context,
  ): Promise<ConfirmVideoUploadPayload> {
    const { video, task } = await ctx.services.uploads.confirmVideoUpload(ctx.caller, {
      videoId: input.videoId,
      analysis: clean(input.analysis),
    });
    return { video: toVideo(video), task: toTask(task) };
  }

  @Mutation(() => AnalyzeVideoPayload, { description: 'Analyse an uploaded video again, e.g. for other platforms.' })
  async analyzeVideo(@Arg('input', () => AnalyzeVideoInput) input: AnalyzeVideoInput, @Ctx() ctx: Context): Promise<AnalyzeVideoPayload> {
    const task = await ctx.services.uploads.analyzeVideo(ctx.caller, {
      videoId: input.videoId,
      analysis: clean(input.analysis),
      idempotencyKey: input.idempotencyKey,
    });
    return { task: toTask(task) };
  }
}

function clean(a: ConfirmVideoUploadInput['analysis']) {
  if (!a) return null;
  return {
    platforms: a.platforms ?? undefined,
    audiences: a.audiences ?? undefined,
    language: a.language ?? undefined,
    objective: a.objective ?? undefined,
    brand: a.brand ?? undefined,
  };
}
