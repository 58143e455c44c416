import { Arg, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from 'type-graphql';
import { toSrt, toVtt } from '../analysis/captions.js';
import { PAGED_FIELDS } from '../graphql-cost.js';
import { pageWindow } from '../services/input-rules.js';
import type { Context } from './context.js';
import { toCaption } from './mappers.js';
import { Transcript } from './result.types.js';
import { Video } from './video.types.js';
import { CaptionCue } from './speech.types.js';
import {
  Caption,
  ConfirmCaptionUploadInput,
  ConfirmCaptionUploadPayload,
  CreateCaptionUploadInput,
  CreateCaptionUploadPayload,
} from './caption.types.js';

/** The page sizes the cost limit counts for Caption.cues. */
const CUES_PAGE = PAGED_FIELDS['Caption.cues']!;

@Resolver(() => Caption)
export class CaptionResolver {
  @Mutation(() => CreateCaptionUploadPayload, {
    description: 'Step 1 of attaching captions to a video of yours: a signed URL to PUT a SubRip or WebVTT file to.',
  })
  async createCaptionUpload(
    @Arg('input', () => CreateCaptionUploadInput) input: CreateCaptionUploadInput,
    @Ctx() ctx: Context,
  ): Promise<CreateCaptionUploadPayload> {
    const { caption, upload } = await ctx.services.captions.createCaptionUpload(ctx.caller, input);
    return {
      caption: toCaption(caption),
      uploadUrl: upload.url,
      uploadMethod: upload.method,
      uploadHeaders: upload.headers,
      expiresAt: upload.expiresAt,
    };
  }

  @Mutation(() => ConfirmCaptionUploadPayload, {
    description:
      'Step 2: read and parse the uploaded file. A malformed file is BAD_USER_INPUT with `extensions.line`. Idempotent once READY.',
  })
  async confirmCaptionUpload(
    @Arg('input', () => ConfirmCaptionUploadInput) input: ConfirmCaptionUploadInput,
    @Ctx() ctx: Context,
  ): Promise<ConfirmCaptionUploadPayload> {
    return { caption: toCaption(await ctx.services.captions.confirmCaptionUpload(ctx.caller, { captionId: input.captionId })) };
  }

  @FieldResolver(() => [CaptionCue], {
    description: `A page of the parsed cues: \`first\` (default ${CUES_PAGE.default}, at most ${CUES_PAGE.max}) from \`offset\` (default 0); \`cueCount\` has the total. The query cost limit counts the page size.`,
  })
  cues(
    @Root() caption: Caption,
    @Arg('first', () => Int, { nullable: true, description: `Cues to return (default ${CUES_PAGE.default}, at most ${CUES_PAGE.max}).` })
    first?: number | null,
    @Arg('offset', () => Int, { nullable: true, description: 'Cues to skip. (Default: 0)' }) offset?: number | null,
  ): CaptionCue[] {
    const page = pageWindow(first, offset, CUES_PAGE);
    return caption.cueList.slice(page.offset, page.offset + page.first);
  }
}

@Resolver(() => Video)
export class VideoCaptionsResolver {
  @FieldResolver(() => [Caption], {
    description: 'Caption tracks of this video, newest first: attached sidecars and the subtitle streams analyses found in the file.',
  })
  async captions(@Root() video: Video, @Ctx() ctx: Context): Promise<Caption[]> {
    return (await ctx.loaders.captionsByVideoId.load(video.id)).map(toCaption);
  }
}

@Resolver(() => Transcript)
export class TranscriptExportResolver {
  @FieldResolver(() => String, { nullable: true, description: 'The segments as SubRip (.srt); null without a transcript.' })
  srt(@Root() t: Transcript): string | null {
    return t.available ? toSrt(t.segments) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'The segments as WebVTT (.vtt); null without a transcript.' })
  vtt(@Root() t: Transcript): string | null {
    return t.available ? toVtt(t.segments) : null;
  }
}
